// Following one's petitions: "my petitions" and the detail with its timeline (petitioner only).
import type { Page } from '../../typings/fields';
import type { PetitionListItem, petition } from '../../typings/petition';
import type { Handler } from '../_shared/action';
import { notFound } from '../_shared/failure';
import { getProcuratorate } from '../_shared/org';
import { auditStaffView, staffMaySee } from './access';
import { loadCalendar } from './due';
import { claimOffline } from './offline';
import { viewFor } from './handling';
import { loadPetition, petitions } from './store';
import { listItem, petitionerView } from './views';

type Defs = typeof petition;

async function unitNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const names = await Promise.all(unique.map(async (id) => (await getProcuratorate(id))?.name));
  return new Map(unique.map((id, i) => [id, names[i] ?? '']));
}

export const mine: Handler<Defs['mine']> = async ({ input, ctx }) => {
  // Petitions staff registered from a letter, call or visit join the list once the profile proves
  // to be their petitioner's.
  if (input.page === 1) await claimOffline(ctx.openid, ctx.now);
  const where = petitions().where({ petitionerOpenid: ctx.openid });
  const [list, count] = await Promise.all([
    where
      .orderBy('submittedAt', 'desc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
    where.count(),
  ]);
  const names = await unitNames(list.data.map((d) => d.procuratorateId));
  const page: Page<PetitionListItem> = {
    items: list.data.map((d) => listItem(d, names.get(d.procuratorateId) ?? '')),
    total: count.total,
    page: input.page,
    pageSize: input.pageSize,
  };
  return page;
};

/**
 * The petitioner gets their view; staff who may see it (access.ts) the staff view; anyone else
 * learns nothing, not even that it exists.
 */
export const get: Handler<Defs['get']> = async ({ input, ctx }) => {
  const doc = await loadPetition(input.id);
  if (doc && doc.petitionerOpenid !== null && doc.petitionerOpenid === ctx.openid) {
    const unit = (await getProcuratorate(doc.procuratorateId))?.name ?? '';
    return petitionerView(doc, unit, ctx.openid, ctx.now, await loadCalendar());
  }
  if (!doc || !ctx.staff || !staffMaySee(ctx.staff, doc)) throw notFound('信访事项');
  await auditStaffView(ctx.staff, doc, ctx, 'view');
  return viewFor(ctx.staff, doc, ctx.now);
};
