// The archive dossier (归档卷宗): archiving a petition writes, in the same transaction, one frozen
// document to `dossiers` (_id = the petition's id) with everything of the file — the data as
// filed, the petitioner as recorded, replies, materials requests, the files, the timeline, how
// each time limit was kept, the audit chain up to the archiving — and the hash of its content.
// Nothing updates it afterwards (an archived petition accepts no event); `dossier` reads it for
// the staff who may see the petition, and says whether its content still matches its hash.
import { entryHash } from '../../domain/audit-chain';
import type { Deadline } from '../../domain/deadlines/engine';
import {
  PETITION_CHANNEL_NAMES,
  PETITION_KIND_NAMES,
  PETITION_STATUS_NAMES,
  REFUSAL_GROUND_TEXTS,
  type petition,
} from '../../typings/petition';
import type {
  DossierDeadlineOutcome,
  PetitionDossier,
  PetitionDossierView,
} from '../../typings/petition-dossier';
import type { Handler } from '../_shared/action';
import { appendAudit, auditEntry, AUDIT, AUDIT_HEADS, type AuditHeadDoc } from '../_shared/audit';
import { db, type Transaction } from '../_shared/cloud';
import { Failure, notFound } from '../_shared/failure';
import { fileName } from '../_shared/files';
import { getDepartment, getProcuratorate } from '../_shared/org';
import type { StaffDoc } from '../_shared/staff';
import { withRetries } from '../_shared/transaction';
import { staffMaySee } from './access';
import { deadlinesOfDoc, loadCalendar } from './due';
import { filesOf } from './files';
import type { StepOptions } from './step';
import { loadPetition, type PetitionDoc } from './store';

type Defs = typeof petition;

export const DOSSIERS = 'dossiers';
export const NOT_ARCHIVED_MESSAGE = '该信访尚未归档';

/** An entry of the audit collection as stored (audit.ts `appendAudit`). */
export interface StoredAuditEntry {
  seq: number;
  at: Date | string;
  action: string;
  by: { openid: string | null; staffId: string | null };
  hash: string;
}

export type DossierAuditEntry = PetitionDossier['audit'][number];

export type DossierDoc = PetitionDossier & { _id: string };

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null | undefined) => (d ? iso(d) : null);

/** The state's own fields, read loosely: an archived petition keeps those of its former state. */
type Loose = Partial<{
  handler: { staffId: string; name: string };
  refusal: { ground: 1 | 2 | 3 | 4; explanation: string; refusedAt: Date };
  transfer: {
    to: { type: 'procuratorate'; name: string } | { type: 'legal_procedure'; procedure: string };
    reason: string;
    transferredAt: Date;
  };
  withdrawal: { reason: string | null; withdrawnAt: Date };
  answer: { result: string; answeredAt: Date };
  rating: {
    satisfaction: 'satisfied' | 'basically_satisfied' | 'dissatisfied';
    comment: string | null;
    ratedAt: Date;
  } | null;
  review: { reviewPetitionId: string; reason: string; requestedAt: Date } | null;
  closedAt: Date;
  archivedFrom: PetitionDossier['archivedFrom'];
  archivedAt: Date;
}>;

function outcomeOf(d: Deadline): DossierDeadlineOutcome {
  if (d.state === 'met' || d.state === 'met_late') return d.state;
  return 'missed';
}

/** The audit entry as the dossier keeps it: who by role and name, never an OPENID. */
export function auditExcerpt(
  entry: StoredAuditEntry,
  staffNames: ReadonlyMap<string, string>,
): DossierAuditEntry {
  const staffId = entry.by.staffId;
  const actor: DossierAuditEntry['actor'] = staffId
    ? { type: 'staff', staffId, name: staffNames.get(staffId) ?? staffId }
    : entry.by.openid
      ? { type: 'citizen', staffId: null, name: '信访人' }
      : { type: 'system', staffId: null, name: '系统' };
  return { seq: entry.seq, at: iso(entry.at), action: entry.action, actor, hash: entry.hash };
}

export interface DossierInput {
  /** The archived petition as saved. */
  doc: PetitionDoc;
  procuratorateName: string;
  departmentName: string | null;
  /** The deadline engine's view of the archived petition at the archiving. */
  deadlines: readonly Deadline[];
  /** The petition's audit chain, in order, up to and including the archiving. */
  audit: readonly DossierAuditEntry[];
  archivedBy: { staffId: string; name: string };
}

/** The dossier of an archived petition, with the hash of its canonical content. Pure. */
export function buildDossier(input: DossierInput): PetitionDossier {
  const { doc } = input;
  const x = doc as PetitionDoc & Loose;
  if (doc.status !== 'archived' || !x.archivedFrom || !x.archivedAt) {
    throw new Error(`dossier of ${doc._id}: not archived`);
  }
  const transfer = x.transfer;
  const content: Omit<PetitionDossier, 'hash'> = {
    petitionId: doc._id,
    receiptNumber: doc.receiptNumber,
    kind: doc.kind,
    kindName: PETITION_KIND_NAMES[doc.kind],
    channel: doc.channel,
    channelName: PETITION_CHANNEL_NAMES[doc.channel],
    procuratorateId: doc.procuratorateId,
    procuratorateName: input.procuratorateName,
    departmentId: doc.departmentId,
    departmentName: input.departmentName,
    handler: x.handler ? { staffId: x.handler.staffId, name: x.handler.name } : null,
    submittedAt: iso(doc.submittedAt),
    archivedFrom: x.archivedFrom,
    archivedFromName: PETITION_STATUS_NAMES[x.archivedFrom],
    petitioner: {
      name: doc.petitioner.name,
      idNumberMasked: doc.petitioner.idNumberMasked,
      mobileMasked: doc.petitioner.mobileMasked,
    },
    form: doc.form,
    linkedFrom: doc.linkedFrom
      ? {
          type: doc.linkedFrom.type,
          petitionId: doc.linkedFrom.petitionId,
          receiptNumber: doc.linkedFrom.receiptNumber,
        }
      : null,
    outcome: {
      refusal: x.refusal
        ? {
            ground: x.refusal.ground,
            groundText: REFUSAL_GROUND_TEXTS[x.refusal.ground],
            explanation: x.refusal.explanation,
            refusedAt: iso(x.refusal.refusedAt),
          }
        : null,
      transfer: transfer
        ? {
            toName:
              transfer.to.type === 'legal_procedure' ? transfer.to.procedure : transfer.to.name,
            reason: transfer.reason,
            transferredAt: iso(transfer.transferredAt),
          }
        : null,
      withdrawal: x.withdrawal
        ? { reason: x.withdrawal.reason, withdrawnAt: iso(x.withdrawal.withdrawnAt) }
        : null,
      answer: x.answer ? { result: x.answer.result, answeredAt: iso(x.answer.answeredAt) } : null,
      rating: x.rating
        ? {
            satisfaction: x.rating.satisfaction,
            comment: x.rating.comment,
            ratedAt: iso(x.rating.ratedAt),
          }
        : null,
      review: x.review
        ? {
            reviewPetitionId: x.review.reviewPetitionId,
            reason: x.review.reason,
            requestedAt: iso(x.review.requestedAt),
          }
        : null,
      closedAt: isoOrNull(x.closedAt),
    },
    replies: doc.replies.map((r) => ({
      type: r.type,
      method: r.method,
      text: r.text,
      attachments: [...r.attachments],
      at: iso(r.at),
      byStaffId: r.by,
    })),
    materialsRequests: doc.materialsRequests.map((r) => ({
      items: [...r.items],
      dueDate: iso(r.dueDate),
      requestedAt: iso(r.requestedAt),
      suppliedAt: isoOrNull(r.suppliedAt),
      supplied: [...r.supplied],
      note: r.note,
    })),
    attachments: filesOf(doc).map((f) => ({ ...f, name: fileName(f.fileID) })),
    timeline: doc.steps.map((s) => ({
      at: iso(s.at),
      event: s.event,
      status: s.status,
      statusName: PETITION_STATUS_NAMES[s.status],
      note: s.note,
    })),
    deadlines: input.deadlines.map((d) => ({
      key: d.key,
      name: d.name,
      party: d.party,
      due: iso(d.due),
      metAt: isoOrNull(d.metAt),
      state: d.state,
      outcome: outcomeOf(d),
      uncertain: d.uncertain,
    })),
    audit: [...input.audit],
    archivedAt: iso(x.archivedAt),
    archivedBy: { ...input.archivedBy },
  };
  return { ...content, hash: dossierHash(content) };
}

/** SHA-256 of the canonical JSON of the dossier's content (everything but `hash` and `_id`). */
export function dossierHash(dossier: object): string {
  return entryHash({ ...(dossier as Record<string, unknown>) });
}

// ---------------------------------------------------------------------------------------------
// Writing it: prepared before the archiving's transaction, written inside it

const PAGE = 100;

/** The petition's audit entries as committed now, in order (index `chain`). */
async function committedAudit(petitionId: string): Promise<StoredAuditEntry[]> {
  const out: StoredAuditEntry[] = [];
  for (;;) {
    const res = await db
      .collection<StoredAuditEntry>(AUDIT)
      .where({ entity: 'petition', entityId: petitionId })
      .orderBy('seq', 'asc')
      .skip(out.length)
      .limit(PAGE)
      .get();
    out.push(...res.data);
    if (res.data.length < PAGE) return out;
  }
}

async function staffNamesOf(ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const docs = await Promise.all(
    unique.map(async (id) => (await db.collection<StaffDoc>('staff').doc(id).get()).data),
  );
  return new Map(unique.map((id, i) => [id, docs[i]?.name ?? id]));
}

/**
 * The `archive` step's options: reads what the dossier needs (names, calendar, the audit entries
 * committed so far, staff names) before the transaction; inside it, after the petition and its
 * ARCHIVE entry are written, reads the chain's head and any entry not read before (the ARCHIVE
 * entry itself, or one appended meanwhile), builds the dossier and writes it.
 */
export async function dossierWriter(
  staff: StaffDoc,
  before: PetitionDoc,
  now: Date,
): Promise<Pick<StepOptions, 'alsoWrite'>> {
  const [unit, department, calendar, committed] = await Promise.all([
    getProcuratorate(before.procuratorateId),
    before.departmentId ? getDepartment(before.departmentId) : Promise.resolve(null),
    loadCalendar(),
    committedAudit(before._id),
  ]);
  const names = await staffNamesOf(
    committed.flatMap((e) => (e.by.staffId ? [e.by.staffId] : [])).concat(staff._id),
  );
  names.set(staff._id, staff.name);
  const known = new Map(committed.map((e) => [e.seq, e]));
  return {
    alsoWrite: async (t: Transaction, next: PetitionDoc) => {
      const headId = `petition:${next._id}`;
      const head = (await t.collection<AuditHeadDoc>(AUDIT_HEADS).doc(headId).get()).data;
      const entries: StoredAuditEntry[] = [];
      for (let seq = 1; seq <= (head?.seq ?? 0); seq++) {
        let entry = known.get(seq);
        if (!entry) {
          const id = `${headId}:${String(seq).padStart(8, '0')}`;
          entry = (await t.collection<StoredAuditEntry>(AUDIT).doc(id).get()).data ?? undefined;
        }
        if (!entry) throw new Error(`dossier of ${next._id}: audit entry ${seq} is missing`);
        entries.push(entry);
      }
      const dossier = buildDossier({
        doc: next,
        procuratorateName: unit?.name ?? '',
        departmentName: department?.name ?? null,
        deadlines: deadlinesOfDoc(next, now, calendar),
        audit: entries.map((e) => auditExcerpt(e, names)),
        archivedBy: { staffId: staff._id, name: staff.name },
      });
      // Written once: a petition is archived once (the machine refuses a second ARCHIVE).
      const existing = (await t.collection(DOSSIERS).doc(next._id).get()).data;
      if (existing) throw new Failure('CONFLICT', '该信访已归档');
      await t.collection(DOSSIERS).doc(next._id).set({ data: dossier });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reading it

/**
 * The dossier, for the staff who may see the petition (access.ts); everyone else, and anyone
 * asking for a petition not archived, learns nothing more than NOT_FOUND. Opening it is recorded
 * in the petition's audit chain, as opening the staff view is.
 */
export const dossier: Handler<Defs['dossier']> = async ({ input, ctx }) => {
  const doc = await loadPetition(input.id);
  if (!doc || !ctx.staff || !staffMaySee(ctx.staff, doc)) throw notFound('信访事项');
  const stored = (await db.collection<DossierDoc>(DOSSIERS).doc(doc._id).get()).data;
  if (doc.status !== 'archived' || !stored) throw new Failure('NOT_FOUND', NOT_ARCHIVED_MESSAGE);
  const staff = ctx.staff;
  await withRetries(() =>
    db.runTransaction(async (t) => {
      await appendAudit(
        t,
        auditEntry(
          'petition',
          doc._id,
          'view_dossier',
          { openid: ctx.openid, staff, now: ctx.now },
          { receiptNumber: doc.receiptNumber },
        ),
      );
    }),
  );
  const { _id, ...content } = stored;
  const view: PetitionDossierView = { ...content, intact: dossierHash(content) === content.hash };
  return view;
};
