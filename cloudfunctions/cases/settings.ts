// The causes (案由) a procuratorate excludes from online file reading, besides the kinds the rules
// exclude (state secrets, juveniles, sensitiveKind): kept by its administrator, one document per
// procuratorate in `disclosure_settings` (`_id` its id), read by booking.ts at booking and at
// confirmation. A save replaces the list, with the version the page showed, and is audited.
import {
  normalCause,
  type cases as casesContract,
  type DisclosureSettingsView,
} from '../../typings/cases';
import type { Handler, Handlers, StaffCtx } from '../_shared/action';
import { appendAudit, auditEntry } from '../_shared/audit';
import { db } from '../_shared/cloud';
import { Failure } from '../_shared/failure';
import { staffNames, unitName } from '../_shared/inbox';
import { withRetries } from '../_shared/transaction';
import { DISCLOSURE_SETTINGS, disclosureSettings, type DisclosureSettingsDoc } from './store';

type Defs = typeof casesContract;

const STALE = '排除案由已被他人修改，请刷新后重新编辑';

async function view(
  ctx: StaffCtx,
  doc: DisclosureSettingsDoc | null,
): Promise<DisclosureSettingsView> {
  const unit = ctx.staff.procuratorateId;
  const by = doc?.updatedBy ?? null;
  const [name, names] = await Promise.all([unitName(unit), staffNames([by])]);
  return {
    procuratorateId: unit,
    procuratorateName: name,
    excludedCauses: doc?.excludedCauses ?? [],
    version: doc?.version ?? 0,
    updatedAt: doc?.updatedAt?.toISOString() ?? null,
    updatedByName: by ? (names.get(by) ?? null) : null,
  };
}

const get: Handler<Defs['disclosure.settings.get']> = async ({ ctx }) => {
  return view(ctx, (await disclosureSettings().doc(ctx.staff.procuratorateId).get()).data);
};

const save: Handler<Defs['disclosure.settings.save']> = async ({ input, ctx }) => {
  const id = ctx.staff.procuratorateId;
  const excludedCauses = input.excludedCauses.map((c) => c.trim());
  const saved = await withRetries(() =>
    db.runTransaction(async (t) => {
      const current = (await t.collection<DisclosureSettingsDoc>(DISCLOSURE_SETTINGS).doc(id).get())
        .data;
      if ((current?.version ?? 0) !== input.version) throw new Failure('CONFLICT', STALE);
      const doc: Omit<DisclosureSettingsDoc, '_id'> = {
        excludedCauses,
        version: input.version + 1,
        updatedAt: ctx.now,
        updatedBy: ctx.staff._id,
      };
      await t.collection(DISCLOSURE_SETTINGS).doc(id).set({ data: doc });
      const before = current?.excludedCauses ?? [];
      const kept = new Set(excludedCauses.map(normalCause));
      const had = new Set(before.map(normalCause));
      await appendAudit(
        t,
        auditEntry('disclosure_settings', id, 'save', ctx, {
          added: excludedCauses.filter((c) => !had.has(normalCause(c))),
          removed: before.filter((c) => !kept.has(normalCause(c))),
        }),
      );
      return { _id: id, ...doc };
    }),
  );
  return view(ctx, saved);
};

export const settingsHandlers: Pick<
  Handlers<Defs>,
  'disclosure.settings.get' | 'disclosure.settings.save'
> = {
  'disclosure.settings.get': get,
  'disclosure.settings.save': save,
};
