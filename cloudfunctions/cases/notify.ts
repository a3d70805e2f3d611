// The subscription messages of the cases function, written to the outbox in the transaction of
// the change and sent after the commit (dispatchOne). Each entry's id is made from what it
// announces, so a retried transaction adds none twice.
//
// - Progress of a case (a new stage or result) → `caseProgress` (案件 = the cause, 进展, 更新时间,
//   说明) to every person with an approved binding; never for a case whose information is not
//   disclosed online (its cause and stage would be).
// - The answer to a lawyer's verification or to a binding request → `appointmentResult` (事项,
//   结果, 时间 = when the request was made, 备注 = the reason of a refusal): both are the answer to
//   something the person asked for, like an appointment, and carry nothing of the case, which a
//   refused requester must not learn (the cause would be `caseProgress`'s 案件).
import { createHash } from 'node:crypto';
import { formatMessageTime } from '../../domain/time';
import { notification, type OutboxDoc } from '../_shared/outbox';

export function outboxIdFor(...parts: string[]): string {
  return 'ob' + createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 30);
}

export type OutboxEntry = OutboxDoc & { _id: string };

export const PAGES = {
  procedure: (caseId: string) => `citizen/case-procedure/index?id=${caseId}`,
  bindings: 'citizen/case-bindings/index',
  lawyer: 'citizen/lawyer/index',
} as const;

export function progressNotes(args: {
  caseId: string;
  version: number;
  cause: string;
  phrase: string;
  note: string;
  openids: string[];
  now: Date;
}): OutboxEntry[] {
  return args.openids.map((touser) => ({
    ...notification({
      touser,
      template: 'caseProgress',
      page: PAGES.procedure(args.caseId),
      values: {
        thing1: args.cause,
        phrase2: args.phrase,
        time3: formatMessageTime(args.now),
        thing4: args.note,
      },
      ref: { entity: 'case', id: args.caseId },
      now: args.now,
    }),
    _id: outboxIdFor('case', args.caseId, String(args.version), touser),
  }));
}

export function reviewNote(args: {
  entity: 'lawyer' | 'binding';
  id: string;
  version: number;
  touser: string;
  what: string;
  approved: boolean;
  reason: string | null;
  requestedAt: Date;
  page: string;
  now: Date;
}): OutboxEntry {
  return {
    ...notification({
      touser: args.touser,
      template: 'appointmentResult',
      page: args.page,
      values: {
        thing1: args.what,
        phrase2: args.approved ? '已通过' : '未通过',
        time3: formatMessageTime(args.requestedAt),
        thing4: args.approved ? '审核通过' : `原因：${args.reason ?? ''}`,
      },
      ref: { entity: args.entity, id: args.id },
      now: args.now,
    }),
    _id: outboxIdFor(args.entity, args.id, String(args.version), args.touser),
  };
}
