// 我的信访: the citizen's own petitions, newest first, twenty at a time, with their status.
import type { PetitionListItem } from '../../../typings/petition';
import { call } from '../../utils/api';
import { listMethods, PAGED_INITIAL } from '../../utils/paged';
import { petitionTagClass } from '../../utils/petition-form';
import { formatTime } from '../../utils/time';

const PAGE_SIZE = 20;

interface Row {
  id: string;
  receiptNumber: string;
  kindName: string;
  procuratorateName: string;
  excerpt: string;
  statusName: string;
  statusClass: string;
  submittedAtText: string;
  updatedAtText: string;
}

function toRow(item: PetitionListItem): Row {
  return {
    id: item.id,
    receiptNumber: item.receiptNumber,
    kindName: item.kindName,
    procuratorateName: item.procuratorateName,
    excerpt: item.excerpt,
    statusName: item.statusName,
    statusClass: petitionTagClass(item.status),
    submittedAtText: formatTime(item.submittedAt),
    updatedAtText: formatTime(item.updatedAt),
  };
}

Component({
  data: { ...PAGED_INITIAL, items: [] as Row[] },

  methods: {
    ...listMethods(
      (page: number) => call('petition', 'mine', { page, pageSize: PAGE_SIZE }),
      toRow,
    ),

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/citizen/petition-detail/index?id=${e.currentTarget.dataset.id}` });
    },

    onWrite(): void {
      wx.navigateTo({ url: '/citizen/petition-submit/index' });
    },
  },
});
