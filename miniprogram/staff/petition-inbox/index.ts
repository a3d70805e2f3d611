// 信访办理 (staff): the petitions of the staff member's procuratorate (a handler: their department's),
// filtered by status (with the count of each), kind and "assigned to me". The function refuses
// anyone without a petition role; the page then says so instead of a list.
import type { ActionOutput, ActionResult } from '../../../typings/index';
import type { PetitionInboxItem, PetitionKind, PetitionStatus } from '../../../typings/petition';
import { call, isRefusal } from '../../utils/api';
import { loadMorePage, PAGED_INITIAL, refreshPage } from '../../utils/paged';
import {
  PETITION_CHANNEL_NAMES,
  PETITION_KIND_NAMES,
  PETITION_KINDS,
  PETITION_STATUS_NAMES,
  PETITION_STATUSES,
  petitionTagClass,
} from '../../utils/petition-form';
import { formatTime } from '../../utils/time';

const PAGE_SIZE = 20;

type InboxResult = ActionResult<ActionOutput<'petition', 'inbox'>>;
type StatusKey = 'all' | PetitionStatus;
type KindKey = 'all' | PetitionKind;

interface Row {
  id: string;
  receiptNumber: string;
  kindName: string;
  channelName: string;
  statusName: string;
  statusClass: string;
  departmentName: string;
  handlerName: string;
  excerpt: string;
  submittedAtText: string;
  dueLabel: string;
  dueText: string;
  overdue: boolean;
  dueSoon: boolean;
  needsReview: boolean;
}

function toRow(item: PetitionInboxItem): Row {
  // The server's deadline engine (working days, holidays, per-kind rules) says what is due next.
  const next = item.nextDue;
  const due = next ? { label: `${next.name}期限`, at: next.due } : null;
  return {
    id: item.id,
    receiptNumber: item.receiptNumber,
    kindName: item.kindName,
    channelName: PETITION_CHANNEL_NAMES[item.channel],
    statusName: PETITION_STATUS_NAMES[item.status],
    statusClass: petitionTagClass(item.status),
    departmentName: item.departmentName ?? '未登记',
    handlerName: item.handlerName ?? '未分配',
    excerpt: item.excerpt,
    submittedAtText: formatTime(item.submittedAt),
    dueLabel: due?.label ?? '',
    dueText: due ? formatTime(due.at) : '',
    overdue: item.overdue,
    dueSoon: next?.state === 'due_soon',
    needsReview: item.contentFlag === 'review',
  };
}

interface Option<K> {
  key: K;
  name: string;
}

function statusOptions(counts: Record<PetitionStatus, number> | null): Option<StatusKey>[] {
  const total = counts ? PETITION_STATUSES.reduce((n, s) => n + counts[s], 0) : null;
  const label = (name: string, n: number | null) => (n === null ? name : `${name}（${n}）`);
  return [
    { key: 'all' as StatusKey, name: label('全部状态', total) },
    ...PETITION_STATUSES.map((s) => ({
      key: s as StatusKey,
      name: label(PETITION_STATUS_NAMES[s], counts ? counts[s] : null),
    })),
  ];
}

const KIND_OPTIONS: Option<KindKey>[] = [
  { key: 'all', name: '全部类别' },
  ...PETITION_KINDS.map((k) => ({ key: k as KindKey, name: PETITION_KIND_NAMES[k] })),
];

/** The deadline filter: every petition, or those the server finds due soon or overdue. */
const DUE_OPTIONS = [
  { key: 'all', name: '全部期限' },
  { key: 'soon', name: '即将到期（3日内）' },
  { key: 'overdue', name: '已超期' },
] as const;

Component({
  data: {
    ...PAGED_INITIAL,
    items: [] as Row[],
    shown: [] as Row[],
    statusOptions: statusOptions(null),
    statusIndex: 0,
    kindOptions: KIND_OPTIONS,
    kindIndex: 0,
    assignedToMe: false,
    dueOptions: DUE_OPTIONS,
    dueIndex: 0,
    canFile: false,
    /** Leaders see the statistics (`petition.stats`). */
    canSeeStats: false,
    unitName: '',
    visited: false,
  },

  methods: {
    onLoad(): void {
      void this.loadRoles();
      void this.refresh();
    },

    /** Coming back from a detail: statuses and counts have changed, so read them again. */
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

    /** Registrars and leaders file petitions that came offline. */
    async loadRoles(): Promise<void> {
      const who = await call('account', 'whoami', {});
      const roles = who.ok && who.data.staff ? who.data.staff.roles : [];
      this.setData({
        canFile: roles.some((r) => r === 'registrar' || r === 'leader'),
        canSeeStats: roles.some((r) => r === 'leader' || r === 'admin'),
      });
    },

    filterKey(): string {
      const d = this.data;
      return `${d.statusIndex}|${d.kindIndex}|${d.assignedToMe ? 1 : 0}|${d.dueIndex}`;
    },

    fetch(page: number): Promise<InboxResult> {
      const d = this.data;
      const status = d.statusOptions[d.statusIndex]?.key ?? 'all';
      const kind = d.kindOptions[d.kindIndex]?.key ?? 'all';
      const due = DUE_OPTIONS[d.dueIndex]?.key ?? 'all';
      return call('petition', 'inbox', {
        ...(status === 'all' ? {} : { status }),
        ...(kind === 'all' ? {} : { kind }),
        ...(due === 'all' ? {} : { due }),
        assignedToMe: d.assignedToMe,
        page,
        pageSize: PAGE_SIZE,
      });
    },

    extra(data: { items: PetitionInboxItem[]; counts: Record<PetitionStatus, number> }) {
      return {
        statusOptions: statusOptions(data.counts),
        unitName: data.items[0]?.procuratorateName ?? this.data.unitName,
      };
    },

    async refresh(): Promise<void> {
      const key = this.filterKey();
      await refreshPage(this, (page) => this.fetch(page), toRow, {
        stale: () => key !== this.filterKey(), // another filter was chosen meanwhile
        onError: (error) =>
          isRefusal(error.code)
            ? { state: 'forbidden', items: [], shown: [], errorMessage: error.message }
            : { state: 'error', items: [], shown: [], errorMessage: error.message },
        extra: (data) => this.extra(data),
      });
      this.setData({ shown: this.data.items });
    },

    async loadMore(): Promise<void> {
      const key = this.filterKey();
      await loadMorePage(this, (page) => this.fetch(page), toRow, {
        stale: () => key !== this.filterKey(),
        extra: (data) => this.extra(data),
      });
      this.setData({ shown: this.data.items });
    },

    restart(patch: Record<string, unknown>): void {
      this.setData({ ...patch, items: [], shown: [], page: 0, hasMore: false, state: 'loading' });
      void this.refresh();
    },

    onStatusChange(e: WechatMiniprogram.PickerChange): void {
      const statusIndex = Number(e.detail.value);
      if (statusIndex !== this.data.statusIndex) this.restart({ statusIndex });
    },

    onKindChange(e: WechatMiniprogram.PickerChange): void {
      const kindIndex = Number(e.detail.value);
      if (kindIndex !== this.data.kindIndex) this.restart({ kindIndex });
    },

    onAssignedChange(e: WechatMiniprogram.SwitchChange): void {
      this.restart({ assignedToMe: !!e.detail.value });
    },

    onDueChange(e: WechatMiniprogram.PickerChange): void {
      const dueIndex = Number(e.detail.value);
      if (dueIndex !== this.data.dueIndex) this.restart({ dueIndex });
    },

    onRetry(): void {
      void this.refresh();
    },

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/staff/petition-detail/index?id=${e.currentTarget.dataset.id}` });
    },

    onFile(): void {
      wx.navigateTo({ url: '/staff/petition-file/index' });
    },

    onStats(): void {
      wx.navigateTo({ url: '/staff/petition-stats/index' });
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },
  },
});
