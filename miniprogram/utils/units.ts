// Procuratorates arranged for a two-column picker, and the picker's handling on a form page
// (loaded, placed on a restored choice, its columns moved, a unit chosen).
import type { ProcuratorateView } from '../../typings/org';
import { call } from './api';

/** A first-column entry of the picker: a provincial unit (or the Supreme) and the units under it. */
export interface UnitGroup {
  name: string;
  units: { id: string; name: string }[];
}

const byCode = (a: ProcuratorateView, b: ProcuratorateView) => a.code.localeCompare(b.code);

/**
 * Two picker columns: the Supreme and the provincial procuratorates, then the chosen one's own unit
 * followed by every unit under it (cities, then their districts), so nobody scrolls a national list.
 */
export function groupUnits(list: ProcuratorateView[]): UnitGroup[] {
  const children = new Map<string, ProcuratorateView[]>();
  for (const p of list) {
    if (!p.parentId) continue;
    const siblings = children.get(p.parentId) ?? [];
    siblings.push(p);
    children.set(p.parentId, siblings);
  }
  const below = (id: string): { id: string; name: string }[] =>
    (children.get(id) ?? [])
      .filter((c) => c.level !== 'provincial')
      .sort(byCode)
      .flatMap((c) => [{ id: c.id, name: c.name }, ...below(c.id)]);
  return list
    .filter((p) => p.level === 'supreme' || p.level === 'provincial')
    .sort(byCode)
    .map((top) => ({ name: top.name, units: [{ id: top.id, name: top.name }, ...below(top.id)] }));
}

/** The picker's two columns when the first shows group `first`. */
export function columnsFor(groups: UnitGroup[], first: number): string[][] {
  return [groups.map((g) => g.name), (groups[first]?.units ?? []).map((u) => u.name)];
}

/** The picker's state after a `columnchange`; null when a later column moved (nothing to redo). */
export function unitColumnMoved(
  groups: UnitGroup[],
  detail: { column: number; value: number | string },
): { unitColumns: string[][]; unitIndex: number[] } | null {
  if (detail.column !== 0) return null;
  const first = Number(detail.value);
  return { unitColumns: columnsFor(groups, first), unitIndex: [first, 0] };
}

/** The unit a two-column picker's `change` chose, with the picker state that shows it. */
export function unitChosen(
  groups: UnitGroup[],
  value: unknown,
): {
  unit: { id: string; name: string };
  picker: { unitIndex: number[]; unitColumns: string[][] };
} | null {
  const [i, j] = (value as (number | string)[]).map(Number);
  const unit = groups[i]?.units[j];
  if (!unit) return null;
  return { unit, picker: { unitIndex: [i, j], unitColumns: columnsFor(groups, i) } };
}

/** The picker's position (and second column) opened on the unit `id`, else on the first unit. */
export function unitPlaced(
  groups: UnitGroup[],
  id: string,
): { unitIndex: number[]; unitColumns: string[][] } {
  let index = [0, 0];
  groups.forEach((g, i) => {
    const j = g.units.findIndex((u) => u.id === id);
    if (j >= 0) index = [i, j];
  });
  return { unitIndex: index, unitColumns: columnsFor(groups, index[0]) };
}

/** A page with the two-column procuratorate picker in its data. */
export interface UnitPickerHost {
  data: { unitGroups: UnitGroup[]; procuratorateId: string };
  setData(patch: Record<string, unknown>): void;
}

/** Opens the picker on the unit chosen before (a restored draft). */
export function placeUnit(host: UnitPickerHost): void {
  host.setData(unitPlaced(host.data.unitGroups, host.data.procuratorateId));
}

/** Reads the procuratorates into the picker (`unitsState` says how far it got) and places it. */
export async function loadUnits(host: UnitPickerHost): Promise<void> {
  host.setData({ unitsState: 'loading' });
  const res = await call('account', 'procuratorates', {});
  if (!res.ok) {
    host.setData({ unitsState: 'error' });
    return;
  }
  host.setData({ unitGroups: groupUnits(res.data.procuratorates), unitsState: 'ready' });
  placeUnit(host);
}

/** The picker's `columnchange`: the second column follows the first. */
export function moveUnitColumn(
  host: UnitPickerHost,
  detail: { column: number; value: number | string },
): void {
  const moved = unitColumnMoved(host.data.unitGroups, detail);
  if (moved) host.setData(moved);
}

/**
 * The picker's `change`: the unit chosen becomes `procuratorateId` and `procuratorateName`, set
 * with `patch` in one go. Answers false when the value names no unit (nothing is set).
 */
export function chooseUnit(
  host: UnitPickerHost,
  value: unknown,
  patch: Record<string, unknown> = {},
): boolean {
  const chosen = unitChosen(host.data.unitGroups, value);
  if (!chosen) return false;
  host.setData({
    procuratorateId: chosen.unit.id,
    procuratorateName: chosen.unit.name,
    ...chosen.picker,
    ...patch,
  });
  return true;
}

/** A form page with the picker, a draft and errors under its fields. */
interface UnitFormHost extends UnitPickerHost {
  saveDraft(): void;
  clearError(key: string): void;
}

/**
 * The picker's methods on a form page that keeps a draft, for its `methods`: `onRetryUnits`,
 * `onUnitColumnChange`, and `onUnitChange` (the unit chosen clears its error and is kept).
 */
export function unitPickerMethods() {
  return {
    onRetryUnits(this: UnitFormHost): void {
      void loadUnits(this);
    },
    onUnitColumnChange(this: UnitFormHost, e: WechatMiniprogram.PickerColumnChange): void {
      moveUnitColumn(this, e.detail);
    },
    onUnitChange(this: UnitFormHost, e: WechatMiniprogram.PickerChange): void {
      if (!chooseUnit(this, e.detail.value)) return;
      this.clearError('procuratorateId');
      this.saveDraft();
    },
  };
}
