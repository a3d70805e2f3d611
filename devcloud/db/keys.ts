// Index keys: `dc_key(doc, 'a.b')` is a deterministic SQL function over the stored document text.
// Its value orders in SQLite as MongoDB orders BSON values, for every type we index:
//
//   MongoDB: null/missing < numbers < strings < objects < arrays < ObjectId < booleans < dates
//   SQLite:  NULL          < INTEGER/REAL < TEXT < BLOB
//
// so null/missing → NULL, numbers → REAL, strings → TEXT (binary collation compares UTF-8 bytes,
// as MongoDB does), and every other type → a BLOB whose first byte is its BSON type number
// (0x03 object, 0x04 array, 0x07 ObjectId, 0x08 boolean, 0x09 date, 0x0B regex), followed by a
// big-endian payload that sorts bytewise (dates: milliseconds + 2^63, so negatives sort first).
//
// Arrays make an index "multikey" in MongoDB (one entry per element); an expression index cannot
// do that, so documents with an array on an indexed path are recorded (see schema.ts) and the
// planner never pushes conditions or sorts on such a path down to SQL.
import type Database from 'better-sqlite3';
import { isPlainObject } from './ejson';

export type SqlKey = null | number | string | Buffer;

export const TYPE_OBJECT = 0x03;
export const TYPE_ARRAY = 0x04;
export const TYPE_OBJECTID = 0x07;
export const TYPE_BOOL = 0x08;
export const TYPE_DATE = 0x09;
export const TYPE_REGEX = 0x0b;

const SIGN = BigInt('0x8000000000000000');

function tagged(type: number, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return Buffer.concat([Buffer.of(type), body]);
}

export function dateKey(ms: number): Buffer {
  const b = Buffer.alloc(9);
  b[0] = TYPE_DATE;
  const v = Number.isFinite(ms) ? BigInt(Math.trunc(ms)) + SIGN : BigInt(0);
  b.writeBigUInt64BE(v, 1);
  return b;
}

export function boolKey(v: boolean): Buffer {
  return Buffer.of(TYPE_BOOL, v ? 1 : 0);
}

/** The smallest key of a BLOB-encoded type, and the smallest key of the next type. */
export function typeBounds(type: number): [Buffer, Buffer] {
  return [Buffer.of(type), Buffer.of(type + 1)];
}

/** The key of a JavaScript value (as mingo sees documents and queries). */
export function keyOf(v: unknown): SqlKey {
  if (v === undefined || v === null) return null;
  switch (typeof v) {
    case 'number':
      return Number.isNaN(v) ? null : v;
    case 'bigint':
      return Number(v);
    case 'string':
      return v;
    case 'boolean':
      return boolKey(v);
  }
  if (v instanceof Date) return dateKey(v.getTime());
  if (v instanceof RegExp) return tagged(TYPE_REGEX, `${v.source}/${v.flags}`);
  if (Array.isArray(v)) return tagged(TYPE_ARRAY, JSON.stringify(v));
  const bsontype = (v as { _bsontype?: string })._bsontype;
  if (bsontype === 'ObjectId' || bsontype === 'ObjectID') {
    return tagged(TYPE_OBJECTID, Buffer.from(String(v), 'hex'));
  }
  if (bsontype === 'Long' || bsontype === 'Double' || bsontype === 'Int32') return Number(v);
  if (bsontype === 'Decimal128') return Number(String(v));
  return tagged(TYPE_OBJECT, JSON.stringify(v));
}

/** The key of a value read from stored relaxed-EJSON text parsed with plain JSON.parse. */
export function keyOfStored(v: unknown): SqlKey {
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const inner = v[keys[0]];
      switch (keys[0]) {
        case '$date': {
          if (typeof inner === 'string') return dateKey(Date.parse(inner));
          if (isPlainObject(inner)) return dateKey(Number(inner.$numberLong));
          return dateKey(Number(inner));
        }
        case '$numberLong':
        case '$numberDouble':
        case '$numberInt':
        case '$numberDecimal':
          return keyOf(Number(inner));
        case '$oid':
          return tagged(TYPE_OBJECTID, Buffer.from(String(inner), 'hex'));
        case '$regularExpression': {
          const re = inner as { pattern?: string; options?: string };
          return tagged(TYPE_REGEX, `${re.pattern}/${re.options}`);
        }
      }
    }
  }
  return keyOf(v);
}

/**
 * The value at a dotted path, MongoDB style; `multikey` is true when an array lies on the path
 * (then the value is ambiguous: MongoDB would match any element).
 */
export function lookupPath(doc: unknown, path: string): { value: unknown; multikey: boolean } {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(cur)) return { value: cur, multikey: true };
    if (cur === null || typeof cur !== 'object') return { value: undefined, multikey: false };
    cur = (cur as Record<string, unknown>)[part];
  }
  return { value: cur, multikey: Array.isArray(cur) };
}

/** SQL text of the key expression for a path; the planner and the indexes must agree on it. */
export function keyExpr(path: string): string {
  if (path === '_id') return '_id';
  return `dc_key(doc, '${path.replace(/'/g, "''")}')`;
}

/** Registers `dc_key(docText, path)` on a connection. */
export function registerKeyFunction(db: Database.Database): void {
  // SQLite calls the function once per index expression per written row (and twice per row on
  // UPDATE, old and new): remember the last two parsed documents.
  let lastText = ['', ''];
  let lastDoc: unknown[] = [null, null];
  const parse = (text: string): unknown => {
    if (text === lastText[0]) return lastDoc[0];
    if (text === lastText[1]) return lastDoc[1];
    const doc = JSON.parse(text) as unknown;
    lastText = [text, lastText[0]];
    lastDoc = [doc, lastDoc[0]];
    return doc;
  };
  db.function('dc_key', { deterministic: true }, (text: unknown, path: unknown) => {
    if (typeof text !== 'string' || typeof path !== 'string') return null;
    const { value, multikey } = lookupPath(parse(text), path);
    if (multikey) return tagged(TYPE_ARRAY, JSON.stringify(value));
    return keyOfStored(value);
  });
}
