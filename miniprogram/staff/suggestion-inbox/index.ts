// 意见建议办理 (staff): the suggestions addressed to the staff member's procuratorate, by status.
// The function refuses anyone not in the staff register; the page then says so instead of a list.
import type { ActionOutput, ActionResult } from '../../../typings/index';
import type { SuggestionListItem, SuggestionStatus } from '../../../typings/supervision';
import { call, isRefusal } from '../../utils/api';
import { SUGGESTION_STATUS_NAMES, statusTagClass } from '../../utils/suggestion';
import { loadMorePage, PAGED_INITIAL, refreshPage } from '../../utils/paged';
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
    ...PAGED_INITIAL,
    items: [] as Row[],
    filter: 'pending' as Filter,
    tabs: tabs(null),
    unitName: '',
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

    refresh(): Promise<void> {
      const filter = this.data.filter;
      return refreshPage(this, (page) => this.fetch(page), toRow, {
        stale: () => filter !== this.data.filter, // another tab was chosen meanwhile
        onError: (error) =>
          isRefusal(error.code)
            ? { state: 'forbidden', items: [], errorMessage: error.message }
            : { state: 'error', items: [], errorMessage: error.message },
        extra: (data) => ({
          tabs: tabs(data.counts),
          unitName: data.items[0]?.procuratorateName ?? this.data.unitName,
        }),
      });
    },

    loadMore(): Promise<void> {
      const filter = this.data.filter;
      return loadMorePage(this, (page) => this.fetch(page), toRow, {
        stale: () => filter !== this.data.filter,
        extra: (data) => ({ tabs: tabs(data.counts) }),
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
