// Deputies' and members' opinions and suggestions, and people's supervisors' case supervision
// complaints: one collection (`liaison_items`, `kind` tells them apart) and one workflow —
// submitted (待分办) → assigned to a handler (办理中) → replied online or recorded offline (已答复).
// The reply is due 3 months from receipt, 6 for an opinion a leader marks complex, counted by the
// petition deadlines' engine and calendar and shown the same way.
import { createHash } from 'node:crypto';
import { normaliseCaseNumber } from '../../domain/cases/case-number';
import { dayOf, endOfDay } from '../../domain/deadlines/calendar';
import { dueAfter, standing, type Span } from '../../domain/deadlines/engine';
import type { WorkCalendar } from '../../domain/deadlines/calendar';
import { formatMessageTime } from '../../domain/time';
import {
  KIND_OF_ROLE,
  LIAISON_KIND_NAMES,
  LIAISON_REPLY_METHOD_NAMES,
  LIAISON_STATUSES,
  SUPERVISION_MATTER_NAMES,
  type AssigneeView,
  type LiaisonDue,
  type LiaisonKind,
  type LiaisonListItem,
  type LiaisonReplyMethod,
  type LiaisonRole,
  type LiaisonStaffListItem,
  type LiaisonStaffView,
  type LiaisonStatus,
  type LiaisonView,
  type SupervisionMatter,
  type liaison,
} from '../../typings/liaison';
import type { Handler, Handlers, StaffCtx, UserCtx } from '../_shared/action';
import { auditEntry } from '../_shared/audit';
import { _, db } from '../_shared/cloud';
import { changeAndTell, fileOnce, type Notice } from '../_shared/change';
import { checkContent, type ContentFlag } from '../_shared/content';
import { Failure, notFound } from '../_shared/failure';
import { fileName, tempUrls, vetFiles } from '../_shared/files';
import { ownPage, staffNames, statusInbox, unitName } from '../_shared/inbox';
import { conflictOf, loadInterests } from '../_shared/interests';
import { getDepartment, getProcuratorate } from '../_shared/org';
import { noticeState } from '../_shared/outbox';
import { activeStaff, hasRole, type StaffDoc } from '../_shared/staff';
import { loadCalendar, RULES } from '../petition/due';
import { activeMember } from './invitations';

export const ITEMS = 'liaison_items';

/** 代表法 art. 51: 3 months, complex ones 6; a supervisor's complaint: 3 (docs/architecture.md). */
export const REPLY_SPANS: Record<'opinion' | 'complex' | 'complaint', Span> = {
  opinion: { amount: 3, unit: 'months' },
  complex: { amount: 6, unit: 'months' },
  complaint: { amount: 3, unit: 'months' },
};

export interface LiaisonDoc {
  _id: string;
  kind: LiaisonKind;
  openid: string;
  memberId: string;
  submitter: { name: string; role: LiaisonRole };
  procuratorateId: string;
  /** An opinion's topic; a complaint's normalised case number. */
  title: string;
  content: string;
  caseNumber: string | null;
  matter: SupervisionMatter | null;
  attachments: string[];
  notify: boolean;
  contentFlag: ContentFlag;
  status: LiaisonStatus;
  /** Received: the reply limit counts from here. */
  createdAt: Date;
  updatedAt: Date;
  handlerId: string | null;
  assignedAt: Date | null;
  complex: { reason: string; markedAt: Date; staffId: string } | null;
  reply: {
    method: LiaisonReplyMethod;
    content: string;
    repliedOn: string;
    recordedAt: Date;
    staffId: string;
  } | null;
  history: { at: Date; what: string; staffId: string | null }[];
  /**
   * The reply's due date while unanswered, null once replied: what the scheduler's sweep selects
   * by (views compute the due date afresh from the calendar).
   */
  dueAt: Date | null;
}

type Defs = typeof liaison;
const items = () => db.collection<LiaisonDoc>(ITEMS);

async function load(id: string): Promise<LiaisonDoc | null> {
  return (await items().doc(id).get()).data;
}

/** When the reply is due: 3 months from receipt, 6 for a complex opinion. */
export function replyDue(
  doc: Pick<LiaisonDoc, 'kind' | 'complex' | 'createdAt'>,
  cal: WorkCalendar,
): Date {
  const span =
    doc.kind === 'complaint'
      ? REPLY_SPANS.complaint
      : REPLY_SPANS[doc.complex ? 'complex' : 'opinion'];
  return dueAfter(doc.createdAt, span, cal, RULES);
}

export function dueOf(doc: LiaisonDoc, now: Date, cal: WorkCalendar): LiaisonDue {
  const due = replyDue(doc, cal);
  const metAt = doc.reply ? endOfDay(doc.reply.repliedOn) : null;
  return {
    due: due.toISOString(),
    state: standing(due, metAt, now, RULES),
    uncertain: !cal.covers(dayOf(due)),
  };
}

function listItem(doc: LiaisonDoc, unit: string, now: Date, cal: WorkCalendar): LiaisonListItem {
  return {
    id: doc._id,
    kind: doc.kind,
    title: doc.title,
    matter: doc.matter,
    procuratorateName: unit,
    status: doc.status,
    submittedAt: doc.createdAt.toISOString(),
    repliedAt: doc.reply ? doc.reply.recordedAt.toISOString() : null,
    complex: !!doc.complex,
    ...dueOf(doc, now, cal),
  };
}

async function view(doc: LiaisonDoc, unit: string, now: Date): Promise<LiaisonView> {
  const cal = await loadCalendar(now.getTime());
  const urls = doc.attachments.length ? await tempUrls(doc.attachments, 3600) : [];
  return {
    id: doc._id,
    kind: doc.kind,
    procuratorateId: doc.procuratorateId,
    procuratorateName: unit,
    title: doc.title,
    content: doc.content,
    caseNumber: doc.caseNumber,
    matter: doc.matter,
    attachments: doc.attachments.map((f, i) => ({ name: fileName(f), url: urls[i] ?? null })),
    status: doc.status,
    submittedAt: doc.createdAt.toISOString(),
    notify: doc.notify,
    complex: doc.complex
      ? { reason: doc.complex.reason, markedAt: doc.complex.markedAt.toISOString() }
      : null,
    reply: doc.reply
      ? {
          method: doc.reply.method,
          content: doc.reply.content,
          repliedOn: doc.reply.repliedOn,
          recordedAt: doc.reply.recordedAt.toISOString(),
          by: unit,
        }
      : null,
    ...dueOf(doc, now, cal),
  };
}

/** Staff records by `_id` (the handler's department is shown too). */
async function staffDocs(ids: (string | null)[]): Promise<Map<string, StaffDoc>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  const map = new Map<string, StaffDoc>();
  if (!wanted.length) return map;
  const res = await db
    .collection<StaffDoc>('staff')
    .where({ _id: _.in(wanted) })
    .limit(100)
    .get();
  for (const s of res.data) map.set(s._id, s);
  return map;
}

/** Staff of the procuratorate addressed who work on petitions' kind of matters see it. */
function handles(staff: StaffDoc | null, doc: LiaisonDoc): staff is StaffDoc {
  return (
    !!staff &&
    staff.procuratorateId === doc.procuratorateId &&
    hasRole(staff, 'registrar', 'handler', 'leader')
  );
}

function allowedFor(staff: StaffDoc, doc: LiaisonDoc): LiaisonStaffView['allowed'] {
  const open = doc.status !== 'replied';
  return {
    assign: open && hasRole(staff, 'registrar', 'leader'),
    markComplex: open && doc.kind === 'opinion' && !doc.complex && hasRole(staff, 'leader'),
    reply: doc.status === 'handling' && (doc.handlerId === staff._id || hasRole(staff, 'leader')),
  };
}

async function staffView(doc: LiaisonDoc, staff: StaffDoc, now: Date): Promise<LiaisonStaffView> {
  const unit = await unitName(doc.procuratorateId);
  const [base, people, sent] = await Promise.all([
    view(doc, unit, now),
    staffDocs([doc.handlerId, ...doc.history.map((h) => h.staffId)]),
    noticeState(doc.notify, { entity: 'liaison', id: doc._id }, doc.openid),
  ]);
  const handler = doc.handlerId ? people.get(doc.handlerId) : undefined;
  return {
    ...base,
    submitter: doc.submitter,
    handler: handler
      ? {
          id: handler._id,
          name: handler.name,
          departmentName: (await getDepartment(handler.departmentId))?.name ?? '',
        }
      : null,
    contentFlag: doc.contentFlag,
    notification: sent,
    history: doc.history.map((h) => ({
      at: h.at.toISOString(),
      what: h.what,
      byName: h.staffId ? (people.get(h.staffId)?.name ?? '') : doc.submitter.name,
    })),
    allowed: allowedFor(staff, doc),
  };
}

function idFor(openid: string, clientToken: string) {
  return 'lz' + createHash('sha256').update(`${openid}\n${clientToken}`).digest('hex').slice(0, 30);
}

/** The caller's membership, which must allow `kind`; anyone else is refused. */
async function memberFor(ctx: UserCtx, kind: LiaisonKind) {
  const member = await activeMember(ctx.openid);
  if (!member || KIND_OF_ROLE[member.role] !== kind) {
    throw new Failure(
      'FORBIDDEN',
      kind === 'opinion'
        ? '仅限已绑定身份的人大代表、政协委员提交意见建议，请先使用检察院发给您的邀请码绑定身份'
        : '仅限已绑定身份的人民监督员提交案件监督申诉，请先使用检察院发给您的邀请码绑定身份',
    );
  }
  return member;
}

async function requireUnit(procuratorateId: string) {
  if (!(await getProcuratorate(procuratorateId))) {
    throw new Failure('NOT_FOUND', '所选检察院不存在，请重新选择', [
      { path: 'procuratorateId', message: '所选检察院不存在，请重新选择' },
    ]);
  }
}

async function file(
  ctx: UserCtx,
  kind: LiaisonKind,
  clientToken: string,
  fields: Pick<
    LiaisonDoc,
    'procuratorateId' | 'title' | 'content' | 'caseNumber' | 'matter' | 'attachments' | 'notify'
  >,
): Promise<{ id: string; duplicate: boolean }> {
  const id = idFor(ctx.openid, clientToken);
  if (await load(id)) return { id, duplicate: true };
  const member = await memberFor(ctx, kind);
  await requireUnit(fields.procuratorateId);
  await vetFiles(fields.attachments, 'attachments', ctx.openid);
  const contentFlag = await checkContent(
    ctx.openid,
    `${fields.title}\n${fields.content}`,
    'content',
  );
  const doc: LiaisonDoc = {
    _id: id,
    kind,
    openid: ctx.openid,
    memberId: member._id,
    submitter: { name: member.name, role: member.role },
    ...fields,
    contentFlag,
    status: 'submitted',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    handlerId: null,
    assignedAt: null,
    complex: null,
    reply: null,
    history: [{ at: ctx.now, what: `提交${LIAISON_KIND_NAMES[kind]}`, staffId: null }],
    dueAt: replyDue(
      { kind, complex: null, createdAt: ctx.now },
      await loadCalendar(ctx.now.getTime()),
    ),
  };
  const filed = await fileOnce({
    collection: ITEMS,
    doc,
    audit: auditEntry('liaison', id, 'submit', ctx, { kind, contentFlag }),
  });
  if (filed) return { id, duplicate: true };
  return { id, duplicate: false };
}

const submitOpinion: Handler<Defs['opinion.submit']> = async ({ input, ctx }) =>
  file(ctx, 'opinion', input.clientToken, {
    procuratorateId: input.procuratorateId,
    title: input.title,
    content: input.content,
    caseNumber: null,
    matter: null,
    attachments: input.attachments,
    notify: input.notify,
  });

const submitComplaint: Handler<Defs['complaint.submit']> = async ({ input, ctx }) => {
  const caseNumber = normaliseCaseNumber(input.caseNumber);
  if (!caseNumber) {
    const message = '案件编号格式不正确，例如：京检刑诉受〔2023〕110000000001号';
    throw new Failure('BAD_REQUEST', message, [{ path: 'caseNumber', message }]);
  }
  // A case registered online must be the chosen procuratorate's; others are taken on trust.
  const known = await db
    .collection<{ procuratorateId: string }>('cases')
    .where({ caseNumber })
    .limit(1)
    .get();
  if (known.data[0] && known.data[0].procuratorateId !== input.procuratorateId) {
    const message = '该案件不由所选检察院办理，请核对案件编号或重新选择检察院';
    throw new Failure('BAD_REQUEST', message, [{ path: 'caseNumber', message }]);
  }
  return file(ctx, 'complaint', input.clientToken, {
    procuratorateId: input.procuratorateId,
    title: caseNumber,
    content: input.content,
    caseNumber,
    matter: input.matter,
    attachments: input.attachments,
    notify: input.notify,
  });
};

const mine: Handler<Defs['mine']> = async ({ input, ctx }) => {
  const cal = await loadCalendar(ctx.now.getTime());
  return ownPage({
    collection: ITEMS,
    where: { openid: ctx.openid },
    order: 'createdAt',
    input,
    item: (d: LiaisonDoc, unit: string) => listItem(d, unit, ctx.now, cal),
  });
};

const get: Handler<Defs['get']> = async ({ input, ctx }) => {
  const doc = await load(input.id);
  if (!doc) throw notFound('事项');
  if (handles(ctx.staff, doc)) return staffView(doc, ctx.staff, ctx.now);
  // Its submitter, even after their membership ended; nobody else learns it exists.
  if (doc.openid !== ctx.openid) throw notFound('事项');
  return view(doc, await unitName(doc.procuratorateId), ctx.now);
};

const inbox: Handler<Defs['inbox']> = async ({ input, ctx }) => {
  const cal = await loadCalendar(ctx.now.getTime());
  const page = await statusInbox({
    collection: ITEMS,
    procuratorateId: ctx.staff.procuratorateId,
    statuses: LIAISON_STATUSES,
    input,
    scope: input.kind ? { kind: input.kind } : undefined,
    item: (d: LiaisonDoc) => d,
  });
  const people = await staffNames(page.items.map((d) => d.handlerId));
  const unit = await unitName(ctx.staff.procuratorateId);
  return {
    ...page,
    items: page.items.map((d): LiaisonStaffListItem => ({
      ...listItem(d, unit, ctx.now, cal),
      submitterName: d.submitter.name,
      submitterRole: d.submitter.role,
      handlerName: d.handlerId ? (people.get(d.handlerId) ?? '') : null,
      contentFlag: d.contentFlag,
    })),
  };
};

/** The item, if the caller's procuratorate handles it. */
async function own(id: string, staff: StaffDoc): Promise<LiaisonDoc> {
  const doc = await load(id);
  if (!doc || !handles(staff, doc)) throw notFound('事项');
  return doc;
}

/** Why each candidate must not handle it: the submitter is a declared relative or associate. */
async function candidates(doc: LiaisonDoc): Promise<AssigneeView[]> {
  const staff = (await activeStaff({ procuratorateId: doc.procuratorateId })).filter((s) =>
    hasRole(s, 'handler', 'leader'),
  );
  const interests = await loadInterests(staff.map((s) => s._id));
  const out: AssigneeView[] = [];
  for (const s of staff) {
    out.push({
      id: s._id,
      name: s.name,
      departmentName: (await getDepartment(s.departmentId))?.name ?? '',
      conflict: conflictOf(
        s,
        interests.get(s._id),
        { petitioner: { name: doc.submitter.name, idHash: null }, others: [] },
        null,
      ),
    });
  }
  return out;
}

const assignees: Handler<Defs['assignees']> = async ({ input, ctx }) => ({
  assignees: await candidates(await own(input.id, ctx.staff)),
});

/** One change of an item in a transaction, with its audit entry and history line. */
function change(
  ctx: StaffCtx,
  id: string,
  action: 'assign' | 'markComplex' | 'reply',
  what: string,
  check: (current: LiaisonDoc) => void,
  patch: (current: LiaisonDoc) => Record<string, unknown>,
  notice?: (current: LiaisonDoc) => Notice,
): Promise<LiaisonDoc> {
  return changeAndTell<LiaisonDoc>({
    collection: ITEMS,
    id,
    ctx,
    entity: 'liaison',
    action,
    detail: { what },
    what: '事项',
    update: (current) => {
      check(current);
      return {
        ...patch(current),
        updatedAt: ctx.now,
        history: _.push({ at: ctx.now, what, staffId: ctx.staff._id }),
      };
    },
    notice,
  });
}

function notReplied(current: LiaisonDoc) {
  if (current.status === 'replied') {
    throw new Failure('PRECONDITION_FAILED', '该事项已答复，不能再更改');
  }
}

const assign: Handler<Defs['assign']> = async ({ input, ctx }) => {
  const doc = await own(input.id, ctx.staff);
  notReplied(doc);
  const chosen = (await candidates(doc)).find((c) => c.id === input.handlerId);
  if (!chosen) {
    const message = '请选择本院的承办人';
    throw new Failure('BAD_REQUEST', message, [{ path: 'handlerId', message }]);
  }
  if (chosen.conflict) {
    throw new Failure('CONFLICT', chosen.conflict, [
      { path: 'handlerId', message: chosen.conflict },
    ]);
  }
  const after = await change(
    ctx,
    input.id,
    'assign',
    `分办给${chosen.name}（${chosen.departmentName}）`,
    notReplied,
    () => ({ status: 'handling', handlerId: chosen.id, assignedAt: ctx.now }),
  );
  return staffView(after, ctx.staff, ctx.now);
};

const markComplex: Handler<Defs['markComplex']> = async ({ input, ctx }) => {
  const check = (current: LiaisonDoc) => {
    notReplied(current);
    if (current.kind !== 'opinion') {
      throw new Failure('PRECONDITION_FAILED', '只有代表委员的意见建议可以认定为复杂件');
    }
    if (current.complex) throw new Failure('PRECONDITION_FAILED', '该意见建议已认定为复杂件');
  };
  check(await own(input.id, ctx.staff));
  const cal = await loadCalendar(ctx.now.getTime());
  const after = await change(
    ctx,
    input.id,
    'markComplex',
    `认定为复杂件：${input.reason}`,
    check,
    (current) => {
      const complex = { reason: input.reason, markedAt: ctx.now, staffId: ctx.staff._id };
      return { complex, dueAt: replyDue({ ...current, complex }, cal) };
    },
  );
  return staffView(after, ctx.staff, ctx.now);
};

const reply: Handler<Defs['reply']> = async ({ input, ctx }) => {
  const doc = await own(input.id, ctx.staff);
  const today = dayOf(ctx.now);
  const repliedOn = input.method === 'online' ? today : (input.repliedOn as string);
  if (input.method === 'online' && input.repliedOn && input.repliedOn !== today) {
    const message = '网上答复的日期即为今天，无需填写';
    throw new Failure('BAD_REQUEST', message, [{ path: 'repliedOn', message }]);
  }
  if (repliedOn > today || repliedOn < dayOf(doc.createdAt)) {
    const message = '答复日期应在提交之日到今天之间';
    throw new Failure('BAD_REQUEST', message, [{ path: 'repliedOn', message }]);
  }
  const check = (current: LiaisonDoc) => {
    if (current.status === 'replied') {
      throw new Failure('PRECONDITION_FAILED', '该事项已答复，不能重复答复');
    }
    if (current.status !== 'handling') {
      throw new Failure('PRECONDITION_FAILED', '请先分办给承办人，再答复');
    }
    if (current.handlerId !== ctx.staff._id && !hasRole(ctx.staff, 'leader')) {
      throw new Failure('CONFLICT', '该事项已分办给其他承办人，只有承办人或院领导可以答复');
    }
  };
  check(doc);
  const unit = await unitName(doc.procuratorateId);
  const methodName = LIAISON_REPLY_METHOD_NAMES[input.method];
  const after = await change(
    ctx,
    input.id,
    'reply',
    input.method === 'online' ? '网上答复' : `登记线下答复（${methodName}，${repliedOn}）`,
    check,
    () => ({
      status: 'replied',
      dueAt: null,
      reply: _.set({
        method: input.method,
        content: input.content,
        repliedOn,
        recordedAt: ctx.now,
        staffId: ctx.staff._id,
      }),
    }),
    (current) => ({
      template: 'suggestionReplied',
      page: `liaison/detail/index?id=${current._id}`,
      values: {
        thing1:
          current.kind === 'opinion'
            ? current.title
            : `监督申诉：${SUPERVISION_MATTER_NAMES[current.matter as SupervisionMatter]}`,
        phrase2: '已答复',
        time3: formatMessageTime(ctx.now),
        thing4: `${unit}已${methodName}`,
      },
    }),
  );
  return staffView(after, ctx.staff, ctx.now);
};

export const itemHandlers: Omit<
  Handlers<Defs>,
  'invitation.issue' | 'invitation.list' | 'invitation.revoke' | 'invitation.redeem' | 'member.me'
> = {
  'opinion.submit': submitOpinion,
  'complaint.submit': submitComplaint,
  mine,
  get,
  inbox,
  assignees,
  assign,
  markComplex,
  reply,
};
