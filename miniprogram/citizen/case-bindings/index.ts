// 我的案件: the caller's requests to be bound to a case, newest first, twenty at a time, each with
// its status; an approved one opens the case's procedure information (case-procedure), a refused
// one shows why. 申请查询案件 opens the request form (case-bind). Review results' messages open
// this page.
import type { BindingView } from '../../../typings/cases';
import { call } from '../../utils/api';
import { reviewTagClass } from '../../utils/cases';
import { listMethods, PAGED_INITIAL } from '../../utils/paged';
import { formatTime } from '../../utils/time';

const PAGE_SIZE = 20;

interface Row {
  id: string;
  caseId: string;
  caseNumber: string;
  procuratorateName: string;
  /** 以近亲属身份 · 当事人 张三 */
  asText: string;
  status: BindingView['status'];
  statusName: string;
  statusClass: string;
  reason: string;
  requestedAtText: string;
  aria: string;
  /** An approved binding as defender or agent: its lawyer may book appointments on it. */
  bookable: boolean;
}

function toRow(b: BindingView): Row {
  const asText =
    b.role === 'party'
      ? `以${b.roleName}身份（${b.partyName}）`
      : `以${b.roleName}身份 · 当事人 ${b.partyName}`;
  const requestedAtText = formatTime(b.requestedAt);
  const reason = b.status === 'refused' ? (b.reason ?? '') : '';
  const open = b.status === 'approved' && b.caseId ? '，查看案件程序性信息' : '';
  return {
    id: b.id,
    caseId: b.status === 'approved' ? (b.caseId ?? '') : '',
    caseNumber: b.caseNumber,
    procuratorateName: b.procuratorateName,
    asText,
    status: b.status,
    statusName: b.statusName,
    statusClass: reviewTagClass(b.status),
    reason,
    requestedAtText,
    bookable:
      b.status === 'approved' && !!b.caseId && (b.role === 'defender' || b.role === 'agent'),
    aria:
      `${b.caseNumber}，${b.statusName}，${asText}，${b.procuratorateName}，申请于 ${requestedAtText}` +
      (reason ? `，未通过原因：${reason}` : '') +
      open,
  };
}

Component({
  data: { ...PAGED_INITIAL, items: [] as Row[] },

  methods: {
    ...listMethods(
      (page: number) => call('cases', 'binding.mine', { page, pageSize: PAGE_SIZE }),
      toRow,
    ),

    /** Only an approved binding opens its case; the others say where they stand. */
    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      const row = this.data.items.find((r) => r.id === e.currentTarget.dataset.id);
      if (!row?.caseId) return;
      wx.navigateTo({ url: `/citizen/case-procedure/index?id=${row.caseId}` });
    },

    /** 辩护与代理预约 on an approved lawyer's binding: the booking page with this case chosen. */
    onBook(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({
        url: `/citizen/appointment-book/index?bindingId=${e.currentTarget.dataset.id}`,
      });
    },

    onRequest(): void {
      wx.navigateTo({ url: '/citizen/case-bind/index' });
    },
  },
});
