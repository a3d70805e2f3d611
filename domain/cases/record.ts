// The checks of a case record beyond its field formats (typings/cases.ts `caseFields`): the case
// number belongs to the registering procuratorate, dates are real and in order, parties are named
// once per role, compulsory measures name a party; and what a change of a case tells the people
// bound to it (a new stage or result: one timeline entry, one progress message). Pure: no I/O.
import { parseCaseNumber } from './case-number';

export interface RecordIssue {
  /** A dotted path relative to the record (`timeLimit`, `parties.2.name`). */
  path: string;
  message: string;
}

/** What the checks read of a record (the parsed `caseFields`). */
export interface CaseRecordInput {
  caseNumber: string;
  acceptedOn: string;
  timeLimit: string;
  parties: { name: string; role: string }[];
  measures: { partyName: string; from: string; to?: string | null }[];
}

/** Whether `YYYY-MM-DD` names a day of the calendar (not 2023-02-30). */
export function isRealDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Full-width forms folded, spaces and middle dots removed (as case-number.ts reads a number). */
function fold(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s\u3000·]/g, '');
}

/**
 * Whether the text could be a case number at all: 检 and twelve digits in a row. Text that is
 * not (a name, a receipt number) is a mistake the person is told about; text that is, but does
 * not parse or names no registered case, is "not found", like any unknown number.
 */
export function looksLikeCaseNumber(raw: string): boolean {
  const folded = fold(raw);
  return folded.includes('检') && /\d{12}/.test(folded);
}

/** A case number's normalised form with the bracket style and spacing of a search folded, for prefix search. */
export function caseNumberPrefix(raw: string): string {
  return fold(raw)
    .replace(/[[(（【\uff3b]/g, '〔')
    .replace(/[\])）】\uff3d]/g, '〕');
}

/**
 * The issues of one case record registered by the procuratorate whose unit code is `unitCode`;
 * also answers the normalised case number when it parses.
 */
export function checkCaseRecord(
  record: CaseRecordInput,
  unitCode: string,
): { issues: RecordIssue[]; caseNumber: string | null } {
  const issues: RecordIssue[] = [];
  const parsed = parseCaseNumber(record.caseNumber);
  if (!parsed) {
    issues.push({
      path: 'caseNumber',
      message: '案件编号格式不正确，应如“京检刑诉受〔2023〕110105000001号”',
    });
  } else if (parsed.unitCode !== unitCode) {
    issues.push({
      path: 'caseNumber',
      message: `案件编号中的单位代码${parsed.unitCode}不是本院的代码${unitCode}`,
    });
  }

  const acceptedOk = isRealDay(record.acceptedOn);
  const limitOk = isRealDay(record.timeLimit);
  if (!acceptedOk) issues.push({ path: 'acceptedOn', message: '受理时间不是有效的日期' });
  if (!limitOk) issues.push({ path: 'timeLimit', message: '办案期限不是有效的日期' });
  if (acceptedOk && limitOk && record.timeLimit < record.acceptedOn) {
    issues.push({ path: 'timeLimit', message: '办案期限不能早于受理时间' });
  }

  const seen = new Set<string>();
  record.parties.forEach((p, i) => {
    const key = `${p.role}\n${p.name}`;
    if (seen.has(key)) {
      issues.push({ path: `parties.${i}.name`, message: `当事人“${p.name}”在同一诉讼地位下重复` });
    }
    seen.add(key);
  });
  const names = new Set(record.parties.map((p) => p.name));
  record.measures.forEach((m, i) => {
    if (!names.has(m.partyName)) {
      issues.push({
        path: `measures.${i}.partyName`,
        message: `被采取强制措施的“${m.partyName}”不是本案当事人`,
      });
    }
    const fromOk = isRealDay(m.from);
    if (!fromOk)
      issues.push({ path: `measures.${i}.from`, message: '强制措施起始日期不是有效的日期' });
    if (m.to) {
      if (!isRealDay(m.to)) {
        issues.push({ path: `measures.${i}.to`, message: '强制措施截止日期不是有效的日期' });
      } else if (fromOk && m.to < m.from) {
        issues.push({ path: `measures.${i}.to`, message: '强制措施截止日期不能早于起始日期' });
      }
    }
  });
  return { issues, caseNumber: parsed?.normalised ?? null };
}

/** Kinds of case whose information is never disclosed online (DOMAIN.md, 案件信息公开工作规定 art. 4). */
export function isUndisclosed(flags: {
  juvenile: boolean;
  stateSecret: boolean;
  sensitiveKind: string | null;
}): boolean {
  return (
    flags.juvenile ||
    flags.stateSecret ||
    flags.sensitiveKind === 'juvenile' ||
    flags.sensitiveKind === 'state_secret'
  );
}

/** Whatever makes a case sensitive (list marker): any flag or a sensitive kind. */
export function isSensitive(flags: {
  juvenile: boolean;
  stateSecret: boolean;
  commercialSecret: boolean;
  privacy: boolean;
  sensitiveKind: string | null;
}): boolean {
  return (
    flags.juvenile ||
    flags.stateSecret ||
    flags.commercialSecret ||
    flags.privacy ||
    flags.sensitiveKind !== null
  );
}

export interface ProgressChange {
  /** The timeline entry's stage (the new stage, or the unchanged one when only the result changed). */
  stage: string;
  /** The timeline note and the message's 说明: the staff's progress note, or a default. */
  note: string;
  /** The message's 进展 (`phrase`: at most 5 Chinese characters). */
  phrase: string;
}

const ONLY_CJK_UP_TO_5 = /^[\u4e00-\u9fff]{1,5}$/;

/**
 * What a save changes for the people bound to the case: null unless the stage or the result
 * changed (a new case has no bound people yet; its first timeline entry is written by the caller).
 */
export function progressChange(
  before: { stage: string; result: string | null },
  after: { stage: string; result: string | null },
  progressNote: string | undefined,
): ProgressChange | null {
  const stageChanged = before.stage !== after.stage;
  const resultChanged = (before.result ?? null) !== (after.result ?? null);
  if (!stageChanged && !resultChanged) return null;
  if (stageChanged) {
    return {
      stage: after.stage,
      note: progressNote ?? `案件进入${after.stage}阶段`,
      phrase: ONLY_CJK_UP_TO_5.test(after.stage) ? after.stage : '进展更新',
    };
  }
  return {
    stage: after.stage,
    note: progressNote ?? (after.result ? `处理结果：${after.result}` : '处理结果已更新'),
    phrase: after.result ? '已有结果' : '结果更新',
  };
}
