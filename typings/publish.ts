// The publish function: what procuratorates make public — announcements, of two categories:
// important case information (重要案件信息) and procuratorial affairs announcements (检务公告), one
// mechanism (a staff member drafts, a second approves, then anyone may read it) — and legal documents (法律
// 文书: attached to a case, redacted by the engine of domain/redaction.ts, approved by a second staff
// member after seeing every masked span, never for juvenile, secret or privacy-flagged cases), and
// the public's list, search and detail, without logging in.
import { z } from 'zod';
import { action, output } from './contract';
import { id, oneOf, optionalText, pagination, text, type Page } from './fields';
import { PARTY_ROLES } from './cases';

export const PUBLICATION_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];
export const PUBLICATION_STATUS_NAMES: Record<PublicationStatus, string> = {
  draft: '待审核',
  published: '已发布',
  withdrawn: '已撤回',
};

export const DOCUMENT_TYPES = [
  'indictment',
  'non_prosecution',
  'protest',
  'appeal_review',
  'procuratorial_suggestion',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const DOCUMENT_TYPE_NAMES: Record<DocumentType, string> = {
  indictment: '起诉书',
  non_prosecution: '不起诉决定书',
  protest: '抗诉书',
  appeal_review: '刑事申诉复查决定书',
  procuratorial_suggestion: '检察建议书',
  other: '其他法律文书',
};

export const PUBLISH_LIMITS = {
  titleMax: 100,
  bodyMax: 20_000,
  documentMax: 50_000,
  queryMax: 40,
} as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const optionalDay = (label: string) =>
  z.string().regex(DAY, `${label}应为YYYY-MM-DD格式的日期`).optional();

// ---------------------------------------------------------------------------------------------
// Announcements: important case information and procuratorial affairs announcements

/**
 * What an announcement is: important case information (about a case, which it may name by its
 * number) or a procuratorial affairs announcement (about the procuratorate's work: reception hours,
 * notices to the public; never a case number). Stored items without a category are `case_info`.
 */
export const ANNOUNCEMENT_CATEGORIES = ['case_info', 'notice'] as const;
export type AnnouncementCategory = (typeof ANNOUNCEMENT_CATEGORIES)[number];
export const ANNOUNCEMENT_CATEGORY_NAMES: Record<AnnouncementCategory, string> = {
  case_info: '重要案件信息',
  notice: '检务公告',
};

export const announcementSaveInput = z
  .object({
    id: id('发布信息').optional(),
    /** The version the editor saw: required with `id` (an edit), so two editors never overwrite each other. */
    version: z.number().int().min(1).optional(),
    /**
     * Its category; omitted, `case_info` (a save replaces the draft's fields, an edit's too). A
     * `notice` takes no `caseNumber` (BAD_REQUEST at `caseNumber`).
     */
    category: oneOf('信息类别', ANNOUNCEMENT_CATEGORIES).optional(),
    title: text('标题', { min: 5, max: PUBLISH_LIMITS.titleMax }),
    body: text('正文', { min: 20, max: PUBLISH_LIMITS.bodyMax }),
    /** The case it is about, if registered (its number is shown normalised); only for `case_info`. */
    caseNumber: optionalText('案件编号', 60),
  })
  .strict();

export interface AnnouncementView {
  id: string;
  procuratorateId: string;
  procuratorateName: string;
  category: AnnouncementCategory;
  categoryName: string;
  title: string;
  body: string;
  caseNumber: string | null;
  publishedAt: string | null;
}

export interface AnnouncementStaffView extends AnnouncementView {
  status: PublicationStatus;
  statusName: string;
  draftedByName: string;
  approvedByName: string | null;
  /** The caller may approve it: a draft someone else wrote. */
  canApprove: boolean;
  version: number;
}

export interface PublicListItem {
  id: string;
  title: string;
  procuratorateName: string;
  publishedAt: string;
  excerpt: string;
}

export interface AnnouncementListItem extends PublicListItem {
  category: AnnouncementCategory;
  categoryName: string;
}

// ---------------------------------------------------------------------------------------------
// Legal documents

export const redactionPartyInput = z
  .object({
    name: text('当事人姓名', { min: 2, max: 30 }),
    role: oneOf('诉讼地位', PARTY_ROLES),
    minor: z.boolean().default(false),
    sentenceMonths: z.number().int().min(0).max(1200).nullable().default(null),
    recidivist: z.boolean().default(false),
    aliases: z
      .array(text('别名', { min: 1, max: 30 }))
      .max(10)
      .default([]),
  })
  .strict();

export const redactionPreviewInput = z
  .object({
    text: text('文书内容', { min: 1, max: PUBLISH_LIMITS.documentMax }),
    parties: z.array(redactionPartyInput, { error: '当事人格式不正确' }).max(50).default([]),
  })
  .strict();

export interface MaskedSpanView {
  start: number;
  end: number;
  kind: string;
  kindName: string;
  original: string;
  replacement: string;
  reason: string;
}

export interface RedactionView {
  masked: string;
  spans: MaskedSpanView[];
  /** Likely personal names not in the parties list, for the reviewer to look at. */
  flags: { start: number; end: number; text: string; reason: string }[];
}

export const documentSaveInput = z
  .object({
    id: id('文书').optional(),
    version: z.number().int().min(1).optional(),
    caseId: id('案件'),
    type: oneOf('文书类型', DOCUMENT_TYPES),
    title: text('文书标题', { min: 4, max: PUBLISH_LIMITS.titleMax }),
    text: text('文书内容', { min: 20, max: PUBLISH_LIMITS.documentMax }),
  })
  .strict();

/** Staff: the original beside the masked text, every masked span and flag, and whether it may be published. */
export interface DocumentStaffView {
  id: string;
  caseId: string;
  caseNumber: string;
  type: DocumentType;
  typeName: string;
  title: string;
  original: string;
  redaction: RedactionView;
  /** Why it can never be published (a juvenile, secret or privacy-flagged case), or null. */
  unpublishable: string | null;
  status: PublicationStatus;
  statusName: string;
  draftedByName: string;
  approvedByName: string | null;
  canApprove: boolean;
  version: number;
  publishedAt: string | null;
}

/** The public: only the masked text. */
export interface DocumentPublicView {
  id: string;
  type: DocumentType;
  typeName: string;
  title: string;
  caseNumber: string;
  procuratorateName: string;
  text: string;
  publishedAt: string;
}

export interface DocumentListItem extends PublicListItem {
  type: DocumentType;
  typeName: string;
  caseNumber: string;
  /** Where the query matched, with the matched characters between 【】. */
  highlight: string | null;
}

export const documentSearchInput = z
  .object({
    q: optionalText('关键词', PUBLISH_LIMITS.queryMax),
    type: oneOf('文书类型', DOCUMENT_TYPES).optional(),
    procuratorateId: id('检察院').optional(),
    from: optionalDay('起始日期'),
    to: optionalDay('截止日期'),
    ...pagination,
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// The contract

/** The case-management department's staff (案件管理部). */
const staffAudience = ['case_manager'] as const;
const staffErrors = [
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
] as const;
const approveInput = z.object({ id: id('发布信息'), version: z.number().int().min(1) }).strict();

export const publish = {
  'announcement.save': action({
    summary:
      'Case-management staff draft (or edit a draft of) an announcement: important case information (default) or a procuratorial affairs announcement (检务公告, no case number)',
    input: announcementSaveInput,
    output: output<AnnouncementStaffView>(),
    audience: staffAudience,
    errors: staffErrors,
  }),
  'announcement.approve': action({
    summary:
      'A second case-management staff member (not the drafter) approves a draft: it is public',
    input: approveInput,
    output: output<AnnouncementStaffView>(),
    audience: staffAudience,
    errors: [...staffErrors, 'PRECONDITION_FAILED'],
  }),
  'announcement.withdraw': action({
    summary: 'Case-management staff withdraw a published item (audited); it is no longer public',
    input: approveInput,
    output: output<AnnouncementStaffView>(),
    audience: staffAudience,
    errors: [...staffErrors, 'PRECONDITION_FAILED'],
  }),
  'announcement.staffList': action({
    summary:
      "Case-management staff: their procuratorate's items (of one status, one category), drafts first",
    input: z
      .object({
        status: oneOf('状态', PUBLICATION_STATUSES).optional(),
        category: oneOf('信息类别', ANNOUNCEMENT_CATEGORIES).optional(),
        ...pagination,
      })
      .strict(),
    output: output<Page<AnnouncementStaffView>>(),
    audience: staffAudience,
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  'announcement.list': action({
    summary:
      'Anyone: published announcements, newest first, by keyword, category and procuratorate',
    input: z
      .object({
        q: optionalText('关键词', PUBLISH_LIMITS.queryMax),
        category: oneOf('信息类别', ANNOUNCEMENT_CATEGORIES).optional(),
        procuratorateId: id('检察院').optional(),
        ...pagination,
      })
      .strict(),
    output: output<Page<AnnouncementListItem>>(),
    audience: ['public'],
    errors: ['BAD_REQUEST'],
  }),
  'announcement.get': action({
    summary: 'Anyone: one published item',
    input: z.object({ id: id('发布信息') }).strict(),
    output: output<AnnouncementView>(),
    audience: ['public'],
    errors: ['BAD_REQUEST', 'NOT_FOUND'],
  }),
  'redaction.preview': action({
    summary:
      'Staff: how the redaction engine masks a text with a given parties list (every span with why; flags for the reviewer)',
    input: redactionPreviewInput,
    output: output<RedactionView>(),
    audience: staffAudience,
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  'document.save': action({
    summary:
      "Case-management staff attach a legal document's text to a case of their procuratorate (a draft, redacted with the case's parties)",
    input: documentSaveInput,
    output: output<DocumentStaffView>(),
    audience: staffAudience,
    errors: staffErrors,
  }),
  'document.staffGet': action({
    summary: 'Case-management staff: a document with the original and masked text side by side',
    input: z.object({ id: id('文书') }).strict(),
    output: output<DocumentStaffView>(),
    audience: staffAudience,
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'document.staffList': action({
    summary: "Case-management staff: their procuratorate's documents, drafts first",
    input: z
      .object({ status: oneOf('状态', PUBLICATION_STATUSES).optional(), ...pagination })
      .strict(),
    output: output<Page<DocumentStaffView>>(),
    audience: staffAudience,
    errors: ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  'document.approve': action({
    summary:
      'A second case-management staff member approves the masked text: it is published (never for a juvenile, secret or privacy-flagged case)',
    input: approveInput,
    output: output<DocumentStaffView>(),
    audience: staffAudience,
    errors: [...staffErrors, 'PRECONDITION_FAILED'],
  }),
  'document.search': action({
    summary:
      'Anyone: published legal documents by type, procuratorate, date and keyword (ranked, highlighted), newest first without a keyword',
    input: documentSearchInput,
    output: output<Page<DocumentListItem>>(),
    audience: ['public'],
    errors: ['BAD_REQUEST'],
  }),
  'document.get': action({
    summary: 'Anyone: one published document, masked',
    input: z.object({ id: id('文书') }).strict(),
    output: output<DocumentPublicView>(),
    audience: ['public'],
    errors: ['BAD_REQUEST', 'NOT_FOUND'],
  }),
} as const;
