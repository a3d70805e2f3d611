// 预约办理 (case-management staff): their procuratorate's appointments by status (待确认 first),
// the earliest answer-by date first, each with the requester (a lawyer's firm), the case, the
// period, the day it must be answered by and 已超期 when that has passed. Each opens the
// appointment page with the decision. 预约时段 opens the slots page.
import type { ActionOutput, ActionResult } from '../../../typings/index';
import type { AppointmentStaffView, AppointmentStatus } from '../../../typings/cases';
import { call, isRefusal } from '../../utils/api';
import {
  APPOINTMENT_STATUS_NAMES,
  APPOINTMENT_STATUSES,
  appointmentTagClass,
  periodText,
} from '../../utils/appointments';
import { loadMorePage, PAGED_INITIAL, refreshPage } from '../../utils/paged';
import { formatTime } from '../../utils/time';

const PAGE_SIZE = 20;

type InboxResult = ActionResult<ActionOutput<'cases', 'appointments.inbox'>>;

interface Row {
  id: string;
  typeName: string;
  statusName: string;
  statusClass: string;
  requester: string;
  caseNumber: string;
  periodText: string;
  dueText: string;
  overdue: boolean;
  aria: string;
}

function toRow(a: AppointmentStaffView): Row {
  const requester = a.requester.firm
    ? `${a.requester.name}（${a.requester.firm}）`
    : a.requester.name;
  const period = periodText(a);
  const dueText =
    a.status === 'booked' && a.answerDue ? `须于${formatTime(a.answerDue)}前答复` : '';
  return {
    id: a.id,
    typeName: a.typeName,
    statusName: a.statusName,
    statusClass: appointmentTagClass(a.status),
    requester,
    caseNumber: a.caseNumber ?? '',
    periodText: period,
    dueText,
    overdue: a.overdue,
    aria:
      `${a.typeName}，${a.statusName}${a.overdue ? '，已超期' : ''}，${requester}` +
      (a.caseNumber ? `，案件 ${a.caseNumber}` : '') +
      `，${period}` +
      (dueText ? `，${dueText}` : ''),
  };
}

const TABS = APPOINTMENT_STATUSES.map((key) => ({ key, name: APPOINTMENT_STATUS_NAMES[key] }));

Component({
  data: {
    ...PAGED_INITIAL,
    items: [] as Row[],
    tabs: TABS,
    status: 'booked' as AppointmentStatus,
    statusName: APPOINTMENT_STATUS_NAMES.booked,
    visited: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const status = APPOINTMENT_STATUSES.find((s) => s === query.status);
      if (status) this.setData({ status, statusName: APPOINTMENT_STATUS_NAMES[status] });
      void this.refresh();
    },

    /** Back from a decision: what was decided has moved to another tab. */
    onShow(): void {
      if (this.data.visited && this.data.state === 'ready') void this.refresh();
      else this.setData({ visited: true });
    },

    onPullDownRefresh(): void {
      void this.refresh().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom(): void {
      void this.loadMore();
    },

    fetch(page: number): Promise<InboxResult> {
      return call('cases', 'appointments.inbox', {
        status: this.data.status,
        page,
        pageSize: PAGE_SIZE,
      });
    },

    async refresh(): Promise<void> {
      const status = this.data.status;
      await refreshPage(this, (page) => this.fetch(page), toRow, {
        stale: () => status !== this.data.status, // another tab was chosen meanwhile
        onError: (error) =>
          isRefusal(error.code)
            ? { state: 'forbidden', items: [], errorMessage: error.message }
            : { state: 'error', items: [], errorMessage: error.message },
      });
    },

    async loadMore(): Promise<void> {
      const status = this.data.status;
      await loadMorePage(this, (page) => this.fetch(page), toRow, {
        stale: () => status !== this.data.status,
      });
    },

    onTabTap(e: WechatMiniprogram.TouchEvent<object, object, { key: AppointmentStatus }>): void {
      const status = e.currentTarget.dataset.key;
      if (status === this.data.status) return;
      this.setData({
        status,
        statusName: APPOINTMENT_STATUS_NAMES[status],
        items: [],
        page: 0,
        hasMore: false,
        state: 'loading',
      });
      void this.refresh();
    },

    onRetry(): void {
      void this.refresh();
    },

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/casework/appointment/index?id=${e.currentTarget.dataset.id}` });
    },

    onSlots(): void {
      wx.navigateTo({ url: '/casework/slots/index' });
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },
  },
});
