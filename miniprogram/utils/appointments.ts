// Appointments (预约) as the citizen, lawyer and case-management pages need them at runtime: the kinds
// and statuses with their names, the limits of a booking's note, a slot's periods and a refusal's
// reason, and how a booked period and its answer-by date read.
//
// Pages may only `import type` from typings/, so the values below MIRROR typings/cases.ts
// (APPOINTMENT_TYPES, APPOINTMENT_TYPE_NAMES, LAWYER_APPOINTMENT_TYPES, APPOINTMENT_STATUSES,
// APPOINTMENT_STATUS_NAMES, the limits of bookInput, slotsSetInput and appointmentDecideInput) and
// the message of a full slot (cloudfunctions/cases/booking.ts FULL_MESSAGE);
// tests/miniprogram/mirror.test.ts fails when they drift apart.
import type { AppointmentStatus, AppointmentType } from '../../typings/cases';
import { dayText } from './cases';
import { formatTime } from './time';

export const APPOINTMENT_TYPES: readonly AppointmentType[] = [
  'file_reading',
  'meeting',
  'evidence',
  'hearing',
  'measures_change',
  'video_reception',
];

export const APPOINTMENT_TYPE_NAMES: Record<AppointmentType, string> = {
  file_reading: '阅卷',
  meeting: '约见检察官',
  evidence: '提交或申请调取证据',
  hearing: '听取意见',
  measures_change: '申请变更强制措施',
  video_reception: '视频接访',
};

/** Lawyers' requests need a case they are bound to; a video reception needs none. */
export const LAWYER_APPOINTMENT_TYPES: readonly AppointmentType[] = [
  'file_reading',
  'meeting',
  'evidence',
  'hearing',
  'measures_change',
];

export const APPOINTMENT_STATUSES: readonly AppointmentStatus[] = [
  'booked',
  'confirmed',
  'refused',
  'cancelled',
];

export const APPOINTMENT_STATUS_NAMES: Record<AppointmentStatus, string> = {
  booked: '待确认',
  confirmed: '已确认',
  refused: '未同意',
  cancelled: '已取消',
};

export const APPOINTMENT_LIMITS = {
  /** A booking's note (预约事由): `bookInput.note`. */
  noteMin: 5,
  noteMax: 500,
  /** A refusal's reason: `appointmentDecideInput.reason`. */
  reasonMax: 200,
  /** One day's periods of one kind: `slotsSetInput.periods`. */
  periodsMax: 20,
  capacityMin: 1,
  capacityMax: 100,
} as const;

/** What `book` answers when the slot's last place went meanwhile. */
export const FULL_MESSAGE = '该时段已约满，请选择其他时段';

/** How many days ahead, today included, the booking page offers slots. */
export const BOOKING_DAYS = 14;

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** `2025-01-06` → `1月6日 周一`. */
export function dayLabel(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const weekday = WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()];
  return `${Number(m[2])}月${Number(m[3])}日 ${weekday}`;
}

/** `day` moved by `n` days (YYYY-MM-DD, calendar arithmetic). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** `2025年1月6日 09:00-10:00`. */
export function periodText(a: { day: string; start: string; end: string }): string {
  return `${dayText(a.day)} ${a.start}-${a.end}`;
}

/** `检察院将于2025-01-08 23:59前答复` for an appointment awaiting its answer; '' otherwise. */
export function answerDueText(a: { status: AppointmentStatus; answerDue: string | null }): string {
  if (a.status !== 'booked' || !a.answerDue) return '';
  return `检察院将于${formatTime(a.answerDue)}前答复`;
}

/** The tag colour of a status: waiting, confirmed, refused, cancelled. */
export function appointmentTagClass(status: AppointmentStatus): string {
  if (status === 'confirmed') return 'tag-replied';
  if (status === 'refused') return 'tag-review';
  if (status === 'cancelled') return 'tag-soon';
  return 'tag-pending';
}
