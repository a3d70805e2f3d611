// Lists, the one way each is read: a staff inbox over a collection of items with a status (the
// suggestion box, legal consultations, deputies' and supervisors' items) — the procuratorate's
// items newest first, optionally of one status, with the count of each status, every query on
// (procuratorateId[, status], createdAt); a person's own items, newest first (ownPage); and the
// display names of procuratorates and staff those lists show (unitName, unitNames, staffNames).
import type { Page } from '../../typings/fields';
import { _, db } from './cloud';
import { getProcuratorate } from './org';

export async function unitName(procuratorateId: string): Promise<string> {
  return (await getProcuratorate(procuratorateId))?.name ?? '';
}

/** The `name` of each document of `collection` by its `_id` (staff, procuratorates), one query. */
async function namesOf(collection: string, ids: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const res = await db
    .collection<{ _id: string; name: string }>(collection)
    .where({ _id: _.in(wanted) })
    .field({ name: true })
    .limit(100)
    .get();
  return new Map(res.data.map((d) => [d._id, d.name]));
}

/** Names of procuratorates by `_id`. */
export const unitNames = (ids: string[]) => namesOf('procuratorates', ids);

/** Names of staff by their `_id` (absent ids skipped). */
export const staffNames = (ids: (string | null)[]) =>
  namesOf(
    'staff',
    ids.filter((x): x is string => !!x),
  );

/**
 * One page of what a person filed (`where`, e.g. `{ openid }`), newest first by `order`, each
 * shown by `item` with its procuratorate's name, and how many there are in all.
 */
export async function ownPage<D extends { procuratorateId: string }, I>(args: {
  collection: string;
  where: Record<string, unknown>;
  order: string;
  input: { page: number; pageSize: number };
  item: (doc: D, unit: string) => I;
}): Promise<Page<I>> {
  const { input } = args;
  const where = db.collection<D>(args.collection).where(args.where);
  const [list, count] = await Promise.all([
    where
      .orderBy(args.order, 'desc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
    where.count(),
  ]);
  const names = await unitNames(list.data.map((d) => d.procuratorateId));
  return {
    items: list.data.map((d) => args.item(d, names.get(d.procuratorateId) ?? '')),
    total: count.total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

export async function statusInbox<
  D extends { procuratorateId: string },
  S extends string,
  I,
>(args: {
  collection: string;
  procuratorateId: string;
  statuses: readonly S[];
  input: { status?: S; page: number; pageSize: number };
  /** Further equality conditions (e.g. `{ kind }`), on every query alike. */
  scope?: Record<string, unknown>;
  item: (doc: D, unit: string) => I;
}): Promise<{
  items: I[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<S, number>;
}> {
  const { procuratorateId, input } = args;
  const col = () => db.collection<D>(args.collection);
  const base = { ...args.scope, procuratorateId };
  const filter = input.status ? { ...base, status: input.status } : base;
  const [list, ...totals] = await Promise.all([
    col()
      .where(filter)
      .orderBy('createdAt', 'desc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
    ...args.statuses.map((status) =>
      col()
        .where({ ...base, status })
        .count(),
    ),
  ]);
  const counts = Object.fromEntries(args.statuses.map((s, i) => [s, totals[i].total])) as Record<
    S,
    number
  >;
  const name = await unitName(procuratorateId);
  return {
    items: list.data.map((d) => args.item(d, name)),
    total: input.status
      ? counts[input.status]
      : Object.values<number>(counts).reduce((a, b) => a + b, 0),
    page: input.page,
    pageSize: input.pageSize,
    counts,
  };
}
