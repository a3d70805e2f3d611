// 意见建议详情: one of the citizen's suggestions, with the reply once the procuratorate has answered.
// Subscription messages open this page with `?id=`.
import type { SuggestionView } from '../../../typings/supervision';
import { call } from '../../utils/api';
import {
  SUGGESTION_STATUS_NAMES,
  statusTagClass,
  replyShown,
  type ReplyShown,
} from '../../utils/suggestion';
import { formatTime } from '../../utils/time';
import { copyText } from '../../utils/ui';

interface Shown {
  id: string;
  queryCode: string;
  procuratorateName: string;
  topic: string;
  content: string;
  contactText: string;
  statusName: string;
  statusClass: string;
  createdAtText: string;
  reply: ReplyShown | null;
}

function toShown(s: SuggestionView): Shown {
  const contact = [s.contact?.name, s.contact?.phone].filter(Boolean).join(' ');
  return {
    id: s.id,
    queryCode: s.queryCode,
    procuratorateName: s.procuratorateName,
    topic: s.topic,
    content: s.content,
    contactText: contact,
    statusName: SUGGESTION_STATUS_NAMES[s.status],
    statusClass: statusTagClass(s.status),
    createdAtText: formatTime(s.createdAt),
    reply: replyShown(s.reply),
  };
}

Component({
  properties: {
    id: { type: String, value: '' },
  },

  data: {
    state: 'loading' as 'loading' | 'ready' | 'notfound' | 'error',
    errorMessage: '',
    suggestion: null as Shown | null,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      void this.load(query.id || this.data.id);
    },

    onPullDownRefresh(): void {
      void this.load(this.data.suggestion?.id || this.data.id).then(() => wx.stopPullDownRefresh());
    },

    async load(id: string): Promise<void> {
      if (!id) {
        this.setData({ state: 'notfound' });
        return;
      }
      if (id !== this.data.id) this.setData({ id });
      if (!this.data.suggestion) this.setData({ state: 'loading' });
      const res = await call('supervision', 'suggestion.get', { id });
      if (res.ok) {
        this.setData({ state: 'ready', suggestion: toShown(res.data) });
      } else if (res.error.code === 'NOT_FOUND' || res.error.code === 'BAD_REQUEST') {
        this.setData({ state: 'notfound', suggestion: null });
      } else {
        this.setData({ state: 'error', errorMessage: res.error.message });
      }
    },

    onRetry(): void {
      void this.load(this.data.id);
    },

    onCopyCode(): void {
      if (this.data.suggestion) copyText(this.data.suggestion.queryCode, '查询码');
    },

    onBackToList(): void {
      wx.redirectTo({ url: '/citizen/suggestion-mine/index' });
    },
  },
});
