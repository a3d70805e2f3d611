// The deadline sweep the scheduler runs on its timer: every petition whose staff deadline is due
// within DUE_SOON_DAYS or already past gets, once per deadline and level, a reminder to whoever
// must act (its handler, else the registrars) or, when overdue, an escalation to the
// procuratorate's leaders (督办), recorded in `deadline_alerts` with its notifications and audit
// entry in one transaction. The alert's id is made of the petition, the deadline, its due date and
// the level, so running the sweep twice, or two at once, alerts nobody twice.
import { createHash } from 'node:crypto';
import { nextStaffDeadline, type Deadline } from '../../domain/deadlines/engine';
import { formatMessageTime } from '../../domain/time';
import { DUE_SOON_DAYS } from '../../typings/petition';
import { appendAudit, auditEntry } from '../_shared/audit';
import { _, db } from '../_shared/cloud';
import { dispatchOne, notification } from '../_shared/outbox';
import { activeStaff, type StaffDoc } from '../_shared/staff';
import { withRetries } from '../_shared/transaction';
import { DAY_MS, deadlinesOfDoc, loadCalendar } from './due';
import { petitions, type PetitionDoc } from './store';

export const ALERTS = 'deadline_alerts';
const PAGE = 100;

export type AlertLevel = 'due_soon' | 'overdue';

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

function alertId(doc: PetitionDoc, d: Deadline, level: AlertLevel): string {
  const key = `${doc._id}\n${d.key}\n${d.due.toISOString()}\n${level}`;
  return 'al' + createHash('sha256').update(key).digest('hex').slice(0, 30);
}

/** Who is told: the handler (else the registrars) when due soon; also the leaders when overdue. */
async function recipients(doc: PetitionDoc, level: AlertLevel): Promise<StaffDoc[]> {
  const unit = doc.procuratorateId;
  const handlerId = 'handler' in doc ? doc.handler.staffId : null;
  const first = handlerId
    ? (await activeStaff({ _id: handlerId })).filter((s) => s.procuratorateId === unit)
    : await activeStaff({ procuratorateId: unit, roles: 'registrar' });
  const leaders =
    level === 'overdue' ? await activeStaff({ procuratorateId: unit, roles: 'leader' }) : [];
  const seen = new Set<string>();
  return [...first, ...leaders].filter((s) => !seen.has(s._id) && seen.add(s._id));
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
  const id = alertId(doc, next, level);
  if ((await db.collection<AlertDoc>(ALERTS).doc(id).get()).data) return null;
  const staff = await recipients(doc, level);
  const outbox = staff.map((s) => {
    const note = notification({
      touser: s.openid,
      template: 'petitionProgress',
      page: `staff/petition-detail/index?id=${doc._id}`,
      values: {
        character_string1: doc.receiptNumber,
        phrase2: level === 'overdue' ? '已超期' : '即将到期',
        time3: formatMessageTime(now),
        thing4: `${next.name}期限${formatMessageTime(next.due).replace(/ .*$/, '')}`,
      },
      ref: { entity: 'petition', id: doc._id },
      now,
    });
    const outboxId =
      'ob' + createHash('sha256').update(`${id}\n${s._id}`).digest('hex').slice(0, 30);
    return { ...note, _id: outboxId };
  });
  const alert: Omit<AlertDoc, '_id'> = {
    petitionId: doc._id,
    procuratorateId: doc.procuratorateId,
    receiptNumber: doc.receiptNumber,
    deadline: next.key,
    deadlineName: next.name,
    due: next.due,
    level,
    to: staff.map((s) => s._id),
    at: now,
  };
  const created = await withRetries(() =>
    db.runTransaction(async (t) => {
      if ((await t.collection<AlertDoc>(ALERTS).doc(id).get()).data) return false;
      await t.collection(ALERTS).doc(id).set({ data: alert });
      for (const o of outbox) {
        const { _id, ...data } = o;
        await t.collection('outbox').doc(_id).set({ data });
      }
      await appendAudit(
        t,
        auditEntry(
          'petition',
          doc._id,
          level === 'overdue' ? 'escalate' : 'remind',
          { openid: null, staff: null, now },
          { deadline: next.key, due: next.due, to: alert.to, receiptNumber: doc.receiptNumber },
        ),
      );
      return true;
    }),
  );
  if (!created) return null;
  for (const o of outbox) await dispatchOne(o._id, now);
  return level;
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
