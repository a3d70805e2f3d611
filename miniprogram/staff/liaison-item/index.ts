// 代表委员与监督员事项 (staff detail): who submitted what, the reply's due date, the history; and
// what the caller may do now — 分办 to a handler (those who must recuse are shown and refused),
// 认定为复杂件 (a leader, opinions only: 6 months), 答复 online or 登记线下答复 with its date.
// Each step asks for confirmation; a refusal is shown under its field and nothing typed is lost.
import type { AssigneeView, LiaisonReplyMethod, LiaisonStaffView } from '../../../typings/liaison';
import { call, fieldErrors } from '../../utils/api';
import { openStoredFile } from '../../utils/attachments';
import {
  LIAISON_LIMITS,
  LIAISON_REPLY_METHODS,
  LIAISON_REPLY_METHOD_NAMES,
  LIAISON_ROLE_NAMES,
  shownItem,
  type ShownItem,
} from '../../utils/liaison';
import { formatTime } from '../../utils/time';
import { confirm, toast } from '../../utils/ui';

/** Today in China, `YYYY-MM-DD` (the offline reply's latest date). */
function today(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

const NOTIFICATION_TEXT: Record<string, string> = {
  not_requested: '提交人未要求通知',
  pending: '正在发送',
  sent: '已通知提交人',
  no_quota: '提交人未授权通知，未发送',
  failed: '通知发送失败',
};

function toShown(v: LiaisonStaffView) {
  return {
    ...shownItem(v),
    submitter: `${LIAISON_ROLE_NAMES[v.submitter.role]} ${v.submitter.name}`,
    handler: v.handler ? `${v.handler.name}（${v.handler.departmentName}）` : '未分办',
    needsReview: v.contentFlag === 'review',
    notificationText: v.notification ? (NOTIFICATION_TEXT[v.notification] ?? '') : '',
    history: v.history.map((h) => ({ ...h, atText: formatTime(h.at) })),
    allowed: v.allowed,
  };
}

type Shown = ReturnType<typeof toShown>;
type Step = 'assign' | 'complex' | 'reply';

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'missing' | 'error',
    errorMessage: '',
    id: '',
    item: null as (Shown & Partial<ShownItem>) | null,
    limits: LIAISON_LIMITS,
    assignees: [] as (AssigneeView & { label: string })[],
    assigneeNames: [] as string[],
    assigneeIndex: -1,
    reason: '',
    methods: LIAISON_REPLY_METHODS.map((m) => LIAISON_REPLY_METHOD_NAMES[m]),
    methodIndex: 0,
    replyContent: '',
    repliedOn: today(),
    today: today(),
    errors: {} as Record<string, string>,
    busy: '' as '' | Step,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const id = query.id ?? '';
      this.setData({ id });
      if (!id) {
        this.setData({ state: 'missing' });
        return;
      }
      void this.load();
    },

    onPullDownRefresh(): void {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    async load(): Promise<void> {
      const res = await call('liaison', 'get', { id: this.data.id });
      if (!res.ok || !('submitter' in res.data)) {
        const code = res.ok ? 'NOT_FOUND' : res.error.code;
        this.setData({
          state: code === 'NOT_FOUND' || code === 'BAD_REQUEST' ? 'missing' : 'error',
          errorMessage: res.ok ? '' : res.error.message,
        });
        return;
      }
      this.show(res.data);
      if (res.data.allowed.assign) await this.loadAssignees();
    },

    show(v: LiaisonStaffView): void {
      this.setData({ state: 'ready', item: toShown(v) });
    },

    async loadAssignees(): Promise<void> {
      const res = await call('liaison', 'assignees', { id: this.data.id });
      if (!res.ok) return;
      const assignees = res.data.assignees.map((a) => ({
        ...a,
        label: `${a.name}（${a.departmentName}）${a.conflict ? '【应回避】' : ''}`,
      }));
      this.setData({ assignees, assigneeNames: assignees.map((a) => a.label) });
    },

    onRetry(): void {
      this.setData({ state: 'loading' });
      void this.load();
    },

    onOpenFile(e: WechatMiniprogram.TouchEvent<object, object, { index: number }>): void {
      const file = this.data.item?.attachments?.[e.currentTarget.dataset.index];
      openStoredFile(file ?? { name: '', url: null });
    },

    onAssigneeChange(e: WechatMiniprogram.PickerChange): void {
      const index = Number(e.detail.value);
      const chosen = this.data.assignees[index];
      if (!chosen) return;
      this.setData({
        assigneeIndex: index,
        'errors.handlerId': chosen.conflict ?? '',
      });
    },

    onReasonInput(e: WechatMiniprogram.Input): void {
      this.setData({ reason: e.detail.value, 'errors.reason': '' });
    },

    onMethodChange(e: WechatMiniprogram.PickerChange): void {
      this.setData({ methodIndex: Number(e.detail.value), 'errors.repliedOn': '' });
    },

    onReplyInput(e: WechatMiniprogram.Input): void {
      this.setData({ replyContent: e.detail.value, 'errors.content': '' });
    },

    onDateChange(e: WechatMiniprogram.PickerChange): void {
      this.setData({ repliedOn: String(e.detail.value), 'errors.repliedOn': '' });
    },

    /** Runs one step: confirmation, the call, the page redrawn, or the problems under fields. */
    async step(
      step: Step,
      title: string,
      content: string,
      run: () => Promise<
        | { ok: true; data: LiaisonStaffView }
        | {
            ok: false;
            error: { code: string; message: string; issues?: { path: string; message: string }[] };
          }
      >,
      done: string,
    ): Promise<void> {
      if (this.data.busy) return;
      if (!(await confirm(title, content, '确定'))) return;
      this.setData({ busy: step });
      const res = await run();
      if (res.ok) {
        this.setData({ busy: '', errors: {} });
        this.show(res.data);
        toast(done);
        if (res.data.allowed.assign) await this.loadAssignees();
        return;
      }
      const errors = fieldErrors(res);
      this.setData({ busy: '', errors });
      toast(Object.keys(errors).length ? '请按提示修改' : res.error.message);
      if (res.error.code === 'PRECONDITION_FAILED' || res.error.code === 'CONFLICT') {
        if (!Object.keys(errors).length) void this.load();
      }
    },

    onAssign(): void {
      const chosen = this.data.assignees[this.data.assigneeIndex];
      if (!chosen) {
        this.setData({ 'errors.handlerId': '请选择承办人' });
        return;
      }
      void this.step(
        'assign',
        '确定分办？',
        `分办给${chosen.name}（${chosen.departmentName}）承办。`,
        () => call('liaison', 'assign', { id: this.data.id, handlerId: chosen.id }),
        '已分办',
      );
    },

    onMarkComplex(): void {
      void this.step(
        'complex',
        '认定为复杂件？',
        '认定后答复期限由三个月延长至六个月，且不能撤销。',
        () => call('liaison', 'markComplex', { id: this.data.id, reason: this.data.reason }),
        '已认定为复杂件',
      );
    },

    onReply(): void {
      const method: LiaisonReplyMethod = LIAISON_REPLY_METHODS[this.data.methodIndex];
      const online = method === 'online';
      void this.step(
        'reply',
        online ? '确定发送答复？' : '确定登记线下答复？',
        online
          ? '答复将发给提交人，发送后不能修改。'
          : `登记${LIAISON_REPLY_METHOD_NAMES[method]}（${this.data.repliedOn}），登记后不能修改。`,
        () =>
          call('liaison', 'reply', {
            id: this.data.id,
            method,
            content: this.data.replyContent,
            ...(online ? {} : { repliedOn: this.data.repliedOn }),
          }),
        online ? '已答复' : '已登记',
      );
    },
  },
});
