// Staff interests (利益申报) and the recusal rule (回避): a staff member may not handle a matter
// whose petitioner or accused is a declared relative or associate, or an organisation they
// declared, nor one accusing themself. The ID number is kept only as its keyed hash and a mask.
import { db } from './cloud';
import type { StaffDoc } from './staff';
import type { InterestRelation } from '../../typings/account';

export const STAFF_INTERESTS = 'staff_interests';

export interface DeclaredRelative {
  name: string;
  relation: InterestRelation;
  /** HMAC of the ID number (crypto.ts `idNumberHash`), null when not declared. */
  idHash: string | null;
  idNumberMasked: string | null;
}

/** One per staff member (document id = staff id). */
export interface StaffInterestsDoc {
  _id: string;
  procuratorateId: string;
  relatives: DeclaredRelative[];
  organisations: string[];
  updatedAt: Date;
}

/** The people and organisations a matter names, as the recusal rule compares them. */
export interface MatterParties {
  petitioner: { name: string; idHash: string | null };
  /** The person filed for (代为信访), the accused, the responsible party, the victim … */
  others: string[];
}

/** Names compared as people write them: full-width forms, spaces and middle dots (·) ignored. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').replace(/[\s·•・.]/g, '');
}

export async function loadInterests(staffIds: string[]): Promise<Map<string, StaffInterestsDoc>> {
  const map = new Map<string, StaffInterestsDoc>();
  for (const id of staffIds) {
    const doc = (await db.collection<StaffInterestsDoc>(STAFF_INTERESTS).doc(id).get()).data;
    if (doc) map.set(id, doc);
  }
  return map;
}

/**
 * Why `staff` may not handle the matter, or null. ID numbers decide when both sides have one;
 * otherwise names decide, erring towards recusal (a namesake is asked about, never missed).
 * Organisations match when either name contains the other.
 */
export function conflictOf(
  staff: Pick<StaffDoc, 'name'>,
  interests: StaffInterestsDoc | undefined,
  parties: MatterParties,
  accusedStaffName: string | null,
): string | null {
  if (accusedStaffName && normaliseName(accusedStaffName) === normaliseName(staff.name)) {
    return `${staff.name}是被举报的检察人员，应当回避`;
  }
  if (!interests) return null;
  const petitioner = normaliseName(parties.petitioner.name);
  for (const r of interests.relatives) {
    const samePerson =
      r.idHash && parties.petitioner.idHash
        ? r.idHash === parties.petitioner.idHash
        : normaliseName(r.name) === petitioner;
    if (samePerson)
      return `信访人${parties.petitioner.name}是${staff.name}申报的利害关系人，应当回避`;
  }
  const others = parties.others.map((o) => ({ raw: o, n: normaliseName(o) })).filter((o) => o.n);
  for (const r of interests.relatives) {
    const hit = others.find((o) => o.n === normaliseName(r.name));
    if (hit) return `${hit.raw}是${staff.name}申报的利害关系人，应当回避`;
  }
  for (const org of interests.organisations) {
    const n = normaliseName(org);
    const hit = others.find((o) => o.n.length >= 2 && (o.n.includes(n) || n.includes(o.n)));
    if (hit) return `${hit.raw}与${staff.name}申报的利害关系单位“${org}”有关，应当回避`;
  }
  return null;
}
