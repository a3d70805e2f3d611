// The staff register: who is staff comes from OPENID looked up here, never from the client.
import type { StaffRole } from '../../typings/contract';
import { db } from './cloud';

export interface StaffDoc {
  _id: string;
  openid: string;
  name: string;
  procuratorateId: string;
  departmentId: string;
  roles: StaffRole[];
  active: boolean;
}

export async function findStaffByOpenid(openid: string): Promise<StaffDoc | null> {
  const res = await db.collection<StaffDoc>('staff').where({ openid, active: true }).limit(1).get();
  return res.data[0] ?? null;
}

export function hasRole(staff: StaffDoc, ...roles: StaffRole[]) {
  return staff.roles.some((r) => roles.includes(r));
}

/** Active staff matching `where` (e.g. the leaders of a procuratorate: `{ procuratorateId, roles: 'leader' }`). */
export async function activeStaff(where: Record<string, unknown>): Promise<StaffDoc[]> {
  const res = await db
    .collection<StaffDoc>('staff')
    .where({ ...where, active: true })
    .limit(100)
    .get();
  return res.data;
}
