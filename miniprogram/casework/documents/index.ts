// 文书公开 (case-management staff): their procuratorate's legal documents, drafts first, by status,
// with 新建文书. Each opens its review page (original and masked text side by side); a draft of a
// case that may not be published is marked 不予公开. The function refuses anyone but case
// management; the page then says so instead of a list.
import type { ActionOutput, ActionResult } from '../../../typings/index';
import type { DocumentStaffView, PublicationStatus } from '../../../typings/publish';
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

type ListResult = ActionResult<ActionOutput<'publish', 'document.staffList'>>;
type TabKey = 'all' | PublicationStatus;

/** Documents are never withdrawn: drafts and published ones only. */
const TABS: { key: TabKey; name: string }[] = [
  { key: 'all', name: '全部' },
  ...PUBLICATION_STATUSES.filter((s) => s !== 'withdrawn').map((s) => ({
    key: s as TabKey,
    name: PUBLICATION_STATUS_NAMES[s],
  })),
];

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

    /** Back from saving or reviewing: statuses have changed, so read them again. */
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
      return call('publish', 'document.staffList', {
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
      wx.navigateTo({ url: `/casework/document-review/index?id=${e.currentTarget.dataset.id}` });
    },

    onCreate(): void {
      wx.navigateTo({ url: '/casework/document-edit/index' });
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },
  },
});
