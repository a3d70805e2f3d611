// What the deputies', members' and supervisors' pages and the staff pages show of the liaison
// function. MIRRORS the names and limits of typings/liaison.ts (pages may only `import type` from
// typings/); tests/miniprogram/mirror.test.ts fails when they drift apart.
import type {
  InvitationStatus,
  LiaisonKind,
  LiaisonReplyMethod,
  LiaisonRole,
  LiaisonStatus,
  LiaisonView,
  SupervisionMatter,
} from '../../typings/liaison';
import type { DeadlineState } from '../../typings/petition';
import { dayText } from './cases';
import { DEADLINE_STATE_NAMES } from './petition-form';
import { formatTime } from './time';

export const LIAISON_ROLE_NAMES: Record<LiaisonRole, string> = {
  deputy: '人大代表',
  member: '政协委员',
  supervisor: '人民监督员',
};

export const LIAISON_KIND_NAMES: Record<LiaisonKind, string> = {
  opinion: '意见建议',
  complaint: '案件监督申诉',
};

export const SUPERVISION_MATTERS: SupervisionMatter[] = [
  'filing',
  'detention',
  'residential_surveillance',
  'property',
  'obstruction',
  'bail_refund',
  'compensation',
  'misconduct',
  'other',
];

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

export const LIAISON_STATUS_NAMES: Record<LiaisonStatus, string> = {
  submitted: '待分办',
  handling: '办理中',
  replied: '已答复',
};

export const LIAISON_REPLY_METHODS: LiaisonReplyMethod[] = [
  'online',
  'meeting',
  'letter',
  'telephone',
];

export const LIAISON_REPLY_METHOD_NAMES: Record<LiaisonReplyMethod, string> = {
  online: '网上答复',
  meeting: '当面座谈',
  letter: '书面函复',
  telephone: '电话答复',
};

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

/** A status as a tag: its name and colour class. */
export function statusTag(status: LiaisonStatus): { name: string; cls: string } {
  return {
    name: LIAISON_STATUS_NAMES[status],
    cls: status === 'replied' ? 'tag-replied' : status === 'handling' ? 'tag-soon' : 'tag-pending',
  };
}

/**
 * The reply limit as the petition pages show deadlines: `答复期限 2027年3月1日 23:59`, how it
 * stands once met, and whether it is due soon or overdue.
 */
export function dueText(d: {
  due: string;
  state: DeadlineState;
  uncertain: boolean;
  complex: boolean | object | null;
}): { text: string; overdue: boolean; soon: boolean } {
  const met = d.state === 'met' || d.state === 'met_late';
  return {
    text:
      formatTime(d.due) +
      (d.complex ? '（复杂件，6个月）' : '') +
      (met || d.state !== 'on_time' ? `，${DEADLINE_STATE_NAMES[d.state]}` : '') +
      (d.uncertain ? '（节假日安排未公布，可能调整）' : ''),
    overdue: d.state === 'overdue',
    soon: d.state === 'due_soon',
  };
}

/** What the person's and the staff's detail pages show of an item, shaped once. */
export function shownItem(v: LiaisonView) {
  const tag = statusTag(v.status);
  const due = dueText(v);
  return {
    id: v.id,
    kind: v.kind,
    kindName: LIAISON_KIND_NAMES[v.kind],
    title: v.title,
    procuratorateName: v.procuratorateName,
    statusName: tag.name,
    statusClass: tag.cls,
    submittedAtText: formatTime(v.submittedAt),
    caseNumber: v.caseNumber ?? '',
    matterName: v.matter ? SUPERVISION_MATTER_NAMES[v.matter] : '',
    content: v.content,
    attachments: v.attachments,
    dueText: due.text,
    overdue: due.overdue,
    soon: due.soon,
    complexText: v.complex
      ? `${formatTime(v.complex.markedAt)}认定为复杂件，答复期限延长至六个月：${v.complex.reason}`
      : '',
    reply: v.reply
      ? {
          methodName: LIAISON_REPLY_METHOD_NAMES[v.reply.method],
          content: v.reply.content,
          repliedOnText: dayText(v.reply.repliedOn),
          by: v.reply.by,
        }
      : null,
  };
}

export type ShownItem = ReturnType<typeof shownItem>;
