// petition.fileOffline: a registrar files a petition that came by letter, the 12309 hotline, a
// visit or a video call, so that every channel flows into the same system and the petitioner can
// follow it online (条例 art. 17, 21). The petitioner is linked to the petition when a real-name
// profile holds the same ID number and the mobile WeChat verified for it is the one on record
// (an ID number alone is not proof: anyone can type one); until then they are told nothing online.
import { profileSummary } from '../../domain/identity';
import type { petition } from '../../typings/petition';
import type { Handler } from '../_shared/action';
import { db } from '../_shared/cloud';
import { idNumberHash } from '../_shared/crypto';
import { Failure } from '../_shared/failure';
import { vetFiles } from '../_shared/files';
import { getProcuratorate } from '../_shared/org';
import { dispatchOne } from '../_shared/outbox';
import { withRetries } from '../_shared/transaction';
import { appendAudit, auditEntry } from '../_shared/audit';
import type { ProfileDoc } from '../account/profile';
import { staffActor } from './access';
import { loadCalendar } from './due';
import { fileIn, petitionIdFor } from './file';
import { printOfForm, suggestionsFor } from './suggest';
import { viewFor } from './handling';
import { loadPetition, PETITIONS, type PetitionDoc } from './store';
import { routeFor } from './routing';

type Defs = typeof petition;

/** The OPENID of the profile that proves to be this petitioner, or null. */
export async function verifiedOwner(idHash: string, mobile: string): Promise<string | null> {
  const res = await db
    .collection<ProfileDoc>('profiles')
    .where({ idHash, mobile, mobileVerified: true })
    .limit(2)
    .get();
  // Two verified profiles with one ID number and mobile cannot both be the person: link neither.
  return res.data.length === 1 ? res.data[0].openid : null;
}

export const fileOffline: Handler<Defs['fileOffline']> = async ({ input, ctx }) => {
  const staff = ctx.staff;
  const { clientToken: _token, ...form } = input.form;
  if (form.procuratorateId !== staff.procuratorateId) {
    const message = '只能登记本院收到的信访';
    throw new Failure('BAD_REQUEST', message, [{ path: 'form.procuratorateId', message }]);
  }
  const id = petitionIdFor('offline', staff._id, input.form.clientToken);
  const filed = await loadPetition(id);
  if (filed) return viewFor(staff, filed, ctx.now);

  const procuratorate = await getProcuratorate(staff.procuratorateId);
  if (!procuratorate) throw new Failure('NOT_FOUND', '本院信息不存在，请联系管理员');
  await vetFiles(form.attachments, 'form.attachments', ctx.openid);
  const idHash = idNumberHash(input.petitioner.idNumber);
  const summary = profileSummary(input.petitioner);
  const departmentId = await routeFor(form.kind, procuratorate._id);
  const owner = await verifiedOwner(idHash, input.petitioner.mobile);
  // A letter or a visit is matched against the person's other petitions like an online one.
  const print = printOfForm(form, idHash);
  const suggest = await suggestionsFor(form, idHash, id, []);

  const cal = await loadCalendar();
  let outboxIds: string[] = [];
  const doc = await withRetries(() =>
    db.runTransaction(async (t) => {
      const raced = (await t.collection<PetitionDoc>(PETITIONS).doc(id).get()).data;
      if (raced) return raced;
      const out = await fileIn(
        t,
        {
          id,
          procuratorate,
          departmentId,
          kind: form.kind,
          channel: input.channel,
          petitionerOpenid: owner,
          attachments: form.attachments,
          by: staffActor(staff),
          form,
          petitioner: { ...summary, idHash },
          // Transcribed by staff, not published by the petitioner: nothing for msgSecCheck.
          contentFlag: 'pass',
          notifyReceived: owner !== null,
          print,
          suggest,
        },
        ctx,
        cal,
      );
      outboxIds = out.outboxIds;
      return out.doc;
    }),
  );
  for (const outboxId of outboxIds) await dispatchOne(outboxId, ctx.now);
  return viewFor(staff, doc, ctx.now);
};

/**
 * Links to `openid` the offline petitions of the person its profile proves to be (same ID number,
 * WeChat-verified mobile equal to the contact on record) that nobody is linked to yet. Each is
 * claimed in a transaction that bumps its version, so a staff action racing it answers CONFLICT
 * instead of writing the old owner back; the claim is audited.
 */
export async function claimOffline(openid: string, now: Date): Promise<number> {
  const profile = (await db.collection<ProfileDoc>('profiles').doc(openid).get()).data;
  if (!profile?.mobileVerified) return 0;
  if ((await verifiedOwner(profile.idHash, profile.mobile)) !== openid) return 0;
  const found = await db
    .collection<PetitionDoc>(PETITIONS)
    .where({
      'petitioner.idHash': profile.idHash,
      petitionerOpenid: null,
      'form.contact': profile.mobile,
    })
    .limit(100)
    .get();
  let claimed = 0;
  for (const candidate of found.data) {
    const done = await withRetries(() =>
      db.runTransaction(async (t) => {
        const doc = (await t.collection<PetitionDoc>(PETITIONS).doc(candidate._id).get()).data;
        if (!doc || doc.petitionerOpenid !== null) return false;
        const { _id, ...data } = doc;
        await t
          .collection(PETITIONS)
          .doc(_id)
          .set({ data: { ...data, petitionerOpenid: openid, version: doc.version + 1 } });
        await appendAudit(
          t,
          auditEntry(
            'petition',
            _id,
            'claim',
            { openid, staff: null, now },
            {
              receiptNumber: doc.receiptNumber,
              why: '实名信息与登记的信访人一致（身份证号码及微信验证的手机号码）',
            },
          ),
        );
        return true;
      }),
    );
    if (done) claimed++;
  }
  return claimed;
}
