// 预约办理 (case-management staff), one appointment of their procuratorate (`?id=`): who asks (a
// lawyer's firm), the case, the kind, the period, the note, the day it must be answered by (已超期
// once passed) — and, while it awaits an answer, the decision: 同意, or 不同意 with a reason, each
// asked before it is sent since the requester is told at once. The decision carries the version
// the page showed: one made meanwhile by someone else answers CONFLICT, and the page says so and
// reads it again. Confirming online file reading of an excluded case kind is refused with the
// function's reason.
//
// There is no action reading one appointment, so the page finds it in the procuratorate's inbox
// (appointments.inbox, every status).
import type { AppointmentStaffView } from '../../../typings/cases';
import { call, isRefusal } from '../../utils/api';
import { APPOINTMENT_LIMITS, appointmentTagClass, periodText } from '../../utils/appointments';
import { formatTime } from '../../utils/time';
import { toast } from '../../utils/ui';
import { decideWithReason } from '../cases-shared';

/** How many inbox pages of 50 the page reads looking for the appointment. */
const SCAN_PAGES = 20;
const SCAN_SIZE = 50;

const REASON_REQUIRED = '不同意的，请填写理由';

interface Shown {
  id: string;
  version: number;
  typeName: string;
  status: AppointmentStaffView['status'];
  statusName: string;
  statusClass: string;
  requesterName: string;
  lawyer: boolean;
  firm: string;
  caseNumber: string;
  procuratorateName: string;
  periodText: string;
  note: string;
  reason: string;
  dueText: string;
  overdue: boolean;
  createdAtText: string;
}

function shown(a: AppointmentStaffView): Shown {
  return {
    id: a.id,
    version: a.version,
    typeName: a.typeName,
    status: a.status,
    statusName: a.statusName,
    statusClass: appointmentTagClass(a.status),
    requesterName: a.requester.name,
    lawyer: a.requester.lawyer,
    firm: a.requester.firm ?? '',
    caseNumber: a.caseNumber ?? '',
    procuratorateName: a.procuratorateName,
    periodText: periodText(a),
    note: a.note,
    reason: a.reason ?? '',
    dueText: a.answerDue ? formatTime(a.answerDue) : '',
    overdue: a.overdue,
    createdAtText: formatTime(a.createdAt),
  };
}

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'notfound' | 'forbidden' | 'error',
    errorMessage: '',
    apptId: '',
    view: null as Shown | null,
    /** The decision just made on this page (the notice above). */
    decided: false,
    reason: '',
    reasonMax: APPOINTMENT_LIMITS.reasonMax,
    errors: {} as Record<string, string>,
    formError: '',
    deciding: '' as '' | 'confirm' | 'refuse',
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      this.setData({ apptId: query.id ?? '' });
      void this.load();
    },

    async load(): Promise<void> {
      const id = this.data.apptId;
      if (!id) {
        this.setData({ state: 'notfound' });
        return;
      }
      this.setData({ state: 'loading' });
      for (let page = 1; page <= SCAN_PAGES; page++) {
        const res = await call('cases', 'appointments.inbox', { page, pageSize: SCAN_SIZE });
        if (!res.ok) {
          this.setData(
            isRefusal(res.error.code)
              ? { state: 'forbidden' }
              : { state: 'error', errorMessage: res.error.message },
          );
          return;
        }
        const found = res.data.items.find((a) => a.id === id);
        if (found) {
          this.setData({ state: 'ready', view: shown(found), errors: {}, formError: '' });
          return;
        }
        if (page * SCAN_SIZE >= res.data.total || !res.data.items.length) break;
      }
      this.setData({ state: 'notfound', view: null });
    },

    onRetry(): void {
      void this.load();
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },

    onBackToList(): void {
      wx.navigateBack({});
    },

    onReasonInput(e: WechatMiniprogram.Input): void {
      this.setData({ reason: e.detail.value, 'errors.reason': '', formError: '' });
    },

    onConfirm(): void {
      void this.decide(true);
    },

    onRefuse(): void {
      void this.decide(false);
    },

    async decide(agree: boolean): Promise<void> {
      const v = this.data.view;
      if (!v || v.status !== 'booked' || this.data.deciding || this.data.state !== 'ready') return;
      // Why it cannot be confirmed (an excluded case kind, already decided) shows above the buttons.
      await decideWithReason(this, {
        agree,
        deciding: agree ? 'confirm' : 'refuse',
        reasonRequired: REASON_REQUIRED,
        title: agree ? '确认同意' : '确认不同意',
        content: agree
          ? `同意后，预约人将收到确认通知，请按${v.periodText}安排${v.typeName}。确定同意吗？`
          : '不同意的理由会通知预约人，该时段的名额将释放，提交后不能更改。确定不同意吗？',
        send: (reason) =>
          call('cases', 'appointments.decide', {
            id: v.id,
            confirm: agree,
            version: v.version,
            ...(agree ? {} : { reason }),
          }),
        decided: (a) => {
          this.setData({ deciding: '', decided: true, view: shown(a), reason: '' });
          // The decision's notice is at the top.
          wx.pageScrollTo({ scrollTop: 0, duration: 0 });
          toast(agree ? '已同意' : '已不同意');
        },
        conflictTitle: '预约已被处理',
      });
    },
  },
});
