// Routing as data: which department handles each kind, and which kinds belong to a legal procedure.
import type { DepartmentView } from '../../typings/org';
import type { PetitionKind } from '../../typings/petition';

/**
 * Department keys. A department's id is `<procuratorate id>-<key>` (database/seed/departments.json
 * uses the same scheme, e.g. `110105-ks`).
 */
export const DEPARTMENTS = {
  ks: '控告申诉检察部',
  ms: '民事检察部',
  xz: '行政检察部',
  gy: '公益诉讼检察部',
  jwdc: '检务督察部',
} as const;
export type DepartmentKey = keyof typeof DEPARTMENTS;

export type RoutingTable = Record<PetitionKind, DepartmentKey>;

/** The default an administrator may override (stored as data, passed to `routeTo`). */
export const DEFAULT_ROUTING: RoutingTable = {
  accusation: 'ks',
  criminal_appeal: 'ks',
  civil_appeal: 'ms',
  administrative_appeal: 'xz',
  state_compensation: 'ks',
  judicial_assistance: 'ks',
  public_interest_clue: 'gy',
  staff_misconduct: 'jwdc',
  other: 'ks',
};

/** 控告申诉检察部 receives whatever has no department of its own at a procuratorate. */
export const FALLBACK_DEPARTMENT: DepartmentKey = 'ks';

export function departmentId(procuratorateId: string, key: DepartmentKey): string {
  return `${procuratorateId}-${key}`;
}

/**
 * The department of a procuratorate that a petition of this kind goes to, by the table; when the
 * procuratorate has no such department (small district procuratorates merge them), the fallback.
 * Null only when it has neither, which is a reference-data error for an administrator.
 */
export function routeTo(
  kind: PetitionKind,
  procuratorateId: string,
  departments: readonly Pick<DepartmentView, 'id' | 'procuratorateId'>[],
  table: RoutingTable = DEFAULT_ROUTING,
): string | null {
  const ids = new Set(
    departments.filter((d) => d.procuratorateId === procuratorateId).map((d) => d.id),
  );
  for (const key of [table[kind], FALLBACK_DEPARTMENT]) {
    const id = departmentId(procuratorateId, key);
    if (ids.has(id)) return id;
  }
  return null;
}

/**
 * 诉访分离: kinds whose matter belongs to a legal procedure rather than ordinary petition handling
 * (信访工作条例 art. 28, 31), with the procedure to route them into. Only a suggestion shown to
 * staff, who decide (an accusation may or may not be a crime report, so it is not listed).
 */
export const LITIGATION_PROCEDURES: Partial<Record<PetitionKind, string>> = {
  criminal_appeal: '刑事申诉程序',
  civil_appeal: '民事诉讼监督程序',
  administrative_appeal: '行政诉讼监督程序',
  state_compensation: '国家赔偿程序',
  judicial_assistance: '国家司法救助程序',
  public_interest_clue: '公益诉讼线索办理程序',
};

export function litigationSuggestion(
  kind: PetitionKind,
  table: Partial<Record<PetitionKind, string>> = LITIGATION_PROCEDURES,
): { litigation: true; procedure: string } | { litigation: false } {
  const procedure = table[kind];
  return procedure ? { litigation: true, procedure } : { litigation: false };
}
