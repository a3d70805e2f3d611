// 我的信访: the citizen's own petitions, newest first, twenty at a time, with their status.
import type { PetitionListItem } from '../../../typings/petition';
import { call } from '../../utils/api';
import { loadMorePage, PAGED_INITIAL, refreshPage } from '../../utils/paged';
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
    onLoad(): void {
      void this.refresh();
    },

    /** Back from a detail where something changed (withdrawn, rated): statuses stay current. */
    onShow(): void {
      if (this.data.state === 'ready') void this.refresh();
    },

    onPullDownRefresh(): void {
      void this.refresh().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom(): void {
      void this.loadMore();
    },

    fetch(page: number) {
      return call('petition', 'mine', { page, pageSize: PAGE_SIZE });
    },

    refresh(): Promise<void> {
      return refreshPage(this, (page) => this.fetch(page), toRow);
    },

    loadMore(): Promise<void> {
      return loadMorePage(this, (page) => this.fetch(page), toRow);
    },

    onRetry(): void {
      void this.refresh();
    },

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/citizen/petition-detail/index?id=${e.currentTarget.dataset.id}` });
    },

    onWrite(): void {
      wx.navigateTo({ url: '/citizen/petition-submit/index' });
    },
  },
});
