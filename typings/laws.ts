// The laws function: the laws library of #7 — the laws, regulations and judicial interpretations of
// data/laws (parsed by domain/laws/parse.ts, indexed by domain/laws/search.ts at build time and
// shipped with the function), their catalogue, search, tables of contents and articles. Anyone may
// read them, without logging in: every action is public.
import { z } from 'zod';
import { action, output } from './contract';
import { pagination, text, type Page } from './fields';

export const LAW_KINDS = ['law', 'regulation', 'judicial_interpretation'] as const;
export type LawKindName = (typeof LAW_KINDS)[number];
export const LAW_KIND_NAMES: Record<LawKindName, string> = {
  law: '法律',
  regulation: '党内法规和行政法规',
  judicial_interpretation: '司法解释',
};

export const LAWS_LIMITS = {
  queryMax: 40,
  /** Results of one query that can be paged through (the best ranked). */
  resultsMax: 100,
} as const;

/** A law's key (domain/laws/catalogue.ts): lower-case words joined by `-`. */
const lawKey = z
  .string({ error: '请选择法律法规' })
  .min(1, '请选择法律法规')
  .max(64, '法律法规格式不正确')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, '法律法规格式不正确');

/** An article id: `264`, `17-1` for 第十七条之一. */
const articleId = z
  .string({ error: '请指定条文' })
  .trim()
  .min(1, '请指定条文')
  .regex(/^[1-9]\d{0,4}(?:-[1-9]\d?)?$/, '条文编号格式不正确，应如264或17-1');

/** One law of the catalogue. */
export interface LawSummary {
  key: string;
  title: string;
  kind: LawKindName;
  kindName: string;
  /** The version date (YYYY-MM-DD), or null when the text states none. */
  version: string | null;
  /** The last event of the law's history as stated (`2020年12月26日第十三届…第十一次修正`). */
  versionText: string;
  articleCount: number;
}

/** An article as a link: its id and label (`第十七条之一`). */
export interface ArticleLink {
  id: string;
  label: string;
}

export interface LawSearchHit extends ArticleLink {
  lawKey: string;
  lawTitle: string;
  /** Its place: `第二编 分则 第五章 侵犯财产罪` ('' when the law has no chapters). */
  pathText: string;
  /** A short excerpt with the matched characters between 【】 (the start when nothing matched). */
  excerpt: string;
  /** The query named this article by its number (`刑法第264条`). */
  referenced: boolean;
}

export type LawUnitLevel = 'part' | 'subpart' | 'chapter' | 'section';

/** A unit of the table of contents (编, 分编, 章, 节) with the articles it spans. */
export interface LawTocNode {
  /** Stable within the law: `u1`, `u2` … in order. */
  id: string;
  level: LawUnitLevel;
  /** As the law writes it: `第五章 侵犯财产罪`, `附则`. */
  label: string;
  /** The first and last articles it spans (their ids and labels), and how many. */
  first: ArticleLink;
  last: ArticleLink;
  count: number;
  /** The articles placed directly in this unit (not in a sub-unit), in order. */
  articles: ArticleLink[];
  children: LawTocNode[];
}

export interface LawView extends LawSummary {
  /** YYYY-MM-DD of the `施行` line, when the text states one. */
  effective: string | null;
  /** Unnumbered paragraphs before the first article (宪法 序言). */
  preamble: string[];
  toc: LawTocNode[];
  /** The articles of a law with no units at all (else empty: they are in the toc). */
  articles: ArticleLink[];
}

export interface ArticleParagraph {
  text: string;
  /** Its items (项), `（一）…` as written. */
  items: string[];
}

export interface ArticleView extends ArticleLink {
  lawKey: string;
  lawTitle: string;
  version: string | null;
  /** The units it stands in, outermost first. */
  path: string[];
  pathText: string;
  /** The paragraphs (款), the first without the label. */
  paragraphs: ArticleParagraph[];
  /** A deleted article kept as a placeholder (`（删去）`). */
  deleted: boolean;
  /** The whole article as one text (label, paragraphs and items), to copy. */
  text: string;
  prev: ArticleLink | null;
  next: ArticleLink | null;
  /**
   * The innermost unit it stands in and every article of that unit (this one too, marked), or
   * null when the law has no units.
   */
  unit: { label: string; articles: (ArticleLink & { current: boolean })[] } | null;
}

export const lawSearchInput = z
  .object({
    q: text('关键词', { max: LAWS_LIMITS.queryMax }),
    lawKey: lawKey.optional(),
    ...pagination,
  })
  .strict();

export const laws = {
  'laws.list': action({
    summary: 'Anyone: the catalogue of the laws library (key, title, kind, version, article count)',
    input: z.object({}).strict(),
    output: output<{ laws: LawSummary[] }>(),
    audience: ['public'],
    errors: ['BAD_REQUEST'],
  }),
  'laws.search': action({
    summary:
      'Anyone: articles ranked for a query (keywords, a law’s name, an article’s number), optionally in one law, with the matches highlighted',
    input: lawSearchInput,
    output: output<Page<LawSearchHit>>(),
    audience: ['public'],
    errors: ['BAD_REQUEST', 'NOT_FOUND'],
  }),
  'laws.law': action({
    summary:
      'Anyone: one law with its table of contents (编, 分编, 章, 节 and the articles of each)',
    input: z.object({ key: lawKey }).strict(),
    output: output<LawView>(),
    audience: ['public'],
    errors: ['BAD_REQUEST', 'NOT_FOUND'],
  }),
  'laws.article': action({
    summary:
      'Anyone: one article with its paragraphs and items, its place, the previous and next articles and the others of its unit',
    input: z.object({ key: lawKey, article: articleId }).strict(),
    output: output<ArticleView>(),
    audience: ['public'],
    errors: ['BAD_REQUEST', 'NOT_FOUND'],
  }),
} as const;
