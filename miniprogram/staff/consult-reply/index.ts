// 答复法律咨询 (staff): read a question asked of one's procuratorate, answer it once (handlers and
// leaders), and — leaders only — publish it to the public FAQ with an anonymised question and answer
// the leader edits; the function masks ID and phone numbers again and refuses any left over.
import type { ConsultationStaffView, ConsultationView } from '../../../typings/consultation';
import { call, fieldErrors } from '../../utils/api';
import { mayReply } from '../../utils/staff';
import { formatTime } from '../../utils/time';
import { confirm, toast } from '../../utils/ui';

/** MIRRORS CONSULTATION_LIMITS of typings/consultation.ts. */
const LIMITS = { answerMin: 10, answerMax: 3000, textMax: 1000 };

function isStaffView(v: ConsultationView | ConsultationStaffView): v is ConsultationStaffView {
  return 'contentFlag' in v;
}

function toShown(v: ConsultationStaffView) {
  return {
    id: v.id,
    topic: v.topic,
    text: v.text,
    status: v.status,
    statusName: v.status === 'answered' ? '已答复' : '待答复',
    statusClass: v.status === 'answered' ? 'tag-replied' : 'tag-pending',
    createdAtText: formatTime(v.createdAt),
    needsReview: v.contentFlag === 'review',
    published: !!v.faqId,
    answer: v.answer
      ? {
          content: v.answer.content,
          by: v.answer.by,
          answeredAtText: formatTime(v.answer.answeredAt),
        }
      : null,
  };
}

Component({
  properties: {
    id: { type: String, value: '' },
  },

  data: {
    state: 'loading' as 'loading' | 'ready' | 'notfound' | 'forbidden' | 'error',
    errorMessage: '',
    consultation: null as ReturnType<typeof toShown> | null,
    canAnswer: false,
    canPublish: false,
    limits: LIMITS,
    answerText: '',
    answerError: '',
    publicQuestion: '',
    publicAnswer: '',
    publishErrors: {} as { publicQuestion?: string; publicAnswer?: string },
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
      const [who, res] = await Promise.all([
        call('account', 'whoami', {}),
        call('consultation', 'get', { id }),
      ]);
      const staff = who.ok ? who.data.staff : null;
      if (!staff) {
        this.setData({ state: 'forbidden' });
        return;
      }
      if (!res.ok || !isStaffView(res.data)) {
        this.setData(
          !res.ok && res.error.code !== 'NOT_FOUND' && res.error.code !== 'BAD_REQUEST'
            ? { state: 'error', errorMessage: res.error.message }
            : { state: 'notfound' },
        );
        return;
      }
      const shown = toShown(res.data);
      this.setData({
        state: 'ready',
        consultation: shown,
        canAnswer: mayReply(staff),
        canPublish: staff.roles.includes('leader'),
        // The starting point of the public texts: staff edit out anything that identifies the asker.
        publicQuestion: this.data.publicQuestion || shown.text,
        publicAnswer: this.data.publicAnswer || shown.answer?.content || '',
      });
    },

    onRetry(): void {
      void this.load(this.data.id);
    },

    onAnswerInput(e: WechatMiniprogram.TextareaInput): void {
      this.setData({ answerText: e.detail.value, answerError: '' });
    },

    onPublicQuestionInput(e: WechatMiniprogram.TextareaInput): void {
      this.setData({ publicQuestion: e.detail.value, 'publishErrors.publicQuestion': '' });
    },

    onPublicAnswerInput(e: WechatMiniprogram.TextareaInput): void {
      this.setData({ publicAnswer: e.detail.value, 'publishErrors.publicAnswer': '' });
    },

    async onSubmit(): Promise<void> {
      const c = this.data.consultation;
      if (!c || this.data.submitting || c.status !== 'pending') return;
      this.setData({ submitting: true });
      const sure = await confirm(
        '确认答复',
        '答复提交后不能修改，并将通知咨询人（如其已订阅）。',
        '确认答复',
      );
      if (!sure) {
        this.setData({ submitting: false });
        return;
      }
      const res = await call('consultation', 'answer', { id: c.id, content: this.data.answerText });
      if (res.ok) {
        const shown = toShown(res.data);
        this.setData({
          submitting: false,
          consultation: shown,
          answerText: '',
          publicAnswer: shown.answer?.content ?? '',
        });
        toast('答复成功');
        return;
      }
      const byField = fieldErrors(res);
      this.setData({ submitting: false, answerError: byField.content ?? '' });
      if (!byField.content) toast(res.error.message);
      if (res.error.code === 'PRECONDITION_FAILED') void this.load(c.id);
    },

    async onPublish(): Promise<void> {
      const c = this.data.consultation;
      if (!c || this.data.submitting || c.published) return;
      this.setData({ submitting: true });
      const sure = await confirm(
        '发布为常见问题',
        '发布后任何人都可以查看。请确认已删除姓名、身份证号码、电话等个人信息。',
        '确认发布',
      );
      if (!sure) {
        this.setData({ submitting: false });
        return;
      }
      const res = await call('consultation', 'publish', {
        id: c.id,
        publicQuestion: this.data.publicQuestion,
        publicAnswer: this.data.publicAnswer,
      });
      if (res.ok) {
        this.setData({ submitting: false, 'consultation.published': true });
        toast('已发布');
        return;
      }
      const byField = fieldErrors(res);
      this.setData({
        submitting: false,
        publishErrors: {
          publicQuestion: byField.publicQuestion,
          publicAnswer: byField.publicAnswer,
        },
      });
      if (!byField.publicQuestion && !byField.publicAnswer) toast(res.error.message);
    },
  },
});
