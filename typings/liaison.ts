// The liaison function: NPC deputies, CPPCC members and people's supervisors (代表委员、人民监督员).
//
// A procuratorate's administrator issues a one-time invitation code for a named person and role;
// redeeming it binds the person's WeChat identity to that role (a membership). Deputies and members
// submit opinions and suggestions (意见建议), supervisors case supervision complaints (案件监督申诉);
// staff of the procuratorate addressed assign them, and reply online or record an offline reply.
// Reply due: 3 months from receipt, 6 for an opinion a leader marks complex (代表法 art. 51; the
// complaint's limit is ours, see docs/architecture.md "External supervision").
import { z } from 'zod';
import { action, output } from './contract';
import {
  clientToken,
  flag,
  id,
  oneOf,
  pagination,
  picked,
  text,
  type Page,
  type NoticeState,
} from './fields';
import { cloudFile, type DeadlineState } from './petition';

export const LIAISON_ROLES = ['deputy', 'member', 'supervisor'] as const;
export type LiaisonRole = (typeof LIAISON_ROLES)[number];
export const LIAISON_ROLE_NAMES: Record<LiaisonRole, string> = {
  deputy: '人大代表',
  member: '政协委员',
  supervisor: '人民监督员',
};

export const LIAISON_KINDS = ['opinion', 'complaint'] as const;
export type LiaisonKind = (typeof LIAISON_KINDS)[number];
export const LIAISON_KIND_NAMES: Record<LiaisonKind, string> = {
  opinion: '意见建议',
  complaint: '案件监督申诉',
};
/** Who may submit what. */
export const KIND_OF_ROLE: Record<LiaisonRole, LiaisonKind> = {
  deputy: 'opinion',
  member: 'opinion',
  supervisor: 'complaint',
};

/**
 * The matters a people's supervisor may raise about a case, after the SPP's rules on the work of
 * people's supervisors (2016, art. 2), kept as data.
 */
export const SUPERVISION_MATTERS = [
  'filing',
  'detention',
  'residential_surveillance',
  'property',
  'obstruction',
  'bail_refund',
  'compensation',
  'misconduct',
  'other',
] as const;
export type SupervisionMatter = (typeof SUPERVISION_MATTERS)[number];
export const SUPERVISION_MATTER_NAMES: Record<SupervisionMatter, string> = {
  filing: '应当立案而不立案或者不应当立案而立案',
  detention: '超期羁押或者延长羁押期限决定违法',
  residential_surveillance: '采取指定居所监视居住强制措施违法',
  property: '违法搜查、查封、扣押、冻结或者违法处理涉案财物',
  obstruction: '阻碍当事人及其辩护人、诉讼代理人依法行使诉讼权利',
  bail_refund: '应当退还取保候审保证金而不退还',
  compensation: '应当给予刑事赔偿而不依法予以赔偿',
  misconduct: '检察人员在办案中有徇私舞弊、贪赃枉法、刑讯逼供、暴力取证等违法违纪情况',
  other: '其他需要监督的办案活动',
};

export const LIAISON_STATUSES = ['submitted', 'handling', 'replied'] as const;
export type LiaisonStatus = (typeof LIAISON_STATUSES)[number];
export const LIAISON_STATUS_NAMES: Record<LiaisonStatus, string> = {
  submitted: '待分办',
  handling: '办理中',
  replied: '已答复',
};

export const LIAISON_REPLY_METHODS = ['online', 'meeting', 'letter', 'telephone'] as const;
export type LiaisonReplyMethod = (typeof LIAISON_REPLY_METHODS)[number];
export const LIAISON_REPLY_METHOD_NAMES: Record<LiaisonReplyMethod, string> = {
  online: '网上答复',
  meeting: '当面座谈',
  letter: '书面函复',
  telephone: '电话答复',
};

export const INVITATION_STATUSES = ['pending', 'redeemed', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export const INVITATION_STATUS_NAMES: Record<InvitationStatus, string> = {
  pending: '待使用',
  redeemed: '已绑定',
  expired: '已过期',
  revoked: '已撤销',
};

export const LIAISON_LIMITS = {
  nameMin: 2,
  nameMax: 20,
  titleMin: 4,
  titleMax: 50,
  contentMin: 20,
  contentMax: 5000,
  attachmentsMax: 9,
  replyMin: 10,
  replyMax: 5000,
  reasonMin: 4,
  reasonMax: 200,
  validDaysMax: 30,
  validDaysDefault: 7,
} as const;
const L = LIAISON_LIMITS;

/** Invitation codes: 8 characters of an alphabet without 0/O, 1/I/L. */
export const INVITATION_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITATION_CODE_LENGTH = 8;

export interface InvitationView {
  id: string;
  name: string;
  role: LiaisonRole;
  procuratorateName: string;
  status: InvitationStatus;
  issuedAt: string;
  issuedByName: string;
  expiresAt: string;
  redeemedAt: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
}

export interface MemberView {
  role: LiaisonRole;
  name: string;
  procuratorateId: string;
  procuratorateName: string;
  boundAt: string;
  /** What this person may submit. */
  kind: LiaisonKind;
}

export interface LiaisonDue {
  /** When the reply is due (3 months, or 6 when complex). */
  due: string;
  state: DeadlineState;
  /** The due day is in a year the working-day calendar does not hold yet. */
  uncertain: boolean;
}

export interface LiaisonListItem extends LiaisonDue {
  id: string;
  kind: LiaisonKind;
  /** An opinion's topic; a complaint's case number. */
  title: string;
  /** A complaint's supervision matter. */
  matter: SupervisionMatter | null;
  procuratorateName: string;
  status: LiaisonStatus;
  submittedAt: string;
  repliedAt: string | null;
  complex: boolean;
}

export interface LiaisonStaffListItem extends LiaisonListItem {
  submitterName: string;
  submitterRole: LiaisonRole;
  handlerName: string | null;
  contentFlag: 'pass' | 'review';
}

export interface LiaisonReplyView {
  method: LiaisonReplyMethod;
  content: string;
  /** The day it was given (offline) or recorded (online), YYYY-MM-DD in China time. */
  repliedOn: string;
  recordedAt: string;
  /** The procuratorate, never the staff member. */
  by: string;
}

/** What the person who submitted it sees. */
export interface LiaisonView extends LiaisonDue {
  id: string;
  kind: LiaisonKind;
  procuratorateId: string;
  procuratorateName: string;
  title: string;
  content: string;
  caseNumber: string | null;
  matter: SupervisionMatter | null;
  attachments: { name: string; url: string | null }[];
  status: LiaisonStatus;
  submittedAt: string;
  notify: boolean;
  complex: { reason: string; markedAt: string } | null;
  reply: LiaisonReplyView | null;
}

export interface LiaisonStaffView extends LiaisonView {
  submitter: { name: string; role: LiaisonRole };
  handler: { id: string; name: string; departmentName: string } | null;
  contentFlag: 'pass' | 'review';
  notification: NoticeState;
  history: { at: string; what: string; byName: string }[];
  /** What the caller may do now. */
  allowed: { assign: boolean; markComplex: boolean; reply: boolean };
}

export interface AssigneeView {
  id: string;
  name: string;
  departmentName: string;
  /** Why they must not handle it (recusal), or null. */
  conflict: string | null;
}

const attachments = z
  .array(cloudFile('附件'), { error: '附件格式不正确' })
  .max(L.attachmentsMax, `附件最多${L.attachmentsMax}个`)
  .default([]);

const content = text('内容', { min: L.contentMin, max: L.contentMax });

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const liaison = {
  'invitation.issue': action({
    summary:
      'Administrator: a one-time invitation code for a named deputy, member or supervisor (shown once; stored as its hash)',
    input: z
      .object({
        name: text('姓名', { min: L.nameMin, max: L.nameMax }),
        role: oneOf('身份', LIAISON_ROLES),
        validDays: z
          .number({ error: '有效天数应为数字' })
          .int('有效天数应为整数')
          .min(1, `有效天数应在1到${L.validDaysMax}天之间`)
          .max(L.validDaysMax, `有效天数应在1到${L.validDaysMax}天之间`)
          .default(L.validDaysDefault),
      })
      .strict(),
    output: output<{ invitation: InvitationView; code: string }>(),
    audience: ['admin'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  'invitation.list': action({
    summary: "Administrator: the invitations of the caller's procuratorate, newest first",
    input: z
      .object({
        status: oneOf('状态', INVITATION_STATUSES).optional(),
        ...pagination,
      })
      .strict(),
    output: output<Page<InvitationView>>(),
    audience: ['admin'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  'invitation.revoke': action({
    summary:
      'Administrator: revoke an invitation; a redeemed one also unbinds the person (they keep reading what they submitted)',
    input: z
      .object({
        id: id('邀请编号'),
        reason: text('撤销原因', { min: L.reasonMin, max: L.reasonMax }),
      })
      .strict(),
    output: output<InvitationView>(),
    audience: ['admin'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'PRECONDITION_FAILED'],
  }),
  'invitation.redeem': action({
    summary:
      "Redeem an invitation code with the invited person's name: binds the caller's identity",
    input: z
      .object({
        code: z.preprocess(
          (v) => (typeof v === 'string' ? v.replace(/[\s-]/g, '').toUpperCase() : v),
          z
            .string({ error: '请填写邀请码' })
            .min(1, { message: '请填写邀请码', abort: true })
            .regex(
              new RegExp(`^[${INVITATION_CODE_ALPHABET}]{${INVITATION_CODE_LENGTH}}$`),
              `邀请码应为${INVITATION_CODE_LENGTH}位字母和数字`,
            ),
        ),
        name: text('姓名', { min: L.nameMin, max: L.nameMax }),
      })
      .strict(),
    output: output<MemberView>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT', 'RATE_LIMITED'],
  }),
  'member.me': action({
    summary: "The caller's deputy, member or supervisor identity, or null",
    input: z.object({}).strict(),
    output: output<{ member: MemberView | null }>(),
    audience: ['user'],
    errors: ['UNAUTHENTICATED'],
  }),
  'opinion.submit': action({
    summary: 'A bound deputy or member submits an opinion or suggestion to a procuratorate',
    input: z
      .object({
        procuratorateId: picked('检察院'),
        title: text('主题', { min: L.titleMin, max: L.titleMax }),
        content,
        attachments,
        notify: flag('接收答复通知'),
        clientToken,
      })
      .strict(),
    output: output<{ id: string; duplicate: boolean }>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONTENT_REJECTED'],
  }),
  'complaint.submit': action({
    summary: 'A bound people’s supervisor submits a case supervision complaint',
    input: z
      .object({
        procuratorateId: picked('检察院'),
        caseNumber: text('案件编号', { max: 60 }),
        matter: oneOf('监督事项', SUPERVISION_MATTERS),
        content,
        attachments,
        notify: flag('接收答复通知'),
        clientToken,
      })
      .strict(),
    output: output<{ id: string; duplicate: boolean }>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONTENT_REJECTED'],
  }),
  mine: action({
    summary: "The caller's own opinions or complaints, newest first",
    input: z.object({ ...pagination }).strict(),
    output: output<Page<LiaisonListItem>>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED'],
  }),
  get: action({
    summary: 'One opinion or complaint, for its submitter or staff of the procuratorate addressed',
    input: z.object({ id: id('编号') }).strict(),
    output: output<LiaisonView | LiaisonStaffView>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'NOT_FOUND'],
  }),
  inbox: action({
    summary: "Staff: the opinions and complaints addressed to the caller's procuratorate",
    input: z
      .object({
        kind: oneOf('类别', LIAISON_KINDS).optional(),
        status: oneOf('状态', LIAISON_STATUSES).optional(),
        ...pagination,
      })
      .strict(),
    output: output<Page<LiaisonStaffListItem> & { counts: Record<LiaisonStatus, number> }>(),
    audience: ['registrar', 'handler', 'leader'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  assignees: action({
    summary: 'Registrar or leader: who may be assigned the item, each with any recusal reason',
    input: z.object({ id: id('编号') }).strict(),
    output: output<{ assignees: AssigneeView[] }>(),
    audience: ['registrar', 'leader'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  assign: action({
    summary:
      'Registrar or leader: assign (or reassign before the reply) to a handler of the procuratorate, never a recused one',
    input: z.object({ id: id('编号'), handlerId: id('承办人') }).strict(),
    output: output<LiaisonStaffView>(),
    audience: ['registrar', 'leader'],
    errors: [
      'BAD_REQUEST',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
      'PRECONDITION_FAILED',
      'CONFLICT',
    ],
  }),
  markComplex: action({
    summary:
      'Leader: mark an unanswered opinion complex, so its reply is due in 6 months instead of 3',
    input: z
      .object({
        id: id('编号'),
        reason: text('认定理由', { min: L.reasonMin, max: L.reasonMax }),
      })
      .strict(),
    output: output<LiaisonStaffView>(),
    audience: ['leader'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'PRECONDITION_FAILED'],
  }),
  reply: action({
    summary:
      'The assigned handler or a leader: reply online, or record an offline reply (meeting, letter, telephone) with its date; the submitter is notified',
    input: z
      .object({
        id: id('编号'),
        method: oneOf('答复方式', LIAISON_REPLY_METHODS),
        content: text('答复内容', { min: L.replyMin, max: L.replyMax }),
        repliedOn: z
          .string({ error: '答复日期格式不正确' })
          .regex(DAY, '答复日期格式不正确')
          .optional(),
      })
      .strict()
      .refine((v) => v.method === 'online' || !!v.repliedOn, {
        message: '请选择线下答复的日期',
        path: ['repliedOn'],
      }),
    output: output<LiaisonStaffView>(),
    audience: ['handler', 'leader'],
    errors: [
      'BAD_REQUEST',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
      'PRECONDITION_FAILED',
      'CONFLICT',
    ],
  }),
} as const;
