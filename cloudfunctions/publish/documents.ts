// Legal documents (法律文书): a case manager attaches a document's text to a case of their
// procuratorate; the redaction engine (domain/redaction.ts) masks it with the CASE's parties; a
// second case manager approves after seeing the original and the masked text side by side; the
// public reads and searches the masked text only. Documents of juvenile, secret or privacy-flagged
// cases are never published. Audited as entity 'document'.
import {
  redact,
  unpublishable,
  type PartyRole as RedactionRole,
  type Redaction,
  type RedactionParty,
  type SpanKind,
} from '../../domain/redaction';
import { highlight, indexTerms, parseQuery, terms } from '../../domain/search/ngram';
import type { PartyRole } from '../../typings/cases';
import type { Page } from '../../typings/fields';
import {
  DOCUMENT_TYPE_NAMES,
  type DocumentListItem,
  type DocumentPublicView,
  type DocumentStaffView,
  type DocumentType,
  type MaskedSpanView,
  type publish,
  type RedactionView,
} from '../../typings/publish';
import type { Handler, Handlers } from '../_shared/action';
import { appendAudit, auditEntry } from '../_shared/audit';
import { _, db } from '../_shared/cloud';
import { Failure, notFound } from '../_shared/failure';
import { staffNames, unitNames } from '../_shared/inbox';
import type { StaffDoc } from '../_shared/staff';
import { withRetries } from '../_shared/transaction';
import { cases, type CaseDoc, type CaseParty } from '../cases/store';
import {
  approveDraft,
  checkVersion,
  chinaDayEnd,
  chinaDayStart,
  excerptOf,
  type Kind,
  loadOwn,
  mayApprove,
  ownPage,
  pageOf,
  type Publishable,
  publicPage,
  publishedPage,
  saveDraft,
  workflowView,
} from './common';
import { indexPublished, keywordSearch, loadBySeq, repairIndex } from '../_shared/postings';

export const DOCUMENTS = 'legal_documents';
export const DOCUMENT_SCOPE = 'documents';

export interface DocumentDoc extends Publishable {
  caseId: string;
  caseNumber: string;
  type: DocumentType;
  title: string;
  original: string;
  /** The engine's answer for the case's parties at the last save. */
  redaction: Redaction;
  /** The first characters of the masked text, for lists (so they never read whole texts). */
  excerpt: string;
  unpublishable: string | null;
}

type Defs = typeof publish;
const documents = () => db.collection<DocumentDoc>(DOCUMENTS);

const KIND: Kind = { collection: DOCUMENTS, entity: 'document', what: '文书', idPrefix: 'ld' };

export const SPAN_KIND_NAMES: Record<SpanKind, string> = {
  id_number: '身份证号码',
  phone: '电话号码',
  bank_card: '银行卡号',
  address: '住址',
  email: '电子邮箱',
  plate: '车牌号码',
  health: '健康状况',
  name: '姓名',
};

/**
 * The engine knows no 申请人 / 被申请人 (plaintiff, respondent: civil and administrative
 * supervision): they are private persons, so their names are masked always, as 'other'.
 */
const ROLE_FOR_REDACTION: Record<PartyRole, RedactionRole> = {
  suspect: 'suspect',
  defendant: 'defendant',
  victim: 'victim',
  witness: 'witness',
  appraiser: 'appraiser',
  plaintiff: 'other',
  respondent: 'other',
  other: 'other',
};

export function redactionRole(role: PartyRole): RedactionRole {
  return ROLE_FOR_REDACTION[role] ?? 'other';
}

/** A case's party as the engine sees it: a minor when younger than 18. */
export function caseParty(p: CaseParty): RedactionParty {
  return {
    name: p.name,
    role: redactionRole(p.role),
    minor: p.age !== null && p.age !== undefined && p.age < 18,
    sentenceMonths: p.sentenceMonths ?? null,
    recidivist: !!p.recidivist,
  };
}

export function redactionView(text: string, r: Redaction): RedactionView {
  return {
    masked: r.masked,
    spans: r.spans.map((s): MaskedSpanView => ({
      start: s.start,
      end: s.end,
      kind: s.kind,
      kindName: SPAN_KIND_NAMES[s.kind],
      original: text.slice(s.start, s.end),
      replacement: s.replacement,
      reason: s.reason,
    })),
    flags: r.flags.map((f) => ({ start: f.start, end: f.end, text: f.text, reason: f.reason })),
  };
}

async function loadCase(caseId: string): Promise<CaseDoc | null> {
  return (await cases().doc(caseId).get()).data;
}

async function staffViews(docs: DocumentDoc[], staff: StaffDoc): Promise<DocumentStaffView[]> {
  const names = await staffNames(docs.flatMap((d) => [d.draftedBy, d.approvedBy]));
  return docs.map((d) => ({
    id: d._id,
    caseId: d.caseId,
    caseNumber: d.caseNumber,
    type: d.type,
    typeName: DOCUMENT_TYPE_NAMES[d.type],
    title: d.title,
    original: d.original,
    redaction: redactionView(d.original, d.redaction),
    unpublishable: d.unpublishable,
    ...workflowView(d, names, staff),
    canApprove: mayApprove(d, staff) && d.unpublishable === null,
    publishedAt: d.publishedAt ? d.publishedAt.toISOString() : null,
  }));
}

/** What the postings hold of a document: its title and MASKED text, never the original. */
function searchText(doc: Pick<DocumentDoc, 'title' | 'redaction'>) {
  return `${doc.title}\n${doc.redaction.masked}`;
}

export function documentTerms(
  doc: Pick<DocumentDoc, 'title' | 'redaction' | 'type' | 'procuratorateId'>,
) {
  return [...indexTerms(searchText(doc)), `#t:${doc.type}`, `#p:${doc.procuratorateId}`];
}

async function indexDocument(doc: DocumentDoc) {
  await indexPublished(
    DOCUMENTS,
    DOCUMENT_SCOPE,
    doc,
    documentTerms(doc),
    terms(searchText(doc)).length,
  );
}

// ---------------------------------------------------------------------------------------------
// Staff

const preview: Handler<Defs['redaction.preview']> = async ({ input }) => {
  const parties: RedactionParty[] = input.parties.map((p) => ({
    name: p.name,
    role: redactionRole(p.role),
    minor: p.minor,
    sentenceMonths: p.sentenceMonths,
    recidivist: p.recidivist,
    aliases: p.aliases,
  }));
  return redactionView(input.text, redact(input.text, parties));
};

const save: Handler<Defs['document.save']> = async ({ input, ctx }) => {
  const theCase = await loadCase(input.caseId);
  if (!theCase || theCase.procuratorateId !== ctx.staff.procuratorateId) {
    throw new Failure('NOT_FOUND', '未找到该案件', [{ path: 'caseId', message: '未找到该案件' }]);
  }
  const parties = theCase.parties.map(caseParty);
  // The title is shown as written: it may not name anyone the text must mask.
  const titleRedaction = redact(input.title, parties);
  if (titleRedaction.spans.length > 0) {
    const s = titleRedaction.spans[0];
    const message = `标题不得含有个人信息（${SPAN_KIND_NAMES[s.kind]}“${input.title.slice(s.start, s.end)}”），可写作“${s.replacement}”`;
    throw new Failure('BAD_REQUEST', message, [{ path: 'title', message }]);
  }
  const redaction = redact(input.text, parties);
  const fields = {
    caseId: theCase._id,
    caseNumber: theCase.caseNumber,
    type: input.type,
    title: input.title,
    original: input.text,
    redaction,
    excerpt: excerptOf(redaction.masked),
    unpublishable: unpublishable(theCase.flags),
  };
  const spans = redaction.spans.length;
  const saved = await saveDraft<DocumentDoc>(KIND, ctx, {
    id: input.id,
    version: input.version,
    notDraft: '已发布的文书不能修改',
    create: (draft) => ({ ...draft, ...fields }),
    fields,
    audit: (doc, created) =>
      created ? { created: true, caseId: doc.caseId, spans } : { version: doc.version, spans },
  });
  return (await staffViews([saved], ctx.staff))[0];
};

const staffGet: Handler<Defs['document.staffGet']> = async ({ input, ctx }) => {
  const doc = await loadOwn<DocumentDoc>(KIND, input.id, ctx.staff);
  // The original holds personal data: opening it is on the record, as for petitions.
  await withRetries(() =>
    db.runTransaction(async (t) => {
      await appendAudit(t, auditEntry('document', doc._id, 'view_personal_data', ctx));
    }),
  );
  return (await staffViews([doc], ctx.staff))[0];
};

const staffList: Handler<Defs['document.staffList']> = async ({ input, ctx }) => {
  const { docs, total } = await ownPage<DocumentDoc>(KIND, ctx.staff, input);
  await repairIndex<DocumentDoc>(DOCUMENTS, indexDocument, 1000);
  return pageOf<DocumentStaffView>(await staffViews(docs, ctx.staff), total, input);
};

/**
 * Why a draft may not be published now, or null: the case is gone, its flags forbid it, or its
 * parties changed since the save so that the engine would mask the text (or title) differently —
 * then the reviewer saw a redaction that is no longer the right one, and the drafter saves again.
 */
function refusal(doc: DocumentDoc, theCase: CaseDoc | null): string | null {
  if (!theCase) return '文书所属案件已不存在，不能发布';
  const reason = unpublishable(theCase.flags);
  if (reason) return reason;
  const parties = theCase.parties.map(caseParty);
  if (
    redact(doc.original, parties).masked !== doc.redaction.masked ||
    redact(doc.title, parties).spans.length > 0
  ) {
    return '案件当事人信息已变更，脱敏结果与保存时不同，请重新保存文书并复核脱敏结果';
  }
  return null;
}

const approve: Handler<Defs['document.approve']> = async ({ input, ctx }) => {
  const published = await approveDraft<DocumentDoc>(KIND, ctx, {
    id: input.id,
    version: input.version,
    scope: DOCUMENT_SCOPE,
    notDraft: '该文书不是待审核状态',
    precheck: async (before) => {
      checkVersion(before, input.version);
      const why = refusal(before, await loadCase(before.caseId));
      if (why) throw new Failure('PRECONDITION_FAILED', why);
    },
    // The case as of the transaction: a change of flags or parties since the check above refuses.
    refuse: async (current, t) => {
      const theCase = (await t.collection<CaseDoc>('cases').doc(current.caseId).get()).data;
      const late = refusal(current, theCase);
      if (late) throw new Failure('PRECONDITION_FAILED', late);
    },
    detail: (current) => ({
      spans: current.redaction.spans.length,
      flags: current.redaction.flags.length,
    }),
  });
  await indexDocument(published);
  await repairIndex<DocumentDoc>(DOCUMENTS, indexDocument, 2000);
  return (await staffViews([published], ctx.staff))[0];
};

// ---------------------------------------------------------------------------------------------
// The public: masked text only

/** What a public answer may read of a document: never `original` nor `redaction.spans`. */
const LIST_FIELDS = {
  _id: true,
  type: true,
  title: true,
  caseNumber: true,
  procuratorateId: true,
  excerpt: true,
  status: true,
  publishedAt: true,
  seq: true,
} as const;
const TEXT_FIELDS = { ...LIST_FIELDS, 'redaction.masked': true } as const;

type ListDoc = Pick<
  DocumentDoc,
  | '_id'
  | 'type'
  | 'title'
  | 'caseNumber'
  | 'procuratorateId'
  | 'excerpt'
  | 'status'
  | 'publishedAt'
  | 'seq'
>;

const get: Handler<Defs['document.get']> = async ({ input }) => {
  const res = await documents()
    .where({ _id: input.id, status: 'published' })
    .field(TEXT_FIELDS)
    .limit(1)
    .get();
  const doc = res.data[0];
  if (!doc) throw notFound('文书');
  const units = await unitNames([doc.procuratorateId]);
  const view: DocumentPublicView = {
    id: doc._id,
    type: doc.type,
    typeName: DOCUMENT_TYPE_NAMES[doc.type],
    title: doc.title,
    caseNumber: doc.caseNumber,
    procuratorateName: units.get(doc.procuratorateId) ?? '',
    text: doc.redaction.masked,
    publishedAt: (doc.publishedAt as Date).toISOString(),
  };
  return view;
};

/** The publication numbers published within [from, to) (seq follows publication time), or null when none. */
async function seqRange(from: Date | null, to: Date | null) {
  const edge = async (direction: 'asc' | 'desc') => {
    const when =
      from && to ? _.gte(from).and(_.lt(to)) : from ? _.gte(from) : (_.lt(to as Date) as unknown);
    const res = await documents()
      .where({ status: 'published', publishedAt: when })
      .orderBy('publishedAt', direction)
      .field({ seq: true })
      .limit(1)
      .get();
    return res.data[0]?.seq ?? null;
  };
  const [min, max] = await Promise.all([edge('asc'), edge('desc')]);
  return min === null || max === null ? null : { min, max };
}

const search: Handler<Defs['document.search']> = async ({ input }) => {
  if (input.from && input.to && input.from > input.to) {
    throw new Failure('BAD_REQUEST', '截止日期不能早于起始日期', [
      { path: 'to', message: '截止日期不能早于起始日期' },
    ]);
  }
  const from = input.from ? chinaDayStart(input.from) : null;
  const to = input.to ? chinaDayEnd(input.to) : null;
  const query = parseQuery(input.q ?? '');
  const filters: Record<string, unknown> = { status: 'published' };
  if (input.type) filters.type = input.type;
  if (input.procuratorateId) filters.procuratorateId = input.procuratorateId;

  let docs: (ListDoc & { text?: string })[];
  let total: number;
  if (query.terms.length === 0) {
    if (from || to) {
      filters.publishedAt =
        from && to ? _.gte(from).and(_.lt(to)) : from ? _.gte(from) : _.lt(to as Date);
    }
    ({ docs, total } = await publishedPage<ListDoc>(DOCUMENTS, filters, LIST_FIELDS, input));
  } else {
    const range = from || to ? await seqRange(from, to) : null;
    if ((from || to) && !range) {
      docs = [];
      total = 0;
    } else {
      const bySeq = loadBySeq(DOCUMENTS, TEXT_FIELDS, (d: DocumentDoc) => ({
        ...d,
        seq: d.seq ?? 0,
        text: d.redaction.masked,
        redaction: undefined,
      }));
      const found = await keywordSearch({
        scope: DOCUMENT_SCOPE,
        query,
        facets: [
          ...(input.type ? [`#t:${input.type}`] : []),
          ...(input.procuratorateId ? [`#p:${input.procuratorateId}`] : []),
        ],
        seqRange: range,
        page: input.page,
        pageSize: input.pageSize,
        load: bySeq,
        accept: (d) =>
          d.status === 'published' &&
          (!input.type || d.type === input.type) &&
          (!input.procuratorateId || d.procuratorateId === input.procuratorateId) &&
          (!from || (d.publishedAt as Date) >= from) &&
          (!to || (d.publishedAt as Date) < to),
      });
      docs = found.items.map((x) => x.item);
      total = found.total;
    }
  }
  const page: Page<DocumentListItem> = await publicPage(docs, total, input, (d) => ({
    excerpt: d.excerpt,
    type: d.type,
    typeName: DOCUMENT_TYPE_NAMES[d.type],
    caseNumber: d.caseNumber,
    highlight: d.text !== undefined ? highlight(d.text, query) : null,
  }));
  return page;
};

type DocumentDefs = Pick<
  Defs,
  | 'redaction.preview'
  | 'document.save'
  | 'document.staffGet'
  | 'document.staffList'
  | 'document.approve'
  | 'document.search'
  | 'document.get'
>;

export const documentHandlers: Handlers<DocumentDefs> = {
  'redaction.preview': preview,
  'document.save': save,
  'document.staffGet': staffGet,
  'document.staffList': staffList,
  'document.approve': approve,
  'document.search': search,
  'document.get': get,
};
