// Shared bits of the emulated WeChat open APIs.

import { withRid } from './ids';

/** WeChat's JSON answer: `errcode` 0 on success. */
export type WechatJson = { errcode: number; errmsg: string } & Record<string, unknown>;

export const ok = (extra: Record<string, unknown> = {}): WechatJson => ({
  errcode: 0,
  errmsg: 'ok',
  ...extra,
});

/** A WeChat error answer; errmsg carries a request id as WeChat's do. */
export const fail = (errcode: number, errmsg: string, now: Date): WechatJson => ({
  errcode,
  errmsg: withRid(errmsg, now),
});

/**
 * Default check of an openid's shape. Real openids are 28 characters starting with `o`
 * (`oz-Ls6wmxaADf0fECrS_D7Pg7rX0`); devcloud also accepts shorter demo ids of the same alphabet
 * (`o` + 5–63 of `[A-Za-z0-9_-]`) so seed identities stay readable.
 */
export const DEFAULT_OPENID_PATTERN = /^o[A-Za-z0-9_-]{5,63}$/;
