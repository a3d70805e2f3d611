// Staff declare their interests (利益申报): relatives and associates by name and, when known, ID
// number (kept as a keyed hash and a mask), and organisations. Assignment and recusal decisions
// check petitions against them (cloudfunctions/_shared/interests.ts).
import { maskIdNumber } from '../../domain/identity';
import {
  INTEREST_RELATION_NAMES,
  type StaffInterestsView,
  type interests,
} from '../../typings/account';
import type { Handlers } from '../_shared/action';
import { appendAudit, auditEntry } from '../_shared/audit';
import { db } from '../_shared/cloud';
import { idNumberHash } from '../_shared/crypto';
import { Failure } from '../_shared/failure';
import {
  normaliseName,
  STAFF_INTERESTS,
  type DeclaredRelative,
  type StaffInterestsDoc,
} from '../_shared/interests';
import { withRetries } from '../_shared/transaction';

function view(doc: StaffInterestsDoc | null): StaffInterestsView {
  return {
    relatives: (doc?.relatives ?? []).map((r) => ({
      name: r.name,
      relation: r.relation,
      relationName: INTEREST_RELATION_NAMES[r.relation],
      idNumberMasked: r.idNumberMasked,
    })),
    organisations: doc?.organisations ?? [],
    updatedAt: doc ? doc.updatedAt.toISOString() : null,
  };
}

type Defs = typeof interests;

export const interestsHandlers: Handlers<Defs> = {
  async 'interests.get'({ ctx }) {
    if (!ctx.staff) throw new Failure('FORBIDDEN', '只有检察院工作人员可以申报利益关系');
    const id = ctx.staff._id;
    return view((await db.collection<StaffInterestsDoc>(STAFF_INTERESTS).doc(id).get()).data);
  },

  async 'interests.save'({ input, ctx }) {
    const staff = ctx.staff;
    if (!staff) throw new Failure('FORBIDDEN', '只有检察院工作人员可以申报利益关系');
    const col = () => db.collection<StaffInterestsDoc>(STAFF_INTERESTS);
    const before = (await col().doc(staff._id).get()).data;
    const key = (r: { name: string; relation: string }) =>
      `${normaliseName(r.name)}\n${r.relation}`;
    const kept = new Map((before?.relatives ?? []).map((r) => [key(r), r]));
    const seen = new Set<string>();
    const relatives: DeclaredRelative[] = [];
    input.relatives.forEach((r, i) => {
      if (seen.has(key(r))) {
        const message = `第${i + 1}位亲属或利害关系人重复填写`;
        throw new Failure('BAD_REQUEST', message, [{ path: `relatives.${i}.name`, message }]);
      }
      seen.add(key(r));
      const old = kept.get(key(r));
      relatives.push({
        name: r.name,
        relation: r.relation,
        idHash: r.idNumber ? idNumberHash(r.idNumber) : (old?.idHash ?? null),
        idNumberMasked: r.idNumber ? maskIdNumber(r.idNumber) : (old?.idNumberMasked ?? null),
      });
    });
    const organisations = [...new Set(input.organisations.map((o) => o.trim()))];
    const doc: StaffInterestsDoc = {
      _id: staff._id,
      procuratorateId: staff.procuratorateId,
      relatives,
      organisations,
      updatedAt: ctx.now,
    };
    const { _id, ...data } = doc;
    await withRetries(() =>
      db.runTransaction(async (t) => {
        await t.collection(STAFF_INTERESTS).doc(_id).set({ data });
        // How many, never who: the audit log is no place for personal data.
        await appendAudit(
          t,
          auditEntry('staff_interests', _id, before ? 'update' : 'create', ctx, {
            relatives: relatives.length,
            organisations: organisations.length,
          }),
        );
      }),
    );
    return view(doc);
  },
};
