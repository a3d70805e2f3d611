// What the publishing pages share (public/ and the staff's casework/ pages of 信息发布 and 文书公开):
// the contract's document types, statuses and limits, the search highlight cut into plain and bold
// pieces, and the original and masked text of a document cut into pieces with every masked span and
// every flagged name marked. MIRRORS typings/publish.ts (pages may only `import type` from outside
// miniprogram/); tests/miniprogram/publish.test.ts fails when they drift apart.
import type {
  DocumentType,
  MaskedSpanView,
  PublicationStatus,
  RedactionView,
} from '../../typings/publish';

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  'indictment',
  'non_prosecution',
  'protest',
  'appeal_review',
  'procuratorial_suggestion',
  'other',
];

export const DOCUMENT_TYPE_NAMES: Record<DocumentType, string> = {
  indictment: '起诉书',
  non_prosecution: '不起诉决定书',
  protest: '抗诉书',
  appeal_review: '刑事申诉复查决定书',
  procuratorial_suggestion: '检察建议书',
  other: '其他法律文书',
};

export const PUBLICATION_STATUSES: readonly PublicationStatus[] = [
  'draft',
  'published',
  'withdrawn',
];

export const PUBLICATION_STATUS_NAMES: Record<PublicationStatus, string> = {
  draft: '待审核',
  published: '已发布',
  withdrawn: '已撤回',
};

/** PUBLISH_LIMITS of the contract, and the minimum lengths of its text fields. */
export const PUBLISH_PAGE_LIMITS = {
  titleMax: 100,
  bodyMax: 20_000,
  documentMax: 50_000,
  queryMax: 40,
  announcementTitleMin: 5,
  bodyMin: 20,
  documentTitleMin: 4,
  documentMin: 20,
  caseNumberMax: 60,
} as const;

/** The tag colour of a status: drafts wait, published is done, withdrawn is grey. */
export function statusTagClass(status: PublicationStatus): string {
  if (status === 'draft') return 'tag-pending';
  if (status === 'published') return 'tag-replied';
  return 'tag-soon';
}

/** The function refused the caller: not staff, or not case management. */
export function isRefusal(code: string): boolean {
  return code === 'FORBIDDEN' || code === 'UNAUTHENTICATED';
}

/** `YYYY-MM-DD` (China time) of an ISO moment; '' when there is none. */
export function chinaDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + 8 * 60 * 60 * 1000);
  const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A piece of a highlighted excerpt: `hit` pieces are what the query matched (shown bold). */
export interface HighlightPiece {
  key: string;
  text: string;
  hit: boolean;
}

/**
 * The search answer's excerpt, where matched characters stand between 【】, as plain and bold
 * pieces: the page shows them as text nodes, so nothing in a document is ever read as markup.
 */
export function highlightPieces(highlighted: string): HighlightPiece[] {
  const pieces: HighlightPiece[] = [];
  const re = /【([^【】]*)】/g;
  let at = 0;
  let m: RegExpExecArray | null;
  const push = (text: string, hit: boolean) => {
    if (text) pieces.push({ key: `h${pieces.length}`, text, hit });
  };
  while ((m = re.exec(highlighted)) !== null) {
    push(highlighted.slice(at, m.index), false);
    push(m[1], true);
    at = m.index + m[0].length;
  }
  push(highlighted.slice(at), false);
  return pieces;
}

/** A piece of a document's text: plain, a masked span (`mask`) or a name flagged for the reviewer. */
export interface TextPiece {
  key: string;
  text: string;
  mark: '' | 'mask' | 'flag';
  /** The masked span's or flag's index in the view, -1 for plain text. */
  index: number;
  /** For a mask: `姓名`, `身份证号码` …; for a flag: `待核查`. */
  label: string;
}

export interface SideBySide {
  original: TextPiece[];
  masked: TextPiece[];
  /** The masked pieces put together are the masked text the public would read. */
  consistent: boolean;
}

/**
 * The original and the masked text cut at every masked span and flagged name: in the original a
 * span shows what was there, in the masked text what replaces it, so the reviewer sees each one in
 * both. Spans that overlap an earlier one are left out (the engine does not make them).
 */
export function sideBySide(original: string, redaction: RedactionView): SideBySide {
  const marks = [
    ...redaction.spans.map((s: MaskedSpanView, i) => ({
      start: s.start,
      end: s.end,
      mark: 'mask' as const,
      index: i,
      label: s.kindName,
      replacement: s.replacement,
    })),
    ...redaction.flags.map((f, i) => ({
      start: f.start,
      end: f.end,
      mark: 'flag' as const,
      index: i,
      label: '待核查',
      replacement: original.slice(f.start, f.end),
    })),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  const left: TextPiece[] = [];
  const right: TextPiece[] = [];
  let at = 0;
  const plain = (to: number) => {
    if (to <= at) return;
    const text = original.slice(at, to);
    left.push({ key: `o${left.length}`, text, mark: '', index: -1, label: '' });
    right.push({ key: `m${right.length}`, text, mark: '', index: -1, label: '' });
  };
  for (const m of marks) {
    if (m.start < at || m.end <= m.start || m.end > original.length) continue;
    plain(m.start);
    const base = { mark: m.mark, index: m.index, label: m.label };
    left.push({ key: `o${left.length}`, text: original.slice(m.start, m.end), ...base });
    right.push({ key: `m${right.length}`, text: m.replacement, ...base });
    at = m.end;
  }
  plain(original.length);
  const consistent = right.map((p) => p.text).join('') === redaction.masked;
  return { original: left, masked: right, consistent };
}
