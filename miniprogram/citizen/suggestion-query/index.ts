// 意见建议查询: whoever holds a query code sees the suggestion's status and reply, nothing more.
import type { SuggestionPublicView } from '../../../typings/supervision';
import { call, fieldErrors } from '../../utils/api';
import {
  QUERY_CODE_LENGTH,
  SUGGESTION_STATUS_NAMES,
  normalizeQueryCode,
  statusTagClass,
  replyShown,
  type ReplyShown,
} from '../../utils/suggestion';
import { formatTime } from '../../utils/time';
import { toast } from '../../utils/ui';

interface Shown {
  procuratorateName: string;
  topic: string;
  statusName: string;
  statusClass: string;
  createdAtText: string;
  reply: ReplyShown | null;
}

function toShown(v: SuggestionPublicView): Shown {
  return {
    procuratorateName: v.procuratorateName,
    topic: v.topic,
    statusName: SUGGESTION_STATUS_NAMES[v.status],
    statusClass: statusTagClass(v.status),
    createdAtText: formatTime(v.createdAt),
    reply: replyShown(v.reply),
  };
}

Component({
  properties: {
    /** A code handed over in the link (`?code=`), filled in and queried at once. */
    code: { type: String, value: '' },
  },

  data: {
    queryCode: '',
    codeLength: QUERY_CODE_LENGTH,
    error: '',
    querying: false,
    result: null as Shown | null,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const code = normalizeQueryCode(query.code || this.data.code || '');
      if (code) {
        this.setData({ queryCode: code });
        void this.query();
      }
    },

    /** Typed letters become capitals as they are typed; the returned value replaces the input. */
    onCodeInput(e: WechatMiniprogram.Input): string {
      const queryCode = normalizeQueryCode(e.detail.value).slice(0, QUERY_CODE_LENGTH);
      this.setData({ queryCode, error: '' });
      return queryCode;
    },

    onQuery(): void {
      void this.query();
    },

    async query(): Promise<void> {
      if (this.data.querying) return;
      this.setData({ querying: true, error: '' });
      const res = await call('supervision', 'suggestion.query', { queryCode: this.data.queryCode });
      if (res.ok) {
        this.setData({ querying: false, result: toShown(res.data) });
        return;
      }
      const { error } = res;
      const byField = fieldErrors(res);
      if (byField.queryCode || error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST') {
        this.setData({ querying: false, result: null, error: byField.queryCode || error.message });
      } else {
        this.setData({ querying: false });
        toast(error.message);
      }
    },
  },
});
