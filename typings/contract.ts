// How an action is declared: its input schema, output type, who may call it and what it may answer.
import type { z } from 'zod';
import type { ErrorCode } from './errors';

export const STAFF_ROLES = ['registrar', 'handler', 'leader', 'admin', 'case_manager'] as const;
/**
 * 登记 registrar, 承办 handler, 审批 leader, 管理员 administrator — of petitions, procuratorate-wide;
 * 案件管理 case_manager: the case-management department's staff (cases, bindings, appointments,
 * publishing), who see no petitions.
 */
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_ROLE_NAMES: Record<StaffRole, string> = {
  registrar: '登记员',
  handler: '承办人',
  leader: '审批领导',
  admin: '管理员',
  case_manager: '案件管理',
};

/**
 * Who may call an action: `public` needs no identity at all; `user` is anyone the mini program
 * identifies (an OPENID); a staff role is checked against the staff register, never the client.
 */
export type Audience = 'public' | 'user' | StaffRole;

export interface ActionDef<I extends z.ZodType = z.ZodType, O = unknown> {
  summary: string;
  input: I;
  /** Phantom: only its type is used. */
  output: O;
  audience: readonly Audience[];
  errors: readonly ErrorCode[];
}

/** Declares the output type of an action without a runtime value (as ts-rest's `c.type<T>()`). */
export function output<T>(): T {
  return undefined as unknown as T;
}

/** Keeps the literal audience, so handlers of staff-only actions are typed with a staff record. */
export function action<I extends z.ZodType, O, const R extends readonly Audience[]>(
  def: ActionDef<I, O> & { audience: R },
): ActionDef<I, O> & { audience: R } {
  return def;
}

export type InputOf<A> = A extends ActionDef<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<A> = A extends ActionDef<infer I, unknown> ? z.output<I> : never;
export type OutputOf<A> = A extends ActionDef<z.ZodType, infer O> ? O : never;
