// The audit log: who did what to which record, when and why. Appended in the same transaction
// as the change, to the entity's hash chain (domain/audit-chain.ts).
import { chain } from '../../domain/audit-chain';
import type { Transaction } from './cloud';
export interface AuditDoc {
  entity: string;
  entityId: string;
  action: string;
  by: { openid: string | null; staffId: string | null };
  at: Date;
  detail: Record<string, unknown>;
}

export function auditEntry(
  entity: string,
  entityId: string,
  action: string,
  ctx: { openid: string | null; staff: { _id: string } | null; now: Date },
  detail: Record<string, unknown> = {},
): AuditDoc {
  return {
    entity,
    entityId,
    action,
    by: { openid: ctx.openid, staffId: ctx.staff?._id ?? null },
    at: ctx.now,
    detail,
  };
}

/** The head of one entity's audit chain: its last entry's number and hash. */
export interface AuditHeadDoc {
  _id: string;
  entity: string;
  entityId: string;
  seq: number;
  hash: string;
  updatedAt: Date;
}

export const AUDIT = 'audit';
export const AUDIT_HEADS = 'audit_heads';

/**
 * Appends `entry` to its entity's hash chain in the transaction `t` (domain/audit-chain.ts): reads
 * the head, writes the entry as number head + 1 (document id `<entity>:<id>:<seq>`, so two
 * appends racing for one number conflict instead of both landing) and moves the head.
 */
export async function appendAudit(t: Transaction, entry: AuditDoc): Promise<void> {
  const headId = `${entry.entity}:${entry.entityId}`;
  const head = (await t.collection<AuditHeadDoc>(AUDIT_HEADS).doc(headId).get()).data;
  const linked = chain({ ...entry } as AuditDoc & Record<string, unknown>, head);
  await t
    .collection(AUDIT)
    .doc(`${headId}:${String(linked.seq).padStart(8, '0')}`)
    .set({ data: linked });
  const next: Omit<AuditHeadDoc, '_id'> = {
    entity: entry.entity,
    entityId: entry.entityId,
    seq: linked.seq,
    hash: linked.hash,
    updatedAt: entry.at,
  };
  await t.collection(AUDIT_HEADS).doc(headId).set({ data: next });
}
