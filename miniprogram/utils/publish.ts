// What the publishing pages share (public/ and the staff's casework/ pages of 信息发布 and 文书公开):
// the contract's announcement categories, document types, statuses and limits, the staff lists by status tab, the public
// detail pages, the search highlight cut into plain and bold pieces, and the original and masked
// text of a document cut into pieces with every masked span and every flagged name marked. MIRRORS
// typings/publish.ts (pages may only `import type` from outside miniprogram/);
// tests/miniprogram/publish.test.ts fails when they drift apart.
import type { ActionResult } from '../../typings/errors';
import type {
  AnnouncementCategory,
  DocumentType,
  MaskedSpanView,
  PublicationStatus,
  RedactionView,
} from '../../typings/publish';
import { call, isRefusal } from './api';
import { loadMorePage, PAGED_INITIAL, refreshPage, type PagedData } from './paged';
import { columnsFor, groupUnits, unitColumnMoved, unitPlaced, type UnitGroup } from './units';

export const ANNOUNCEMENT_CATEGORIES: readonly AnnouncementCategory[] = ['case_info', 'notice'];

export const ANNOUNCEMENT_CATEGORY_NAMES: Record<AnnouncementCategory, string> = {
  case_info: '重要案件信息',
  notice: '检务公告',
};

/** The category a page's `?category=` names; anything else is important case information. */
export function categoryOf(value: string | undefined): AnnouncementCategory {
  return value === 'notice' ? 'notice' : 'case_info';
}

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  'indictment',
  'non_prosecution',
  'protest',
  'appeal_review',
  'procuratorial_suggestion',
  'other',
];

export const DOCUMENT_TYPE_NAMES: Record<DocumentType, string> = {
  indictment: '起诉书',
  non_prosecution: '不起诉决定书',
  protest: '抗诉书',
  appeal_review: '刑事申诉复查决定书',
  procuratorial_suggestion: '检察建议书',
  other: '其他法律文书',
};

export const PUBLICATION_STATUSES: readonly PublicationStatus[] = [
  'draft',
  'published',
  'withdrawn',
];

export const PUBLICATION_STATUS_NAMES: Record<PublicationStatus, string> = {
  draft: '待审核',
  published: '已发布',
  withdrawn: '已撤回',
};

/** PUBLISH_LIMITS of the contract, and the minimum lengths of its text fields. */
export const PUBLISH_PAGE_LIMITS = {
  titleMax: 100,
  bodyMax: 20_000,
  documentMax: 50_000,
  queryMax: 40,
  announcementTitleMin: 5,
  bodyMin: 20,
  documentTitleMin: 4,
  documentMin: 20,
  caseNumberMax: 60,
} as const;

/** The tag colour of a status: drafts wait, published is done, withdrawn is grey. */
export function statusTagClass(status: PublicationStatus): string {
  if (status === 'draft') return 'tag-pending';
  if (status === 'published') return 'tag-replied';
  return 'tag-soon';
}

/** A tab of a staff list: all items, or those of one status. */
export type StatusTab = 'all' | PublicationStatus;

interface StaffListHost<R> {
  data: PagedData<R> & { tab: StatusTab; visited: boolean };
  setData(patch: Record<string, unknown>): void;
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
}

type TabEvent = WechatMiniprogram.TouchEvent<object, object, { key: StatusTab }>;

/** The first data of a staff list: 全部, then a tab for each of `statuses`. */
export function staffListData(statuses: readonly PublicationStatus[]) {
  return {
    ...PAGED_INITIAL,
    tabs: [
      { key: 'all' as StatusTab, name: '全部' },
      ...statuses.map((s) => ({ key: s as StatusTab, name: PUBLICATION_STATUS_NAMES[s] })),
    ],
    tab: 'all' as StatusTab,
    visited: false,
  };
}

/**
 * The methods of a staff list of 信息发布 or 文书公开 (casework/announcements, casework/documents), to
 * spread into the page's: the caller's procuratorate's items of the tab chosen, paged; read again
 * when the page shows again (back from the editor, statuses have changed); for anyone but case
 * management (the function refuses them) the `forbidden` state instead of a list.
 */
export function staffListMethods<R extends { id: string }, I>(
  fetch: (
    status: PublicationStatus | undefined,
    page: number,
  ) => Promise<ActionResult<{ items: I[]; total: number }>>,
  toRow: (item: I) => R,
) {
  const pageOf = (host: StaffListHost<R>) => (page: number) => {
    const tab = host.data.tab;
    return fetch(tab === 'all' ? undefined : tab, page);
  };
  return {
    onLoad(this: StaffListHost<R>): void {
      void this.refresh();
    },

    onShow(this: StaffListHost<R>): void {
      if (this.data.visited && this.data.state === 'ready') void this.refresh();
      else this.setData({ visited: true });
    },

    onPullDownRefresh(this: StaffListHost<R>): void {
      void this.refresh().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom(this: StaffListHost<R>): void {
      void this.loadMore();
    },

    async refresh(this: StaffListHost<R>): Promise<void> {
      const tab = this.data.tab;
      await refreshPage(this, pageOf(this), toRow, {
        stale: () => tab !== this.data.tab,
        onError: (error) => ({
          state: isRefusal(error.code) ? 'forbidden' : 'error',
          items: [],
          errorMessage: error.message,
        }),
      });
    },

    async loadMore(this: StaffListHost<R>): Promise<void> {
      const tab = this.data.tab;
      await loadMorePage(this, pageOf(this), toRow, { stale: () => tab !== this.data.tab });
    },

    onTabTap(this: StaffListHost<R>, e: TabEvent): void {
      const tab = e.currentTarget.dataset.key;
      if (tab === this.data.tab) return;
      this.setData({ tab, items: [], page: 0, hasMore: false, state: 'loading' });
      void this.refresh();
    },

    onRetry(this: StaffListHost<R>): void {
      void this.refresh();
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },
  };
}

/** The first entry of the procuratorate picker of a public list: no filter. */
export const ALL_UNITS: UnitGroup = {
  name: '全部检察院',
  units: [{ id: '', name: '全部检察院' }],
};

/** The first data of a public list (public/announcements, public/documents): paged, no filter. */
export function publicListData() {
  return {
    ...PAGED_INITIAL,
    q: '',
    queryMax: PUBLISH_PAGE_LIMITS.queryMax,
    unitGroups: [ALL_UNITS] as UnitGroup[],
    unitColumns: columnsFor([ALL_UNITS], 0),
    unitIndex: [0, 0],
    procuratorateId: '',
    procuratorateName: '全部检察院',
  };
}

interface PublicListHost {
  data: { unitGroups: UnitGroup[]; procuratorateId: string };
  setData(patch: Record<string, unknown>): void;
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  loadUnits(): Promise<void>;
}

/**
 * The methods every public list has, to spread into the page's (which adds `refresh` and
 * `loadMore` for its own search): the procuratorates for the filter, the list read on load, on
 * pull-down and for 重新加载, and more at the bottom.
 */
export function publicListMethods() {
  return {
    onLoad(this: PublicListHost): void {
      void this.loadUnits();
      void this.refresh();
    },

    onPullDownRefresh(this: PublicListHost): void {
      void this.refresh().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom(this: PublicListHost): void {
      void this.loadMore();
    },

    /**
     * The picker opens on the procuratorate already filtered by (a link's `procuratorateId`), whose
     * name it then shows. On failure the filter shows 全部检察院 (or what it was); the list still works.
     */
    async loadUnits(this: PublicListHost): Promise<void> {
      const res = await call('account', 'procuratorates', {});
      if (!res.ok) return;
      const groups = [ALL_UNITS, ...groupUnits(res.data.procuratorates)];
      const id = this.data.procuratorateId;
      const unit = id ? groups.flatMap((g) => g.units).find((u) => u.id === id) : undefined;
      this.setData({
        unitGroups: groups,
        ...unitPlaced(groups, unit ? id : ''),
        ...(unit ? { procuratorateName: unit.name } : {}),
      });
    },

    onQueryInput(this: PublicListHost, e: WechatMiniprogram.Input): void {
      this.setData({ q: e.detail.value });
    },

    onUnitColumnChange(this: PublicListHost, e: WechatMiniprogram.PickerColumnChange): void {
      const moved = unitColumnMoved(this.data.unitGroups, e.detail);
      if (moved) this.setData(moved);
    },

    onRetry(this: PublicListHost): void {
      void this.refresh();
    },
  };
}

/** The first data of a public detail page: loading, the item not yet read. */
export function publicDetailData() {
  return {
    state: 'loading' as 'loading' | 'ready' | 'notfound' | 'error',
    errorMessage: '',
  };
}

interface DetailHost {
  data: { id: string };
  setData(patch: Record<string, unknown>): void;
  load(id: string): Promise<void>;
}

/**
 * The methods of a public detail page (public/announcement, public/document), to spread into the
 * page's: the published item of the `id` in the query (or property) shown as `key`; none, an
 * unknown or withdrawn one is `notfound`, any other failure `error` with 重新加载.
 */
export function publicDetailMethods<V, S>(
  key: string,
  get: (id: string) => Promise<ActionResult<V>>,
  toShown: (v: V) => S,
) {
  return {
    onLoad(this: DetailHost, query: Record<string, string | undefined>): void {
      void this.load(query.id || this.data.id);
    },

    async load(this: DetailHost, id: string): Promise<void> {
      if (!id) {
        this.setData({ state: 'notfound' });
        return;
      }
      if (id !== this.data.id) this.setData({ id });
      this.setData({ state: 'loading' });
      const res = await get(id);
      if (res.ok) this.setData({ state: 'ready', [key]: toShown(res.data) });
      else if (res.error.code === 'NOT_FOUND' || res.error.code === 'BAD_REQUEST') {
        this.setData({ state: 'notfound', [key]: null });
      } else this.setData({ state: 'error', errorMessage: res.error.message });
    },

    onRetry(this: DetailHost): void {
      void this.load(this.data.id);
    },
  };
}

/** `YYYY-MM-DD` (China time) of an ISO moment; '' when there is none. */
export function chinaDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + 8 * 60 * 60 * 1000);
  const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A piece of a highlighted excerpt: `hit` pieces are what the query matched (shown bold). */
export interface HighlightPiece {
  key: string;
  text: string;
  hit: boolean;
}

/**
 * The search answer's excerpt, where matched characters stand between 【】, as plain and bold
 * pieces: the page shows them as text nodes, so nothing in a document is ever read as markup.
 */
export function highlightPieces(highlighted: string): HighlightPiece[] {
  const pieces: HighlightPiece[] = [];
  const re = /【([^【】]*)】/g;
  let at = 0;
  let m: RegExpExecArray | null;
  const push = (text: string, hit: boolean) => {
    if (text) pieces.push({ key: `h${pieces.length}`, text, hit });
  };
  while ((m = re.exec(highlighted)) !== null) {
    push(highlighted.slice(at, m.index), false);
    push(m[1], true);
    at = m.index + m[0].length;
  }
  push(highlighted.slice(at), false);
  return pieces;
}

/** A piece of a document's text: plain, a masked span (`mask`) or a name flagged for the reviewer. */
export interface TextPiece {
  key: string;
  text: string;
  mark: '' | 'mask' | 'flag';
  /** The masked span's or flag's index in the view, -1 for plain text. */
  index: number;
  /** For a mask: `姓名`, `身份证号码` …; for a flag: `待核查`. */
  label: string;
}

export interface SideBySide {
  original: TextPiece[];
  masked: TextPiece[];
  /** The masked pieces put together are the masked text the public would read. */
  consistent: boolean;
}

/**
 * The original and the masked text cut at every masked span and flagged name: in the original a
 * span shows what was there, in the masked text what replaces it, so the reviewer sees each one in
 * both. Spans that overlap an earlier one are left out (the engine does not make them).
 */
export function sideBySide(original: string, redaction: RedactionView): SideBySide {
  const marks = [
    ...redaction.spans.map((s: MaskedSpanView, i) => ({
      start: s.start,
      end: s.end,
      mark: 'mask' as const,
      index: i,
      label: s.kindName,
      replacement: s.replacement,
    })),
    ...redaction.flags.map((f, i) => ({
      start: f.start,
      end: f.end,
      mark: 'flag' as const,
      index: i,
      label: '待核查',
      replacement: original.slice(f.start, f.end),
    })),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  const left: TextPiece[] = [];
  const right: TextPiece[] = [];
  let at = 0;
  const plain = (to: number) => {
    if (to <= at) return;
    const text = original.slice(at, to);
    left.push({ key: `o${left.length}`, text, mark: '', index: -1, label: '' });
    right.push({ key: `m${right.length}`, text, mark: '', index: -1, label: '' });
  };
  for (const m of marks) {
    if (m.start < at || m.end <= m.start || m.end > original.length) continue;
    plain(m.start);
    const base = { mark: m.mark, index: m.index, label: m.label };
    left.push({ key: `o${left.length}`, text: original.slice(m.start, m.end), ...base });
    right.push({ key: `m${right.length}`, text: m.replacement, ...base });
    at = m.end;
  }
  plain(original.length);
  const consistent = right.map((p) => p.text).join('') === redaction.masked;
  return { original: left, masked: right, consistent };
}
