// One staff step on a record someone filed (a suggestion's reply, a consultation's answer, a
// deputy's item's assignment or reply): in one transaction the record is read again, checked,
// updated and audited, and — when the step tells its filer and they asked to be told — the message
// is written to the outbox; after the commit the message is sent, once. A transaction that lost a
// race is run again (withRetries); a step the record's state forbids answers its Failure and
// changes nothing.
import { randomUUID } from 'node:crypto';
import type { StaffCtx } from './action';
import { appendAudit, auditEntry } from './audit';
import { db } from './cloud';
import { notFound } from './failure';
import { dispatchOne, notification, type TemplateKey } from './outbox';
import { withRetries } from './transaction';

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
