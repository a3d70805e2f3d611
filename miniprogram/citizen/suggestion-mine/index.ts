// 我的意见建议: the citizen's own suggestions, newest first, twenty at a time.
import type { SuggestionListItem } from '../../../typings/supervision';
import { call } from '../../utils/api';
import { SUGGESTION_STATUS_NAMES, statusTagClass } from '../../utils/suggestion';
import { loadMorePage, PAGED_INITIAL, refreshPage } from '../../utils/paged';
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
  data: { ...PAGED_INITIAL, items: [] as Row[] },

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

    fetch(page: number) {
      return call('supervision', 'suggestion.mine', { page, pageSize: PAGE_SIZE });
    },

    refresh(): Promise<void> {
      return refreshPage(this, (page) => this.fetch(page), toRow);
    },

    loadMore(): Promise<void> {
      return loadMorePage(this, (page) => this.fetch(page), toRow);
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
