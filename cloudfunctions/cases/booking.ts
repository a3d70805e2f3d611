// book / cancel: taking and freeing a place on a slot. The slot's `booked` count and its holders
// move in the same transaction as the appointment, and a booking is refused when the slot read in
// that transaction is full, so concurrent bookings never exceed the capacity: the losers of a
// write conflict run again (withRetries) and then see the place taken.
import { createHash } from 'node:crypto';
import type { WorkCalendar } from '../../domain/deadlines/calendar';
import { DEFAULT_RULES, dueAfter, type Span } from '../../domain/deadlines/engine';
import {
  APPOINTMENT_STATUS_NAMES,
  APPOINTMENT_TYPE_NAMES,
  LAWYER_APPOINTMENT_TYPES,
  LAWYER_BINDING_ROLES,
  normalCause,
  SENSITIVE_KIND_NAMES,
  type AppointmentStaffView,
  type AppointmentType,
  type AppointmentView,
  type cases as CasesContract,
} from '../../typings/cases';
import type { Handler } from '../_shared/action';
import { appendAudit, auditEntry } from '../_shared/audit';
import { db, type Transaction } from '../_shared/cloud';
import { Failure } from '../_shared/failure';
import { unitNames } from '../_shared/inbox';
import { isTransactionConflict, withRetries } from '../_shared/transaction';
import type { ProfileDoc } from '../account/profile';
import { loadCalendar } from '../petition/due';
import { slotStartsAt } from './slots';
import {
  APPOINTMENTS,
  appointments,
  bindings,
  cases,
  disclosureSettings,
  lawyers,
  NO_DUE,
  SLOTS,
  slots,
  type AppointmentDoc,
  type CaseDoc,
  type SlotDoc,
} from './store';

type Defs = typeof CasesContract;

export const FULL_MESSAGE = '该时段已约满，请选择其他时段';
export const BUSY_MESSAGE = '系统繁忙，请稍后再试';

/** DOMAIN.md "Time limits": arrange file reading within 3 working days; decide on measures in 3 days. */
const ANSWER_SPANS: Partial<Record<AppointmentType, Span>> = {
  file_reading: { amount: 3, unit: 'working_days' },
  measures_change: { amount: 3, unit: 'calendar_days' },
};

/** When staff must answer an appointment of `type` booked at `bookedAt`; null when no limit applies. */
export function answerDueFor(
  type: AppointmentType,
  bookedAt: Date,
  cal: WorkCalendar,
): Date | null {
  const span = ANSWER_SPANS[type];
  return span ? dueAfter(bookedAt, span, cal, DEFAULT_RULES) : null;
}

/** The same booking sent twice (a double tap, a retry after a timeout) maps to the same id. */
export function appointmentIdFor(openid: string, clientToken: string): string {
  return 'ap' + createHash('sha256').update(`${openid}\n${clientToken}`).digest('hex').slice(0, 30);
}

export async function loadAppointment(id: string): Promise<AppointmentDoc | null> {
  return (await appointments().doc(id).get()).data;
}

function live(d: AppointmentDoc) {
  return d.status === 'booked' || d.status === 'confirmed';
}

export function appointmentView(
  d: AppointmentDoc,
  procuratorateName: string,
  now: Date,
  openid: string | null,
): AppointmentView {
  return {
    id: d._id,
    type: d.type,
    typeName: APPOINTMENT_TYPE_NAMES[d.type],
    procuratorateName,
    caseNumber: d.caseNumber,
    day: d.day,
    start: d.start,
    end: d.end,
    note: d.note,
    status: d.status,
    statusName: APPOINTMENT_STATUS_NAMES[d.status],
    reason: d.reason,
    answerDue: d.answerDue ? d.answerDue.toISOString() : null,
    createdAt: d.createdAt.toISOString(),
    can: {
      cancel: d.openid === openid && live(d) && slotStartsAt(d).getTime() > now.getTime(),
    },
  };
}

export function staffView(
  d: AppointmentDoc,
  procuratorateName: string,
  now: Date,
): AppointmentStaffView {
  return {
    ...appointmentView(d, procuratorateName, now, null),
    requester: d.requester,
    overdue: d.status === 'booked' && d.answerDue !== null && d.answerDue.getTime() < now.getTime(),
    version: d.version,
  };
}

/**
 * Why the case may not be read online, or null: the kinds of DOMAIN.md (state secrets, juveniles,
 * state security, terrorism, organised crime: the flags and `sensitiveKind`) and the causes the
 * procuratorate's administrator lists in `disclosure_settings` (a cause containing one).
 */
export async function onlineReadingExclusion(c: CaseDoc): Promise<string | null> {
  if (c.flags.stateSecret) return SENSITIVE_KIND_NAMES.state_secret;
  if (c.flags.juvenile) return SENSITIVE_KIND_NAMES.juvenile;
  if (c.flags.sensitiveKind) return SENSITIVE_KIND_NAMES[c.flags.sensitiveKind];
  const settings = (await disclosureSettings().doc(c.procuratorateId).get()).data;
  const cause = normalCause(c.cause);
  const listed = (settings?.excludedCauses ?? []).find(
    (x) => normalCause(x) && cause.includes(normalCause(x)),
  );
  return listed ? `“${listed}”` : null;
}

export function exclusionMessage(kind: string) {
  return `该案件属于${kind}案件，依规定不提供网上阅卷`;
}

type Booker = Pick<AppointmentDoc, 'bindingId' | 'caseId' | 'caseNumber' | 'requester'>;

const noBinding = () =>
  new Failure('NOT_FOUND', '未找到该绑定的案件', [
    { path: 'bindingId', message: '未找到该绑定的案件' },
  ]);

/**
 * Who books and for which case. A lawyer's request needs the caller's own approved binding, as
 * defender or agent, to a case of the slot's procuratorate (anything else is NOT_FOUND, whatever
 * exists), and an approved lawyer verification; a video reception needs a real-name profile.
 */
async function bookerFor(
  slot: SlotDoc,
  bindingId: string | undefined,
  openid: string,
): Promise<Booker> {
  if (!LAWYER_APPOINTMENT_TYPES.includes(slot.type)) {
    if (bindingId) {
      throw new Failure('BAD_REQUEST', '视频接访无需选择案件', [
        { path: 'bindingId', message: '视频接访无需选择案件' },
      ]);
    }
    const profile = (await db.collection<ProfileDoc>('profiles').doc(openid).get()).data;
    if (!profile) throw new Failure('PRECONDITION_FAILED', '请先填写实名信息');
    return {
      bindingId: null,
      caseId: null,
      caseNumber: null,
      requester: { name: profile.name, lawyer: false, firm: null },
    };
  }
  if (!bindingId) {
    throw new Failure('BAD_REQUEST', '请选择绑定的案件', [
      { path: 'bindingId', message: '请选择绑定的案件' },
    ]);
  }
  const binding = (await bindings().doc(bindingId).get()).data;
  if (
    !binding ||
    binding.openid !== openid ||
    binding.status !== 'approved' ||
    binding.procuratorateId !== slot.procuratorateId
  ) {
    throw noBinding();
  }
  const bound = (await cases().doc(binding.caseId).get()).data;
  if (!bound || bound.procuratorateId !== slot.procuratorateId) throw noBinding();
  if (!LAWYER_BINDING_ROLES.includes(binding.role)) {
    throw new Failure(
      'PRECONDITION_FAILED',
      `${APPOINTMENT_TYPE_NAMES[slot.type]}仅限该案的辩护人、诉讼代理人预约`,
    );
  }
  const lawyer = (await lawyers().doc(openid).get()).data;
  if (!lawyer || lawyer.status !== 'approved') {
    throw new Failure('PRECONDITION_FAILED', '请先通过律师身份核验');
  }
  if (slot.type === 'file_reading') {
    const excluded = await onlineReadingExclusion(bound);
    if (excluded) throw new Failure('PRECONDITION_FAILED', exclusionMessage(excluded));
  }
  return {
    bindingId: binding._id,
    caseId: bound._id,
    caseNumber: bound.caseNumber,
    requester: { name: lawyer.name, lawyer: true, firm: lawyer.firm },
  };
}

type Booked = { doc: AppointmentDoc } | { refused: Failure };

export const book: Handler<Defs['book']> = async ({ input, ctx }) => {
  const id = appointmentIdFor(ctx.openid, input.clientToken);
  const made = await loadAppointment(id);
  if (made) {
    const names = await unitNames([made.procuratorateId]);
    return appointmentView(made, names.get(made.procuratorateId) ?? '', ctx.now, ctx.openid);
  }

  const slot = (await slots().doc(input.slotId).get()).data;
  if (!slot) {
    throw new Failure('NOT_FOUND', '未找到该预约时段，请重新选择', [
      { path: 'slotId', message: '未找到该预约时段，请重新选择' },
    ]);
  }
  if (slotStartsAt(slot).getTime() <= ctx.now.getTime()) {
    throw new Failure('PRECONDITION_FAILED', '该时段已开始，请选择其他时段');
  }
  const booker = await bookerFor(slot, input.bindingId, ctx.openid);
  const answerDue = answerDueFor(slot.type, ctx.now, await loadCalendar());

  const run = () =>
    db.runTransaction(async (t): Promise<Booked> => {
      const raced = (await t.collection<AppointmentDoc>(APPOINTMENTS).doc(id).get()).data;
      if (raced) return { doc: raced };
      const cur = (await t.collection<SlotDoc>(SLOTS).doc(slot._id).get()).data;
      if (!cur) {
        return { refused: new Failure('NOT_FOUND', '未找到该预约时段，请重新选择') };
      }
      if (cur.holders.includes(ctx.openid)) {
        return {
          refused: new Failure('PRECONDITION_FAILED', '您已预约该时段，不能重复预约'),
        };
      }
      if (cur.booked >= cur.capacity) {
        return { refused: new Failure('PRECONDITION_FAILED', FULL_MESSAGE) };
      }
      await t
        .collection(SLOTS)
        .doc(cur._id)
        .update({
          data: {
            booked: cur.booked + 1,
            holders: [...cur.holders, ctx.openid],
            updatedAt: ctx.now,
          },
        });
      const doc: AppointmentDoc = {
        _id: id,
        slotId: cur._id,
        procuratorateId: cur.procuratorateId,
        type: cur.type,
        openid: ctx.openid,
        ...booker,
        day: cur.day,
        start: cur.start,
        end: cur.end,
        note: input.note,
        status: 'booked',
        reason: null,
        answerDue,
        dueKey: answerDue ?? NO_DUE,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        decidedBy: null,
        version: 1,
      };
      const { _id, ...data } = doc;
      await t.collection(APPOINTMENTS).doc(_id).set({ data });
      await appendAudit(
        t,
        auditEntry('appointment', id, 'book', ctx, {
          slotId: cur._id,
          type: cur.type,
          bindingId: booker.bindingId,
          caseId: booker.caseId,
          answerDue,
        }),
      );
      return { doc };
    });

  let outcome: Booked;
  try {
    outcome = await withRetries(run);
  } catch (e) {
    if (!isTransactionConflict(e)) throw e;
    // Two taps of one booking racing past every retry: whichever landed, this one answers with it.
    const raced = await loadAppointment(id);
    if (!raced) throw new Failure('INTERNAL', BUSY_MESSAGE);
    outcome = { doc: raced };
  }
  if ('refused' in outcome) throw outcome.refused;
  const names = await unitNames([outcome.doc.procuratorateId]);
  return appointmentView(
    outcome.doc,
    names.get(outcome.doc.procuratorateId) ?? '',
    ctx.now,
    ctx.openid,
  );
};

/**
 * The slot after an appointment stops being live: one place fewer taken, its holder gone. Both
 * in the transaction `t` that changes the appointment.
 */
export async function freePlace(t: Transaction, d: AppointmentDoc, now: Date): Promise<void> {
  const slot = (await t.collection<SlotDoc>(SLOTS).doc(d.slotId).get()).data;
  if (!slot) return;
  await t
    .collection(SLOTS)
    .doc(slot._id)
    .update({
      data: {
        booked: Math.max(0, slot.booked - 1),
        holders: slot.holders.filter((o) => o !== d.openid),
        updatedAt: now,
      },
    });
}

/** Why `d` cannot be cancelled now, or null. */
function cancelRefusal(d: AppointmentDoc, now: Date): Failure | null {
  if (!live(d)) {
    return new Failure(
      'PRECONDITION_FAILED',
      `该预约${APPOINTMENT_STATUS_NAMES[d.status]}，不能取消`,
    );
  }
  if (slotStartsAt(d).getTime() <= now.getTime()) {
    return new Failure('PRECONDITION_FAILED', '预约时段已开始，不能取消');
  }
  return null;
}

export const cancel: Handler<Defs['cancel']> = async ({ input, ctx }) => {
  const before = await loadAppointment(input.id);
  if (!before || before.openid !== ctx.openid) throw new Failure('NOT_FOUND', '未找到该预约');
  const early = cancelRefusal(before, ctx.now);
  if (early) throw early;

  const outcome = await withRetries(() =>
    db.runTransaction(async (t): Promise<Booked> => {
      const cur = (await t.collection<AppointmentDoc>(APPOINTMENTS).doc(input.id).get()).data;
      if (!cur) return { refused: new Failure('NOT_FOUND', '未找到该预约') };
      const refused = cancelRefusal(cur, ctx.now);
      if (refused) return { refused };
      const doc: AppointmentDoc = {
        ...cur,
        status: 'cancelled',
        updatedAt: ctx.now,
        version: cur.version + 1,
      };
      await t
        .collection(APPOINTMENTS)
        .doc(cur._id)
        .update({ data: { status: doc.status, updatedAt: doc.updatedAt, version: doc.version } });
      await freePlace(t, cur, ctx.now);
      await appendAudit(
        t,
        auditEntry('appointment', cur._id, 'cancel', ctx, { from: cur.status, slotId: cur.slotId }),
      );
      return { doc };
    }),
  );
  if ('refused' in outcome) throw outcome.refused;
  const names = await unitNames([outcome.doc.procuratorateId]);
  return appointmentView(
    outcome.doc,
    names.get(outcome.doc.procuratorateId) ?? '',
    ctx.now,
    ctx.openid,
  );
};
