// The inverted index of what is published, kept in the database (collection search_postings), so
// a keyword search reads the posting lists of the query's terms instead of every text. Shared by
// the publish function (scopes 'documents', 'announcements') and consultation (scope 'faqs').
//
// Each published item of a scope has a publication number `seq` (nextSeq: a counter in its
// publishing transaction, so seq order is publication order). For each index term
// (domain/search/ngram.ts: character bigrams and words of the public text and title) and each
// facet (`#t:<type>`, `#p:<procuratorate>`, `#k:<topic>`), the numbers of the items holding it are
// kept in chunks of at most CHUNK:
//
//   <scope>:<term>        the head: { scope, term, df, last, n, ids }  (its ids are chunk 0)
//   <scope>:<term>:<k>    chunk k ≥ 1: { scope, term, n, ids }
//   <scope>:_stats        { scope, docs, length }  (items indexed and their total term count, for BM25)
//
// Ids are ASCII (posting-ids.ts) whatever the term. Every read is by _id (`_.in`, at most 100 at a
// time) and every write is a single-document add or a `where(_id in …)` update with $push / $inc /
// $max: operations both CloudBase and devcloud support outside transactions.
//
// An item is indexed just after its publishing transaction commits (indexPublished), carrying
// `indexed: false` until that is done; repairIndex finishes items whose indexing was cut off.
import { isSdkError, _, db, type Transaction } from './cloud';
import { matchesAll, score, type CorpusStats, type ParsedQuery } from '../../domain/search/ngram';
import { chunkId, CHUNK, headId, statsId } from './posting-ids';

export { chunkId, CHUNK, encodeTerm, headId, statsId } from './posting-ids';

export const POSTINGS = 'search_postings';
/** CloudBase's page size on the server, also used for `_.in` lists. */
const PAGE = 100;
/** Posting entries one search reads at most; rarer terms first, the commonest may be left out. */
export const READ_BUDGET = 300_000;
/**
 * A term whose list is this many times longer than the candidates already found is checked in
 * their texts rather than read (reading the texts of a page of candidates costs less than reading
 * a list of tens of thousands of numbers in chunks of CHUNK).
 */
export const CHECK_IN_TEXT_RATIO = 8;
/** How many writes the indexer keeps in flight. */
const PARALLEL = 8;

export interface HeadDoc {
  _id: string;
  scope: string;
  term: string;
  df: number;
  last: number;
  n: number;
  ids: number[];
}
interface ChunkDoc {
  _id: string;
  scope: string;
  term: string;
  n: number;
  ids: number[];
}
interface StatsDoc {
  _id: string;
  scope: string;
  docs: number;
  length: number;
}

const postings = () => db.collection<HeadDoc & ChunkDoc & StatsDoc>(POSTINGS);

function isDuplicate(e: unknown): boolean {
  const text = isSdkError(e) ? e.errMsg : String((e as { message?: unknown })?.message ?? e ?? '');
  return /E11000|duplicate/i.test(text);
}

function groups<T>(items: readonly T[], size = PAGE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>) {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

/** Documents by _id (any number of ids), with a projection. */
async function byIds<T>(ids: readonly string[], field?: Record<string, boolean>): Promise<T[]> {
  const pages = await Promise.all(
    groups(ids).map(async (g) => {
      let q = postings().where({ _id: _.in(g) });
      if (field) q = q.field(field);
      return (await q.limit(PAGE).get()).data as unknown as T[];
    }),
  );
  return pages.flat();
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Which of the chunks `ids` hold `seq`. */
async function holding(ids: readonly string[], seq: number): Promise<Set<string>> {
  const pages = await Promise.all(
    groups(ids).map(
      async (g) =>
        (
          await postings()
            .where({ _id: _.in(g), ids: seq })
            .field({ _id: true })
            .limit(PAGE)
            .get()
        ).data,
    ),
  );
  return new Set(pages.flat().map((d) => d._id));
}

/**
 * Appends `seq` to the chunk `k` of a term's list or a later one, creating chunks as they fill.
 * Returns whether it was added (false: it was there already).
 */
async function appendSlow(scope: string, term: string, seq: number, from: number) {
  for (let k = from, tries = 0; tries < 20; tries++) {
    const id = chunkId(scope, term, k);
    const r = await postings()
      .where({ _id: id, n: _.lt(CHUNK), ids: _.neq(seq) })
      .update({ data: { ids: _.push([seq]), n: _.inc(1) } });
    if (r.stats.updated === 1) {
      if (k > 0)
        await postings()
          .doc(headId(scope, term))
          .update({ data: { last: _.max(k) } });
      return true;
    }
    const chunk = (await postings().doc(id).get()).data;
    if (!chunk) {
      if (k === 0) throw new Error(`posting head ${id} vanished`);
      try {
        await postings().add({ data: { _id: id, scope, term, n: 1, ids: [seq] } });
        await postings()
          .doc(headId(scope, term))
          .update({ data: { last: _.max(k) } });
        return true;
      } catch (e) {
        if (!isDuplicate(e)) throw e;
        continue; // someone created it meanwhile: try it again
      }
    }
    if (chunk.ids.includes(seq)) return false;
    k++;
  }
  throw new Error(`cannot append ${seq} to the postings of ${term}`);
}

/**
 * Adds the item `seq` to the posting lists of `terms` (text terms and facets, distinct). Safe to
 * run again for the same item (the repair path): an entry already in a term's current chunk is not
 * added twice and its df not counted twice. Writes: a few reads and multi-document updates per
 * hundred terms, plus one add per new term.
 */
export async function indexItem(scope: string, seq: number, terms: readonly string[]) {
  const heads = new Map(
    (
      await byIds<HeadDoc>(
        terms.map((t) => headId(scope, t)),
        { term: true, last: true },
      )
    ).map((h) => [h.term, h]),
  );
  // New terms: their head with this entry.
  const existing: { term: string; last: number }[] = [];
  await pool(
    terms.filter((t) => !heads.has(t)),
    PARALLEL,
    async (term) => {
      try {
        await postings().add({
          data: { _id: headId(scope, term), scope, term, df: 1, last: 0, n: 1, ids: [seq] },
        });
      } catch (e) {
        if (!isDuplicate(e)) throw e;
        existing.push({ term, last: 0 }); // created meanwhile: append like the others
      }
    },
  );
  for (const h of heads.values()) existing.push({ term: h.term, last: h.last });

  const target = new Map(existing.map((x) => [chunkId(scope, x.term, x.last), x]));
  const targets = [...target.keys()];
  // Already there (a rerun): nothing to add, nothing to count.
  const present = await holding(targets, seq);
  const todo = targets.filter((id) => !present.has(id));
  await Promise.all(
    groups(todo).map((g) =>
      postings()
        .where({ _id: _.in(g), n: _.lt(CHUNK), ids: _.neq(seq) })
        .update({ data: { ids: _.push([seq]), n: _.inc(1) } }),
    ),
  );
  const landed = await holding(todo, seq);
  const added: string[] = [];
  // Full chunks: the next one.
  await pool(
    todo.filter((id) => !landed.has(id)),
    PARALLEL,
    async (id) => {
      const x = target.get(id)!;
      if (await appendSlow(scope, x.term, seq, x.last)) added.push(x.term);
    },
  );
  for (const id of landed) added.push(target.get(id)!.term);
  await Promise.all(
    groups(added.map((t) => headId(scope, t))).map((g) =>
      postings()
        .where({ _id: _.in(g) })
        .update({ data: { df: _.inc(1) } }),
    ),
  );
}

/** Counts an item (and its number of terms) in the scope's statistics. */
export async function countItem(scope: string, length: number) {
  const id = statsId(scope);
  const inc = { data: { docs: _.inc(1), length: _.inc(length) } };
  if ((await postings().where({ _id: id }).update(inc)).stats.updated === 1) return;
  try {
    await postings().add({ data: { _id: id, scope, docs: 1, length } });
  } catch (e) {
    if (!isDuplicate(e)) throw e;
    await postings().where({ _id: id }).update(inc);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface Lookup {
  /** Publication numbers holding every term that was intersected, newest first. */
  seqs: number[];
  /** Terms too common to read within READ_BUDGET: the caller checks them in the texts. */
  unchecked: string[];
  stats: CorpusStats;
}

/**
 * The items holding every one of `required` (query terms and facets): the heads in one read, then
 * the lists rarest first, intersected; a term missing from the index means no item at all.
 */
export async function lookup(scope: string, required: readonly string[]): Promise<Lookup> {
  const ids = [...new Set(required)].map((t) => headId(scope, t));
  const docs = await byIds<HeadDoc & StatsDoc>([statsId(scope), ...ids]);
  const statsDoc = docs.find((d) => d._id === statsId(scope));
  const heads = new Map(docs.filter((d) => d._id !== statsId(scope)).map((d) => [d.term, d]));
  const df = (t: string) => heads.get(t)?.df ?? 0;
  const stats: CorpusStats = {
    docs: Math.max(statsDoc?.docs ?? 0, 1),
    avgLength: statsDoc && statsDoc.docs > 0 ? statsDoc.length / statsDoc.docs : 0,
    df,
  };
  if (heads.size < ids.length) return { seqs: [], unchecked: [], stats };

  const order = [...heads.values()].sort((a, b) => a.df - b.df);
  let candidates: Set<number> | null = null;
  let spent = 0;
  const unchecked: string[] = [];
  for (const head of order) {
    // A list far longer than the candidates left (or past the budget) is not read: its term is
    // checked in the few candidates' texts instead (facets by the caller's `accept`).
    if (
      candidates &&
      (spent + head.df > READ_BUDGET || head.df > candidates.size * CHECK_IN_TEXT_RATIO)
    ) {
      unchecked.push(head.term);
      continue;
    }
    spent += head.df;
    const chunks =
      head.last > 0
        ? await byIds<ChunkDoc>(
            Array.from({ length: head.last }, (_x, k) => chunkId(scope, head.term, k + 1)),
            { ids: true },
          )
        : [];
    const list = new Set<number>(head.ids);
    for (const c of chunks) for (const s of c.ids) list.add(s);
    if (!candidates) candidates = list;
    else {
      const next = new Set<number>();
      for (const s of candidates) if (list.has(s)) next.add(s);
      candidates = next;
    }
    if (candidates.size === 0) break;
  }
  const seqs = [...(candidates ?? [])].sort((a, b) => b - a);
  return { seqs, unchecked, stats };
}

// ---------------------------------------------------------------------------------------------
// Ranking

export interface Searchable {
  seq: number;
  title: string;
  text: string;
}

/** A whole title match is worth this many times the idf of the query's terms. */
const TITLE_BONUS = 1;

/** Ranks read items: BM25 with the phrase bonus over title + text, plus a title bonus; newer first on ties. */
export function rank<T extends Searchable>(items: T[], query: ParsedQuery, stats: CorpusStats) {
  const titleWeight = query.terms.reduce((s, t) => {
    const d = Math.min(stats.df(t), stats.docs);
    return s + Math.log(1 + (stats.docs - d + 0.5) / (d + 0.5));
  }, 0);
  return items
    .map((item) => ({
      item,
      score:
        score(`${item.title}\n${item.text}`, query, stats) +
        (matchesAll(item.title, query) ? TITLE_BONUS * titleWeight : 0),
    }))
    .sort((a, b) => b.score - a.score || b.item.seq - a.item.seq);
}

/** The largest number of items a keyword search ranks (and so the deepest it pages). */
export const POOL_MAX = 500;
const POOL_MIN = 100;
/** Candidates one search reads at most while looking for enough that pass. */
const READ_MAX = 1_000;

/**
 * A keyword search of one scope: the postings give the candidates (newest first), `load` reads the
 * newest `pool` of them (masked texts only), `accept` re-checks what the postings cannot (still
 * published, the exact dates), the unchecked terms are checked in the text, and the rest is ranked.
 * `total` is exact when every candidate was read, else scaled from the share accepted.
 */
export async function keywordSearch<T extends Searchable>(opts: {
  scope: string;
  query: ParsedQuery;
  facets: string[];
  seqRange?: { min: number; max: number } | null;
  page: number;
  pageSize: number;
  load: (seqs: number[]) => Promise<T[]>;
  accept: (item: T) => boolean;
}): Promise<{ items: { item: T; score: number }[]; total: number }> {
  const { query } = opts;
  const found = await lookup(opts.scope, [...query.terms, ...opts.facets]);
  let seqs = found.seqs;
  if (opts.seqRange) {
    const { min, max } = opts.seqRange;
    seqs = seqs.filter((s) => s >= min && s <= max);
  }
  const size = Math.min(POOL_MAX, Math.max(POOL_MIN, opts.page * opts.pageSize));
  const checked = found.unchecked.length
    ? { ...query, terms: found.unchecked.filter((t) => !t.startsWith('#')) }
    : null;
  // The newest candidates first; when too few of them pass (withdrawn, outside the dates, an
  // unchecked term missing), the next ones, up to READ_MAX read in all.
  const kept: T[] = [];
  let read = 0;
  while (kept.length < size && read < seqs.length && read < READ_MAX) {
    const batch = seqs.slice(read, read + size);
    read += batch.length;
    for (const it of await opts.load(batch)) {
      if (opts.accept(it) && (!checked || matchesAll(`${it.title}\n${it.text}`, checked))) {
        kept.push(it);
      }
    }
  }
  if (read === 0) return { items: [], total: 0 };
  const total = read >= seqs.length ? kept.length : Math.round((seqs.length * kept.length) / read);
  const ranked = rank(kept, query, found.stats);
  const from = (opts.page - 1) * opts.pageSize;
  return { items: ranked.slice(from, from + opts.pageSize), total };
}

/**
 * Reads items by a query on their `seq` (index-backed) in batches; a batch too large for one
 * answer (over 1 MB: long texts) is read again in halves.
 */
export async function readBySeq<T>(
  seqs: number[],
  get: (batch: number[]) => Promise<T[]>,
  batch = 20,
): Promise<T[]> {
  const readOne = async (b: number[]): Promise<T[]> => {
    try {
      return await get(b);
    } catch (e) {
      if (b.length === 1) throw e;
      const half = Math.ceil(b.length / 2);
      return [...(await readOne(b.slice(0, half))), ...(await readOne(b.slice(half)))];
    }
  };
  return (await Promise.all(groups(seqs, batch).map(readOne))).flat();
}

/** keywordSearch's `load`: the items of these publication numbers, of the public `fields` only. */
export function loadBySeq<T, R>(
  collection: string,
  fields: Record<string, boolean>,
  toHit: (doc: T) => R,
): (seqs: number[]) => Promise<R[]> {
  return (seqs) =>
    readBySeq(seqs, async (batch) => {
      const res = await db
        .collection<T>(collection)
        // By seq alone, so the seq index is the one used; the filters are checked by `accept`.
        .where({ seq: _.in(batch) })
        .field(fields)
        .limit(batch.length)
        .get();
      return res.data.map(toHit);
    });
}

// ---------------------------------------------------------------------------------------------
// Publication numbers, indexing after publication and its repair path

const COUNTERS = 'counters';

/**
 * The next publication number of a scope, in the publishing transaction (counter document
 * `publish-<scope>`): publication order, no two items the same number.
 */
export async function nextSeq(t: Transaction, scope: string): Promise<number> {
  const id = `publish-${scope}`;
  const current = (await t.collection<{ value: number }>(COUNTERS).doc(id).get()).data;
  const value = (current?.value ?? 0) + 1;
  await t.collection(COUNTERS).doc(id).set({ data: { scope, value } });
  return value;
}

/** A published item as the indexer sees it. */
export interface Indexable {
  _id: string;
  seq?: number | null;
  indexed?: boolean;
}

/**
 * Puts a just-published item into the postings (after its publication committed), then marks it
 * `indexed` — a conditional update, so the scope's statistics count it once even when two runs
 * race. Safe to run again (indexItem).
 */
export async function indexPublished(
  collection: string,
  scope: string,
  item: Indexable,
  terms: string[],
  length: number,
) {
  if (item.seq === null || item.seq === undefined) return;
  await indexItem(scope, item.seq, terms);
  const r = await db
    .collection(collection)
    .where({ _id: item._id, indexed: false })
    .update({ data: { indexed: true } });
  if (r.stats.updated === 1) await countItem(scope, length);
}

/**
 * The repair path: published items whose indexing did not finish (the function stopped between
 * the publication's commit and the end of indexing), oldest first, a few at a time, within
 * `budgetMs`. Run after every publication (of any item of the scope) and by staff lists.
 */
export async function repairIndex<T extends Indexable>(
  collection: string,
  index: (item: T) => Promise<void>,
  budgetMs: number,
) {
  const started = Date.now();
  const res = await db
    .collection<T>(collection)
    .where({ indexed: false })
    .orderBy('publishedAt', 'asc')
    .limit(3)
    .get();
  for (const item of res.data) {
    if (Date.now() - started > budgetMs) return;
    await index(item);
  }
}
