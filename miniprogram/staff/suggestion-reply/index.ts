// 回复意见建议 (staff): read a suggestion addressed to one's procuratorate and answer it once.
// Replying cannot be undone, so the page asks for confirmation first; afterwards it shows whether
// the writer was notified by subscription message.
import type { SuggestionStaffView, SuggestionView } from '../../../typings/supervision';
import { call, fieldErrors } from '../../utils/api';
import { mayReply } from '../../utils/staff';
import {
  REPLY_LIMITS,
  SUGGESTION_STATUS_NAMES,
  notificationText,
  statusTagClass,
  replyShown,
  type ReplyShown,
} from '../../utils/suggestion';
import { formatTime } from '../../utils/time';
import { confirm, toast } from '../../utils/ui';

interface Shown {
  id: string;
  queryCode: string;
  procuratorateName: string;
  topic: string;
  content: string;
  contactName: string;
  contactPhone: string;
  status: string;
  statusName: string;
  statusClass: string;
  createdAtText: string;
  needsReview: boolean;
  notifyText: string;
  reply: ReplyShown | null;
}

function isStaffView(v: SuggestionView | SuggestionStaffView): v is SuggestionStaffView {
  return 'contentFlag' in v;
}

function toShown(v: SuggestionStaffView): Shown {
  return {
    id: v.id,
    queryCode: v.queryCode,
    procuratorateName: v.procuratorateName,
    topic: v.topic,
    content: v.content,
    contactName: v.contact?.name ?? '',
    contactPhone: v.contact?.phone ?? '',
    status: v.status,
    statusName: SUGGESTION_STATUS_NAMES[v.status],
    statusClass: statusTagClass(v.status),
    createdAtText: formatTime(v.createdAt),
    needsReview: v.contentFlag === 'review',
    notifyText: notificationText(v.notification, v.status),
    reply: replyShown(v.reply),
  };
}

Component({
  properties: {
    id: { type: String, value: '' },
  },

  data: {
    state: 'loading' as 'loading' | 'ready' | 'notfound' | 'forbidden' | 'error',
    errorMessage: '',
    suggestion: null as Shown | null,
    canReply: false,
    limits: REPLY_LIMITS,
    replyText: '',
    replyLength: 0,
    replyBad: false,
    replyError: '',
    submitting: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      void this.load(query.id || this.data.id);
    },

    async load(id: string): Promise<void> {
      if (!id) {
        this.setData({ state: 'notfound' });
        return;
      }
      if (id !== this.data.id) this.setData({ id });
      this.setData({ state: 'loading' });
      const [who, res] = await Promise.all([
        call('account', 'whoami', {}),
        call('supervision', 'suggestion.get', { id }),
      ]);
      const staff = who.ok ? who.data.staff : null;
      if (!staff) {
        this.setData({ state: 'forbidden' });
        return;
      }
      if (!res.ok) {
        this.setData(
          res.error.code === 'NOT_FOUND' || res.error.code === 'BAD_REQUEST'
            ? { state: 'notfound' }
            : { state: 'error', errorMessage: res.error.message },
        );
        return;
      }
      // Only staff of the procuratorate addressed get the staff view; anyone else is not handling it.
      if (!isStaffView(res.data)) {
        this.setData({ state: 'notfound' });
        return;
      }
      this.setData({ state: 'ready', suggestion: toShown(res.data), canReply: mayReply(staff) });
    },

    onRetry(): void {
      void this.load(this.data.id);
    },

    onReplyInput(e: WechatMiniprogram.TextareaInput): void {
      const replyText = e.detail.value;
      const n = replyText.trim().length;
      this.setData({
        replyText,
        replyLength: replyText.length,
        replyBad: n > 0 && (n < REPLY_LIMITS.contentMin || n > REPLY_LIMITS.contentMax),
        replyError: '',
      });
    },

    async onSubmit(): Promise<void> {
      const s = this.data.suggestion;
      if (!s || this.data.submitting || s.status !== 'pending') return;
      this.setData({ submitting: true });
      const sure = await confirm(
        '确认回复',
        '回复提交后不能修改或撤回，并将通知提交人（如其已订阅）。确定提交吗？',
        '确认回复',
      );
      if (!sure) {
        this.setData({ submitting: false });
        return;
      }
      const res = await call('supervision', 'suggestion.reply', {
        id: s.id,
        content: this.data.replyText,
      });
      if (res.ok) {
        this.setData({
          submitting: false,
          suggestion: toShown(res.data),
          replyText: '',
          replyError: '',
        });
        toast('回复成功');
        return;
      }
      const { error } = res;
      const byField = fieldErrors(res);
      if (byField.content) {
        this.setData({ submitting: false, replyError: byField.content });
      } else if (error.code === 'PRECONDITION_FAILED' || error.code === 'CONFLICT') {
        // Someone else answered meanwhile: show their reply instead of the form.
        this.setData({ submitting: false });
        toast(error.message);
        void this.load(s.id);
      } else {
        this.setData({ submitting: false });
        toast(error.message);
      }
    },
  },
});
