// The supervision function: the public opinions-and-suggestions box (意见建议箱).
import { z } from 'zod';
import { action, output } from './contract';
import {
  clientToken,
  flag,
  id,
  oneOf,
  picked,
  optionalMobile,
  optionalText,
  pagination,
  text,
  type Page,
  type NoticeState,
} from './fields';

export const SUGGESTION_TOPICS = [
  '执法办案',
  '检务公开',
  '服务群众',
  '队伍建设',
  '纪律作风',
  '其他',
] as const;
export type SuggestionTopic = (typeof SUGGESTION_TOPICS)[number];

export const SUGGESTION_LIMITS = { contentMin: 10, contentMax: 1000, nameMax: 20 } as const;

export type SuggestionStatus = 'pending' | 'replied';
export const SUGGESTION_STATUS_NAMES: Record<SuggestionStatus, string> = {
  pending: '待回复',
  replied: '已回复',
};

export interface SuggestionReplyView {
  content: string;
  repliedAt: string;
  /** The replying unit, never the staff member's personal identity. */
  by: string;
}

/** What the person who wrote it sees (and staff of the procuratorate addressed). */
export interface SuggestionView {
  id: string;
  queryCode: string;
  procuratorateId: string;
  procuratorateName: string;
  topic: SuggestionTopic;
  content: string;
  contact: { name?: string; phone?: string } | null;
  notify: boolean;
  status: SuggestionStatus;
  createdAt: string;
  reply: SuggestionReplyView | null;
}

export interface SuggestionListItem {
  id: string;
  procuratorateName: string;
  topic: SuggestionTopic;
  excerpt: string;
  status: SuggestionStatus;
  createdAt: string;
  repliedAt: string | null;
}

/** Staff see the content flag the content check raised, and whether notifying worked. */
export interface SuggestionStaffView extends SuggestionView {
  contentFlag: 'pass' | 'review';
  notification: NoticeState;
}

/** What anyone holding the query code sees: status and reply, nothing that identifies the writer. */
export interface SuggestionPublicView {
  procuratorateName: string;
  topic: SuggestionTopic;
  status: SuggestionStatus;
  createdAt: string;
  reply: SuggestionReplyView | null;
}

const QUERY_CODE = /^[A-Z2-9]{10}$/;

export const supervision = {
  'suggestion.submit': action({
    summary: 'A citizen drops an opinion or suggestion into the box of a procuratorate',
    input: z
      .object({
        procuratorateId: picked('检察院'),
        topic: oneOf('建议类别', SUGGESTION_TOPICS),
        content: text('意见建议内容', {
          min: SUGGESTION_LIMITS.contentMin,
          max: SUGGESTION_LIMITS.contentMax,
        }),
        contact: z
          .object({
            name: optionalText('联系人姓名', SUGGESTION_LIMITS.nameMax),
            phone: optionalMobile('联系电话'),
          })
          .strict()
          .optional(),
        notify: flag('接收回复通知'),
        clientToken,
      })
      .strict(),
    output: output<{ id: string; queryCode: string; duplicate: boolean }>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'NOT_FOUND', 'CONTENT_REJECTED'],
  }),
  'suggestion.mine': action({
    summary: "The caller's own suggestions, newest first",
    input: z.object({ ...pagination }).strict(),
    output: output<Page<SuggestionListItem>>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED'],
  }),
  'suggestion.get': action({
    summary: 'One suggestion, for its writer or staff of the procuratorate addressed',
    input: z.object({ id: id('建议编号') }).strict(),
    output: output<SuggestionView | SuggestionStaffView>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'NOT_FOUND'],
  }),
  'suggestion.query': action({
    summary: 'Status and reply of a suggestion, for whoever holds its query code',
    input: z
      .object({
        queryCode: z
          .string({ error: '请填写查询码' })
          .trim()
          .toUpperCase()
          .regex(QUERY_CODE, '查询码应为10位字母或数字'),
      })
      .strict(),
    output: output<SuggestionPublicView>(),
    audience: ['public'],
    errors: ['BAD_REQUEST', 'NOT_FOUND', 'RATE_LIMITED'],
  }),
  'suggestion.inbox': action({
    summary: "Staff: the suggestions addressed to the caller's procuratorate, newest first",
    input: z
      .object({
        status: z.enum(['pending', 'replied'], { error: '状态不正确' }).optional(),
        ...pagination,
      })
      .strict(),
    output: output<
      Page<SuggestionListItem & { contentFlag: 'pass' | 'review' }> & {
        counts: Record<SuggestionStatus, number>;
      }
    >(),
    audience: ['registrar', 'handler', 'leader'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  'suggestion.reply': action({
    summary: 'Staff: reply to a suggestion; the writer is notified once if they subscribed',
    input: z
      .object({
        id: id('建议编号'),
        content: text('回复内容', { min: 5, max: 1000 }),
      })
      .strict(),
    output: output<SuggestionStaffView>(),
    audience: ['handler', 'leader'],
    errors: [
      'BAD_REQUEST',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
      'PRECONDITION_FAILED',
      'CONFLICT',
      'CONTENT_REJECTED',
    ],
  }),
} as const;
