// account: who the caller is, the directory of procuratorates, and the caller's real-name profile.
import { contract } from '../../typings';
import type { WhoAmI } from '../../typings/account';
import { defineFunction } from '../_shared/action';
import { uploadKey } from '../_shared/files';
import {
  getDepartment,
  getProcuratorate,
  procuratorateView,
  readAll,
  type DepartmentDoc,
  type ProcuratorateDoc,
} from '../_shared/org';
import { interestsHandlers } from './interests';
import { profileHandlers } from './profile';

export const main = defineFunction('account', contract.account, {
  async whoami({ ctx }): Promise<WhoAmI> {
    const key = ctx.openid ? uploadKey(ctx.openid) : null;
    if (!ctx.staff) return { openid: ctx.openid, uploadKey: key, staff: null };
    const [p, d] = await Promise.all([
      getProcuratorate(ctx.staff.procuratorateId),
      getDepartment(ctx.staff.departmentId),
    ]);
    return {
      openid: ctx.openid,
      uploadKey: key,
      staff: {
        id: ctx.staff._id,
        name: ctx.staff.name,
        procuratorateId: ctx.staff.procuratorateId,
        procuratorateName: p?.name ?? '',
        departmentId: ctx.staff.departmentId,
        departmentName: d?.name ?? '',
        roles: ctx.staff.roles,
      },
    };
  },

  async procuratorates() {
    const [ps, ds] = await Promise.all([
      readAll<ProcuratorateDoc>('procuratorates', 'code'),
      readAll<DepartmentDoc>('departments', 'procuratorateId'),
    ]);
    return {
      procuratorates: ps.map(procuratorateView),
      departments: ds.map((d) => ({ id: d._id, procuratorateId: d.procuratorateId, name: d.name })),
    };
  },

  ...profileHandlers,
  ...interestsHandlers,
});
