// laws: the laws library of #7 for anyone — the catalogue, search (ranked, highlighted, by law), a
// law's table of contents and an article with its place and neighbours. The data ships with the
// function (library.ts); nothing is read from the database.
import { articleText, type Article } from '../../domain/laws/parse';
import { searchLaws } from '../../domain/laws/search';
import { contract } from '../../typings';
import {
  LAW_KIND_NAMES,
  LAWS_LIMITS,
  type ArticleLink,
  type LawSummary,
  type LawTocNode,
  type LawUnitLevel,
} from '../../typings/laws';
import { defineFunction, type Handler } from '../_shared/action';
import { Failure } from '../_shared/failure';
import { LEVELS, library, pathLabels, unitKey, type StoredLaw } from './library';

type Defs = typeof contract.laws;

const lawNotFound = () => new Failure('NOT_FOUND', '未找到该法律法规');

function lawOf(key: string) {
  const found = library().byKey.get(key);
  if (!found) throw lawNotFound();
  return found;
}

const link = (a: Article): ArticleLink => ({ id: a.id, label: a.label });

function summary(law: StoredLaw): LawSummary {
  return {
    key: law.key,
    title: law.title,
    kind: law.kind,
    kindName: LAW_KIND_NAMES[law.kind],
    version: law.version,
    versionText: law.versionText,
    articleCount: law.articles.length,
  };
}

/** The units of a law as a tree, each with the articles it spans and those placed directly in it. */
function tableOfContents(law: StoredLaw): { toc: LawTocNode[]; loose: ArticleLink[] } {
  const toc: LawTocNode[] = [];
  const loose: ArticleLink[] = [];
  /** The open unit per level, with the path key it was opened for. */
  const open: ({ node: LawTocNode; key: string } | null)[] = LEVELS.map(() => null);
  let seq = 0;
  for (const a of law.articles) {
    let parent: LawTocNode | null = null;
    let innermost: LawTocNode | null = null;
    LEVELS.forEach((level, depth) => {
      const label = a.path[level];
      if (!label) {
        open[depth] = null;
        return;
      }
      const key = LEVELS.slice(0, depth + 1)
        .map((k) => a.path[k] ?? '')
        .join('|');
      let current = open[depth];
      if (!current || current.key !== key) {
        seq += 1;
        const node: LawTocNode = {
          id: `u${seq}`,
          level: level as LawUnitLevel,
          label,
          first: link(a),
          last: link(a),
          count: 0,
          articles: [],
          children: [],
        };
        (parent ? parent.children : toc).push(node);
        current = { node, key };
        open[depth] = current;
      }
      current.node.last = link(a);
      current.node.count += 1;
      parent = current.node;
      innermost = current.node;
    });
    if (innermost) (innermost as LawTocNode).articles.push(link(a));
    else loose.push(link(a));
  }
  return { toc, loose };
}

const list: Handler<Defs['laws.list']> = async () => ({
  laws: library().laws.map(summary),
});

const search: Handler<Defs['laws.search']> = async ({ input }) => {
  const { laws, index } = library();
  if (input.lawKey) lawOf(input.lawKey);
  const hits = searchLaws(index, laws, input.q, {
    ...(input.lawKey ? { lawKey: input.lawKey } : {}),
    limit: LAWS_LIMITS.resultsMax,
  });
  const start = (input.page - 1) * input.pageSize;
  return {
    items: hits.slice(start, start + input.pageSize).map((h) => ({
      id: h.articleId,
      label: h.label,
      lawKey: h.lawKey,
      lawTitle: h.lawTitle,
      pathText: pathLabels(h.path).join(' '),
      excerpt: h.excerpt,
      referenced: !!h.referenced,
    })),
    total: hits.length,
    page: input.page,
    pageSize: input.pageSize,
  };
};

const law: Handler<Defs['laws.law']> = async ({ input }) => {
  const { law: found } = lawOf(input.key);
  const { toc, loose } = tableOfContents(found);
  return {
    ...summary(found),
    effective: found.effective ?? null,
    preamble: found.preamble ?? [],
    toc,
    articles: loose,
  };
};

const article: Handler<Defs['laws.article']> = async ({ input }) => {
  const { law: found, byId } = lawOf(input.key);
  const at = byId.get(input.article);
  if (at === undefined) throw new Failure('NOT_FOUND', '未找到该条文');
  const a = found.articles[at];
  const path = pathLabels(a.path);
  const unit = unitKey(a);
  return {
    ...link(a),
    lawKey: found.key,
    lawTitle: found.title,
    version: found.version,
    path,
    pathText: path.join(' '),
    paragraphs: a.paragraphs.map((text, i) => ({ text, items: a.items?.[i] ?? [] })),
    deleted: !!a.deleted,
    text: `《${found.title}》${articleText(a)}`,
    prev: at > 0 ? link(found.articles[at - 1]) : null,
    next: at < found.articles.length - 1 ? link(found.articles[at + 1]) : null,
    unit: unit
      ? {
          label: path[path.length - 1],
          articles: found.articles
            .filter((b) => unitKey(b) === unit)
            .map((b) => ({ ...link(b), current: b.id === a.id })),
        }
      : null,
  };
};

export const main = defineFunction('laws', contract.laws, {
  'laws.list': list,
  'laws.search': search,
  'laws.law': law,
  'laws.article': article,
});
