// The deadline sweep the scheduler runs on its timer: every petition whose staff deadline is due
// within DUE_SOON_DAYS or already past gets, once per deadline and level, a reminder to whoever
// must act (its handler, else the registrars) or, when overdue, an escalation to the
// procuratorate's leaders (督办), recorded in `deadline_alerts` with its notifications and audit
// entry in one transaction. The alert's id is made of the petition, the deadline, its due date and
// the level, so running the sweep twice, or two at once, alerts nobody twice.
import { nextStaffDeadline, type Deadline } from '../../domain/deadlines/engine';
import { formatMessageTime } from '../../domain/time';
import { DUE_SOON_DAYS } from '../../typings/petition';
import { ALERTS, alertId, alertRecipients, raiseAlert, type AlertLevel } from '../_shared/alerts';
import { _, db } from '../_shared/cloud';
import { DAY_MS, deadlinesOfDoc, loadCalendar } from './due';
import { petitions, type PetitionDoc } from './store';

export { ALERTS, type AlertLevel };
const PAGE = 100;

export interface AlertDoc {
  _id: string;
  petitionId: string;
  procuratorateId: string;
  receiptNumber: string;
  deadline: Deadline['key'];
  deadlineName: string;
  due: Date;
  level: AlertLevel;
  /** Staff ids told. */
  to: string[];
  at: Date;
}

/** Alerts one petition's next staff deadline if it is due soon or overdue; answers the level or null. */
async function alertOne(
  doc: PetitionDoc,
  now: Date,
  cal: Awaited<ReturnType<typeof loadCalendar>>,
) {
  const next = nextStaffDeadline(deadlinesOfDoc(doc, now, cal));
  if (!next || (next.state !== 'overdue' && next.state !== 'due_soon')) return null;
  const level: AlertLevel = next.state;
  const id = alertId(doc._id, next.key, next.due.toISOString(), level);
  const handlerId = 'handler' in doc ? doc.handler.staffId : null;
  const raised = await raiseAlert({
    id,
    record: {
      petitionId: doc._id,
      procuratorateId: doc.procuratorateId,
      receiptNumber: doc.receiptNumber,
      deadline: next.key,
      deadlineName: next.name,
      due: next.due,
      level,
    },
    staff: await alertRecipients(doc.procuratorateId, handlerId, level),
    template: 'petitionProgress',
    page: `staff/petition-detail/index?id=${doc._id}`,
    values: {
      character_string1: doc.receiptNumber,
      phrase2: level === 'overdue' ? '已超期' : '即将到期',
      time3: formatMessageTime(now),
      thing4: `${next.name}期限${formatMessageTime(next.due).replace(/ .*$/, '')}`,
    },
    ref: { entity: 'petition', id: doc._id },
    audit: {
      action: level === 'overdue' ? 'escalate' : 'remind',
      detail: { deadline: next.key, due: next.due, receiptNumber: doc.receiptNumber },
    },
    now,
  });
  return raised ? level : null;
}

/**
 * Sweeps every petition whose stored next due date (`dueAt`) falls before `now` + DUE_SOON_DAYS,
 * in pages ordered by it (index `due`), at most `maxPages` pages a run.
 */
export async function sweepDeadlines(
  now: Date,
  maxPages = 50,
): Promise<{ checked: number; reminded: number; escalated: number }> {
  const cal = await loadCalendar(now.getTime());
  const horizon = new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS);
  const out = { checked: 0, reminded: 0, escalated: 0 };
  for (let page = 0; page < maxPages; page++) {
    const res = await petitions()
      .where({ dueAt: _.lt(horizon) })
      .orderBy('dueAt', 'asc')
      .orderBy('_id', 'asc')
      .skip(page * PAGE)
      .limit(PAGE)
      .get();
    for (const doc of res.data) {
      out.checked++;
      const level = await alertOne(doc, now, cal);
      if (level === 'due_soon') out.reminded++;
      if (level === 'overdue') out.escalated++;
    }
    if (res.data.length < PAGE) break;
  }
  return out;
}

/** The alerts of one petition, newest first, for the staff view. */
export async function alertsOf(petitionId: string): Promise<AlertDoc[]> {
  const res = await db
    .collection<AlertDoc>(ALERTS)
    .where({ petitionId })
    .orderBy('at', 'desc')
    .limit(50)
    .get();
  return res.data;
}
