// Procuratorates arranged for a two-column picker.
import type { ProcuratorateView } from '../../typings/org';

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
