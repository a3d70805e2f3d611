// Reference data shared by every service: procuratorates and their departments.

export type ProcuratorateLevel = 'supreme' | 'provincial' | 'city' | 'district';

export interface ProcuratorateView {
  id: string;
  /** Unit code (单位代码), the 6 digits that also appear in case numbers. */
  code: string;
  name: string;
  shortName: string;
  level: ProcuratorateLevel;
  parentId: string | null;
}

export interface DepartmentView {
  id: string;
  procuratorateId: string;
  name: string;
}
