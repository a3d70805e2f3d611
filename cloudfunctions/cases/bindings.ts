// Who may query a case: lawyers' verification (lawyer.verify / lawyer.get / lawyer.review) and
// bindings of people to cases (binding.request / binding.mine / binding.review), reviewed by the
// case-management staff of the case's procuratorate from their inbox (review.inbox).
//
// - A citizen binds as party, legal representative or close relative with a real-name profile
//   (a party: the profile's name is the party's); a lawyer binds as defender or agent once
//   verified (approved by any procuratorate: the verification is of the person as a lawyer).
// - Whether the party named is one of the case's parties is checked by the reviewer (the staff
//   view lists the parties; approving a name that is not one is refused), never at the request,
//   so a requester learns nothing of the parties by trying names.
// - One pending or approved binding per person and case: the binding's id is made from the OPENID,
//   the case and the number of earlier (refused) requests, so two requests racing each other
//   write the same document and the second is refused.
// - Requester snapshots keep the name and the masked ID number, never the number in clear.
import { createHash } from 'node:crypto';
import { maskIdNumber } from '../../domain/identity';
import { looksLikeCaseNumber } from '../../domain/cases/record';
import { normaliseCaseNumber } from '../../domain/cases/case-number';
import {
  LAWYER_BINDING_ROLES,
  type BindingStaffView,
  type cases as casesContract,
  type LawyerStaffView,
} from '../../typings/cases';
import type { Handler, Handlers, StaffCtx } from '../_shared/action';
import { appendAudit, auditEntry } from '../_shared/audit';
import { _, db } from '../_shared/cloud';
import { openIdNumber } from '../_shared/crypto';
import { Failure } from '../_shared/failure';
import { tempUrls, vetFiles } from '../_shared/files';
import { getProcuratorate } from '../_shared/org';
import { dispatchOne } from '../_shared/outbox';
import { withRetries } from '../_shared/transaction';
import type { ProfileDoc } from '../account/profile';
import { CASE_NOT_FOUND, casesById, loadCase, procuratorateNames } from './access';
import { caseByNumber } from './cases';
import { PAGES, reviewNote } from './notify';
import {
  BINDINGS,
  LAWYERS,
  bindings,
  lawyers,
  type BindingDoc,
  type CaseDoc,
  type LawyerDoc,
} from './store';
import { bindingStaffView, bindingView, lawyerStaffView, lawyerView } from './views';

type Defs = Pick<
  typeof casesContract,
  | 'lawyer.verify'
  | 'lawyer.get'
  | 'lawyer.review'
  | 'binding.request'
  | 'binding.mine'
  | 'binding.review'
  | 'review.inbox'
>;

const LINK_SECONDS = 7200;
const REVIEW_CONFLICT = '该申请已被他人处理，请刷新后查看';
/** Roles whose party must be the suspect or defendant (a defender defends one of them). */
const DEFENDED_ROLES = ['suspect', 'defendant'];

function badRequest(path: string, message: string): Failure {
  return new Failure('BAD_REQUEST', message, [{ path, message }]);
}

function precondition(message: string): Failure {
  return new Failure('PRECONDITION_FAILED', message);
}

async function profileOf(openid: string): Promise<ProfileDoc | null> {
  return (await db.collection<ProfileDoc>('profiles').doc(openid).get()).data;
}

function maskedIdOf(profile: ProfileDoc): string {
  return maskIdNumber(openIdNumber(profile.idCipher, profile.openid));
}

function bindingIdFor(openid: string, caseId: string, earlier: number): string {
  const key = `${openid}\n${caseId}\n${earlier}`;
  return 'bd' + createHash('sha256').update(key).digest('hex').slice(0, 30);
}

// ---------------------------------------------------------------------------------------------
// Lawyers

const verify: Handler<Defs['lawyer.verify']> = async ({ input, ctx }) => {
  const unit = await getProcuratorate(input.procuratorateId);
  if (!unit) throw badRequest('procuratorateId', '所选检察院不存在，请重新选择');
  const refuseAgain = (doc: LawyerDoc | null) => {
    if (doc?.status === 'pending') return precondition('您的律师身份核验正在审核中，请耐心等待');
    if (doc?.status === 'approved') return precondition('您已通过律师身份核验，无需再次提交');
    return null;
  };
  const current = (await lawyers().doc(ctx.openid).get()).data;
  const early = refuseAgain(current);
  if (early) throw early;
  try {
    await vetFiles([input.certificateImage], 'certificateImage', ctx.openid);
  } catch (e) {
    if (e instanceof Failure && e.issues) {
      throw badRequest('certificateImage', e.issues[0].message.replace('附件', '执业证照片'));
    }
    throw e;
  }
  // A certificate number someone else is being checked or was approved for is not taken again.
  const claimed = await lawyers()
    .where({ certificateNumber: input.certificateNumber, status: _.in(['pending', 'approved']) })
    .limit(2)
    .get();
  if (claimed.data.some((d) => d.openid !== ctx.openid)) {
    throw precondition('该执业证号已由其他微信账号提交核验，如有疑问请联系检察院案件管理部门');
  }

  let saved: LawyerDoc | null = null;
  const failure = await withRetries(() =>
    db.runTransaction(async (t) => {
      const now = (await t.collection<LawyerDoc>(LAWYERS).doc(ctx.openid).get()).data;
      const refusal = refuseAgain(now);
      if (refusal) return refusal;
      const doc: LawyerDoc = {
        _id: ctx.openid,
        openid: ctx.openid,
        name: input.name,
        certificateNumber: input.certificateNumber,
        firm: input.firm,
        certificateImage: input.certificateImage,
        procuratorateId: unit._id,
        status: 'pending',
        reason: null,
        submittedAt: ctx.now,
        reviewedAt: null,
        reviewedBy: null,
        version: (now?.version ?? 0) + 1,
      };
      const { _id, ...data } = doc;
      await t.collection(LAWYERS).doc(_id).set({ data });
      await appendAudit(
        t,
        auditEntry('lawyer', _id, now ? 'resubmit' : 'submit', ctx, {
          procuratorateId: unit._id,
        }),
      );
      saved = doc;
      return null;
    }),
  );
  if (failure) throw failure;
  return lawyerView(saved as unknown as LawyerDoc);
};

const lawyerGet: Handler<Defs['lawyer.get']> = async ({ ctx }) => {
  const doc = (await lawyers().doc(ctx.openid).get()).data;
  return { lawyer: doc ? lawyerView(doc) : null };
};

async function lawyerStaff(doc: LawyerDoc): Promise<LawyerStaffView> {
  const [url] = await tempUrls([doc.certificateImage], LINK_SECONDS);
  return lawyerStaffView(doc, url);
}

/** What a review changes on a lawyer's verification or a binding request. */
interface Reviewable {
  _id: string;
  openid: string;
  status: string;
  reason: string | null;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  version: number;
}

/**
 * Decides a pending request: in one transaction (version-checked, retried on a conflict) the
 * reviewed record replaces it, the decision is audited and the requester's message written; the
 * message is sent after. CONFLICT when someone decided it first. Answers the reviewed record.
 */
async function decide<D extends Reviewable>(args: {
  collection: string;
  entity: 'lawyer' | 'binding';
  before: D;
  approve: boolean;
  reason: string | null | undefined;
  ctx: StaffCtx;
  detail: (after: D) => Record<string, unknown>;
  what: string;
  requestedAt: Date;
  page: string;
}): Promise<D> {
  const { before, ctx } = args;
  const after: D = {
    ...before,
    status: args.approve ? 'approved' : 'refused',
    reason: args.approve ? null : (args.reason ?? null),
    reviewedAt: ctx.now,
    reviewedBy: ctx.staff._id,
    version: before.version + 1,
  };
  const note = reviewNote({
    entity: args.entity,
    id: after._id,
    version: after.version,
    touser: after.openid,
    what: args.what,
    approved: args.approve,
    reason: after.reason,
    requestedAt: args.requestedAt,
    page: args.page,
    now: ctx.now,
  });
  const ok = await withRetries(() =>
    db.runTransaction(async (t) => {
      const current = (await t.collection<D>(args.collection).doc(before._id).get()).data;
      if (!current || current.version !== before.version || current.status !== 'pending') {
        return false;
      }
      const { _id, ...data } = after;
      await t.collection(args.collection).doc(_id).set({ data });
      await appendAudit(
        t,
        auditEntry(args.entity, _id, args.approve ? 'approve' : 'refuse', ctx, args.detail(after)),
      );
      await t.collection('outbox').add({ data: note });
      return true;
    }),
  );
  if (!ok) throw new Failure('CONFLICT', REVIEW_CONFLICT);
  await dispatchOne(note._id, ctx.now);
  return after;
}

const lawyerReview: Handler<Defs['lawyer.review']> = async ({ input, ctx }) => {
  const before = (await lawyers().doc(input.id).get()).data;
  if (!before || before.procuratorateId !== ctx.staff.procuratorateId) {
    throw new Failure('NOT_FOUND', '未找到该律师身份核验申请');
  }
  if (before.status !== 'pending') throw new Failure('CONFLICT', REVIEW_CONFLICT);
  const after = await decide<LawyerDoc>({
    collection: LAWYERS,
    entity: 'lawyer',
    before,
    approve: input.approve,
    reason: input.reason,
    ctx,
    detail: (a) => ({ reason: a.reason }),
    what: '律师执业身份核验',
    requestedAt: before.submittedAt,
    page: PAGES.lawyer,
  });
  return lawyerStaff(after);
};

// ---------------------------------------------------------------------------------------------
// Bindings

const request: Handler<Defs['binding.request']> = async ({ input, ctx }) => {
  const asLawyer = LAWYER_BINDING_ROLES.includes(input.role);
  let requester: BindingDoc['requester'];
  const profile = await profileOf(ctx.openid);
  if (asLawyer) {
    const lawyer = (await lawyers().doc(ctx.openid).get()).data;
    if (lawyer?.status !== 'approved') {
      throw precondition('以辩护人或诉讼代理人身份申请，请先通过律师执业身份核验');
    }
    requester = {
      name: lawyer.name,
      idNumberMasked: profile ? maskedIdOf(profile) : null,
      lawyer: true,
    };
  } else {
    if (!profile) throw precondition('请先填写实名信息');
    if (input.role === 'party' && profile.name !== input.partyName) {
      throw badRequest('partyName', '以当事人本人身份申请的，当事人姓名应与实名信息中的姓名一致');
    }
    requester = { name: profile.name, idNumberMasked: maskedIdOf(profile), lawyer: false };
  }

  if (!looksLikeCaseNumber(input.caseNumber)) {
    throw badRequest('caseNumber', '案件编号格式不正确，应如“京检刑诉受〔2023〕110105000001号”');
  }
  const caseNumber = normaliseCaseNumber(input.caseNumber);
  const found = caseNumber ? await caseByNumber(caseNumber) : null;
  if (!found) throw new Failure('NOT_FOUND', CASE_NOT_FOUND);
  await vetFiles(input.proofs, 'proofs', ctx.openid);

  const earlier = await bindings()
    .where({ openid: ctx.openid, caseId: found._id })
    .limit(100)
    .get();
  const open = (list: BindingDoc[]) => list.find((b) => b.status !== 'refused');
  const alreadyMessage = (b: BindingDoc) =>
    b.status === 'approved' ? '您已绑定该案件' : '您已申请绑定该案件，请等待审核';
  const existing = open(earlier.data);
  if (existing) throw precondition(alreadyMessage(existing));

  const doc: BindingDoc = {
    _id: bindingIdFor(ctx.openid, found._id, earlier.data.length),
    openid: ctx.openid,
    caseId: found._id,
    caseNumber: found.caseNumber,
    procuratorateId: found.procuratorateId,
    role: input.role,
    partyName: input.partyName,
    proofs: input.proofs,
    note: input.note ?? null,
    requester,
    status: 'pending',
    reason: null,
    requestedAt: ctx.now,
    reviewedAt: null,
    reviewedBy: null,
    version: 1,
  };
  const written = await withRetries(() =>
    db.runTransaction(async (t) => {
      const raced = (await t.collection<BindingDoc>(BINDINGS).doc(doc._id).get()).data;
      if (raced) return raced;
      const { _id, ...data } = doc;
      await t.collection(BINDINGS).doc(_id).set({ data });
      await appendAudit(
        t,
        auditEntry('binding', _id, 'request', ctx, {
          caseId: found._id,
          role: input.role,
        }),
      );
      return null;
    }),
  );
  if (written) throw precondition(alreadyMessage(written));
  const names = await procuratorateNames([doc.procuratorateId]);
  return bindingView(doc, names.get(doc.procuratorateId) ?? '');
};

const mine: Handler<Defs['binding.mine']> = async ({ input, ctx }) => {
  const where = { openid: ctx.openid };
  const [page, count] = await Promise.all([
    bindings()
      .where(where)
      .orderBy('requestedAt', 'desc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
    bindings().where(where).count(),
  ]);
  const names = await procuratorateNames(page.data.map((b) => b.procuratorateId));
  return {
    items: page.data.map((b) => bindingView(b, names.get(b.procuratorateId) ?? '')),
    total: count.total,
    page: input.page,
    pageSize: input.pageSize,
  };
};

/** Staff views of bindings: the case's parties, the lawyer's verification, links to the proofs. */
async function bindingStaffViews(
  docs: BindingDoc[],
  casesKnown?: Map<string, CaseDoc>,
): Promise<BindingStaffView[]> {
  const byId = casesKnown ?? (await casesById(docs.map((d) => d.caseId)));
  const lawyerIds = [...new Set(docs.filter((d) => d.requester.lawyer).map((d) => d.openid))];
  const lawyerDocs =
    lawyerIds.length === 0
      ? []
      : (
          await lawyers()
            .where({ _id: _.in(lawyerIds) })
            .limit(100)
            .get()
        ).data;
  const lawyerById = new Map(lawyerDocs.map((l) => [l._id, l]));
  const urls = await tempUrls(
    docs.flatMap((d) => d.proofs),
    LINK_SECONDS,
  );
  const names = await procuratorateNames(docs.map((d) => d.procuratorateId));
  let at = 0;
  return docs.map((d) => {
    const proofUrls = urls.slice(at, at + d.proofs.length);
    at += d.proofs.length;
    return bindingStaffView(
      d,
      names.get(d.procuratorateId) ?? '',
      byId.get(d.caseId) ?? null,
      lawyerById.get(d.openid) ?? null,
      proofUrls,
    );
  });
}

/** Why approving this binding is wrong, if it is: the party named must be one of the case's. */
function approvalProblem(doc: BindingDoc, caseDoc: CaseDoc | null): string | null {
  const party = caseDoc?.parties.find((p) => p.name === doc.partyName);
  if (!party) return `申请中的当事人“${doc.partyName}”不是本案当事人，请不予通过并说明理由`;
  if (doc.role === 'defender' && !DEFENDED_ROLES.includes(party.role)) {
    return `“${doc.partyName}”不是本案的犯罪嫌疑人或被告人，不能为其担任辩护人`;
  }
  return null;
}

const review: Handler<Defs['binding.review']> = async ({ input, ctx }) => {
  const before = (await bindings().doc(input.id).get()).data;
  if (!before || before.procuratorateId !== ctx.staff.procuratorateId) {
    throw new Failure('NOT_FOUND', '未找到该绑定申请');
  }
  if (before.status !== 'pending') throw new Failure('CONFLICT', REVIEW_CONFLICT);
  const caseDoc = await loadCase(before.caseId);
  if (input.approve) {
    const problem = approvalProblem(before, caseDoc);
    if (problem) throw badRequest('approve', problem);
  }
  const after = await decide<BindingDoc>({
    collection: BINDINGS,
    entity: 'binding',
    before,
    approve: input.approve,
    reason: input.reason,
    ctx,
    detail: (a) => ({ caseId: a.caseId, reason: a.reason }),
    what: '案件查询绑定申请',
    requestedAt: before.requestedAt,
    page: PAGES.bindings,
  });
  const known = new Map<string, CaseDoc>(caseDoc ? [[caseDoc._id, caseDoc]] : []);
  return (await bindingStaffViews([after], known))[0];
};

/** Pending requests of the caller's procuratorate, oldest first (indexes in database/). */
async function inboxOf(
  ctx: StaffCtx,
  input: { kind: 'binding' | 'lawyer'; page: number; pageSize: number },
) {
  const where = { procuratorateId: ctx.staff.procuratorateId, status: 'pending' };
  const skip = (input.page - 1) * input.pageSize;
  if (input.kind === 'lawyer') {
    const [page, count] = await Promise.all([
      lawyers().where(where).orderBy('submittedAt', 'asc').skip(skip).limit(input.pageSize).get(),
      lawyers().where(where).count(),
    ]);
    const urls = await tempUrls(
      page.data.map((l) => l.certificateImage),
      LINK_SECONDS,
    );
    return {
      items: page.data.map((l, i) => lawyerStaffView(l, urls[i])),
      total: count.total,
    };
  }
  const [page, count] = await Promise.all([
    bindings().where(where).orderBy('requestedAt', 'asc').skip(skip).limit(input.pageSize).get(),
    bindings().where(where).count(),
  ]);
  return { items: await bindingStaffViews(page.data), total: count.total };
}

const inbox: Handler<Defs['review.inbox']> = async ({ input, ctx }) => {
  const { items, total } = await inboxOf(ctx, input);
  return { items, total, page: input.page, pageSize: input.pageSize };
};

export const bindingHandlers: Handlers<Defs> = {
  'lawyer.verify': verify,
  'lawyer.get': lawyerGet,
  'lawyer.review': lawyerReview,
  'binding.request': request,
  'binding.mine': mine,
  'binding.review': review,
  'review.inbox': inbox,
};
