// The suggestion box's reference data as the pages need it at runtime.
//
// Pages may only `import type` from typings/, so the values below MIRROR typings/supervision.ts
// (SUGGESTION_TOPICS, SUGGESTION_LIMITS, SUGGESTION_STATUS_NAMES) and the reply limits of
// `suggestion.reply`; tests/miniprogram/mirror.test.ts fails when they drift apart.
import type {
  SuggestionReplyView,
  SuggestionStaffView,
  SuggestionStatus,
  SuggestionTopic,
} from '../../typings/supervision';
import { formatTime } from './time';

export const SUGGESTION_TOPICS: readonly SuggestionTopic[] = [
  '执法办案',
  '检务公开',
  '服务群众',
  '队伍建设',
  '纪律作风',
  '其他',
];

export const SUGGESTION_LIMITS = { contentMin: 10, contentMax: 1000, nameMax: 20 } as const;

/** The limits of a staff reply (typings/supervision.ts, `suggestion.reply` input). */
export const REPLY_LIMITS = { contentMin: 5, contentMax: 1000 } as const;

export const SUGGESTION_STATUS_NAMES: Record<SuggestionStatus, string> = {
  pending: '待回复',
  replied: '已回复',
};

export interface ReplyShown {
  content: string;
  by: string;
  repliedAtText: string;
}

/** A reply as every page shows it: content, the replying unit and when. */
export function replyShown(reply: SuggestionReplyView | null): ReplyShown | null {
  return reply
    ? { content: reply.content, by: reply.by, repliedAtText: formatTime(reply.repliedAt) }
    : null;
}

/** The CSS class of a status tag (app.wxss). */
export function statusTagClass(status: SuggestionStatus): string {
  return status === 'replied' ? 'tag-replied' : 'tag-pending';
}

export type NotificationState = SuggestionStaffView['notification'];

/** What staff read about the writer's reply notification (订阅消息). */
export function notificationText(state: NotificationState, status: SuggestionStatus): string {
  switch (state) {
    case 'sent':
      return '已通知';
    case 'not_requested':
    case 'no_quota':
      return '用户未订阅，未通知';
    case 'failed':
      return '发送失败';
    case 'pending':
      return '通知发送中';
    default:
      return status === 'pending' ? '用户已订阅，回复后将通知' : '未通知';
  }
}

/** Query codes are shown and typed in capitals; spaces a person types in are dropped. */
export function normalizeQueryCode(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

export const QUERY_CODE_LENGTH = 10;
