// Invitations and memberships: an administrator issues a one-time code for a named person and role
// (stored only as its keyed hash, the document id derived from it, so redeeming reads one document
// in a transaction); redeeming binds the caller's OPENID as that deputy, member or supervisor;
// revoking a redeemed invitation ends the membership too. Every change is audited.
import { randomInt } from 'node:crypto';
import {
  INVITATION_CODE_ALPHABET,
  INVITATION_CODE_LENGTH,
  KIND_OF_ROLE,
  type InvitationStatus,
  type InvitationView,
  type LiaisonRole,
  type MemberView,
  type liaison,
} from '../../typings/liaison';
import type { Page } from '../../typings/fields';
import type { Handler, Handlers } from '../_shared/action';
import { appendAudit, auditEntry } from '../_shared/audit';
import { _, db } from '../_shared/cloud';
import { secretHash } from '../_shared/crypto';
import { Failure, notFound } from '../_shared/failure';
import { staffNames, unitName, unitNames } from '../_shared/inbox';
import { normaliseName } from '../_shared/interests';
import { rateLimit } from '../_shared/rate-limit';
import { withRetries } from '../_shared/transaction';

export const INVITATIONS = 'liaison_invitations';
export const MEMBERS = 'liaison_members';

export interface InvitationDoc {
  _id: string;
  procuratorateId: string;
  name: string;
  role: LiaisonRole;
  issuedAt: Date;
  issuedBy: string;
  expiresAt: Date;
  status: 'pending' | 'redeemed' | 'revoked';
  redeemedAt: Date | null;
  /** The member document it created. */
  memberId: string | null;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

export interface MemberDoc {
  _id: string;
  openid: string;
  name: string;
  role: LiaisonRole;
  procuratorateId: string;
  invitationId: string;
  boundAt: Date;
  active: boolean;
  endedAt: Date | null;
}

type Defs = typeof liaison;
const invitations = () => db.collection<InvitationDoc>(INVITATIONS);
const members = () => db.collection<MemberDoc>(MEMBERS);

const DAY_MS = 24 * 3600_000;

function newCode(): string {
  let code = '';
  for (let i = 0; i < INVITATION_CODE_LENGTH; i++) {
    code += INVITATION_CODE_ALPHABET[randomInt(INVITATION_CODE_ALPHABET.length)];
  }
  return code;
}

/** The invitation's document id: from the code's keyed hash, so the code is its only key. */
const invitationId = (code: string) => 'iv' + secretHash('invitation', code).slice(0, 30);
/** One membership per WeChat identity. */
export const memberId = (openid: string) => 'mb' + secretHash('member', openid).slice(0, 30);

function statusOf(doc: InvitationDoc, now: Date): InvitationStatus {
  if (doc.status === 'pending' && doc.expiresAt.getTime() < now.getTime()) return 'expired';
  return doc.status;
}

async function views(docs: InvitationDoc[], now: Date): Promise<InvitationView[]> {
  const [names, units] = await Promise.all([
    staffNames(docs.map((d) => d.issuedBy)),
    unitNames(docs.map((d) => d.procuratorateId)),
  ]);
  return docs.map((d) => ({
    id: d._id,
    name: d.name,
    role: d.role,
    procuratorateName: units.get(d.procuratorateId) ?? '',
    status: statusOf(d, now),
    issuedAt: d.issuedAt.toISOString(),
    issuedByName: names.get(d.issuedBy) ?? '',
    expiresAt: d.expiresAt.toISOString(),
    redeemedAt: d.redeemedAt ? d.redeemedAt.toISOString() : null,
    revokedAt: d.revokedAt ? d.revokedAt.toISOString() : null,
    revokeReason: d.revokeReason,
  }));
}

export async function memberView(doc: MemberDoc): Promise<MemberView> {
  return {
    role: doc.role,
    name: doc.name,
    procuratorateId: doc.procuratorateId,
    procuratorateName: await unitName(doc.procuratorateId),
    boundAt: doc.boundAt.toISOString(),
    kind: KIND_OF_ROLE[doc.role],
  };
}

/** The caller's active membership, or null. */
export async function activeMember(openid: string): Promise<MemberDoc | null> {
  const doc = (await members().doc(memberId(openid)).get()).data;
  return doc && doc.active ? doc : null;
}

const issue: Handler<Defs['invitation.issue']> = async ({ input, ctx }) => {
  // A fresh code whose id is free (a collision is astronomically rare; the add would refuse it).
  const code = newCode();
  const doc: InvitationDoc = {
    _id: invitationId(code),
    procuratorateId: ctx.staff.procuratorateId,
    name: input.name,
    role: input.role,
    issuedAt: ctx.now,
    issuedBy: ctx.staff._id,
    expiresAt: new Date(ctx.now.getTime() + input.validDays * DAY_MS),
    status: 'pending',
    redeemedAt: null,
    memberId: null,
    revokedAt: null,
    revokedBy: null,
    revokeReason: null,
  };
  await db.runTransaction(async (t) => {
    await t.collection(INVITATIONS).add({ data: doc });
    await appendAudit(
      t,
      auditEntry('invitation', doc._id, 'issue', ctx, { role: doc.role, name: doc.name }),
    );
  });
  return { invitation: (await views([doc], ctx.now))[0], code };
};

const list: Handler<Defs['invitation.list']> = async ({ input, ctx }) => {
  const procuratorateId = ctx.staff.procuratorateId;
  let where: Record<string, unknown> = { procuratorateId };
  if (input.status === 'expired') {
    where = { procuratorateId, status: 'pending', expiresAt: _.lt(ctx.now) };
  } else if (input.status === 'pending') {
    where = { procuratorateId, status: 'pending', expiresAt: _.gte(ctx.now) };
  } else if (input.status) {
    where = { procuratorateId, status: input.status };
  }
  const [res, count] = await Promise.all([
    invitations()
      .where(where)
      .orderBy('issuedAt', 'desc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
    invitations().where(where).count(),
  ]);
  const page: Page<InvitationView> = {
    items: await views(res.data, ctx.now),
    total: count.total,
    page: input.page,
    pageSize: input.pageSize,
  };
  return page;
};

const revoke: Handler<Defs['invitation.revoke']> = async ({ input, ctx }) => {
  const before = (await invitations().doc(input.id).get()).data;
  if (!before || before.procuratorateId !== ctx.staff.procuratorateId) throw notFound('邀请');
  await withRetries(() =>
    db.runTransaction(async (t) => {
      const current = (await t.collection<InvitationDoc>(INVITATIONS).doc(input.id).get()).data;
      if (!current) throw notFound('邀请');
      if (current.status === 'revoked') {
        throw new Failure('PRECONDITION_FAILED', '该邀请已撤销');
      }
      await t
        .collection(INVITATIONS)
        .doc(input.id)
        .update({
          data: {
            status: 'revoked',
            revokedAt: ctx.now,
            revokedBy: ctx.staff._id,
            revokeReason: input.reason,
          },
        });
      if (current.memberId) {
        await t
          .collection(MEMBERS)
          .doc(current.memberId)
          .update({ data: { active: false, endedAt: ctx.now } });
      }
      await appendAudit(
        t,
        auditEntry('invitation', input.id, 'revoke', ctx, {
          reason: input.reason,
          unbound: !!current.memberId,
        }),
      );
    }),
  );
  const after = (await invitations().doc(input.id).get()).data as InvitationDoc;
  return (await views([after], ctx.now))[0];
};

const INVALID = '邀请码无效、已使用或已过期，请核对后重新输入，或联系发出邀请的检察院';

const redeem: Handler<Defs['invitation.redeem']> = async ({ input, ctx }) => {
  if (ctx.staff) {
    throw new Failure('FORBIDDEN', '检察院工作人员不能绑定代表委员或人民监督员身份');
  }
  // Codes can be guessed only a few at a time.
  await rateLimit('invitation-redeem', ctx.openid, 5, ctx.now);
  const id = invitationId(input.code);
  const mid = memberId(ctx.openid);
  const member: MemberDoc = await withRetries(() =>
    db.runTransaction(async (t) => {
      const inv = (await t.collection<InvitationDoc>(INVITATIONS).doc(id).get()).data;
      // A double tap, or a retry after a lost answer: this person redeemed it already.
      const bound = (await t.collection<MemberDoc>(MEMBERS).doc(mid).get()).data;
      if (inv?.status === 'redeemed' && inv.memberId === mid && bound?.active) {
        if (normaliseName(inv.name) === normaliseName(input.name)) return bound;
      }
      if (!inv || inv.status !== 'pending' || inv.expiresAt.getTime() < ctx.now.getTime()) {
        throw new Failure('BAD_REQUEST', INVALID, [{ path: 'code', message: INVALID }]);
      }
      if (normaliseName(inv.name) !== normaliseName(input.name)) {
        const message = '姓名与邀请登记的姓名不一致，请填写您的真实姓名';
        throw new Failure('BAD_REQUEST', message, [{ path: 'name', message }]);
      }
      if (bound?.active) {
        throw new Failure(
          'CONFLICT',
          `您已绑定${bound.name}的身份，如需变更请联系检察院撤销原邀请后重新绑定`,
        );
      }
      const doc: MemberDoc = {
        _id: mid,
        openid: ctx.openid,
        name: inv.name,
        role: inv.role,
        procuratorateId: inv.procuratorateId,
        invitationId: inv._id,
        boundAt: ctx.now,
        active: true,
        endedAt: null,
      };
      // A former (revoked) membership of this identity is replaced by the new one.
      const { _id, ...data } = doc;
      await t.collection(MEMBERS).doc(_id).set({ data });
      await t
        .collection(INVITATIONS)
        .doc(id)
        .update({ data: { status: 'redeemed', redeemedAt: ctx.now, memberId: mid } });
      await appendAudit(t, auditEntry('invitation', id, 'redeem', ctx, { memberId: mid }));
      return doc;
    }),
  );
  return memberView(member);
};

const me: Handler<Defs['member.me']> = async ({ ctx }) => {
  const doc = await activeMember(ctx.openid);
  return { member: doc ? await memberView(doc) : null };
};

export const invitationHandlers: Pick<
  Handlers<Defs>,
  'invitation.issue' | 'invitation.list' | 'invitation.revoke' | 'invitation.redeem' | 'member.me'
> = {
  'invitation.issue': issue,
  'invitation.list': list,
  'invitation.revoke': revoke,
  'invitation.redeem': redeem,
  'member.me': me,
};
