// 重要案件信息 or 检务公告 (the public, no login): the announcements of one category the
// procuratorates published (`?category=notice` for 检务公告, otherwise important case information),
// newest first, searched by keyword (the matched words in bold) and filtered by procuratorate
// (`?procuratorateId=` opens it filtered, as a procuratorate's page links to its notices).
import type { ActionOutput, ActionResult } from '../../../typings/index';
import type { AnnouncementCategory, AnnouncementListItem } from '../../../typings/publish';
import { call } from '../../utils/api';
import { loadMorePage, refreshPage } from '../../utils/paged';
import {
  ANNOUNCEMENT_CATEGORY_NAMES,
  categoryOf,
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
function toRow(item: AnnouncementListItem, searched: boolean): Row {
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
    category: 'case_info' as AnnouncementCategory,
    /** The category's name: the page's title, and what its empty state and search say. */
    categoryName: ANNOUNCEMENT_CATEGORY_NAMES.case_info,
  },

  methods: {
    ...publicListMethods(),

    onLoad(query: Record<string, string | undefined>): void {
      const category = categoryOf(query.category);
      const categoryName = ANNOUNCEMENT_CATEGORY_NAMES[category];
      const procuratorateId = query.procuratorateId ?? '';
      this.setData({
        category,
        categoryName,
        // Named once the procuratorates are read (loadUnits).
        ...(procuratorateId ? { procuratorateId, procuratorateName: '所选检察院' } : {}),
      });
      wx.setNavigationBarTitle({ title: categoryName });
      void this.loadUnits();
      void this.refresh();
    },

    filterKey(): string {
      return `${this.data.searched}|${this.data.procuratorateId}`;
    },

    fetch(page: number): Promise<ListResult> {
      const { searched, procuratorateId, category } = this.data;
      return call('publish', 'announcement.list', {
        category,
        ...(searched ? { q: searched } : {}),
        ...(procuratorateId ? { procuratorateId } : {}),
        page,
        pageSize: PAGE_SIZE,
      });
    },

    async refresh(): Promise<void> {
      const key = this.filterKey();
      const row = (item: AnnouncementListItem) => toRow(item, !!this.data.searched);
      await refreshPage(this, (page) => this.fetch(page), row, {
        stale: () => key !== this.filterKey(),
        onError: (error) => ({ state: 'error', items: [], errorMessage: error.message }),
      });
    },

    async loadMore(): Promise<void> {
      const key = this.filterKey();
      const row = (item: AnnouncementListItem) => toRow(item, !!this.data.searched);
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
