// How many petitions are in each status, per procuratorate, department and kind — kept in the
// same transaction as every filing and transition, so the staff inbox's counts read at most a
// few dozen small documents however many petitions there are, instead of counting them.
//
// One document per (procuratorate, department or none, kind): a transition touches at most two
// (the status changes; a transfer or registration moves the department too). Two transactions
// moving the same document conflict at commit and `withRetries` runs the loser again, exactly
// as for the receipt counter.
import { PETITION_STATUSES, type PetitionKind, type PetitionStatus } from '../../typings/petition';
import { db, type Transaction } from '../_shared/cloud';

export const TALLIES = 'petition_tallies';

export interface TallyDoc {
  _id: string;
  procuratorateId: string;
  departmentId: string | null;
  kind: PetitionKind;
  counts: Partial<Record<PetitionStatus, number>>;
  updatedAt: Date;
}

/** What places a petition in a tally. */
export interface TallyKey {
  procuratorateId: string;
  departmentId: string | null;
  kind: PetitionKind;
  status: PetitionStatus;
}

export function tallyId(k: Omit<TallyKey, 'status'>): string {
  return `${k.procuratorateId}.${k.departmentId ?? '-'}.${k.kind}`;
}

/**
 * Moves one petition from the tally of `before` (null when it is being filed) to that of `after`,
 * in the transaction `t`: reads the tallies now and answers the write to do later, so a caller
 * can read everything first and keep the time it holds write locks on hot documents short.
 * Nothing is written when neither the status nor the place changed.
 */
export async function planTally(
  t: Transaction,
  before: TallyKey | null,
  after: TallyKey,
  now: Date,
): Promise<() => Promise<void>> {
  const deltas = new Map<string, { key: TallyKey; by: Map<PetitionStatus, number> }>();
  const add = (key: TallyKey, n: number) => {
    const id = tallyId(key);
    const entry = deltas.get(id) ?? { key, by: new Map<PetitionStatus, number>() };
    entry.by.set(key.status, (entry.by.get(key.status) ?? 0) + n);
    deltas.set(id, entry);
  };
  if (before) add(before, -1);
  add(after, 1);
  const writes: { id: string; data: Omit<TallyDoc, '_id'> }[] = [];
  for (const [id, { key, by }] of deltas) {
    if ([...by.values()].every((n) => n === 0)) continue;
    const doc = (await t.collection<TallyDoc>(TALLIES).doc(id).get()).data;
    const counts = { ...(doc?.counts ?? {}) };
    for (const [status, n] of by) counts[status] = Math.max(0, (counts[status] ?? 0) + n);
    writes.push({
      id,
      data: {
        procuratorateId: key.procuratorateId,
        departmentId: key.departmentId,
        kind: key.kind,
        counts,
        updatedAt: now,
      },
    });
  }
  return async () => {
    for (const w of writes) await t.collection(TALLIES).doc(w.id).set({ data: w.data });
  };
}

export function zeroCounts(): Record<PetitionStatus, number> {
  return Object.fromEntries(PETITION_STATUSES.map((s) => [s, 0])) as Record<PetitionStatus, number>;
}

/** The summed counts of the tallies of a procuratorate, optionally one department and one kind. */
export async function readTallies(scope: {
  procuratorateId: string;
  departmentId?: string;
  kind?: PetitionKind;
}): Promise<Record<PetitionStatus, number>> {
  const counts = zeroCounts();
  const where: Record<string, unknown> = { procuratorateId: scope.procuratorateId };
  if (scope.departmentId !== undefined) where.departmentId = scope.departmentId;
  if (scope.kind !== undefined) where.kind = scope.kind;
  const pageSize = 1000;
  for (let skip = 0; ; skip += pageSize) {
    const res = await db
      .collection<TallyDoc>(TALLIES)
      .where(where)
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(pageSize)
      .get();
    for (const doc of res.data) {
      for (const status of PETITION_STATUSES) counts[status] += doc.counts[status] ?? 0;
    }
    if (res.data.length < pageSize) return counts;
  }
}
