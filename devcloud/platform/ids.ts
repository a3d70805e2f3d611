// Identifiers in the formats WeChat uses.

import { randomBytes } from 'node:crypto';

const hex8 = (): string => randomBytes(4).toString('hex');

/**
 * WeChat's request id as it appears in errmsg (`… rid: 64e41852-5c2e1227-2885cbfa`) and as
 * msgSecCheck's `trace_id` (`62987eb8-18ca076c-37fc373b`): the first part is the unix time in hex.
 */
export function wechatRequestId(now: Date): string {
  const seconds = Math.floor(now.getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  return `${seconds}-${hex8()}-${hex8()}`;
}

/** A WeChat errmsg with its request id, as WeChat writes it. */
export function withRid(errmsg: string, now: Date): string {
  return `${errmsg} rid: ${wechatRequestId(now)}`;
}

/** A random opaque token (hex). */
export function token(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}
