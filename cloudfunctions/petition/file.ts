// Filing a petition inside a transaction — by a citizen's submit, a transfer to another
// procuratorate (转办) or a review request (复查) — and the records its effects become.
import { createHash } from 'node:crypto';
import {
  NOTIFY_STEPS,
  receive,
  type Actor,
  type PetitionEffect,
} from '../../domain/petition/machine';
import { formatReceiptNumber, receiptYear } from '../../domain/petition/receipt';
import { formatMessageTime } from '../../domain/time';
import {
  PETITION_KIND_NAMES,
  type PetitionChannel,
  type PetitionKind,
} from '../../typings/petition';
import { appendAudit, auditEntry, type AuditDoc } from '../_shared/audit';
import type { Transaction } from '../_shared/cloud';
import type { ContentFlag } from '../_shared/content';
import type { ProcuratorateDoc } from '../_shared/org';
import { notification } from '../_shared/outbox';
import {
  COUNTERS,
  counterId,
  PETITIONS,
  type CounterDoc,
  type LinkedFrom,
  type PetitionDoc,
  type PetitionerSnapshot,
} from './store';
import { planTally } from './tally';
import { marksOf, nextDue } from './due';
import type { WorkCalendar } from '../../domain/deadlines/calendar';
import type { MatterPrint } from '../../domain/petition/similarity';
import type { FilingSuggestions } from './suggest';

/** A petition id made from what identifies the filing, so a retry files nothing new. */
export function petitionIdFor(...parts: string[]): string {
  return 'pt' + createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 30);
}

/** One outbox entry per petition, version, step and recipient: a retried transaction adds none. */
function outboxIdFor(doc: PetitionDoc, step: string, touser: string) {
  const key = `${doc._id}\n${doc.version}\n${step}\n${touser}`;
  return 'ob' + createHash('sha256').update(key).digest('hex').slice(0, 30);
}

export interface EffectRecord {
  collection: 'audit' | 'outbox';
  data: object;
  /** Set for outbox entries, which are sent after the commit. */
  outboxId?: string;
}

/** What the 说明 field says when the step brings no note of its own. */
function defaultNote(step: keyof typeof NOTIFY_STEPS, doc: PetitionDoc, unitName: string) {
  switch (step) {
    case 'received':
      return `${unitName}已收到您的${PETITION_KIND_NAMES[doc.kind]}`;
    case 'accepted':
      return `${unitName}已受理您的信访`;
    case 'replied':
      return '请在小程序中查看答复内容';
    case 'assigned':
      return `${PETITION_KIND_NAMES[doc.kind]}请及时办理`;
    default:
      return NOTIFY_STEPS[step];
  }
}

/**
 * The audit entries and outbox notifications a step's effects ask for. `staffOpenids` maps the
 * staff ids of notified staff to their OPENIDs. The other effects (new petitions) are the caller's.
 */
export function effectRecords(
  effects: PetitionEffect[],
  doc: PetitionDoc,
  unitName: string,
  ctx: { openid: string | null; now: Date },
  staffOpenids: ReadonlyMap<string, string> = new Map(),
): EffectRecord[] {
  return effects.flatMap((e): EffectRecord[] => {
    if (e.type === 'audit') {
      const by =
        e.by.type === 'citizen'
          ? { openid: e.by.openid, staff: null, now: ctx.now }
          : { openid: ctx.openid, staff: { _id: e.by.staffId }, now: ctx.now };
      return [
        {
          collection: 'audit',
          data: auditEntry('petition', doc._id, e.action, by, {
            from: e.from,
            to: e.to,
            why: e.why,
            receiptNumber: doc.receiptNumber,
            contentFlag: doc.contentFlag,
          }),
        },
      ];
    }
    if (e.type === 'notify') {
      // "The leaders" were made one notification each by the caller (step.ts).
      if (e.to.type === 'leaders') return [];
      const touser = e.to.type === 'petitioner' ? e.to.openid : staffOpenids.get(e.to.staffId);
      if (!touser) return [];
      const outboxId = outboxIdFor(doc, e.step, touser);
      const note = notification({
        touser,
        template: 'petitionProgress',
        page:
          e.to.type === 'petitioner'
            ? `citizen/petition-detail/index?id=${doc._id}`
            : `staff/petition-detail/index?id=${doc._id}`,
        values: {
          character_string1: doc.receiptNumber,
          phrase2: NOTIFY_STEPS[e.step],
          time3: formatMessageTime(ctx.now),
          thing4:
            e.step === 'received'
              ? defaultNote(e.step, doc, unitName)
              : (e.note ?? defaultNote(e.step, doc, unitName)),
        },
        ref: { entity: 'petition', id: doc._id },
        now: ctx.now,
      });
      return [{ collection: 'outbox', data: { ...note, _id: outboxId }, outboxId }];
    }
    return [];
  });
}

export interface Filing {
  id: string;
  procuratorate: ProcuratorateDoc;
  departmentId: string | null;
  kind: PetitionKind;
  channel: PetitionChannel;
  petitionerOpenid: string | null;
  attachments: string[];
  by: Actor;
  form: PetitionDoc['form'];
  petitioner: PetitionerSnapshot;
  contentFlag: ContentFlag;
  linkedFrom?: LinkedFrom;
  /** Whether the petitioner is told it was received (a transfer already told them where it went). */
  notifyReceived: boolean;
  print?: MatterPrint;
  suggest?: FilingSuggestions;
}

/**
 * Files a petition in the transaction `t`: the next receipt number of its procuratorate and year
 * (the counter is read and written in the same transaction, so numbers have no gaps and never
 * repeat), the document, its audit entry and its notifications. Answers the outbox ids to send
 * after the commit. `cal` is loaded before the transaction: nothing else is read inside it.
 */
export async function fileIn(
  t: Transaction,
  f: Filing,
  ctx: { openid: string | null; now: Date },
  cal: WorkCalendar,
): Promise<{ doc: PetitionDoc; outboxIds: string[] }> {
  const year = receiptYear(ctx.now);
  const counter = counterId(f.procuratorate._id, year);
  const last = (await t.collection<CounterDoc>(COUNTERS).doc(counter).get()).data;
  const sequence = (last?.sequence ?? 0) + 1;
  const receiptNumber = formatReceiptNumber({ unitCode: f.procuratorate.code, year, sequence });
  const { petition, effects } = receive(
    {
      id: f.id,
      receiptNumber,
      kind: f.kind,
      channel: f.channel,
      procuratorateId: f.procuratorate._id,
      petitionerOpenid: f.petitionerOpenid,
      attachments: f.attachments,
      by: f.by,
    },
    ctx.now,
  );
  const { id: _id, ...fields } = { ...petition, departmentId: f.departmentId };
  const doc: PetitionDoc = {
    ...fields,
    _id,
    form: f.form,
    petitioner: f.petitioner,
    contentFlag: f.contentFlag,
    receipt: { year, sequence },
    version: 1,
    dueAt: null,
    ...(f.linkedFrom ? { linkedFrom: f.linkedFrom } : {}),
    ...(f.print ? { print: f.print } : {}),
    ...(f.suggest ? { suggest: f.suggest } : {}),
  };
  doc.dueAt = nextDue(doc, cal);
  doc.marks = marksOf(doc, cal);
  const counterDoc: Omit<CounterDoc, '_id'> = {
    procuratorateId: f.procuratorate._id,
    year,
    sequence,
    updatedAt: ctx.now,
  };
  const wanted = f.notifyReceived ? effects : effects.filter((e) => e.type !== 'notify');
  const records = effectRecords(wanted, doc, f.procuratorate.name, ctx);
  // Every read first; then the writes, the hot counter's first (it decides the number, and a
  // conflict on it is the one to meet early), then the rest, new documents last.
  const writeTally = await planTally(t, null, doc, ctx.now);
  await t.collection(COUNTERS).doc(counter).set({ data: counterDoc });
  await writeTally();
  await t.collection(PETITIONS).add({ data: doc });
  for (const r of records) {
    if (r.collection === 'audit') await appendAudit(t, r.data as AuditDoc);
    else await t.collection(r.collection).add({ data: r.data });
  }
  return { doc, outboxIds: records.flatMap((r) => (r.outboxId ? [r.outboxId] : [])) };
}
