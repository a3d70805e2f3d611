// The petition lifecycle as data: states, events, who may send them, guards, next state and effects.
import type { StaffRole } from '../../typings/contract';
import {
  PETITION_STATUS_NAMES,
  REFUSAL_GROUNDS,
  REFUSAL_GROUND_TEXTS,
  SATISFACTIONS,
  type PetitionChannel,
  type PetitionKind,
  type PetitionStatus,
  type RefusalGround,
  type ReplyMethod,
  type Satisfaction,
} from '../../typings/petition';
import { inChina } from '../time';

/** The four grounds of refusal (DOMAIN.md), as the petitioner reads them. */
export const GROUNDS: Record<RefusalGround, string> = REFUSAL_GROUND_TEXTS;

/** 复查: apply within 30 days of the answer (条例 art. 35); the answer's own day is not counted. */
export const REVIEW_WINDOW_DAYS = 30;

export const LIMITS = {
  explanationMin: 10,
  explanationMax: 1000,
  reasonMin: 5,
  reasonMax: 500,
  reviewReasonMin: 10,
  /** 条例 art. 34: one extension of the 60-day handling, at most 30 days, a leader approving. */
  extensionDaysMax: 30,
  replyMin: 5,
  replyMax: 5000,
  resultMin: 5,
  resultMax: 500,
  commentMax: 200,
  materialsItemsMax: 20,
  attachmentsMax: 9,
} as const;

// ---------------------------------------------------------------------------------------------
// Actors

/** Who sends an event. Staff come from the staff register, never from the client. */
export type Actor =
  | { type: 'citizen'; openid: string }
  | {
      type: 'staff';
      staffId: string;
      procuratorateId: string;
      departmentId: string;
      roles: readonly StaffRole[];
    };

/** Who may send an event: the petitioner (the citizen who filed it) or staff holding a role. */
export type Party = 'petitioner' | StaffRole;

// ---------------------------------------------------------------------------------------------
// States: one type per state, each carrying what only that state has

export interface Handler {
  staffId: string;
  name: string;
  departmentId: string;
}

export interface Reply {
  type: 'procedural' | 'progress' | 'answer';
  method: ReplyMethod;
  text: string;
  attachments: string[];
  at: Date;
  by: string;
}

export interface MaterialsRequest {
  items: string[];
  dueDate: Date;
  requestedAt: Date;
  suppliedAt: Date | null;
  supplied: string[];
  note: string | null;
}

/** One entry of the timeline; `internal` ones (a request among staff) are not shown to the petitioner. */
export interface Step {
  event: PetitionEventType | 'SUBMIT';
  status: PetitionStatus;
  at: Date;
  note: string | null;
  internal?: true;
}

/** A leader's decision on a request (an extension, a recusal). */
export interface Decision {
  granted: boolean;
  by: string;
  at: Date;
  note: string | null;
}

/** The handler's request to extend the 60-day handling period (条例 art. 34), and its decision. */
export interface ExtensionRequest {
  days: number;
  reason: string;
  requestedBy: string;
  requestedAt: Date;
  decision: Decision | null;
}

/** The petitioner's request that the handler withdraw (回避), and the leader's decision. */
export interface RecusalRequest {
  handlerStaffId: string;
  handlerName: string;
  reason: string;
  requestedAt: Date;
  decision: Decision | null;
}

/** Where a petition goes when it leaves this procuratorate or department (诉访分离 included). */
export type TransferTarget =
  | { type: 'procuratorate'; procuratorateId: string; name: string }
  | { type: 'department'; departmentId: string; name: string }
  | { type: 'legal_procedure'; procedure: string };

interface Base {
  id: string;
  receiptNumber: string;
  kind: PetitionKind;
  channel: PetitionChannel;
  procuratorateId: string;
  departmentId: string | null;
  /** Null for a letter or visit by someone without the mini program: nobody to notify online. */
  petitionerOpenid: string | null;
  attachments: string[];
  submittedAt: Date;
  updatedAt: Date;
  materialsRequests: MaterialsRequest[];
  replies: Reply[];
  steps: Step[];
  /** Absent on petitions filed before extensions existed: read as none. */
  extensions?: ExtensionRequest[];
  recusals?: RecusalRequest[];
}

interface RegisteredFields {
  registeredAt: Date;
  departmentId: string;
}
interface AcceptedFields extends RegisteredFields {
  acceptedAt: Date;
}
interface AssignedFields extends AcceptedFields {
  handler: Handler;
  assignedAt: Date;
}
interface RepliedFields extends AssignedFields {
  proceduralRepliedAt: Date;
}
export interface Answer {
  result: string;
  answeredAt: Date;
}
export interface Rating {
  satisfaction: Satisfaction;
  comment: string | null;
  ratedAt: Date;
}
export interface ReviewRequest {
  reviewPetitionId: string;
  reason: string;
  requestedAt: Date;
}
interface AnsweredFields extends RepliedFields {
  answer: Answer;
  rating: Rating | null;
  review: ReviewRequest | null;
}

export type SubmittedPetition = Base & { status: 'submitted' };
export type RegisteredPetition = Base & RegisteredFields & { status: 'registered' };
export type MaterialsRequestedPetition = Base &
  RegisteredFields & { status: 'materials_requested' };
export type AcceptedPetition = Base & AcceptedFields & { status: 'accepted' };
export type RefusedPetition = Base &
  RegisteredFields & {
    status: 'refused';
    refusal: { ground: RefusalGround; explanation: string; refusedAt: Date };
  };
export type TransferredPetition = Base &
  RegisteredFields & {
    status: 'transferred';
    transfer: {
      to: Exclude<TransferTarget, { type: 'department' }>;
      reason: string;
      transferredAt: Date;
    };
  };
export type AssignedPetition = Base & AssignedFields & { status: 'assigned' };
export type ProceduralRepliedPetition = Base & RepliedFields & { status: 'procedural_replied' };
export type InProgressPetition = Base & RepliedFields & { status: 'in_progress' };
export type AnsweredPetition = Base & AnsweredFields & { status: 'answered' };
export type ClosedPetition = Base & AnsweredFields & { status: 'closed'; closedAt: Date };
export type WithdrawnPetition = Base & {
  status: 'withdrawn';
  withdrawal: { reason: string | null; withdrawnAt: Date; from: PetitionStatus };
};

type LivePetition =
  | SubmittedPetition
  | RegisteredPetition
  | MaterialsRequestedPetition
  | AcceptedPetition
  | RefusedPetition
  | TransferredPetition
  | AssignedPetition
  | ProceduralRepliedPetition
  | InProgressPetition
  | AnsweredPetition
  | ClosedPetition
  | WithdrawnPetition;
type LiveStatus = LivePetition['status'];

/** States whose file may be archived: nothing more will happen to them here. */
export const ARCHIVABLE = ['refused', 'transferred', 'withdrawn', 'closed'] as const;
type Archivable = (typeof ARCHIVABLE)[number];

/** An archived petition keeps everything of the state it was archived from. */
export type ArchivedPetition = {
  [S in Archivable]: Omit<Extract<LivePetition, { status: S }>, 'status'> & {
    status: 'archived';
    archivedFrom: S;
    archivedAt: Date;
  };
}[Archivable];

export type Petition = LivePetition | ArchivedPetition;
export type PetitionOf<S extends PetitionStatus> = Extract<Petition, { status: S }>;

// ---------------------------------------------------------------------------------------------
// Events

export interface ReplyInput {
  method: ReplyMethod;
  text: string;
  attachments?: string[];
}

export type PetitionEvent =
  | { type: 'REGISTER'; by: Actor; departmentId: string }
  | { type: 'ACCEPT'; by: Actor }
  | { type: 'REFUSE'; by: Actor; ground: RefusalGround; explanation: string }
  | { type: 'REQUEST_MATERIALS'; by: Actor; items: string[]; dueDate: Date }
  | { type: 'SUPPLY_MATERIALS'; by: Actor; attachments: string[]; note?: string }
  | { type: 'TRANSFER'; by: Actor; to: TransferTarget; reason: string }
  | { type: 'ASSIGN'; by: Actor; handler: Handler }
  | { type: 'PROCEDURAL_REPLY'; by: Actor; reply: ReplyInput }
  | { type: 'PROGRESS_REPLY'; by: Actor; reply: ReplyInput }
  | { type: 'ANSWER'; by: Actor; result: string; reply: ReplyInput }
  | { type: 'CLOSE'; by: Actor }
  | { type: 'ARCHIVE'; by: Actor }
  | { type: 'WITHDRAW'; by: Actor; reason?: string }
  | { type: 'RATE'; by: Actor; satisfaction: Satisfaction; comment?: string }
  /** The id of the linked review petition is made by the caller (no random ids here). */
  | { type: 'REQUEST_REVIEW'; by: Actor; reason: string; reviewPetitionId: string }
  | { type: 'REQUEST_EXTENSION'; by: Actor; days: number; reason: string }
  | { type: 'DECIDE_EXTENSION'; by: Actor; grant: boolean; note?: string }
  | { type: 'REQUEST_RECUSAL'; by: Actor; reason: string }
  /** Granting names the new handler (the shell checks their declared interests first). */
  | { type: 'DECIDE_RECUSAL'; by: Actor; grant: boolean; note?: string; handler?: Handler };

export type PetitionEventType = PetitionEvent['type'];
export type EventOf<T extends PetitionEventType> = Extract<PetitionEvent, { type: T }>;

// ---------------------------------------------------------------------------------------------
// Effects: data for the shell to perform (outbox, audit log, new records)

/** The steps a subscription message announces; the phrase fits a `phrase` field (≤ 5 汉字). */
export const NOTIFY_STEPS = {
  received: '已收到',
  accepted: '已受理',
  refused: '不予受理',
  materials_needed: '需补充材料',
  transferred: '已转办',
  replied: '有新答复',
  answered: '已答复',
  assigned: '新分配',
  extended: '延期办理',
  recusal: '回避决定',
  to_decide: '待审批',
} as const;
export type NotifyStep = keyof typeof NOTIFY_STEPS;

export type AuditBy = { type: 'citizen'; openid: string } | { type: 'staff'; staffId: string };

export type PetitionEffect =
  | {
      type: 'notify';
      to:
        | { type: 'petitioner'; openid: string }
        | { type: 'staff'; staffId: string }
        /** Every leader of the petition's procuratorate (a request awaiting their decision). */
        | { type: 'leaders' };
      step: NotifyStep;
      /** The short explanation for the message's note field (the ground, what to add …). */
      note: string | null;
    }
  | {
      type: 'audit';
      action: PetitionEventType | 'SUBMIT';
      by: AuditBy;
      at: Date;
      from: PetitionStatus | null;
      to: PetitionStatus;
      why: string | null;
    }
  | {
      type: 'createReviewPetition';
      reviewPetitionId: string;
      originalId: string;
      /** The review goes one level up: the shell files it at this procuratorate's parent. */
      fromProcuratorateId: string;
      kind: PetitionKind;
      petitionerOpenid: string;
      reason: string;
      at: Date;
    }
  | {
      type: 'forwardPetition';
      originalId: string;
      toProcuratorateId: string;
      reason: string;
      at: Date;
    };

export type TransitionResult =
  | { ok: true; next: Petition; effects: PetitionEffect[] }
  | { ok: false; code: 'PRECONDITION_FAILED' | 'FORBIDDEN'; message: string };

// ---------------------------------------------------------------------------------------------
// The machine's table

/** A condition on the petition, the actor and the time, checked before the payload. */
interface Condition<P> {
  code?: 'FORBIDDEN';
  holds: (p: P, by: Actor, now: Date) => boolean;
  message: string;
}

/** A rule on the event's payload. */
interface Rule<P, E> {
  holds: (e: E, p: P, now: Date) => boolean;
  message: string;
}

interface Spec<T extends PetitionEventType, S extends LiveStatus> {
  /** The action in Chinese, for messages ("不能{name}"). */
  name: string;
  by: readonly Party[];
  from: readonly S[];
  conditions?: readonly Condition<PetitionOf<S>>[];
  rules?: readonly Rule<PetitionOf<S>, EventOf<T>>[];
  next: (p: PetitionOf<S>, e: EventOf<T>, now: Date) => Petition;
  /** What the audit log records as why, and what the timeline tells the petitioner. */
  why?: (e: EventOf<T>) => string | null;
  note?: (e: EventOf<T>) => string | null;
  /** Whether the step stays among staff (not on the petitioner's timeline). */
  internal?: (e: EventOf<T>) => boolean;
  effects?: (p: PetitionOf<S>, e: EventOf<T>, now: Date, note: string | null) => PetitionEffect[];
}

/** The table's rows with their types erased, as `transition` reads them. */
interface Row {
  name: string;
  by: readonly Party[];
  from: readonly LiveStatus[];
  conditions?: readonly Condition<Petition>[];
  rules?: readonly Rule<Petition, PetitionEvent>[];
  next: (p: Petition, e: PetitionEvent, now: Date) => Petition;
  why?: (e: PetitionEvent) => string | null;
  note?: (e: PetitionEvent) => string | null;
  internal?: (e: PetitionEvent) => boolean;
  effects?: (p: Petition, e: PetitionEvent, now: Date, note: string | null) => PetitionEffect[];
}

/** Declares one event's row; the states it leaves are inferred from `from`, so `next` is typed. */
function on<T extends PetitionEventType>(_type: T) {
  return <const S extends LiveStatus>(spec: Spec<T, S>): Row => spec as unknown as Row;
}

const length = (s: string | undefined) => Array.from((s ?? '').trim()).length;
const within = (s: string | undefined, min: number, max: number) =>
  length(s) >= min && length(s) <= max;

function toPetitioner(p: Petition, step: NotifyStep, note: string | null): PetitionEffect[] {
  return p.petitionerOpenid
    ? [{ type: 'notify', to: { type: 'petitioner', openid: p.petitionerOpenid }, step, note }]
    : [];
}

const isAssignedHandlerOrLeader: Condition<{ handler: Handler }> = {
  code: 'FORBIDDEN',
  holds: (p, by) =>
    by.type === 'staff' && (by.roles.includes('leader') || by.staffId === p.handler.staffId),
  message: '只有该信访的承办人或审批领导可以答复',
};

function reply(e: { reply: ReplyInput; by: Actor }, type: Reply['type'], now: Date): Reply {
  return {
    type,
    method: e.reply.method,
    text: e.reply.text.trim(),
    attachments: e.reply.attachments ?? [],
    at: now,
    by: e.by.type === 'staff' ? e.by.staffId : '',
  };
}

const replyRules = [
  {
    holds: (e: { reply: ReplyInput }) => within(e.reply.text, LIMITS.replyMin, LIMITS.replyMax),
    message: `答复内容应为${LIMITS.replyMin}至${LIMITS.replyMax}个字`,
  },
  {
    holds: (e: { reply: ReplyInput }) =>
      (e.reply.attachments ?? []).length <= LIMITS.attachmentsMax,
    message: `答复附件最多${LIMITS.attachmentsMax}个`,
  },
];

/** The last moment a review (复查) may be requested: the end of the 30th day after the answer, China time. */
export function reviewDeadline(answeredAt: Date): Date {
  return inChina(answeredAt).add(REVIEW_WINDOW_DAYS, 'day').endOf('day').toDate();
}

const WITHDRAWABLE = [
  'submitted',
  'registered',
  'materials_requested',
  'accepted',
  'assigned',
  'procedural_replied',
  'in_progress',
] as const;

/** States in which an assigned handler is working on the petition. */
const HANDLING = ['assigned', 'procedural_replied', 'in_progress'] as const;

/** The request still awaiting a decision, if any. */
function pendingOf<R extends { decision: Decision | null }>(rs: R[] | undefined): R | null {
  return (rs ?? []).find((r) => r.decision === null) ?? null;
}

/** The requests with the pending one decided. */
function decide<R extends { decision: Decision | null }>(
  rs: R[] | undefined,
  e: { by: Actor; grant: boolean; note?: string },
  now: Date,
): R[] {
  return (rs ?? []).map((r) =>
    r.decision === null
      ? {
          ...r,
          decision: {
            granted: e.grant,
            by: e.by.type === 'staff' ? e.by.staffId : '',
            at: now,
            note: length(e.note) > 0 ? (e.note ?? '').trim() : null,
          },
        }
      : r,
  );
}

export const PETITION_MACHINE: Record<PetitionEventType, Row> = {
  REGISTER: on('REGISTER')({
    name: '登记',
    by: ['registrar', 'leader'],
    from: ['submitted'],
    rules: [{ holds: (e) => e.departmentId.trim() !== '', message: '请选择承办部门' }],
    next: (p, e, now) => ({
      ...p,
      status: 'registered',
      registeredAt: now,
      departmentId: e.departmentId,
    }),
  }),

  ACCEPT: on('ACCEPT')({
    name: '受理',
    by: ['registrar', 'leader'],
    from: ['registered'],
    next: (p, _e, now) => ({ ...p, status: 'accepted', acceptedAt: now }),
    effects: (p, _e, _now, note) => toPetitioner(p, 'accepted', note),
  }),

  REFUSE: on('REFUSE')({
    name: '作出不予受理决定',
    by: ['registrar', 'leader'],
    from: ['registered', 'materials_requested'],
    rules: [
      {
        holds: (e) => (REFUSAL_GROUNDS as readonly number[]).includes(e.ground),
        message: '请选择不予受理的理由（四项之一）',
      },
      {
        holds: (e) => within(e.explanation, LIMITS.explanationMin, LIMITS.explanationMax),
        message: `不予受理的说明应为${LIMITS.explanationMin}至${LIMITS.explanationMax}个字，信访人会看到这段说明`,
      },
    ],
    next: (p, e, now) => ({
      ...p,
      status: 'refused',
      refusal: { ground: e.ground, explanation: e.explanation.trim(), refusedAt: now },
    }),
    why: (e) => `${GROUNDS[e.ground]}：${e.explanation.trim()}`,
    note: (e) => GROUNDS[e.ground],
    effects: (p, _e, _now, note) => toPetitioner(p, 'refused', note),
  }),

  REQUEST_MATERIALS: on('REQUEST_MATERIALS')({
    name: '要求补充材料',
    by: ['registrar', 'leader'],
    from: ['registered'],
    conditions: [
      {
        // 国家赔偿法 art. 12: everything missing is listed at once, so only one request.
        holds: (p) => p.kind !== 'state_compensation' || p.materialsRequests.length === 0,
        message: '国家赔偿申请需补正的材料应当一次性告知，不能再次要求补充',
      },
    ],
    rules: [
      {
        holds: (e) =>
          e.items.length >= 1 &&
          e.items.length <= LIMITS.materialsItemsMax &&
          e.items.every((i) => within(i, 2, 100)),
        message: `请列出需要补充的材料（1至${LIMITS.materialsItemsMax}项，每项2至100个字）`,
      },
      {
        holds: (e, _p, now) => e.dueDate.getTime() > now.getTime(),
        message: '补充材料的截止日期应晚于现在',
      },
    ],
    next: (p, e, now) => ({
      ...p,
      status: 'materials_requested',
      materialsRequests: [
        ...p.materialsRequests,
        {
          items: e.items.map((i) => i.trim()),
          dueDate: e.dueDate,
          requestedAt: now,
          suppliedAt: null,
          supplied: [],
          note: null,
        },
      ],
    }),
    note: (e) => `请补充：${e.items.map((i) => i.trim()).join('、')}`,
    effects: (p, _e, _now, note) => toPetitioner(p, 'materials_needed', note),
  }),

  SUPPLY_MATERIALS: on('SUPPLY_MATERIALS')({
    name: '补充材料',
    by: ['petitioner'],
    from: ['materials_requested'],
    rules: [
      {
        holds: (e) => e.attachments.length > 0 || length(e.note) > 0,
        message: '请上传补充的材料或填写补充说明',
      },
      {
        holds: (e) => e.attachments.length <= LIMITS.attachmentsMax,
        message: `补充材料最多${LIMITS.attachmentsMax}个文件`,
      },
      { holds: (e) => length(e.note) <= 1000, message: '补充说明不能超过1000个字' },
    ],
    next: (p, e, now) => {
      const requests = p.materialsRequests.slice();
      const last = requests[requests.length - 1];
      if (last) {
        requests[requests.length - 1] = {
          ...last,
          suppliedAt: now,
          supplied: e.attachments,
          note: length(e.note) > 0 ? (e.note ?? '').trim() : null,
        };
      }
      return {
        ...p,
        status: 'registered',
        materialsRequests: requests,
        attachments: [...p.attachments, ...e.attachments],
      };
    },
  }),

  TRANSFER: on('TRANSFER')({
    name: '转办',
    by: ['registrar', 'leader'],
    from: ['registered', 'accepted'],
    rules: [
      {
        holds: (e) => within(e.reason, LIMITS.reasonMin, LIMITS.reasonMax),
        message: `请填写转办理由（${LIMITS.reasonMin}至${LIMITS.reasonMax}个字）`,
      },
      {
        holds: (e, p) =>
          !(e.to.type === 'procuratorate' && e.to.procuratorateId === p.procuratorateId),
        message: '不能转办给本院，请改为转交本院其他部门',
      },
      {
        holds: (e, p) => !(e.to.type === 'department' && e.to.departmentId === p.departmentId),
        message: '该信访已由这个部门承办',
      },
      {
        holds: (e) => e.to.type !== 'legal_procedure' || within(e.to.procedure, 2, 50),
        message: '请填写导入的法律程序',
      },
    ],
    next: (p, e, now) => {
      // Within the procuratorate it is only re-routed: the state stays, the department changes.
      if (e.to.type === 'department') return { ...p, departmentId: e.to.departmentId };
      return {
        ...p,
        status: 'transferred',
        transfer: { to: e.to, reason: e.reason.trim(), transferredAt: now },
      };
    },
    why: (e) => e.reason.trim(),
    note: (e) =>
      e.to.type === 'department'
        ? null
        : e.to.type === 'procuratorate'
          ? `转${e.to.name}办理`
          : `导入${e.to.procedure}`,
    effects: (p, e, now, note) => {
      if (e.to.type === 'department') return [];
      const forward: PetitionEffect[] =
        e.to.type === 'procuratorate'
          ? [
              {
                type: 'forwardPetition',
                originalId: p.id,
                toProcuratorateId: e.to.procuratorateId,
                reason: e.reason.trim(),
                at: now,
              },
            ]
          : [];
      return [...forward, ...toPetitioner(p, 'transferred', note)];
    },
  }),

  ASSIGN: on('ASSIGN')({
    name: '分配承办人',
    by: ['leader'],
    from: ['accepted', 'assigned', 'procedural_replied', 'in_progress'],
    rules: [
      { holds: (e) => e.handler.staffId.trim() !== '', message: '请选择承办人' },
      {
        holds: (e, p) => e.handler.departmentId === p.departmentId,
        message: '承办人应属于该信访的承办部门',
      },
      {
        holds: (e, p) => !('handler' in p) || p.handler.staffId !== e.handler.staffId,
        message: '该信访已由此人承办',
      },
    ],
    next: (p, e, now) =>
      p.status === 'accepted'
        ? { ...p, status: 'assigned', handler: e.handler, assignedAt: now }
        : { ...p, handler: e.handler },
    why: (e) => `承办人：${e.handler.name}`,
    effects: (_p, e) => [
      {
        type: 'notify',
        to: { type: 'staff', staffId: e.handler.staffId },
        step: 'assigned',
        note: null,
      },
    ],
  }),

  PROCEDURAL_REPLY: on('PROCEDURAL_REPLY')({
    name: '程序性答复',
    by: ['handler', 'leader'],
    from: ['assigned'],
    conditions: [isAssignedHandlerOrLeader],
    rules: replyRules,
    next: (p, e, now) => ({
      ...p,
      status: 'procedural_replied',
      proceduralRepliedAt: now,
      replies: [...p.replies, reply(e, 'procedural', now)],
    }),
    effects: (p, _e, _now, note) => toPetitioner(p, 'replied', note),
  }),

  PROGRESS_REPLY: on('PROGRESS_REPLY')({
    name: '答复办理进展',
    by: ['handler', 'leader'],
    from: ['procedural_replied', 'in_progress'],
    conditions: [isAssignedHandlerOrLeader],
    rules: replyRules,
    next: (p, e, now) => ({
      ...p,
      status: 'in_progress',
      replies: [...p.replies, reply(e, 'progress', now)],
    }),
    effects: (p, _e, _now, note) => toPetitioner(p, 'replied', note),
  }),

  ANSWER: on('ANSWER')({
    name: '答复办理结果',
    by: ['handler', 'leader'],
    from: ['procedural_replied', 'in_progress'],
    conditions: [isAssignedHandlerOrLeader],
    rules: [
      {
        holds: (e) => within(e.result, LIMITS.resultMin, LIMITS.resultMax),
        message: `请填写办理结果（${LIMITS.resultMin}至${LIMITS.resultMax}个字）`,
      },
      ...replyRules,
    ],
    next: (p, e, now) => ({
      ...p,
      status: 'answered',
      answer: { result: e.result.trim(), answeredAt: now },
      rating: null,
      review: null,
      replies: [...p.replies, reply(e, 'answer', now)],
    }),
    note: (e) => e.result.trim(),
    effects: (p, _e, _now, note) => toPetitioner(p, 'answered', note),
  }),

  CLOSE: on('CLOSE')({
    name: '办结',
    by: ['handler', 'leader'],
    from: ['answered'],
    conditions: [isAssignedHandlerOrLeader],
    next: (p, _e, now) => ({ ...p, status: 'closed', closedAt: now }),
  }),

  ARCHIVE: on('ARCHIVE')({
    name: '归档',
    by: ['registrar', 'leader'],
    from: ARCHIVABLE,
    conditions: [
      {
        // A closed file stays open while its petitioner may still ask for review.
        holds: (p, _by, now) =>
          p.status !== 'closed' ||
          p.review !== null ||
          now.getTime() > reviewDeadline(p.answer.answeredAt).getTime(),
        message: '复查申请期限届满前不能归档',
      },
    ],
    next: (p, _e, now) =>
      ({ ...p, status: 'archived', archivedFrom: p.status, archivedAt: now }) as ArchivedPetition,
  }),

  WITHDRAW: on('WITHDRAW')({
    name: '撤回',
    by: ['petitioner'],
    from: WITHDRAWABLE,
    rules: [{ holds: (e) => length(e.reason) <= 200, message: '撤回理由不能超过200个字' }],
    next: (p, e, now) => ({
      ...p,
      status: 'withdrawn',
      withdrawal: {
        reason: length(e.reason) > 0 ? (e.reason ?? '').trim() : null,
        withdrawnAt: now,
        from: p.status,
      },
    }),
    why: (e) => (length(e.reason) > 0 ? (e.reason ?? '').trim() : null),
  }),

  RATE: on('RATE')({
    name: '评价',
    by: ['petitioner'],
    from: ['answered', 'closed'],
    conditions: [{ holds: (p) => p.rating === null, message: '已经评价过，不能重复评价' }],
    rules: [
      {
        holds: (e) => (SATISFACTIONS as readonly string[]).includes(e.satisfaction),
        message: '请选择满意程度',
      },
      {
        holds: (e) => length(e.comment) <= LIMITS.commentMax,
        message: `评价内容不能超过${LIMITS.commentMax}个字`,
      },
    ],
    next: (p, e, now) => ({
      ...p,
      rating: {
        satisfaction: e.satisfaction,
        comment: length(e.comment) > 0 ? (e.comment ?? '').trim() : null,
        ratedAt: now,
      },
    }),
  }),

  REQUEST_REVIEW: on('REQUEST_REVIEW')({
    name: '申请复查',
    by: ['petitioner'],
    from: ['answered', 'closed'],
    conditions: [
      { holds: (p) => p.review === null, message: '已经申请过复查，不能重复申请' },
      {
        holds: (p, _by, now) => now.getTime() <= reviewDeadline(p.answer.answeredAt).getTime(),
        message: `已超过答复之日起${REVIEW_WINDOW_DAYS}日的复查申请期限`,
      },
    ],
    rules: [
      {
        holds: (e) => within(e.reason, LIMITS.reviewReasonMin, LIMITS.explanationMax),
        message: `请填写申请复查的理由（${LIMITS.reviewReasonMin}至${LIMITS.explanationMax}个字）`,
      },
      { holds: (e) => e.reviewPetitionId.trim() !== '', message: '缺少复查信访编号' },
    ],
    next: (p, e, now) => ({
      ...p,
      review: { reviewPetitionId: e.reviewPetitionId, reason: e.reason.trim(), requestedAt: now },
    }),
    why: (e) => e.reason.trim(),
    effects: (p, e, now) =>
      e.by.type === 'citizen'
        ? [
            {
              type: 'createReviewPetition',
              reviewPetitionId: e.reviewPetitionId,
              originalId: p.id,
              fromProcuratorateId: p.procuratorateId,
              kind: p.kind,
              petitionerOpenid: e.by.openid,
              reason: e.reason.trim(),
              at: now,
            },
          ]
        : [],
  }),

  REQUEST_EXTENSION: on('REQUEST_EXTENSION')({
    name: '申请延长办理期限',
    by: ['handler', 'leader'],
    from: HANDLING,
    conditions: [
      {
        code: 'FORBIDDEN',
        holds: (p, by) => by.type === 'staff' && by.staffId === p.handler.staffId,
        message: '只有该信访的承办人可以申请延长办理期限',
      },
      {
        holds: (p) => !(p.extensions ?? []).some((x) => x.decision?.granted !== false),
        message: '办理期限只能延长一次，已有延期申请或已经延期',
      },
    ],
    rules: [
      {
        holds: (e) => Number.isInteger(e.days) && e.days >= 1 && e.days <= LIMITS.extensionDaysMax,
        message: `延长的天数应为1至${LIMITS.extensionDaysMax}日`,
      },
      {
        holds: (e) => within(e.reason, LIMITS.reasonMin, LIMITS.reasonMax),
        message: `请填写延期理由（${LIMITS.reasonMin}至${LIMITS.reasonMax}个字），信访人会看到这段理由`,
      },
    ],
    next: (p, e, now) => ({
      ...p,
      extensions: [
        ...(p.extensions ?? []),
        {
          days: e.days,
          reason: e.reason.trim(),
          requestedBy: e.by.type === 'staff' ? e.by.staffId : '',
          requestedAt: now,
          decision: null,
        },
      ],
    }),
    why: (e) => `延长${e.days}日：${e.reason.trim()}`,
    internal: () => true,
    effects: (_p, e) => [
      {
        type: 'notify',
        to: { type: 'leaders' },
        step: 'to_decide',
        note: `申请延长办理期限${e.days}日`,
      },
    ],
  }),

  DECIDE_EXTENSION: on('DECIDE_EXTENSION')({
    name: '审批延期申请',
    by: ['leader'],
    from: HANDLING,
    conditions: [
      {
        holds: (p) => pendingOf(p.extensions) !== null,
        message: '没有待审批的延期申请',
      },
    ],
    rules: [
      {
        holds: (e) => e.grant || within(e.note, LIMITS.reasonMin, LIMITS.reasonMax),
        message: `不批准延期的，请填写理由（${LIMITS.reasonMin}至${LIMITS.reasonMax}个字）`,
      },
      { holds: (e) => length(e.note) <= LIMITS.reasonMax, message: '审批意见过长' },
    ],
    next: (p, e, now) => ({ ...p, extensions: decide(p.extensions, e, now) }),
    why: (e) => (e.grant ? '批准延期' : `不批准延期：${(e.note ?? '').trim()}`),
    // The petitioner is told of an extension and its reason; a refused request stays internal.
    note: (e) => (e.grant ? '办理期限延长' : null),
    internal: (e) => !e.grant,
    effects: (p, e) => {
      const x = pendingOf(p.extensions);
      if (!x) return [];
      const toHandler: PetitionEffect = {
        type: 'notify',
        to: { type: 'staff', staffId: x.requestedBy },
        step: 'to_decide',
        note: e.grant ? `延期${x.days}日已批准` : '延期申请未获批准',
      };
      return e.grant
        ? [toHandler, ...toPetitioner(p, 'extended', `延长${x.days}日：${x.reason}`)]
        : [toHandler];
    },
  }),

  REQUEST_RECUSAL: on('REQUEST_RECUSAL')({
    name: '申请承办人回避',
    by: ['petitioner'],
    from: HANDLING,
    conditions: [
      {
        holds: (p) => pendingOf(p.recusals) === null,
        message: '您的回避申请正在审批中，请耐心等待',
      },
      {
        holds: (p) => !(p.recusals ?? []).some((r) => r.handlerStaffId === p.handler.staffId),
        message: '您已对该承办人申请过回避',
      },
    ],
    rules: [
      {
        holds: (e) => within(e.reason, LIMITS.reviewReasonMin, LIMITS.explanationMax),
        message: `请填写申请回避的理由（${LIMITS.reviewReasonMin}至${LIMITS.explanationMax}个字）`,
      },
    ],
    next: (p, e, now) => ({
      ...p,
      recusals: [
        ...(p.recusals ?? []),
        {
          handlerStaffId: p.handler.staffId,
          handlerName: p.handler.name,
          reason: e.reason.trim(),
          requestedAt: now,
          decision: null,
        },
      ],
    }),
    why: (e) => e.reason.trim(),
    note: () => '已申请承办人回避',
    effects: () => [
      { type: 'notify', to: { type: 'leaders' }, step: 'to_decide', note: '信访人申请承办人回避' },
    ],
  }),

  DECIDE_RECUSAL: on('DECIDE_RECUSAL')({
    name: '决定是否回避',
    by: ['leader'],
    from: HANDLING,
    conditions: [{ holds: (p) => pendingOf(p.recusals) !== null, message: '没有待决定的回避申请' }],
    rules: [
      {
        holds: (e) => !e.grant || (!!e.handler && e.handler.staffId.trim() !== ''),
        message: '决定回避的，请选择新的承办人',
      },
      {
        holds: (e, p) => !e.grant || e.handler?.departmentId === p.departmentId,
        message: '承办人应属于该信访的承办部门',
      },
      {
        holds: (e, p) => !e.grant || e.handler?.staffId !== p.handler.staffId,
        message: '新的承办人不能是申请回避的承办人',
      },
      {
        holds: (e) => e.grant || within(e.note, LIMITS.reasonMin, LIMITS.reasonMax),
        message: `决定不予回避的，请填写理由（${LIMITS.reasonMin}至${LIMITS.reasonMax}个字），信访人会看到这段理由`,
      },
    ],
    next: (p, e, now) => ({
      ...p,
      recusals: decide(p.recusals, e, now),
      ...(e.grant && e.handler ? { handler: e.handler } : {}),
    }),
    why: (e) =>
      e.grant ? `决定回避，改由${e.handler?.name ?? ''}承办` : `不予回避：${(e.note ?? '').trim()}`,
    note: (e) => (e.grant ? '决定承办人回避，已更换承办人' : `不予回避：${(e.note ?? '').trim()}`),
    effects: (p, e, _now, note) => [
      ...(e.grant && e.handler
        ? [
            {
              type: 'notify',
              to: { type: 'staff', staffId: e.handler.staffId },
              step: 'assigned',
              note: null,
            } as PetitionEffect,
          ]
        : []),
      ...toPetitioner(p, 'recusal', note),
    ],
  }),
};

// ---------------------------------------------------------------------------------------------
// Transition

function auditBy(by: Actor): AuditBy {
  return by.type === 'citizen'
    ? { type: 'citizen', openid: by.openid }
    : { type: 'staff', staffId: by.staffId };
}

/** Whether the actor is one of the parties allowed to send the row's event; a message if not. */
function permit(row: Row, p: Petition, by: Actor): string | null {
  if (by.type === 'citizen') {
    if (!row.by.includes('petitioner')) return `只有检察院工作人员可以${row.name}`;
    if (p.petitionerOpenid === null || p.petitionerOpenid !== by.openid)
      return `只有信访人本人可以${row.name}`;
    return null;
  }
  if (by.procuratorateId !== p.procuratorateId) return '该信访不属于本院';
  if (!by.roles.some((r) => row.by.includes(r))) return `您没有${row.name}的权限`;
  return null;
}

/** Checks who, the state, the conditions and the payload, in that order. */
function check(
  row: Row,
  p: Petition,
  by: Actor,
  now: Date,
  event: PetitionEvent | null,
): { code: 'FORBIDDEN' | 'PRECONDITION_FAILED'; message: string } | null {
  const denied = permit(row, p, by);
  if (denied) return { code: 'FORBIDDEN', message: denied };
  if (!(row.from as readonly PetitionStatus[]).includes(p.status)) {
    return {
      code: 'PRECONDITION_FAILED',
      message: `该信访当前为“${PETITION_STATUS_NAMES[p.status]}”，不能${row.name}`,
    };
  }
  for (const c of row.conditions ?? []) {
    if (!c.holds(p, by, now)) return { code: c.code ?? 'PRECONDITION_FAILED', message: c.message };
  }
  if (event) {
    for (const r of row.rules ?? []) {
      if (!r.holds(event, p, now)) return { code: 'PRECONDITION_FAILED', message: r.message };
    }
  }
  return null;
}

/**
 * The next state of a petition after an event, with the effects to perform (notifications,
 * audit entries, new records). Performs nothing itself; `now` is the moment of the event.
 */
export function transition(petition: Petition, event: PetitionEvent, now: Date): TransitionResult {
  const row = PETITION_MACHINE[event.type];
  const failure = check(row, petition, event.by, now, event);
  if (failure) return { ok: false, ...failure };

  const moved = row.next(petition, event, now);
  const note = row.note?.(event) ?? null;
  const step: Step = { event: event.type, status: moved.status, at: now, note };
  if (row.internal?.(event)) step.internal = true;
  const next: Petition = { ...moved, updatedAt: now, steps: [...moved.steps, step] };
  const audit: PetitionEffect = {
    type: 'audit',
    action: event.type,
    by: auditBy(event.by),
    at: now,
    from: petition.status,
    to: next.status,
    why: row.why?.(event) ?? null,
  };
  return { ok: true, next, effects: [audit, ...(row.effects?.(petition, event, now, note) ?? [])] };
}

/**
 * The events this actor may send now, judging by who they are, the state and the time (not the
 * payload): what the page offers as buttons.
 */
export function allowedEvents(petition: Petition, by: Actor, now: Date): PetitionEventType[] {
  return (Object.keys(PETITION_MACHINE) as PetitionEventType[]).filter(
    (type) => check(PETITION_MACHINE[type], petition, by, now, null) === null,
  );
}

/** A new petition as received (online, or registered by staff from a letter, call or visit). */
export function receive(
  args: {
    id: string;
    receiptNumber: string;
    kind: PetitionKind;
    channel: PetitionChannel;
    procuratorateId: string;
    petitionerOpenid: string | null;
    attachments: string[];
    by: Actor;
  },
  now: Date,
): { petition: SubmittedPetition; effects: PetitionEffect[] } {
  const petition: SubmittedPetition = {
    id: args.id,
    receiptNumber: args.receiptNumber,
    kind: args.kind,
    channel: args.channel,
    procuratorateId: args.procuratorateId,
    departmentId: null,
    petitionerOpenid: args.petitionerOpenid,
    attachments: args.attachments,
    submittedAt: now,
    updatedAt: now,
    materialsRequests: [],
    replies: [],
    steps: [{ event: 'SUBMIT', status: 'submitted', at: now, note: null }],
    status: 'submitted',
  };
  return {
    petition,
    effects: [
      {
        type: 'audit',
        action: 'SUBMIT',
        by: auditBy(args.by),
        at: now,
        from: null,
        to: 'submitted',
        why: null,
      },
      ...toPetitioner(petition, 'received', args.receiptNumber),
    ],
  };
}
