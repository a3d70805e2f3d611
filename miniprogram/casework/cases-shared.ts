// What the case-management pages (案件管理, 审核) share: the contract's party roles, sensitive kinds
// and limits, the CSV columns of a bulk import, and how an import's row errors and a refused
// caller are told. MIRRORS typings/cases.ts and domain/cases/import-file.ts (pages may only
// `import type` from outside miniprogram/); tests/miniprogram/casework.test.ts fails when they drift.
import type { PartyRole, SensitiveKind } from '../../typings/cases';
import type { ActionResult } from '../../typings/index';
import { fieldErrors, isRefusal } from '../utils/api';
import { confirm, notice } from '../utils/ui';

export const PARTY_ROLES: readonly PartyRole[] = [
  'suspect',
  'defendant',
  'victim',
  'witness',
  'appraiser',
  'plaintiff',
  'respondent',
  'other',
];

export const PARTY_ROLE_NAMES: Record<PartyRole, string> = {
  suspect: '犯罪嫌疑人',
  defendant: '被告人',
  victim: '被害人',
  witness: '证人',
  appraiser: '鉴定人',
  plaintiff: '申请人',
  respondent: '被申请人',
  other: '其他诉讼参与人',
};

export const SENSITIVE_KINDS: readonly SensitiveKind[] = [
  'state_secret',
  'juvenile',
  'state_security',
  'terrorism',
  'organised_crime',
];

export const SENSITIVE_KIND_NAMES: Record<SensitiveKind, string> = {
  state_secret: '涉及国家秘密',
  juvenile: '未成年人犯罪',
  state_security: '危害国家安全',
  terrorism: '恐怖活动',
  organised_crime: '黑社会性质组织犯罪',
};

/** CASE_LIMITS of the contract, and the text lengths of `caseFields`. */
export const CASE_PAGE_LIMITS = {
  causeMax: 100,
  unitMax: 100,
  stageMax: 50,
  noteMax: 500,
  resultMax: 1000,
  partiesMax: 50,
  measuresMax: 50,
  importMax: 200,
  caseNumberMax: 60,
  nameMax: 30,
  measureMax: 30,
  /** The reason of a refused review (reviewInput). */
  reasonMax: 200,
} as const;

/** The bytes an import file may have (cloudfunctions/cases/import.ts IMPORT_MAX_BYTES). */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

/** The file kinds case.import reads. */
export const IMPORT_EXTENSIONS = ['csv', 'json', 'txt'];

export const CASE_NUMBER_HINT = '如：京朝检刑诉受〔2024〕110105000001号，括号〔〕、[]、()均可';

/** The CSV columns of domain/cases/import-file.ts, in its order, as the import page explains them. */
export const CSV_COLUMN_HELP: {
  column: string;
  name: string;
  required: boolean;
  content: string;
}[] = [
  {
    column: 'caseNumber',
    name: '案件编号',
    required: true,
    content: '如 京朝检刑诉受〔2024〕110105000001号，各种括号均可',
  },
  { column: 'cause', name: '案由', required: true, content: '如 盗窃罪' },
  { column: 'acceptedOn', name: '受理时间', required: true, content: 'YYYY-MM-DD' },
  { column: 'timeLimit', name: '办案期限', required: true, content: 'YYYY-MM-DD' },
  { column: 'handlingUnit', name: '办案组织', required: true, content: '部门及办案组' },
  { column: 'stage', name: '办案进程', required: true, content: '如 审查起诉' },
  { column: 'result', name: '处理结果', required: false, content: '尚无结果的留空' },
  {
    column: 'parties',
    name: '当事人',
    required: true,
    content:
      '姓名:诉讼地位[:年龄[:刑期月数[:是否累犯]]]，多人用分号隔开，如 张三:suspect:35;李四:victim；是否累犯填 yes 或 no',
  },
  {
    column: 'measures',
    name: '强制措施',
    required: false,
    content:
      '姓名:措施:起始日期[:截止日期]，多项用分号隔开，如 张三:取保候审:2024-03-01:2025-02-28',
  },
  {
    column: 'flags',
    name: '案件标记',
    required: false,
    content:
      'juvenile（未成年人）、stateSecret（国家秘密）、commercialSecret（商业秘密）、privacy（个人隐私）、kind:<敏感案件类别>，多项用 | 隔开',
  },
];

export const CSV_EXAMPLE_HEADER =
  'caseNumber,cause,acceptedOn,timeLimit,handlingUnit,stage,result,parties,measures,flags';
export const CSV_EXAMPLE_ROW =
  '京朝检刑诉受〔2024〕110105000001号,盗窃罪,2024-03-01,2024-04-15,第一检察部,审查起诉,,张三:suspect:35;李四:victim,张三:取保候审:2024-03-01:2025-02-28,privacy';

const FIELD_NAMES: Record<string, string> = {
  caseNumber: '案件编号',
  cause: '案由',
  acceptedOn: '受理时间',
  timeLimit: '办案期限',
  handlingUnit: '办案组织',
  stage: '办案进程',
  result: '处理结果',
  parties: '当事人',
  measures: '强制措施',
  flags: '案件标记',
};

const PARTY_FIELD_NAMES: Record<string, string> = {
  name: '姓名',
  role: '诉讼地位',
  age: '年龄',
  sentenceMonths: '刑期',
  recidivist: '是否累犯',
};

const MEASURE_FIELD_NAMES: Record<string, string> = {
  partyName: '姓名',
  measure: '措施',
  from: '起始日期',
  to: '截止日期',
};

/** `parties.1.age` → `当事人2的年龄`; `flags.secretive` → `案件标记`; a path no field names → ''. */
export function caseFieldName(path: string): string {
  const [field, index, sub] = path.split('.');
  const name = FIELD_NAMES[field] ?? '';
  if (!name) return '';
  if (field === 'flags' || index === undefined || !/^\d+$/.test(index)) return name;
  const names = field === 'parties' ? PARTY_FIELD_NAMES : MEASURE_FIELD_NAMES;
  const n = Number(index) + 1;
  return sub && names[sub] ? `${name}${n}的${names[sub]}` : `${name}${n}`;
}

export interface ImportProblem {
  key: string;
  /** 0 for a problem of the whole file. */
  row: number;
  text: string;
}

/**
 * The problems case.import named, as the page lists them: `rows.<i>.<field>` → `第N行 字段：message`
 * (N counts the cases from the first row below the header); anything else is the file's.
 */
export function importProblems(issues: { path: string; message: string }[]): ImportProblem[] {
  return issues.map((issue, i) => {
    const m = /^rows\.(\d+)(?:\.(.+))?$/.exec(issue.path);
    if (!m) return { key: `p${i}`, row: 0, text: issue.message };
    const row = Number(m[1]) + 1;
    // The function numbers its messages itself (第3条：…); the list says the row once.
    const message = issue.message.replace(/^第\d+条[：:]/, '');
    const field = m[2] ? caseFieldName(m[2]) : '';
    return { key: `p${i}`, row, text: `第${row}行 ${field ? `${field}：` : ''}${message}` };
  });
}

/** A page deciding one request: 同意/通过, or 不同意/不通过 with the reason typed on the page. */
interface DecisionHost {
  data: { reason: string };
  setData(patch: Record<string, unknown>): void;
  /** Reads the request again (after CONFLICT). */
  load(): Promise<void>;
}

export interface Decision<T> {
  agree: boolean;
  /** What `deciding` is while the decision is asked and sent (the button that shows busy). */
  deciding: string;
  /** Said under the reason when refusing without one. */
  reasonRequired: string;
  /** The confirmation asked first: its title (also its button) and what the decision does. */
  title: string;
  content: string;
  /** Sends the decision; `reason` is the typed one, trimmed ('' when agreeing). */
  send(reason: string): Promise<ActionResult<T>>;
  /** The decision made: the page shows the result. */
  decided(result: T): void;
  /** The notice's title when someone else decided meanwhile (CONFLICT): then read again. */
  conflictTitle: string;
}

/**
 * A decision on a request, as the review pages make it: a refusal needs a reason, each is
 * confirmed before it is sent (the requester is told at once); CONFLICT says so and reads the
 * request again, a refused caller shows `forbidden`, and any other problem shows under the reason
 * (a reason's issue) or above the buttons.
 */
export async function decideWithReason<T>(host: DecisionHost, d: Decision<T>): Promise<void> {
  const reason = d.agree ? '' : host.data.reason.trim();
  if (!d.agree && !reason) {
    host.setData({ errors: { reason: d.reasonRequired }, formError: '' });
    return;
  }
  host.setData({ deciding: d.deciding, errors: {}, formError: '' });
  if (!(await confirm(d.title, d.content, d.title))) {
    host.setData({ deciding: '' });
    return;
  }
  const res = await d.send(reason);
  if (res.ok) {
    d.decided(res.data);
    return;
  }
  const { error } = res;
  if (error.code === 'CONFLICT') {
    host.setData({ deciding: '' });
    notice(d.conflictTitle, error.message);
    await host.load();
    return;
  }
  if (isRefusal(error.code)) {
    host.setData({ deciding: '', state: 'forbidden' });
    return;
  }
  const byPath = fieldErrors(res);
  host.setData({
    deciding: '',
    errors: byPath.reason ? { reason: byPath.reason } : {},
    // Why it cannot be decided so (an excluded case kind, a party not of the case) shows above.
    formError: byPath.reason ? '' : error.message,
  });
}

/** `YYYY-MM-DD` of today in China time. */
export function chinaToday(): string {
  const d = new Date(Date.now() + 8 * 60 * 60 * 1000);
  const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
