// 重要案件信息 (the public, no login): important case information the procuratorates published,
// newest first, searched by keyword (the matched words in bold) and filtered by procuratorate.
import type { ActionOutput, ActionResult } from '../../../typings/index';
import type { PublicListItem } from '../../../typings/publish';
import { call } from '../../utils/api';
import { loadMorePage, refreshPage } from '../../utils/paged';
import {
  highlightPieces,
  publicListData,
  publicListMethods,
  type HighlightPiece,
} from '../../utils/publish';
import { formatTime } from '../../utils/time';
import { unitChosen } from '../../utils/units';

const PAGE_SIZE = 20;

type ListResult = ActionResult<ActionOutput<'publish', 'announcement.list'>>;

interface Row {
  id: string;
  title: string;
  procuratorateName: string;
  publishedAtText: string;
  excerpt: HighlightPiece[];
  excerptText: string;
}

/** The excerpt holds 【】 around what matched only when a keyword was searched. */
function toRow(item: PublicListItem, searched: boolean): Row {
  return {
    id: item.id,
    title: item.title,
    procuratorateName: item.procuratorateName,
    publishedAtText: formatTime(item.publishedAt),
    excerpt: searched
      ? highlightPieces(item.excerpt)
      : [{ key: 'h0', text: item.excerpt, hit: false }],
    excerptText: searched ? item.excerpt.replace(/[【】]/g, '') : item.excerpt,
  };
}

Component({
  data: {
    ...publicListData(),
    items: [] as Row[],
    searched: '',
  },

  methods: {
    ...publicListMethods(),

    filterKey(): string {
      return `${this.data.searched}|${this.data.procuratorateId}`;
    },

    fetch(page: number): Promise<ListResult> {
      const { searched, procuratorateId } = this.data;
      return call('publish', 'announcement.list', {
        ...(searched ? { q: searched } : {}),
        ...(procuratorateId ? { procuratorateId } : {}),
        page,
        pageSize: PAGE_SIZE,
      });
    },

    async refresh(): Promise<void> {
      const key = this.filterKey();
      const row = (item: PublicListItem) => toRow(item, !!this.data.searched);
      await refreshPage(this, (page) => this.fetch(page), row, {
        stale: () => key !== this.filterKey(),
        onError: (error) => ({ state: 'error', items: [], errorMessage: error.message }),
      });
    },

    async loadMore(): Promise<void> {
      const key = this.filterKey();
      const row = (item: PublicListItem) => toRow(item, !!this.data.searched);
      await loadMorePage(this, (page) => this.fetch(page), row, {
        stale: () => key !== this.filterKey(),
      });
    },

    restart(patch: Record<string, unknown>): void {
      this.setData({ ...patch, items: [], page: 0, hasMore: false, state: 'loading' });
      void this.refresh();
    },

    onSearch(): void {
      this.restart({ searched: this.data.q.trim() });
    },

    onClearSearch(): void {
      this.restart({ q: '', searched: '' });
    },

    onUnitChange(e: WechatMiniprogram.PickerChange): void {
      const chosen = unitChosen(this.data.unitGroups, e.detail.value);
      if (!chosen || chosen.unit.id === this.data.procuratorateId) return;
      this.restart({
        procuratorateId: chosen.unit.id,
        procuratorateName: chosen.unit.name,
        ...chosen.picker,
      });
    },

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/public/announcement/index?id=${e.currentTarget.dataset.id}` });
    },
  },
});
