// Important case information (重要案件信息): a case manager drafts, a second case manager of the same
// procuratorate approves, then anyone reads it; withdrawn, it is public no more. Every change is
// audited (entity 'announcement'). Staff-written and approved by a second person, it does not go
// through msgSecCheck (see docs/architecture.md, "Publishing and search").
import { randomBytes } from 'node:crypto';
import { normaliseCaseNumber } from '../../domain/cases/case-number';
import { highlight, indexTerms, parseQuery, terms } from '../../domain/search/ngram';
import type {
  AnnouncementStaffView,
  AnnouncementView,
  PublicListItem,
  publish,
} from '../../typings/publish';
import type { PublicationStatus } from '../../typings/publish';
import type { Page } from '../../typings/fields';
import type { Handler, Handlers } from '../_shared/action';
import { appendAudit, auditEntry } from '../_shared/audit';
import { _, db } from '../_shared/cloud';
import { Failure, notFound } from '../_shared/failure';
import { withRetries } from '../_shared/transaction';
import type { StaffDoc } from '../_shared/staff';
import {
  checkVersion,
  indexPublished,
  mayApprove,
  nextSeq,
  repairIndex,
  STATUS_RANK,
  staffNames,
  statusName,
  unitNames,
  wroteIt,
} from './common';
import { keywordSearch, readBySeq } from './postings';

export const ANNOUNCEMENTS = 'announcements';
export const ANNOUNCEMENT_SCOPE = 'announcements';

export interface AnnouncementDoc {
  _id: string;
  procuratorateId: string;
  title: string;
  body: string;
  caseNumber: string | null;
  status: PublicationStatus;
  statusRank: number;
  draftedBy: string;
  editors: string[];
  approvedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
  /** Publication number (postings.ts), from the approval on. */
  seq: number | null;
  /** Present once published: whether its postings are written. */
  indexed?: boolean;
  version: number;
}

type Defs = typeof publish;
const announcements = () => db.collection<AnnouncementDoc>(ANNOUNCEMENTS);

const EXCERPT = 60;

function excerptOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat;
}

async function load(id: string) {
  return (await announcements().doc(id).get()).data;
}

/** An item of the caller's procuratorate, or NOT_FOUND (another procuratorate's items do not exist for them). */
async function loadOwn(id: string, staff: StaffDoc) {
  const doc = await load(id);
  if (!doc || doc.procuratorateId !== staff.procuratorateId) throw notFound('发布信息');
  return doc;
}

function publicView(doc: AnnouncementDoc, unit: string): AnnouncementView {
  return {
    id: doc._id,
    procuratorateId: doc.procuratorateId,
    procuratorateName: unit,
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
    status: d.status,
    statusName: statusName(d.status),
    draftedByName: names.get(d.draftedBy) ?? '',
    approvedByName: d.approvedBy ? (names.get(d.approvedBy) ?? '') : null,
    canApprove: mayApprove(d, staff),
    version: d.version,
  }));
}

const staffView = async (doc: AnnouncementDoc, staff: StaffDoc) =>
  (await staffViews([doc], staff))[0];

/** What the postings hold of an announcement: its title and body, and its procuratorate. */
function searchText(doc: Pick<AnnouncementDoc, 'title' | 'body'>) {
  return `${doc.title}\n${doc.body}`;
}

async function indexAnnouncement(doc: AnnouncementDoc) {
  const text = searchText(doc);
  await indexPublished(
    ANNOUNCEMENTS,
    ANNOUNCEMENT_SCOPE,
    doc,
    [...indexTerms(text), `#p:${doc.procuratorateId}`],
    terms(text).length,
  );
}

const save: Handler<Defs['announcement.save']> = async ({ input, ctx }) => {
  let caseNumber: string | null = null;
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
  const staffId = ctx.staff._id;
  if (!input.id) {
    const doc: AnnouncementDoc = {
      _id: `an${randomBytes(8).toString('hex')}`,
      procuratorateId: ctx.staff.procuratorateId,
      title: input.title,
      body: input.body,
      caseNumber,
      status: 'draft',
      statusRank: STATUS_RANK.draft,
      draftedBy: staffId,
      editors: [],
      approvedBy: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      publishedAt: null,
      withdrawnAt: null,
      withdrawnBy: null,
      seq: null,
      version: 1,
    };
    await withRetries(() =>
      db.runTransaction(async (t) => {
        await t.collection(ANNOUNCEMENTS).add({ data: doc });
        await appendAudit(t, auditEntry('announcement', doc._id, 'save', ctx, { created: true }));
      }),
    );
    return staffView(doc, ctx.staff);
  }

  if (input.version === undefined) {
    throw new Failure('BAD_REQUEST', '修改时须提供版本号', [
      { path: 'version', message: '修改时须提供版本号' },
    ]);
  }
  const id = input.id;
  const version = input.version;
  await loadOwn(id, ctx.staff);
  const saved = await withRetries(() =>
    db.runTransaction(async (t) => {
      const current = (await t.collection<AnnouncementDoc>(ANNOUNCEMENTS).doc(id).get()).data;
      if (!current || current.procuratorateId !== ctx.staff.procuratorateId) {
        throw notFound('发布信息');
      }
      if (current.status !== 'draft') {
        throw new Failure('PRECONDITION_FAILED', '已发布或已撤回的信息不能修改');
      }
      checkVersion(current, version);
      const next: AnnouncementDoc = {
        ...current,
        title: input.title,
        body: input.body,
        caseNumber,
        editors: wroteIt(current, staffId) ? current.editors : [...current.editors, staffId],
        updatedAt: ctx.now,
        version: current.version + 1,
      };
      const { _id: _omit, ...data } = next;
      void _omit;
      await t.collection(ANNOUNCEMENTS).doc(id).set({ data });
      await appendAudit(t, auditEntry('announcement', id, 'save', ctx, { version: next.version }));
      return next;
    }),
  );
  return staffView(saved, ctx.staff);
};

const approve: Handler<Defs['announcement.approve']> = async ({ input, ctx }) => {
  const before = await loadOwn(input.id, ctx.staff);
  if (before.status !== 'draft') throw new Failure('PRECONDITION_FAILED', '该信息不是待审核状态');
  if (wroteIt(before, ctx.staff._id)) {
    throw new Failure('PRECONDITION_FAILED', '不能审核自己起草的信息');
  }
  const published = await withRetries(() =>
    db.runTransaction(async (t) => {
      const current = (await t.collection<AnnouncementDoc>(ANNOUNCEMENTS).doc(input.id).get()).data;
      if (!current) throw notFound('发布信息');
      if (current.status !== 'draft') {
        throw new Failure('PRECONDITION_FAILED', '该信息不是待审核状态');
      }
      if (wroteIt(current, ctx.staff._id)) {
        throw new Failure('PRECONDITION_FAILED', '不能审核自己起草的信息');
      }
      checkVersion(current, input.version);
      const seq = await nextSeq(t, ANNOUNCEMENT_SCOPE);
      const patch = {
        status: 'published' as const,
        statusRank: STATUS_RANK.published,
        approvedBy: ctx.staff._id,
        publishedAt: ctx.now,
        updatedAt: ctx.now,
        seq,
        indexed: false,
        version: current.version + 1,
      };
      await t.collection(ANNOUNCEMENTS).doc(input.id).update({ data: patch });
      await appendAudit(t, auditEntry('announcement', input.id, 'approve', ctx, { seq }));
      return { ...current, ...patch };
    }),
  );
  await indexAnnouncement(published);
  await repairIndex<AnnouncementDoc>(ANNOUNCEMENTS, indexAnnouncement, 2000);
  return staffView(published, ctx.staff);
};

const withdraw: Handler<Defs['announcement.withdraw']> = async ({ input, ctx }) => {
  await loadOwn(input.id, ctx.staff);
  const withdrawn = await withRetries(() =>
    db.runTransaction(async (t) => {
      const current = (await t.collection<AnnouncementDoc>(ANNOUNCEMENTS).doc(input.id).get()).data;
      if (!current) throw notFound('发布信息');
      if (current.status !== 'published') {
        throw new Failure('PRECONDITION_FAILED', '只能撤回已发布的信息');
      }
      checkVersion(current, input.version);
      const patch = {
        status: 'withdrawn' as const,
        statusRank: STATUS_RANK.withdrawn,
        withdrawnAt: ctx.now,
        withdrawnBy: ctx.staff._id,
        updatedAt: ctx.now,
        version: current.version + 1,
      };
      await t.collection(ANNOUNCEMENTS).doc(input.id).update({ data: patch });
      await appendAudit(t, auditEntry('announcement', input.id, 'withdraw', ctx));
      return { ...current, ...patch };
    }),
  );
  return staffView(withdrawn, ctx.staff);
};

const staffList: Handler<Defs['announcement.staffList']> = async ({ input, ctx }) => {
  const where = input.status
    ? { procuratorateId: ctx.staff.procuratorateId, status: input.status }
    : { procuratorateId: ctx.staff.procuratorateId };
  const [list, count] = await Promise.all([
    announcements()
      .where(where)
      .orderBy('statusRank', 'asc')
      .orderBy('updatedAt', 'desc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
    announcements().where(where).count(),
  ]);
  const page: Page<AnnouncementStaffView> = {
    items: await staffViews(list.data, ctx.staff),
    total: count.total,
    page: input.page,
    pageSize: input.pageSize,
  };
  return page;
};

const PUBLIC_FIELDS = {
  _id: true,
  procuratorateId: true,
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
  };
  let docs: AnnouncementDoc[];
  let total: number;
  if (query.terms.length === 0) {
    const [res, count] = await Promise.all([
      announcements()
        .where(base)
        .orderBy('publishedAt', 'desc')
        .skip((input.page - 1) * input.pageSize)
        .limit(input.pageSize)
        .field(PUBLIC_FIELDS)
        .get(),
      announcements().where(base).count(),
    ]);
    docs = res.data;
    total = count.total;
  } else {
    const found = await keywordSearch({
      scope: ANNOUNCEMENT_SCOPE,
      query,
      facets: input.procuratorateId ? [`#p:${input.procuratorateId}`] : [],
      page: input.page,
      pageSize: input.pageSize,
      load: (seqs) =>
        readBySeq(seqs, async (batch) => {
          const res = await announcements()
            // By seq alone, so the seq index is the one used; the filters are checked below.
            .where({ seq: _.in(batch) })
            .field(PUBLIC_FIELDS)
            .limit(batch.length)
            .get();
          return res.data.map((d) => ({ ...d, seq: d.seq ?? 0, text: d.body }));
        }),
      accept: (d) =>
        d.status === 'published' &&
        (!input.procuratorateId || d.procuratorateId === input.procuratorateId),
    });
    docs = found.items.map((x) => x.item);
    total = found.total;
  }
  const units = await unitNames(docs.map((d) => d.procuratorateId));
  const page: Page<PublicListItem> = {
    items: docs.map((d) => ({
      id: d._id,
      title: d.title,
      procuratorateName: units.get(d.procuratorateId) ?? '',
      publishedAt: (d.publishedAt as Date).toISOString(),
      excerpt: (query.terms.length ? highlight(d.body, query) : null) ?? excerptOf(d.body),
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
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
