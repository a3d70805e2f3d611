// Who may read a petition: its petitioner, and the staff of its procuratorate who handle it —
// never a staff member accused in it (条例 art. 30). Everyone else learns nothing (NOT_FOUND).
import type { Actor } from '../../domain/petition/machine';
import { appendAudit, auditEntry } from '../_shared/audit';
import { db } from '../_shared/cloud';
import { notFound } from '../_shared/failure';
import { normaliseName, type MatterParties } from '../_shared/interests';
import { withRetries } from '../_shared/transaction';
import { hasRole, type StaffDoc } from '../_shared/staff';
import { loadPetition, type PetitionDoc } from './store';

/** The people and organisations a petition names, for the recusal rule (_shared/interests.ts). */
export function partiesOf(doc: PetitionDoc): MatterParties {
  const f = doc.form as {
    onBehalfOf?: { name: string };
    accused?: { name: string };
    staff?: { name: string };
    clue?: { responsibleParty: string };
    compensation?: { victim: { name: string } };
  };
  const others = [
    f.onBehalfOf?.name,
    f.accused?.name,
    f.staff?.name,
    f.clue?.responsibleParty,
    f.compensation?.victim.name,
  ].filter((n): n is string => !!n);
  return {
    petitioner: { name: doc.petitioner.name, idHash: doc.petitioner.idHash || null },
    others,
  };
}

/** The accused staff member's name in a misconduct report, else null. */
export function accusedStaffName(doc: PetitionDoc): string | null {
  return doc.kind === 'staff_misconduct'
    ? ((doc.form as { staff?: { name?: string } }).staff?.name ?? null)
    : null;
}

/**
 * Whether `staff` is the staff member accused in a misconduct report (检察人员违法违纪举报).
 * The report names the accused by name and, as free text, their procuratorate; the matching rule
 * is: the same name (after `normaliseName`) and the staff member works at the procuratorate that
 * holds the report. The free-text procuratorate is not compared, because people write it in many
 * ways; erring this way hides the report from a namesake colleague too, never shows it to the
 * accused. Other kinds name no staff member, so nobody is excluded from them.
 */
export function isAccusedIn(staff: StaffDoc, doc: PetitionDoc): boolean {
  if (doc.kind !== 'staff_misconduct') return false;
  const accused = (doc.form as { staff?: { name?: string } }).staff?.name;
  return (
    !!accused &&
    staff.procuratorateId === doc.procuratorateId &&
    normaliseName(accused) === normaliseName(staff.name)
  );
}

/**
 * Staff of the petition's procuratorate: registrars and leaders see all of it; a handler sees
 * their own department's petitions and those assigned to them; administrators see none. A
 * petition still `submitted` has only the department routing suggests; it reaches a department's
 * handlers when the registrar registers it there (登记), so handlers do not see it before.
 */
export function staffMaySee(staff: StaffDoc, doc: PetitionDoc): boolean {
  if (!staff.active || staff.procuratorateId !== doc.procuratorateId) return false;
  if (isAccusedIn(staff, doc)) return false;
  if (hasRole(staff, 'registrar', 'leader')) return true;
  if (!hasRole(staff, 'handler') || doc.status === 'submitted') return false;
  const assigned = 'handler' in doc ? doc.handler.staffId === staff._id : false;
  return doc.departmentId === staff.departmentId || assigned;
}

export function staffActor(staff: StaffDoc): Actor {
  return {
    type: 'staff',
    staffId: staff._id,
    procuratorateId: staff.procuratorateId,
    departmentId: staff.departmentId,
    roles: staff.roles,
  };
}

export async function loadForStaff(staff: StaffDoc, id: string): Promise<PetitionDoc> {
  const doc = await loadPetition(id);
  if (!doc || !staffMaySee(staff, doc)) throw notFound('信访事项');
  return doc;
}

export async function loadForPetitioner(openid: string, id: string): Promise<PetitionDoc> {
  const doc = await loadPetition(id);
  if (!doc || doc.petitionerOpenid === null || doc.petitionerOpenid !== openid) {
    throw notFound('信访事项');
  }
  return doc;
}

/**
 * Records that a staff member opened the petitioner's personal data (the staff view or the files),
 * in the petition's audit chain: who and when, and what they saw.
 */
export async function auditStaffView(
  staff: StaffDoc,
  doc: PetitionDoc,
  ctx: { openid: string | null; now: Date },
  what: 'view' | 'files',
): Promise<void> {
  await withRetries(() =>
    db.runTransaction(async (t) => {
      await appendAudit(
        t,
        auditEntry(
          'petition',
          doc._id,
          what === 'view' ? 'view_personal_data' : 'view_files',
          {
            openid: ctx.openid,
            staff,
            now: ctx.now,
          },
          { receiptNumber: doc.receiptNumber },
        ),
      );
    }),
  );
}
