// slots.set / slots.list: the periods each procuratorate's case-management staff offer for one kind
// of appointment on one day, each with a capacity and how many places are taken (`booked`, moved
// only in transactions, by booking.ts and appointments.ts).
import { dayOf } from '../../domain/deadlines/calendar';
import type { AppointmentType, cases, SlotView } from '../../typings/cases';
import type { FieldIssue } from '../../typings/errors';
import type { Handler } from '../_shared/action';
import { appendAudit, auditEntry } from '../_shared/audit';
import { _, db } from '../_shared/cloud';
import { Failure } from '../_shared/failure';
import { withRetries } from '../_shared/transaction';
import { slots, SLOTS, type SlotDoc } from './store';

type Defs = typeof cases;

/** At most this many of a procuratorate's future slots of one kind are listed. */
const LIST_MAX = 300;

/** The slot of (procuratorate, type, day, start): `sl-110105-file_reading-20261201-0900`. */
export function slotIdFor(
  procuratorateId: string,
  type: AppointmentType,
  day: string,
  start: string,
) {
  return `sl-${procuratorateId}-${type}-${day.replace(/-/g, '')}-${start.replace(':', '')}`;
}

/** When the slot begins: its day and start in China time. */
export function slotStartsAt(slot: { day: string; start: string }): Date {
  return new Date(`${slot.day}T${slot.start}:00+08:00`);
}

export function slotView(s: SlotDoc): SlotView {
  return {
    id: s._id,
    type: s.type,
    day: s.day,
    start: s.start,
    end: s.end,
    capacity: s.capacity,
    booked: s.booked,
    left: Math.max(0, s.capacity - s.booked),
  };
}

function isRealDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

interface Period {
  start: string;
  end: string;
  capacity: number;
}

/** The day is a real date from today (China) on; each period starts before it ends; none overlap. */
function vetDay(day: string, periods: Period[], now: Date): FieldIssue[] {
  if (!isRealDay(day)) return [{ path: 'day', message: `日期“${day}”不是有效日期` }];
  if (day < dayOf(now)) return [{ path: 'day', message: '不能设置今天以前的时段' }];
  const issues: FieldIssue[] = [];
  periods.forEach((p, i) => {
    if (p.start >= p.end) {
      issues.push({
        path: `periods.${i}.end`,
        message: `第${i + 1}个时段的结束时间应晚于开始时间`,
      });
    }
  });
  if (issues.length > 0) return issues;
  const order = periods.map((p, i) => ({ ...p, i })).sort((a, b) => a.start.localeCompare(b.start));
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1];
    const cur = order[k];
    if (cur.start < prev.end) {
      issues.push({
        path: `periods.${cur.i}.start`,
        message: `时段${cur.start}-${cur.end}与${prev.start}-${prev.end}重叠`,
      });
    }
  }
  return issues;
}

async function dayOfSlots(procuratorateId: string, type: AppointmentType, day: string) {
  const res = await slots()
    .where({ procuratorateId, type, day })
    .orderBy('start', 'asc')
    .limit(100)
    .get();
  return res.data;
}

/** Why a period with bookings cannot become `want` (absent: removed), or null when it may. */
function refusalFor(cur: SlotDoc, want: (Period & { i: number }) | undefined): Failure | null {
  if (cur.booked === 0) return null;
  const period = `时段${cur.start}-${cur.end}已有${cur.booked}人预约`;
  if (!want) {
    return new Failure('PRECONDITION_FAILED', `${period}，不能删除`, [
      { path: 'periods', message: `${period}，不能删除` },
    ]);
  }
  if (cur.end !== want.end) {
    return new Failure('PRECONDITION_FAILED', `${period}，不能修改结束时间`, [
      { path: `periods.${want.i}.end`, message: `${period}，不能修改结束时间` },
    ]);
  }
  if (want.capacity < cur.booked) {
    return new Failure('PRECONDITION_FAILED', `${period}，名额不能少于${cur.booked}个`, [
      { path: `periods.${want.i}.capacity`, message: `${period}，名额不能少于${cur.booked}个` },
    ]);
  }
  return null;
}

/**
 * Replaces one day's periods of one kind. A period keeps its id (and its bookings) while its start
 * stays; one with bookings may neither go, nor move its end, nor drop below the places taken —
 * checked against the slot as read inside the transaction, so a booking racing the change either
 * lands first (and is counted) or conflicts and is retried after it.
 */
export const slotsSet: Handler<Defs['slots.set']> = async ({ input, ctx }) => {
  const { type, day, periods } = input;
  const issues = vetDay(day, periods, ctx.now);
  if (issues.length > 0) throw new Failure('BAD_REQUEST', issues[0].message, issues);
  const procuratorateId = ctx.staff.procuratorateId;
  const wanted = new Map(
    periods.map((p, i) => [slotIdFor(procuratorateId, type, day, p.start), { ...p, i }]),
  );
  const existing = await dayOfSlots(procuratorateId, type, day);
  const ids = [...new Set([...existing.map((s) => s._id), ...wanted.keys()])];

  const refusal = await withRetries(() =>
    db.runTransaction(async (t): Promise<Failure | null> => {
      const col = t.collection<SlotDoc>(SLOTS);
      // Everything is read and checked before anything is written: a refusal commits nothing.
      const current = new Map<string, SlotDoc>();
      for (const id of ids) {
        const cur = (await col.doc(id).get()).data;
        if (cur) current.set(id, cur);
      }
      for (const [id, cur] of current) {
        const want = wanted.get(id);
        const refused = refusalFor(cur, want);
        if (refused) return refused;
      }
      for (const id of ids) {
        const cur = current.get(id);
        const want = wanted.get(id);
        if (!want) {
          if (cur) await col.doc(id).remove();
          continue;
        }
        const data: Omit<SlotDoc, '_id'> = {
          procuratorateId,
          type,
          day,
          start: want.start,
          end: want.end,
          capacity: want.capacity,
          booked: cur?.booked ?? 0,
          holders: cur?.holders ?? [],
          updatedAt: ctx.now,
        };
        await col.doc(id).set({ data });
      }
      const before = [...current.values()].map((c) => ({
        start: c.start,
        end: c.end,
        capacity: c.capacity,
        booked: c.booked,
      }));
      await appendAudit(
        t,
        auditEntry('appointment_slots', `${procuratorateId}-${type}-${day}`, 'set', ctx, {
          before,
          after: periods,
        }),
      );
      return null;
    }),
  );
  if (refusal) throw refusal;
  return { slots: (await dayOfSlots(procuratorateId, type, day)).map(slotView) };
};

/** Slots from today (China) on whose period has not begun, full ones included (left 0). */
export const slotsList: Handler<Defs['slots.list']> = async ({ input, ctx }) => {
  const today = dayOf(ctx.now);
  const found: SlotDoc[] = [];
  for (let skip = 0; skip < LIST_MAX; skip += 100) {
    const res = await slots()
      .where({ procuratorateId: input.procuratorateId, type: input.type, day: _.gte(today) })
      .orderBy('day', 'asc')
      .orderBy('start', 'asc')
      .skip(skip)
      .limit(100)
      .get();
    found.push(...res.data);
    if (res.data.length < 100) break;
  }
  return {
    slots: found.filter((s) => slotStartsAt(s).getTime() > ctx.now.getTime()).map(slotView),
  };
};
