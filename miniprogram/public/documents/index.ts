// 法律文书公开 (the public, no login): published legal documents (masked), newest first, searched
// by keyword — ranked, with the matched words in bold — and filtered by type, procuratorate and the
// dates they were published. The highlight is shown as text pieces, never as markup.
import type { ActionOutput, ActionResult } from '../../../typings/index';
import type { DocumentListItem, DocumentType } from '../../../typings/publish';
import { call, fieldErrors } from '../../utils/api';
import { loadMorePage, refreshPage } from '../../utils/paged';
import {
  chinaDate,
  DOCUMENT_TYPE_NAMES,
  DOCUMENT_TYPES,
  highlightPieces,
  publicListData,
  publicListMethods,
  type HighlightPiece,
} from '../../utils/publish';
import { columnsFor, unitChosen } from '../../utils/units';

const PAGE_SIZE = 20;

type SearchResult = ActionResult<ActionOutput<'publish', 'document.search'>>;

interface Row {
  id: string;
  title: string;
  typeName: string;
  caseNumber: string;
  procuratorateName: string;
  publishedOn: string;
  /** The excerpt around the matches (bold pieces), or the beginning of the text. */
  excerpt: HighlightPiece[];
  excerptText: string;
}

function toRow(item: DocumentListItem): Row {
  const shown = item.highlight ?? item.excerpt;
  return {
    id: item.id,
    title: item.title,
    typeName: item.typeName,
    caseNumber: item.caseNumber,
    procuratorateName: item.procuratorateName,
    publishedOn: chinaDate(item.publishedAt),
    excerpt: item.highlight
      ? highlightPieces(item.highlight)
      : [{ key: 'h0', text: item.excerpt, hit: false }],
    excerptText: item.highlight ? shown.replace(/[【】]/g, '') : shown,
  };
}

const TYPE_OPTIONS: { key: '' | DocumentType; name: string }[] = [
  { key: '', name: '全部文书类型' },
  ...DOCUMENT_TYPES.map((t) => ({ key: t, name: DOCUMENT_TYPE_NAMES[t] })),
];

/** The search as sent: what was typed and chosen when 搜索 was tapped. */
interface Filters {
  q: string;
  typeIndex: number;
  procuratorateId: string;
  from: string;
  to: string;
}

Component({
  data: {
    ...publicListData(),
    items: [] as Row[],
    typeOptions: TYPE_OPTIONS,
    typeIndex: 0,
    from: '',
    to: '',
    errors: {} as Record<string, string>,
    /** What the list shows results for. */
    applied: { q: '', typeIndex: 0, procuratorateId: '', from: '', to: '' } as Filters,
    filtered: false,
  },

  methods: {
    ...publicListMethods(),

    filterKey(): string {
      return JSON.stringify(this.data.applied);
    },

    fetch(page: number): Promise<SearchResult> {
      const f = this.data.applied;
      const type = TYPE_OPTIONS[f.typeIndex]?.key ?? '';
      return call('publish', 'document.search', {
        ...(f.q ? { q: f.q } : {}),
        ...(type ? { type } : {}),
        ...(f.procuratorateId ? { procuratorateId: f.procuratorateId } : {}),
        ...(f.from ? { from: f.from } : {}),
        ...(f.to ? { to: f.to } : {}),
        page,
        pageSize: PAGE_SIZE,
      });
    },

    async refresh(): Promise<void> {
      const key = this.filterKey();
      await refreshPage(this, (page) => this.fetch(page), toRow, {
        stale: () => key !== this.filterKey(),
        onError: (error) => {
          // A bad date range is the form's problem: said under the field, the list emptied.
          const issues = fieldErrors({
            ok: false,
            error: error as { issues?: { path: string; message: string }[] },
          });
          if (error.code === 'BAD_REQUEST' && Object.keys(issues).length) {
            return { state: 'ready', items: [], total: 0, hasMore: false, errors: issues };
          }
          return { state: 'error', items: [], errorMessage: error.message };
        },
      });
    },

    async loadMore(): Promise<void> {
      const key = this.filterKey();
      await loadMorePage(this, (page) => this.fetch(page), toRow, {
        stale: () => key !== this.filterKey(),
      });
    },

    onTypeChange(e: WechatMiniprogram.PickerChange): void {
      this.setData({ typeIndex: Number(e.detail.value) });
    },

    onUnitChange(e: WechatMiniprogram.PickerChange): void {
      const chosen = unitChosen(this.data.unitGroups, e.detail.value);
      if (!chosen) return;
      this.setData({
        procuratorateId: chosen.unit.id,
        procuratorateName: chosen.unit.name,
        ...chosen.picker,
      });
    },

    onFromChange(e: WechatMiniprogram.PickerChange): void {
      this.setData({ from: String(e.detail.value), 'errors.from': '', 'errors.to': '' });
    },

    onToChange(e: WechatMiniprogram.PickerChange): void {
      this.setData({ to: String(e.detail.value), 'errors.from': '', 'errors.to': '' });
    },

    onClearDates(): void {
      this.setData({ from: '', to: '', 'errors.from': '', 'errors.to': '' });
    },

    onSearch(): void {
      const d = this.data;
      if (d.from && d.to && d.from > d.to) {
        this.setData({ errors: { to: '截止日期不能早于起始日期' } });
        return;
      }
      const applied: Filters = {
        q: d.q.trim(),
        typeIndex: d.typeIndex,
        procuratorateId: d.procuratorateId,
        from: d.from,
        to: d.to,
      };
      const filtered = !!(
        applied.q ||
        applied.typeIndex ||
        applied.procuratorateId ||
        applied.from ||
        applied.to
      );
      this.setData({
        applied,
        filtered,
        errors: {},
        items: [],
        page: 0,
        hasMore: false,
        state: 'loading',
      });
      void this.refresh();
    },

    onReset(): void {
      this.setData({
        q: '',
        typeIndex: 0,
        procuratorateId: '',
        procuratorateName: '全部检察院',
        unitIndex: [0, 0],
        unitColumns: columnsFor(this.data.unitGroups, 0),
        from: '',
        to: '',
      });
      this.onSearch();
    },

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/public/document/index?id=${e.currentTarget.dataset.id}` });
    },
  },
});
