// 案件管理 (case-management staff): their procuratorate's cases, newest change first, searched by
// case number (whole or its beginning) or cause, with the entries to register a case and to import
// many. The function refuses anyone but case management; the page then says so instead of a list.
import type { ActionOutput, ActionResult } from '../../../typings/index';
import type { CaseListItem } from '../../../typings/cases';
import { call, isRefusal } from '../../utils/api';
import { loadMorePage, PAGED_INITIAL, refreshPage } from '../../utils/paged';

const PAGE_SIZE = 20;

type ListResult = ActionResult<ActionOutput<'cases', 'case.list'>>;

interface Row {
  id: string;
  caseNumber: string;
  cause: string;
  stage: string;
  acceptedOn: string;
  timeLimit: string;
  sensitive: boolean;
}

function toRow(item: CaseListItem): Row {
  return {
    id: item.id,
    caseNumber: item.caseNumber,
    cause: item.cause,
    stage: item.stage,
    acceptedOn: item.acceptedOn,
    timeLimit: item.timeLimit,
    sensitive: item.sensitive,
  };
}

Component({
  data: {
    ...PAGED_INITIAL,
    items: [] as Row[],
    /** What is typed in the search box, and what the list shows results for. */
    q: '',
    searched: '',
    visited: false,
  },

  methods: {
    onLoad(): void {
      void this.refresh();
    },

    /** Back from registering, editing or importing: read the list again. */
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
      const q = this.data.searched;
      return call('cases', 'case.list', { ...(q ? { q } : {}), page, pageSize: PAGE_SIZE });
    },

    async refresh(): Promise<void> {
      const searched = this.data.searched;
      await refreshPage(this, (page) => this.fetch(page), toRow, {
        stale: () => searched !== this.data.searched, // another search was started meanwhile
        onError: (error) =>
          isRefusal(error.code)
            ? { state: 'forbidden', items: [], errorMessage: error.message }
            : { state: 'error', items: [], errorMessage: error.message },
      });
    },

    async loadMore(): Promise<void> {
      const searched = this.data.searched;
      await loadMorePage(this, (page) => this.fetch(page), toRow, {
        stale: () => searched !== this.data.searched,
      });
    },

    onQueryInput(e: WechatMiniprogram.Input): void {
      this.setData({ q: e.detail.value });
    },

    onSearch(): void {
      const searched = this.data.q.trim();
      this.setData({ searched, items: [], page: 0, hasMore: false, state: 'loading' });
      void this.refresh();
    },

    onClearSearch(): void {
      this.setData({ q: '' });
      this.onSearch();
    },

    onRetry(): void {
      void this.refresh();
    },

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/casework/case-edit/index?id=${e.currentTarget.dataset.id}` });
    },

    onRegister(): void {
      wx.navigateTo({ url: '/casework/case-edit/index' });
    },

    onImport(): void {
      wx.navigateTo({ url: '/casework/case-import/index' });
    },

    onReviews(): void {
      wx.navigateTo({ url: '/casework/reviews/index' });
    },

    onAppointments(): void {
      wx.navigateTo({ url: '/casework/appointments/index' });
    },

    onSlots(): void {
      wx.navigateTo({ url: '/casework/slots/index' });
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },
  },
});
