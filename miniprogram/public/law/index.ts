// 法律法规目录 (the public, no login): one law of the library with its table of contents — its
// 编, 分编, 章 and 节, indented, each with the articles it spans; tapping a unit lists its articles,
// each opening the article. Opened by `?law=<key>` (a deep link as much as from 法律法规查询).
import type { ArticleLink, LawTocNode, LawView } from '../../../typings/laws';
import { call } from '../../utils/api';
import { articleUrl, lawsUrl, queryParam } from '../../utils/laws';

interface TocRow {
  id: string;
  depth: number;
  label: string;
  range: string;
  /** Articles placed directly in it (a 编 with chapters has none of its own). */
  articles: ArticleLink[];
  open: boolean;
}

function rangeText(node: LawTocNode): string {
  return node.count === 1
    ? node.first.label
    : `${node.first.label}至${node.last.label}，共${node.count}条`;
}

/** The tree as rows in reading order, each with its depth. */
function rowsOf(nodes: LawTocNode[], depth = 0, out: TocRow[] = []): TocRow[] {
  for (const n of nodes) {
    out.push({
      id: n.id,
      depth,
      label: n.label,
      range: rangeText(n),
      articles: n.articles,
      open: false,
    });
    rowsOf(n.children, depth + 1, out);
  }
  return out;
}

interface Shown {
  key: string;
  title: string;
  kindName: string;
  meta: string;
  versionText: string;
  preamble: string[];
}

function toShown(v: LawView): Shown {
  return {
    key: v.key,
    title: v.title,
    kindName: v.kindName,
    meta: `${v.version ? `${v.version} 版 · ` : ''}共${v.articleCount}条`,
    versionText: v.versionText,
    preamble: v.preamble,
  };
}

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'notfound' | 'error',
    errorMessage: '',
    key: '',
    law: null as Shown | null,
    rows: [] as TocRow[],
    /** The articles of a law with no units. */
    articles: [] as ArticleLink[],
    preambleOpen: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      void this.load(queryParam(query.law));
    },

    async load(key: string): Promise<void> {
      if (!key) {
        this.setData({ state: 'notfound' });
        return;
      }
      this.setData({ key, state: 'loading' });
      const res = await call('laws', 'laws.law', { key });
      if (res.ok) {
        const rows = rowsOf(res.data.toc);
        this.setData({
          state: 'ready',
          law: toShown(res.data),
          rows,
          articles: res.data.articles,
        });
        wx.setNavigationBarTitle({ title: res.data.title.replace(/^中华人民共和国/, '') });
      } else if (res.error.code === 'NOT_FOUND' || res.error.code === 'BAD_REQUEST') {
        this.setData({ state: 'notfound', law: null });
      } else this.setData({ state: 'error', errorMessage: res.error.message });
    },

    onRetry(): void {
      void this.load(this.data.key);
    },

    onToggle(e: WechatMiniprogram.TouchEvent<object, object, { index: number }>): void {
      const index = Number(e.currentTarget.dataset.index);
      const row = this.data.rows[index];
      if (!row || row.articles.length === 0) return;
      this.setData({ [`rows[${index}].open`]: !row.open });
    },

    onTogglePreamble(): void {
      this.setData({ preambleOpen: !this.data.preambleOpen });
    },

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { article: string }>): void {
      wx.navigateTo({ url: articleUrl(this.data.key, e.currentTarget.dataset.article) });
    },

    onSearchLaw(): void {
      wx.navigateTo({ url: lawsUrl({ law: this.data.key }) });
    },

    onList(): void {
      wx.redirectTo({ url: lawsUrl() });
    },
  },
});
