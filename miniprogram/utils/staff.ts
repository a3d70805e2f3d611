// Staff role names as pages show them. MIRRORS STAFF_ROLE_NAMES in typings/contract.ts (pages may only
// `import type` from typings/); tests/miniprogram/mirror.test.ts fails when they drift apart.
import type { StaffRole } from '../../typings/contract';
import type { StaffView } from '../../typings/account';

export const STAFF_ROLE_NAMES: Record<StaffRole, string> = {
  registrar: '登记员',
  handler: '承办人',
  leader: '审批领导',
  admin: '管理员',
  case_manager: '案件管理',
};

/** `北京市朝阳区人民检察院 · 承办人`, how a staff member's identity is shown. */
export function staffIdentityText(staff: StaffView): string {
  const roles = staff.roles.map((r) => STAFF_ROLE_NAMES[r]).join('、');
  return roles ? `${staff.procuratorateName} · ${roles}` : staff.procuratorateName;
}

/** Only handlers and leaders may reply (typings/supervision.ts, `suggestion.reply` audience). */
export function mayReply(staff: StaffView | null): boolean {
  return !!staff && staff.roles.some((r) => r === 'handler' || r === 'leader');
}

/** Registrars, leaders and administrators see the routing by kind (`routing.get` audience). */
export function maySeeRouting(staff: StaffView | null): boolean {
  return !!staff && staff.roles.some((r) => r === 'registrar' || r === 'leader' || r === 'admin');
}

/** Only administrators change it (`routing.set` audience in typings/petition.ts). */
export function maySetRouting(staff: StaffView | null): boolean {
  return !!staff && staff.roles.includes('admin');
}
