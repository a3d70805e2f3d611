// The petition service's contract data (信访): kinds, the submit form per kind, statuses, views.
import { z } from 'zod';
import { calendarActions } from './calendar';
import { personName, residentIdNumber } from './account';
import { action, output } from './contract';
import {
  clientToken,
  id,
  mobile,
  oneOf,
  optionalText,
  pagination,
  picked,
  text,
  type Page,
} from './fields';
import { petitionStatsInput, type PetitionStats } from './petition-stats';
import { petitionDossierInput, type PetitionDossierView } from './petition-dossier';

// ---------------------------------------------------------------------------------------------
// Kinds

export const PETITION_KINDS = [
  'accusation',
  'criminal_appeal',
  'civil_appeal',
  'administrative_appeal',
  'state_compensation',
  'judicial_assistance',
  'public_interest_clue',
  'staff_misconduct',
  'other',
] as const;
export type PetitionKind = (typeof PETITION_KINDS)[number];

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

// ---------------------------------------------------------------------------------------------
// Statuses of the lifecycle (the machine is domain/petition/machine.ts)

export const PETITION_STATUSES = [
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
] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

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

// ---------------------------------------------------------------------------------------------
// Refusal grounds (DOMAIN.md "Not accepted"; 信访工作条例 art. 19, 26, 36)

export const REFUSAL_GROUNDS = [1, 2, 3, 4] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

/** The four grounds on which a petition is not accepted, as the petitioner reads them. */
export const REFUSAL_GROUND_TEXTS: Record<RefusalGround, string> = {
  1: '控告、举报对象不明确且无法核实',
  2: '诉求不明确或者没有实质内容',
  3: '同一事项已经受理或者正在办理，在规定期限内重复提出，或者该事项已经依法终结',
  4: '不属于信访事项，系使用侮辱、威胁等言语滥用信访渠道',
};

// ---------------------------------------------------------------------------------------------
// Other closed lists

/** Who files for another person: 本人 is not a choice here (filing for oneself means no onBehalfOf). */
export const PROXY_RELATIONSHIPS = ['close_relative', 'guardian', 'agent', 'other'] as const;
export type ProxyRelationship = (typeof PROXY_RELATIONSHIPS)[number];
export const PROXY_RELATIONSHIP_NAMES: Record<ProxyRelationship, string> = {
  close_relative: '近亲属',
  guardian: '监护人',
  agent: '委托代理人',
  other: '其他',
};

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_NAMES: Record<Sex, string> = { male: '男', female: '女' };

/** How a petition arrived; staff register the offline ones (条例 art. 17, 21). */
export const PETITION_CHANNELS = ['online', 'letter', 'hotline', 'visit', 'video'] as const;
export type PetitionChannel = (typeof PETITION_CHANNELS)[number];
export const PETITION_CHANNEL_NAMES: Record<PetitionChannel, string> = {
  online: '网上信访',
  letter: '来信',
  hotline: '12309热线',
  visit: '来访',
  video: '视频接访',
};

export const REPLY_METHODS = ['online', 'written', 'telephone', 'sms'] as const;
export type ReplyMethod = (typeof REPLY_METHODS)[number];
export const REPLY_METHOD_NAMES: Record<ReplyMethod, string> = {
  online: '网上答复',
  written: '书面答复',
  telephone: '电话答复',
  sms: '短信答复',
};

/** Satisfaction with the answer (条例 art. 21 asks for the petitioner's evaluation). */
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const SATISFACTION_NAMES: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

// ---------------------------------------------------------------------------------------------
// Limits, stated in the messages

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
const L = PETITION_LIMITS;

// ---------------------------------------------------------------------------------------------
// Generic helpers not (yet) in fields.ts — candidates to move there.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day `YYYY-MM-DD` that exists (no 2月30日). Whether it is in the past is the handler's check. */
export function day(label: string) {
  return z
    .string({ error: `请选择${label}` })
    .trim()
    .regex(DAY, `${label}应为“年-月-日”格式`)
    .refine((v) => {
      const m = DAY.exec(v);
      if (!m) return false;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const date = new Date(Date.UTC(y, mo - 1, d));
      return (
        date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
      );
    }, `${label}不是有效日期`);
}

/** Numbers typed in a text box arrive as strings: a numeric string is read as its number. */
function numeric(v: unknown): unknown {
  return typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : v;
}

/** An amount in yuan: positive, at most two decimals (fen). */
export function yuan(label: string, max: number = L.amountMax) {
  return z.preprocess(
    numeric,
    z
      .number({ error: `请填写${label}（元）` })
      .positive(`${label}应大于0`)
      .max(max, `${label}不能超过${max}元`)
      .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, `${label}最多保留两位小数`),
  );
}

/** A whole number within limits (an age, a count). */
export function wholeNumber(label: string, min: number, max: number) {
  return z.preprocess(
    numeric,
    z
      .number({ error: `请填写${label}` })
      .int(`${label}应为整数`)
      .min(min, `${label}应在${min}到${max}之间`)
      .max(max, `${label}应在${min}到${max}之间`),
  );
}

/** A file uploaded with wx.cloud.uploadFile: its fileID starts with `cloud://`. */
export function cloudFile(label: string) {
  return z
    .string({ error: `${label}格式不正确` })
    .regex(/^cloud:\/\/\S{1,500}$/, `${label}格式不正确，请重新上传`);
}

// ---------------------------------------------------------------------------------------------
// The submit form: one discriminated union on `kind`

const common = {
  procuratorateId: picked('受理检察院'),
  /** 诉求 */
  request: text('诉求', { min: L.requestMin, max: L.requestMax }),
  /** 事实 */
  facts: text('事实', { min: L.factsMin, max: L.factsMax }),
  /** 理由 */
  reasons: text('理由', { min: L.reasonsMin, max: L.reasonsMax }),
  address: text('住址', { min: L.addressMin, max: L.addressMax }),
  contact: mobile('联系电话'),
  /** Absent when the petitioner files for themself. Their own name and ID come from the profile. */
  onBehalfOf: z
    .object(
      {
        name: text('被代理人姓名', { min: L.nameMin, max: L.nameMax }),
        relationship: oneOf('与被代理人的关系', PROXY_RELATIONSHIPS),
        note: optionalText('关系说明', 50),
      },
      { error: '代为信访的信息格式不正确' },
    )
    .strict()
    .refine((v) => v.relationship !== 'other' || !!v.note, {
      message: '请说明与被代理人的关系',
      path: ['note'],
    })
    .optional(),
  attachments: z
    .array(cloudFile('附件'), { error: '附件格式不正确' })
    .max(L.attachmentsMax, `附件最多${L.attachmentsMax}个`)
    .default([]),
  clientToken,
};

const description = (label: string) =>
  text(label, { min: L.descriptionMin, max: L.descriptionMax });

/** The decision appealed against (原处理决定), shared by the three appeal kinds. */
const decision = z
  .object(
    {
      title: text('原处理决定名称', { min: 2, max: 100 }),
      number: text('原处理决定文书编号', { max: 60 }),
      date: day('原处理决定作出日期'),
      organ: text('作出决定的机关', { min: 2, max: 60 }),
    },
    { error: '请填写原处理决定' },
  )
  .strict();

const personVictim = z
  .object({
    type: z.literal('person'),
    name: text('受害人姓名', { min: L.nameMin, max: L.nameMax }),
    sex: oneOf('受害人性别', SEXES),
    age: wholeNumber('受害人年龄', 0, 150),
    employer: text('受害人工作单位（无工作单位请填“无”）', { max: 100 }),
    domicile: text('受害人住所', { min: L.addressMin, max: L.addressMax }),
  })
  .strict();

const organisationVictim = z
  .object({
    type: z.literal('organisation'),
    name: text('受害单位名称', { min: 2, max: 100 }),
    domicile: text('受害单位住所', { min: L.addressMin, max: L.addressMax }),
    legalRepresentative: text('法定代表人或主要负责人姓名', { min: L.nameMin, max: L.nameMax }),
  })
  .strict();

/** 国家赔偿法 art. 12: the victim, the claimant's relationship if not the victim, the request, the date. */
const compensation = z
  .object(
    {
      victim: z.discriminatedUnion('type', [personVictim, organisationVictim], {
        error: '请选择受害人是个人还是单位',
      }),
      claimantIsVictim: z.boolean({ error: '请选择申请人是否为受害人本人' }),
      relationship: optionalText('申请人与受害人的关系', 50),
      amount: yuan('请求赔偿金额'),
      /** The specific request (具体要求): what is to be compensated and how. */
      specificRequest: text('具体赔偿要求', { min: 5, max: 500 }),
      /** The date of the application (申请的年、月、日). */
      applicationDate: day('申请日期'),
    },
    { error: '请填写国家赔偿申请信息' },
  )
  .strict()
  .refine((v) => v.claimantIsVictim || !!v.relationship, {
    message: '申请人不是受害人本人的，请填写与受害人的关系',
    path: ['relationship'],
  })
  .refine((v) => !(v.claimantIsVictim && v.victim.type === 'organisation'), {
    message: '受害人为单位的，申请人不能选择“本人”，请填写与受害单位的关系',
    path: ['claimantIsVictim'],
  });

const receivedAid = z
  .object({
    amount: yuan('已获赔偿或救助金额'),
    source: text('已获赔偿或救助的来源', { min: 2, max: 100 }),
  })
  .strict();

export const petitionSubmitInput = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('accusation'),
        ...common,
        accused: z
          .object(
            {
              name: text('被控告人姓名或单位名称', { min: 2, max: 100 }),
              position: optionalText('被控告人职务', 50),
              conduct: description('被控告的行为'),
            },
            { error: '请填写被控告人信息' },
          )
          .strict(),
      })
      .strict(),
    z.object({ kind: z.literal('criminal_appeal'), ...common, decision }).strict(),
    z.object({ kind: z.literal('civil_appeal'), ...common, decision }).strict(),
    z.object({ kind: z.literal('administrative_appeal'), ...common, decision }).strict(),
    z.object({ kind: z.literal('state_compensation'), ...common, compensation }).strict(),
    z
      .object({
        kind: z.literal('judicial_assistance'),
        ...common,
        assistance: z
          .object(
            {
              harm: description('遭受的实际损害'),
              hardship: description('生活困难情况'),
              /** Compensation or aid already received; empty means none. */
              received: z
                .array(receivedAid, { error: '已获赔偿或救助情况格式不正确' })
                .max(L.receivedMax, `已获赔偿或救助最多填写${L.receivedMax}项`)
                .default([]),
            },
            { error: '请填写司法救助申请信息' },
          )
          .strict(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('public_interest_clue'),
        ...common,
        clue: z
          .object(
            {
              interestHarmed: description('受到损害的公共利益'),
              responsibleParty: text('违法行为主体', { min: 2, max: 100 }),
            },
            { error: '请填写公益诉讼线索' },
          )
          .strict(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('staff_misconduct'),
        ...common,
        staff: z
          .object(
            {
              name: text('被举报人姓名', { min: L.nameMin, max: L.nameMax }),
              procuratorate: text('被举报人所在检察院', { min: 2, max: 60 }),
              conduct: description('违法违纪行为'),
            },
            { error: '请填写被举报检察人员信息' },
          )
          .strict(),
      })
      .strict(),
    z.object({ kind: z.literal('other'), ...common }).strict(),
  ],
  { error: '请选择信访类别' },
);

/** What the page sends. */
export type PetitionSubmitInput = z.input<typeof petitionSubmitInput>;
/** What the function works with after parsing (trimmed, defaults filled). */
export type PetitionForm = z.output<typeof petitionSubmitInput>;
export type PetitionFormOf<K extends PetitionKind> = Extract<PetitionForm, { kind: K }>;

export interface PetitionSubmitOutput {
  id: string;
  receiptNumber: string;
  /** True when the same clientToken had already filed this petition. */
  duplicate: boolean;
}

// ---------------------------------------------------------------------------------------------
// Receipt numbers

/**
 * The receipt number (受理编号) given at submit: `<unit code>-<year>-<sequence>`, e.g.
 * `110105-2026-000123` — the procuratorate's 6-digit unit code, the year in Asia/Shanghai time,
 * and a 6-digit sequence starting at 000001 each year, allocated without gaps per procuratorate.
 * ASCII only, so it fits a subscription message's `character_string` field (≤ 32 characters, no
 * Chinese) unchanged. Formatting and parsing: domain/petition/receipt.ts.
 */
export const RECEIPT_NUMBER = {
  pattern: /^(\d{6})-(\d{4})-(\d{6})$/,
  example: '110105-2026-000123',
  sequenceMax: 999_999,
} as const;

// ---------------------------------------------------------------------------------------------
// Views

export interface PetitionReplyView {
  type: 'procedural' | 'progress' | 'answer';
  method: ReplyMethod;
  text: string;
  attachments: string[];
  at: string;
  /** The replying unit, never the staff member's personal identity. */
  by: string;
}

export interface PetitionTimelineEntry {
  at: string;
  status: PetitionStatus;
  statusName: string;
  /** What the petitioner is told at this step (the ground, what to add, where transferred …). */
  note: string | null;
}

/** What the petitioner sees of their own petition. */
export interface PetitionView {
  id: string;
  receiptNumber: string;
  kind: PetitionKind;
  kindName: string;
  procuratorateId: string;
  procuratorateName: string;
  status: PetitionStatus;
  statusName: string;
  submittedAt: string;
  /** The form as filed, without the clientToken. */
  form: Omit<PetitionForm, 'clientToken'>;
  timeline: PetitionTimelineEntry[];
  replies: PetitionReplyView[];
  refusal: { ground: RefusalGround; groundText: string; explanation: string } | null;
  materialsRequest: { items: string[]; dueDate: string } | null;
  transfer: { toName: string; reason: string } | null;
  answer: { result: string; answeredAt: string } | null;
  rating: { satisfaction: Satisfaction; comment: string | null; ratedAt: string } | null;
  /** Review (复查) may be requested until then; null when not (yet) possible. */
  reviewDeadline: string | null;
  reviewPetitionId: string | null;
  /** When the next answer from the procuratorate is due ("reply expected by"); null when none. */
  replyExpectedBy: string | null;
  /** The handling period's extension a leader approved, with the reason the petitioner is told. */
  extension: { days: number; reason: string; grantedAt: string } | null;
  /** The petitioner's latest request that the handler withdraw (回避), and the decision if made. */
  recusal: {
    reason: string;
    requestedAt: string;
    decision: { granted: boolean; note: string | null; at: string } | null;
  } | null;
  /** What the petitioner may do now, so the page shows only those buttons. */
  can: {
    withdraw: boolean;
    supplyMaterials: boolean;
    rate: boolean;
    requestReview: boolean;
    requestRecusal: boolean;
  };
}

/** A leader's decision on a request, as staff see it. */
export interface DecisionView {
  granted: boolean;
  byName: string;
  at: string;
  note: string | null;
}

/** A deadline's standing (domain/deadlines/engine.ts). */
export const DEADLINE_STATES = ['met', 'met_late', 'on_time', 'due_soon', 'overdue'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];
export const DEADLINE_STATE_NAMES: Record<DeadlineState, string> = {
  met: '按期完成',
  met_late: '逾期完成',
  on_time: '未到期',
  due_soon: '即将到期',
  overdue: '已超期',
};

/** One time limit of a petition: what, by whom, due when, met when, and how it stands. */
export interface DeadlineView {
  key: string;
  name: string;
  party: 'staff' | 'petitioner';
  due: string;
  metAt: string | null;
  state: DeadlineState;
  /** The due day is in a year the working-day calendar does not hold yet: it may move. */
  uncertain: boolean;
}

/** Staff of the procuratorate see who filed it (ID masked), routing, handler and deadlines. */
export interface PetitionStaffView extends PetitionView {
  channel: PetitionChannel;
  petitioner: { name: string; idNumberMasked: string; mobile: string };
  departmentId: string | null;
  departmentName: string | null;
  handler: { staffId: string; name: string } | null;
  /** The content check's verdict at submit: `review` means a person should look first. */
  contentFlag: 'pass' | 'review';
  /** Suggestions only (诉访分离, duplicates); a staff member decides. */
  suggestions: {
    litigation: string | null;
    /** The same person's earlier petitions about the same matter (ground 3), most similar first. */
    duplicates: {
      petitionId: string;
      receiptNumber: string;
      statusName: string;
      submittedAt: string;
      /** 0..1, a decision score (domain/petition/similarity.ts), not a probability. */
      similarity: number;
      reasons: string[];
      /** Answered already: a repeated letter, to be told so (the explanation below). */
      answeredAt: string | null;
    }[];
    /** Abusive language (ground 4): why it is suggested. */
    abuse: { reason: string; words: string[] } | null;
    /** A draft explanation for refusing a repeated letter on ground 3, for the refusal form. */
    explanation: string | null;
  };
  due: { proceduralReply: string; result: string };
  /** Every time limit that applies, earliest first. */
  deadlines: DeadlineView[];
  /** Reminders and escalations (督办) the scheduler sent about it, newest first. */
  alerts: {
    level: 'due_soon' | 'overdue';
    deadlineName: string;
    due: string;
    at: string;
    /** How many staff were told. */
    told: number;
  }[];
  /** Sent back with an action, so acting on a page gone stale answers CONFLICT. */
  version: number;
  /** The events this staff member may send now (the machine's names), for the page's buttons. */
  allowedEvents: string[];
  /**
   * Active handlers of its department it may be assigned to (ASSIGN, or a new handler when a
   * recusal is granted); `conflict` says why one must not handle it (回避). Empty otherwise.
   */
  assignees: { staffId: string; name: string; conflict: string | null }[];
  /** The petition this one was forwarded from (转办) or asks to review (复查). */
  linkedFrom: { type: 'transfer' | 'review'; petitionId: string; receiptNumber: string } | null;
  /** Requests to extend the handling period (条例 art. 34), oldest first. */
  extensions: {
    days: number;
    reason: string;
    requestedByName: string;
    requestedAt: string;
    decision: DecisionView | null;
  }[];
  /** The petitioner's recusal requests (回避), oldest first. */
  recusals: {
    handlerName: string;
    reason: string;
    requestedAt: string;
    decision: DecisionView | null;
  }[];
}

/** "My petitions": status at a glance. */
export interface PetitionListItem {
  id: string;
  receiptNumber: string;
  kind: PetitionKind;
  kindName: string;
  procuratorateName: string;
  excerpt: string;
  status: PetitionStatus;
  statusName: string;
  submittedAt: string;
  updatedAt: string;
}

/** A row of the staff inbox. */
export interface PetitionInboxItem extends PetitionListItem {
  channel: PetitionChannel;
  departmentName: string | null;
  handlerName: string | null;
  contentFlag: 'pass' | 'review';
  proceduralReplyDue: string;
  resultDue: string;
  overdue: boolean;
  /** The staff's next open due date and how it stands; null when none is open. */
  nextDue: { name: string; due: string; state: DeadlineState } | null;
}

/** The staff inbox: one page and the number of petitions in each status (same filters but status). */
export interface PetitionInbox extends Page<PetitionInboxItem> {
  counts: Record<PetitionStatus, number>;
}

// ---------------------------------------------------------------------------------------------
// Inputs of the staff and follow-up actions

/** Every change names the petition and, optionally, the version the page showed (stale: CONFLICT). */
const target = {
  id: id('信访编号'),
  version: z
    .number({ error: '版本号应为数字' })
    .int('版本号应为整数')
    .min(1, '版本号应为正整数')
    .optional(),
};

const replyFields = {
  method: oneOf('答复方式', REPLY_METHODS),
  text: text('答复内容', { min: 5, max: 5000 }),
  attachments: z
    .array(cloudFile('答复附件'), { error: '答复附件格式不正确' })
    .max(L.attachmentsMax, `答复附件最多${L.attachmentsMax}个`)
    .default([]),
};

/** The inbox's deadline filters: the next due date within DUE_SOON_DAYS, or already past. */
export const INBOX_DUE_FILTERS = ['soon', 'overdue'] as const;
export type InboxDueFilter = (typeof INBOX_DUE_FILTERS)[number];
export const DUE_SOON_DAYS = 3;

export const petitionInboxInput = z
  .object({
    status: oneOf('信访状态', PETITION_STATUSES).optional(),
    kind: oneOf('信访类别', PETITION_KINDS).optional(),
    due: oneOf('办理期限', INBOX_DUE_FILTERS).optional(),
    assignedToMe: z.boolean({ error: '请选择是否只看分配给我的' }).default(false),
    ...pagination,
  })
  .strict();

export const petitionRegisterInput = z
  .object({ ...target, departmentId: picked('承办部门') })
  .strict();
export const petitionTargetInput = z.object(target).strict();
export const petitionRefuseInput = z
  .object({
    ...target,
    ground: z.union(
      REFUSAL_GROUNDS.map((g) => z.literal(g)),
      { error: '请选择不予受理的理由（四项之一）' },
    ),
    explanation: text('不予受理的说明', { min: 10, max: 1000 }),
  })
  .strict();
export const petitionRequestMaterialsInput = z
  .object({
    ...target,
    items: z
      .array(text('需补充的材料', { min: 2, max: 100 }), { error: '请列出需要补充的材料' })
      .min(1, '请列出需要补充的材料')
      .max(20, '需补充的材料最多20项'),
    dueDate: day('补充材料截止日期'),
  })
  .strict();
export const petitionTransferInput = z
  .object({
    ...target,
    to: z.discriminatedUnion(
      'type',
      [
        z
          .object({ type: z.literal('procuratorate'), procuratorateId: picked('转办的检察院') })
          .strict(),
        z.object({ type: z.literal('department'), departmentId: picked('转交的部门') }).strict(),
        z
          .object({
            type: z.literal('legal_procedure'),
            procedure: text('导入的法律程序', { min: 2, max: 50 }),
          })
          .strict(),
      ],
      { error: '请选择转办去向' },
    ),
    reason: text('转办理由', { min: 5, max: 500 }),
  })
  .strict();
export const petitionAssignInput = z.object({ ...target, staffId: id('承办人') }).strict();
export const petitionReplyInput = z.object({ ...target, ...replyFields }).strict();
export const petitionAnswerInput = z
  .object({ ...target, ...replyFields, result: text('办理结果', { min: 5, max: 500 }) })
  .strict();
export const petitionWithdrawInput = z
  .object({ id: id('信访编号'), reason: optionalText('撤回理由', 200) })
  .strict();
export const petitionSupplyMaterialsInput = z
  .object({
    id: id('信访编号'),
    attachments: z
      .array(cloudFile('补充材料'), { error: '补充材料格式不正确' })
      .max(L.attachmentsMax, `补充材料最多${L.attachmentsMax}个文件`)
      .default([]),
    note: optionalText('补充说明', 1000),
  })
  .strict()
  .refine((v) => v.attachments.length > 0 || !!v.note, {
    message: '请上传补充的材料或填写补充说明',
    path: ['attachments'],
  });
export const petitionRateInput = z
  .object({
    id: id('信访编号'),
    satisfaction: oneOf('满意程度', SATISFACTIONS),
    comment: optionalText('评价内容', 200),
  })
  .strict();
export const petitionRequestReviewInput = z
  .object({ id: id('信访编号'), reason: text('申请复查的理由', { min: 10, max: 1000 }) })
  .strict();
export const petitionRequestExtensionInput = z
  .object({
    ...target,
    days: wholeNumber('延长天数', 1, 30),
    reason: text('延期理由', { min: 5, max: 500 }),
  })
  .strict();
export const petitionDecideInput = z
  .object({
    ...target,
    grant: z.boolean({ error: '请选择是否批准' }),
    note: optionalText('审批意见', 500),
  })
  .strict();
export const petitionRequestRecusalInput = z
  .object({ id: id('信访编号'), reason: text('申请回避的理由', { min: 10, max: 1000 }) })
  .strict();
export const petitionDecideRecusalInput = z
  .object({
    ...target,
    grant: z.boolean({ error: '请选择是否决定回避' }),
    /** The new handler when granted. */
    staffId: id('新的承办人').optional(),
    note: optionalText('决定理由', 500),
  })
  .strict()
  .refine((v) => !v.grant || !!v.staffId, {
    message: '决定回避的，请选择新的承办人',
    path: ['staffId'],
  })
  .refine((v) => v.grant || !!v.note, {
    message: '决定不予回避的，请填写理由',
    path: ['note'],
  });

// ---------------------------------------------------------------------------------------------
// Offline channels and attachments

/** The channels staff register petitions from (条例 art. 17, 21): everything but online. */
export const OFFLINE_CHANNELS = ['letter', 'hotline', 'visit', 'video'] as const;
export type OfflineChannel = (typeof OFFLINE_CHANNELS)[number];

/**
 * A registrar files a petition that came by letter, the hotline, a visit or a video call: the
 * petitioner's identity as they gave it, and the same per-kind form a citizen fills in. The
 * petitioner can follow it online once their real-name profile carries the same ID number.
 */
export const petitionFileOfflineInput = z
  .object({
    channel: oneOf('来源渠道', OFFLINE_CHANNELS),
    petitioner: z
      .object(
        {
          name: personName,
          idNumber: residentIdNumber,
          mobile: mobile('信访人手机号码'),
        },
        { error: '请填写信访人信息' },
      )
      .strict(),
    form: petitionSubmitInput,
  })
  .strict();

/** Where a file of a petition came from. */
export type PetitionFileSource = 'petition' | 'materials' | 'reply';

export interface PetitionFileLink {
  fileID: string;
  /** The file's name as shown: its last path segment. */
  name: string;
  source: PetitionFileSource;
  /** A temporary link; null when the file is gone from storage. */
  url: string | null;
}

export interface PetitionFiles {
  files: PetitionFileLink[];
  /** When the links stop working (ISO 8601). */
  expiresAt: string;
}

// ---------------------------------------------------------------------------------------------
// Routing by kind (分流), per procuratorate, as its administrator sets it

/** Which department of the procuratorate receives each kind; every kind must be given. */
export const petitionRoutingSetInput = z
  .object({
    routes: z.record(z.enum(PETITION_KINDS, { error: '信访类别不正确' }), picked('承办部门'), {
      error: '请为每一类信访选择承办部门',
    }),
  })
  .strict();

export interface PetitionRoutingView {
  procuratorateId: string;
  procuratorateName: string;
  /** One row per kind, in PETITION_KINDS order. */
  routes: {
    kind: PetitionKind;
    kindName: string;
    departmentId: string | null;
    departmentName: string | null;
    /** True when the procuratorate has not set this kind and the national default applies. */
    isDefault: boolean;
  }[];
  /** The procuratorate's departments, for the pickers. */
  departments: { id: string; name: string }[];
  updatedAt: string | null;
}

// ---------------------------------------------------------------------------------------------
// The petition function's actions

/** A staff step: answers the staff view; may fail on input, role, visibility, version or state. */
function staffStep<I extends z.ZodType>(summary: string, input: I) {
  return action({
    summary,
    input,
    output: output<PetitionStaffView>(),
    audience: ['registrar', 'handler', 'leader'],
    errors: [
      'BAD_REQUEST',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
      'CONFLICT',
      'PRECONDITION_FAILED',
    ],
  });
}

export const petition = {
  submit: action({
    summary:
      'A citizen files a petition of one kind with the procuratorate addressed; answers its receipt number',
    input: petitionSubmitInput,
    output: output<PetitionSubmitOutput>(),
    audience: ['user'],
    errors: [
      'BAD_REQUEST',
      'UNAUTHENTICATED',
      'NOT_FOUND',
      'PRECONDITION_FAILED',
      'CONTENT_REJECTED',
    ],
  }),
  mine: action({
    summary: "The caller's own petitions, newest first, with their status",
    input: z.object({ ...pagination }).strict(),
    output: output<Page<PetitionListItem>>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED'],
  }),
  get: action({
    summary:
      "One petition with the timeline of its steps: the petitioner's view, or the staff view for staff who may see it",
    input: z.object({ id: id('信访编号') }).strict(),
    output: output<PetitionView>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'NOT_FOUND'],
  }),
  inbox: action({
    summary:
      "Staff: their procuratorate's petitions (a handler: their department's), newest first, with counts per status",
    input: petitionInboxInput,
    output: output<PetitionInbox>(),
    audience: ['registrar', 'handler', 'leader'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  register: staffStep(
    'Registrar or leader: registers a submitted petition with the department that handles it',
    petitionRegisterInput,
  ),
  accept: staffStep(
    'Registrar or leader: accepts a registered petition (the petitioner is told)',
    petitionTargetInput,
  ),
  refuse: staffStep(
    'Registrar or leader: does not accept it, on one of the four grounds with an explanation the petitioner sees',
    petitionRefuseInput,
  ),
  requestMaterials: staffStep(
    'Registrar or leader: asks the petitioner for the listed materials by a due date',
    petitionRequestMaterialsInput,
  ),
  transfer: staffStep(
    'Registrar or leader: transfers it to another procuratorate (a new registration there), another department, or a legal procedure',
    petitionTransferInput,
  ),
  assign: staffStep(
    'Leader: assigns an accepted petition to a handler of its department (the handler is told)',
    petitionAssignInput,
  ),
  proceduralReply: staffStep(
    'The assigned handler or a leader: the procedural reply, checked for disclosures',
    petitionReplyInput,
  ),
  progressReply: staffStep(
    'The assigned handler or a leader: a reply on progress, checked for disclosures',
    petitionReplyInput,
  ),
  answer: staffStep(
    'The assigned handler or a leader: the answer with its result, checked for disclosures',
    petitionAnswerInput,
  ),
  close: staffStep(
    'The assigned handler or a leader: closes an answered petition',
    petitionTargetInput,
  ),
  archive: staffStep(
    'Registrar or leader: archives a petition nothing more will happen to',
    petitionTargetInput,
  ),
  requestExtension: staffStep(
    'The assigned handler: asks a leader to extend the 60-day handling period once, by at most 30 days, with a reason the petitioner is told',
    petitionRequestExtensionInput,
  ),
  decideExtension: staffStep(
    'Leader: approves or refuses the pending extension (a refusal states why)',
    petitionDecideInput,
  ),
  decideRecusal: staffStep(
    "Leader: decides the petitioner's recusal request — granted with a new handler (checked against declared interests), or refused with a reason",
    petitionDecideRecusalInput,
  ),
  fileOffline: action({
    summary:
      'Registrar or leader: files a petition that came by letter, the 12309 hotline, a visit or video, recording the channel',
    input: petitionFileOfflineInput,
    output: output<PetitionStaffView>(),
    audience: ['registrar', 'leader'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'routing.get': action({
    summary:
      "Staff: which department of the caller's procuratorate receives each kind of petition (the national default where not set)",
    input: z.object({}).strict(),
    output: output<PetitionRoutingView>(),
    audience: ['registrar', 'leader', 'admin'],
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  'routing.set': action({
    summary:
      'Administrator: sets which department of their procuratorate receives each kind of petition (audited); later petitions are routed so',
    input: petitionRoutingSetInput,
    output: output<PetitionRoutingView>(),
    audience: ['admin'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  files: action({
    summary:
      'Temporary links to the files of one petition (its attachments, supplied materials, reply attachments): for its petitioner and the staff handling it',
    input: z.object({ id: id('信访编号') }).strict(),
    output: output<PetitionFiles>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'NOT_FOUND'],
  }),
  ...calendarActions,
  requestRecusal: action({
    summary: 'The petitioner asks that the assigned handler withdraw (回避); a leader decides',
    input: petitionRequestRecusalInput,
    output: output<PetitionView>(),
    audience: ['user'],
    errors: [
      'BAD_REQUEST',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
      'CONFLICT',
      'PRECONDITION_FAILED',
    ],
  }),
  withdraw: action({
    summary: 'The petitioner withdraws it before it is answered',
    input: petitionWithdrawInput,
    output: output<PetitionView>(),
    audience: ['user'],
    errors: [
      'BAD_REQUEST',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
      'CONFLICT',
      'PRECONDITION_FAILED',
    ],
  }),
  supplyMaterials: action({
    summary: 'The petitioner supplies the requested materials',
    input: petitionSupplyMaterialsInput,
    output: output<PetitionView>(),
    audience: ['user'],
    errors: [
      'BAD_REQUEST',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
      'CONFLICT',
      'PRECONDITION_FAILED',
    ],
  }),
  rate: action({
    summary: 'The petitioner rates the answer, once',
    input: petitionRateInput,
    output: output<PetitionView>(),
    audience: ['user'],
    errors: [
      'BAD_REQUEST',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
      'CONFLICT',
      'PRECONDITION_FAILED',
    ],
  }),
  dossier: action({
    summary:
      'Staff who may see an archived petition: its archive dossier (read-only, with its hash); opening it is audited',
    input: petitionDossierInput,
    output: output<PetitionDossierView>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'NOT_FOUND'],
  }),
  stats: action({
    summary:
      "Leader or administrator: their procuratorate's (or one department's) petitions received per month, the 7-day procedural-reply and 3-month answer rates, overdue now, by kind, month and department, beside the national figures",
    input: petitionStatsInput,
    output: output<PetitionStats>(),
    audience: ['leader', 'admin'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  requestReview: action({
    summary:
      'The petitioner asks for review (复查) within 30 days of the answer: a linked petition one level up',
    input: petitionRequestReviewInput,
    output: output<PetitionView>(),
    audience: ['user'],
    errors: [
      'BAD_REQUEST',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
      'CONFLICT',
      'PRECONDITION_FAILED',
    ],
  }),
} as const;
