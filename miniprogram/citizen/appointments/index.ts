// 我的预约: the caller's appointments (lawyers' requests and video receptions), newest first, twenty
// at a time, each with its status, its period, and while it awaits an answer the day the
// procuratorate answers by (检察院将于…前答复). Each opens its detail, where it may be cancelled.
import type { AppointmentView } from '../../../typings/cases';
import { call } from '../../utils/api';
import { answerDueText, appointmentTagClass, periodText } from '../../utils/appointments';
import { listMethods, PAGED_INITIAL } from '../../utils/paged';

const PAGE_SIZE = 20;

interface Row {
  id: string;
  typeName: string;
  statusName: string;
  statusClass: string;
  periodText: string;
  procuratorateName: string;
  caseNumber: string;
  answerText: string;
  reason: string;
  aria: string;
}

function toRow(a: AppointmentView): Row {
  const answerText = answerDueText(a);
  const reason = a.status === 'refused' ? (a.reason ?? '') : '';
  const period = periodText(a);
  return {
    id: a.id,
    typeName: a.typeName,
    statusName: a.statusName,
    statusClass: appointmentTagClass(a.status),
    periodText: period,
    procuratorateName: a.procuratorateName,
    caseNumber: a.caseNumber ?? '',
    answerText,
    reason,
    aria:
      `${a.typeName}，${a.statusName}，${period}，${a.procuratorateName}` +
      (a.caseNumber ? `，案件 ${a.caseNumber}` : '') +
      (answerText ? `，${answerText}` : '') +
      (reason ? `，未同意原因：${reason}` : ''),
  };
}

Component({
  data: { ...PAGED_INITIAL, items: [] as Row[] },

  methods: {
    ...listMethods(
      (page: number) => call('cases', 'appointments.mine', { page, pageSize: PAGE_SIZE }),
      toRow,
    ),

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/citizen/appointment-detail/index?id=${e.currentTarget.dataset.id}` });
    },

    onBookLawyer(): void {
      wx.navigateTo({ url: '/citizen/appointment-book/index' });
    },

    onBookVideo(): void {
      wx.navigateTo({ url: '/citizen/appointment-book/index?type=video_reception' });
    },
  },
});
