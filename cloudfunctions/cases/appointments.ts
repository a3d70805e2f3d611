// Appointments: slots (slots.ts), booking and cancelling (booking.ts), the booker's list, and the
// case-management staff's inbox and decisions. A refusal frees the place like a cancellation; the
// booker is told of every decision (appointmentResult). Nobody is messaged of a new booking: staff
// see it in the inbox, the earliest due first.
import { createHash } from 'node:crypto';
import { formatMessageTime } from '../../domain/time';
import {
  APPOINTMENT_STATUS_NAMES,
  APPOINTMENT_TYPE_NAMES,
  type AppointmentStaffView,
  type cases,
} from '../../typings/cases';
import type { Page } from '../../typings/fields';
import type { Handlers, Handler } from '../_shared/action';
import { appendAudit, auditEntry } from '../_shared/audit';
import { db } from '../_shared/cloud';
import { Failure } from '../_shared/failure';
import { dispatchOne, notification } from '../_shared/outbox';
import { ownPage, unitNames } from '../_shared/inbox';
import { withRetries } from '../_shared/transaction';
import {
  appointmentView,
  book,
  cancel,
  exclusionMessage,
  freePlace,
  loadAppointment,
  onlineReadingExclusion,
  staffView,
} from './booking';
import { slotsList, slotsSet, slotStartsAt } from './slots';
import { APPOINTMENTS, appointments, cases as caseDocs, type AppointmentDoc } from './store';

type Defs = Pick<
  typeof cases,
  | 'slots.set'
  | 'slots.list'
  | 'book'
  | 'cancel'
  | 'appointments.mine'
  | 'appointments.inbox'
  | 'appointments.decide'
>;

const CONFLICT_MESSAGE = '该预约已被他人处理，请刷新后再试';

const mine: Handler<Defs['appointments.mine']> = async ({ input, ctx }) =>
  ownPage({
    collection: APPOINTMENTS,
    where: { openid: ctx.openid },
    order: 'createdAt',
    input,
    item: (d: AppointmentDoc, unit: string) => appointmentView(d, unit, ctx.now, ctx.openid),
  });

/** The staff's own procuratorate only; the earliest due first (none last), then the oldest. */
const inbox: Handler<Defs['appointments.inbox']> = async ({ input, ctx }) => {
  const procuratorateId = ctx.staff.procuratorateId;
  const where = appointments().where(
    input.status ? { procuratorateId, status: input.status } : { procuratorateId },
  );
  const [list, count] = await Promise.all([
    where
      .orderBy('dueKey', 'asc')
      .orderBy('createdAt', 'asc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
    where.count(),
  ]);
  const names = await unitNames([procuratorateId]);
  const page: Page<AppointmentStaffView> = {
    items: list.data.map((d) => staffView(d, names.get(procuratorateId) ?? '', ctx.now)),
    total: count.total,
    page: input.page,
    pageSize: input.pageSize,
  };
  return page;
};

/** Why `d` (as read now) cannot be decided on from the page that showed `version`, or null. */
function decideRefusal(d: AppointmentDoc, version: number | undefined): Failure | null {
  if (version !== undefined && version !== d.version) {
    return new Failure('CONFLICT', CONFLICT_MESSAGE);
  }
  if (d.status !== 'booked') {
    return new Failure(
      'PRECONDITION_FAILED',
      `该预约${APPOINTMENT_STATUS_NAMES[d.status]}，不能再处理`,
    );
  }
  return null;
}

function confirmedNote(d: AppointmentDoc) {
  return d.type === 'video_reception' ? '请按预约时间进入视频接访' : '请按预约时间到检察院办理';
}

function outboxIdFor(d: AppointmentDoc, touser: string) {
  const key = `${d._id}\n${d.version}\ndecided\n${touser}`;
  return 'ob' + createHash('sha256').update(key).digest('hex').slice(0, 30);
}

/**
 * Confirm, or refuse with a reason, an appointment still awaiting an answer; confirming online file
 * reading of a case that is (by now) of an excluded kind is refused. In one transaction: the
 * appointment (its version checked), the slot's place when refused, the audit entry and the
 * booker's message; the message is sent after the commit.
 */
const decide: Handler<Defs['appointments.decide']> = async ({ input, ctx }) => {
  const before = await loadAppointment(input.id);
  if (!before || before.procuratorateId !== ctx.staff.procuratorateId) {
    throw new Failure('NOT_FOUND', '未找到该预约');
  }
  const early = decideRefusal(before, input.version);
  if (early) throw early;
  if (input.confirm && before.type === 'file_reading' && before.caseId) {
    const bound = (await caseDocs().doc(before.caseId).get()).data;
    const excluded = bound ? await onlineReadingExclusion(bound) : null;
    if (excluded) {
      throw new Failure(
        'PRECONDITION_FAILED',
        `${exclusionMessage(excluded)}，请选择不同意并说明理由`,
      );
    }
  }
  const unitName = (await unitNames([before.procuratorateId])).get(before.procuratorateId) ?? '';
  const reason = input.confirm ? null : (input.reason ?? null);

  let outboxId = '';
  const outcome = await withRetries(() =>
    db.runTransaction(async (t): Promise<{ doc: AppointmentDoc } | { refused: Failure }> => {
      const cur = (await t.collection<AppointmentDoc>(APPOINTMENTS).doc(before._id).get()).data;
      if (!cur) return { refused: new Failure('NOT_FOUND', '未找到该预约') };
      // The page's version, or else the one checked above: a change in between is a conflict.
      const refused = decideRefusal(cur, input.version ?? before.version);
      if (refused) return { refused };
      const doc: AppointmentDoc = {
        ...cur,
        status: input.confirm ? 'confirmed' : 'refused',
        reason,
        decidedBy: ctx.staff._id,
        updatedAt: ctx.now,
        version: cur.version + 1,
      };
      await t
        .collection(APPOINTMENTS)
        .doc(cur._id)
        .update({
          data: {
            status: doc.status,
            reason: doc.reason,
            decidedBy: doc.decidedBy,
            updatedAt: doc.updatedAt,
            version: doc.version,
          },
        });
      if (!input.confirm) await freePlace(t, cur, ctx.now);
      await appendAudit(
        t,
        auditEntry('appointment', cur._id, input.confirm ? 'confirm' : 'refuse', ctx, {
          reason,
        }),
      );
      outboxId = outboxIdFor(doc, doc.openid);
      const note = notification({
        touser: doc.openid,
        template: 'appointmentResult',
        page: `citizen/appointment-detail/index?id=${doc._id}`,
        values: {
          thing1: APPOINTMENT_TYPE_NAMES[doc.type],
          phrase2: APPOINTMENT_STATUS_NAMES[doc.status],
          time3: formatMessageTime(slotStartsAt(doc)),
          thing4: input.confirm ? confirmedNote(doc) : (reason ?? ''),
        },
        ref: { entity: 'appointment', id: doc._id },
        now: ctx.now,
      });
      await t.collection('outbox').doc(outboxId).set({ data: note });
      return { doc };
    }),
  );
  if ('refused' in outcome) throw outcome.refused;
  await dispatchOne(outboxId, ctx.now);
  return staffView(outcome.doc, unitName, ctx.now);
};

export const appointmentHandlers: Handlers<Defs> = {
  'slots.set': slotsSet,
  'slots.list': slotsList,
  book,
  cancel,
  'appointments.mine': mine,
  'appointments.inbox': inbox,
  'appointments.decide': decide,
};
