// 代表委员与监督员事项 (staff): the opinions and supervision complaints addressed to the staff
// member's procuratorate, by status (with counts) and kind, paged, each with its reply due date.
import type { LiaisonKind, LiaisonStaffListItem, LiaisonStatus } from '../../../typings/liaison';
import { call, isRefusal } from '../../utils/api';
import {
  LIAISON_KIND_NAMES,
  LIAISON_ROLE_NAMES,
  LIAISON_STATUS_NAMES,
  SUPERVISION_MATTER_NAMES,
  dueText,
  statusTag,
} from '../../utils/liaison';
import { loadMorePage, PAGED_INITIAL, refreshPage } from '../../utils/paged';
import { formatTime } from '../../utils/time';

type Filter = 'all' | LiaisonStatus;
type KindFilter = 'all' | LiaisonKind;
const PAGE_SIZE = 20;

function toRow(i: LiaisonStaffListItem) {
  const tag = statusTag(i.status);
  const due = dueText(i);
  return {
    id: i.id,
    title: i.title,
    kindName: i.matter
      ? `${LIAISON_KIND_NAMES[i.kind]}：${SUPERVISION_MATTER_NAMES[i.matter]}`
      : LIAISON_KIND_NAMES[i.kind],
    submitter: `${LIAISON_ROLE_NAMES[i.submitterRole]} ${i.submitterName}`,
    statusName: tag.name,
    statusClass: tag.cls,
    handlerName: i.handlerName ?? '未分办',
    submittedAtText: formatTime(i.submittedAt),
    dueText: i.status === 'replied' ? `已答复（${due.text}）` : `应于${due.text}前答复`,
    overdue: i.status !== 'replied' && due.overdue,
    soon: i.status !== 'replied' && due.soon,
    needsReview: i.contentFlag === 'review',
  };
}

function tabs(counts: Record<LiaisonStatus, number> | null) {
  return (['all', 'submitted', 'handling', 'replied'] as Filter[]).map((key) => ({
    key,
    name: key === 'all' ? '全部' : LIAISON_STATUS_NAMES[key],
    count: !counts
      ? null
      : key === 'all'
        ? counts.submitted + counts.handling + counts.replied
        : counts[key],
  }));
}

const KINDS: { key: KindFilter; name: string }[] = [
  { key: 'all', name: '全部类别' },
  { key: 'opinion', name: '代表委员意见建议' },
  { key: 'complaint', name: '人民监督员申诉' },
];

Component({
  data: {
    ...PAGED_INITIAL,
    items: [] as ReturnType<typeof toRow>[],
    filter: 'submitted' as Filter,
    kind: 'all' as KindFilter,
    kinds: KINDS,
    tabs: tabs(null),
    forbidden: false,
    shown: false,
  },

  methods: {
    onLoad(): void {
      void this.load();
    },

    /** Back from an item: its status and the counts have changed. */
    onShow(): void {
      if (this.data.shown && this.data.state === 'ready') void this.load();
      else this.setData({ shown: true });
    },

    onPullDownRefresh(): void {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom(): void {
      const { filter, kind } = this.data;
      void loadMorePage(this, (page) => this.fetch(page), toRow, {
        extra: (d) => ({ tabs: tabs(d.counts) }),
        stale: () => filter !== this.data.filter || kind !== this.data.kind,
      });
    },

    fetch(page: number) {
      const { filter, kind } = this.data;
      return call('liaison', 'inbox', {
        ...(filter === 'all' ? {} : { status: filter }),
        ...(kind === 'all' ? {} : { kind }),
        page,
        pageSize: PAGE_SIZE,
      });
    },

    load(): Promise<void> {
      const { filter, kind } = this.data;
      return refreshPage(this, (page) => this.fetch(page), toRow, {
        extra: (d) => ({ tabs: tabs(d.counts) }),
        stale: () => filter !== this.data.filter || kind !== this.data.kind,
        onError: (error) =>
          isRefusal(error.code)
            ? { forbidden: true, state: 'error', errorMessage: error.message }
            : null,
      });
    },

    onTabTap(e: WechatMiniprogram.TouchEvent<object, object, { key: Filter }>): void {
      const filter = e.currentTarget.dataset.key;
      if (filter === this.data.filter) return;
      this.setData({ filter, items: [], state: 'loading' });
      void this.load();
    },

    onKindTap(e: WechatMiniprogram.TouchEvent<object, object, { key: KindFilter }>): void {
      const kind = e.currentTarget.dataset.key;
      if (kind === this.data.kind) return;
      this.setData({ kind, items: [], state: 'loading' });
      void this.load();
    },

    onRetry(): void {
      void this.load();
    },

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/staff/liaison-item/index?id=${e.currentTarget.dataset.id}` });
    },
  },
});
