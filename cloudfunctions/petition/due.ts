// Deadlines in the functions: the engine of domain/deadlines with the rules and the working-day
// calendar (collection `calendar`, one document per year, seeded with the current and next year
// and updated by administrators). Each petition stores its staff's next due date as `dueAt`, so the
// inbox can filter what is due soon or overdue with an index.
import { WorkCalendar, type YearCalendar } from '../../domain/deadlines/calendar';
import {
  DEFAULT_RULES,
  deadlinesOf,
  dueAfter,
  nextStaffDeadline,
  type Deadline,
} from '../../domain/deadlines/engine';
import { DUE_SOON_DAYS, type InboxDueFilter } from '../../typings/petition';
import { _, db } from '../_shared/cloud';
import { toPetition, type PetitionDoc, type PetitionMarks } from './store';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const RULES = { ...DEFAULT_RULES, dueSoonDays: DUE_SOON_DAYS };

/** How long one function instance keeps the calendar before reading it again. */
const CALENDAR_TTL_MS = 10 * 60 * 1000;
let cached: { at: number; calendar: WorkCalendar } | null = null;

export type CalendarDoc = YearCalendar & {
  _id: string;
  updatedAt?: Date;
  updatedBy?: string;
};

/** The working-day calendar, read from the `calendar` collection at most every 10 minutes. */
export async function loadCalendar(now = Date.now(), fresh = false): Promise<WorkCalendar> {
  if (!fresh && cached && now - cached.at < CALENDAR_TTL_MS) return cached.calendar;
  const res = await db.collection<CalendarDoc>('calendar').limit(100).get();
  cached = { at: now, calendar: new WorkCalendar(res.data) };
  return cached.calendar;
}

export function deadlinesOfDoc(doc: PetitionDoc, now: Date, cal: WorkCalendar): Deadline[] {
  return deadlinesOf(toPetition(doc), now, cal, RULES);
}

/** The staff's next open due date, null when none is open (stored as `dueAt`). */
export function nextDue(doc: PetitionDoc, cal: WorkCalendar): Date | null {
  return nextStaffDeadline(deadlinesOfDoc(doc, doc.updatedAt, cal))?.due ?? null;
}

/** The 7-day and 3-month marks counted from receipt, whatever the state (list rows show them). */
export function receiptMarks(doc: PetitionDoc, cal: WorkCalendar) {
  return {
    proceduralReply: dueAfter(doc.submittedAt, RULES.proceduralReply, cal, RULES),
    result: dueAfter(doc.submittedAt, RULES.result, cal, RULES),
  };
}

/** The inbox's condition on `dueAt` for a due filter at `now`. */
export function dueCondition(filter: InboxDueFilter, now: Date): unknown {
  if (filter === 'overdue') return _.lt(now);
  return _.and(_.gte(now), _.lt(new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS)));
}

/**
 * The petition's `marks` (store.ts `PetitionMarks`): when the 7-day procedural reply and the
 * 3-month result fell due and were met, for the statistics (stats.ts). Set with `dueAt` at every
 * filing and step; nothing in it depends on when it is read.
 */
export function marksOf(doc: PetitionDoc, cal: WorkCalendar): PetitionMarks {
  const due = receiptMarks(doc, cal);
  const deadlines = deadlinesOfDoc(doc, doc.updatedAt, cal);
  const procedural = deadlines.find((d) => d.key === 'procedural_reply');
  const result = deadlines.find((d) => d.key === 'result');
  const x = doc as Partial<{
    refusal: unknown;
    transfer: unknown;
    withdrawal: unknown;
    answer: { answeredAt: Date };
  }>;
  const answeredAt = result?.metAt ?? x.answer?.answeredAt ?? null;
  const owesNoResult = !answeredAt && !!(x.refusal || x.transfer || x.withdrawal);
  return {
    proceduralDue: due.proceduralReply,
    proceduralAt: procedural?.metAt ?? null,
    resultDue: owesNoResult ? null : due.result,
    resultAt: owesNoResult ? null : answeredAt,
  };
}
