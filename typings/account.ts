// The account function: who the caller is, and the directory of procuratorates.
import { z } from 'zod';
import { action, output, type StaffRole } from './contract';
import type { DepartmentView, ProcuratorateView } from './org';

export interface StaffView {
  id: string;
  name: string;
  procuratorateId: string;
  procuratorateName: string;
  departmentId: string;
  departmentName: string;
  roles: StaffRole[];
}

export interface WhoAmI {
  /** Present for every caller the mini program identifies. */
  openid: string | null;
  staff: StaffView | null;
}

export const account = {
  whoami: action({
    summary: 'The caller as the functions see them: identified or not, and their staff record',
    input: z.object({}).strict(),
    output: output<WhoAmI>(),
    audience: ['public'],
    errors: [],
  }),
  procuratorates: action({
    summary: 'Every procuratorate with its departments, for pickers and the directory',
    input: z.object({}).strict(),
    output: output<{ procuratorates: ProcuratorateView[]; departments: DepartmentView[] }>(),
    audience: ['public'],
    errors: [],
  }),
} as const;
