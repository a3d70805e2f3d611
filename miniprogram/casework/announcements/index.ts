// 信息发布 (case-management staff): their procuratorate's announcements — important case information
// and 检务公告, each row tagged with its category — drafts first, by status, with 起草 for a new item.
// A draft someone else wrote is marked 待我审核. The function
// refuses anyone but case management; the page then says so instead of a list.
import type { AnnouncementStaffView } from '../../../typings/publish';
import { call } from '../../utils/api';
import {
  PUBLICATION_STATUSES,
  staffListData,
  staffListMethods,
  statusTagClass,
} from '../../utils/publish';
import { formatTime } from '../../utils/time';

const PAGE_SIZE = 20;

interface Row {
  id: string;
  categoryName: string;
  title: string;
  statusName: string;
  statusClass: string;
  canApprove: boolean;
  people: string;
  when: string;
}

function toRow(v: AnnouncementStaffView): Row {
  return {
    id: v.id,
    categoryName: v.categoryName,
    title: v.title,
    statusName: v.statusName,
    statusClass: statusTagClass(v.status),
    canApprove: v.canApprove,
    people: `起草：${v.draftedByName}${v.approvedByName ? ` · 审核：${v.approvedByName}` : ''}`,
    when: v.publishedAt ? `发布：${formatTime(v.publishedAt)}` : '',
  };
}

Component({
  data: {
    ...staffListData(PUBLICATION_STATUSES),
    items: [] as Row[],
  },

  methods: {
    /** Back from the editor (onShow): statuses have changed, so the list is read again. */
    ...staffListMethods(
      (status, page) =>
        call('publish', 'announcement.staffList', {
          ...(status ? { status } : {}),
          page,
          pageSize: PAGE_SIZE,
        }),
      toRow,
    ),

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/casework/announcement-edit/index?id=${e.currentTarget.dataset.id}` });
    },

    onDraft(): void {
      wx.navigateTo({ url: '/casework/announcement-edit/index' });
    },
  },
});
