// 文书公开 (case-management staff): their procuratorate's legal documents, drafts first, by status,
// with 新建文书. Each opens its review page (original and masked text side by side); a draft of a
// case that may not be published is marked 不予公开. The function refuses anyone but case
// management; the page then says so instead of a list.
import type { DocumentStaffView } from '../../../typings/publish';
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
  title: string;
  typeName: string;
  caseNumber: string;
  statusName: string;
  statusClass: string;
  canApprove: boolean;
  blocked: boolean;
  people: string;
  when: string;
}

function toRow(v: DocumentStaffView): Row {
  return {
    id: v.id,
    title: v.title,
    typeName: v.typeName,
    caseNumber: v.caseNumber,
    statusName: v.statusName,
    statusClass: statusTagClass(v.status),
    canApprove: v.canApprove,
    blocked: v.status === 'draft' && !!v.unpublishable,
    people: `起草：${v.draftedByName}${v.approvedByName ? ` · 审核：${v.approvedByName}` : ''}`,
    when: v.publishedAt ? `公开：${formatTime(v.publishedAt)}` : '',
  };
}

Component({
  data: {
    // Documents are never withdrawn: drafts and published ones only.
    ...staffListData(PUBLICATION_STATUSES.filter((s) => s !== 'withdrawn')),
    items: [] as Row[],
  },

  methods: {
    /** Back from saving or reviewing (onShow): statuses have changed, so the list is read again. */
    ...staffListMethods(
      (status, page) =>
        call('publish', 'document.staffList', {
          ...(status ? { status } : {}),
          page,
          pageSize: PAGE_SIZE,
        }),
      toRow,
    ),

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/casework/document-review/index?id=${e.currentTarget.dataset.id}` });
    },

    onCreate(): void {
      wx.navigateTo({ url: '/casework/document-edit/index' });
    },
  },
});
