// The staff side of petition: the inbox and the actions of handling (登记 … 归档), each one event
// of the machine: load → decide → save (version-checked, with audit and outbox) → send → view.
import { checkDisclosure, type DisclosureProblem } from '../../domain/petition/disclosure';
import type { PetitionEvent } from '../../domain/petition/machine';
import {
  PETITION_STATUSES,
  type petition,
  type PetitionInbox,
  type InboxDueFilter,
  type PetitionKind,
  type PetitionStaffView,
  type PetitionStatus,
} from '../../typings/petition';
import type { FieldIssue } from '../../typings/errors';
import type { Handler, StaffCtx } from '../_shared/action';
import { _, db } from '../_shared/cloud';
import { openIdNumber } from '../_shared/crypto';
import { Failure } from '../_shared/failure';
import { vetFiles } from '../_shared/files';
import { getDepartment, getProcuratorate } from '../_shared/org';
import { hasRole, type StaffDoc } from '../_shared/staff';
import type { ProfileDoc } from '../account/profile';
import { conflictOf, loadInterests } from '../_shared/interests';
import { accusedStaffName, isAccusedIn, loadForStaff, partiesOf, staffActor } from './access';
import { dossierWriter } from './dossier';
import { petitionIdFor } from './file';
import { applyEvent, mayAttempt, type StepOptions } from './step';
import { readTallies, zeroCounts } from './tally';
import { dueCondition, loadCalendar } from './due';
import { alertsOf } from './sweep';
import { petitions, type PetitionDoc } from './store';
import { inboxItem, staffIdsNamed, staffView } from './views';
import { routeFor } from './routing';

type Defs = typeof petition;

async function nameOf(collection: 'procuratorates' | 'departments', id: string | null) {
  if (!id) return null;
  const doc =
    collection === 'procuratorates' ? await getProcuratorate(id) : await getDepartment(id);
  return doc?.name ?? null;
}

/** The staff view of a petition, for whoever asks. */
export async function viewFor(
  staff: StaffDoc,
  doc: PetitionDoc,
  now: Date,
): Promise<PetitionStaffView> {
  const actor = staffActor(staff);
  const [unit, department] = await Promise.all([
    nameOf('procuratorates', doc.procuratorateId),
    nameOf('departments', doc.departmentId),
  ]);
  const alerts = (await alertsOf(doc._id)).map((a) => ({
    level: a.level,
    deadlineName: a.deadlineName,
    due: a.due.toISOString(),
    at: a.at.toISOString(),
    told: a.to.length,
  }));
  const names = await staffNames(staffIdsNamed(doc));
  const view = staffView(
    doc,
    unit ?? '',
    department,
    actor,
    now,
    await loadCalendar(),
    [],
    alerts,
    names,
  );
  const picks =
    view.allowedEvents.includes('ASSIGN') || view.allowedEvents.includes('DECIDE_RECUSAL');
  if (!picks || !doc.departmentId) return view;
  return { ...view, assignees: await assigneesOf(doc, doc.departmentId) };
}

async function staffNames(ids: string[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  if (ids.length === 0) return map;
  const res = await db
    .collection<StaffDoc>('staff')
    .where({ _id: _.in(ids) })
    .limit(100)
    .get();
  for (const s of res.data) map.set(s._id, s.name);
  return map;
}

/**
 * The active handlers of a department, by name, for the leader's assign picker — each with the
 * reason they must not handle this petition (回避), if any: the page shows it and the action
 * refuses them.
 */
async function assigneesOf(doc: PetitionDoc, departmentId: string) {
  const res = await db
    .collection<StaffDoc>('staff')
    // procuratorateId first: the staff index is (procuratorateId, departmentId).
    .where({ procuratorateId: doc.procuratorateId, departmentId, active: true, roles: 'handler' })
    .limit(100)
    .get();
  const interests = await loadInterests(res.data.map((s) => s._id));
  return res.data
    .map((s) => ({
      staffId: s._id,
      name: s.name,
      conflict: conflictOf(s, interests.get(s._id), partiesOf(doc), accusedStaffName(doc)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

/**
 * The handler a leader picked (assign, or a new handler on recusal): an active handler of this
 * procuratorate with no declared interest in the petition and not accused in it — else refused,
 * naming the reason, at `path`.
 */
export async function vetHandler(doc: PetitionDoc, staffId: string, path = 'staffId') {
  const handler = (await db.collection<StaffDoc>('staff').doc(staffId).get()).data;
  if (
    !handler ||
    !handler.active ||
    handler.procuratorateId !== doc.procuratorateId ||
    !hasRole(handler, 'handler')
  ) {
    throw badRequest(path, '所选人员不是本院的承办人，请重新选择');
  }
  const interests = await loadInterests([handler._id]);
  const conflict = conflictOf(
    handler,
    interests.get(handler._id),
    partiesOf(doc),
    accusedStaffName(doc),
  );
  if (conflict) throw new Failure('PRECONDITION_FAILED', conflict, [{ path, message: conflict }]);
  return { staffId: handler._id, name: handler.name, departmentId: handler.departmentId };
}

/** Load (NOT_FOUND unless the caller may see it) → the event → save → the staff view. */
export async function act(
  ctx: StaffCtx,
  input: { id: string; version?: number },
  event: (doc: PetitionDoc) => Promise<PetitionEvent> | PetitionEvent,
  options: (doc: PetitionDoc) => Promise<StepOptions> | StepOptions = () => ({}),
): Promise<PetitionStaffView> {
  const doc = await loadForStaff(ctx.staff, input.id);
  const e = await event(doc);
  const after = await applyEvent(ctx, doc, e, {
    ...(await options(doc)),
    expectedVersion: input.version,
  });
  return viewFor(ctx.staff, after, ctx.now);
}

function badRequest(path: string, message: string): Failure {
  return new Failure('BAD_REQUEST', message, [{ path, message }]);
}

// ---------------------------------------------------------------------------------------------
// Inbox

/**
 * The inbox's counts per status under its filters but status. Petitions assigned to the caller,
 * and those due soon or overdue, are few and counted live (indexes inbox_handler, inbox_due);
 * otherwise the tallies of tally.ts are summed,
 * less the misconduct reports accusing the caller by their exact stored name (index
 * accused_staff), which the list leaves out too. Time does not grow with the petitions.
 */
async function inboxCounts(
  staff: StaffDoc,
  input: { kind?: PetitionKind; assignedToMe: boolean; due?: InboxDueFilter },
  handlerOnly: boolean,
  now: Date,
): Promise<Record<PetitionStatus, number>> {
  const scope: Record<string, unknown> = { procuratorateId: staff.procuratorateId };
  if (input.kind) scope.kind = input.kind;
  if (input.assignedToMe || input.due) {
    if (input.assignedToMe) scope['handler.staffId'] = staff._id;
    else if (handlerOnly) scope.departmentId = staff.departmentId;
    if (input.due) scope.dueAt = dueCondition(input.due, now);
    const counts = zeroCounts();
    await Promise.all(
      PETITION_STATUSES.map(async (status) => {
        const res = await petitions()
          .where({ ...scope, 'form.staff.name': _.neq(staff.name), status })
          .count();
        counts[status] = res.total;
      }),
    );
    return counts;
  }
  const departmentId = handlerOnly ? staff.departmentId : undefined;
  const counts = await readTallies({
    procuratorateId: staff.procuratorateId,
    departmentId,
    kind: input.kind,
  });
  if (input.kind && input.kind !== 'staff_misconduct') return counts;
  const accusing = await petitions()
    .where({
      procuratorateId: staff.procuratorateId,
      'form.staff.name': staff.name,
      ...(departmentId ? { departmentId } : {}),
    })
    .field({ status: true })
    .limit(1000)
    .get();
  for (const doc of accusing.data) counts[doc.status] = Math.max(0, counts[doc.status] - 1);
  return counts;
}

export const inbox: Handler<Defs['inbox']> = async ({ input, ctx }) => {
  const staff = ctx.staff;
  // Never list a misconduct report to the staff member it accuses (exact stored name; `get`
  // and every action apply the normalised rule of access.ts as well).
  const base: Record<string, unknown> = {
    procuratorateId: staff.procuratorateId,
    'form.staff.name': _.neq(staff.name),
  };
  const handlerOnly = !hasRole(staff, 'registrar', 'leader');
  if (input.assignedToMe) base['handler.staffId'] = staff._id;
  else if (handlerOnly) base.departmentId = staff.departmentId;
  if (input.kind) base.kind = input.kind;
  if (input.due) base.dueAt = dueCondition(input.due, ctx.now);
  // A handler sees a petition once it is registered to a department (access.ts).
  const shown = PETITION_STATUSES.filter((s) => !(handlerOnly && s === 'submitted'));
  if (handlerOnly && !input.status) base.status = _.neq('submitted');
  const where = input.status ? { ...base, status: input.status } : base;
  const none = !!input.status && !shown.includes(input.status);

  const [list, perStatus] = await Promise.all([
    none
      ? { data: [] as PetitionDoc[] }
      : petitions()
          .where(where)
          .orderBy('submittedAt', 'desc')
          .skip((input.page - 1) * input.pageSize)
          .limit(input.pageSize)
          .get(),
    inboxCounts(staff, input, handlerOnly, ctx.now),
  ]);
  const counts = Object.fromEntries(
    PETITION_STATUSES.map((s) => [s, shown.includes(s) ? perStatus[s] : 0]),
  ) as Record<PetitionStatus, number>;
  const total = input.status ? counts[input.status] : shown.reduce((n, s) => n + counts[s], 0);
  const unit = (await nameOf('procuratorates', staff.procuratorateId)) ?? '';
  const departmentIds = [
    ...new Set(list.data.flatMap((d) => (d.departmentId ? [d.departmentId] : []))),
  ];
  const departments = new Map(
    await Promise.all(
      departmentIds.map(async (id) => [id, await nameOf('departments', id)] as const),
    ),
  );
  const cal = await loadCalendar();
  const page: PetitionInbox = {
    // The query compares the stored name exactly; the normalised rule drops the rest (rare).
    items: list.data
      .filter((d) => !isAccusedIn(staff, d))
      .map((d) =>
        inboxItem(
          d,
          unit,
          d.departmentId ? (departments.get(d.departmentId) ?? null) : null,
          ctx.now,
          cal,
        ),
      ),
    total,
    page: input.page,
    pageSize: input.pageSize,
    counts,
  };
  return page;
};

// ---------------------------------------------------------------------------------------------
// Registration and acceptance

export const register: Handler<Defs['register']> = async ({ input, ctx }) =>
  act(ctx, input, async (doc) => {
    mayAttempt(ctx.staff, 'REGISTER');
    const department = await getDepartment(input.departmentId);
    if (!department || department.procuratorateId !== doc.procuratorateId) {
      throw badRequest('departmentId', '所选部门不属于本院，请重新选择');
    }
    return { type: 'REGISTER', by: staffActor(ctx.staff), departmentId: department._id };
  });

export const accept: Handler<Defs['accept']> = async ({ input, ctx }) =>
  act(ctx, input, () => ({ type: 'ACCEPT', by: staffActor(ctx.staff) }));

export const refuse: Handler<Defs['refuse']> = async ({ input, ctx }) =>
  act(ctx, input, () => ({
    type: 'REFUSE',
    by: staffActor(ctx.staff),
    ground: input.ground,
    explanation: input.explanation,
  }));

export const requestMaterials: Handler<Defs['requestMaterials']> = async ({ input, ctx }) =>
  act(ctx, input, () => ({
    type: 'REQUEST_MATERIALS',
    by: staffActor(ctx.staff),
    items: input.items,
    // The due date is a day: materials arriving any time that day (China time) are in time.
    dueDate: new Date(`${input.dueDate}T23:59:59.999+08:00`),
  }));

/**
 * 转办. Within the procuratorate only the department changes. To another procuratorate this
 * petition ends here as `transferred` (kept, archivable) and a linked copy is filed there as a
 * new registration (`submitted`, routed to the department by kind, its own receipt number,
 * `linkedFrom` pointing back) in the same transaction; the petitioner is told once, by the
 * `transferred` message naming where it went.
 */
export const transfer: Handler<Defs['transfer']> = async ({ input, ctx }) => {
  let filing: StepOptions['filing'];
  return act(
    ctx,
    input,
    async (doc) => {
      mayAttempt(ctx.staff, 'TRANSFER');
      const by = staffActor(ctx.staff);
      const reason = input.reason;
      const to = input.to;
      if (to.type === 'legal_procedure') return { type: 'TRANSFER', by, reason, to };
      if (to.type === 'department') {
        const department = await getDepartment(to.departmentId);
        if (!department || department.procuratorateId !== doc.procuratorateId) {
          throw badRequest('to.departmentId', '所选部门不属于本院，请重新选择');
        }
        return {
          type: 'TRANSFER',
          by,
          reason,
          to: { type: 'department', departmentId: department._id, name: department.name },
        };
      }
      const unit = await getProcuratorate(to.procuratorateId);
      if (!unit) throw badRequest('to.procuratorateId', '所选检察院不存在，请重新选择');
      filing = {
        id: petitionIdFor(doc._id, 'transfer', String(doc.version)),
        procuratorate: unit,
        departmentId: await routeFor(doc.kind, unit._id),
        kind: doc.kind,
        channel: doc.channel,
        petitionerOpenid: doc.petitionerOpenid,
        attachments: doc.attachments,
        by,
        form: { ...doc.form, procuratorateId: unit._id },
        petitioner: doc.petitioner,
        contentFlag: doc.contentFlag,
        linkedFrom: {
          type: 'transfer',
          petitionId: doc._id,
          receiptNumber: doc.receiptNumber,
          procuratorateId: doc.procuratorateId,
          reason: reason,
        },
        notifyReceived: false,
      };
      return {
        type: 'TRANSFER',
        by,
        reason,
        to: { type: 'procuratorate', procuratorateId: unit._id, name: unit.name },
      };
    },
    () => ({ filing }),
  );
};

export const assign: Handler<Defs['assign']> = async ({ input, ctx }) =>
  act(ctx, input, async (doc) => {
    mayAttempt(ctx.staff, 'ASSIGN');
    return {
      type: 'ASSIGN',
      by: staffActor(ctx.staff),
      handler: await vetHandler(doc, input.staffId),
    };
  });

// ---------------------------------------------------------------------------------------------
// Replies: checked before saving for numbers other than the petitioner's own and secret marks

async function petitionerNumbers(doc: PetitionDoc) {
  const phones = [doc.form.contact];
  const idNumbers: string[] = [];
  if (doc.petitionerOpenid) {
    const profile = (await db.collection<ProfileDoc>('profiles').doc(doc.petitionerOpenid).get())
      .data;
    if (profile) {
      phones.push(profile.mobile);
      idNumbers.push(openIdNumber(profile.idCipher, profile.openid));
    }
  }
  return { phones, idNumbers };
}

function disclosureVet(doc: PetitionDoc, texts: Record<string, string>) {
  return async () => {
    const allowance = await petitionerNumbers(doc);
    const issues: FieldIssue[] = [];
    const found: DisclosureProblem[] = [];
    for (const [path, text] of Object.entries(texts)) {
      for (const problem of checkDisclosure(text, allowance)) {
        found.push(problem);
        issues.push({ path, message: problem.message });
      }
    }
    if (found.length > 0) {
      throw new Failure(
        'BAD_REQUEST',
        `答复中有不能披露的内容，请删除：${found.map((p) => p.match).join('、')}`,
        issues,
      );
    }
  };
}

/** Before a reply is saved: nothing disclosed, and every attachment is an uploaded image or PDF. */
function replyVet(
  doc: PetitionDoc,
  attachments: string[],
  texts: Record<string, string>,
  openid: string,
) {
  const disclosure = disclosureVet(doc, texts);
  return async () => {
    await disclosure();
    await vetFiles(attachments, 'attachments', openid);
  };
}

const replyOf = (input: {
  method: 'online' | 'written' | 'telephone' | 'sms';
  text: string;
  attachments: string[];
}) => ({
  method: input.method,
  text: input.text,
  attachments: input.attachments,
});

export const proceduralReply: Handler<Defs['proceduralReply']> = async ({ input, ctx }) =>
  act(
    ctx,
    input,
    () => ({ type: 'PROCEDURAL_REPLY', by: staffActor(ctx.staff), reply: replyOf(input) }),
    (doc) => ({ vet: replyVet(doc, input.attachments, { text: input.text }, ctx.openid) }),
  );

export const progressReply: Handler<Defs['progressReply']> = async ({ input, ctx }) =>
  act(
    ctx,
    input,
    () => ({ type: 'PROGRESS_REPLY', by: staffActor(ctx.staff), reply: replyOf(input) }),
    (doc) => ({ vet: replyVet(doc, input.attachments, { text: input.text }, ctx.openid) }),
  );

export const answer: Handler<Defs['answer']> = async ({ input, ctx }) =>
  act(
    ctx,
    input,
    () => ({
      type: 'ANSWER',
      by: staffActor(ctx.staff),
      result: input.result,
      reply: replyOf(input),
    }),
    (doc) => ({
      vet: replyVet(doc, input.attachments, { result: input.result, text: input.text }, ctx.openid),
    }),
  );

export const close: Handler<Defs['close']> = async ({ input, ctx }) =>
  act(ctx, input, () => ({ type: 'CLOSE', by: staffActor(ctx.staff) }));

/** 归档: the dossier (dossier.ts) is written in the same transaction, once, and never changed. */
export const archive: Handler<Defs['archive']> = async ({ input, ctx }) =>
  act(
    ctx,
    input,
    () => ({ type: 'ARCHIVE', by: staffActor(ctx.staff) }),
    (doc) => dossierWriter(ctx.staff, doc, ctx.now),
  );
