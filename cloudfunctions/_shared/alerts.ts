// Deadline alerts, the one way the scheduler's sweeps tell staff: an item due within the "due
// soon" days reminds whoever must act (its handler, else the registrars); an overdue one is also
// escalated to the procuratorate's leaders (督办). Each alert is recorded in `deadline_alerts` with
// its notifications and audit entry in one transaction; its id is made of the item, the deadline,
// its due date and the level, so a sweep run twice, or two at once, alerts nobody twice.
import { createHash } from 'node:crypto';
import { appendAudit, auditEntry } from './audit';
import { db } from './cloud';
import { dispatchOne, notification, type TemplateKey } from './outbox';
import { activeStaff, type StaffDoc } from './staff';
import { withRetries } from './transaction';

export const ALERTS = 'deadline_alerts';

export type AlertLevel = 'due_soon' | 'overdue';

/** The id of one alert: the same parts give the same id. */
export function alertId(...parts: string[]): string {
  return 'al' + createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 30);
}

/** Who is told: the handler (else the registrars) when due soon; also the leaders when overdue. */
export async function alertRecipients(
  procuratorateId: string,
  handlerId: string | null,
  level: AlertLevel,
): Promise<StaffDoc[]> {
  const first = handlerId
    ? (await activeStaff({ _id: handlerId })).filter((s) => s.procuratorateId === procuratorateId)
    : await activeStaff({ procuratorateId, roles: 'registrar' });
  const leaders =
    level === 'overdue' ? await activeStaff({ procuratorateId, roles: 'leader' }) : [];
  const seen = new Set<string>();
  return [...first, ...leaders].filter((s) => !seen.has(s._id) && seen.add(s._id));
}

/**
 * Records the alert `id` (the `record` fields, plus who was told) once, with a message of
 * `template` to each of `staff` and the audit entry, then sends the messages. Answers false when
 * the alert had been raised already (nothing is sent again).
 */
export async function raiseAlert(args: {
  id: string;
  record: Record<string, unknown>;
  staff: StaffDoc[];
  template: TemplateKey;
  page: string;
  values: Record<string, string>;
  ref: { entity: string; id: string };
  audit: { action: string; detail: Record<string, unknown> };
  now: Date;
}): Promise<boolean> {
  const { id, now } = args;
  if ((await db.collection(ALERTS).doc(id).get()).data) return false;
  const outbox = args.staff.map((s) => {
    const note = notification({
      touser: s.openid,
      template: args.template,
      page: args.page,
      values: args.values,
      ref: args.ref,
      now,
    });
    const outboxId =
      'ob' + createHash('sha256').update(`${id}\n${s._id}`).digest('hex').slice(0, 30);
    return { ...note, _id: outboxId };
  });
  const to = args.staff.map((s) => s._id);
  const created = await withRetries(() =>
    db.runTransaction(async (t) => {
      if ((await t.collection(ALERTS).doc(id).get()).data) return false;
      await t
        .collection(ALERTS)
        .doc(id)
        .set({ data: { ...args.record, to, at: now } });
      for (const o of outbox) {
        const { _id, ...data } = o;
        await t.collection('outbox').doc(_id).set({ data });
      }
      await appendAudit(
        t,
        auditEntry(
          args.ref.entity,
          args.ref.id,
          args.audit.action,
          {
            openid: null,
            staff: null,
            now,
          },
          { ...args.audit.detail, to },
        ),
      );
      return true;
    }),
  );
  if (!created) return false;
  for (const o of outbox) await dispatchOne(o._id, now);
  return true;
}
