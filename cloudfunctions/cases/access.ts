// Who may see what of a case: staff only the cases of their own procuratorate; anyone else only
// through an approved binding, and then never a case whose information is not disclosed online.
// Outsiders are told NOT_FOUND with one message whether the case exists or not.
import { isUndisclosed } from '../../domain/cases/record';
import { _, db } from '../_shared/cloud';
import { Failure } from '../_shared/failure';
import { getProcuratorate } from '../_shared/org';
import type { StaffDoc } from '../_shared/staff';
import { bindings, cases, type BindingDoc, type CaseDoc } from './store';

/** The one answer to anyone who may not see a case, whether it exists or not. */
export const CASE_NOT_FOUND = '未找到该案件，请核对案件编号';
/** To a person bound to a case whose information is never disclosed online (DOMAIN.md). */
export const CASE_NOT_ONLINE = '该案件信息依法不在网上公开，请向承办检察院咨询';

export function caseNotFound(): Failure {
  return new Failure('NOT_FOUND', CASE_NOT_FOUND);
}

export async function loadCase(id: string): Promise<CaseDoc | null> {
  return (await cases().doc(id).get()).data;
}

/** A case of the staff member's own procuratorate, else NOT_FOUND. */
export async function loadCaseForStaff(staff: StaffDoc, id: string): Promise<CaseDoc> {
  const doc = await loadCase(id);
  if (!doc || doc.procuratorateId !== staff.procuratorateId) throw caseNotFound();
  return doc;
}

/** The caller's approved binding to the case, or null. */
export async function approvedBinding(openid: string, caseId: string): Promise<BindingDoc | null> {
  const res = await bindings().where({ caseId, status: 'approved', openid }).limit(1).get();
  return res.data[0] ?? null;
}

/** The case as a bound person may query it, with their binding; NOT_FOUND otherwise. */
export async function loadCaseForBound(
  openid: string,
  caseId: string,
): Promise<{ doc: CaseDoc; binding: BindingDoc }> {
  const binding = await approvedBinding(openid, caseId);
  if (!binding) throw caseNotFound();
  const doc = await loadCase(caseId);
  if (!doc) throw caseNotFound();
  if (isUndisclosed(doc.flags)) throw new Failure('NOT_FOUND', CASE_NOT_ONLINE);
  return { doc, binding };
}

/** Pending and approved bindings of a case (index caseId + status). */
export async function bindingCounts(
  caseId: string,
): Promise<{ pending: number; approved: number }> {
  const [pending, approved] = await Promise.all([
    bindings().where({ caseId, status: 'pending' }).count(),
    bindings().where({ caseId, status: 'approved' }).count(),
  ]);
  return { pending: pending.total, approved: approved.total };
}

/** The OPENIDs of everyone with an approved binding to the case, read in pages of 100. */
export async function approvedOpenids(caseId: string): Promise<string[]> {
  const openids: string[] = [];
  for (let skip = 0; ; skip += 100) {
    const res = await bindings()
      .where({ caseId, status: 'approved' })
      .orderBy('requestedAt', 'asc')
      .skip(skip)
      .limit(100)
      .field({ openid: true })
      .get();
    openids.push(...res.data.map((b) => b.openid));
    if (res.data.length < 100) break;
  }
  return [...new Set(openids)];
}

/** Names of procuratorates by id, each read once. */
export async function procuratorateNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const entries = await Promise.all(
    unique.map(async (id) => [id, (await getProcuratorate(id))?.name ?? ''] as const),
  );
  return new Map(entries);
}

/** Cases by id (at most 100 ids a call). */
export async function casesById(ids: string[]): Promise<Map<string, CaseDoc>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const res = await db
    .collection<CaseDoc>('cases')
    .where({ _id: _.in(unique) })
    .limit(100)
    .get();
  return new Map(res.data.map((d) => [d._id, d]));
}
