// 我的意见建议: the citizen's own suggestions, newest first, twenty at a time.
import type { SuggestionListItem } from '../../../typings/supervision';
import { call } from '../../utils/api';
import { SUGGESTION_STATUS_NAMES, statusTagClass } from '../../utils/suggestion';
import { listMethods, PAGED_INITIAL } from '../../utils/paged';
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
    ...listMethods(
      (page: number) => call('supervision', 'suggestion.mine', { page, pageSize: PAGE_SIZE }),
      toRow,
    ),

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/citizen/suggestion-detail/index?id=${e.currentTarget.dataset.id}` });
    },

    onWrite(): void {
      wx.navigateTo({ url: '/citizen/suggestion-submit/index' });
    },
  },
});
