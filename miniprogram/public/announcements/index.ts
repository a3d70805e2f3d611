// 重要案件信息 (the public, no login): important case information the procuratorates published,
// newest first, searched by keyword (the matched words in bold) and filtered by procuratorate.
import type { ActionOutput, ActionResult } from '../../../typings/index';
import type { PublicListItem } from '../../../typings/publish';
import { call } from '../../utils/api';
import { loadMorePage, PAGED_INITIAL, refreshPage } from '../../utils/paged';
import { highlightPieces, PUBLISH_PAGE_LIMITS, type HighlightPiece } from '../../utils/publish';
import { formatTime } from '../../utils/time';
import {
  columnsFor,
  groupUnits,
  unitChosen,
  unitColumnMoved,
  type UnitGroup,
} from '../../utils/units';

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

/** The first picker entry: no filter. */
const ALL_UNITS: UnitGroup = { name: '全部检察院', units: [{ id: '', name: '全部检察院' }] };

Component({
  data: {
    ...PAGED_INITIAL,
    items: [] as Row[],
    q: '',
    searched: '',
    queryMax: PUBLISH_PAGE_LIMITS.queryMax,
    unitGroups: [ALL_UNITS] as UnitGroup[],
    unitColumns: columnsFor([ALL_UNITS], 0),
    unitIndex: [0, 0],
    procuratorateId: '',
    procuratorateName: '全部检察院',
  },

  methods: {
    onLoad(): void {
      void this.loadUnits();
      void this.refresh();
    },

    onPullDownRefresh(): void {
      void this.refresh().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom(): void {
      void this.loadMore();
    },

    async loadUnits(): Promise<void> {
      const res = await call('account', 'procuratorates', {});
      if (!res.ok) return; // the filter stays at 全部检察院; the list still works
      const groups = [ALL_UNITS, ...groupUnits(res.data.procuratorates)];
      this.setData({ unitGroups: groups, unitColumns: columnsFor(groups, 0), unitIndex: [0, 0] });
    },

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

    onQueryInput(e: WechatMiniprogram.Input): void {
      this.setData({ q: e.detail.value });
    },

    onSearch(): void {
      this.restart({ searched: this.data.q.trim() });
    },

    onClearSearch(): void {
      this.restart({ q: '', searched: '' });
    },

    onUnitColumnChange(e: WechatMiniprogram.PickerColumnChange): void {
      const moved = unitColumnMoved(this.data.unitGroups, e.detail);
      if (moved) this.setData(moved);
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

    onRetry(): void {
      void this.refresh();
    },

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/public/announcement/index?id=${e.currentTarget.dataset.id}` });
    },
  },
});
