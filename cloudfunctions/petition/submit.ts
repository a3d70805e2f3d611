// petition.submit: a citizen files a petition; the receipt number is allocated in the same
// transaction as the petition, so numbers have no gaps and never repeat.
import { profileSummary } from '../../domain/identity';
import type { petition } from '../../typings/petition';
import type { Handler } from '../_shared/action';
import { db } from '../_shared/cloud';
import { checkContentLabelled, type ContentFlag } from '../_shared/content';
import { openIdNumber } from '../_shared/crypto';
import { Failure } from '../_shared/failure';
import { vetFiles } from '../_shared/files';
import { getProcuratorate } from '../_shared/org';
import { dispatchOne } from '../_shared/outbox';
import { isTransactionConflict, withRetries } from '../_shared/transaction';
import type { ProfileDoc } from '../account/profile';
import { loadCalendar } from './due';
import { fileIn, petitionIdFor } from './file';
import { loadPetition, PETITIONS, type PetitionDoc } from './store';
import { routeFor } from './routing';
import { printOfForm, suggestionsFor } from './suggest';

type Defs = typeof petition;

/** The same form submitted twice (a double tap, a retry after a timeout) maps to the same id. */
function idFor(openid: string, clientToken: string) {
  return petitionIdFor(openid, clientToken);
}

async function loadProfile(openid: string): Promise<ProfileDoc | null> {
  return (await db.collection<ProfileDoc>('profiles').doc(openid).get()).data;
}

/**
 * The free texts a citizen wrote, checked one by one so a refusal names the field; answers the
 * overall flag and the service's labels (abuse, 20003, is suggested to staff as ground 4).
 */
async function checkTexts(
  openid: string,
  texts: Record<'request' | 'facts' | 'reasons', string>,
): Promise<{ flag: ContentFlag; labels: number[] }> {
  const flags: ContentFlag[] = [];
  const labels: number[] = [];
  for (const [field, text] of Object.entries(texts)) {
    const checked = await checkContentLabelled(openid, text, field);
    flags.push(checked.flag);
    if (checked.label !== null) labels.push(checked.label);
  }
  return { flag: flags.every((f) => f === 'pass') ? 'pass' : 'review', labels };
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
  await vetFiles(input.attachments, 'attachments', ctx.openid);
  const checked = await checkTexts(ctx.openid, {
    request: input.request,
    facts: input.facts,
    reasons: input.reasons,
  });
  const departmentId = await routeFor(input.kind, procuratorate._id);
  const summary = profileSummary({
    name: profile.name,
    idNumber: openIdNumber(profile.idCipher, profile.openid),
    mobile: profile.mobile,
  });
  const { clientToken: _token, ...form } = input;
  const contentFlag = checked.flag;
  const print = printOfForm(form, profile.idHash);
  const suggest = await suggestionsFor(form, profile.idHash, id, checked.labels);

  const cal = await loadCalendar();
  let outboxIds: string[] = [];
  const run = () =>
    db.runTransaction(async (t) => {
      const raced = (await t.collection<PetitionDoc>(PETITIONS).doc(id).get()).data;
      if (raced) return { receiptNumber: raced.receiptNumber, duplicate: true };

      const filed = await fileIn(
        t,
        {
          id,
          procuratorate,
          departmentId,
          kind: input.kind,
          channel: 'online',
          petitionerOpenid: ctx.openid,
          attachments: input.attachments,
          by: { type: 'citizen', openid: ctx.openid },
          form,
          petitioner: { ...summary, idHash: profile.idHash },
          contentFlag,
          notifyReceived: true,
          print,
          suggest,
        },
        ctx,
        cal,
      );
      outboxIds = filed.outboxIds;
      const receiptNumber = filed.doc.receiptNumber;
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
