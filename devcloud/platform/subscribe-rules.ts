// Value rules of subscription-message template fields ("订阅消息参数值内容限制说明" of
// subscribeMessage.send, https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
// and ../shared/CLOUDBASE.md §1.6). WeChat answers 47003 when a value breaks its field's rule.
//
// Where the official table is vague, the choice made here is noted on the rule; lengths count
// Unicode code points.

export const SUBSCRIBE_VALUE_TYPES = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
] as const;

export type SubscribeValueType = (typeof SUBSCRIBE_VALUE_TYPES)[number];

export function isSubscribeValueType(type: string): type is SubscribeValueType {
  return (SUBSCRIBE_VALUE_TYPES as readonly string[]).includes(type);
}

/** The type a template field key stands for: `thing1` → `thing`, `character_string12` → `character_string`. */
export function typeOfFieldKey(key: string): SubscribeValueType | null {
  const m = /^([a-z_]+?)(\d+)$/.exec(key);
  return m && isSubscribeValueType(m[1]) ? m[1] : null;
}

const HAN = /^\p{Script=Han}$/u;
const EMOJI = /\p{Extended_Pictographic}/u;
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const PUNCT_OR_SYMBOL = /^[\p{P}\p{S}]$/u;

const chars = (value: string): string[] => Array.from(value);
const isHan = (c: string): boolean => HAN.test(c);
const isAsciiLetter = (c: string): boolean => /^[A-Za-z]$/.test(c);
const isAsciiDigit = (c: string): boolean => /^[0-9]$/.test(c);
/** A symbol: punctuation or a symbol character, not an emoji. */
const isSymbol = (c: string): boolean => PUNCT_OR_SYMBOL.test(c) && !EMOJI.test(c);

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2}))?`;
const DATE_CN = String.raw`(\d{4})年(\d{1,2})月(\d{1,2})日`;
const DATE_NUM = String.raw`(\d{4})[-/](\d{1,2})[-/](\d{1,2})`;

function validTime(h: string, m: string, s: string | undefined): boolean {
  return Number(h) <= 23 && Number(m) <= 59 && (s === undefined || Number(s) <= 59);
}

function validDate(y: string, mo: string, d: string): boolean {
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const t = new Date(Date.UTC(year, month - 1, day));
  return t.getUTCFullYear() === year && t.getUTCMonth() === month - 1 && t.getUTCDate() === day;
}

/**
 * One point in time: `15:01`, `2019年10月1日 15:01`, `2019-10-01 15:01` (a numeric date is what most
 * senders use and WeChat accepts it; the table's example is the Chinese form). `dateRequired`: the
 * `date` type; otherwise (`time`) the time of day is required.
 */
function isTimePoint(value: string, dateRequired: boolean): boolean {
  const cn = new RegExp(`^${DATE_CN}(?:\\s*${TIME})?$`).exec(value);
  const num = cn ? null : new RegExp(`^${DATE_NUM}(?:\\s+${TIME})?$`).exec(value);
  const withDate = cn ?? num;
  if (withDate) {
    const [, y, mo, d, h, mi, s] = withDate;
    if (!validDate(y, mo, d)) return false;
    if (h === undefined) return dateRequired;
    return validTime(h, mi, s);
  }
  if (dateRequired) return false;
  const t = new RegExp(`^${TIME}$`).exec(value);
  return t !== null && validTime(t[1], t[2], t[3]);
}

/** `time` and `date` accept a period: two points joined by `~`. */
function isTimeValue(value: string, dateRequired: boolean): boolean {
  const parts = value.split('~').map((p) => p.trim());
  if (parts.length > 2) return false;
  return parts.every((p) => isTimePoint(p, dateRequired));
}

const RULES: Record<SubscribeValueType, (value: string) => boolean> = {
  /** ≤20 characters: Chinese, digits, letters or symbols (spaces allowed; no emoji or control characters). */
  thing: (v) => {
    const cs = chars(v);
    return (
      cs.length >= 1 &&
      cs.length <= 20 &&
      v.trim() !== '' &&
      !CONTROL.test(v) &&
      !EMOJI.test(v) &&
      cs.every((c) => /^[\p{L}\p{N}\p{P}\p{S}\p{Zs}]$/u.test(c))
    );
  },
  /** ≤32 digits, a decimal point allowed (no sign). */
  number: (v) => v.length <= 32 && /^\d+(\.\d+)?$/.test(v),
  /** ≤32 letters only. */
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  /** ≤5 symbols only. */
  symbol: (v) => {
    const cs = chars(v);
    return cs.length >= 1 && cs.length <= 5 && cs.every(isSymbol);
  },
  /** ≤32 digits, letters or symbols; no Chinese (ASCII without spaces). */
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  /** 24-hour time, optionally with a date; a period `a~b` allowed. */
  time: (v) => isTimeValue(v, false),
  /** A date, optionally with a 24-hour time; a period `a~b` allowed. */
  date: (v) => isTimeValue(v, true),
  /**
   * One currency symbol + ≤10 digits, decimals allowed (≤2 here), may end with 元. The symbol is
   * optional here (`100元`, `6000.00` are common and accepted).
   */
  amount: (v) => /^\p{Sc}?\d{1,10}(\.\d{1,2})?元?$/u.test(v),
  /** ≤17 digits and symbols, e.g. `+86-0766-66888866`. */
  phone_number: (v) => v.length <= 17 && /^[0-9+\-()#* ]+$/.test(v) && /\d/.test(v),
  /** ≤8 characters; the first and the last may be Chinese, the rest letters or digits (`粤A8Z888挂`). */
  car_number: (v) => {
    const cs = chars(v);
    if (cs.length < 2 || cs.length > 8) return false;
    return cs.every((c, i) => {
      const edge = i === 0 || i === cs.length - 1;
      return isAsciiLetter(c) || isAsciiDigit(c) || (edge && isHan(c));
    });
  },
  /**
   * ≤10 Chinese characters, or ≤20 letters/symbols; mixed Chinese and letters counts as Chinese
   * (≤10). No digits.
   */
  name: (v) => {
    const cs = chars(v);
    if (cs.length === 0 || v.trim() === '') return false;
    const allowed = cs.every((c) => isHan(c) || isAsciiLetter(c) || isSymbol(c) || c === ' ');
    if (!allowed) return false;
    return cs.some(isHan) ? cs.length <= 10 : cs.length <= 20 && cs.some(isAsciiLetter);
  },
  /** ≤5 Chinese characters only (e.g. 配送中). */
  phrase: (v) => /^\p{Script=Han}{1,5}$/u.test(v),
};

/** Whether `value` satisfies the rule of a `type` field. */
export function checkValue(type: SubscribeValueType, value: string): boolean {
  if (typeof value !== 'string') return false;
  const rule = RULES[type];
  return rule !== undefined && rule(value);
}
