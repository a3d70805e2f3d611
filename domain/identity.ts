// Resident ID numbers (GB 11643) and mobile numbers: validation, what they tell, and how they are shown.
// Pure: the clock is passed in.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';
const MOBILE = /^1[3-9]\d{9}$/;
/** Birth dates are calendar dates in China (UTC+8), whatever the server's time zone. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export const ID_REASONS = {
  empty: '请填写身份证号码',
  length: '身份证号码长度不对，应为18位',
  characters: '身份证号码只能由数字和末位的X组成',
  birthDate: '身份证号码中的出生日期无效',
  checkDigit: '身份证号码校验位不正确，请核对',
} as const;

export type IdCheck =
  { ok: true; idNumber: string; birthDate: string; sex: Sex } | { ok: false; reason: string };

/** 男 / 女, from the parity of the sequence code (顺序码). */
export type Sex = '男' | '女';

/** The check character (校验码) of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

function todayInChina(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` when the eight digits are a real calendar date, else null. */
function calendarDate(yyyymmdd: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1800 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Validates an 18-character resident ID number: length, characters, a real birth date that is not
 * after today (in China), and the check character. A lowercase x is accepted and normalised to X.
 */
export function checkIdNumber(raw: string, now: Date): IdCheck {
  const value = raw.trim().toUpperCase();
  if (value === '') return { ok: false, reason: ID_REASONS.empty };
  if (value.length !== 18) return { ok: false, reason: ID_REASONS.length };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: ID_REASONS.characters };
  const birthDate = calendarDate(value.slice(6, 14));
  if (!birthDate || birthDate > todayInChina(now)) {
    return { ok: false, reason: ID_REASONS.birthDate };
  }
  if (idCheckChar(value) !== value[17]) return { ok: false, reason: ID_REASONS.checkDigit };
  return { ok: true, idNumber: value, birthDate, sex: sexOf(value) };
}

/** The birth date inside a (valid) ID number, `YYYY-MM-DD`. */
export function birthDateOf(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/** The 17th digit is odd for men and even for women. */
export function sexOf(idNumber: string): Sex {
  return Number(idNumber[16]) % 2 === 1 ? '男' : '女';
}

/** `110***********123X`: the region's first three and the last four stay, the rest is hidden. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 7) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 3) + '*'.repeat(idNumber.length - 7) + idNumber.slice(-4);
}

export function isMobile(value: string): boolean {
  return MOBILE.test(value);
}

/** `138****8000`. */
export function maskMobile(mobile: string): string {
  if (mobile.length < 7) return '*'.repeat(mobile.length);
  return mobile.slice(0, 3) + '*'.repeat(mobile.length - 7) + mobile.slice(-4);
}

export interface ProfileSummary {
  name: string;
  /** Masked: views for anyone but the owner show only this. */
  idNumberMasked: string;
  mobileMasked: string;
}

/** How a real-name profile appears on a petition, a staff view or a receipt: never the whole ID. */
export function profileSummary(profile: {
  name: string;
  idNumber: string;
  mobile: string;
}): ProfileSummary {
  return {
    name: profile.name,
    idNumberMasked: maskIdNumber(profile.idNumber),
    mobileMasked: maskMobile(profile.mobile),
  };
}
