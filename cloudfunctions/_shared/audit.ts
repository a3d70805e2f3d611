// The audit log: who did what to which record, when and why. Appended in the same transaction.
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
