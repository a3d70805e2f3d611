// 我的咨询: the caller's legal questions, newest first (the latest 50).
import type { ConsultationListItem } from '../../../typings/consultation';
import { call } from '../../utils/api';
import { formatTime } from '../../utils/time';

const STATUS = { pending: '待答复', answered: '已答复' } as const;

function toRow(i: ConsultationListItem) {
  return {
    id: i.id,
    topic: i.topic,
    excerpt: i.excerpt,
    procuratorateName: i.procuratorateName,
    statusName: STATUS[i.status],
    statusClass: i.status === 'answered' ? 'tag-replied' : 'tag-pending',
    createdAtText: formatTime(i.createdAt),
  };
}

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorMessage: '',
    items: [] as ReturnType<typeof toRow>[],
    total: 0,
  },

  methods: {
    onLoad(): void {
      void this.load();
    },

    onPullDownRefresh(): void {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    async load(): Promise<void> {
      const res = await call('consultation', 'mine', { page: 1, pageSize: 50 });
      if (!res.ok) {
        this.setData({ state: 'error', errorMessage: res.error.message });
        return;
      }
      this.setData({ state: 'ready', items: res.data.items.map(toRow), total: res.data.total });
    },

    onRetry(): void {
      void this.load();
    },

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/citizen/consult-detail/index?id=${e.currentTarget.dataset.id}` });
    },

    onAsk(): void {
      wx.navigateTo({ url: '/citizen/consult-ask/index' });
    },
  },
});
