// 预约详情 (`?id=`): one of the caller's appointments with all it says — the kind, the status, the
// procuratorate, the case, the period, the note, when it was made, the day the procuratorate answers
// by while it waits, and the reason when it was refused — and 取消预约, asked before it is sent,
// while the function allows it (`can.cancel`: booked or confirmed, before the period begins).
// The decision's appointmentResult message opens this page.
//
// There is no action reading one appointment, so the page finds it among the caller's own
// (appointments.mine), which is also why nobody else's can be shown.
import type { AppointmentView } from '../../../typings/cases';
import { call } from '../../utils/api';
import { answerDueText, appointmentTagClass, periodText } from '../../utils/appointments';
import { formatTime } from '../../utils/time';
import { confirm, notice, toast } from '../../utils/ui';

/** How many pages of 50 of the caller's appointments the page reads looking for it. */
const SCAN_PAGES = 20;
const SCAN_SIZE = 50;

interface Shown {
  id: string;
  typeName: string;
  status: AppointmentView['status'];
  statusName: string;
  statusClass: string;
  procuratorateName: string;
  caseNumber: string;
  periodText: string;
  note: string;
  reason: string;
  answerText: string;
  createdAtText: string;
  canCancel: boolean;
}

function shown(a: AppointmentView): Shown {
  return {
    id: a.id,
    typeName: a.typeName,
    status: a.status,
    statusName: a.statusName,
    statusClass: appointmentTagClass(a.status),
    procuratorateName: a.procuratorateName,
    caseNumber: a.caseNumber ?? '',
    periodText: periodText(a),
    note: a.note,
    reason: a.status === 'refused' ? (a.reason ?? '') : '',
    answerText: answerDueText(a),
    createdAtText: formatTime(a.createdAt),
    canCancel: a.can.cancel,
  };
}

Component({
  data: {
    state: 'loading' as 'loading' | 'error' | 'notfound' | 'ready',
    errorMessage: '',
    apptId: '',
    view: null as Shown | null,
    cancelling: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      this.setData({ apptId: query.id ?? '' });
      void this.load();
    },

    onPullDownRefresh(): void {
      void this.load(true).then(() => wx.stopPullDownRefresh());
    },

    async load(quiet = false): Promise<void> {
      const id = this.data.apptId;
      if (!quiet || !this.data.view) this.setData({ state: 'loading' });
      if (!id) {
        this.setData({ state: 'notfound' });
        return;
      }
      for (let page = 1; page <= SCAN_PAGES; page++) {
        const res = await call('cases', 'appointments.mine', { page, pageSize: SCAN_SIZE });
        if (!res.ok) {
          if (this.data.view) {
            toast(res.error.message);
            this.setData({ state: 'ready' });
          } else this.setData({ state: 'error', errorMessage: res.error.message });
          return;
        }
        const found = res.data.items.find((a) => a.id === id);
        if (found) {
          this.setData({ state: 'ready', view: shown(found) });
          return;
        }
        if (page * SCAN_SIZE >= res.data.total || !res.data.items.length) break;
      }
      this.setData({ state: 'notfound', view: null });
    },

    onRetry(): void {
      void this.load();
    },

    onOpenMine(): void {
      wx.redirectTo({ url: '/citizen/appointments/index' });
    },

    async onCancel(): Promise<void> {
      const v = this.data.view;
      if (!v || !v.canCancel || this.data.cancelling) return;
      this.setData({ cancelling: true });
      const ok = await confirm(
        '确定取消预约？',
        `取消${v.periodText}的${v.typeName}预约后，该时段的名额将释放给他人，取消后不能恢复。`,
        '取消预约',
      );
      if (!ok) {
        this.setData({ cancelling: false });
        return;
      }
      const res = await call('cases', 'cancel', { id: v.id });
      if (res.ok) {
        this.setData({ cancelling: false, view: shown(res.data) });
        toast('已取消预约');
        return;
      }
      this.setData({ cancelling: false });
      // Refused or started meanwhile: why, then the appointment as it is now.
      notice('不能取消', res.error.message);
      await this.load(true);
    },
  },
});
