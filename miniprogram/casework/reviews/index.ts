// 审核 (case-management staff): what awaits their procuratorate's review, oldest first — people
// asking to be bound to a case (绑定申请) and lawyers' verifications (律师认证), one tab each with
// its count. Each opens the review page with the proofs and the decision.
import type { ActionOutput, ActionResult } from '../../../typings/index';
import type { BindingStaffView, LawyerStaffView } from '../../../typings/cases';
import { call, isRefusal } from '../../utils/api';
import { loadMorePage, PAGED_INITIAL, refreshPage } from '../../utils/paged';
import { formatTime } from '../../utils/time';

const PAGE_SIZE = 20;

type Kind = 'binding' | 'lawyer';
type InboxResult = ActionResult<ActionOutput<'cases', 'review.inbox'>>;

interface Row {
  id: string;
  title: string;
  line: string;
  meta: string;
  /** A binding asked for by a verified lawyer. */
  lawyer: boolean;
}

function isBinding(v: BindingStaffView | LawyerStaffView): v is BindingStaffView {
  return 'caseNumber' in v;
}

function toRow(v: BindingStaffView | LawyerStaffView): Row {
  if (isBinding(v)) {
    return {
      id: v.id,
      title: v.caseNumber,
      line: `${v.requester.name} · 申请作为${v.roleName}（当事人：${v.partyName}）`,
      meta: `申请时间：${formatTime(v.requestedAt)}`,
      lawyer: !!v.requester.lawyer,
    };
  }
  return {
    id: v.id,
    title: v.name,
    line: v.firm,
    meta: `执业证号：${v.certificateNumber} · 提交时间：${formatTime(v.submittedAt)}`,
    lawyer: false,
  };
}

const TABS: { key: Kind; name: string }[] = [
  { key: 'binding', name: '绑定申请' },
  { key: 'lawyer', name: '律师认证' },
];

Component({
  data: {
    ...PAGED_INITIAL,
    items: [] as Row[],
    tabs: TABS,
    kind: 'binding' as Kind,
    /** What each tab holds; null until read. */
    counts: { binding: null, lawyer: null } as Record<Kind, number | null>,
    visited: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      if (query.kind === 'lawyer') this.setData({ kind: 'lawyer' });
      void this.refresh();
    },

    /** Back from a review: what was decided has left the list. */
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
      return call('cases', 'review.inbox', { kind: this.data.kind, page, pageSize: PAGE_SIZE });
    },

    async refresh(): Promise<void> {
      const kind = this.data.kind;
      await refreshPage(this, (page) => this.fetch(page), toRow, {
        stale: () => kind !== this.data.kind, // the other tab was chosen meanwhile
        onError: (error) =>
          isRefusal(error.code)
            ? { state: 'forbidden', items: [], errorMessage: error.message }
            : { state: 'error', items: [], errorMessage: error.message },
        extra: (data) => ({ [`counts.${kind}`]: data.total }),
      });
      if (this.data.state === 'ready') void this.countOther();
    },

    /** The other tab's count, so each tab says what waits there. */
    async countOther(): Promise<void> {
      const other: Kind = this.data.kind === 'binding' ? 'lawyer' : 'binding';
      const res = await call('cases', 'review.inbox', { kind: other, page: 1, pageSize: 1 });
      if (res.ok) this.setData({ [`counts.${other}`]: res.data.total });
    },

    async loadMore(): Promise<void> {
      const kind = this.data.kind;
      await loadMorePage(this, (page) => this.fetch(page), toRow, {
        stale: () => kind !== this.data.kind,
        extra: (data) => ({ [`counts.${kind}`]: data.total }),
      });
    },

    onTabTap(e: WechatMiniprogram.TouchEvent<object, object, { key: Kind }>): void {
      const kind = e.currentTarget.dataset.key;
      if (kind === this.data.kind) return;
      this.setData({ kind, items: [], page: 0, hasMore: false, state: 'loading' });
      void this.refresh();
    },

    onRetry(): void {
      void this.refresh();
    },

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({
        url: `/casework/review/index?kind=${this.data.kind}&id=${e.currentTarget.dataset.id}`,
      });
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },
  },
});
