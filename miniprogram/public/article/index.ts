// 法律条文 (the public, no login): one article of the laws library with its 款 and 项, where it
// stands (编, 章, 节), 上一条 / 下一条 and the other articles of its chapter or section, 复制条文 and
// sharing. Its path is the deep link: `/public/article/index?law=criminal-law&article=264` opens
// 刑法第二百六十四条 directly, from a shared card, the official account's menu or a QR code.
import type { ArticleLink, ArticleView } from '../../../typings/laws';
import { call } from '../../utils/api';
import { articleUrl, lawsUrl, lawUrl, queryParam } from '../../utils/laws';
import { copyText } from '../../utils/ui';

interface Shown {
  lawKey: string;
  lawTitle: string;
  shortTitle: string;
  id: string;
  label: string;
  pathText: string;
  version: string;
  paragraphs: { key: string; text: string; items: string[] }[];
  deleted: boolean;
  text: string;
  prev: ArticleLink | null;
  next: ArticleLink | null;
  unitLabel: string;
  /** `本章条文`, `本节条文` … by the unit's level. */
  unitHeading: string;
  unitArticles: (ArticleLink & { current: boolean })[];
}

function toShown(v: ArticleView): Shown {
  return {
    lawKey: v.lawKey,
    lawTitle: v.lawTitle,
    shortTitle: v.lawTitle.replace(/^中华人民共和国/, ''),
    id: v.id,
    label: v.label,
    pathText: v.pathText,
    version: v.version ? `${v.version} 版` : '',
    paragraphs: v.paragraphs.map((p, i) => ({ key: `p${i}`, text: p.text, items: p.items })),
    deleted: v.deleted,
    text: v.text,
    prev: v.prev,
    next: v.next,
    unitLabel: v.unit?.label ?? '',
    unitHeading: `本${/^第[^ ]*?(分编|编|章|节)/.exec(v.unit?.label ?? '')?.[1] ?? '部分'}条文`,
    unitArticles: v.unit?.articles ?? [],
  };
}

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'notfound' | 'error',
    errorMessage: '',
    law: '',
    article: '',
    item: null as Shown | null,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      void this.load(queryParam(query.law), queryParam(query.article));
    },

    async load(law: string, article: string): Promise<void> {
      if (!law || !article) {
        this.setData({ state: 'notfound' });
        return;
      }
      this.setData({ law, article, state: 'loading' });
      const res = await call('laws', 'laws.article', { key: law, article });
      if (res.ok) {
        const item = toShown(res.data);
        this.setData({ state: 'ready', item });
        wx.setNavigationBarTitle({ title: `${item.shortTitle}${item.label}` });
      } else if (res.error.code === 'NOT_FOUND' || res.error.code === 'BAD_REQUEST') {
        this.setData({ state: 'notfound', item: null });
      } else this.setData({ state: 'error', errorMessage: res.error.message });
    },

    onRetry(): void {
      void this.load(this.data.law, this.data.article);
    },

    /** Another article of the law, in place of this one (the page stack does not grow). */
    onGo(e: WechatMiniprogram.TouchEvent<object, object, { article: string }>): void {
      const article = e.currentTarget.dataset.article;
      if (!article || article === this.data.article) return;
      wx.redirectTo({ url: articleUrl(this.data.law, article) });
    },

    onToc(): void {
      wx.navigateTo({ url: lawUrl(this.data.law) });
    },

    onCopy(): void {
      if (this.data.item) copyText(this.data.item.text, '条文');
    },

    onList(): void {
      wx.redirectTo({ url: lawsUrl() });
    },

    onShareAppMessage(): { title: string; path: string } {
      const item = this.data.item;
      return {
        title: item ? `${item.shortTitle}${item.label}` : '法律法规查询',
        path: item ? articleUrl(item.lawKey, item.id) : lawsUrl(),
      };
    },
  },
});
