// The due dates a petition has now, and the next one, which the inbox filters on (stored as
// `dueAt` with every change). The full deadline engine (working days, extensions, per-kind rules)
// is the next step; these are the two promises every petition carries.
import { DUE_SOON_DAYS, type InboxDueFilter, type PetitionStatus } from '../../typings/petition';
import { _ } from '../_shared/cloud';
import type { PetitionDoc } from './store';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** 件件有回复: a procedural reply within 7 days of receipt (DOMAIN.md, calendar days by default). */
export const PROCEDURAL_REPLY_DAYS = 7;
/** 条例 art. 34: an accepted petition is handled within 60 days. */
export const RESULT_DAYS = 60;

const REPLIED: readonly PetitionStatus[] = [
  'procedural_replied',
  'in_progress',
  'answered',
  'closed',
];
const FINISHED: readonly PetitionStatus[] = [
  'refused',
  'transferred',
  'withdrawn',
  'answered',
  'closed',
  'archived',
];

export function deadlines(doc: PetitionDoc) {
  const accepted = 'acceptedAt' in doc ? doc.acceptedAt : doc.submittedAt;
  return {
    proceduralReply: new Date(doc.submittedAt.getTime() + PROCEDURAL_REPLY_DAYS * DAY_MS),
    result: new Date(accepted.getTime() + RESULT_DAYS * DAY_MS),
  };
}

export function overdue(doc: PetitionDoc, now: Date): boolean {
  if (FINISHED.includes(doc.status)) return false;
  const due = deadlines(doc);
  if (!REPLIED.includes(doc.status) && now.getTime() > due.proceduralReply.getTime()) return true;
  return now.getTime() > due.result.getTime();
}

/** The next due date still to meet: the procedural reply, then the result; null once finished. */
export function nextDue(doc: PetitionDoc): Date | null {
  if (FINISHED.includes(doc.status)) return null;
  const due = deadlines(doc);
  return REPLIED.includes(doc.status) ? due.result : due.proceduralReply;
}

/** The inbox's condition on `dueAt` for a due filter at `now`. */
export function dueCondition(filter: InboxDueFilter, now: Date): unknown {
  if (filter === 'overdue') return _.lt(now);
  return _.and(_.gte(now), _.lt(new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS)));
}
