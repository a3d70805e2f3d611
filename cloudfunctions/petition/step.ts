// One event applied to a stored petition: decide (the pure machine), then save with an optimistic
// version check in one transaction with its audit entries, notifications and any petition it files.
import {
  PETITION_MACHINE,
  transition,
  type PetitionEffect,
  type PetitionEvent,
  type PetitionEventType,
} from '../../domain/petition/machine';
import { appendAudit, type AuditDoc } from '../_shared/audit';
import { db, type Transaction } from '../_shared/cloud';
import { Failure } from '../_shared/failure';
import { getProcuratorate } from '../_shared/org';
import { dispatchOne } from '../_shared/outbox';
import { activeStaff, type StaffDoc } from '../_shared/staff';
import { withRetries } from '../_shared/transaction';
import { effectRecords, fileIn, type Filing } from './file';
import { PETITIONS, toDoc, toPetition, type PetitionDoc } from './store';
import { planTally } from './tally';
import { loadCalendar, marksOf, nextDue } from './due';

export const CONFLICT_MESSAGE = '该信访已被他人处理，请刷新后重试';

/**
 * FORBIDDEN before any look-up when no role of the staff member may send the event at all, so a
 * wrong role is told so rather than that some other input is wrong. The machine checks it again.
 */
export function mayAttempt(staff: StaffDoc, type: PetitionEventType): void {
  const row = PETITION_MACHINE[type];
  if (!staff.roles.some((r) => row.by.includes(r))) {
    throw new Failure('FORBIDDEN', `您没有${row.name}的权限`);
  }
}

export interface StepOptions {
  /** The version the caller's page showed; a different stored version answers CONFLICT. */
  expectedVersion?: number;
  /** The petition to file when the step asks for one (a transfer's or a review's). */
  filing?: Filing;
  /** Checks run after the decision and before saving (the disclosure check of replies). */
  vet?: () => Promise<void> | void;
  /** More to write in the same transaction, after the petition and its audit entries (a dossier). */
  alsoWrite?: (t: Transaction, next: PetitionDoc) => Promise<void>;
}

function wantsFiling(effects: PetitionEffect[]) {
  return effects.some((e) => e.type === 'forwardPetition' || e.type === 'createReviewPetition');
}

/** A notification to "the leaders" becomes one to each active leader of the procuratorate. */
async function toEachLeader(
  effects: PetitionEffect[],
  procuratorateId: string,
): Promise<PetitionEffect[]> {
  if (!effects.some((e) => e.type === 'notify' && e.to.type === 'leaders')) return effects;
  const leaders = await activeStaff({ procuratorateId, roles: 'leader' });
  return effects.flatMap((e): PetitionEffect[] =>
    e.type === 'notify' && e.to.type === 'leaders'
      ? leaders.map((l) => ({ ...e, to: { type: 'staff', staffId: l._id } }))
      : [e],
  );
}

async function staffOpenids(effects: PetitionEffect[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const e of effects) {
    if (e.type !== 'notify' || e.to.type !== 'staff') continue;
    const staff = (await db.collection<StaffDoc>('staff').doc(e.to.staffId).get()).data;
    if (staff?.active) map.set(staff._id, staff.openid);
  }
  return map;
}

/**
 * Applies `event` to `before` and saves the next state. The update is conditional on the version
 * read: inside the transaction the document is read again and written only if its version is
 * still the one decided on (a transaction can write a document only by id, so the condition is
 * this read; two transactions writing the same document conflict at commit and the loser is run
 * again by `withRetries`, then sees the new version). A different version answers CONFLICT.
 */
export async function applyEvent(
  ctx: { openid: string | null; now: Date },
  before: PetitionDoc,
  event: PetitionEvent,
  options: StepOptions = {},
): Promise<PetitionDoc> {
  if (options.expectedVersion !== undefined && options.expectedVersion !== before.version) {
    throw new Failure('CONFLICT', CONFLICT_MESSAGE);
  }
  const step = transition(toPetition(before), event, ctx.now);
  if (!step.ok) throw new Failure(step.code, step.message);
  await options.vet?.();
  const filing = wantsFiling(step.effects) ? options.filing : undefined;
  if (wantsFiling(step.effects) && !filing) throw new Error(`${event.type}: nothing to file`);

  const cal = await loadCalendar();
  const after = toDoc(before, step.next);
  after.dueAt = nextDue(after, cal);
  after.marks = marksOf(after, cal);
  const unitName = (await getProcuratorate(before.procuratorateId))?.name ?? '';
  const effects = await toEachLeader(step.effects, before.procuratorateId);
  const records = effectRecords(effects, after, unitName, ctx, await staffOpenids(effects));

  let outboxIds: string[] = [];
  const saved = await withRetries(() =>
    db.runTransaction(async (t) => {
      const current = (await t.collection<PetitionDoc>(PETITIONS).doc(before._id).get()).data;
      if (!current || current.version !== before.version) return false;
      const writeTally = await planTally(t, current, after, ctx.now);
      const { _id, ...data } = after;
      await t.collection(PETITIONS).doc(_id).set({ data });
      await writeTally();
      for (const r of records) {
        if (r.collection === 'audit') await appendAudit(t, r.data as AuditDoc);
        else await t.collection(r.collection).add({ data: r.data });
      }
      await options.alsoWrite?.(t, after);
      const ids = records.flatMap((r) => (r.outboxId ? [r.outboxId] : []));
      if (filing) ids.push(...(await fileIn(t, filing, ctx, cal)).outboxIds);
      outboxIds = ids;
      return true;
    }),
  );
  if (!saved) throw new Failure('CONFLICT', CONFLICT_MESSAGE);
  for (const id of outboxIds) await dispatchOne(id, ctx.now);
  return after;
}
