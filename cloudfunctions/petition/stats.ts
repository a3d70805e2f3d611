// Petition statistics for leaders (`petition.stats`): the caller's procuratorate (never another,
// and never one the client names), or one of its departments, over a range of months. Computed by
// the database: one aggregation groups the period's petitions by kind, month and department and
// sums per group; the rows are then added up here (at most kinds × months × departments of them,
// never the petitions themselves). "Overdue now" is a count on the index (procuratorateId, dueAt).
//
// The rates count what has come to a head by now, from each petition's stored `marks` (due.ts):
// - the 7-day procedural reply counts once it has been given or its due moment has passed;
//   it is on time when given at or before its due moment;
// - the 3-month result the same, over the petitions that owe one (`marks.resultDue` not null:
//   refused, transferred or withdrawn petitions owe none).
// Petitions stored before `marks` existed count as received only.
import {
  NATIONAL_PETITION_FIGURES,
  monthNumber,
  type PetitionStats,
  type PetitionStatsFigures,
} from '../../typings/petition-stats';
import { PETITION_KIND_NAMES, PETITION_KINDS, type petition } from '../../typings/petition';
import type { PetitionKind } from '../../typings/petition';
import type { Handler } from '../_shared/action';
import { _, db } from '../_shared/cloud';
import { Failure } from '../_shared/failure';
import { getProcuratorate, type DepartmentDoc } from '../_shared/org';
import { PETITIONS } from './store';

type Defs = typeof petition;

/** China time, in which months are counted. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
/** Stands in for a mark that is missing or not met yet: later than any real moment. */
const NEVER = new Date(Date.UTC(9999, 0, 1));
/** Stands in for a missing due moment when asking "met on time": earlier than any. */
const EPOCH = new Date(0);

/** The part of the SDK's aggregate the statistics use (cloud.ts types only queries). */
interface Aggregate {
  match(q: object): Aggregate;
  group(g: object): Aggregate;
  limit(n: number): Aggregate;
  end(): Promise<{ list: GroupRow[] }>;
}

interface GroupRow {
  _id: { kind: PetitionKind; month: string; departmentId?: string | null };
  received: number;
  proceduralDueCount: number;
  proceduralOnTime: number;
  resultDueCount: number;
  resultOnTime: number;
  overdueNow: number;
}

/** The start of month `YYYY-MM` in China time, as a moment. */
function monthStart(n: number): Date {
  const year = Math.floor(n / 12);
  return new Date(Date.UTC(year, n % 12, 1) - CHINA_OFFSET_MS);
}

function monthName(n: number): string {
  const m = (n % 12) + 1;
  return `${Math.floor(n / 12)}-${m < 10 ? '0' : ''}${m}`;
}

const count = (condition: object) => ({ $sum: { $cond: [condition, 1, 0] } });
const orNever = (path: string) => ({ $ifNull: [path, NEVER] });

/** Given, or due by `now`. */
const cameToAHead = (due: string, at: string, now: Date) => ({
  $or: [{ $lte: [orNever(due), now] }, { $lte: [orNever(at), now] }],
});
/** Given at or before its due moment. */
const onTime = (due: string, at: string) => ({
  $lte: [orNever(at), { $ifNull: [due, EPOCH] }],
});

function groupStage(now: Date) {
  return {
    _id: {
      kind: '$kind',
      month: { $dateToString: { date: '$submittedAt', format: '%Y-%m', timezone: '+08:00' } },
      departmentId: '$departmentId',
    },
    received: { $sum: 1 },
    proceduralDueCount: count(cameToAHead('$marks.proceduralDue', '$marks.proceduralAt', now)),
    proceduralOnTime: count(onTime('$marks.proceduralDue', '$marks.proceduralAt')),
    resultDueCount: count(cameToAHead('$marks.resultDue', '$marks.resultAt', now)),
    resultOnTime: count(onTime('$marks.resultDue', '$marks.resultAt')),
    overdueNow: count({ $lt: [orNever('$dueAt'), now] }),
  };
}

type Sums = Omit<PetitionStatsFigures, 'proceduralRate' | 'resultRate'>;

function zero(): Sums {
  return {
    received: 0,
    proceduralDueCount: 0,
    proceduralOnTime: 0,
    resultDueCount: 0,
    resultOnTime: 0,
    overdueNow: 0,
  };
}

function add(into: Sums, row: GroupRow): void {
  into.received += row.received;
  into.proceduralDueCount += row.proceduralDueCount;
  into.proceduralOnTime += row.proceduralOnTime;
  into.resultDueCount += row.resultDueCount;
  into.resultOnTime += row.resultOnTime;
  into.overdueNow += row.overdueNow;
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function figures(s: Sums): PetitionStatsFigures {
  return {
    ...s,
    proceduralRate: ratio(s.proceduralOnTime, s.proceduralDueCount),
    resultRate: ratio(s.resultOnTime, s.resultDueCount),
  };
}

async function departmentsOfUnit(procuratorateId: string): Promise<DepartmentDoc[]> {
  const res = await db
    .collection<DepartmentDoc>('departments')
    .where({ procuratorateId })
    .limit(100)
    .get();
  return res.data.sort((a, b) => a._id.localeCompare(b._id));
}

export const stats: Handler<Defs['stats']> = async ({ input, ctx }) => {
  const { staff, now } = ctx;
  const unitId = staff.procuratorateId;
  const [unit, departments] = await Promise.all([
    getProcuratorate(unitId),
    departmentsOfUnit(unitId),
  ]);
  const department = input.departmentId
    ? departments.find((d) => d._id === input.departmentId)
    : undefined;
  if (input.departmentId && !department) {
    const message = '所选部门不属于本院，请重新选择';
    throw new Failure('BAD_REQUEST', message, [{ path: 'departmentId', message }]);
  }

  // The misconduct reports naming the caller stay out, as in the inbox (by the exact stored name).
  const scope: Record<string, unknown> = {
    procuratorateId: unitId,
    ...(department ? { departmentId: department._id } : {}),
    'form.staff.name': _.neq(staff.name),
  };
  const first = monthNumber(input.from);
  const last = monthNumber(input.to);
  const months: number[] = [];
  for (let m = first; m <= last; m++) months.push(m);

  // Index inbox_all / inbox_department_all: (procuratorateId[, departmentId], submittedAt).
  const match = {
    ...scope,
    submittedAt: _.gte(monthStart(first)).and(_.lt(monthStart(last + 1))),
  };
  // Without $limit the service answers 20 rows: ask for every group there can be (twice over, for
  // departments no longer in the register).
  const groups = 2 * PETITION_KINDS.length * months.length * (departments.length + 1);
  const petitions = db.collection(PETITIONS) as unknown as { aggregate(): Aggregate };
  const [grouped, overdue] = await Promise.all([
    petitions.aggregate().match(match).group(groupStage(now)).limit(groups).end(),
    // Index inbox_due: (procuratorateId, dueAt).
    db
      .collection(PETITIONS)
      .where({ ...scope, dueAt: _.lt(now) })
      .count(),
  ]);
  const rows = grouped.list;
  if (rows.length >= groups)
    console.warn(`[petition.stats] ${rows.length} groups: some may be cut`);

  const totals = zero();
  const byKind = new Map<string, Sums>();
  const byMonth = new Map<string, Sums>(months.map((m) => [monthName(m), zero()]));
  const byDepartment = new Map<string, Sums>();
  const bucket = (map: Map<string, Sums>, key: string) => {
    let s = map.get(key);
    if (!s) map.set(key, (s = zero()));
    return s;
  };
  for (const row of rows) {
    add(totals, row);
    add(bucket(byKind, row._id.kind), row);
    add(bucket(byMonth, row._id.month), row);
    add(bucket(byDepartment, row._id.departmentId ?? ''), row);
  }

  const names = new Map(departments.map((d) => [d._id, d.name]));
  const departmentOrder = [...departments.map((d) => d._id), ''];
  const result: PetitionStats = {
    procuratorateId: unitId,
    procuratorateName: unit?.name ?? '',
    departmentId: department?._id ?? null,
    departmentName: department?.name ?? null,
    from: monthName(first),
    to: monthName(last),
    asOf: now.toISOString(),
    totals: { ...figures(totals), overdueNow: overdue.total, overdueInPeriod: totals.overdueNow },
    byKind: PETITION_KINDS.filter((k) => byKind.has(k)).map((kind) => ({
      kind,
      kindName: PETITION_KIND_NAMES[kind],
      ...figures(byKind.get(kind) as Sums),
    })),
    byMonth: months.map((m) => ({
      month: monthName(m),
      ...figures(byMonth.get(monthName(m)) as Sums),
    })),
    byDepartment: [
      ...departmentOrder.filter((id) => byDepartment.has(id)),
      // A department no longer in the register still has its petitions counted.
      ...[...byDepartment.keys()].filter((id) => !departmentOrder.includes(id)).sort(),
    ].map((id) => ({
      departmentId: id || null,
      departmentName: id ? (names.get(id) ?? id) : '未分配部门',
      ...figures(byDepartment.get(id) as Sums),
    })),
    departments: departments.map((d) => ({ id: d._id, name: d.name })),
    national: NATIONAL_PETITION_FIGURES,
  };
  return result;
};
