// 意见建议办理 (staff): the suggestions addressed to the staff member's procuratorate, by status.
// The function refuses anyone not in the staff register; the page then says so instead of a list.
import type { ActionOutput, ActionResult } from '../../../typings/index';
import type { SuggestionListItem, SuggestionStatus } from '../../../typings/supervision';
import { call } from '../../utils/api';
import { SUGGESTION_STATUS_NAMES, statusTagClass } from '../../utils/suggestion';
import { formatTime } from '../../utils/time';

const PAGE_SIZE = 20;

type Filter = 'all' | SuggestionStatus;
type InboxResult = ActionResult<ActionOutput<'supervision', 'suggestion.inbox'>>;

interface Row {
  id: string;
  topic: string;
  excerpt: string;
  statusName: string;
  statusClass: string;
  createdAtText: string;
  needsReview: boolean;
}

function toRow(item: SuggestionListItem & { contentFlag: 'pass' | 'review' }): Row {
  return {
    id: item.id,
    topic: item.topic,
    excerpt: item.excerpt,
    statusName: SUGGESTION_STATUS_NAMES[item.status],
    statusClass: statusTagClass(item.status),
    createdAtText: formatTime(item.createdAt),
    needsReview: item.contentFlag === 'review',
  };
}

function tabs(counts: Record<SuggestionStatus, number> | null) {
  const n = (k: Filter) =>
    !counts ? null : k === 'all' ? counts.pending + counts.replied : counts[k];
  return (['all', 'pending', 'replied'] as Filter[]).map((key) => ({
    key,
    name: key === 'all' ? '全部' : SUGGESTION_STATUS_NAMES[key],
    count: n(key),
  }));
}

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'forbidden' | 'error',
    errorMessage: '',
    filter: 'pending' as Filter,
    tabs: tabs(null),
    unitName: '',
    items: [] as Row[],
    page: 0,
    total: 0,
    hasMore: false,
    loadingMore: false,
    moreError: '',
    shown: false,
  },

  methods: {
    onLoad(): void {
      void this.refresh();
    },

    /** Coming back from a reply: counts and statuses have changed, so read them again. */
    onShow(): void {
      if (this.data.shown && this.data.state === 'ready') void this.refresh();
      else this.setData({ shown: true });
    },

    onPullDownRefresh(): void {
      void this.refresh().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom(): void {
      void this.loadMore();
    },

    fetch(page: number): Promise<InboxResult> {
      const { filter } = this.data;
      return call('supervision', 'suggestion.inbox', {
        ...(filter === 'all' ? {} : { status: filter }),
        page,
        pageSize: PAGE_SIZE,
      });
    },

    async refresh(): Promise<void> {
      if (!this.data.items.length) this.setData({ state: 'loading' });
      const filter = this.data.filter;
      const res = await this.fetch(1);
      if (filter !== this.data.filter) return; // another tab was chosen meanwhile
      if (!res.ok) {
        if (res.error.code === 'FORBIDDEN' || res.error.code === 'UNAUTHENTICATED') {
          this.setData({ state: 'forbidden', items: [], errorMessage: res.error.message });
        } else {
          this.setData({ state: 'error', items: [], errorMessage: res.error.message });
        }
        return;
      }
      const items = res.data.items.map(toRow);
      this.setData({
        state: 'ready',
        tabs: tabs(res.data.counts),
        unitName: res.data.items[0]?.procuratorateName ?? this.data.unitName,
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
      const filter = this.data.filter;
      const page = this.data.page + 1;
      const res = await this.fetch(page);
      if (filter !== this.data.filter) return;
      if (!res.ok) {
        this.setData({ loadingMore: false, moreError: res.error.message });
        return;
      }
      const seen = new Set(this.data.items.map((i) => i.id));
      const items = this.data.items.concat(
        res.data.items.filter((i) => !seen.has(i.id)).map(toRow),
      );
      this.setData({
        items,
        page,
        total: res.data.total,
        tabs: tabs(res.data.counts),
        hasMore: items.length < res.data.total && res.data.items.length > 0,
        loadingMore: false,
      });
    },

    onTabTap(e: WechatMiniprogram.TouchEvent<object, object, { key: Filter }>): void {
      const filter = e.currentTarget.dataset.key;
      if (filter === this.data.filter) return;
      this.setData({ filter, items: [], page: 0, hasMore: false, state: 'loading' });
      void this.refresh();
    },

    onRetry(): void {
      void this.refresh();
    },

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/staff/suggestion-reply/index?id=${e.currentTarget.dataset.id}` });
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },
  },
});
