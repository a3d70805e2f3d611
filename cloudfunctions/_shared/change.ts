// One staff step on a record someone filed (a suggestion's reply, a consultation's answer, a
// deputy's item's assignment or reply): in one transaction the record is read again, checked,
// updated and audited, and — when the step tells its filer and they asked to be told — the message
// is written to the outbox; after the commit the message is sent, once. A transaction that lost a
// race is run again (withRetries); a step the record's state forbids answers its Failure and
// changes nothing. And the filing itself (fileOnce): a record stored once under the id its filer's
// client token gives it, however many taps race.
import { randomUUID } from 'node:crypto';
import type { StaffCtx } from './action';
import { appendAudit, auditEntry, type AuditDoc } from './audit';
import { db } from './cloud';
import { notFound } from './failure';
import { dispatchOne, notification, type TemplateKey } from './outbox';
import { isTransactionConflict, withRetries } from './transaction';

/** What the filer is told: a subscription message opening `page`. */
export interface Notice {
  template: TemplateKey;
  page: string;
  values: Record<string, string>;
}

export async function changeAndTell<
  D extends { _id: string; openid: string; notify: boolean },
>(args: {
  collection: string;
  id: string;
  ctx: StaffCtx;
  /** The audit entry's entity, action and detail; `what` the record's name for NOT_FOUND. */
  entity: string;
  action: string;
  detail?: Record<string, unknown>;
  what: string;
  /** The change to make, or a Failure thrown when the record's state forbids the step. */
  update: (current: D) => Record<string, unknown>;
  /** The message to the filer, if this step sends one. */
  notice?: (current: D) => Notice;
}): Promise<D> {
  const { ctx, id } = args;
  const outboxId = randomUUID().replace(/-/g, '');
  const told = await withRetries(() =>
    db.runTransaction(async (t) => {
      const current = (await t.collection<D>(args.collection).doc(id).get()).data;
      if (!current) throw notFound(args.what);
      await t
        .collection(args.collection)
        .doc(id)
        .update({ data: args.update(current) });
      await appendAudit(t, auditEntry(args.entity, id, args.action, ctx, args.detail));
      if (!args.notice || !current.notify) return false;
      const note = notification({
        touser: current.openid,
        ...args.notice(current),
        ref: { entity: args.entity, id },
        now: ctx.now,
      });
      await t.collection('outbox').doc(outboxId).set({ data: note });
      return true;
    }),
  );
  if (told) await dispatchOne(outboxId, ctx.now);
  return (await db.collection<D>(args.collection).doc(id).get()).data as D;
}

/**
 * Stores `doc` with its audit entry unless a record with its id is there already, and answers
 * that record (null when this call stored it). Two taps of one form racing: the loser's add finds
 * the document locked by the winner's open transaction, is run again (withRetries) and then reads
 * the winner's record in its own transaction.
 */
export async function fileOnce<D extends { _id: string }>(args: {
  collection: string;
  doc: D;
  audit: AuditDoc;
}): Promise<D | null> {
  const { collection, doc } = args;
  try {
    return await withRetries(() =>
      db.runTransaction(async (t) => {
        const filed = (await t.collection<D>(collection).doc(doc._id).get()).data;
        if (filed) return filed;
        await t.collection(collection).add({ data: doc });
        await appendAudit(t, args.audit);
        return null;
      }),
    );
  } catch (e) {
    // Any other failure (a duplicate key from a commit in between): answer with what was filed.
    const filed = isTransactionConflict(e)
      ? null
      : (await db.collection<D>(collection).doc(doc._id).get()).data;
    if (!filed) throw e;
    return filed;
  }
}
