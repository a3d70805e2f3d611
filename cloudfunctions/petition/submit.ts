// petition.submit: a citizen files a petition; the receipt number is allocated in the same
// transaction as the petition, so numbers have no gaps and never repeat.
import { createHash } from 'node:crypto';
import { profileSummary } from '../../domain/identity';
import { NOTIFY_STEPS, receive, type PetitionEffect } from '../../domain/petition/machine';
import { formatReceiptNumber, receiptYear } from '../../domain/petition/receipt';
import { routeTo } from '../../domain/petition/routing';
import { formatMessageTime } from '../../domain/time';
import { PETITION_KIND_NAMES, type petition } from '../../typings/petition';
import type { Handler, UserCtx } from '../_shared/action';
import { auditEntry } from '../_shared/audit';
import { db } from '../_shared/cloud';
import { checkContent, type ContentFlag } from '../_shared/content';
import { openIdNumber } from '../_shared/crypto';
import { Failure } from '../_shared/failure';
import type { DepartmentDoc } from '../_shared/org';
import { getProcuratorate } from '../_shared/org';
import { dispatchOne, notification } from '../_shared/outbox';
import { isTransactionConflict, withRetries } from '../_shared/transaction';
import type { ProfileDoc } from '../account/profile';
import {
  COUNTERS,
  counterId,
  loadPetition,
  PETITIONS,
  type CounterDoc,
  type PetitionDoc,
} from './store';

type Defs = typeof petition;

/** The same form submitted twice (a double tap, a retry after a timeout) maps to the same id. */
function idFor(openid: string, clientToken: string) {
  return 'pt' + createHash('sha256').update(`${openid}\n${clientToken}`).digest('hex').slice(0, 30);
}

/** The outbox entry of a notification effect: one per petition and step, so a retry adds none. */
function outboxIdFor(petitionId: string, step: string) {
  return 'ob' + createHash('sha256').update(`${petitionId}\n${step}`).digest('hex').slice(0, 30);
}

async function loadProfile(openid: string): Promise<ProfileDoc | null> {
  return (await db.collection<ProfileDoc>('profiles').doc(openid).get()).data;
}

async function departmentsOf(procuratorateId: string) {
  const res = await db
    .collection<DepartmentDoc>('departments')
    .where({ procuratorateId })
    .limit(100)
    .get();
  return res.data.map((d) => ({ id: d._id, procuratorateId: d.procuratorateId }));
}

/** The free texts a citizen wrote, checked one by one so a refusal names the field. */
async function checkTexts(
  openid: string,
  texts: Record<'request' | 'facts' | 'reasons', string>,
): Promise<ContentFlag> {
  const flags: ContentFlag[] = [];
  for (const [field, text] of Object.entries(texts)) {
    flags.push(await checkContent(openid, text, field));
  }
  return flags.every((f) => f === 'pass') ? 'pass' : 'review';
}

interface EffectDoc {
  collection: string;
  data: object;
  /** Set for outbox entries, which are sent after the commit. */
  outboxId?: string;
}

/** The documents the effects of `receive` become: audit entries and outbox notifications. */
function effectDocs(
  effects: PetitionEffect[],
  doc: PetitionDoc,
  unitName: string,
  ctx: UserCtx,
): EffectDoc[] {
  return effects.flatMap((e): EffectDoc[] => {
    if (e.type === 'audit') {
      return [
        {
          collection: 'audit',
          data: auditEntry('petition', doc._id, e.action, ctx, {
            from: e.from,
            to: e.to,
            why: e.why,
            receiptNumber: doc.receiptNumber,
            contentFlag: doc.contentFlag,
          }),
        },
      ];
    }
    if (e.type === 'notify' && e.to.type === 'petitioner') {
      const outboxId = outboxIdFor(doc._id, e.step);
      const note = notification({
        touser: e.to.openid,
        template: 'petitionProgress',
        page: `citizen/petition-detail/index?id=${doc._id}`,
        values: {
          character_string1: doc.receiptNumber,
          phrase2: NOTIFY_STEPS[e.step],
          time3: formatMessageTime(ctx.now),
          thing4: `${unitName}已收到您的${PETITION_KIND_NAMES[doc.kind]}`,
        },
        ref: { entity: 'petition', id: doc._id },
        now: ctx.now,
      });
      return [{ collection: 'outbox', data: { ...note, _id: outboxId }, outboxId }];
    }
    return [];
  });
}

export const submit: Handler<Defs['submit']> = async ({ input, ctx }) => {
  const id = idFor(ctx.openid, input.clientToken);
  const filed = await loadPetition(id);
  if (filed) return { id, receiptNumber: filed.receiptNumber, duplicate: true };

  const profile = await loadProfile(ctx.openid);
  if (!profile) throw new Failure('PRECONDITION_FAILED', '请先填写实名信息');
  const procuratorate = await getProcuratorate(input.procuratorateId);
  if (!procuratorate) {
    throw new Failure('NOT_FOUND', '所选检察院不存在，请重新选择', [
      { path: 'procuratorateId', message: '所选检察院不存在，请重新选择' },
    ]);
  }
  const contentFlag = await checkTexts(ctx.openid, {
    request: input.request,
    facts: input.facts,
    reasons: input.reasons,
  });
  const departmentId = routeTo(
    input.kind,
    procuratorate._id,
    await departmentsOf(procuratorate._id),
  );
  const summary = profileSummary({
    name: profile.name,
    idNumber: openIdNumber(profile.idCipher, profile.openid),
    mobile: profile.mobile,
  });
  const { clientToken: _token, ...form } = input;
  const year = receiptYear(ctx.now);
  const counter = counterId(procuratorate._id, year);

  let outboxIds: string[] = [];
  const run = () =>
    db.runTransaction(async (t) => {
      const raced = (await t.collection<PetitionDoc>(PETITIONS).doc(id).get()).data;
      if (raced) return { receiptNumber: raced.receiptNumber, duplicate: true };

      const last = (await t.collection<CounterDoc>(COUNTERS).doc(counter).get()).data;
      const sequence = (last?.sequence ?? 0) + 1;
      const receiptNumber = formatReceiptNumber({ unitCode: procuratorate.code, year, sequence });
      const { petition, effects } = receive(
        {
          id,
          receiptNumber,
          kind: input.kind,
          channel: 'online',
          procuratorateId: procuratorate._id,
          petitionerOpenid: ctx.openid,
          attachments: input.attachments,
          by: { type: 'citizen', openid: ctx.openid },
        },
        ctx.now,
      );
      const { id: _id, ...fields } = { ...petition, departmentId };
      const doc: PetitionDoc = {
        ...fields,
        _id,
        form,
        petitioner: { ...summary, idHash: profile.idHash },
        contentFlag,
        receipt: { year, sequence },
        version: 1,
      };
      const counterDoc: Omit<CounterDoc, '_id'> = {
        procuratorateId: procuratorate._id,
        year,
        sequence,
        updatedAt: ctx.now,
      };
      await t.collection(COUNTERS).doc(counter).set({ data: counterDoc });
      await t.collection(PETITIONS).add({ data: doc });
      const extra = effectDocs(effects, doc, procuratorate.name, ctx);
      for (const e of extra) await t.collection(e.collection).add({ data: e.data });
      outboxIds = extra.flatMap((e) => (e.outboxId ? [e.outboxId] : []));
      return { receiptNumber, duplicate: false };
    });

  let outcome: { receiptNumber: string; duplicate: boolean };
  try {
    outcome = await withRetries(run);
  } catch (e) {
    // Two taps racing past every retry: whichever filed it, this one answers with what was filed.
    const raced = isTransactionConflict(e) ? null : await loadPetition(id);
    if (!raced) throw e;
    outcome = { receiptNumber: raced.receiptNumber, duplicate: true };
  }
  if (!outcome.duplicate) {
    for (const outboxId of outboxIds) await dispatchOne(outboxId, ctx.now);
  }
  return { id, ...outcome };
};
