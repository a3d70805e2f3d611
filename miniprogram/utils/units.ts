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
