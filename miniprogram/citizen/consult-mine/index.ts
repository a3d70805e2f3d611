// 我的咨询: the caller's legal questions, newest first, twenty at a time.
import type { ConsultationListItem } from '../../../typings/consultation';
import { call } from '../../utils/api';
import { listMethods, PAGED_INITIAL } from '../../utils/paged';
import { formatTime } from '../../utils/time';

const PAGE_SIZE = 20;

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
  data: { ...PAGED_INITIAL, items: [] as ReturnType<typeof toRow>[] },

  methods: {
    ...listMethods(
      (page: number) => call('consultation', 'mine', { page, pageSize: PAGE_SIZE }),
      toRow,
    ),

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/citizen/consult-detail/index?id=${e.currentTarget.dataset.id}` });
    },

    onAsk(): void {
      wx.navigateTo({ url: '/citizen/consult-ask/index' });
    },
  },
});
