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

/** Case management (案件管理部) keeps cases and reviews bindings (typings/cases.ts staff audience). */
export function managesCases(staff: StaffView | null): boolean {
  return !!staff && staff.roles.includes('case_manager');
}

/** Those who handle suggestions (`suggestion.inbox` audience in typings/supervision.ts). */
export function maySeeSuggestionInbox(staff: StaffView | null): boolean {
  return !!staff && staff.roles.some((r) => r === 'registrar' || r === 'handler' || r === 'leader');
}

/**
 * The petition roles and administrators: the audience of `calendar.get` (typings/calendar.ts) and
 * of `interests.get` (typings/account.ts) alike; case management has neither.
 */
export function maySeeCalendarAndInterests(staff: StaffView | null): boolean {
  return (
    !!staff &&
    staff.roles.some((r) => r === 'registrar' || r === 'handler' || r === 'leader' || r === 'admin')
  );
}

/** Where 工作人员入口 leads: the suggestion inbox, or the cases for case management only. */
export function staffHome(staff: StaffView | null): string {
  return managesCases(staff) && !maySeeSuggestionInbox(staff)
    ? '/casework/cases/index'
    : '/staff/suggestion-inbox/index';
}

/** Only administrators change it (`routing.set` audience in typings/petition.ts). */
export function maySetRouting(staff: StaffView | null): boolean {
  return !!staff && staff.roles.includes('admin');
}
