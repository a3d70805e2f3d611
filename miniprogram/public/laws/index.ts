// 法律法规查询 (the public, no login): the laws library of #7. Without a query it lists the laws
// (each opening its table of contents); with one, the articles ranked by the laws function — in
// every law or the one chosen — with the matched characters in bold (text pieces, never markup),
// each opening the article. `?q=…&law=…` opens it with a search already made.
import type { ActionOutput, ActionResult } from '../../../typings/index';
import type { LawSearchHit, LawSummary } from '../../../typings/laws';
import { call } from '../../utils/api';
import { articleUrl, LAWS_PAGE_LIMITS, lawUrl, queryParam } from '../../utils/laws';
import { loadMorePage, PAGED_INITIAL, refreshPage } from '../../utils/paged';
import { highlightPieces, type HighlightPiece } from '../../utils/publish';

const PAGE_SIZE = 20;

type SearchResult = ActionResult<ActionOutput<'laws', 'laws.search'>>;

interface Row {
  /** Unique in the list: law and article. */
  id: string;
  lawKey: string;
  articleId: string;
  heading: string;
  pathText: string;
  excerpt: HighlightPiece[];
  excerptText: string;
}

function toRow(hit: LawSearchHit): Row {
  return {
    id: `${hit.lawKey}:${hit.id}`,
    lawKey: hit.lawKey,
    articleId: hit.id,
    heading: `${hit.lawTitle.replace(/^中华人民共和国/, '')} ${hit.label}`,
    pathText: hit.pathText,
    excerpt: highlightPieces(hit.excerpt),
    excerptText: hit.excerpt.replace(/[【】]/g, ''),
  };
}

interface LawRow {
  key: string;
  title: string;
  kindName: string;
  meta: string;
}

function toLawRow(law: LawSummary): LawRow {
  return {
    key: law.key,
    title: law.title,
    kindName: law.kindName,
    meta: `${law.version ? `${law.version} 版 · ` : ''}共${law.articleCount}条`,
  };
}

const ALL = { key: '', name: '全部法律法规' };

Component({
  data: {
    ...PAGED_INITIAL,
    q: '',
    queryMax: LAWS_PAGE_LIMITS.queryMax,
    resultsMax: LAWS_PAGE_LIMITS.resultsMax,
    /** The catalogue, shown while there is no query. */
    laws: [] as LawRow[],
    catalogueState: 'loading' as 'loading' | 'ready' | 'error',
    lawOptions: [ALL] as { key: string; name: string }[],
    lawIndex: 0,
    /** What the list shows results for; an empty query shows the catalogue. */
    applied: { q: '', law: '' },
    items: [] as Row[],
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const q = queryParam(query.q).trim().slice(0, LAWS_PAGE_LIMITS.queryMax);
      const law = queryParam(query.law);
      this.setData({ q, applied: { q, law } });
      void this.loadCatalogue(law);
      if (q) void this.refresh();
    },

    async loadCatalogue(chosen = ''): Promise<void> {
      this.setData({ catalogueState: 'loading' });
      const res = await call('laws', 'laws.list', {});
      if (!res.ok) {
        this.setData({ catalogueState: 'error', errorMessage: res.error.message });
        return;
      }
      const options = [
        ALL,
        ...res.data.laws.map((l) => ({ key: l.key, name: l.title.replace(/^中华人民共和国/, '') })),
      ];
      const at = options.findIndex((o) => o.key === chosen);
      this.setData({
        catalogueState: 'ready',
        laws: res.data.laws.map(toLawRow),
        lawOptions: options,
        lawIndex: at > 0 ? at : 0,
      });
    },

    filterKey(): string {
      return JSON.stringify(this.data.applied);
    },

    fetch(page: number): Promise<SearchResult> {
      const { q, law } = this.data.applied;
      return call('laws', 'laws.search', {
        q,
        ...(law ? { lawKey: law } : {}),
        page,
        pageSize: PAGE_SIZE,
      });
    },

    async refresh(): Promise<void> {
      if (!this.data.applied.q) return;
      const key = this.filterKey();
      await refreshPage(this, (page) => this.fetch(page), toRow, {
        stale: () => key !== this.filterKey(),
      });
    },

    async loadMore(): Promise<void> {
      if (!this.data.applied.q) return;
      const key = this.filterKey();
      await loadMorePage(this, (page) => this.fetch(page), toRow, {
        stale: () => key !== this.filterKey(),
      });
    },

    onReachBottom(): void {
      void this.loadMore();
    },

    onQueryInput(e: WechatMiniprogram.Input): void {
      this.setData({ q: e.detail.value });
    },

    onLawChange(e: WechatMiniprogram.PickerChange): void {
      this.setData({ lawIndex: Number(e.detail.value) });
      // A search shown is narrowed (or widened) at once; the catalogue stays as it is.
      if (this.data.applied.q) this.onSearch();
    },

    onSearch(): void {
      const q = this.data.q.trim();
      const law = this.data.lawOptions[this.data.lawIndex]?.key ?? '';
      this.setData({
        applied: { q, law },
        items: [],
        page: 0,
        total: 0,
        hasMore: false,
        state: q ? 'loading' : 'ready',
      });
      void this.refresh();
    },

    onClear(): void {
      this.setData({ q: '', lawIndex: 0 });
      this.onSearch();
    },

    onRetry(): void {
      if (this.data.applied.q) void this.refresh();
      else void this.loadCatalogue();
    },

    onOpenLaw(e: WechatMiniprogram.TouchEvent<object, object, { key: string }>): void {
      wx.navigateTo({ url: lawUrl(e.currentTarget.dataset.key) });
    },

    onOpen(
      e: WechatMiniprogram.TouchEvent<object, object, { law: string; article: string }>,
    ): void {
      const { law, article } = e.currentTarget.dataset;
      wx.navigateTo({ url: articleUrl(law, article) });
    },
  },
});
