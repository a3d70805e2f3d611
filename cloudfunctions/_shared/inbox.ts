// One staff inbox over a collection of items with a status (the suggestion box, legal
// consultations): the procuratorate's items newest first, optionally of one status, with the count
// of each status — every query on (procuratorateId[, status], createdAt).
import { db } from './cloud';
import { getProcuratorate } from './org';

export async function unitName(procuratorateId: string): Promise<string> {
  return (await getProcuratorate(procuratorateId))?.name ?? '';
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
