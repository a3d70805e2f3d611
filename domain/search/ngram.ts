// Chinese keyword search without a word segmenter: character bigrams of CJK runs and whole
// ASCII (or other non-Han) words and numbers, BM25 ranking with a phrase bonus, and highlighted
// excerpts. Pure: the storage of the postings (cloudfunctions/_shared/postings.ts) and the laws
// library (#7) build on it.
//
//   normalise   NFKC, lower case, everything but letters and digits becomes a space
//   terms       the index terms of a text, in order: 人民检察院 → 人民 民检 检察 察院; a lone Han
//               character (缓 in "缓 刑") is a term by itself; 2023, abc are whole words
//   parseQuery  the same terms for a query, with its phrases (each Han run of 3 characters or more)
//   score       BM25 over the query's terms, plus a bonus when a phrase appears contiguously
//   highlight   a short excerpt around the best cluster of matches, matches between 【】
//
// A query needs two Han characters to find a Han word: single characters are not indexed inside
// longer runs (the index would be as large as the text).

/** Longest non-Han word kept as one term (longer ones are cut: IDs and card numbers are masked anyway). */
export const MAX_WORD = 20;

const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

type CharClass = 'han' | 'word' | 'space';

function classOf(c: string): CharClass {
  if (HAN.test(c)) return 'han';
  if (WORD_CHAR.test(c)) return 'word';
  return 'space';
}

/** One character of the normalised text and where it came from in the original (UTF-16 offsets). */
interface Mapped {
  c: string;
  cls: CharClass;
  start: number;
  end: number;
}

/** The normalised characters of `text`, each with its original range. */
function mapped(text: string): Mapped[] {
  const out: Mapped[] = [];
  let at = 0;
  for (const ch of text) {
    const start = at;
    at += ch.length;
    for (const n of ch.normalize('NFKC').toLowerCase()) {
      const cls = classOf(n);
      out.push({ c: cls === 'space' ? ' ' : n, cls, start, end: at });
    }
  }
  return out;
}

/** NFKC, lower case, punctuation and symbols as single spaces, trimmed. */
export function normalise(text: string): string {
  return mapped(text)
    .map((m) => m.c)
    .join('')
    .replace(/ +/g, ' ')
    .trim();
}

/** A term with its range in the original text. */
export interface Token {
  term: string;
  start: number;
  end: number;
}

/** The index terms of `text` in order (with repetitions), each with its range in the original. */
export function tokens(text: string): Token[] {
  const chars = mapped(text);
  const out: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    const cls = chars[i].cls;
    let j = i;
    while (j < chars.length && chars[j].cls === cls) j++;
    if (cls === 'han') {
      if (j - i === 1) {
        out.push({ term: chars[i].c, start: chars[i].start, end: chars[i].end });
      } else {
        for (let k = i; k + 1 < j; k++) {
          out.push({
            term: chars[k].c + chars[k + 1].c,
            start: chars[k].start,
            end: chars[k + 1].end,
          });
        }
      }
    } else if (cls === 'word') {
      const word = chars
        .slice(i, j)
        .map((m) => m.c)
        .join('')
        .slice(0, MAX_WORD);
      out.push({ term: word, start: chars[i].start, end: chars[j - 1].end });
    }
    i = j;
  }
  return out;
}

/** The index terms of `text`, in order, with repetitions. */
export function terms(text: string): string[] {
  return tokens(text).map((t) => t.term);
}

/** How often each term occurs, and the number of terms (the text's length for BM25). */
export function termCounts(text: string): { counts: Map<string, number>; length: number } {
  const counts = new Map<string, number>();
  let length = 0;
  for (const t of tokens(text)) {
    counts.set(t.term, (counts.get(t.term) ?? 0) + 1);
    length++;
  }
  return { counts, length };
}

/** The distinct index terms of `text` (what a posting list is kept for). */
export function indexTerms(text: string): string[] {
  return [...new Set(terms(text))];
}

export interface ParsedQuery {
  /** The normalised query. */
  text: string;
  /** Distinct terms, in query order: a document matches when it has every one. */
  terms: string[];
  /** Han runs of three characters or more (normalised): found contiguously, they earn a bonus. */
  phrases: { text: string; terms: string[] }[];
}

/** The terms and phrases of a query (the same analysis as the documents'). */
export function parseQuery(q: string): ParsedQuery {
  const text = normalise(q);
  const phrases: ParsedQuery['phrases'] = [];
  for (const run of text.match(/\p{Script=Han}{3,}/gu) ?? []) {
    phrases.push({ text: run, terms: indexTerms(run) });
  }
  return { text, terms: indexTerms(text), phrases };
}

/** What BM25 needs to know of the collection. */
export interface CorpusStats {
  /** Documents in the collection. */
  docs: number;
  /** Mean number of terms per document. */
  avgLength: number;
  /** Documents containing the term. */
  df(term: string): number;
}

export const BM25 = { k1: 1.2, b: 0.75 } as const;
/** Weight of a phrase found contiguously, times the idf of its terms. */
export const PHRASE_BONUS = 0.5;

export function idf(stats: CorpusStats, term: string): number {
  const df = Math.min(stats.df(term), stats.docs);
  return Math.log(1 + (stats.docs - df + 0.5) / (df + 0.5));
}

/**
 * BM25 of `text` for the query's terms, plus PHRASE_BONUS × the idf of a phrase's terms for each
 * phrase the text holds contiguously (so 交通肇事 written as such beats 交通 … 肇事 … 通肇 nowhere).
 * 0 when no term matches.
 */
export function score(text: string, query: ParsedQuery, stats: CorpusStats): number {
  if (query.terms.length === 0) return 0;
  const { counts, length } = termCounts(text);
  const avg = stats.avgLength > 0 ? stats.avgLength : Math.max(1, length);
  let s = 0;
  for (const term of query.terms) {
    const tf = counts.get(term) ?? 0;
    if (tf === 0) continue;
    const norm = tf + BM25.k1 * (1 - BM25.b + (BM25.b * length) / avg);
    s += (idf(stats, term) * (tf * (BM25.k1 + 1))) / norm;
  }
  if (s > 0 && query.phrases.length > 0) {
    const flat = normalise(text);
    for (const p of query.phrases) {
      if (flat.includes(p.text)) {
        s += PHRASE_BONUS * p.terms.reduce((sum, t) => sum + idf(stats, t), 0);
      }
    }
  }
  return s;
}

/** Corpus statistics of a small set of texts held in memory (tests, or a search that reads everything). */
export function statsOf(texts: readonly string[]): CorpusStats {
  const df = new Map<string, number>();
  let total = 0;
  for (const t of texts) {
    const { counts, length } = termCounts(t);
    total += length;
    for (const term of counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return {
    docs: texts.length,
    avgLength: texts.length ? total / texts.length : 0,
    df: (term) => df.get(term) ?? 0,
  };
}

/** Whether `text` holds every term of the query (what the postings' intersection decides). */
export function matchesAll(text: string, query: ParsedQuery): boolean {
  if (query.terms.length === 0) return true;
  const have = new Set(terms(text));
  return query.terms.every((t) => have.has(t));
}

/**
 * A short excerpt (about `width` characters of the original) around the densest cluster of the
 * query's matches, the matched characters between 【】, whitespace collapsed, … where cut. Null
 * when nothing matches.
 */
export function highlight(text: string, query: ParsedQuery | string, width = 60): string | null {
  const q = typeof query === 'string' ? parseQuery(query) : query;
  const wanted = new Set(q.terms);
  if (wanted.size === 0) return null;
  // Matched ranges of the original, merged.
  const hits = tokens(text)
    .filter((t) => wanted.has(t.term))
    .map((t) => [t.start, t.end] as [number, number]);
  if (hits.length === 0) return null;
  const merged: [number, number][] = [];
  for (const [s, e] of hits) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  // The window (starting a little before some match) covering the most matched characters.
  const lead = Math.min(10, Math.floor(width / 4));
  let best = { start: 0, covered: -1 };
  for (const [s] of merged) {
    const start = Math.max(0, s - lead);
    const end = start + width;
    let covered = 0;
    for (const [a, b] of merged) covered += Math.max(0, Math.min(b, end) - Math.max(a, start));
    if (covered > best.covered) best = { start, covered };
  }
  let start = best.start;
  const end = Math.min(text.length, start + width);
  if (end - start < width) start = Math.max(0, end - width);
  // Do not cut a surrogate pair.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start])) start--;
  let out = '';
  let at = start;
  for (const [a, b] of merged) {
    const s = Math.max(a, start);
    const e = Math.min(b, end);
    if (e <= s) continue;
    out += text.slice(at, s) + '【' + text.slice(s, e) + '】';
    at = e;
  }
  out += text.slice(at, end);
  out = out.replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${out}${end < text.length ? '…' : ''}`;
}
