// The cases function: case information disclosure (案件信息公开) — cases kept by each
// procuratorate's case-management department (案件管理部), people bound to a case by proof of
// their role, the procedure query of the seven fields, lawyers' verification, and appointments
// (lawyers' requests on a bound case; petitioners' video receptions) on slots with a capacity.
// Rules and proofs per role: DOMAIN.md "Case information disclosure".
import { z } from 'zod';
import { action, output } from './contract';
import {
  clientToken,
  id,
  oneOf,
  optionalText,
  pagination,
  picked,
  text,
  type Page,
} from './fields';

// ---------------------------------------------------------------------------------------------
// Cases

export const PARTY_ROLES = [
  'suspect',
  'defendant',
  'victim',
  'witness',
  'appraiser',
  'plaintiff',
  'respondent',
  'other',
] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
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

/** Case kinds whose information is never disclosed or read online (DOMAIN.md), plus others an administrator lists. */
export const SENSITIVE_KINDS = [
  'state_secret',
  'juvenile',
  'state_security',
  'terrorism',
  'organised_crime',
] as const;
export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];
export const SENSITIVE_KIND_NAMES: Record<SensitiveKind, string> = {
  state_secret: '涉及国家秘密',
  juvenile: '未成年人犯罪',
  state_security: '危害国家安全',
  terrorism: '恐怖活动',
  organised_crime: '黑社会性质组织犯罪',
};

export const CASE_LIMITS = {
  causeMax: 100,
  unitMax: 100,
  stageMax: 50,
  noteMax: 500,
  resultMax: 1000,
  partiesMax: 50,
  measuresMax: 50,
  importMax: 200,
} as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayField = (label: string) =>
  z.string({ error: `请填写${label}` }).regex(DAY, `${label}应为YYYY-MM-DD格式的日期`);

export const caseParty = z
  .object({
    name: text('当事人姓名', { min: 2, max: 30 }),
    role: oneOf('诉讼地位', PARTY_ROLES),
    age: z.number({ error: '年龄应为数字' }).int('年龄应为整数').min(0).max(150).optional(),
    /** Months of the sentence once known (for the redaction of names, DOMAIN.md). */
    sentenceMonths: z
      .number({ error: '刑期应为月数' })
      .int('刑期应为整数月')
      .min(0)
      .max(1200)
      .optional(),
    recidivist: z.boolean({ error: '请选择是否累犯' }).default(false),
  })
  .strict();

export const caseMeasure = z
  .object({
    partyName: text('被采取强制措施的人', { min: 2, max: 30 }),
    measure: text('强制措施', { min: 2, max: 30 }),
    from: dayField('强制措施起始日期'),
    to: dayField('强制措施截止日期').optional(),
  })
  .strict();

export const caseFlags = z
  .object({
    juvenile: z.boolean().default(false),
    stateSecret: z.boolean().default(false),
    commercialSecret: z.boolean().default(false),
    privacy: z.boolean().default(false),
    sensitiveKind: oneOf('敏感案件类别', SENSITIVE_KINDS).nullable().default(null),
  })
  .strict();

/** What case-management staff register (and update: the same fields, all of them). */
export const caseFields = {
  caseNumber: text('案件编号', { min: 10, max: 60 }),
  cause: text('案由', { min: 2, max: CASE_LIMITS.causeMax }),
  acceptedOn: dayField('受理时间'),
  /** 办案期限: the day the present stage's time limit ends. */
  timeLimit: dayField('办案期限'),
  /** 办案组织: the department and prosecutor's team. */
  handlingUnit: text('办案组织', { min: 2, max: CASE_LIMITS.unitMax }),
  /** 办案进程: the present stage (审查起诉, 审查逮捕 …). */
  stage: text('办案进程', { min: 2, max: CASE_LIMITS.stageMax }),
  result: optionalText('处理结果', CASE_LIMITS.resultMax),
  parties: z
    .array(caseParty, { error: '当事人格式不正确' })
    .min(1, '请至少填写一名当事人')
    .max(CASE_LIMITS.partiesMax),
  measures: z.array(caseMeasure, { error: '强制措施格式不正确' }).max(CASE_LIMITS.measuresMax),
  flags: caseFlags,
};

export const caseSaveInput = z
  .object({
    /** Absent: register a new case; present: update it (with the version shown). */
    id: id('案件').optional(),
    version: z.number().int().min(1).optional(),
    ...caseFields,
    /** What the bound people are told about this change (a progress note), if anything. */
    progressNote: optionalText('进展说明', CASE_LIMITS.noteMax),
  })
  .strict();

export const caseImportInput = z
  .object({
    /** A CSV or JSON file uploaded with wx.cloud.uploadFile (the format: README). */
    fileID: z
      .string({ error: '请上传导入文件' })
      .regex(/^cloud:\/\/\S{1,500}$/, '导入文件格式不正确'),
  })
  .strict();

export interface CaseStageView {
  at: string;
  stage: string;
  note: string | null;
}

/** The seven fields (DOMAIN.md) and the timeline: what a bound person sees. */
export interface CaseProcedureView {
  id: string;
  caseNumber: string;
  procuratorateName: string;
  /** 案由 */
  cause: string;
  /** 受理时间 */
  acceptedOn: string;
  /** 办案期限 */
  timeLimit: string;
  /** 办案组织 */
  handlingUnit: string;
  /** 办案进程 */
  stage: string;
  /** 处理结果 */
  result: string | null;
  /** 强制措施 (of the bound person's party only, for a citizen; all for the defender) */
  measures: { partyName: string; measure: string; from: string; to: string | null }[];
  timeline: CaseStageView[];
  updatedAt: string;
  /** The caller's binding: as whom they see it. */
  boundAs: { role: BindingRole; roleName: string; partyName: string };
}

/** What case-management staff see and edit. */
export interface CaseStaffView extends Omit<CaseProcedureView, 'boundAs'> {
  procuratorateId: string;
  parties: z.output<typeof caseParty>[];
  flags: z.output<typeof caseFlags>;
  version: number;
  bindings: { pending: number; approved: number };
}

export interface CaseListItem {
  id: string;
  caseNumber: string;
  cause: string;
  stage: string;
  acceptedOn: string;
  timeLimit: string;
  updatedAt: string;
  sensitive: boolean;
}

// ---------------------------------------------------------------------------------------------
// Lawyers

export const LAWYER_STATUSES = ['pending', 'approved', 'refused'] as const;
export type LawyerStatus = (typeof LAWYER_STATUSES)[number];
export const REVIEW_STATUS_NAMES: Record<LawyerStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  refused: '未通过',
};

export const lawyerVerifyInput = z
  .object({
    name: text('姓名', { min: 2, max: 30 }),
    /** 执业证号: 17 digits (DOMAIN.md). */
    certificateNumber: z
      .string({ error: '请填写执业证号' })
      .trim()
      .regex(/^\d{17}$/, '执业证号应为17位数字'),
    firm: text('执业机构', { min: 4, max: 100 }),
    /** The certificate's photo. */
    certificateImage: z
      .string({ error: '请上传执业证照片' })
      .regex(/^cloud:\/\/\S{1,500}$/, '执业证照片格式不正确，请重新上传'),
    /** The procuratorate whose case-management staff check it. */
    procuratorateId: picked('审核的检察院'),
  })
  .strict();

export interface LawyerView {
  name: string;
  certificateNumber: string;
  firm: string;
  status: LawyerStatus;
  statusName: string;
  reason: string | null;
  submittedAt: string;
  reviewedAt: string | null;
}

/** What the reviewing staff see of a verification: whose it is and the certificate's photo. */
export interface LawyerStaffView extends LawyerView {
  /** The verification's id (the lawyer's OPENID), for lawyer.review. */
  id: string;
  openid: string;
  procuratorateId: string;
  /** A two-hour link to the certificate's photo (null when the file is gone). */
  certificateImageUrl: string | null;
}

// ---------------------------------------------------------------------------------------------
// Bindings: who may query a case

export const BINDING_ROLES = [
  'party',
  'legal_representative',
  'close_relative',
  'defender',
  'agent',
] as const;
export type BindingRole = (typeof BINDING_ROLES)[number];
export const BINDING_ROLE_NAMES: Record<BindingRole, string> = {
  party: '当事人本人',
  legal_representative: '法定代理人',
  close_relative: '近亲属',
  defender: '辩护人',
  agent: '诉讼代理人',
};
/** Roles a verified lawyer binds as; the others are for citizens with a real-name profile. */
export const LAWYER_BINDING_ROLES: readonly BindingRole[] = ['defender', 'agent'];
/** What each role proves (DOMAIN.md), as the page asks for it. */
export const BINDING_PROOFS: Record<BindingRole, string> = {
  party: '本人身份证件',
  legal_representative: '身份证件及户口簿或监护关系证明',
  close_relative: '身份证件及户口簿或结婚证等亲属关系证明',
  defender: '授权委托书或法律援助公函',
  agent: '授权委托书或法律援助公函',
};

export const bindingRequestInput = z
  .object({
    caseNumber: text('案件编号', { min: 10, max: 60 }),
    role: oneOf('与案件的关系', BINDING_ROLES),
    /** The party the caller is, or acts for. */
    partyName: text('当事人姓名', { min: 2, max: 30 }),
    proofs: z
      .array(
        z
          .string({ error: '证明材料格式不正确' })
          .regex(/^cloud:\/\/\S{1,500}$/, '证明材料格式不正确'),
        { error: '请上传证明材料' },
      )
      .min(1, '请上传证明材料')
      .max(9, '证明材料最多9个文件'),
    note: optionalText('说明', 200),
  })
  .strict();

export interface BindingView {
  id: string;
  caseId: string | null;
  caseNumber: string;
  procuratorateName: string;
  role: BindingRole;
  roleName: string;
  partyName: string;
  status: LawyerStatus;
  statusName: string;
  reason: string | null;
  requestedAt: string;
  reviewedAt: string | null;
}

/** Staff see who asks (masked ID number; the lawyer's certificate) and the proofs. */
export interface BindingStaffView extends BindingView {
  requester: { name: string; idNumberMasked: string | null; lawyer: LawyerView | null };
  /** Two-hour links to the proofs, in the order uploaded (null when a file is gone). */
  proofs: (string | null)[];
  /** The case's parties, to check the party named against. */
  caseParties: { name: string; role: PartyRole; roleName: string }[];
}

export const reviewInput = z
  .object({
    id: id('申请'),
    approve: z.boolean({ error: '请选择是否通过' }),
    reason: optionalText('理由', 200),
  })
  .strict()
  .refine((v) => v.approve || !!v.reason, { message: '不通过的，请填写理由', path: ['reason'] });

// ---------------------------------------------------------------------------------------------
// Appointments

export const APPOINTMENT_TYPES = [
  'file_reading',
  'meeting',
  'evidence',
  'hearing',
  'measures_change',
  'video_reception',
] as const;
export type AppointmentType = (typeof APPOINTMENT_TYPES)[number];
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

export const APPOINTMENT_STATUSES = ['booked', 'confirmed', 'refused', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const APPOINTMENT_STATUS_NAMES: Record<AppointmentStatus, string> = {
  booked: '待确认',
  confirmed: '已确认',
  refused: '未同意',
  cancelled: '已取消',
};

export const slotsSetInput = z
  .object({
    type: oneOf('预约事项', APPOINTMENT_TYPES),
    day: dayField('日期'),
    /** `HH:mm-HH:mm` periods of the day with their capacity; replaces that day's slots of the type. */
    periods: z
      .array(
        z
          .object({
            start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '开始时间应为HH:mm'),
            end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '结束时间应为HH:mm'),
            capacity: z
              .number({ error: '名额应为数字' })
              .int('名额应为整数')
              .min(1, '名额至少1个')
              .max(100, '名额最多100个'),
          })
          .strict(),
        { error: '时段格式不正确' },
      )
      .max(20, '一天最多20个时段'),
  })
  .strict();

export interface SlotView {
  id: string;
  type: AppointmentType;
  day: string;
  start: string;
  end: string;
  capacity: number;
  booked: number;
  left: number;
}

export const bookInput = z
  .object({
    slotId: id('预约时段'),
    /** The binding (a bound case) for a lawyer's request; absent for a video reception. */
    bindingId: id('绑定的案件').optional(),
    /** What the lawyer asks for, or what the petitioner wants to raise. */
    note: text('预约事由', { min: 5, max: 500 }),
    clientToken,
  })
  .strict();

export interface AppointmentView {
  id: string;
  type: AppointmentType;
  typeName: string;
  procuratorateName: string;
  caseNumber: string | null;
  day: string;
  start: string;
  end: string;
  note: string;
  status: AppointmentStatus;
  statusName: string;
  reason: string | null;
  /** When staff must answer by (3 working days for file reading; 3 days for measures). */
  answerDue: string | null;
  createdAt: string;
  can: { cancel: boolean };
}

export interface AppointmentStaffView extends AppointmentView {
  requester: { name: string; lawyer: boolean; firm: string | null };
  overdue: boolean;
  /** Sent back with a decision, so a decision on a stale page answers CONFLICT. */
  version: number;
}

export const appointmentDecideInput = z
  .object({
    id: id('预约'),
    confirm: z.boolean({ error: '请选择是否同意' }),
    reason: optionalText('理由', 200),
    /** The version the page showed (AppointmentStaffView.version). */
    version: z.number({ error: '版本应为数字' }).int().min(1).optional(),
  })
  .strict()
  .refine((v) => v.confirm || !!v.reason, { message: '不同意的，请填写理由', path: ['reason'] });

// ---------------------------------------------------------------------------------------------
// The contract

/** The case-management department's staff (案件管理部). */
// ---------------------------------------------------------------------------------------------
// Causes excluded from online file reading (the administrator's list)

export const DISCLOSURE_LIMITS = { causesMax: 30, causeMin: 2, causeMax: 20 } as const;

/** The same cause however it is spaced or typed (full-width letters): NFKC without spaces. */
export const normalCause = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

export const disclosureSettingsSaveInput = z
  .object({
    excludedCauses: z
      .array(text('案由', { min: DISCLOSURE_LIMITS.causeMin, max: DISCLOSURE_LIMITS.causeMax }), {
        error: '案由应为列表',
      })
      .max(DISCLOSURE_LIMITS.causesMax, `最多设置${DISCLOSURE_LIMITS.causesMax}个案由`),
    /** The version the page showed (0 before the first save): a stale page answers CONFLICT. */
    version: z.number({ error: '版本应为数字' }).int().min(0),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.excludedCauses.forEach((cause, i) => {
      const key = normalCause(cause);
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['excludedCauses', i],
          message: `案由“${cause}”重复`,
        });
      }
      seen.add(key);
    });
  });
export type DisclosureSettingsSaveInput = z.infer<typeof disclosureSettingsSaveInput>;

export interface DisclosureSettingsView {
  procuratorateId: string;
  procuratorateName: string;
  /** A case whose cause contains one of these is not read online (besides the kinds by law). */
  excludedCauses: string[];
  /** 0 before the first save. */
  version: number;
  updatedAt: string | null;
  updatedByName: string | null;
}

const staffAudience = ['case_manager'] as const;
const listInput = z.object({ ...pagination }).strict();

export const cases = {
  'case.save': action({
    summary:
      'Case-management staff register a case or update it (all fields; version checked); bound people are told of a change of stage or result',
    input: caseSaveInput,
    output: output<CaseStaffView>(),
    audience: staffAudience,
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'case.import': action({
    summary:
      'Case-management staff import cases from an uploaded CSV or JSON file: all or nothing, each bad row named',
    input: caseImportInput,
    output: output<{ created: number; updated: number }>(),
    audience: staffAudience,
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT'],
  }),
  'case.list': action({
    summary: "Case-management staff: their procuratorate's cases, newest first, by number or cause",
    input: z.object({ q: optionalText('搜索', 60), ...pagination }).strict(),
    output: output<Page<CaseListItem>>(),
    audience: staffAudience,
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  'case.get': action({
    summary: 'Case-management staff: one case of their procuratorate, as they edit it',
    input: z.object({ id: id('案件') }).strict(),
    output: output<CaseStaffView>(),
    audience: staffAudience,
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  procedure: action({
    summary:
      'A person bound to the case (approved): its seven fields and timeline; nobody else learns anything of it',
    input: z.object({ caseId: id('案件') }).strict(),
    output: output<CaseProcedureView>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'NOT_FOUND'],
  }),
  'lawyer.verify': action({
    summary:
      'A lawyer submits their practising certificate (number, firm, photo) for case-management staff to check',
    input: lawyerVerifyInput,
    output: output<LawyerView>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'NOT_FOUND', 'PRECONDITION_FAILED'],
  }),
  'lawyer.get': action({
    summary: "The caller's own lawyer verification, or null",
    input: z.object({}).strict(),
    output: output<{ lawyer: LawyerView | null }>(),
    audience: ['user'],
    errors: ['UNAUTHENTICATED'],
  }),
  'binding.request': action({
    summary:
      'A citizen (party, legal representative, close relative) or a verified lawyer (defender, agent) asks to be bound to a case, with the proofs the role needs',
    input: bindingRequestInput,
    output: output<BindingView>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'NOT_FOUND', 'PRECONDITION_FAILED'],
  }),
  'binding.mine': action({
    summary: "The caller's binding requests and bound cases, newest first",
    input: listInput,
    output: output<Page<BindingView>>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED'],
  }),
  'review.inbox': action({
    summary:
      'Case-management staff: pending binding requests and lawyer verifications of their procuratorate',
    input: z.object({ kind: oneOf('类别', ['binding', 'lawyer']), ...pagination }).strict(),
    output: output<Page<BindingStaffView | LawyerStaffView>>(),
    audience: staffAudience,
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  'binding.review': action({
    summary:
      'Case-management staff approve or refuse a binding request (a refusal states why); the requester is told',
    input: reviewInput,
    output: output<BindingStaffView>(),
    audience: staffAudience,
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'lawyer.review': action({
    summary: "Case-management staff approve or refuse a lawyer's verification; the lawyer is told",
    input: reviewInput,
    output: output<LawyerStaffView>(),
    audience: staffAudience,
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'slots.set': action({
    summary:
      "Case-management staff set one day's periods and capacities for one kind of appointment",
    input: slotsSetInput,
    output: output<{ slots: SlotView[] }>(),
    audience: staffAudience,
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'PRECONDITION_FAILED'],
  }),
  'slots.list': action({
    summary: "A procuratorate's open slots of one kind from today on, with the places left",
    input: z
      .object({ procuratorateId: picked('检察院'), type: oneOf('预约事项', APPOINTMENT_TYPES) })
      .strict(),
    output: output<{ slots: SlotView[] }>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED'],
  }),
  book: action({
    summary:
      'Book a place on a slot (never more than its capacity, whatever the concurrency): a lawyer on a bound case, or a petitioner for a video reception',
    input: bookInput,
    output: output<AppointmentView>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'NOT_FOUND', 'PRECONDITION_FAILED'],
  }),
  cancel: action({
    summary: 'The booker cancels an appointment not yet refused; the place is freed',
    input: z.object({ id: id('预约') }).strict(),
    output: output<AppointmentView>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'NOT_FOUND', 'PRECONDITION_FAILED'],
  }),
  'appointments.mine': action({
    summary: "The caller's appointments, newest first",
    input: listInput,
    output: output<Page<AppointmentView>>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED'],
  }),
  'appointments.inbox': action({
    summary:
      "Case-management staff: their procuratorate's appointments to answer, the earliest due first, with what is overdue",
    input: z
      .object({ status: oneOf('预约状态', APPOINTMENT_STATUSES).optional(), ...pagination })
      .strict(),
    output: output<Page<AppointmentStaffView>>(),
    audience: staffAudience,
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  'appointments.decide': action({
    summary:
      'Case-management staff confirm or refuse an appointment (a refusal states why; online file reading of an excluded case kind is refused); the booker is told',
    input: appointmentDecideInput,
    output: output<AppointmentStaffView>(),
    audience: staffAudience,
    errors: [
      'BAD_REQUEST',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
      'CONFLICT',
      'PRECONDITION_FAILED',
    ],
  }),
  'disclosure.settings.get': action({
    summary:
      'Administrator: the causes (案由) their procuratorate excludes from online file reading, besides the kinds the rules exclude',
    input: z.object({}).strict(),
    output: output<DisclosureSettingsView>(),
    audience: ['admin'],
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  'disclosure.settings.save': action({
    summary:
      'Administrator: replaces that list (version checked, audited); new bookings of such cases are refused and booked ones are refused at confirmation',
    input: disclosureSettingsSaveInput,
    output: output<DisclosureSettingsView>(),
    audience: ['admin'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT'],
  }),
} as const;
