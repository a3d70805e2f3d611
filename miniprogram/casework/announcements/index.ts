// 信息发布 (case-management staff): their procuratorate's important case information, drafts first,
// by status, with 起草 for a new item. A draft someone else wrote is marked 待我审核. The function
// refuses anyone but case management; the page then says so instead of a list.
import type { ActionOutput, ActionResult } from '../../../typings/index';
import type { AnnouncementStaffView, PublicationStatus } from '../../../typings/publish';
import { call } from '../../utils/api';
import { loadMorePage, PAGED_INITIAL, refreshPage } from '../../utils/paged';
import {
  isRefusal,
  PUBLICATION_STATUS_NAMES,
  PUBLICATION_STATUSES,
  statusTagClass,
} from '../../utils/publish';
import { formatTime } from '../../utils/time';

const PAGE_SIZE = 20;

type ListResult = ActionResult<ActionOutput<'publish', 'announcement.staffList'>>;
type TabKey = 'all' | PublicationStatus;

const TABS: { key: TabKey; name: string }[] = [
  { key: 'all', name: '全部' },
  ...PUBLICATION_STATUSES.map((s) => ({ key: s as TabKey, name: PUBLICATION_STATUS_NAMES[s] })),
];

interface Row {
  id: string;
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
    ...PAGED_INITIAL,
    items: [] as Row[],
    tabs: TABS,
    tab: 'all' as TabKey,
    visited: false,
  },

  methods: {
    onLoad(): void {
      void this.refresh();
    },

    /** Back from the editor: statuses have changed, so read them again. */
    onShow(): void {
      if (this.data.visited && this.data.state === 'ready') void this.refresh();
      else this.setData({ visited: true });
    },

    onPullDownRefresh(): void {
      void this.refresh().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom(): void {
      void this.loadMore();
    },

    fetch(page: number): Promise<ListResult> {
      const tab = this.data.tab;
      return call('publish', 'announcement.staffList', {
        ...(tab === 'all' ? {} : { status: tab }),
        page,
        pageSize: PAGE_SIZE,
      });
    },

    async refresh(): Promise<void> {
      const tab = this.data.tab;
      await refreshPage(this, (page) => this.fetch(page), toRow, {
        stale: () => tab !== this.data.tab,
        onError: (error) =>
          isRefusal(error.code)
            ? { state: 'forbidden', items: [], errorMessage: error.message }
            : { state: 'error', items: [], errorMessage: error.message },
      });
    },

    async loadMore(): Promise<void> {
      const tab = this.data.tab;
      await loadMorePage(this, (page) => this.fetch(page), toRow, {
        stale: () => tab !== this.data.tab,
      });
    },

    onTabTap(e: WechatMiniprogram.TouchEvent<object, object, { key: TabKey }>): void {
      const tab = e.currentTarget.dataset.key;
      if (tab === this.data.tab) return;
      this.setData({ tab, items: [], page: 0, hasMore: false, state: 'loading' });
      void this.refresh();
    },

    onRetry(): void {
      void this.refresh();
    },

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/casework/announcement-edit/index?id=${e.currentTarget.dataset.id}` });
    },

    onDraft(): void {
      wx.navigateTo({ url: '/casework/announcement-edit/index' });
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },
  },
});
