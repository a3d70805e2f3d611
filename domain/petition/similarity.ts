// Suspected duplicates (重复信访): is a new petition the same matter as an earlier one of the same
// person? A suggestion for the registrar only, with its reasons in Chinese; a person decides.
//
// The method, in short:
//   - the matter's free texts, without the respondent's name (compared on its own), are normalised
//     (width, case, digits, punctuation, filler and genre words) and cut into character bigrams
//     within each clause, numbers kept whole, so rewording keeps many of them and reordering
//     sentences keeps all of them;
//   - a bounded "bottom-k" sample of those bigrams (the K with the smallest hash) is the print
//     stored on the petition, so an earlier petition is compared without re-reading its text;
//   - two prints are compared by the average of Jaccard (same wording overall) and containment
//     (one is mostly inside the other: a shortened or extended re-filing), then the respondent
//     (the accused, the decision appealed against, the official reported …) and the kind move
//     that score up or down by fixed steps.
// Everything here is pure: no I/O, no clock, no randomness, no dependency.
import {
  PETITION_KIND_NAMES,
  type PetitionForm,
  type PetitionFormOf,
  type PetitionKind,
} from '../../typings/petition';

/** What is compared: whose it is, what kind, against whom, and the free texts. */
export interface MatterInput {
  /** The same person files with the same key (the hash of their resident ID number). */
  personKey: string;
  kind: PetitionKind;
  /** Against whom or what the matter is brought, as written; null when the form names no one. */
  respondent: string | null;
  /** The free texts of the form, concatenated. */
  text: string;
}

/**
 * The compact print stored on a petition (document field, well under 4 KB):
 *   - `grams`: at most PRINT_GRAMS_MAX distinct character bigrams of the normalised text, sorted by
 *     code point. When the text has more, the sample is the PRINT_GRAMS_MAX bigrams with the
 *     smallest `gramHash` (a bottom-k sketch), a uniform and consistent sample: two petitions
 *     sampling the same text keep the same bigrams. 300 bigrams are at most ~2.7 KB of UTF-8
 *     JSON (`"xx",` is 9 bytes), and a typical petition (a few hundred characters) fits whole,
 *     so its comparison is exact.
 *   - bigrams rather than MinHash integers: containment (a shortened re-filing) can be estimated
 *     from a bottom-k sample but not from a MinHash signature, and staff can read the sample.
 *   - `version`: the normalisation and hashing used; prints of another version are not compared
 *     (recompute them from the stored form).
 */
export interface MatterPrint {
  version: typeof PRINT_VERSION;
  kind: PetitionKind;
  /** As written, trimmed to RESPONDENT_MAX characters, for the reasons shown to staff. */
  respondent: string | null;
  grams: string[];
}

export interface DuplicateSuggestion {
  /** 0..1, two decimals. */
  similarity: number;
  /** Why, in Chinese, for the registrar. */
  reasons: string[];
}

export const PRINT_VERSION = 1;
export const PRINT_GRAMS_MAX = 300;
export const RESPONDENT_MAX = 100;

/**
 * At or above this, a petition of the same person is suggested as a duplicate. The scale: with the
 * same respondent, about one bigram in ten shared; with none named, one in five; with another
 * respondent, nearly one in two. Rewordings of one matter mostly score 0.2–0.6, different matters of
 * one person mostly under 0.15, but the two overlap a little (a short supplementary letter; a new
 * grievance against the same official), so this errs towards suggesting: a person decides. A round
 * value read off tests/domain/fixtures/duplicate-pairs.ts (0.20 and 0.22 both give precision and
 * recall >= 0.95 there; 0.18 and 0.25 do not): revisit it with real, labelled petitions.
 */
export const DUPLICATE_THRESHOLD = 0.2;

/** How far the respondent and the kind move the text score (fixed steps, not fitted). */
export const SAME_RESPONDENT_BONUS = 0.1;
export const OTHER_RESPONDENT_PENALTY = 0.25;
export const OTHER_KIND_PENALTY = 0.1;

// ---------------------------------------------------------------------------------------------
// Normalisation

/**
 * Words removed before cutting bigrams, longest first. They are either function words and
 * first-person filler (我, 的, 了 …) that change with every rewording, or the set phrases of the
 * genre (请求, 人民法院, 事实不清 …) that appear in most petitions and so say nothing about which
 * matter it is. Removing them on both sides is symmetric: a name that happens to contain one loses
 * it on both sides alike.
 */
const FILLER_WORDS = [
  '人民检察院',
  '检察机关',
  '检察院',
  '人民法院',
  '事实不清',
  '证据不足',
  '适用法律错误',
  '合法权益',
  '依法',
  '请求',
  '要求',
  '希望',
  '恳请',
  '申请',
  '本人',
  '我们',
  '我方',
  '我',
  '的',
  '了',
  '着',
  '和',
  '与',
  '及',
  '并',
  '在',
  '是',
  '对',
  '将',
  '把',
  '就',
  '也',
  '都',
  '已经',
  '已',
  '给予',
  '予以',
  '进行',
  '相关',
  '有关',
  '特此',
  '此致',
  '敬礼',
  // The genre's own verbs and nouns: what every petition asks for, not which matter it is.
  '反映',
  '举报',
  '控告',
  '申诉',
  '实名',
  '问题',
  '情况',
  '追究',
  '刑事责任',
  '法律责任',
  '责任',
  '调查',
  '查处',
  '处理',
  '核查',
  '督促',
  '监督',
  '检察建议',
  '公益诉讼',
  '提起',
  '提出',
  '抗诉',
  '不服',
  '多次',
  '没有',
  '一直',
  '至今',
].sort((a, b) => b.length - a.length);
const FILLER = new RegExp(FILLER_WORDS.join('|'), 'g');

/** Anything that is not a letter or a digit separates clauses (punctuation, spaces, symbols). */
const SEPARATOR = /[^\p{L}\p{N}]+/gu;

const CHINESE_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

const CHINESE_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The value of a number written in Chinese numerals (二十万 200000, 四十 40, 两 2, 零三 3). */
function chineseNumber(run: string): number {
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const c of run) {
    if (c === '万') {
      total += (section + digit) * 10_000;
      section = 0;
      digit = 0;
    } else if (c in CHINESE_UNITS) {
      section += (digit || 1) * CHINESE_UNITS[c];
      digit = 0;
    } else digit = Number(c === '两' ? '2' : CHINESE_DIGITS[c]);
  }
  return total + section + digit;
}

/**
 * Chinese numerals counted by a measure word (三个月, 两年, 二十万元, 第十五条, 四十多亩): the
 * measure word must follow (directly or after 多 / 余), so words like 一直, 统一 stay as written.
 */
const COUNTED =
  /(?<![\d零〇一二两三四五六七八九十百千万])[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]*(?=[多余]?[个年月日天元亩人户次岁根页栋辆套名条家处米周倍级间层份位张笔项号小公平])/g;

/**
 * Digits as ASCII, so that a number is written one way whatever the petitioner typed:
 * full-width forms (by NFKC); years spelled digit by digit (二〇二四年 → 2024年: runs of three or
 * more); counted numbers in Chinese numerals (二十万元 → 200000元, 两年 → 2年); amounts in 万 and 千
 * (5万元 → 50000元, 3万6千 → 36000, 1.5万 → 15000); thousands separators dropped (50,000 → 50000).
 */
function digits(text: string): string {
  return text
    .replace(/[〇零一二三四五六七八九]{3,}/g, (run) =>
      [...run].map((c) => CHINESE_DIGITS[c]).join(''),
    )
    .replace(COUNTED, (run) => String(chineseNumber(run)))
    .replace(/(\d)[,，](?=\d{3}(?!\d))/g, '$1')
    .replace(/(\d+(?:\.\d+)?)万(?:(\d)千)?/g, (_m, n: string, k?: string) =>
      String(Math.round(Number(n) * 10_000 + Number(k ?? 0) * 1000)),
    )
    .replace(/(\d+(?:\.\d+)?)千/g, (_m, n: string) => String(Math.round(Number(n) * 1000)))
    .replace(/(\d+)\.(\d+)/g, '$1点$2');
}

/** The clauses of a text, each normalised: compared text never spans a punctuation mark. */
export function clauses(text: string): string[] {
  return digits(text.normalize('NFKC').toLowerCase())
    .split(SEPARATOR)
    .map((clause) => clause.replace(FILLER, ''))
    .filter((clause) => clause.length > 0);
}

/**
 * A text as compared: full-width made half-width, lower case, digits normalised, filler words,
 * punctuation and whitespace removed.
 */
export function normalise(text: string): string {
  return clauses(text).join('');
}

// ---------------------------------------------------------------------------------------------
// Prints

/** A number (digits only after normalisation) is one token; a run of letters is cut in bigrams. */
const TOKEN = /\d+|[^\d]+/g;

/**
 * The distinct grams of a text: each number whole (2024, 50000, 186), and the character bigrams
 * of every run of letters within a clause. A single letter between numbers (年, 月, 元, 号) is a
 * unit, the same in every petition, and dropped; a clause of one letter counts as itself.
 */
export function bigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (const clause of clauses(text)) {
    for (const token of clause.match(TOKEN) ?? []) {
      if (/^\d/.test(token)) {
        grams.add(token);
        continue;
      }
      const chars = [...token];
      if (chars.length === 1 && token === clause) grams.add(token);
      for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
    }
  }
  return grams;
}

/**
 * The text without the respondent's name (and, for a decision, its organ and document number):
 * the respondent is compared on its own, and counting it again in the text would make two
 * different matters against the same official or company look alike.
 */
export function withoutRespondent(text: string, respondent: string | null): string {
  let out = text.normalize('NFKC');
  if (!respondent) return out;
  const whole = respondent.normalize('NFKC').trim();
  const number = DOCUMENT_NUMBER.exec(whole);
  const parts = number
    ? [
        whole,
        number[0],
        whole.slice(0, number.index).trim(),
        whole.slice(number.index + number[0].length).trim(),
      ]
    : [whole];
  for (const part of parts.filter((p) => p.length >= 2).sort((a, b) => b.length - a.length)) {
    out = out.split(part).join('，');
  }
  return out;
}

/** 32-bit FNV-1a over UTF-16 code units. Part of the stored format: never change it silently. */
export function gramHash(gram: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < gram.length; i++) {
    h ^= gram.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const byHash = (a: string, b: string) => gramHash(a) - gramHash(b) || (a < b ? -1 : a > b ? 1 : 0);
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The print of a matter, to store with it. */
export function printOf(m: MatterInput): MatterPrint {
  const all = [...bigrams(withoutRespondent(m.text, m.respondent))];
  const kept = all.length > PRINT_GRAMS_MAX ? all.sort(byHash).slice(0, PRINT_GRAMS_MAX) : all;
  const respondent = m.respondent?.trim().slice(0, RESPONDENT_MAX) || null;
  return { version: PRINT_VERSION, kind: m.kind, respondent, grams: kept.sort(byCodePoint) };
}

/**
 * The bigrams of both prints below a common hash bound. A full print holds every bigram; a
 * sampled one holds every bigram up to its largest hash. Below the smaller of the two bounds
 * both samples are complete, so the two restricted sets are comparable samples of the texts.
 */
function comparable(a: MatterPrint, b: MatterPrint): [Set<string>, Set<string>] {
  const bound = (p: MatterPrint) =>
    p.grams.length < PRINT_GRAMS_MAX ? Infinity : Math.max(...p.grams.map(gramHash));
  const limit = Math.min(bound(a), bound(b));
  const keep = (p: MatterPrint) => new Set(p.grams.filter((g) => gramHash(g) <= limit));
  return [keep(a), keep(b)];
}

/** Jaccard and containment (overlap over the smaller set) of two sets. */
function overlap(a: Set<string>, b: Set<string>): { jaccard: number; containment: number } {
  if (a.size === 0 || b.size === 0) return { jaccard: 0, containment: 0 };
  let common = 0;
  for (const g of a) if (b.has(g)) common++;
  return {
    jaccard: common / (a.size + b.size - common),
    containment: common / Math.min(a.size, b.size),
  };
}

// ---------------------------------------------------------------------------------------------
// Respondents

/** What the respondent is called in a reason, by kind. */
const RESPONDENT_ROLE: Record<PetitionKind, string> = {
  accusation: '被控告人',
  criminal_appeal: '原处理决定',
  civil_appeal: '原处理决定',
  administrative_appeal: '原处理决定',
  state_compensation: '赔偿义务机关',
  judicial_assistance: '相关当事人',
  public_interest_clue: '违法行为主体',
  staff_misconduct: '被举报检察人员',
  other: '信访对象',
};

/** A respondent as compared: NFKC, lower case, no punctuation, no 人民 / 第 (as often omitted). */
function respondentKey(respondent: string): string {
  return respondent
    .normalize('NFKC')
    .toLowerCase()
    .replace(SEPARATOR, '')
    .replace(/人民|第/g, '');
}

/**
 * A court or procuratorate document number in a respondent, from the bracketed year to 号:
 * (2024)京0105民初1234号, （2024）京0105民初第1234号 and 〔2025〕12号. Written as its letters and
 * digits, one `-` wherever punctuation or space separated them, without 第.
 */
const DOCUMENT_NUMBER = /[([〔【]?\s*\d{4}\s*[)\]〕】]?[^号]{0,30}?号/;
function documentNumber(respondent: string): string | null {
  const m = DOCUMENT_NUMBER.exec(respondent.normalize('NFKC').toLowerCase());
  if (!m) return null;
  return m[0].replace(/第/g, '').replace(SEPARATOR, '-').replace(/^-|-$/g, '');
}

/**
 * Same when the document numbers agree (if both name one), otherwise when the names are equal or
 * one contains the other (王某某 and 朝阳区住建局王某某); unknown when either is missing.
 */
export function sameRespondent(a: string | null, b: string | null): boolean | null {
  if (!a || !b) return null;
  const na = documentNumber(a);
  const nb = documentNumber(b);
  if (na && nb) return na === nb;
  const ka = respondentKey(a);
  const kb = respondentKey(b);
  if (!ka || !kb) return null;
  return ka === kb || (Math.min(ka.length, kb.length) >= 2 && (ka.includes(kb) || kb.includes(ka)));
}

// ---------------------------------------------------------------------------------------------
// Comparison

const round2 = (x: number) => Math.round(x * 100) / 100;
const percent = (x: number) => `${Math.round(x * 100)}%`;

/**
 * How alike two matters are, whoever filed them: the text score (mean of Jaccard and containment
 * of the bigrams) raised by a same respondent, lowered by another respondent or another kind.
 */
export function compare(a: MatterPrint, b: MatterPrint): DuplicateSuggestion {
  const reasons: string[] = [];
  if (a.version !== b.version) return { similarity: 0, reasons: ['特征版本不同，无法比较'] };

  const { jaccard, containment } = overlap(...comparable(a, b));
  const text = (jaccard + containment) / 2;
  let score = text;

  if (a.kind === b.kind) reasons.push(`同为${PETITION_KIND_NAMES[a.kind]}`);
  else {
    score -= OTHER_KIND_PENALTY;
    reasons.push(`类别不同（${PETITION_KIND_NAMES[a.kind]}、${PETITION_KIND_NAMES[b.kind]}）`);
  }

  const role = RESPONDENT_ROLE[a.kind === b.kind ? a.kind : 'other'];
  const same = sameRespondent(a.respondent, b.respondent);
  if (same === true) {
    score += SAME_RESPONDENT_BONUS;
    reasons.push(`同一${role}“${a.respondent}”`);
  } else if (same === false) {
    score -= OTHER_RESPONDENT_PENALTY;
    reasons.push(`${role}不同（“${a.respondent}”与“${b.respondent}”）`);
  }

  reasons.push(`诉求与事实相似度 ${percent(text)}`);
  if (containment - jaccard >= 0.25)
    reasons.push(`较短一份的内容 ${percent(containment)} 见于另一份`);
  return { similarity: round2(Math.min(1, Math.max(0, score))), reasons };
}

/** A matter with its stored print, if it has one (computed from the text otherwise). */
export type ComparedMatter = MatterInput & { print?: MatterPrint };

const printFor = (m: ComparedMatter) =>
  m.print && m.print.version === PRINT_VERSION ? m.print : printOf(m);

/**
 * A suggestion that `b` (earlier) and `a` (new) are the same matter, or null: only between
 * petitions of the same person, and only at or above DUPLICATE_THRESHOLD.
 */
export function suspectDuplicate(
  a: ComparedMatter,
  b: ComparedMatter,
  threshold: number = DUPLICATE_THRESHOLD,
): DuplicateSuggestion | null {
  if (a.personKey !== b.personKey) return null;
  const { similarity, reasons } = compare(printFor(a), printFor(b));
  if (similarity < threshold) return null;
  return { similarity, reasons: ['同一信访人', ...reasons] };
}

// ---------------------------------------------------------------------------------------------
// From the submit form

/**
 * The form as stored on a petition (PetitionView's `form`). `Omit` over the union keeps only the
 * common fields, so the functions below read it as the union of each kind's form again.
 */
type FiledForm = { [K in PetitionKind]: Omit<PetitionFormOf<K>, 'clientToken'> }[PetitionKind];

/** Against whom or what the form's matter is brought, by kind; null when the form has no one. */
export function respondentOf(filed: Omit<PetitionForm, 'clientToken'>): string | null {
  const form = filed as FiledForm;
  switch (form.kind) {
    case 'accusation':
      return form.accused.name;
    case 'criminal_appeal':
    case 'civil_appeal':
    case 'administrative_appeal':
      return `${form.decision.organ}${form.decision.number}`;
    case 'staff_misconduct':
      return form.staff.name;
    case 'public_interest_clue':
      return form.clue.responsibleParty;
    // The organ liable for compensation is not a field of the form, and the victim is usually
    // the claimant, the same in all their claims: naming either would make unrelated claims of one
    // person look alike. Judicial assistance and other petitions name no one.
    case 'state_compensation':
    case 'judicial_assistance':
    case 'other':
      return null;
  }
}

/** The free texts of the form: the common three, then the kind's own. */
export function textOf(filed: Omit<PetitionForm, 'clientToken'>): string {
  const form = filed as FiledForm;
  const own = ((): string[] => {
    switch (form.kind) {
      case 'accusation':
        return [form.accused.conduct];
      case 'criminal_appeal':
      case 'civil_appeal':
      case 'administrative_appeal':
        return [form.decision.title];
      case 'state_compensation':
        return [form.compensation.specificRequest];
      case 'judicial_assistance':
        return [form.assistance.harm, form.assistance.hardship];
      case 'public_interest_clue':
        return [form.clue.interestHarmed];
      case 'staff_misconduct':
        return [form.staff.procuratorate, form.staff.conduct];
      case 'other':
        return [];
    }
  })();
  return [form.request, form.facts, form.reasons, ...own].join('\n');
}

/** The matter of a filed form, for `printOf` and `suspectDuplicate`. */
export function matterOf(form: Omit<PetitionForm, 'clientToken'>, personKey: string): MatterInput {
  return { personKey, kind: form.kind, respondent: respondentOf(form), text: textOf(form) };
}
