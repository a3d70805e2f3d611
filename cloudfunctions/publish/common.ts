// What announcements and legal documents share: the two-person rule (drafts saved, approved by
// someone who did not write them, every change at the version the page shows, audited), the
// publication number taken in the approval, staff and public list pages, China days and names for
// views. The postings, indexing after approval and its repair path are in _shared/postings.ts.
import { randomBytes } from 'node:crypto';
import type { Page } from '../../typings/fields';
import type { PublicationStatus } from '../../typings/publish';
import { PUBLICATION_STATUS_NAMES } from '../../typings/publish';
import type { StaffCtx } from '../_shared/action';
import { appendAudit, auditEntry } from '../_shared/audit';
import { _, db, type Transaction } from '../_shared/cloud';
import { Failure, notFound } from '../_shared/failure';
import { unitNames } from '../_shared/inbox';
import type { StaffDoc } from '../_shared/staff';
import { withRetries } from '../_shared/transaction';
import { nextSeq } from '../_shared/postings';

/** Drafts first in staff lists, then published, then withdrawn. */
export const STATUS_RANK: Record<PublicationStatus, number> = {
  draft: 0,
  published: 1,
  withdrawn: 2,
};

export const statusName = (s: PublicationStatus) => PUBLICATION_STATUS_NAMES[s];

/** Who wrote a draft: its drafter and everyone who edited it. None of them may approve it. */
export interface Authored {
  draftedBy: string;
  editors: string[];
}

export function wroteIt(doc: Authored, staffId: string): boolean {
  return doc.draftedBy === staffId || doc.editors.includes(staffId);
}

export function mayApprove(
  doc: Authored & { status: PublicationStatus; procuratorateId: string },
  staff: { _id: string; procuratorateId: string },
) {
  return (
    doc.status === 'draft' &&
    doc.procuratorateId === staff.procuratorateId &&
    !wroteIt(doc, staff._id)
  );
}

/** What every announcement and legal document holds: where it stands in the two-person rule. */
export interface Publishable extends Authored {
  _id: string;
  procuratorateId: string;
  status: PublicationStatus;
  statusRank: number;
  approvedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  /** Publication number (_shared/postings.ts), from the approval on. */
  seq: number | null;
  /** Present once published: whether its postings are written. */
  indexed?: boolean;
  version: number;
}

/** Which kind of item: its collection, its audit entity, its name in "未找到该…" and how its ids begin. */
export interface Kind {
  collection: string;
  entity: string;
  what: string;
  idPrefix: string;
}

/** The first characters of a text, white space folded, for lists. */
export function excerptOf(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** An item of the caller's procuratorate, or NOT_FOUND (another procuratorate's items do not exist for them). */
export async function loadOwn<T extends Publishable>(
  kind: Kind,
  id: string,
  staff: StaffDoc,
): Promise<T> {
  const doc = (await db.collection<T>(kind.collection).doc(id).get()).data;
  if (!doc || doc.procuratorateId !== staff.procuratorateId) throw notFound(kind.what);
  return doc;
}

export function checkVersion(current: { version: number }, version: number) {
  if (current.version !== version) {
    throw new Failure('CONFLICT', '内容已被他人修改，请刷新后再试', [
      { path: 'version', message: '内容已被他人修改，请刷新后再试' },
    ]);
  }
}

const CHINA_MS = 8 * 3600_000;

/** The first moment of a China day `YYYY-MM-DD`. */
export function chinaDayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - CHINA_MS);
}

/** The first moment after a China day. */
export function chinaDayEnd(day: string): Date {
  return new Date(chinaDayStart(day).getTime() + 24 * 3600_000);
}

/** What a staff view says of an item's place in the two-person rule. */
export function workflowView(
  d: Publishable,
  names: Map<string, string>,
  staff: { _id: string; procuratorateId: string },
) {
  return {
    status: d.status,
    statusName: statusName(d.status),
    draftedByName: names.get(d.draftedBy) ?? '',
    approvedByName: d.approvedBy ? (names.get(d.approvedBy) ?? '') : null,
    canApprove: mayApprove(d, staff),
    version: d.version,
  };
}

/**
 * Saves a draft: a new one (`create`, drafted by the caller) when there is no `id`, else the
 * caller's procuratorate's draft at `version` rewritten with `fields`, the caller one of its
 * editors from then on. Audited as `save` with `audit`'s detail.
 */
export async function saveDraft<T extends Publishable>(
  kind: Kind,
  ctx: StaffCtx,
  opts: {
    id?: string;
    version?: number;
    /** The message for an item no longer a draft. */
    notDraft: string;
    /** A new item, from the fields every new draft has. */
    create: (draft: Publishable) => T;
    fields: Partial<T>;
    audit: (doc: T, created: boolean) => Record<string, unknown>;
  },
): Promise<T> {
  const staffId = ctx.staff._id;
  if (!opts.id) {
    const doc = opts.create({
      _id: `${kind.idPrefix}${randomBytes(8).toString('hex')}`,
      procuratorateId: ctx.staff.procuratorateId,
      status: 'draft',
      statusRank: STATUS_RANK.draft,
      draftedBy: staffId,
      editors: [],
      approvedBy: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      publishedAt: null,
      seq: null,
      version: 1,
    });
    await withRetries(() =>
      db.runTransaction(async (t) => {
        await t.collection(kind.collection).add({ data: doc });
        await appendAudit(t, auditEntry(kind.entity, doc._id, 'save', ctx, opts.audit(doc, true)));
      }),
    );
    return doc;
  }

  if (opts.version === undefined) {
    throw new Failure('BAD_REQUEST', '修改时须提供版本号', [
      { path: 'version', message: '修改时须提供版本号' },
    ]);
  }
  const id = opts.id;
  const version = opts.version;
  await loadOwn(kind, id, ctx.staff);
  return withRetries(() =>
    db.runTransaction(async (t) => {
      const current = (await t.collection<T>(kind.collection).doc(id).get()).data;
      if (!current || current.procuratorateId !== ctx.staff.procuratorateId) {
        throw notFound(kind.what);
      }
      if (current.status !== 'draft') throw new Failure('PRECONDITION_FAILED', opts.notDraft);
      checkVersion(current, version);
      const next: T = {
        ...current,
        ...opts.fields,
        editors: wroteIt(current, staffId) ? current.editors : [...current.editors, staffId],
        updatedAt: ctx.now,
        version: current.version + 1,
      };
      const { _id: _omit, ...data } = next;
      void _omit;
      await t.collection(kind.collection).doc(id).set({ data });
      await appendAudit(t, auditEntry(kind.entity, id, 'save', ctx, opts.audit(next, false)));
      return next;
    }),
  );
}

/**
 * One change of an item's status in a transaction: the item as of the transaction passes `check`,
 * is at `version`, then `patch` (which may read in the transaction) is written with the time and
 * the next version, and audited as `action` with `detail`.
 */
export async function changeStatus<T extends Publishable>(
  kind: Kind,
  ctx: StaffCtx,
  opts: {
    id: string;
    version: number;
    action: string;
    check: (current: T) => void;
    patch: (current: T, t: Transaction) => Promise<Partial<T>>;
    detail?: (current: T, patch: Partial<T>) => Record<string, unknown>;
  },
): Promise<T> {
  return withRetries(() =>
    db.runTransaction(async (t) => {
      const current = (await t.collection<T>(kind.collection).doc(opts.id).get()).data;
      if (!current) throw notFound(kind.what);
      opts.check(current);
      checkVersion(current, opts.version);
      const patch: Partial<T> = {
        ...(await opts.patch(current, t)),
        updatedAt: ctx.now,
        version: current.version + 1,
      };
      await t.collection(kind.collection).doc(opts.id).update({ data: patch });
      await appendAudit(
        t,
        auditEntry(kind.entity, opts.id, opts.action, ctx, opts.detail?.(current, patch)),
      );
      return { ...current, ...patch };
    }),
  );
}

/** The two-person rule: only a draft, and only by someone who neither drafted nor edited it. */
export function checkApprovable(doc: Publishable, staffId: string, notDraft: string) {
  if (doc.status !== 'draft') throw new Failure('PRECONDITION_FAILED', notDraft);
  if (wroteIt(doc, staffId)) {
    throw new Failure('PRECONDITION_FAILED', '不能审核自己起草的信息');
  }
}

/**
 * Publishes a draft of the caller's procuratorate: checked before and again in the transaction
 * (`refuse` may read in it and throw), numbered in the scope, audited as `approve` with the number
 * and `detail`. The caller indexes what it returns.
 */
export async function approveDraft<T extends Publishable>(
  kind: Kind,
  ctx: StaffCtx,
  opts: {
    id: string;
    version: number;
    scope: string;
    notDraft: string;
    /** Checks before the transaction, after the two-person rule's. */
    precheck?: (before: T) => Promise<void>;
    refuse?: (current: T, t: Transaction) => Promise<void>;
    detail?: (current: T) => Record<string, unknown>;
  },
): Promise<T> {
  const before = await loadOwn<T>(kind, opts.id, ctx.staff);
  checkApprovable(before, ctx.staff._id, opts.notDraft);
  await opts.precheck?.(before);
  let seq = 0;
  return changeStatus<T>(kind, ctx, {
    id: opts.id,
    version: opts.version,
    action: 'approve',
    check: (current) => checkApprovable(current, ctx.staff._id, opts.notDraft),
    patch: async (current, t) => {
      await opts.refuse?.(current, t);
      seq = await nextSeq(t, opts.scope);
      return {
        status: 'published',
        statusRank: STATUS_RANK.published,
        approvedBy: ctx.staff._id,
        publishedAt: ctx.now,
        seq,
        indexed: false,
      } as Partial<T>;
    },
    detail: (current) => ({ seq, ...opts.detail?.(current) }),
  });
}

/** A page of a list answer. */
export function pageOf<T>(
  items: T[],
  total: number,
  input: { page: number; pageSize: number },
): Page<T> {
  return { items, total, page: input.page, pageSize: input.pageSize };
}

/** What a public list row says of every published item, and what `more` adds, with the procuratorates' names read. */
export async function publicPage<
  D extends { _id: string; title: string; procuratorateId: string; publishedAt: Date | null },
  M,
>(docs: D[], total: number, input: { page: number; pageSize: number }, more: (doc: D) => M) {
  const units = await unitNames(docs.map((d) => d.procuratorateId));
  return pageOf(
    docs.map((d) => ({
      id: d._id,
      title: d.title,
      procuratorateName: units.get(d.procuratorateId) ?? '',
      publishedAt: (d.publishedAt as Date).toISOString(),
      ...more(d),
    })),
    total,
    input,
  );
}

/**
 * A page of the caller's procuratorate's items (of one status, or all; `more` narrows further):
 * drafts first, newest change first.
 */
export async function ownPage<T extends Publishable>(
  kind: Kind,
  staff: StaffDoc,
  input: { status?: PublicationStatus; page: number; pageSize: number },
  more: Record<string, unknown> = {},
): Promise<{ docs: T[]; total: number }> {
  const where = input.status
    ? { procuratorateId: staff.procuratorateId, status: input.status, ...more }
    : { procuratorateId: staff.procuratorateId, ...more };
  const items = () => db.collection<T>(kind.collection);
  const [list, count] = await Promise.all([
    items()
      .where(where)
      .orderBy('statusRank', 'asc')
      .orderBy('updatedAt', 'desc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
    items().where(where).count(),
  ]);
  return { docs: list.data, total: count.total };
}

/** A page of published items matching `where`, newest first, of the public `fields` only. */
export async function publishedPage<T>(
  collection: string,
  where: Record<string, unknown>,
  fields: Record<string, boolean>,
  input: { page: number; pageSize: number },
): Promise<{ docs: T[]; total: number }> {
  const items = () => db.collection<T>(collection);
  const [res, count] = await Promise.all([
    items()
      .where(where)
      .orderBy('publishedAt', 'desc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .field(fields)
      .get(),
    items().where(where).count(),
  ]);
  return { docs: res.data, total: count.total };
}
