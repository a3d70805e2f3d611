// Procuratorates and departments: reference data read by every function.
import type { DepartmentView, ProcuratorateView } from '../../typings/org';
import { db } from './cloud';

export interface ProcuratorateDoc extends Omit<ProcuratorateView, 'id'> {
  _id: string;
}
export interface DepartmentDoc extends Omit<DepartmentView, 'id'> {
  _id: string;
}

export async function getProcuratorate(id: string): Promise<ProcuratorateDoc | null> {
  return (await db.collection<ProcuratorateDoc>('procuratorates').doc(id).get()).data;
}

export async function getDepartment(id: string): Promise<DepartmentDoc | null> {
  return (await db.collection<DepartmentDoc>('departments').doc(id).get()).data;
}

/** Reads a whole reference collection in pages of 100 (a server get() returns at most 100). */
export async function readAll<T>(collection: string, orderBy: string): Promise<T[]> {
  const all: T[] = [];
  for (let skip = 0; ; skip += 100) {
    const res = await db
      .collection<T>(collection)
      .orderBy(orderBy, 'asc')
      .skip(skip)
      .limit(100)
      .get();
    all.push(...res.data);
    if (res.data.length < 100) return all;
  }
}

export function procuratorateView(d: ProcuratorateDoc): ProcuratorateView {
  return {
    id: d._id,
    code: d.code,
    name: d.name,
    shortName: d.shortName,
    level: d.level,
    parentId: d.parentId,
  };
}
