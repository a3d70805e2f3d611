// The consultation function: legal consultation (法律咨询) and its public FAQ (常见问题).
//
// Routing: a question names a procuratorate, or none; one without a procuratorate goes to
// CONSULTATION_DEFAULT_UNIT (北京市人民检察院, the provincial procuratorate of the demo), because the
// Supreme Procuratorate has no staff registered here.
import { z } from 'zod';
import { action, output } from './contract';
import {
  clientToken,
  flag,
  id,
  oneOf,
  pagination,
  text,
  type Page,
  type NoticeState,
} from './fields';

export const CONSULTATION_TOPICS = [
  '刑事',
  '民事',
  '行政',
  '国家赔偿',
  '司法救助',
  '未成年人',
  '其他',
] as const;
export type ConsultationTopic = (typeof CONSULTATION_TOPICS)[number];

export const CONSULTATION_LIMITS = {
  textMin: 10,
  textMax: 1000,
  answerMin: 10,
  answerMax: 3000,
} as const;

/** Where a question that names no procuratorate goes (documented above). */
export const CONSULTATION_DEFAULT_UNIT = '110000';

export type ConsultationStatus = 'pending' | 'answered';
export const CONSULTATION_STATUS_NAMES: Record<ConsultationStatus, string> = {
  pending: '待答复',
  answered: '已答复',
};

export interface ConsultationAnswerView {
  content: string;
  answeredAt: string;
  /** The answering unit, never the staff member's personal identity. */
  by: string;
}

/** What the asker sees (and staff of the procuratorate asked). */
export interface ConsultationView {
  id: string;
  procuratorateId: string;
  procuratorateName: string;
  topic: ConsultationTopic;
  text: string;
  notify: boolean;
  status: ConsultationStatus;
  createdAt: string;
  answer: ConsultationAnswerView | null;
}

export interface ConsultationStaffView extends ConsultationView {
  contentFlag: 'pass' | 'review';
  notification: NoticeState;
  /** The FAQ entry published from it, if any. */
  faqId: string | null;
}

export interface ConsultationListItem {
  id: string;
  procuratorateName: string;
  topic: ConsultationTopic;
  excerpt: string;
  status: ConsultationStatus;
  createdAt: string;
  answeredAt: string | null;
}

/** A published question and answer: anonymised by staff and by the redaction engine. */
export interface FaqView {
  id: string;
  topic: ConsultationTopic;
  question: string;
  answer: string;
  procuratorateName: string;
  publishedAt: string;
}

export interface FaqListItem {
  id: string;
  topic: ConsultationTopic;
  question: string;
  answerExcerpt: string;
  publishedAt: string;
}

export const consultation = {
  ask: action({
    summary: 'A citizen asks a legal question, optionally of a named procuratorate',
    input: z
      .object({
        topic: oneOf('咨询类别', CONSULTATION_TOPICS),
        text: text('咨询内容', {
          min: CONSULTATION_LIMITS.textMin,
          max: CONSULTATION_LIMITS.textMax,
        }),
        procuratorateId: z.preprocess(
          (v) => (v === '' ? undefined : v),
          z
            .string({ error: '检察院格式不正确' })
            .max(64, '检察院格式不正确')
            .regex(/^[A-Za-z0-9_-]+$/, '检察院格式不正确')
            .optional(),
        ),
        notify: flag('接收答复通知'),
        clientToken,
      })
      .strict(),
    output: output<{ id: string; duplicate: boolean }>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'NOT_FOUND', 'CONTENT_REJECTED'],
  }),
  mine: action({
    summary: "The caller's own questions, newest first",
    input: z.object({ ...pagination }).strict(),
    output: output<Page<ConsultationListItem>>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED'],
  }),
  get: action({
    summary: 'One question, for its asker or staff of the procuratorate asked',
    input: z.object({ id: id('咨询编号') }).strict(),
    output: output<ConsultationView | ConsultationStaffView>(),
    audience: ['user'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'NOT_FOUND'],
  }),
  inbox: action({
    summary: "Staff: the questions asked of the caller's procuratorate, newest first",
    input: z
      .object({
        status: z.enum(['pending', 'answered'], { error: '状态不正确' }).optional(),
        ...pagination,
      })
      .strict(),
    output: output<
      Page<ConsultationListItem & { contentFlag: 'pass' | 'review' }> & {
        counts: Record<ConsultationStatus, number>;
      }
    >(),
    audience: ['registrar', 'handler', 'leader'],
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  answer: action({
    summary:
      'Staff: answer a question once; the asker is notified once (suggestionReplied template)',
    input: z
      .object({
        id: id('咨询编号'),
        content: text('答复内容', {
          min: CONSULTATION_LIMITS.answerMin,
          max: CONSULTATION_LIMITS.answerMax,
        }),
      })
      .strict(),
    output: output<ConsultationStaffView>(),
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
  publish: action({
    summary: 'Leader: publish an answered question to the public FAQ, anonymised',
    input: z
      .object({
        id: id('咨询编号'),
        publicQuestion: text('公开的问题', {
          min: CONSULTATION_LIMITS.textMin,
          max: CONSULTATION_LIMITS.textMax,
        }),
        publicAnswer: text('公开的答复', {
          min: CONSULTATION_LIMITS.answerMin,
          max: CONSULTATION_LIMITS.answerMax,
        }),
      })
      .strict(),
    output: output<FaqView>(),
    audience: ['leader'],
    errors: [
      'BAD_REQUEST',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
      'PRECONDITION_FAILED',
      'CONTENT_REJECTED',
    ],
  }),
  'faq.list': action({
    summary: 'Anyone: the published FAQ, newest first, by keyword and topic',
    input: z
      .object({
        q: z.preprocess(
          (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
          z.string({ error: '关键词应为文字' }).trim().max(30, '关键词不能超过30个字').optional(),
        ),
        topic: oneOf('咨询类别', CONSULTATION_TOPICS).optional(),
        ...pagination,
      })
      .strict(),
    output: output<Page<FaqListItem>>(),
    audience: ['public'],
    errors: ['BAD_REQUEST'],
  }),
  'faq.get': action({
    summary: 'Anyone: one published question and answer',
    input: z.object({ id: id('问答编号') }).strict(),
    output: output<FaqView>(),
    audience: ['public'],
    errors: ['BAD_REQUEST', 'NOT_FOUND'],
  }),
} as const;
