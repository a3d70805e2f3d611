// Redaction of legal documents before publication (起诉书, 不起诉决定书, 抗诉书 …): what is masked,
// where, and why, for a staff member who sees the original and the masked text side by side and
// approves. Pure: the case's parties are passed in.
//
// Masked (DOMAIN.md, "Case information disclosure"): resident ID numbers, phone numbers, bank card
// numbers, e-mail addresses, licence plates, home addresses (after 住 / 住址 / 户籍地 …), health
// details (after 患有 / 诊断为 … and named conditions), and the names of the parties that must not be
// named (mustMaskName). Stays visible: case numbers, article numbers, amounts, dates, courts and
// procuratorates, places where something happened (no 住-like label before them), injury grades of
// forensic opinions (轻伤二级 …), and the names of the prosecutors, judges and clerks who sign.
// Other likely personal names that are not in the parties list are flagged for the reviewer, never
// masked by themselves.

export type PartyRole = 'suspect' | 'defendant' | 'victim' | 'witness' | 'appraiser' | 'other';

export interface RedactionParty {
  name: string;
  role: PartyRole;
  minor: boolean;
  /**
   * Months of the sentence once known (null unknown). A suspect who is not prosecuted
   * (不起诉) receives no penalty: pass 0, and the name is masked like a short sentence.
   */
  sentenceMonths: number | null;
  recidivist: boolean;
  /** Other names the person goes by in the text (绰号, 化名, 小名). */
  aliases?: string[];
}

export type SpanKind =
  'id_number' | 'phone' | 'bank_card' | 'address' | 'email' | 'plate' | 'health' | 'name';

export interface Span {
  /** UTF-16 offsets in the original text, end exclusive. */
  start: number;
  end: number;
  kind: SpanKind;
  /** What the masked text shows instead. */
  replacement: string;
  /** Why it is masked, in Chinese, for the reviewer. */
  reason: string;
}

/** A likely personal name that is neither masked nor a listed party: for the reviewer to decide. */
export interface Flag {
  start: number;
  end: number;
  text: string;
  reason: string;
}

export interface Redaction {
  masked: string;
  spans: Span[];
  flags: Flag[];
}

/** Two-character surnames (复姓): the whole of it is kept when a name is masked. */
export const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '端木',
  '西门',
  '南宫',
  '独孤',
  '澹台',
  '公冶',
  '宗政',
  '濮阳',
  '太史',
  '申屠',
  '轩辕',
  '呼延',
  '闻人',
  '万俟',
  '赫连',
  '钟离',
  '百里',
  '东郭',
  '司空',
  '第五',
  '拓跋',
] as const;

/** Common single-character surnames, for finding likely names that are not in the parties list. */
const SINGLE_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏' +
  '吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵' +
  '万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝' +
  '包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾' +
  '尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬' +
  '师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝封';

/** Surnames that are also prepositions or verbs: text after them is too often not a name. */
const AMBIGUOUS_SURNAMES = new Set(['于', '向', '将', '经', '从', '由', '和', '明', '时', '全']);

// ---------------------------------------------------------------------------------------------
// Names

/** The surname of a name as written: a compound surname when listed, else the first character. */
export function surnameOf(name: string): string {
  const personal = personalPart(name);
  if (personal.length > 2) {
    for (const s of COMPOUND_SURNAMES) if (personal.startsWith(s)) return s;
  }
  return Array.from(personal)[0] ?? '';
}

/** Separators of minority and transliterated names (阿依古丽·买买提). */
const NAME_DOTS = ['·', '•', '・', '．', '‧'] as const;
const NAME_DOT = /[·•・．‧]/;

/** The part of a name before a name dot (the personal name of 阿依古丽·买买提), or the name. */
function personalPart(name: string): string {
  return name.trim().split(NAME_DOT)[0];
}

/**
 * The surname kept and the given name replaced by 某: 张三 → 张某, 欧阳明华 → 欧阳某,
 * 阿依古丽·买买提 → 阿某. A name already masked (张某, 张某某) is returned as it is.
 */
export function maskedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return '某';
  if (/^.{1,2}某+$/u.test(trimmed) && !NAME_DOT.test(trimmed)) return trimmed;
  return `${surnameOf(trimmed)}某`;
}

/**
 * Whether a party's name is masked in a published document: victims, witnesses, appraisers,
 * minors and other persons (relatives and others mentioned, who are no party to the charge) always;
 * suspects and defendants when sentenced to three years or less (a suspect not prosecuted counts
 * as 0 months) and not recidivists. An unknown sentence keeps the name: the document waits for
 * the judgment, or the reviewer masks by hand.
 */
export function mustMaskName(p: RedactionParty): boolean {
  if (p.minor) return true;
  if (p.role === 'defendant' || p.role === 'suspect') {
    return p.sentenceMonths !== null && p.sentenceMonths <= 36 && !p.recidivist;
  }
  return true;
}

const ROLE_NAMES: Record<PartyRole, string> = {
  suspect: '犯罪嫌疑人',
  defendant: '被告人',
  victim: '被害人',
  witness: '证人',
  appraiser: '鉴定人',
  other: '案件相关人员',
};

function nameReason(p: RedactionParty): string {
  if (p.minor) return `未成年人（${ROLE_NAMES[p.role]}）姓名`;
  if (p.role === 'defendant' || p.role === 'suspect') {
    return p.sentenceMonths === 0
      ? `${ROLE_NAMES[p.role]}姓名：未判处刑罚`
      : `${ROLE_NAMES[p.role]}姓名：判处三年有期徒刑以下刑罚且非累犯`;
  }
  return `${ROLE_NAMES[p.role]}姓名`;
}

/** The full name written with each kind of name dot (阿依古丽·买买提, 阿依古丽•买买提 …). */
function dotVariants(name: string): string[] {
  if (!NAME_DOT.test(name)) return [name];
  return NAME_DOTS.map((d) => name.replace(new RegExp(NAME_DOT.source, 'g'), d));
}

/** The given name alone, when the text may use it (two characters or more). */
function givenName(name: string): string | null {
  const personal = personalPart(name);
  if (NAME_DOT.test(name)) return Array.from(personal).length >= 2 ? personal : null;
  const given = personal.slice(surnameOf(personal).length);
  return Array.from(given).length >= 2 ? given : null;
}

/**
 * What follows a given name that is really a place or a body: 建国路, 振华公司 … A given name
 * alone followed by one of these is not taken as a mention.
 */
const PLACE_SUFFIX =
  /^(?:路|街|道|巷|弄|区|县|市|镇|乡|村|省|里|小区|大厦|大街|大道|公司|厂|医院|学校|中学|小学|大学|集团|银行|派出所|广场|花园|公园|宾馆|酒店|商场|超市|饭店|门|桥|站)/;

interface NameForm {
  text: string;
  party: RedactionParty;
  given: boolean;
}

function nameForms(p: RedactionParty): NameForm[] {
  const forms: NameForm[] = [];
  const add = (text: string, given: boolean) => {
    const t = text.trim();
    if (t !== '' && !forms.some((f) => f.text === t)) forms.push({ text: t, party: p, given });
  };
  for (const v of dotVariants(p.name)) add(v, false);
  for (const a of p.aliases ?? []) add(a, false);
  const given = givenName(p.name);
  if (given) add(given, true);
  return forms;
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** Full-width digits, letters, brackets and signs made ASCII: same length, same indices. */
function halfWidth(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ（）－＋＠．\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

type NumberKind = 'id_number' | 'phone' | 'bank_card';

/** Digits 7–14 (or 7–12 of a 15-digit number) read as a birth date: 19xx/20xx, month, day. */
function dateLike(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  return y >= 1850 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

// How people group the digits of each kind of number (lengths of the groups, by one space or dash).
const ID18_SHAPES = new Set(['18', '6,8,4', '6,4,4,4', '3,3,4,4,4', '4,4,4,4,2', '6,6,6']);
const ID15_SHAPES = new Set(['15', '6,6,3', '6,9']);
const MOBILE_SHAPES = new Set(['11', '3,4,4', '3,8', '7,4', '2,11', '2,3,4,4', '2,3,8', '13']);

/**
 * What a run of digit groups is, when it is one of the numbers masked: resident ID numbers
 * (18 digits, also without a valid check digit, and 15-digit first-generation ones), mobile
 * numbers (1[3-9] + 9 digits, +86 allowed), landlines with area code, bank cards (16–19 digits,
 * also in groups of four). Anything else (case numbers, amounts, dates) is left alone.
 */
function classify(groups: string[]): NumberKind | null {
  const all = groups.join('').toUpperCase();
  const shape = groups.map((g) => g.length).join(',');
  const xAt = all.indexOf('X');
  if (xAt >= 0 && xAt !== all.length - 1) return null;
  if (all.length === 18 && ID18_SHAPES.has(shape)) {
    if (all.endsWith('X') || dateLike(all.slice(6, 14))) return 'id_number';
  }
  if (xAt >= 0) return null;
  if (all.length === 15 && ID15_SHAPES.has(shape) && dateLike(`19${all.slice(6, 12)}`)) {
    return 'id_number';
  }
  if (MOBILE_SHAPES.has(shape)) {
    const national = all.length === 13 && all.startsWith('86') ? all.slice(2) : all;
    if (/^1[3-9]\d{9}$/.test(national) && (all.length === 11 || groups[0].startsWith('86'))) {
      return 'phone';
    }
  }
  if (groups.length === 2 && /^0\d{2,3}$/.test(groups[0]) && /^\d{7,8}$/.test(groups[1])) {
    return 'phone';
  }
  if (groups.length === 1 && /^0[1-9]\d{8,10}$/.test(all)) return 'phone';
  if (all.length >= 16 && all.length <= 19) {
    if (groups.length === 1) return 'bank_card';
    const fours = groups.slice(0, -1).every((g) => g.length === 4);
    if (fours && groups.length >= 4 && groups[groups.length - 1].length <= 4) return 'bank_card';
    if (groups.length === 2 && groups[0].length === 6) return 'bank_card';
  }
  return null;
}

/** A label right before a number that makes a short local number (87654321) a phone number. */
const PHONE_LABEL = /(?:电话|手机|座机|联系方式|手机号码|电话号码)[：:为是\s]{0,3}$/;

interface Candidate {
  start: number;
  end: number;
  kind: SpanKind;
  replacement: string;
  reason: string;
}

const NUMBER_REASONS: Record<NumberKind, string> = {
  id_number: '身份证号码',
  phone: '电话号码',
  bank_card: '银行卡号',
};

/** Each digit (and X) shown as *, the separators kept. */
function starDigits(s: string): string {
  return s.replace(/[0-9XxＸｘ０-９]/g, '*');
}

function numberCandidates(text: string, ascii: string): Candidate[] {
  const out: Candidate[] = [];
  const tokens = Array.from(ascii.matchAll(/\d+[Xx]?/g), (m) => ({
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    digits: m[0],
  }));
  // Chains of groups joined by exactly one space or dash.
  let i = 0;
  while (i < tokens.length) {
    let last = i;
    while (
      last + 1 < tokens.length &&
      tokens[last + 1].start - tokens[last].end === 1 &&
      /[ -]/.test(ascii[tokens[last].end]) &&
      !/[Xx]$/.test(tokens[last].digits)
    ) {
      last++;
    }
    let k = i;
    while (k <= last) {
      let matched = false;
      for (let j = Math.min(last, k + 5); j >= k; j--) {
        const groups = tokens.slice(k, j + 1).map((t) => t.digits);
        let kind = classify(groups);
        let start = tokens[k].start;
        const end = tokens[j].end;
        if (!kind && j === k && /^\d{7,8}$/.test(groups[0])) {
          if (PHONE_LABEL.test(ascii.slice(Math.max(0, start - 10), start))) kind = 'phone';
        }
        if (!kind) continue;
        if (kind === 'phone' && ascii[start - 1] === '+') start--;
        const original = text.slice(start, end);
        out.push({
          start,
          end,
          kind,
          replacement: starDigits(original),
          reason: NUMBER_REASONS[kind],
        });
        k = j + 1;
        matched = true;
        break;
      }
      if (!matched) k++;
    }
    i = last + 1;
  }
  // Landlines with the area code in brackets: (010)12345678, （010） 1234-5678.
  for (const m of ascii.matchAll(/\(0\d{2,3}\)[ -]?\d{3,4}-?\d{4}(?!\d)/g)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    out.push({
      start,
      end,
      kind: 'phone',
      replacement: starDigits(text.slice(start, end)),
      reason: NUMBER_REASONS.phone,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// E-mail, plates, addresses, health

const EMAIL = /[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

const PLATE =
  /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•・ ]?[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])/g;

/**
 * Labels before a home address. 住 alone counts only at the start of a clause (after ，、。；
 * or a line break), where documents write "…，住北京市朝阳区…", not inside 居住 or 住院.
 */
const ADDRESS_LABEL =
  /(?:住址|住所地|住所|户籍地|户籍所在地|户籍地址|家住|家庭住址|现住址|现住|暂住地|暂住|居住地|经常居住地|(?<=^|[，,。；;、\s（(])住(?![院宿房手口了过着进处]))[：:为在于是]?/g;

/** Where an address ends: punctuation, a space, or a word that starts the next clause. */
const ADDRESS_TEXT = /^[\u4e00-\u9fa5A-Za-z0-9#\-—－（）()·]{2,60}/;
const ADDRESS_STOP = /[，,。；;、\s]|(?:电话|手机|联系|身份证|公民身份|系|因|现|于\d)/;

/** The province and city at the head of an address: kept visible, the rest is masked. */
const ADDRESS_KEEP =
  /^(?:[\u4e00-\u9fa5]{2,8}?(?:省|自治区))?(?:[\u4e00-\u9fa5]{1,10}?(?:市|自治州|地区|盟))?/;
/** What makes the text after a label an address rather than something else. */
const ADDRESS_WORD = /[省市区县旗镇乡村路街道巷弄号室楼栋单元组屯里院]/;

function addressCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(ADDRESS_LABEL)) {
    const from = (m.index ?? 0) + m[0].length;
    const head = ADDRESS_TEXT.exec(text.slice(from));
    if (!head) continue;
    let body = head[0];
    const stop = ADDRESS_STOP.exec(body);
    if (stop) body = body.slice(0, stop.index);
    // Unbalanced trailing bracket: the address ended inside it.
    body = body.replace(/[（(][^）)]*$/, '');
    if (!ADDRESS_WORD.test(body)) continue;
    const keep = ADDRESS_KEEP.exec(body)?.[0].length ?? 0;
    if (body.length - keep < 1) continue;
    out.push({
      start: from + keep,
      end: from + body.length,
      kind: 'address',
      replacement: '××',
      reason: '住址',
    });
  }
  return out;
}

/** Named conditions masked wherever they are written. */
const CONDITIONS = [
  '艾滋病病毒',
  '艾滋病',
  'HIV',
  '精神分裂症',
  '精神病',
  '抑郁症',
  '双相情感障碍',
  '躁郁症',
  '焦虑症',
  '癫痫',
  '梅毒',
  '淋病',
  '乙肝',
  '乙型肝炎',
  '丙肝',
  '肺结核',
  '白血病',
  '尿毒症',
  '肝硬化',
  '癌症',
  '肝癌',
  '肺癌',
  '胃癌',
  '乳腺癌',
  '糖尿病',
  '高血压',
  '心脏病',
  '智力残疾',
  '精神残疾',
  '阿尔茨海默病',
  '不孕症',
] as const;
const CONDITION_RE = new RegExp(
  CONDITIONS.slice()
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
);

/** Words before a health detail: the phrase after them, up to the end of the clause, is masked. */
const HEALTH_LABEL =
  /(?:患有|患上|罹患|身患|被诊断为|诊断为|确诊为|确诊患有|经诊断为|经诊断|病历(?:显示|记载|载明)?|(?<!身)体检(?:报告)?(?:显示|发现|结果为)?|病情为|病史)[：:为系]?/g;
const HEALTH_TEXT = /^[^，,。；;、\s）)]{1,24}/;

function healthCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(HEALTH_LABEL)) {
    const from = (m.index ?? 0) + m[0].length;
    const phrase = HEALTH_TEXT.exec(text.slice(from));
    if (!phrase) continue;
    out.push({
      start: from,
      end: from + phrase[0].length,
      kind: 'health',
      replacement: '××',
      reason: '健康状况',
    });
  }
  for (const m of text.matchAll(CONDITION_RE)) {
    const start = m.index ?? 0;
    out.push({
      start,
      end: start + m[0].length,
      kind: 'health',
      replacement: '××',
      reason: '健康状况',
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Placement

/** Accepted spans, sorted by start, never overlapping. */
class Layout {
  readonly spans: Candidate[] = [];

  overlaps(start: number, end: number): boolean {
    return this.spans.some((s) => start < s.end && end > s.start);
  }

  /** Places a candidate when it overlaps nothing; returns whether it was placed. */
  place(c: Candidate): boolean {
    if (c.end <= c.start || this.overlaps(c.start, c.end)) return false;
    this.spans.push(c);
    return true;
  }

  /** Places what of a candidate is free: the parts between spans already placed. */
  placeAround(c: Candidate): void {
    let from = c.start;
    const inside = this.spans
      .filter((s) => s.start < c.end && s.end > c.start)
      .sort((a, b) => a.start - b.start);
    for (const s of inside) {
      if (s.start > from) this.spans.push({ ...c, start: from, end: s.start });
      from = Math.max(from, s.end);
    }
    if (from < c.end) this.spans.push({ ...c, start: from, end: c.end });
  }
}

function allIndexes(text: string, needle: string): number[] {
  const at: number[] = [];
  if (needle === '') return at;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) {
    at.push(i);
  }
  return at;
}

/** Those who act in their public office: their names stay (检察员：王某某 signs the document). */
const OFFICIAL_CUE =
  /(?:代理检察员|检察员|检察官|审判长|审判员|人民陪审员|书记员|法官|辩护人|诉讼代理人|律师)[：:\s]*/g;

/** Where the names of officials and lawyers are written, unless a listed party is named there. */
function officialNames(text: string, parties: RedactionParty[]): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(OFFICIAL_CUE)) {
    const at = (m.index ?? 0) + m[0].length;
    const name = nameAt(text, at);
    if (!name) continue;
    if (parties.some((p) => name.includes(p.name) || p.name.includes(name))) continue;
    out.push([at, at + name.length]);
  }
  return out;
}

function nameCandidates(text: string, parties: RedactionParty[], layout: Layout): Candidate[] {
  const forms = parties.flatMap((p) => nameForms(p).map((f) => ({ ...f, mask: mustMaskName(p) })));
  // Longest first, so 张三丰 is one mention and not 张三 + 丰; at equal length a name that stays
  // visible is reserved before a masked one (the mention belongs to the person who is named).
  forms.sort((a, b) => b.text.length - a.text.length || Number(a.mask) - Number(b.mask));
  const reserved: [number, number][] = officialNames(text, parties);
  const free = (s: number, e: number) =>
    !reserved.some(([rs, re]) => s < re && e > rs) && !layout.overlaps(s, e);
  const out: Candidate[] = [];
  for (const f of forms) {
    for (const start of allIndexes(text, f.text)) {
      const end = start + f.text.length;
      if (!free(start, end)) continue;
      if (f.given && PLACE_SUFFIX.test(text.slice(end, end + 3))) continue;
      if (!f.mask) {
        // A given name alone of a visible person may be someone else's too: reserve only full names.
        if (!f.given) reserved.push([start, end]);
        continue;
      }
      const c: Candidate = {
        start,
        end,
        kind: 'name',
        replacement: maskedName(f.party.name),
        reason: nameReason(f.party),
      };
      if (layout.place(c)) out.push(c);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Flags: likely names the parties list does not know

/** Words after which a person's name usually follows. */
const NAME_CUE =
  /(?:被害人|证人|同案犯|同案人|共犯|同伙|被告人|犯罪嫌疑人|被不起诉人|原审被告人|申诉人|被申诉人|鉴定人|其妻|其夫|其子|其女|之女|之子|之妻|之夫|其父|其母|其兄|其弟|其姐|其妹|妻子|丈夫|儿子|女儿|父亲|母亲|朋友|同事|邻居|男友|女友|前妻|前夫|称呼|名叫|化名|绰号|网名|介绍人|雇主|房东|租户|受害人|当事人|亲属)[：:“"]?/g;

/** Characters that end a name: function words and verbs that follow names in documents. */
const NAME_STOP = new Set(
  Array.from(
    '的之其不等在于称和与及因被将把到是向对为以系某家处所已均也都还又并后前时曾先再即就才却亦则但说讲经遭受作证供陈述分驾持用从让叫找给要来去上下内外人二三四五六七八九十年月日',
  ),
);
const CJK = /[\u4e00-\u9fa5]/;

/** The length of a run of up to `max` name characters (CJK, not a stop character) at `at`. */
function nameRun(text: string, at: number, max: number): number {
  let n = 0;
  while (
    n < max &&
    at + n < text.length &&
    CJK.test(text[at + n]) &&
    !NAME_STOP.has(text[at + n])
  ) {
    n++;
  }
  return n;
}

/**
 * A likely name starting at `at`: a name with a name dot (阿依古丽·买买提), or a known surname and
 * one or two more characters.
 */
function nameAt(text: string, at: number): string | null {
  const first = nameRun(text, at, 6);
  if (first > 0 && NAME_DOT.test(text[at + first] ?? '')) {
    const second = nameRun(text, at + first + 1, 6);
    if (second > 0) return text.slice(at, at + first + 1 + second);
  }
  let surname = '';
  for (const s of COMPOUND_SURNAMES) if (text.startsWith(s, at)) surname = s;
  if (!surname) {
    const c = text[at];
    if (!c || !SINGLE_SURNAMES.includes(c) || AMBIGUOUS_SURNAMES.has(c)) return null;
    surname = c;
  }
  let name = surname;
  for (let i = at + surname.length; i < text.length && name.length < surname.length + 2; i++) {
    const c = text[i];
    if (!CJK.test(c) || NAME_STOP.has(c)) break;
    name += c;
  }
  return name.length > surname.length ? name : null;
}

function findFlags(text: string, layout: Layout, parties: RedactionParty[]): Flag[] {
  const known = parties.flatMap((p) => nameForms(p).map((f) => f.text));
  const flags: Flag[] = [];
  const consider = (at: number, cue: string): number | null => {
    const name = nameAt(text, at);
    if (!name) return null;
    const end = at + name.length;
    const isKnown = known.some((k) => k === name || k.startsWith(name) || name.startsWith(k));
    if (!isKnown && !layout.overlaps(at, end) && !flags.some((f) => f.start === at)) {
      flags.push({
        start: at,
        end,
        text: name,
        reason: `“${cue}”后疑似人名“${name}”，不在当事人名单中，请核对是否需要隐去`,
      });
    }
    return end;
  };
  /** Follows a list after a name: 张三、李四和王五. */
  const list = (from: number, cue: string) => {
    let at = from;
    for (let n = 0; n < 6 && /[、和与及]/.test(text[at] ?? ''); n++) {
      const next = at + 1;
      const span = layout.spans.find((s) => s.start === next);
      if (span) {
        at = span.end;
        continue;
      }
      const masked = /^[\u4e00-\u9fa5]{1,2}某某?/.exec(text.slice(next, next + 4));
      if (masked) {
        at = next + masked[0].length;
        continue;
      }
      const end = consider(next, cue);
      if (end === null) return;
      at = end;
    }
  };
  for (const m of text.matchAll(NAME_CUE)) {
    const at = (m.index ?? 0) + m[0].length;
    const cue = m[0].replace(/[：:“"]$/, '');
    const span = layout.spans.find((s) => s.start === at && s.kind === 'name');
    const end = span ? span.end : consider(at, cue);
    if (end !== null) list(end, cue);
  }
  // Lists that start with a name already anonymised: 张某某、李小明.
  for (const m of text.matchAll(/[\u4e00-\u9fa5]{1,2}某某?(?=[、和与及])/g)) {
    list((m.index ?? 0) + m[0].length, '同列人员');
  }
  return flags.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------

/**
 * Masks a document for publication. Spans are in the original's offsets, sorted, never
 * overlapping; `masked` is the text with each span replaced. When rules overlap, the first in
 * this order wins: e-mail, numbers (ID, bank card, phone), plates, names, addresses, health
 * details; an address or health phrase still masks what is left of it around the others.
 */
export function redact(text: string, parties: RedactionParty[]): Redaction {
  const ascii = halfWidth(text);
  const layout = new Layout();
  for (const m of ascii.matchAll(EMAIL)) {
    const start = m.index ?? 0;
    layout.place({
      start,
      end: start + m[0].length,
      kind: 'email',
      replacement: '***',
      reason: '电子邮箱',
    });
  }
  const numbers = numberCandidates(text, ascii);
  const order: NumberKind[] = ['id_number', 'bank_card', 'phone'];
  numbers.sort((a, b) => order.indexOf(a.kind as NumberKind) - order.indexOf(b.kind as NumberKind));
  for (const c of numbers) layout.place(c);
  for (const m of ascii.matchAll(PLATE)) {
    const start = m.index ?? 0;
    const plate = text.slice(start, start + m[0].length);
    if (!/\d/.test(plate)) continue;
    layout.place({
      start: start + 2,
      end: start + plate.length,
      kind: 'plate',
      replacement: plate.slice(2).replace(/[A-Za-z0-9Ａ-Ｚ０-９]/g, '*'),
      reason: '车牌号码',
    });
  }
  nameCandidates(text, parties, layout);
  for (const c of addressCandidates(text)) layout.placeAround(c);
  for (const c of healthCandidates(text)) layout.placeAround(c);

  const spans: Span[] = layout.spans
    .sort((a, b) => a.start - b.start)
    .map(({ start, end, kind, replacement, reason }) => ({
      start,
      end,
      kind,
      replacement,
      reason,
    }));
  return { masked: applySpans(text, spans), spans, flags: findFlags(text, layout, parties) };
}

/** The text with each (sorted, non-overlapping) span replaced. */
export function applySpans(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.replacement;
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * Why no document of a case may be published at all (人民检察院案件信息公开工作规定 art. 4),
 * in Chinese, or null when the case's documents may be published after redaction.
 */
export function unpublishable(flags: {
  juvenile: boolean;
  stateSecret: boolean;
  commercialSecret: boolean;
  privacy: boolean;
}): string | null {
  const reasons: string[] = [];
  if (flags.juvenile) reasons.push('未成年人犯罪案件');
  if (flags.stateSecret) reasons.push('涉及国家秘密的案件');
  if (flags.commercialSecret) reasons.push('涉及商业秘密的案件');
  if (flags.privacy) reasons.push('涉及个人隐私的案件');
  if (reasons.length === 0) return null;
  return `${reasons.join('、')}的法律文书依法不予公开`;
}
