// What announcements and legal documents share: the two-person rule, publication numbers, China
// days, names for views, and indexing after approval with its repair path.
import type { PublicationStatus } from '../../typings/publish';
import { PUBLICATION_STATUS_NAMES } from '../../typings/publish';
import { _, db, type Transaction } from '../_shared/cloud';
import { Failure } from '../_shared/failure';
import { countItem, indexItem } from './postings';

export const COUNTERS = 'counters';

/** Drafts first in staff lists, then published, then withdrawn. */
export const STATUS_RANK: Record<PublicationStatus, number> = {
  draft: 0,
  published: 1,
  withdrawn: 2,
};

export const statusName = (s: PublicationStatus) => PUBLICATION_STATUS_NAMES[s];

/** Who wrote a draft: its drafter and everyone who edited it. None of them may approve it. */
export interface Authored {
  draftedBy: string;
  editors: string[];
}

export function wroteIt(doc: Authored, staffId: string): boolean {
  return doc.draftedBy === staffId || doc.editors.includes(staffId);
}

export function mayApprove(
  doc: Authored & { status: PublicationStatus; procuratorateId: string },
  staff: { _id: string; procuratorateId: string },
) {
  return (
    doc.status === 'draft' &&
    doc.procuratorateId === staff.procuratorateId &&
    !wroteIt(doc, staff._id)
  );
}

export function checkVersion(current: { version: number }, version: number) {
  if (current.version !== version) {
    throw new Failure('CONFLICT', '内容已被他人修改，请刷新后再试', [
      { path: 'version', message: '内容已被他人修改，请刷新后再试' },
    ]);
  }
}

/**
 * The next publication number of a scope, in the approval's transaction (counter document
 * `publish-<scope>`): publication order, no two items the same number.
 */
export async function nextSeq(t: Transaction, scope: string): Promise<number> {
  const id = `publish-${scope}`;
  const current = (await t.collection<{ value: number }>(COUNTERS).doc(id).get()).data;
  const value = (current?.value ?? 0) + 1;
  await t.collection(COUNTERS).doc(id).set({ data: { scope, value } });
  return value;
}

const CHINA_MS = 8 * 3600_000;

/** The first moment of a China day `YYYY-MM-DD`. */
export function chinaDayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - CHINA_MS);
}

/** The first moment after a China day. */
export function chinaDayEnd(day: string): Date {
  return new Date(chinaDayStart(day).getTime() + 24 * 3600_000);
}

/** Names of staff by their `_id`. */
export async function staffNames(ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const res = await db
    .collection<{ _id: string; name: string }>('staff')
    .where({ _id: _.in(wanted) })
    .field({ name: true })
    .limit(100)
    .get();
  return new Map(res.data.map((s) => [s._id, s.name]));
}

/** Names of procuratorates by `_id`. */
export async function unitNames(ids: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const res = await db
    .collection<{ _id: string; name: string }>('procuratorates')
    .where({ _id: _.in(wanted) })
    .field({ name: true })
    .limit(100)
    .get();
  return new Map(res.data.map((p) => [p._id, p.name]));
}

/** A published item as the indexer sees it. */
export interface Indexable {
  _id: string;
  seq: number | null;
  indexed?: boolean;
}

/**
 * Puts a just-published item into the postings (after its approval committed), then marks it
 * `indexed` — a conditional update, so the scope's statistics count it once even when two runs
 * race. Safe to run again (postings.ts indexItem).
 */
export async function indexPublished(
  collection: string,
  scope: string,
  item: Indexable,
  terms: string[],
  length: number,
) {
  if (item.seq === null) return;
  await indexItem(scope, item.seq, terms);
  const r = await db
    .collection(collection)
    .where({ _id: item._id, indexed: false })
    .update({ data: { indexed: true } });
  if (r.stats.updated === 1) await countItem(scope, length);
}

/**
 * The repair path: published items whose indexing did not finish (the function stopped between
 * the approval's commit and the end of indexing), oldest first, a few at a time, within `budgetMs`.
 * Run after every approval (of any item of the scope) and by staff lists.
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
