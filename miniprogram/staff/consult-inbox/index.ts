// 法律咨询办理 (staff): the questions asked of the staff member's procuratorate, by status (latest 50).
import type { ConsultationListItem, ConsultationStatus } from '../../../typings/consultation';
import { call, isRefusal } from '../../utils/api';
import { formatTime } from '../../utils/time';

type Filter = 'all' | ConsultationStatus;
const NAMES: Record<Filter, string> = { all: '全部', pending: '待答复', answered: '已答复' };

function toRow(i: ConsultationListItem & { contentFlag: 'pass' | 'review' }) {
  return {
    id: i.id,
    topic: i.topic,
    excerpt: i.excerpt,
    statusName: NAMES[i.status],
    statusClass: i.status === 'answered' ? 'tag-replied' : 'tag-pending',
    createdAtText: formatTime(i.createdAt),
    needsReview: i.contentFlag === 'review',
  };
}

function tabs(counts: Record<ConsultationStatus, number> | null) {
  return (['all', 'pending', 'answered'] as Filter[]).map((key) => ({
    key,
    name: NAMES[key],
    count: !counts ? null : key === 'all' ? counts.pending + counts.answered : counts[key],
  }));
}

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'forbidden' | 'error',
    errorMessage: '',
    filter: 'pending' as Filter,
    tabs: tabs(null),
    items: [] as ReturnType<typeof toRow>[],
    shown: false,
  },

  methods: {
    onLoad(): void {
      void this.load();
    },

    /** Coming back from an answer: counts and statuses have changed. */
    onShow(): void {
      if (this.data.shown && this.data.state === 'ready') void this.load();
      else this.setData({ shown: true });
    },

    onPullDownRefresh(): void {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    async load(): Promise<void> {
      const { filter } = this.data;
      const res = await call('consultation', 'inbox', {
        ...(filter === 'all' ? {} : { status: filter }),
        page: 1,
        pageSize: 50,
      });
      if (filter !== this.data.filter) return;
      if (!res.ok) {
        const forbidden = isRefusal(res.error.code);
        this.setData({ state: forbidden ? 'forbidden' : 'error', errorMessage: res.error.message });
        return;
      }
      this.setData({
        state: 'ready',
        items: res.data.items.map(toRow),
        tabs: tabs(res.data.counts),
      });
    },

    onTabTap(e: WechatMiniprogram.TouchEvent<object, object, { key: Filter }>): void {
      const filter = e.currentTarget.dataset.key;
      if (filter === this.data.filter) return;
      this.setData({ filter, items: [], state: 'loading' });
      void this.load();
    },

    onRetry(): void {
      void this.load();
    },

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/staff/consult-reply/index?id=${e.currentTarget.dataset.id}` });
    },
  },
});
