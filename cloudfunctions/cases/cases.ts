// Cases as the case-management department (案件管理部) keeps them — case.save, case.import,
// case.list, case.get — and the procedure query (procedure) of a person bound to a case.
//
// A save is one transaction: the case (version-checked), its audit entry and, when the stage or
// the result changed, one timeline entry and one `caseProgress` message to each approved binding's
// person (sent after the commit). The case number is stored normalised under a unique index; a
// registration racing another with the same number loses at the index (-501001 duplicate key) and
// is answered like the check before it.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { normaliseCaseNumber } from '../../domain/cases/case-number';
import {
  caseNumberPrefix,
  checkCaseRecord,
  isUndisclosed,
  progressChange,
} from '../../domain/cases/record';
import type { FieldIssue } from '../../typings/errors';
import { CASE_LIMITS, caseFields, type cases as casesContract } from '../../typings/cases';
import type { Handler, Handlers, StaffCtx } from '../_shared/action';
import { toFieldIssues } from '../_shared/action';
import { appendAudit, auditEntry } from '../_shared/audit';
import { _, db, isSdkError, type Transaction } from '../_shared/cloud';
import { Failure } from '../_shared/failure';
import { getProcuratorate, type ProcuratorateDoc } from '../_shared/org';
import { dispatchOne } from '../_shared/outbox';
import { withRetries } from '../_shared/transaction';
import {
  approvedOpenids,
  bindingCounts,
  loadCaseForBound,
  loadCaseForStaff,
  procuratorateNames,
} from './access';
import { downloadImport } from './import';
import { progressNotes, type OutboxEntry } from './notify';
import { CASES, cases, type CaseDoc } from './store';
import { caseListItem, caseStaffView, procedureView } from './views';

type Defs = Pick<
  typeof casesContract,
  'case.save' | 'case.import' | 'case.list' | 'case.get' | 'procedure'
>;

export const CASE_CONFLICT = '该案件已被他人修改，请刷新后重试';
const DUPLICATE_NUMBER = '该案件编号已登记';

/** The fields of one case as case.save and each import row give them (parsed). */
export type CaseFields = z.output<z.ZodObject<typeof caseFields>>;
/** One import row: case.save's fields, nothing else. */
export const caseRowSchema = z.object(caseFields).strict();

function badRequest(issues: FieldIssue[]): Failure {
  return new Failure('BAD_REQUEST', issues[0].message, issues);
}

/**
 * A unique-index violation: DATABASE_DUPLICATE_WRITE, which wx-server-sdk surfaces as errCode
 * -501001 with the service's message (CLOUDBASE.md §1.3), or raw from a commit.
 */
export function isDuplicateKey(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const err = e as { code?: unknown; errMsg?: unknown; message?: unknown };
  if (err.code === 'DATABASE_DUPLICATE_WRITE') return true;
  const text = `${typeof err.errMsg === 'string' ? err.errMsg : ''} ${
    typeof err.message === 'string' ? err.message : ''
  }`;
  return (
    (isSdkError(e) ? e.errCode === -501001 : true) &&
    /duplicate key|DATABASE_DUPLICATE_WRITE/i.test(text)
  );
}

export function newCaseId(): string {
  return 'cs' + randomUUID().replace(/-/g, '');
}

async function ownProcuratorate(staffCtx: StaffCtx): Promise<ProcuratorateDoc> {
  const unit = await getProcuratorate(staffCtx.staff.procuratorateId);
  if (!unit) throw new Failure('NOT_FOUND', '本院信息不存在，请联系管理员');
  return unit;
}

/** What one save writes: the next state of the case, its audit action and its messages. */
export interface CaseWrite {
  doc: CaseDoc;
  /** The stored version the write replaces (null: a registration). */
  expectedVersion: number | null;
  action: 'create' | 'update' | 'import_create' | 'import_update';
  detail: Record<string, unknown>;
  notes: OutboxEntry[];
}

const COMPARED = [
  'caseNumber',
  'cause',
  'acceptedOn',
  'timeLimit',
  'handlingUnit',
  'stage',
  'result',
  'parties',
  'measures',
  'flags',
] as const;

/**
 * The next state of a case from the fields given: a registration (`before` null) starts the
 * timeline with its stage; an update appends to it when the stage or result changed and tells
 * every approved binding's person — unless the case is one never disclosed online.
 */
export async function planWrite(
  fields: CaseFields,
  caseNumber: string,
  before: CaseDoc | null,
  ctx: StaffCtx,
  opts: { id?: string; progressNote?: string; imported: boolean },
): Promise<CaseWrite> {
  const next = {
    caseNumber,
    procuratorateId: ctx.staff.procuratorateId,
    cause: fields.cause,
    acceptedOn: fields.acceptedOn,
    timeLimit: fields.timeLimit,
    handlingUnit: fields.handlingUnit,
    stage: fields.stage,
    result: fields.result ?? null,
    parties: fields.parties.map((p) => ({
      name: p.name,
      role: p.role,
      age: p.age ?? null,
      sentenceMonths: p.sentenceMonths ?? null,
      recidivist: p.recidivist,
    })),
    measures: fields.measures.map((m) => ({
      partyName: m.partyName,
      measure: m.measure,
      from: m.from,
      to: m.to ?? null,
    })),
    flags: { ...fields.flags },
  };
  if (!before) {
    const doc: CaseDoc = {
      _id: opts.id ?? newCaseId(),
      ...next,
      timeline: [{ at: ctx.now, stage: next.stage, note: opts.progressNote ?? null }],
      createdAt: ctx.now,
      updatedAt: ctx.now,
      createdBy: ctx.staff._id,
      updatedBy: ctx.staff._id,
      version: 1,
    };
    return {
      doc,
      expectedVersion: null,
      action: opts.imported ? 'import_create' : 'create',
      detail: { caseNumber, stage: next.stage },
      notes: [],
    };
  }
  const change = progressChange(before, next, opts.progressNote);
  const doc: CaseDoc = {
    ...before,
    ...next,
    timeline: change
      ? [...before.timeline, { at: ctx.now, stage: change.stage, note: change.note }]
      : before.timeline,
    updatedAt: ctx.now,
    updatedBy: ctx.staff._id,
    version: before.version + 1,
  };
  const changed = COMPARED.filter(
    (k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(doc[k] ?? null),
  );
  const openids = change && !isUndisclosed(doc.flags) ? await approvedOpenids(doc._id) : [];
  const notes = change
    ? progressNotes({
        caseId: doc._id,
        version: doc.version,
        cause: doc.cause,
        phrase: change.phrase,
        note: change.note,
        openids,
        now: ctx.now,
      })
    : [];
  return {
    doc,
    expectedVersion: before.version,
    action: opts.imported ? 'import_update' : 'update',
    // Which fields changed, and the progress told; parties' names stay in the case only.
    detail: {
      caseNumber,
      changed,
      ...(change ? { stage: change.stage, note: change.note, told: notes.length } : {}),
    },
    notes,
  };
}

/** Writes one planned save in `t`; false when the stored version is no longer the one read. */
export async function writeCase(t: Transaction, w: CaseWrite, ctx: StaffCtx): Promise<boolean> {
  const current = (await t.collection<CaseDoc>(CASES).doc(w.doc._id).get()).data;
  if (w.expectedVersion === null ? current !== null : current?.version !== w.expectedVersion) {
    return false;
  }
  const { _id, ...data } = w.doc;
  await t.collection(CASES).doc(_id).set({ data });
  await appendAudit(t, auditEntry('case', _id, w.action, ctx, w.detail));
  for (const note of w.notes) await t.collection('outbox').add({ data: note });
  return true;
}

/** Runs the writes in one transaction; CONFLICT when a case changed meanwhile, BAD_REQUEST on a taken number. */
export async function commitWrites(
  writes: CaseWrite[],
  ctx: StaffCtx,
  duplicate: () => Failure,
  conflictMessage = CASE_CONFLICT,
): Promise<void> {
  let ok: boolean;
  try {
    ok = await withRetries(() =>
      db.runTransaction(async (t) => {
        for (const w of writes) {
          if (!(await writeCase(t, w, ctx))) return false;
        }
        return true;
      }),
    );
  } catch (e) {
    if (isDuplicateKey(e)) throw duplicate();
    throw e;
  }
  if (!ok) throw new Failure('CONFLICT', conflictMessage);
  for (const w of writes) for (const n of w.notes) await dispatchOne(n._id, ctx.now);
}

/** The case registered under a normalised number, if any (unique index caseNumber). */
export async function caseByNumber(caseNumber: string): Promise<CaseDoc | null> {
  const res = await cases().where({ caseNumber }).limit(1).get();
  return res.data[0] ?? null;
}

async function staffView(doc: CaseDoc) {
  const names = await procuratorateNames([doc.procuratorateId]);
  return caseStaffView(doc, names.get(doc.procuratorateId) ?? '', await bindingCounts(doc._id));
}

const save: Handler<Defs['case.save']> = async ({ input, ctx }) => {
  const { id, version, progressNote, ...fields } = input;
  const unit = await ownProcuratorate(ctx);
  const checked = checkCaseRecord(fields, unit.code);
  if (checked.issues.length > 0) throw badRequest(checked.issues);
  const caseNumber = checked.caseNumber as string;

  let before: CaseDoc | null = null;
  if (id !== undefined) {
    before = await loadCaseForStaff(ctx.staff, id);
    if (version === undefined) {
      throw badRequest([{ path: 'version', message: '缺少版本号，请刷新后重试' }]);
    }
    if (version !== before.version) throw new Failure('CONFLICT', CASE_CONFLICT);
  }
  const duplicate = () => badRequest([{ path: 'caseNumber', message: DUPLICATE_NUMBER }]);
  const holder = await caseByNumber(caseNumber);
  if (holder && holder._id !== before?._id) throw duplicate();

  const write = await planWrite(fields, caseNumber, before, ctx, {
    progressNote,
    imported: false,
  });
  await commitWrites([write], ctx, duplicate);
  return staffView(write.doc);
};

/**
 * All or nothing: every row is checked (the schema of case.save, then the record's rules, then
 * numbers repeated in the file) before anything is written; any problem answers BAD_REQUEST with
 * each at `rows.<i>.<field>` (i from 0, the first record after the header). Numbers this
 * procuratorate registered already are updated, the others registered — in one transaction.
 */
const importCases: Handler<Defs['case.import']> = async ({ input, ctx }) => {
  const unit = await ownProcuratorate(ctx);
  const rows = await downloadImport(input.fileID, ctx.openid);
  if (rows.length === 0) {
    throw badRequest([{ path: 'fileID', message: '导入文件中没有案件' }]);
  }
  if (rows.length > CASE_LIMITS.importMax) {
    throw badRequest([
      { path: 'rows', message: `一次最多导入${CASE_LIMITS.importMax}件，文件中有${rows.length}件` },
    ]);
  }

  const issues: FieldIssue[] = [];
  const parsed: { fields: CaseFields; caseNumber: string }[] = [];
  const firstRow = new Map<string, number>();
  rows.forEach((row, i) => {
    const at = (path: string) => (path ? `rows.${i}.${path}` : `rows.${i}`);
    const result = caseRowSchema.safeParse(row);
    if (!result.success) {
      for (const issue of toFieldIssues(result.error)) {
        issues.push({ path: at(issue.path), message: `第${i + 1}条：${issue.message}` });
      }
      return;
    }
    const checked = checkCaseRecord(result.data, unit.code);
    for (const issue of checked.issues) {
      issues.push({ path: at(issue.path), message: `第${i + 1}条：${issue.message}` });
    }
    if (checked.caseNumber) {
      const first = firstRow.get(checked.caseNumber);
      if (first !== undefined) {
        issues.push({
          path: at('caseNumber'),
          message: `第${i + 1}条：案件编号与第${first + 1}条重复`,
        });
      } else firstRow.set(checked.caseNumber, i);
    }
    if (checked.issues.length === 0 && checked.caseNumber) {
      parsed.push({ fields: result.data, caseNumber: checked.caseNumber });
    }
  });
  if (issues.length > 0) throw badRequest(issues);

  const numbers = parsed.map((p) => p.caseNumber);
  const existing = new Map<string, CaseDoc>();
  for (let i = 0; i < numbers.length; i += 100) {
    const res = await cases()
      .where({ caseNumber: _.in(numbers.slice(i, i + 100)) })
      .limit(100)
      .get();
    for (const d of res.data) existing.set(d.caseNumber, d);
  }
  parsed.forEach((p, i) => {
    const holder = existing.get(p.caseNumber);
    if (holder && holder.procuratorateId !== ctx.staff.procuratorateId) {
      issues.push({ path: `rows.${i}.caseNumber`, message: `第${i + 1}条：${DUPLICATE_NUMBER}` });
    }
  });
  if (issues.length > 0) throw badRequest(issues);

  const writes: CaseWrite[] = [];
  for (const p of parsed) {
    writes.push(
      await planWrite(p.fields, p.caseNumber, existing.get(p.caseNumber) ?? null, ctx, {
        imported: true,
      }),
    );
  }
  await commitWrites(
    writes,
    ctx,
    () => badRequest([{ path: 'rows', message: '导入期间有案件编号被他人登记，请核对后重新导入' }]),
    '导入期间有案件被他人修改，请重新导入',
  );
  const created = writes.filter((w) => w.expectedVersion === null).length;
  return { created, updated: writes.length - created };
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Own procuratorate, newest change first (index procuratorateId + updatedAt). `q` is a whole case
 * number (exact, unique index), or the start of one or part of the cause.
 */
const list: Handler<Defs['case.list']> = async ({ input, ctx }) => {
  const own = { procuratorateId: ctx.staff.procuratorateId };
  let where: object = own;
  if (input.q) {
    const whole = normaliseCaseNumber(input.q);
    if (whole) where = { ...own, caseNumber: whole };
    else {
      const re = (pattern: string) =>
        (db as unknown as { RegExp(o: { regexp: string; options: string }): unknown }).RegExp({
          regexp: pattern,
          options: '',
        });
      where = _.and([
        own,
        _.or([
          { caseNumber: re(`^${escapeRegExp(caseNumberPrefix(input.q))}`) },
          { cause: re(escapeRegExp(input.q)) },
        ]),
      ]);
    }
  }
  const [page, count] = await Promise.all([
    cases()
      .where(where)
      .orderBy('updatedAt', 'desc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
    cases().where(where).count(),
  ]);
  return {
    items: page.data.map(caseListItem),
    total: count.total,
    page: input.page,
    pageSize: input.pageSize,
  };
};

const get: Handler<Defs['case.get']> = async ({ input, ctx }) =>
  staffView(await loadCaseForStaff(ctx.staff, input.id));

/**
 * The seven fields and the timeline, only through the caller's approved binding; anyone else —
 * and everyone for a case never disclosed online — is answered NOT_FOUND.
 */
const procedure: Handler<Defs['procedure']> = async ({ input, ctx }) => {
  const { doc, binding } = await loadCaseForBound(ctx.openid, input.caseId);
  const names = await procuratorateNames([doc.procuratorateId]);
  return procedureView(doc, binding, names.get(doc.procuratorateId) ?? '');
};

export const caseHandlers: Handlers<Defs> = {
  'case.save': save,
  'case.import': importCases,
  'case.list': list,
  'case.get': get,
  procedure,
};
