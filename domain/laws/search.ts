// The laws library's search (#7): a precomputed inverted index of the articles (the bigram terms of
// domain/search/ngram.ts) and the ranking of a citizen's, lawyer's or prosecutor's query. Pure: the
// index is built by scripts/build-laws.mjs into build/laws/index.json, which a cloud function
// requires at cold start together with build/laws/laws.json.
//
// A query is read as:
//   law names     `刑法 盗窃`, `刑诉法第37条`: the named law (catalogue title or alias) filters the
//                 results (all laws again when it alone finds nothing)
//   article refs  `第三十七条`, `第37条`, `264条`, `第十七条之一`: that article first (in the named
//                 law, or the `lawKey` option's, else in every law, best matching first)
//   clauses       the rest, split at spaces and punctuation, question words dropped; each clause
//                 has variants: as typed, digits as Chinese numerals (`18周岁` → `十八周岁`, 2 → 二/两),
//                 and the statutory wording of common colloquial words (domain/laws/synonyms.ts:
//                 `阅卷` → `查阅 案卷`), a wording weighing as much as the clause as typed
//
// Score of an article: for each clause its best variant's BM25 over the variant's terms, plus a
// phrase bonus when the variant appears contiguously, plus a smaller bonus for the terms found in
// the law's title and the article's headings (编, 章, 节); the sum is weighted by the share (by idf)
// of the query's terms the article holds, so an article answering every part of the query beats one
// repeating a single word (a clause the article misses counts in what the query wants). An
// interpretation's article is weighed below a statute's (KIND_PRIOR), and once more when the statute
// it implements has an article scoring comparably (IMPLEMENTS).
import {
  BM25,
  highlight,
  idf,
  indexTerms,
  normalise,
  termCounts,
  type CorpusStats,
  type ParsedQuery,
} from '../search/ngram';
import { CATALOGUE } from './catalogue';
import { SYNONYMS } from './synonyms';
import { articleText, cnToInt, intToCn, type Article, type Law, type LawPath } from './parse';

/** The precomputed index (build/laws/index.json). Documents are the articles, laws in order. */
export interface LawIndex {
  version: 1;
  docs: number;
  avgLength: number;
  /** Terms per article (BM25's length). */
  lengths: number[];
  /** Term → `delta[:tf],…` in base 36: the article ordinals holding the term, gaps encoded. */
  postings: Record<string, string>;
}

/** The article ordinals of the laws in order, as the index numbers them. */
export function flatten(laws: readonly Law[]): { law: Law; article: Article }[] {
  return laws.flatMap((law) => law.articles.map((article) => ({ law, article })));
}

/** What an article is indexed by: its paragraphs and items (not its label; deleted: nothing). */
export function indexedText(a: Article): string {
  if (a.deleted) return '';
  return articleText(a).slice(a.label.length + 1);
}

export function buildIndex(laws: readonly Law[]): LawIndex {
  const docs = flatten(laws);
  const lists = new Map<string, [number, number][]>();
  const lengths: number[] = [];
  let total = 0;
  docs.forEach(({ article }, n) => {
    const { counts, length } = termCounts(indexedText(article));
    lengths.push(length);
    total += length;
    for (const [term, tf] of counts) {
      let list = lists.get(term);
      if (!list) lists.set(term, (list = []));
      list.push([n, tf]);
    }
  });
  const postings: Record<string, string> = {};
  for (const term of [...lists.keys()].sort()) {
    let prev = 0;
    postings[term] = lists
      .get(term)!
      .map(([n, tf]) => {
        const gap = (n - prev).toString(36);
        prev = n;
        return tf > 1 ? `${gap}:${tf.toString(36)}` : gap;
      })
      .join(',');
  }
  return {
    version: 1,
    docs: docs.length,
    avgLength: docs.length ? total / docs.length : 0,
    lengths,
    postings,
  };
}

/** A posting list decoded: ordinals and term frequencies. */
export function decodePostings(encoded: string | undefined): { ids: number[]; tfs: number[] } {
  const ids: number[] = [];
  const tfs: number[] = [];
  if (!encoded) return { ids, tfs };
  let at = 0;
  for (const entry of encoded.split(',')) {
    const colon = entry.indexOf(':');
    at += parseInt(colon < 0 ? entry : entry.slice(0, colon), 36);
    ids.push(at);
    tfs.push(colon < 0 ? 1 : parseInt(entry.slice(colon + 1), 36));
  }
  return { ids, tfs };
}

// ---------------------------------------------------------------------------------------------
// Query parsing

/** Words of a question that say nothing about the law (dropped from the query). */
const QUESTION_WORDS = [
  '怎么办',
  '怎么样',
  '怎么',
  '怎样',
  '如何',
  '什么',
  '哪些',
  '哪里',
  '哪个',
  '是否',
  '能否',
  '能不能',
  '可不可以',
  '有没有',
  '是不是',
  '请问',
  '我想',
  '我要',
  '需要',
  '规定',
  '的话',
  '吗',
  '呢',
  '吧',
];

/** Colloquial words and their statutory wording (domain/laws/synonyms.ts). */
export { SYNONYMS };

export interface ArticleRef {
  number: number;
  suffix: number;
}

export interface LawQuery {
  /** The normalised query. */
  text: string;
  /** Laws the query names (their keys). */
  lawKeys: string[];
  refs: ArticleRef[];
  /** Each clause's variants, as typed first. */
  clauses: string[][];
}

/** Law names to look for in a query: titles, short titles, aliases; longest first. */
const LAW_NAMES: { name: string; key: string }[] = CATALOGUE.flatMap((e) =>
  [...new Set([e.title, e.title.replace(/^中华人民共和国/, ''), ...e.aliases])].map((name) => ({
    name,
    key: e.key,
  })),
).sort((a, b) => b.name.length - a.name.length);

const NUM = '[0-9]+|[零〇一二两三四五六七八九十百千]+';
const REF = new RegExp(
  `第\\s*(${NUM})\\s*条(?:\\s*之\\s*(${NUM}))?|(?<![0-9])([0-9]+)\\s*条`,
  'gu',
);

function toInt(text: string): number | null {
  return /^[0-9]+$/.test(text) ? parseInt(text, 10) : cnToInt(text);
}

/** The variants of a clause: as typed, its digits in Chinese numerals, its statutory wording. */
function variantsOf(clause: string): string[] {
  const out = [clause];
  if (/[0-9]/.test(clause)) {
    const cn = clause.replace(/[0-9]+/g, (d) => intToCn(parseInt(d, 10)));
    out.push(cn);
    if (/二/.test(cn)) out.push(cn.replace(/^二|(?<![十百千])二(?=[年日月个倍])/g, '两'));
  }
  // A crime's name (`诈骗罪`): the statute states the conduct (`诈骗公私财物…`).
  if (/\p{Script=Han}{2,}罪$/u.test(clause)) out.push(clause.slice(0, -1));
  for (const [word, wordings] of Object.entries(SYNONYMS)) {
    if (!clause.includes(word)) continue;
    for (const w of wordings) {
      const rest = clause.replace(word, ' ').trim();
      out.push(rest ? `${w} ${rest}` : w);
    }
  }
  return [...new Set(out)];
}

export function parseLawQuery(q: string): LawQuery {
  let text = q.normalize('NFKC').replace(/[《》〈〉<>“”"']/g, ' ');
  const lawKeys: string[] = [];
  for (const { name, key } of LAW_NAMES) {
    if (!text.includes(name)) continue;
    if (!lawKeys.includes(key)) lawKeys.push(key);
    text = text.split(name).join(' ');
  }
  const refs: ArticleRef[] = [];
  text = text.replace(REF, (_m, n1: string, s1: string | undefined, n2: string | undefined) => {
    const number = toInt(n1 ?? n2 ?? '');
    const suffix = s1 ? (toInt(s1) ?? 0) : 0;
    if (number) refs.push({ number, suffix });
    return ' ';
  });
  for (const w of QUESTION_WORDS) text = text.split(w).join(' ');
  const clauses = normalise(text)
    .split(' ')
    .filter((c) => c && (c.length > 1 || !/\p{Script=Han}/u.test(c)))
    .map(variantsOf);
  return { text: normalise(q), lawKeys, refs, clauses };
}

// ---------------------------------------------------------------------------------------------
// Ranking

export interface SearchOptions {
  /** Only this law. */
  lawKey?: string;
  /** Results wanted (default 20). */
  limit?: number;
}

export interface LawHit {
  lawKey: string;
  lawTitle: string;
  articleId: string;
  label: string;
  path: LawPath;
  score: number;
  /** A short excerpt with the matches between 【】 (the article's start when nothing matched). */
  excerpt: string;
  /** Whether the query referred to this article by number. */
  referenced?: boolean;
}

/** Weight of a clause found contiguously, times its terms' idf. */
const PHRASE = 0.6;
/** Weight of a query term found in the law's title or the article's headings, times its idf. */
const HEADING = 0.35;
/** Weight of a clause found near the start of the article (where its subject is stated). */
const LEAD = 0.6;
/** Characters (normalised) counted as the article's start. */
const LEAD_CHARS = 40;
/** Weight of a clause the article defines (`本法所称X，是指`, `…的，是X罪`). */
const DEFINITION = 1;
/** Weight of the articles of a law whose title the query names a subject of. */
const TITLE_BOOST = 1.5;
/** Prior of a law by its kind: a statute is preferred to the interpretation elaborating it. */
const KIND_PRIOR: Record<string, number> = { judicial_interpretation: 0.8 };
/**
 * The statute each interpretation implements. When the statute has an article scoring comparably
 * (at least DEFER_WHEN of the interpretation's article's score), the interpretation's article is
 * weighted down once more by DEFER: the statute states the rule, the interpretation how one
 * authority applies it. An interpretation's article with nothing comparable in its statute keeps
 * its rank (it alone answers the query).
 */
const IMPLEMENTS: Record<string, string> = {
  'spp-criminal-procedure-rules': 'criminal-procedure',
  'criminal-compensation-interpretation': 'state-compensation',
};
const DEFER_WHEN = 0.5;
const DEFER = 0.8;
/** Candidates re-scored with phrases and headings (by their BM25 alone first). */
const RESCORE = 400;

interface Prepared {
  docs: { law: Law; article: Article }[];
  lawOf: number[];
  headings: string[];
  lawRange: Map<string, [number, number]>;
  /** Per article, its law's KIND_PRIOR. */
  prior: number[];
  normalised: Map<number, string>;
}

const prepared = new WeakMap<LawIndex, Prepared>();

function prepare(index: LawIndex, laws: readonly Law[]): Prepared {
  let p = prepared.get(index);
  if (p) return p;
  const docs = flatten(laws);
  if (docs.length !== index.docs) {
    throw new Error(`laws index has ${index.docs} articles, the laws ${docs.length}`);
  }
  const lawRange = new Map<string, [number, number]>();
  const lawOf: number[] = [];
  let at = 0;
  laws.forEach((law, li) => {
    lawRange.set(law.key, [at, at + law.articles.length]);
    at += law.articles.length;
    for (let k = 0; k < law.articles.length; k++) lawOf.push(li);
  });
  const headings = docs.map(({ law, article }) =>
    normalise([law.title, ...Object.values(article.path)].join(' ')),
  );
  const prior = docs.map(
    ({ law }) => KIND_PRIOR[CATALOGUE.find((e) => e.key === law.key)?.kind ?? 'law'] ?? 1,
  );
  p = { docs, lawOf, headings, lawRange, prior, normalised: new Map() };
  prepared.set(index, p);
  return p;
}

function normalisedText(p: Prepared, n: number): string {
  let t = p.normalised.get(n);
  if (t === undefined) {
    t = normalise(indexedText(p.docs[n].article));
    p.normalised.set(n, t);
  }
  return t;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where a normalised article text defines `phrase`: 所称X, X是指, 是X (罪). */
function definesPattern(phrase: string): RegExp {
  const x = escapeRegExp(phrase);
  return new RegExp(`所称${x}|${x} ?是指|是${x}罪?(?: |$)`, 'u');
}

/** Han runs of two characters or more, and words, of a variant (what must appear contiguously). */
function phrasesOf(variant: string): string[] {
  return normalise(variant)
    .split(' ')
    .filter((w) => w.length >= 2);
}

export function searchLaws(
  index: LawIndex,
  laws: readonly Law[],
  query: string,
  options: SearchOptions = {},
): LawHit[] {
  const p = prepare(index, laws);
  const limit = options.limit ?? 20;
  const q = parseLawQuery(query);
  const stats: CorpusStats = {
    docs: index.docs,
    avgLength: index.avgLength,
    df: (term) => decoded(term).ids.length,
  };
  const cache = new Map<string, { ids: number[]; tfs: number[] }>();
  function decoded(term: string) {
    let d = cache.get(term);
    if (!d) cache.set(term, (d = decodePostings(index.postings[term])));
    return d;
  }

  // The ranges searched: the option's law, else the laws the query names.
  const ranges = (keys: string[]) =>
    keys.map((k) => p.lawRange.get(k)).filter((r): r is [number, number] => !!r);
  const inRanges = (rs: [number, number][], n: number) =>
    rs.length === 0 || rs.some(([a, b]) => n >= a && n < b);
  const hardRanges = options.lawKey ? ranges([options.lawKey]) : [];
  if (options.lawKey && hardRanges.length === 0) return [];
  const namedRanges = ranges(q.lawKeys);

  // BM25 per clause variant, over the union of the variants' postings.
  const variantTerms = q.clauses.map((vs) => vs.map((v) => indexTerms(v)));
  const allTerms = [...new Set(variantTerms.flat(2))];
  const idfOf = new Map(allTerms.map((t) => [t, idf(stats, t)]));
  const avg = index.avgLength || 1;
  /** doc → term → bm25 contribution. */
  const contrib = new Map<number, Map<string, number>>();
  for (const term of allTerms) {
    const { ids, tfs } = decoded(term);
    const w = idfOf.get(term)!;
    for (let k = 0; k < ids.length; k++) {
      const n = ids[k];
      if (!inRanges(hardRanges, n)) continue;
      const tf = tfs[k];
      const norm = tf + BM25.k1 * (1 - BM25.b + (BM25.b * index.lengths[n]) / avg);
      let m = contrib.get(n);
      if (!m) contrib.set(n, (m = new Map()));
      m.set(term, (w * tf * (BM25.k1 + 1)) / norm);
    }
  }

  // Laws whose title holds a clause whole (`国家赔偿`, `法律援助`, `个人信息`): the query's subject.
  const titled = new Set<number>();
  const titledClause = q.clauses.map(() => new Set<number>());
  laws.forEach((law, li) => {
    const title = normalise(law.title);
    q.clauses.forEach((vs, ci) => {
      const c = normalise(vs[0]);
      if (c.length >= 2 && !c.includes(' ') && title.includes(c)) {
        titled.add(li);
        titledClause[ci].add(li);
      }
    });
  });
  const scoreDoc = (n: number, full: boolean) => {
    const m = contrib.get(n);
    let total = 0;
    let have = 0;
    let want = 0;
    const best: string[] = [];
    variantTerms.forEach((variants, c) => {
      // A clause no variant matches still counts in what the query wants (its least demanding
      // variant's idf), so an article matching one part of the query never beats one matching two.
      let top = { s: 0, have: 0, want: Infinity, v: 0 };
      let typedWant = 0;
      variants.forEach((terms, v) => {
        let s = 0;
        let h = 0;
        let wnt = 0;
        const head = p.headings[n];
        for (const t of terms) {
          // A term no article holds (a bigram across two words of the query) asks for nothing.
          if (stats.df(t) === 0) continue;
          const w = idfOf.get(t)!;
          wnt += w;
          const x = m?.get(t) ?? 0;
          if (x > 0) {
            s += x;
            h += w;
          } else if (head.includes(t)) {
            // Named by the law's title or the article's headings: the article is about it.
            h += w;
          }
        }
        if (full) {
          const text = normalisedText(p, n);
          for (const ph of phrasesOf(q.clauses[c][v])) {
            const at = ph.length >= 2 ? text.indexOf(ph) : -1;
            if (at >= 0) {
              const w = indexTerms(ph).reduce((a, t) => a + (idfOf.get(t) ?? 0), 0);
              s += PHRASE * w;
              if (at < LEAD_CHARS) s += LEAD * w;
              if (definesPattern(ph).test(text)) s += DEFINITION * w;
            }
          }
          for (const t of terms) if (head.includes(t)) s += HEADING * (idfOf.get(t) ?? 0);
        }
        // A clause the law's title holds (`国家赔偿` in 国家赔偿法) says which law, not which of its
        // articles: within that law every article matches it alike.
        if (titledClause[c].has(p.lawOf[n])) {
          s = (1 + PHRASE) * wnt;
          h = wnt;
        }
        // A wording longer than the clause as typed (`认罪认罚` → `如实供述 承认指控 接受处罚`)
        // weighs as much as the clause, not as its many terms.
        if (v === 0) typedWant = wnt;
        else if (typedWant > 0 && wnt > typedWant) {
          const k = typedWant / wnt;
          s *= k;
          h *= k;
          wnt = typedWant;
        }
        const share = wnt > 0 ? h / wnt : 0;
        const topShare = top.want > 0 && top.want < Infinity ? top.have / top.want : 0;
        if (
          s * (0.5 + share) > top.s * (0.5 + topShare) ||
          (top.s === 0 && s === 0 && wnt < top.want)
        ) {
          top = { s, have: h, want: wnt, v };
        }
      });
      if (top.want === Infinity) top.want = 0;
      total += top.s;
      have += top.have;
      want += top.want;
      best.push(q.clauses[c][top.v]);
    });
    const coverage = want > 0 ? have / want : 0;
    const boost = titled.has(p.lawOf[n]) ? TITLE_BOOST : 1;
    return { score: total * (0.25 + coverage * coverage) * p.prior[n] * boost, best };
  };

  // Candidates: every article holding a term (within the named law when it has any).
  let candidates = [...contrib.keys()];
  if (namedRanges.length && !hardRanges.length) {
    const named = candidates.filter((n) => inRanges(namedRanges, n));
    if (named.length || q.refs.length) candidates = named;
  }
  const coarse = candidates
    .map((n) => ({ n, s: scoreDoc(n, false).score }))
    .sort((a, b) => b.s - a.s || a.n - b.n)
    .slice(0, RESCORE);
  const scored = new Map<number, { score: number; best: string[] }>();
  for (const { n } of coarse) scored.set(n, scoreDoc(n, true));

  // Referenced articles first.
  const referenced = new Set<number>();
  if (q.refs.length) {
    const scope = hardRanges.length ? hardRanges : namedRanges;
    for (const ref of q.refs) {
      p.docs.forEach(({ article }, n) => {
        if (article.number === ref.number && article.suffix === ref.suffix && inRanges(scope, n)) {
          referenced.add(n);
          if (!scored.has(n)) scored.set(n, scoreDoc(n, true));
        }
      });
    }
  }
  // Statutes before the interpretations implementing them, when both answer the query alike.
  const bestOfLaw = new Map<number, number>();
  for (const [n, { score }] of scored) {
    const li = p.lawOf[n];
    if (score > (bestOfLaw.get(li) ?? 0)) bestOfLaw.set(li, score);
  }
  for (const [n, s] of scored) {
    const statute = IMPLEMENTS[laws[p.lawOf[n]].key];
    const li = statute ? laws.findIndex((l) => l.key === statute) : -1;
    if (li >= 0 && (bestOfLaw.get(li) ?? 0) >= DEFER_WHEN * s.score) s.score *= DEFER;
  }
  // A query that is only a law's name: its articles in order.
  if (scored.size === 0 && namedRanges.length && q.clauses.length === 0) {
    for (const [a, b] of namedRanges) {
      for (let n = a; n < Math.min(b, a + limit); n++) scored.set(n, { score: 0, best: [] });
    }
  }

  const ranked = [...scored.entries()]
    .filter(([n, s]) => referenced.has(n) || s.score > 0 || q.clauses.length === 0)
    .sort(
      ([a, x], [b, y]) =>
        Number(referenced.has(b)) - Number(referenced.has(a)) || y.score - x.score || a - b,
    )
    .slice(0, limit);

  return ranked.map(([n, s]) => {
    const { law, article } = p.docs[n];
    const text = indexedText(article);
    const hq: ParsedQuery = {
      text: s.best.join(' '),
      terms: [...new Set(s.best.flatMap((v) => indexTerms(v)))],
      phrases: [],
    };
    const excerpt = highlight(text, hq, 80) ?? (text.length > 80 ? `${text.slice(0, 80)}…` : text);
    const hit: LawHit = {
      lawKey: law.key,
      lawTitle: law.title,
      articleId: article.id,
      label: article.label,
      path: article.path,
      score: Math.round(s.score * 1000) / 1000,
      excerpt,
    };
    if (referenced.has(n)) hit.referenced = true;
    return hit;
  });
}
