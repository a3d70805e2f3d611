// Following one's petitions: "my petitions" and the detail with its timeline (petitioner only).
import type { petition } from '../../typings/petition';
import type { Handler } from '../_shared/action';
import { notFound } from '../_shared/failure';
import { ownPage } from '../_shared/inbox';
import { getProcuratorate } from '../_shared/org';
import { auditStaffView, staffMaySee } from './access';
import { loadCalendar } from './due';
import { claimOffline } from './offline';
import { viewFor } from './handling';
import { loadPetition, PETITIONS, type PetitionDoc } from './store';
import { listItem, petitionerView } from './views';

type Defs = typeof petition;

export const mine: Handler<Defs['mine']> = async ({ input, ctx }) => {
  // Petitions staff registered from a letter, call or visit join the list once the profile proves
  // to be their petitioner's.
  if (input.page === 1) await claimOffline(ctx.openid, ctx.now);
  return ownPage({
    collection: PETITIONS,
    where: { petitionerOpenid: ctx.openid },
    order: 'submittedAt',
    input,
    item: (d: PetitionDoc, unit: string) => listItem(d, unit),
  });
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
