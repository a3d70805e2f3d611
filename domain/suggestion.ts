// The suggestion box's rules: a suggestion is answered once; the query code is what a holder shows.
import type { SuggestionStatus } from '../typings/supervision';

/** Letters and digits that cannot be misread for each other (no 0/O, 1/I). */
export const QUERY_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const QUERY_CODE_LENGTH = 10;

/** Turns random bytes (at least QUERY_CODE_LENGTH of them) into a query code. */
export function queryCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < QUERY_CODE_LENGTH) throw new Error('not enough random bytes');
  let code = '';
  for (let i = 0; i < QUERY_CODE_LENGTH; i++) code += QUERY_CODE_ALPHABET[bytes[i] % 32];
  return code;
}

export type ReplyDecision =
  | { ok: true; status: SuggestionStatus }
  | { ok: false; code: 'PRECONDITION_FAILED'; message: string };

export function decideReply(current: SuggestionStatus): ReplyDecision {
  if (current !== 'pending') {
    return { ok: false, code: 'PRECONDITION_FAILED', message: '该意见建议已回复，不能重复回复' };
  }
  return { ok: true, status: 'replied' };
}

/** The first characters of a text, for lists. */
export function excerpt(text: string, max = 40): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : chars.slice(0, max).join('') + '…';
}
