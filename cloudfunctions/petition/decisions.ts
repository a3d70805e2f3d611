// Requests a leader decides: the handler's extension of the handling period (条例 art. 34: once,
// at most 30 days, the reason told to the petitioner) and the petitioner's recusal request (回避:
// granted with a new handler, checked against declared interests like any assignment).
import type { petition } from '../../typings/petition';
import type { Handler } from '../_shared/action';
import { staffActor } from './access';
import { act, vetHandler } from './handling';
import { mayAttempt } from './step';

type Defs = typeof petition;

export const requestExtension: Handler<Defs['requestExtension']> = async ({ input, ctx }) =>
  act(ctx, input, () => {
    mayAttempt(ctx.staff, 'REQUEST_EXTENSION');
    return {
      type: 'REQUEST_EXTENSION',
      by: staffActor(ctx.staff),
      days: input.days,
      reason: input.reason,
    };
  });

export const decideExtension: Handler<Defs['decideExtension']> = async ({ input, ctx }) =>
  act(ctx, input, () => {
    mayAttempt(ctx.staff, 'DECIDE_EXTENSION');
    return {
      type: 'DECIDE_EXTENSION',
      by: staffActor(ctx.staff),
      grant: input.grant,
      ...(input.note ? { note: input.note } : {}),
    };
  });

export const decideRecusal: Handler<Defs['decideRecusal']> = async ({ input, ctx }) =>
  act(ctx, input, async (doc) => {
    mayAttempt(ctx.staff, 'DECIDE_RECUSAL');
    const handler = input.grant && input.staffId ? await vetHandler(doc, input.staffId) : undefined;
    return {
      type: 'DECIDE_RECUSAL',
      by: staffActor(ctx.staff),
      grant: input.grant,
      ...(handler ? { handler } : {}),
      ...(input.note ? { note: input.note } : {}),
    };
  });
