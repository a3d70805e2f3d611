// Legal consultation, on the pattern of the suggestion box: ask (client token, content check),
// mine, get, staff inbox with counts, answer (one transaction: answer, audit, outbox) and the FAQ,
// whose keyword search reads the postings of scope 'faqs' (_shared/postings.ts).
import { createHash } from 'node:crypto';
import { redact } from '../../domain/redaction';
import { indexTerms, parseQuery, terms } from '../../domain/search/ngram';
import { excerpt } from '../../domain/suggestion';
import { formatMessageTime } from '../../domain/time';
import type { Page } from '../../typings/fields';
import {
  CONSULTATION_DEFAULT_UNIT,
  type ConsultationListItem,
  type ConsultationStaffView,
  type ConsultationStatus,
  type ConsultationTopic,
  type ConsultationView,
  type FaqListItem,
  type FaqView,
  type consultation,
} from '../../typings/consultation';
import type { Handler, Handlers } from '../_shared/action';
import { appendAudit, auditEntry } from '../_shared/audit';
import { _, db } from '../_shared/cloud';
import { changeAndTell, fileOnce } from '../_shared/change';
import { checkContent, type ContentFlag } from '../_shared/content';
import { Failure, notFound } from '../_shared/failure';
import { ownPage, statusInbox, unitName } from '../_shared/inbox';
import { getProcuratorate } from '../_shared/org';
import { noticeState } from '../_shared/outbox';
import {
  indexPublished,
  keywordSearch,
  loadBySeq,
  nextSeq,
  repairIndex,
} from '../_shared/postings';
import { rateLimit } from '../_shared/rate-limit';
import { hasRole, type StaffDoc } from '../_shared/staff';
import { withRetries } from '../_shared/transaction';

export interface ConsultationDoc {
  _id: string;
  openid: string;
  procuratorateId: string;
  topic: ConsultationTopic;
  text: string;
  notify: boolean;
  status: ConsultationStatus;
  contentFlag: ContentFlag;
  createdAt: Date;
  updatedAt: Date;
  answer: { content: string; answeredAt: Date; staffId: string } | null;
  faqId: string | null;
}

export interface FaqDoc {
  _id: string;
  consultationId: string;
  procuratorateId: string;
  topic: ConsultationTopic;
  question: string;
  answer: string;
  publishedAt: Date;
  staffId: string;
  /**
   * Publication number in the postings' scope 'faqs', from the publishing transaction; missing on
   * FAQs published before the search had postings, until the repair path numbers them.
   */
  seq?: number;
  /** Whether its postings are written: false from the publication until indexing is done. */
  indexed?: boolean;
}

const COLLECTION = 'consultations';
const FAQS = 'faqs';
export const FAQ_SCOPE = 'faqs';
const consultations = () => db.collection<ConsultationDoc>(COLLECTION);
const faqs = () => db.collection<FaqDoc>(FAQS);
type Defs = typeof consultation;

/** ID numbers and mobile numbers that must not survive into the public FAQ. */
const ID_NUMBER = /(?<!\d)\d{17}[\dXx](?!\d)/;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

function idFor(openid: string, clientToken: string) {
  return 'cs' + createHash('sha256').update(`${openid}\n${clientToken}`).digest('hex').slice(0, 30);
}

async function load(id: string): Promise<ConsultationDoc | null> {
  return (await consultations().doc(id).get()).data;
}

function view(doc: ConsultationDoc, unit: string): ConsultationView {
  return {
    id: doc._id,
    procuratorateId: doc.procuratorateId,
    procuratorateName: unit,
    topic: doc.topic,
    text: doc.text,
    notify: doc.notify,
    status: doc.status,
    createdAt: doc.createdAt.toISOString(),
    answer: doc.answer
      ? {
          content: doc.answer.content,
          answeredAt: doc.answer.answeredAt.toISOString(),
          by: unit,
        }
      : null,
  };
}

async function staffView(doc: ConsultationDoc, unit: string): Promise<ConsultationStaffView> {
  return {
    ...view(doc, unit),
    contentFlag: doc.contentFlag,
    notification: await noticeState(
      doc.notify,
      { entity: 'consultation', id: doc._id },
      doc.openid,
    ),
    faqId: doc.faqId,
  };
}

function listItem(doc: ConsultationDoc, unit: string): ConsultationListItem {
  return {
    id: doc._id,
    procuratorateName: unit,
    topic: doc.topic,
    excerpt: excerpt(doc.text),
    status: doc.status,
    createdAt: doc.createdAt.toISOString(),
    answeredAt: doc.answer ? doc.answer.answeredAt.toISOString() : null,
  };
}

function faqView(doc: FaqDoc, unit: string): FaqView {
  return {
    id: doc._id,
    topic: doc.topic,
    question: doc.question,
    answer: doc.answer,
    procuratorateName: unit,
    publishedAt: doc.publishedAt.toISOString(),
  };
}

/** Staff handle a question only when it was asked of their own procuratorate. */
function handles(staff: StaffDoc | null, doc: ConsultationDoc) {
  return (
    !!staff &&
    staff.procuratorateId === doc.procuratorateId &&
    hasRole(staff, 'registrar', 'handler', 'leader')
  );
}

const ask: Handler<Defs['ask']> = async ({ input, ctx }) => {
  const id = idFor(ctx.openid, input.clientToken);
  if (await load(id)) return { id, duplicate: true };
  await rateLimit('consultation-ask', ctx.openid, 10, ctx.now);

  const procuratorateId = input.procuratorateId ?? CONSULTATION_DEFAULT_UNIT;
  if (!(await getProcuratorate(procuratorateId))) {
    throw new Failure('NOT_FOUND', '所选检察院不存在，请重新选择', [
      { path: 'procuratorateId', message: '所选检察院不存在，请重新选择' },
    ]);
  }
  const contentFlag = await checkContent(ctx.openid, input.text, 'text');
  const doc: ConsultationDoc = {
    _id: id,
    openid: ctx.openid,
    procuratorateId,
    topic: input.topic,
    text: input.text,
    notify: input.notify,
    status: 'pending',
    contentFlag,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    answer: null,
    faqId: null,
  };
  const filed = await fileOnce({
    collection: COLLECTION,
    doc,
    audit: auditEntry('consultation', id, 'ask', ctx, { contentFlag }),
  });
  if (filed) return { id, duplicate: true };
  return { id, duplicate: false };
};

const mine: Handler<Defs['mine']> = async ({ input, ctx }) =>
  ownPage({
    collection: COLLECTION,
    where: { openid: ctx.openid },
    order: 'createdAt',
    input,
    item: listItem,
  });

const get: Handler<Defs['get']> = async ({ input, ctx }) => {
  const doc = await load(input.id);
  if (!doc) throw notFound('咨询');
  const unit = await unitName(doc.procuratorateId);
  if (handles(ctx.staff, doc)) return staffView(doc, unit);
  if (doc.openid !== ctx.openid) throw notFound('咨询');
  return view(doc, unit);
};

const inbox: Handler<Defs['inbox']> = async ({ input, ctx }) => {
  await repairFaqs(1000);
  return statusInbox({
    collection: COLLECTION,
    procuratorateId: ctx.staff.procuratorateId,
    statuses: ['pending', 'answered'] as const,
    input,
    item: (d: Parameters<typeof listItem>[0], name: string) => ({
      ...listItem(d, name),
      contentFlag: d.contentFlag,
    }),
  });
};

const answer: Handler<Defs['answer']> = async ({ input, ctx }) => {
  const before = await load(input.id);
  if (!before || !handles(ctx.staff, before)) throw notFound('咨询');
  const unit = await unitName(before.procuratorateId);
  const after = await changeAndTell<ConsultationDoc>({
    collection: COLLECTION,
    id: input.id,
    ctx,
    entity: 'consultation',
    action: 'answer',
    what: '咨询',
    update: (current) => {
      if (current.status !== 'pending') {
        throw new Failure('PRECONDITION_FAILED', '该咨询已答复，不能重复答复');
      }
      return {
        status: 'answered',
        updatedAt: ctx.now,
        answer: _.set({ content: input.content, answeredAt: ctx.now, staffId: ctx.staff._id }),
      };
    },
    // No template of its own: the reply notice of the suggestion box says what happened.
    notice: (current) => ({
      template: 'suggestionReplied',
      page: `citizen/consult-detail/index?id=${input.id}`,
      values: {
        thing1: `法律咨询：${current.topic}`,
        phrase2: '已答复',
        time3: formatMessageTime(ctx.now),
        thing4: `${unit}已答复您的法律咨询`,
      },
    }),
  });
  return staffView(after, unit);
};

/** The redaction engine masks what it recognises; anything left that looks like one is refused. */
function anonymised(text: string, path: string): string {
  const masked = redact(text, []).masked;
  if (ID_NUMBER.test(masked) || MOBILE.test(masked)) {
    throw new Failure('BAD_REQUEST', '公开内容不得包含身份证号码或电话号码', [
      { path, message: '公开内容不得包含身份证号码或电话号码' },
    ]);
  }
  return masked;
}

const publish: Handler<Defs['publish']> = async ({ input, ctx }) => {
  const doc = await load(input.id);
  if (!doc || !handles(ctx.staff, doc)) throw notFound('咨询');
  if (doc.status !== 'answered') {
    throw new Failure('PRECONDITION_FAILED', '答复后才能发布为常见问题');
  }
  const question = anonymised(input.publicQuestion, 'publicQuestion');
  const answerText = anonymised(input.publicAnswer, 'publicAnswer');
  await checkContent(ctx.openid, `${question}\n${answerText}`, 'publicQuestion');
  const faqId = 'fq' + doc._id.slice(2);
  const faq = await withRetries(() =>
    db.runTransaction(async (t) => {
      const current = (await t.collection<ConsultationDoc>(COLLECTION).doc(doc._id).get()).data;
      if (!current) throw notFound('咨询');
      if (current.faqId) throw new Failure('PRECONDITION_FAILED', '该咨询已发布为常见问题');
      const seq = await nextSeq(t, FAQ_SCOPE);
      const data: FaqDoc = {
        _id: faqId,
        consultationId: doc._id,
        procuratorateId: doc.procuratorateId,
        topic: doc.topic,
        question,
        answer: answerText,
        publishedAt: ctx.now,
        staffId: ctx.staff._id,
        seq,
        indexed: false,
      };
      await t.collection(FAQS).add({ data });
      await t
        .collection(COLLECTION)
        .doc(doc._id)
        .update({ data: { faqId, updatedAt: ctx.now } });
      await appendAudit(t, auditEntry('consultation', doc._id, 'publish', ctx, { faqId, seq }));
      return data;
    }),
  );
  // The postings after the commit (like publish's approvals), then any FAQ left unindexed.
  await indexFaq(faq);
  await repairFaqs(2000);
  return faqView(faq, await unitName(doc.procuratorateId));
};

/** The facet of a FAQ's topic in the postings. */
const topicFacet = (topic: ConsultationTopic) => `#k:${topic}`;

/** What the postings hold of a FAQ: its question and answer, and its topic. */
async function indexFaq(doc: FaqDoc) {
  const text = `${doc.question}\n${doc.answer}`;
  await indexPublished(
    FAQS,
    FAQ_SCOPE,
    doc,
    [...indexTerms(text), topicFacet(doc.topic)],
    terms(text).length,
  );
}

/**
 * Gives FAQs published before they had publication numbers one each (oldest first, a few at a
 * time), marked unindexed, so that the repair path indexes them like any interrupted one.
 */
async function numberOld() {
  const res = await faqs()
    .where({ seq: _.exists(false) })
    .orderBy('publishedAt', 'asc')
    .limit(3)
    .get();
  for (const old of res.data) {
    await withRetries(() =>
      db.runTransaction(async (t) => {
        const current = (await t.collection<FaqDoc>(FAQS).doc(old._id).get()).data;
        if (!current || typeof current.seq === 'number') return;
        const seq = await nextSeq(t, FAQ_SCOPE);
        await t
          .collection(FAQS)
          .doc(old._id)
          .update({ data: { seq, indexed: false } });
      }),
    );
  }
}

/** The repair path of the FAQ's postings: after every publication and when staff open the inbox. */
async function repairFaqs(budgetMs: number) {
  const started = Date.now();
  await numberOld();
  await repairIndex<FaqDoc>(FAQS, indexFaq, Math.max(0, budgetMs - (Date.now() - started)));
}

const FAQ_LIST_FIELDS = {
  _id: true,
  topic: true,
  question: true,
  answer: true,
  publishedAt: true,
  seq: true,
} as const;

function faqListItem(d: FaqDoc): FaqListItem {
  return {
    id: d._id,
    topic: d.topic,
    question: d.question,
    answerExcerpt: excerpt(d.answer, 60),
    publishedAt: d.publishedAt.toISOString(),
  };
}

/** Without keywords, newest first; with them, ranked by the postings (BM25 of question and answer). */
const faqList: Handler<Defs['faq.list']> = async ({ input }) => {
  const query = parseQuery(input.q ?? '');
  let docs: FaqDoc[];
  let total: number;
  if (query.terms.length === 0) {
    const where = input.topic ? { topic: input.topic } : {};
    const [list, count] = await Promise.all([
      faqs()
        .where(where)
        .orderBy('publishedAt', 'desc')
        .skip((input.page - 1) * input.pageSize)
        .limit(input.pageSize)
        .field(FAQ_LIST_FIELDS)
        .get(),
      faqs().where(where).count(),
    ]);
    docs = list.data;
    total = count.total;
  } else {
    // The question is the title (the title bonus), the answer the text.
    const bySeq = loadBySeq(FAQS, FAQ_LIST_FIELDS, (d: FaqDoc) => ({
      ...d,
      seq: d.seq ?? 0,
      title: d.question,
      text: d.answer,
    }));
    const found = await keywordSearch({
      scope: FAQ_SCOPE,
      query,
      facets: input.topic ? [topicFacet(input.topic)] : [],
      page: input.page,
      pageSize: input.pageSize,
      load: bySeq,
      accept: (d) => !input.topic || d.topic === input.topic,
    });
    docs = found.items.map((x) => x.item);
    total = found.total;
  }
  const page: Page<FaqListItem> = {
    items: docs.map(faqListItem),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
  return page;
};

const faqGet: Handler<Defs['faq.get']> = async ({ input }) => {
  const doc = (await faqs().doc(input.id).get()).data;
  if (!doc) throw notFound('常见问题');
  return faqView(doc, await unitName(doc.procuratorateId));
};

export const consultationHandlers: Handlers<Defs> = {
  ask,
  mine,
  get,
  inbox,
  answer,
  publish,
  'faq.list': faqList,
  'faq.get': faqGet,
};
