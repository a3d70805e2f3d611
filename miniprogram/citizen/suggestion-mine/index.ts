// 我的意见建议: the citizen's own suggestions, newest first, twenty at a time.
import type { SuggestionListItem } from '../../../typings/supervision';
import { call } from '../../utils/api';
import { SUGGESTION_STATUS_NAMES, statusTagClass } from '../../utils/suggestion';
import { formatTime } from '../../utils/time';

const PAGE_SIZE = 20;

interface Row {
  id: string;
  topic: string;
  procuratorateName: string;
  excerpt: string;
  statusName: string;
  statusClass: string;
  createdAtText: string;
}

function toRow(item: SuggestionListItem): Row {
  return {
    id: item.id,
    topic: item.topic,
    procuratorateName: item.procuratorateName,
    excerpt: item.excerpt,
    statusName: SUGGESTION_STATUS_NAMES[item.status],
    statusClass: statusTagClass(item.status),
    createdAtText: formatTime(item.createdAt),
  };
}

Component({
  data: {
    /** 'loading' before the first page, then 'ready' or 'error'. */
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorMessage: '',
    items: [] as Row[],
    page: 0,
    total: 0,
    hasMore: false,
    loadingMore: false,
    moreError: '',
  },

  methods: {
    onLoad(): void {
      void this.refresh();
    },

    onPullDownRefresh(): void {
      void this.refresh().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom(): void {
      void this.loadMore();
    },

    async refresh(): Promise<void> {
      if (!this.data.items.length) this.setData({ state: 'loading' });
      const res = await call('supervision', 'suggestion.mine', { page: 1, pageSize: PAGE_SIZE });
      if (!res.ok) {
        // Keep what is already shown; only an empty page turns into the error state.
        if (this.data.items.length) wx.showToast({ title: res.error.message, icon: 'none' });
        else this.setData({ state: 'error', errorMessage: res.error.message });
        return;
      }
      const items = res.data.items.map(toRow);
      this.setData({
        state: 'ready',
        items,
        page: 1,
        total: res.data.total,
        hasMore: items.length < res.data.total,
        moreError: '',
      });
    },

    async loadMore(): Promise<void> {
      if (this.data.state !== 'ready' || !this.data.hasMore || this.data.loadingMore) return;
      this.setData({ loadingMore: true, moreError: '' });
      const page = this.data.page + 1;
      const res = await call('supervision', 'suggestion.mine', { page, pageSize: PAGE_SIZE });
      if (!res.ok) {
        this.setData({ loadingMore: false, moreError: res.error.message });
        return;
      }
      // Skip any row already shown (a new suggestion shifts the pages by one).
      const seen = new Set(this.data.items.map((i) => i.id));
      const items = this.data.items.concat(
        res.data.items.filter((i) => !seen.has(i.id)).map(toRow),
      );
      this.setData({
        items,
        page,
        total: res.data.total,
        hasMore: items.length < res.data.total && res.data.items.length > 0,
        loadingMore: false,
      });
    },

    onRetry(): void {
      void this.refresh();
    },

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/citizen/suggestion-detail/index?id=${e.currentTarget.dataset.id}` });
    },

    onWrite(): void {
      wx.navigateTo({ url: '/citizen/suggestion-submit/index' });
    },
  },
});
