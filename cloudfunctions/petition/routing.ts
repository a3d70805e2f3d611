// Routing by kind (分流) as data each procuratorate's administrator may change: collection
// `routing`, one document per procuratorate (_id = its id) mapping every kind to one of its
// departments. Where a procuratorate has set nothing, or its choice no longer exists, the national
// default of domain/petition/routing.ts applies.
import { routeTo } from '../../domain/petition/routing';
import {
  PETITION_KIND_NAMES,
  PETITION_KINDS,
  type petition,
  type PetitionKind,
  type PetitionRoutingView,
} from '../../typings/petition';
import type { FieldIssue } from '../../typings/errors';
import type { Handler, StaffCtx } from '../_shared/action';
import { appendAudit, auditEntry } from '../_shared/audit';
import { db } from '../_shared/cloud';
import { Failure } from '../_shared/failure';
import { getProcuratorate, type DepartmentDoc } from '../_shared/org';
import { withRetries } from '../_shared/transaction';

type Defs = typeof petition;
const ROUTING = 'routing';

export interface RoutingDoc {
  _id: string;
  procuratorateId: string;
  routes: Partial<Record<PetitionKind, string>>;
  updatedAt: Date;
  updatedBy: string;
}

async function departmentsOfUnit(procuratorateId: string): Promise<DepartmentDoc[]> {
  const res = await db
    .collection<DepartmentDoc>('departments')
    .where({ procuratorateId })
    .limit(100)
    .get();
  return res.data;
}

async function loadRouting(procuratorateId: string): Promise<RoutingDoc | null> {
  return (await db.collection<RoutingDoc>(ROUTING).doc(procuratorateId).get()).data;
}

/** The department a petition of `kind` filed with `procuratorateId` goes to. */
export async function routeFor(
  kind: PetitionKind,
  procuratorateId: string,
): Promise<string | null> {
  const [departments, routing] = await Promise.all([
    departmentsOfUnit(procuratorateId),
    loadRouting(procuratorateId),
  ]);
  const chosen = routing?.routes[kind];
  if (chosen && departments.some((d) => d._id === chosen)) return chosen;
  return routeTo(
    kind,
    procuratorateId,
    departments.map((d) => ({ id: d._id, procuratorateId: d.procuratorateId })),
  );
}

async function view(procuratorateId: string): Promise<PetitionRoutingView> {
  const [unit, departments, routing] = await Promise.all([
    getProcuratorate(procuratorateId),
    departmentsOfUnit(procuratorateId),
    loadRouting(procuratorateId),
  ]);
  const names = new Map(departments.map((d) => [d._id, d.name]));
  const plain = departments.map((d) => ({ id: d._id, procuratorateId: d.procuratorateId }));
  return {
    procuratorateId,
    procuratorateName: unit?.name ?? '',
    routes: PETITION_KINDS.map((kind) => {
      const chosen = routing?.routes[kind];
      const set = !!chosen && names.has(chosen);
      const departmentId = set ? chosen : routeTo(kind, procuratorateId, plain);
      return {
        kind,
        kindName: PETITION_KIND_NAMES[kind],
        departmentId,
        departmentName: departmentId ? (names.get(departmentId) ?? null) : null,
        isDefault: !set,
      };
    }),
    departments: departments
      .map((d) => ({ id: d._id, name: d.name }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    updatedAt: routing ? routing.updatedAt.toISOString() : null,
  };
}

export const routingGet: Handler<Defs['routing.get']> = async ({ ctx }) =>
  view(ctx.staff.procuratorateId);

export const routingSet: Handler<Defs['routing.set']> = async ({ input, ctx }) => {
  const unit = ctx.staff.procuratorateId;
  const own = new Set((await departmentsOfUnit(unit)).map((d) => d._id));
  const issues: FieldIssue[] = PETITION_KINDS.filter((k) => !own.has(input.routes[k])).map((k) => ({
    path: `routes.${k}`,
    message: '所选部门不属于本院，请重新选择',
  }));
  if (issues.length > 0) throw new Failure('BAD_REQUEST', issues[0].message, issues);
  await setRouting(ctx, unit, input.routes);
  return view(unit);
};

async function setRouting(ctx: StaffCtx, unit: string, routes: Record<PetitionKind, string>) {
  await withRetries(() =>
    db.runTransaction(async (t) => {
      const before = (await t.collection<RoutingDoc>(ROUTING).doc(unit).get()).data;
      const data: Omit<RoutingDoc, '_id'> = {
        procuratorateId: unit,
        routes,
        updatedAt: ctx.now,
        updatedBy: ctx.staff._id,
      };
      await t.collection(ROUTING).doc(unit).set({ data });
      await appendAudit(
        t,
        auditEntry(
          'routing',
          unit,
          'set',
          { ...ctx, staff: ctx.staff },
          {
            from: before?.routes ?? null,
            to: routes,
          },
        ),
      );
    }),
  );
}
