// calendar.get / calendar.set: the working-day calendar's administration, and the recomputation
// of open petitions' due dates after a change — in pages, resumed by the scheduler, so a change
// reaches every petition however many there are without one call running long.
import { CALENDAR_STATUS_NAMES, type CalendarView } from '../../typings/calendar';
import type { petition } from '../../typings/petition';
import type { Handler, StaffCtx } from '../_shared/action';
import { appendAudit, auditEntry } from '../_shared/audit';
import { _, db } from '../_shared/cloud';
import { Failure } from '../_shared/failure';
import { getProcuratorate } from '../_shared/org';
import type { StaffDoc } from '../_shared/staff';
import { withRetries } from '../_shared/transaction';
import type { FieldIssue } from '../../typings/errors';
import { loadCalendar, marksOf, nextDue, type CalendarDoc } from './due';
import { PETITIONS, type PetitionDoc } from './store';

type Defs = typeof petition;

const CALENDAR = 'calendar';
export const RECOMPUTE = 'calendar_recompute';
const PAGE = 100;
/** How long calendar.set itself recomputes before leaving the rest to the scheduler. */
const SET_BUDGET_MS = 3000;

/** One document (`current`): where the recomputation after the last change stands. */
export interface RecomputeDoc {
  _id: string;
  startedAt: Date;
  /** The last petition id done (ids ascending); null before the first page. */
  after: string | null;
  done: boolean;
  checked: number;
  updated: number;
}

async function mayEdit(staff: StaffDoc): Promise<boolean> {
  if (!staff.roles.includes('admin')) return false;
  return (await getProcuratorate(staff.procuratorateId))?.level === 'supreme';
}

async function view(staff: StaffDoc): Promise<CalendarView> {
  const [years, job] = await Promise.all([
    db.collection<CalendarDoc>(CALENDAR).limit(100).get(),
    db.collection<RecomputeDoc>(RECOMPUTE).doc('current').get(),
  ]);
  const byIds = [...new Set(years.data.flatMap((y) => (y.updatedBy ? [y.updatedBy] : [])))];
  const names = new Map<string, string>();
  if (byIds.length > 0) {
    const res = await db
      .collection<StaffDoc>('staff')
      .where({ _id: _.in(byIds) })
      .limit(100)
      .get();
    for (const s of res.data) names.set(s._id, s.name);
  }
  return {
    years: years.data
      .sort((a, b) => a.year - b.year)
      .map((y) => ({
        year: y.year,
        holidays: [...y.holidays].sort(),
        workdays: [...y.workdays].sort(),
        status: y.status,
        statusName: CALENDAR_STATUS_NAMES[y.status],
        source: y.source,
        updatedAt: y.updatedAt ? y.updatedAt.toISOString() : null,
        updatedByName: y.updatedBy ? (names.get(y.updatedBy) ?? null) : null,
      })),
    editable: await mayEdit(staff),
    recompute: job.data
      ? { done: job.data.done, updated: job.data.updated, checked: job.data.checked }
      : null,
  };
}

export const calendarGet: Handler<Defs['calendar.get']> = async ({ ctx }) => view(ctx.staff);

/** Every date in the year, none twice, none both a day off and a working day, 调休 on weekends. */
function vetDays(input: { year: number; holidays: string[]; workdays: string[] }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const holidays = new Set<string>();
  const check = (list: string[], field: 'holidays' | 'workdays', label: string) => {
    const seen = new Set<string>();
    list.forEach((d, i) => {
      const path = `${field}.${i}`;
      const date = new Date(`${d}T00:00:00Z`);
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== d) {
        issues.push({ path, message: `${label}“${d}”不是有效日期` });
      } else if (date.getUTCFullYear() !== input.year) {
        issues.push({ path, message: `${label}“${d}”不在${input.year}年` });
      } else if (seen.has(d)) {
        issues.push({ path, message: `${label}“${d}”重复` });
      } else if (field === 'workdays' && holidays.has(d)) {
        issues.push({ path, message: `“${d}”不能既放假又上班` });
      } else if (field === 'workdays' && date.getUTCDay() !== 0 && date.getUTCDay() !== 6) {
        issues.push({ path, message: `调休上班日“${d}”应为周六或周日` });
      }
      seen.add(d);
      if (field === 'holidays') holidays.add(d);
    });
  };
  check(input.holidays, 'holidays', '放假日期');
  check(input.workdays, 'workdays', '调休上班日期');
  return issues;
}

export const calendarSet: Handler<Defs['calendar.set']> = async ({ input, ctx }) => {
  if (!(await mayEdit(ctx.staff))) {
    throw new Failure('FORBIDDEN', '节假日日历由最高人民检察院管理员维护');
  }
  const issues = vetDays(input);
  if (issues.length > 0) throw new Failure('BAD_REQUEST', issues[0].message, issues);
  await saveYear(ctx, input);
  await recomputeDue(ctx.now, SET_BUDGET_MS);
  return view(ctx.staff);
};

async function saveYear(
  ctx: StaffCtx,
  input: {
    year: number;
    holidays: string[];
    workdays: string[];
    status: 'official' | 'provisional';
    source: string;
  },
) {
  const id = String(input.year);
  await withRetries(() =>
    db.runTransaction(async (t) => {
      const before = (await t.collection<CalendarDoc>(CALENDAR).doc(id).get()).data;
      const data: Omit<CalendarDoc, '_id'> = {
        year: input.year,
        holidays: [...input.holidays].sort(),
        workdays: [...input.workdays].sort(),
        status: input.status,
        source: input.source,
        updatedAt: ctx.now,
        updatedBy: ctx.staff._id,
      };
      await t.collection(CALENDAR).doc(id).set({ data });
      const added = data.holidays.filter((d) => !before?.holidays.includes(d));
      const removed = (before?.holidays ?? []).filter((d) => !data.holidays.includes(d));
      await appendAudit(
        t,
        auditEntry('calendar', id, before ? 'update' : 'create', ctx, {
          status: input.status,
          holidaysAdded: added,
          holidaysRemoved: removed,
          workdays: data.workdays,
        }),
      );
      // A new change restarts the recomputation from the first petition.
      const job: Omit<RecomputeDoc, '_id'> = {
        startedAt: ctx.now,
        after: null,
        done: false,
        checked: 0,
        updated: 0,
      };
      await t.collection(RECOMPUTE).doc('current').set({ data: job });
    }),
  );
}

/**
 * Recomputes `dueAt` and `marks` of open petitions (those with a due date) with the calendar as it
 * is now, a page at a time in id order, until done or `budgetMs` has passed; the cursor is kept
 * in `calendar_recompute`, so the scheduler resumes where this stopped. Each petition is rewritten
 * in a transaction only when its dates changed, so a step saved meanwhile is never overwritten.
 */
export async function recomputeDue(
  now: Date,
  budgetMs: number,
): Promise<{ checked: number; updated: number; done: boolean }> {
  const started = Date.now();
  const jobs = db.collection<RecomputeDoc>(RECOMPUTE);
  const job = (await jobs.doc('current').get()).data;
  if (!job || job.done) return { checked: 0, updated: 0, done: true };
  const cal = await loadCalendar(now.getTime(), true);
  let { after, checked, updated } = job;
  let done = false;
  while (Date.now() - started < budgetMs) {
    const where: Record<string, unknown> = { dueAt: _.neq(null) };
    if (after) where._id = _.gt(after);
    const page = await db
      .collection<PetitionDoc>(PETITIONS)
      .where(where)
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .get();
    for (const doc of page.data) {
      checked++;
      if (await recomputeOne(doc._id, cal)) updated++;
      after = doc._id;
    }
    if (page.data.length < PAGE) {
      done = true;
      break;
    }
  }
  await jobs.doc('current').update({ data: { after, checked, updated, done } });
  return { checked, updated, done };
}

async function recomputeOne(
  id: string,
  cal: Awaited<ReturnType<typeof loadCalendar>>,
): Promise<boolean> {
  return withRetries(() =>
    db.runTransaction(async (t) => {
      const doc = (await t.collection<PetitionDoc>(PETITIONS).doc(id).get()).data;
      if (!doc) return false;
      const dueAt = nextDue(doc, cal);
      const marks = marksOf(doc, cal);
      const same =
        (dueAt?.getTime() ?? null) === (doc.dueAt?.getTime() ?? null) &&
        JSON.stringify(marks) === JSON.stringify(doc.marks ?? null);
      if (same) return false;
      await t.collection(PETITIONS).doc(id).update({ data: { dueAt, marks } });
      return true;
    }),
  );
}
