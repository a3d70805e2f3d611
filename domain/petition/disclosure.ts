// The check a reply passes before it is sent: no one else's ID or phone number, nothing marked secret.

export type DisclosureProblemType = 'id_number' | 'phone' | 'confidential';

export interface DisclosureProblem {
  type: DisclosureProblemType;
  /** The text as written in the reply, to find and remove. */
  match: string;
  /** Where it starts in the reply (UTF-16 index). */
  index: number;
  /** What to remove, in Chinese, for the staff member writing the reply. */
  message: string;
}

/** Numbers that may appear: the petitioner's own, and the procuratorate's public ones (12309 …). */
export interface DisclosureAllowance {
  /** The petitioner's own mobile and other phone numbers. */
  phones?: readonly string[];
  /** The petitioner's own resident ID number. */
  idNumbers?: readonly string[];
  /** Public numbers of the unit (reception desk, hotline) that replies may give. */
  publicNumbers?: readonly string[];
}

/**
 * Markers of confidential or internal text (密级标志 and internal-use notes). Chosen to err on the
 * side of refusing: any of them anywhere stops the reply, and a person rewrites it.
 */
export const CONFIDENTIAL_MARKERS = [
  '【内部】',
  '[内部]',
  '〔内部〕',
  '内部资料',
  '内部文件',
  '内部材料',
  '内部参考',
  '内部通报',
  '内部传阅',
  '内部掌握',
  '仅供内部',
  '不得外传',
  '绝密',
  '机密',
  '秘密',
] as const;

/**
 * Legal terms that contain a marker but name a category of information, not a marking: a reply
 * may say "涉及国家秘密，依法不予提供". They are blanked before the markers are searched.
 */
export const CONFIDENTIAL_TERMS_ALLOWED = [
  '国家秘密',
  '商业秘密',
  '商业机密',
  '工作秘密',
  '个人秘密',
  '保守秘密',
] as const;

// Patterns run on a copy with full-width digits and signs made ASCII (same length, same indices).
// Digits may be grouped by one space or dash, as people write them.
const ID_NUMBER = /(?<![0-9])\d{6}[ -]?\d{8}[ -]?\d{3}[0-9Xx](?![0-9Xx])/g;
const MOBILE = /(?<![0-9])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![0-9])/g;
const LANDLINE = /(?<![0-9])(?:\(0\d{2,3}\)|0\d{2,3})[ -]?\d{7,8}(?![0-9])/g;
const SERVICE_NUMBER = /(?<![0-9])[48]00[ -]?\d{3}[ -]?\d{4}(?![0-9])/g;

function halfWidth(text: string): string {
  return text.replace(/[０-９（）－＋Ｘｘ\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** Digits (and a final X) only; a mobile's +86 country code dropped. */
function digits(number: string): string {
  const d = halfWidth(number)
    .replace(/[^0-9Xx]/g, '')
    .toUpperCase();
  return d.length === 13 && d.startsWith('86') ? d.slice(2) : d;
}

/** Checks a reply; an empty list means it may be sent. */
export function checkDisclosure(
  reply: string,
  allowance: DisclosureAllowance = {},
): DisclosureProblem[] {
  const text = halfWidth(reply);
  const ownIds = new Set((allowance.idNumbers ?? []).map(digits));
  const ownPhones = new Set(
    [...(allowance.phones ?? []), ...(allowance.publicNumbers ?? [])].map(digits),
  );
  const problems: DisclosureProblem[] = [];
  const taken: [number, number][] = [];
  const overlaps = (start: number, end: number) => taken.some(([s, e]) => start < e && end > s);

  const scan = (pattern: RegExp, type: 'id_number' | 'phone', allowed: Set<string>) => {
    for (const m of text.matchAll(pattern)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (overlaps(start, end)) continue;
      taken.push([start, end]);
      if (allowed.has(digits(m[0]))) continue;
      const match = reply.slice(start, end);
      problems.push({
        type,
        match,
        index: start,
        message:
          type === 'id_number'
            ? `答复中含有身份证号码“${match}”，请删除`
            : `答复中含有信访人本人以外的电话号码“${match}”，请删除`,
      });
    }
  };
  scan(ID_NUMBER, 'id_number', ownIds);
  scan(MOBILE, 'phone', ownPhones);
  scan(LANDLINE, 'phone', ownPhones);
  scan(SERVICE_NUMBER, 'phone', ownPhones);

  let blanked = text;
  for (const term of CONFIDENTIAL_TERMS_ALLOWED) {
    blanked = blanked.split(term).join('\u0000'.repeat(term.length));
  }
  const markerSpans: [number, number][] = [];
  for (const marker of CONFIDENTIAL_MARKERS) {
    let from = 0;
    for (;;) {
      const at = blanked.indexOf(marker, from);
      if (at < 0) break;
      from = at + marker.length;
      // 【内部】 contains 内部: report the longest marker at a place once.
      if (markerSpans.some(([s, e]) => at < e && from > s)) continue;
      markerSpans.push([at, from]);
      problems.push({
        type: 'confidential',
        match: reply.slice(at, from),
        index: at,
        message: `答复中含有涉密或内部标记“${reply.slice(at, from)}”，请删除该标记及其标注的内容`,
      });
    }
  }
  return problems.sort((a, b) => a.index - b.index);
}
