// The petition service's reference data as pages need it at runtime, and one description of the
// petition form per kind that a page renders field by field (the staff's offline filing, and any
// citizen page that wants it).
//
// Pages may only `import type` from typings/, so the names and limits below MIRROR
// typings/petition.ts; tests/miniprogram/petition-staff.test.ts fails when they drift apart.
import type {
  OfflineChannel,
  PetitionChannel,
  PetitionKind,
  PetitionStatus,
  PetitionSubmitInput,
  RefusalGround,
  ReplyMethod,
  DeadlineState,
} from '../../typings/petition';

export const PETITION_KINDS: readonly PetitionKind[] = [
  'accusation',
  'criminal_appeal',
  'civil_appeal',
  'administrative_appeal',
  'state_compensation',
  'judicial_assistance',
  'public_interest_clue',
  'staff_misconduct',
  'other',
];

export const PETITION_KIND_NAMES: Record<PetitionKind, string> = {
  accusation: '控告',
  criminal_appeal: '刑事申诉',
  civil_appeal: '民事申诉',
  administrative_appeal: '行政申诉',
  state_compensation: '国家赔偿',
  judicial_assistance: '国家司法救助',
  public_interest_clue: '公益诉讼线索',
  staff_misconduct: '检察人员违法违纪举报',
  other: '其他信访',
};

export const PETITION_STATUSES: readonly PetitionStatus[] = [
  'submitted',
  'registered',
  'materials_requested',
  'accepted',
  'refused',
  'transferred',
  'assigned',
  'procedural_replied',
  'in_progress',
  'answered',
  'closed',
  'withdrawn',
  'archived',
];

export const PETITION_STATUS_NAMES: Record<PetitionStatus, string> = {
  submitted: '已提交待登记',
  registered: '已登记',
  materials_requested: '待补充材料',
  accepted: '已受理',
  refused: '不予受理',
  transferred: '已转办',
  assigned: '承办中',
  procedural_replied: '已程序性答复',
  in_progress: '办理中',
  answered: '已答复',
  closed: '已办结',
  withdrawn: '已撤回',
  archived: '已归档',
};

export const PETITION_CHANNEL_NAMES: Record<PetitionChannel, string> = {
  online: '网上信访',
  letter: '来信',
  hotline: '12309热线',
  visit: '来访',
  video: '视频接访',
};

export const OFFLINE_CHANNELS: readonly OfflineChannel[] = ['letter', 'hotline', 'visit', 'video'];

export const REFUSAL_GROUNDS: readonly RefusalGround[] = [1, 2, 3, 4];

export const REFUSAL_GROUND_TEXTS: Record<RefusalGround, string> = {
  1: '控告、举报对象不明确且无法核实',
  2: '诉求不明确或者没有实质内容',
  3: '同一事项已经受理或者正在办理，在规定期限内重复提出，或者该事项已经依法终结',
  4: '不属于信访事项，系使用侮辱、威胁等言语滥用信访渠道',
};

export const REPLY_METHODS: readonly ReplyMethod[] = ['online', 'written', 'telephone', 'sms'];

/** How a deadline stands (typings/petition.ts DEADLINE_STATE_NAMES). */
export const DEADLINE_STATE_NAMES: Record<DeadlineState, string> = {
  met: '按期完成',
  met_late: '逾期完成',
  on_time: '未到期',
  due_soon: '即将到期',
  overdue: '已超期',
};

export const REPLY_METHOD_NAMES: Record<ReplyMethod, string> = {
  online: '网上答复',
  written: '书面答复',
  telephone: '电话答复',
  sms: '短信答复',
};

/** The form's limits (typings/petition.ts PETITION_LIMITS). */
export const PETITION_LIMITS = {
  requestMin: 5,
  requestMax: 500,
  factsMin: 10,
  factsMax: 5000,
  reasonsMin: 5,
  reasonsMax: 3000,
  addressMin: 5,
  addressMax: 100,
  nameMin: 2,
  nameMax: 20,
  descriptionMin: 10,
  descriptionMax: 2000,
  attachmentsMax: 9,
  amountMax: 100_000_000,
  receivedMax: 10,
} as const;

/** The limits of the staff steps' texts (typings/petition.ts, the inputs of refuse … answer). */
export const STAFF_STEP_LIMITS = {
  explanationMin: 10,
  explanationMax: 1000,
  reasonMin: 5,
  reasonMax: 500,
  procedureMin: 2,
  procedureMax: 50,
  itemMin: 2,
  itemMax: 100,
  itemsMax: 20,
  replyMin: 5,
  replyMax: 5000,
  resultMin: 5,
  resultMax: 500,
  attachmentsMax: 9,
} as const;

// ---------------------------------------------------------------------------------------------
// The form, described once

export type FieldType = 'text' | 'textarea' | 'digit' | 'date' | 'choice' | 'switch';

export interface FormField {
  /** Where the value goes in the submitted form, e.g. `accused.name`. */
  path: string;
  /** The path as an identifier (`accused_name`): the key of values and errors, and element ids. */
  id: string;
  label: string;
  type: FieldType;
  required: boolean;
  /** Length limits of text fields (characters); 0 when not limited here. */
  min: number;
  max: number;
  placeholder: string;
  /** For `choice`: the values and what the person reads. */
  options: { value: string; name: string }[];
  /** Shown only while another field (by id) has this value. */
  when: { id: string; value: string | boolean } | null;
}

export type FormValues = Record<string, string | boolean>;

interface FieldSpec {
  label: string;
  type?: FieldType;
  required?: boolean;
  min?: number;
  max?: number;
  placeholder?: string;
  options?: { value: string; name: string }[];
  when?: { id: string; value: string | boolean };
}

function field(path: string, spec: FieldSpec): FormField {
  const type = spec.type ?? 'text';
  return {
    path,
    id: path.replace(/\./g, '_'),
    label: spec.label,
    type,
    required: spec.required ?? true,
    min: spec.min ?? 0,
    max: spec.max ?? 0,
    placeholder:
      spec.placeholder ??
      // A one-line input cannot wrap at the large font, so its placeholder stays short; the
      // label above says what to fill in.
      (type === 'choice' || type === 'date'
        ? `请选择${spec.label}`
        : type === 'textarea'
          ? `请填写${spec.label}`
          : '请填写'),
    options: spec.options ?? [],
    when: spec.when ?? null,
  };
}

const L = PETITION_LIMITS;
const description = (path: string, label: string, extra: Partial<FieldSpec> = {}) =>
  field(path, {
    label,
    type: 'textarea',
    min: L.descriptionMin,
    max: L.descriptionMax,
    ...extra,
  });

/** What every kind asks (the petitioner's identity and the procuratorate are asked apart). */
export const COMMON_FIELDS: readonly FormField[] = [
  field('request', {
    label: '诉求',
    type: 'textarea',
    min: L.requestMin,
    max: L.requestMax,
    placeholder: '请写明希望检察机关解决的问题',
  }),
  field('facts', {
    label: '事实',
    type: 'textarea',
    min: L.factsMin,
    max: L.factsMax,
    placeholder: '请写明事情经过：时间、地点、人物、经过',
  }),
  field('reasons', { label: '理由', type: 'textarea', min: L.reasonsMin, max: L.reasonsMax }),
  field('address', { label: '住址', min: L.addressMin, max: L.addressMax }),
  field('contact', { label: '联系电话', type: 'digit', min: 11, max: 11 }),
];

const decision = [
  field('decision.title', { label: '原处理决定名称', min: 2, max: 100 }),
  field('decision.number', { label: '原处理决定文书编号', min: 1, max: 60 }),
  field('decision.date', { label: '原处理决定作出日期', type: 'date' }),
  field('decision.organ', { label: '作出决定的机关', min: 2, max: 60 }),
];

const person = { id: 'compensation_victim_type', value: 'person' };
const organisation = { id: 'compensation_victim_type', value: 'organisation' };

/** What each kind asks besides the common fields. */
export const KIND_FIELDS: Record<PetitionKind, readonly FormField[]> = {
  accusation: [
    field('accused.name', { label: '被控告人姓名或单位名称', min: 2, max: 100 }),
    field('accused.position', { label: '被控告人职务', required: false, max: 50 }),
    description('accused.conduct', '被控告的行为'),
  ],
  criminal_appeal: decision,
  civil_appeal: decision,
  administrative_appeal: decision,
  state_compensation: [
    field('compensation.victim.type', {
      label: '受害人类型',
      type: 'choice',
      options: [
        { value: 'person', name: '个人' },
        { value: 'organisation', name: '单位' },
      ],
    }),
    field('compensation.victim.name', {
      label: '受害人姓名',
      min: L.nameMin,
      max: L.nameMax,
      when: person,
    }),
    field('compensation.victim.sex', {
      label: '受害人性别',
      type: 'choice',
      options: [
        { value: 'male', name: '男' },
        { value: 'female', name: '女' },
      ],
      when: person,
    }),
    field('compensation.victim.age', { label: '受害人年龄', type: 'digit', max: 3, when: person }),
    field('compensation.victim.employer', {
      label: '受害人工作单位（无工作单位请填“无”）',
      max: 100,
      when: person,
    }),
    field('compensation.victim.domicile', {
      label: '受害人住所',
      min: L.addressMin,
      max: L.addressMax,
      when: person,
    }),
    field('compensation.victim.name', {
      label: '受害单位名称',
      min: 2,
      max: 100,
      when: organisation,
    }),
    field('compensation.victim.domicile', {
      label: '受害单位住所',
      min: L.addressMin,
      max: L.addressMax,
      when: organisation,
    }),
    field('compensation.victim.legalRepresentative', {
      label: '法定代表人或主要负责人姓名',
      min: L.nameMin,
      max: L.nameMax,
      when: organisation,
    }),
    field('compensation.claimantIsVictim', { label: '申请人是受害人本人', type: 'switch' }),
    field('compensation.relationship', {
      label: '申请人与受害人的关系',
      max: 50,
      when: { id: 'compensation_claimantIsVictim', value: false },
    }),
    field('compensation.amount', { label: '请求赔偿金额（元）', type: 'digit', max: 12 }),
    field('compensation.specificRequest', {
      label: '具体赔偿要求',
      type: 'textarea',
      min: 5,
      max: 500,
    }),
    field('compensation.applicationDate', { label: '申请日期', type: 'date' }),
  ],
  judicial_assistance: [
    description('assistance.harm', '遭受的实际损害'),
    description('assistance.hardship', '生活困难情况'),
  ],
  public_interest_clue: [
    description('clue.interestHarmed', '受到损害的公共利益'),
    field('clue.responsibleParty', { label: '违法行为主体', min: 2, max: 100 }),
  ],
  staff_misconduct: [
    field('staff.name', { label: '被举报人姓名', min: L.nameMin, max: L.nameMax }),
    field('staff.procuratorate', { label: '被举报人所在检察院', min: 2, max: 60 }),
    description('staff.conduct', '违法违纪行为'),
  ],
  other: [],
};

/** Values a new form starts with (a switch starts off, so its `false` branch shows). */
export function initialValues(kind: PetitionKind): FormValues {
  const values: FormValues = {};
  for (const f of [...COMMON_FIELDS, ...KIND_FIELDS[kind]]) {
    if (f.type === 'switch') values[f.id] = false;
  }
  if (kind === 'state_compensation') values.compensation_victim_type = 'person';
  return values;
}

/** The fields shown now: the common ones, then the kind's own whose condition holds. */
export function visibleFields(kind: PetitionKind, values: FormValues): FormField[] {
  return [...COMMON_FIELDS, ...KIND_FIELDS[kind]].filter(
    (f) => !f.when || (values[f.when.id] ?? (f.type === 'switch' ? false : '')) === f.when.value,
  );
}

function put(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

/** Filing for another person (代为信访), as typed: the contract's `onBehalfOf`. */
export interface ProxyValues {
  name: string;
  /** A PROXY_RELATIONSHIPS value, or '' when none is chosen yet (the contract says so). */
  relationship: string;
  note: string;
}

/** One compensation or aid already received (judicial assistance), as typed. */
export interface ReceivedValues {
  amount: string;
  source: string;
}

/**
 * The submit input of `kind` from the values typed: the shown fields only, empty optional ones
 * left out, numbers as typed (the contract reads numeric strings). The contract checks the rest.
 * `onBehalfOf` is sent only when given (filing for another person); `received` only for judicial
 * assistance, where an empty list means nothing was received.
 */
export function buildForm(
  kind: PetitionKind,
  values: FormValues,
  extra: {
    procuratorateId: string;
    clientToken: string;
    attachments?: string[];
    onBehalfOf?: ProxyValues | null;
    received?: ReceivedValues[];
  },
): PetitionSubmitInput {
  const form: Record<string, unknown> = {
    kind,
    procuratorateId: extra.procuratorateId,
    clientToken: extra.clientToken,
    attachments: extra.attachments ?? [],
  };
  if (extra.onBehalfOf) {
    const { name, relationship, note } = extra.onBehalfOf;
    form.onBehalfOf = { name, relationship, ...(note.trim() ? { note } : {}) };
  }
  for (const f of visibleFields(kind, values)) {
    const raw = values[f.id];
    if (f.type === 'switch') {
      put(form, f.path, raw === true);
      continue;
    }
    const value = typeof raw === 'string' ? raw : '';
    if (!f.required && value.trim() === '') continue;
    put(form, f.path, value);
  }
  if (kind === 'judicial_assistance') {
    put(
      form,
      'assistance.received',
      (extra.received ?? []).map((r) => ({ amount: r.amount, source: r.source })),
    );
  }
  return form as unknown as PetitionSubmitInput;
}

/**
 * Field errors keyed by field id, from a BAD_REQUEST's issues; `prefix` is stripped first (the
 * offline filing nests the form under `form.`). Issues of a list (`items.2`) go to the list.
 */
export function errorsById(
  issues: { path: string; message: string }[] | undefined,
  prefix = '',
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues ?? []) {
    let path = issue.path;
    if (prefix && path.startsWith(prefix)) path = path.slice(prefix.length);
    const key = path.replace(/\.\d+$/, '').replace(/\./g, '_') || '_';
    if (!errors[key]) errors[key] = issue.message;
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Status tags and deadlines as lists and details show them

/** The CSS class of a status tag (app.wxss): waiting on staff, finished well, or other. */
export function petitionTagClass(status: PetitionStatus): string {
  if (status === 'answered' || status === 'closed' || status === 'archived') return 'tag-replied';
  if (status === 'refused' || status === 'withdrawn' || status === 'transferred') return 'tag-soon';
  return 'tag-pending';
}
