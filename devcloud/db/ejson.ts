// The codec between the SDK's wire format (EJSON strings, canonical), the stored documents
// (relaxed EJSON text, so Dates survive and numbers stay plain JSON) and the JavaScript values
// mingo works on (RegExp instead of BSONRegExp, Date for `db.serverDate()`).
import { BSONRegExp, EJSON } from 'bson';
import { invalidParam } from './errors';

export type Doc = Record<string, unknown>;

/**
 * A plain object (what EJSON.parse produces for documents), not a BSON value class. Compared by
 * shape, not by identity with this realm's Object.prototype: requests that crossed a worker's
 * message port were built in another realm (under jest, the test's VM context differs from the
 * one MessagePort deserializes into).
 */
export function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** JS RegExp flags for MongoDB regex options ('x' and 'l' have no JS equivalent). */
function toRegExp(re: BSONRegExp): RegExp {
  const flags = [...new Set(re.options.split(''))].filter((f) => 'imsu'.includes(f)).join('');
  try {
    return new RegExp(re.pattern, flags);
  } catch (e) {
    throw invalidParam(`invalid regular expression /${re.pattern}/: ${(e as Error).message}`);
  }
}

/**
 * Converts parsed EJSON into mingo-ready values: BSONRegExp → RegExp and, when `now` is given,
 * `{ $tcb_server_date: { offset } }` (what `db.serverDate({ offset })` serializes to) → a Date of
 * now + offset milliseconds.
 */
export function revive(value: unknown, now?: Date): unknown {
  if (value instanceof BSONRegExp) return toRegExp(value);
  if (Array.isArray(value)) return value.map((v) => revive(v, now));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (now && keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = value.$tcb_server_date as { offset?: unknown } | null;
    const offset = Number(spec?.offset ?? 0) || 0;
    return new Date(now.getTime() + offset);
  }
  const out: Doc = {};
  for (const k of keys) out[k] = revive(value[k], now);
  return out;
}

/** Parses a request value (query, data, update, order, projection, stage) sent by the SDK. */
export function decode(text: unknown, now: Date): unknown {
  if (text === undefined || text === null || text === '') return undefined;
  if (typeof text !== 'string') return revive(text, now);
  let parsed: unknown;
  try {
    parsed = EJSON.parse(text, { relaxed: true });
  } catch (e) {
    throw invalidParam(`invalid EJSON: ${(e as Error).message}`);
  }
  return revive(parsed, now);
}

/** The stored form of a document. */
export function encodeDoc(doc: Doc): string {
  return EJSON.stringify(doc, { relaxed: true });
}

/** A stored document, ready for mingo. */
export function parseDoc(text: string): Doc {
  return revive(EJSON.parse(text, { relaxed: true })) as Doc;
}

/** A value for a response (the SDK parses each with `EJSON.parse`). */
export function encodeValue(value: unknown): string {
  return EJSON.stringify(value as Doc, { relaxed: true });
}

/** A deep copy through the stored form, so updates never alias the caller's objects. */
export function cloneDoc(doc: Doc): Doc {
  return parseDoc(encodeDoc(doc));
}
