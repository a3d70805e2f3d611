// The petitioner's events after submit: withdraw, supply materials, rate, ask for review (复查).
import type { petition, PetitionView } from '../../typings/petition';
import type { Handler, UserCtx } from '../_shared/action';
import { Failure } from '../_shared/failure';
import { vetFiles } from '../_shared/files';
import { getProcuratorate } from '../_shared/org';
import type { PetitionEvent } from '../../domain/petition/machine';
import { loadForPetitioner } from './access';
import { petitionIdFor } from './file';
import { loadCalendar } from './due';
import { applyEvent, type StepOptions } from './step';
import type { PetitionDoc } from './store';
import { petitionerView } from './views';
import { routeFor } from './routing';

type Defs = typeof petition;

async function act(
  ctx: UserCtx,
  id: string,
  event: (doc: PetitionDoc) => PetitionEvent,
  options: (doc: PetitionDoc) => Promise<StepOptions> | StepOptions = () => ({}),
): Promise<PetitionView> {
  const doc = await loadForPetitioner(ctx.openid, id);
  const after = await applyEvent(ctx, doc, event(doc), await options(doc));
  const unit = (await getProcuratorate(after.procuratorateId))?.name ?? '';
  return petitionerView(after, unit, ctx.openid, ctx.now, await loadCalendar());
}

export const withdraw: Handler<Defs['withdraw']> = async ({ input, ctx }) =>
  act(ctx, input.id, () => ({
    type: 'WITHDRAW',
    by: { type: 'citizen', openid: ctx.openid },
    ...(input.reason ? { reason: input.reason } : {}),
  }));

export const supplyMaterials: Handler<Defs['supplyMaterials']> = async ({ input, ctx }) =>
  act(
    ctx,
    input.id,
    () => ({
      type: 'SUPPLY_MATERIALS',
      by: { type: 'citizen', openid: ctx.openid },
      attachments: input.attachments,
      ...(input.note ? { note: input.note } : {}),
    }),
    () => ({ vet: () => vetFiles(input.attachments, 'attachments', ctx.openid) }),
  );

export const requestRecusal: Handler<Defs['requestRecusal']> = async ({ input, ctx }) =>
  act(ctx, input.id, () => ({
    type: 'REQUEST_RECUSAL',
    by: { type: 'citizen', openid: ctx.openid },
    reason: input.reason,
  }));

export const rate: Handler<Defs['rate']> = async ({ input, ctx }) =>
  act(ctx, input.id, () => ({
    type: 'RATE',
    by: { type: 'citizen', openid: ctx.openid },
    satisfaction: input.satisfaction,
    ...(input.comment ? { comment: input.comment } : {}),
  }));

/**
 * 复查: a linked petition filed with the procuratorate one level up (its `parentId`), with its own
 * receipt number there, in the same transaction as the original records the request.
 */
export const requestReview: Handler<Defs['requestReview']> = async ({ input, ctx }) =>
  act(
    ctx,
    input.id,
    (doc) => ({
      type: 'REQUEST_REVIEW',
      by: { type: 'citizen', openid: ctx.openid },
      reason: input.reason,
      reviewPetitionId: petitionIdFor(doc._id, 'review'),
    }),
    async (doc) => {
      const here = await getProcuratorate(doc.procuratorateId);
      const parent = here?.parentId ? await getProcuratorate(here.parentId) : null;
      if (!parent) {
        throw new Failure('PRECONDITION_FAILED', '该检察院没有上一级检察院，不能申请复查');
      }
      return {
        filing: {
          id: petitionIdFor(doc._id, 'review'),
          procuratorate: parent,
          departmentId: await routeFor(doc.kind, parent._id),
          kind: doc.kind,
          channel: 'online',
          petitionerOpenid: ctx.openid,
          attachments: doc.attachments,
          by: { type: 'citizen', openid: ctx.openid },
          form: { ...doc.form, procuratorateId: parent._id },
          petitioner: doc.petitioner,
          contentFlag: doc.contentFlag,
          linkedFrom: {
            type: 'review',
            petitionId: doc._id,
            receiptNumber: doc.receiptNumber,
            procuratorateId: doc.procuratorateId,
            reason: input.reason,
          },
          notifyReceived: true,
        },
      };
    },
  );
