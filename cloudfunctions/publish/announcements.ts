// Announcements of two categories, one mechanism: important case information (重要案件信息,
// `case_info`, what items stored without a category are) and procuratorial affairs announcements
// (检务公告, `notice`, never with a case number). A case manager drafts, a second case manager of the
// same procuratorate approves, then anyone reads it; withdrawn, it is public no more. Every change is
// audited (entity 'announcement'). Staff-written and approved by a second person, it does not go
// through msgSecCheck (see docs/architecture.md, "Publishing and search").
import { normaliseCaseNumber } from '../../domain/cases/case-number';
import { highlight, indexTerms, parseQuery, terms } from '../../domain/search/ngram';
import {
  ANNOUNCEMENT_CATEGORY_NAMES,
  type AnnouncementCategory,
  type AnnouncementListItem,
  type AnnouncementStaffView,
  type AnnouncementView,
  type publish,
} from '../../typings/publish';
import type { Page } from '../../typings/fields';
import type { Handler, Handlers } from '../_shared/action';
import { _, db } from '../_shared/cloud';
import { Failure, notFound } from '../_shared/failure';
import { staffNames, unitNames } from '../_shared/inbox';
import type { StaffDoc } from '../_shared/staff';
import {
  approveDraft,
  changeStatus,
  excerptOf,
  type Kind,
  loadOwn,
  ownPage,
  pageOf,
  type Publishable,
  publicPage,
  publishedPage,
  saveDraft,
  STATUS_RANK,
  workflowView,
} from './common';
import { indexPublished, keywordSearch, loadBySeq, repairIndex } from '../_shared/postings';

export const ANNOUNCEMENTS = 'announcements';
export const ANNOUNCEMENT_SCOPE = 'announcements';

export interface AnnouncementDoc extends Publishable {
  /** Absent on items stored before there were categories: those are `case_info`. */
  category?: AnnouncementCategory;
  title: string;
  body: string;
  caseNumber: string | null;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
}

type Defs = typeof publish;
const announcements = () => db.collection<AnnouncementDoc>(ANNOUNCEMENTS);

const KIND: Kind = {
  collection: ANNOUNCEMENTS,
  entity: 'announcement',
  what: '发布信息',
  idPrefix: 'an',
};

async function load(id: string) {
  return (await announcements().doc(id).get()).data;
}

/** An item's category: stored, or `case_info` for items from before there were categories. */
export const categoryOf = (doc: Pick<AnnouncementDoc, 'category'>): AnnouncementCategory =>
  doc.category ?? 'case_info';

/**
 * The query condition for one category. `case_info` is "not a notice", so items stored without a
 * category count (`neq` matches a missing field).
 */
function categoryWhere(category: AnnouncementCategory | undefined) {
  if (!category) return {};
  return { category: category === 'notice' ? 'notice' : _.neq('notice') };
}

/** The facet of notices in the postings. Only notices carry one: see indexAnnouncement. */
const NOTICE_FACET = '#c:notice';

function publicView(doc: AnnouncementDoc, unit: string): AnnouncementView {
  return {
    id: doc._id,
    procuratorateId: doc.procuratorateId,
    procuratorateName: unit,
    category: categoryOf(doc),
    categoryName: ANNOUNCEMENT_CATEGORY_NAMES[categoryOf(doc)],
    title: doc.title,
    body: doc.body,
    caseNumber: doc.caseNumber,
    publishedAt: doc.publishedAt ? doc.publishedAt.toISOString() : null,
  };
}

async function staffViews(docs: AnnouncementDoc[], staff: StaffDoc) {
  const [names, units] = await Promise.all([
    staffNames(docs.flatMap((d) => [d.draftedBy, d.approvedBy])),
    unitNames(docs.map((d) => d.procuratorateId)),
  ]);
  return docs.map((d): AnnouncementStaffView => ({
    ...publicView(d, units.get(d.procuratorateId) ?? ''),
    ...workflowView(d, names, staff),
  }));
}

const staffView = async (doc: AnnouncementDoc, staff: StaffDoc) =>
  (await staffViews([doc], staff))[0];

/** The text the postings hold of an announcement: its title and body. */
function searchText(doc: Pick<AnnouncementDoc, 'title' | 'body'>) {
  return `${doc.title}\n${doc.body}`;
}

/**
 * Indexes the text with the procuratorate as a facet (`#p:…`) and, for notices, the category
 * (`#c:notice`). The category is a facet for notices only: items published before there were
 * categories have no category facet, so `case_info` — "not a notice" — cannot be a posting list;
 * a keyword search of case_info reads the candidates without it and drops the notices when read.
 */
async function indexAnnouncement(doc: AnnouncementDoc) {
  const text = searchText(doc);
  const facets = [`#p:${doc.procuratorateId}`];
  if (categoryOf(doc) === 'notice') facets.push(NOTICE_FACET);
  await indexPublished(
    ANNOUNCEMENTS,
    ANNOUNCEMENT_SCOPE,
    doc,
    [...indexTerms(text), ...facets],
    terms(text).length,
  );
}

const save: Handler<Defs['announcement.save']> = async ({ input, ctx }) => {
  const category = input.category ?? 'case_info';
  let caseNumber: string | null = null;
  if (input.caseNumber && category === 'notice') {
    throw new Failure('BAD_REQUEST', '检务公告不填写案件编号', [
      { path: 'caseNumber', message: '检务公告不填写案件编号，请删除案件编号或改选“重要案件信息”' },
    ]);
  }
  if (input.caseNumber) {
    caseNumber = normaliseCaseNumber(input.caseNumber);
    if (!caseNumber) {
      throw new Failure('BAD_REQUEST', '案件编号格式不正确', [
        {
          path: 'caseNumber',
          message: '案件编号格式不正确，例如：京检刑诉受〔2023〕110000000001号',
        },
      ]);
    }
  }
  const fields = { category, title: input.title, body: input.body, caseNumber };
  const saved = await saveDraft<AnnouncementDoc>(KIND, ctx, {
    id: input.id,
    version: input.version,
    notDraft: '已发布或已撤回的信息不能修改',
    create: (draft) => ({ ...draft, ...fields, withdrawnAt: null, withdrawnBy: null }),
    fields,
    audit: (doc, created) =>
      created ? { created: true, category } : { version: doc.version, category },
  });
  return staffView(saved, ctx.staff);
};

const approve: Handler<Defs['announcement.approve']> = async ({ input, ctx }) => {
  const published = await approveDraft<AnnouncementDoc>(KIND, ctx, {
    id: input.id,
    version: input.version,
    scope: ANNOUNCEMENT_SCOPE,
    notDraft: '该信息不是待审核状态',
  });
  await indexAnnouncement(published);
  await repairIndex<AnnouncementDoc>(ANNOUNCEMENTS, indexAnnouncement, 2000);
  return staffView(published, ctx.staff);
};

const withdraw: Handler<Defs['announcement.withdraw']> = async ({ input, ctx }) => {
  await loadOwn(KIND, input.id, ctx.staff);
  const withdrawn = await changeStatus<AnnouncementDoc>(KIND, ctx, {
    id: input.id,
    version: input.version,
    action: 'withdraw',
    check: (current) => {
      if (current.status !== 'published') {
        throw new Failure('PRECONDITION_FAILED', '只能撤回已发布的信息');
      }
    },
    patch: async () => ({
      status: 'withdrawn',
      statusRank: STATUS_RANK.withdrawn,
      withdrawnAt: ctx.now,
      withdrawnBy: ctx.staff._id,
    }),
  });
  return staffView(withdrawn, ctx.staff);
};

const staffList: Handler<Defs['announcement.staffList']> = async ({ input, ctx }) => {
  const { docs, total } = await ownPage<AnnouncementDoc>(
    KIND,
    ctx.staff,
    input,
    categoryWhere(input.category),
  );
  return pageOf<AnnouncementStaffView>(await staffViews(docs, ctx.staff), total, input);
};

const PUBLIC_FIELDS = {
  _id: true,
  procuratorateId: true,
  category: true,
  title: true,
  body: true,
  status: true,
  publishedAt: true,
  seq: true,
} as const;

const list: Handler<Defs['announcement.list']> = async ({ input }) => {
  const query = parseQuery(input.q ?? '');
  const base = {
    status: 'published',
    ...(input.procuratorateId ? { procuratorateId: input.procuratorateId } : {}),
    ...categoryWhere(input.category),
  };
  let docs: AnnouncementDoc[];
  let total: number;
  if (query.terms.length === 0) {
    ({ docs, total } = await publishedPage<AnnouncementDoc>(
      ANNOUNCEMENTS,
      base,
      PUBLIC_FIELDS,
      input,
    ));
  } else {
    const bySeq = loadBySeq(ANNOUNCEMENTS, PUBLIC_FIELDS, (d: AnnouncementDoc) => ({
      ...d,
      seq: d.seq ?? 0,
      text: d.body,
    }));
    const found = await keywordSearch({
      scope: ANNOUNCEMENT_SCOPE,
      query,
      facets: [
        ...(input.procuratorateId ? [`#p:${input.procuratorateId}`] : []),
        ...(input.category === 'notice' ? [NOTICE_FACET] : []),
      ],
      page: input.page,
      pageSize: input.pageSize,
      load: bySeq,
      accept: (d) =>
        d.status === 'published' &&
        (!input.procuratorateId || d.procuratorateId === input.procuratorateId) &&
        (!input.category || categoryOf(d) === input.category),
    });
    docs = found.items.map((x) => x.item);
    total = found.total;
  }
  const page: Page<AnnouncementListItem> = await publicPage(docs, total, input, (d) => ({
    category: categoryOf(d),
    categoryName: ANNOUNCEMENT_CATEGORY_NAMES[categoryOf(d)],
    excerpt: (query.terms.length ? highlight(d.body, query) : null) ?? excerptOf(d.body),
  }));
  return page;
};

const get: Handler<Defs['announcement.get']> = async ({ input }) => {
  const doc = await load(input.id);
  if (!doc || doc.status !== 'published') throw notFound('发布信息');
  const units = await unitNames([doc.procuratorateId]);
  return publicView(doc, units.get(doc.procuratorateId) ?? '');
};

type AnnouncementDefs = Pick<
  Defs,
  | 'announcement.save'
  | 'announcement.approve'
  | 'announcement.withdraw'
  | 'announcement.staffList'
  | 'announcement.list'
  | 'announcement.get'
>;

export const announcementHandlers: Handlers<AnnouncementDefs> = {
  'announcement.save': save,
  'announcement.approve': approve,
  'announcement.withdraw': withdraw,
  'announcement.staffList': staffList,
  'announcement.list': list,
  'announcement.get': get,
};
