// The one action builder (tRPC's base procedures): parse → caller → roles → handler → envelope.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  ActionDef,
  Audience,
  ParsedInputOf,
  OutputOf,
  StaffRole,
} from '../../typings/contract';
import { STAFF_ROLES } from '../../typings/contract';
import type { ActionResult, FieldIssue } from '../../typings/errors';
import { cloud } from './cloud';
import { Failure } from './failure';
import { findStaffByOpenid, type StaffDoc } from './staff';

export interface BaseCtx {
  now: Date;
  requestId: string;
}
export interface PublicCtx extends BaseCtx {
  openid: string | null;
  staff: StaffDoc | null;
}
export interface UserCtx extends BaseCtx {
  openid: string;
  staff: StaffDoc | null;
}
export interface StaffCtx extends BaseCtx {
  openid: string;
  staff: StaffDoc;
}

type AudienceOf<A> = A extends { audience: readonly (infer R)[] } ? R : never;
/** Staff-only actions get a staff record; `public` ones may have no caller at all. */
export type CtxFor<A> = [AudienceOf<A>] extends [StaffRole]
  ? StaffCtx
  : 'public' extends AudienceOf<A>
    ? PublicCtx
    : UserCtx;

export type Handler<A> = (args: {
  input: ParsedInputOf<A>;
  ctx: CtxFor<A>;
}) => Promise<OutputOf<A>>;

type Defs = Record<string, ActionDef>;
export type Handlers<D extends Defs> = { [K in keyof D]: Handler<D[K]> };

const GENERIC_INTERNAL = '系统繁忙，请稍后再试';

/** zod issues as field paths with Chinese messages; English defaults never reach a citizen. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const base = issue.path.join('.');
      return {
        path: [base, issue.keys[0]].filter(Boolean).join('.'),
        message: `不支持的字段：${issue.keys.join('、')}`,
      };
    }
    const path = issue.path.join('.');
    const chinese = /[\u4e00-\u9fff]/.test(issue.message);
    return {
      path,
      message: chinese ? issue.message : path ? `${path}格式不正确` : '请求格式不正确',
    };
  });
}

function allowed(audience: readonly Audience[], openid: string | null, staff: StaffDoc | null) {
  if (audience.includes('public')) return true;
  if (audience.includes('user') && openid) return true;
  return !!staff && staff.roles.some((r) => audience.includes(r));
}

function isStaffOnly(audience: readonly Audience[]) {
  return audience.every((a) => (STAFF_ROLES as readonly string[]).includes(a));
}

/**
 * Builds a cloud function's `main` from its contract and handlers. Every event is
 * `{ action, input }`; the answer is always the envelope, never a thrown error.
 */
export function defineFunction<D extends Defs>(fnName: string, defs: D, handlers: Handlers<D>) {
  return async function main(event: unknown): Promise<ActionResult<unknown>> {
    const requestId = randomUUID();
    try {
      const ev = (typeof event === 'object' && event !== null ? event : {}) as {
        action?: unknown;
        input?: unknown;
      };
      const name = typeof ev.action === 'string' ? ev.action : '';
      if (!Object.prototype.hasOwnProperty.call(defs, name)) {
        return fail('BAD_REQUEST', `未知的操作：${name || '（未指定）'}`, [
          { path: 'action', message: '未知的操作' },
        ]);
      }
      const def = defs[name];
      const parsed = def.input.safeParse(ev.input ?? {});
      if (!parsed.success) {
        const issues = toFieldIssues(parsed.error);
        return fail('BAD_REQUEST', issues[0]?.message ?? '请求格式不正确', issues);
      }

      const { OPENID } = cloud.getWXContext();
      const openid = typeof OPENID === 'string' && OPENID ? OPENID : null;
      const staff = openid ? await findStaffByOpenid(openid) : null;
      if (!openid && !def.audience.includes('public')) {
        return fail('UNAUTHENTICATED', '请在微信中打开小程序后再试');
      }
      if (!allowed(def.audience, openid, staff)) {
        return fail(
          'FORBIDDEN',
          isStaffOnly(def.audience) ? '仅限检察院工作人员使用' : '无权进行此操作',
        );
      }

      const ctx = { now: new Date(), requestId, openid, staff };
      const handler = handlers[name] as unknown as (args: {
        input: unknown;
        ctx: typeof ctx;
      }) => Promise<unknown>;
      const data = await handler({ input: parsed.data, ctx });
      return { ok: true, data };
    } catch (e) {
      if (e instanceof Failure) return fail(e.code, e.message, e.issues);
      console.error(`[${fnName}] request ${requestId} failed:`, e);
      return { ok: false, error: { code: 'INTERNAL', message: GENERIC_INTERNAL, requestId } };
    }
  };
}

function fail(code: Failure['code'], message: string, issues?: FieldIssue[]): ActionResult<never> {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}
