// Update semantics. The SDK sends `update()` data already as operators: plain fields are
// flattened into `$set` on dotted paths (so sub-objects merge), `_.set(obj)` is a `$set` of the
// whole value (replace), `_.remove()` is `$unset`, `_.push/unshift` are `$push` with `$each`
// (`$position`, `$slice`, `$sort`), `_.shift/pop` are `$pop`. mingo's updater applies them with
// MongoDB semantics. `set()` sends a replacement document with `merge: false`.
import { update as mingoUpdate } from 'mingo';
import { cloneDoc, encodeDoc, isPlainObject, type Doc } from './ejson';
import { invalidOperator, invalidParam, requestFailed } from './errors';

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$currentDate',
  '$bit',
]);

function touchesId(path: string): boolean {
  return path === '_id' || path.startsWith('_id.');
}

/** Whether update data is made of operators; mixing operators and fields is refused. */
export function isOperatorUpdate(data: Doc): boolean {
  const keys = Object.keys(data);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length > 0 && ops.length < keys.length) {
    throw invalidOperator('update data mixes operators and fields');
  }
  return ops.length > 0;
}

/** Plain data with `merge: true` (not what the SDK sends, but what the service accepts): $set of flattened paths. */
export function plainToSet(data: Doc): Doc {
  const set: Doc = {};
  const walk = (obj: Doc, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (isPlainObject(v) && Object.keys(v).length > 0) walk(v, path);
      else set[path] = v;
    }
  };
  walk(data, '');
  return { $set: set };
}

/**
 * mingo's `$addToSet` with `$each` on a missing field keeps duplicates of the `$each` list;
 * MongoDB adds each distinct value once.
 */
function dedupeAddToSet(update: Doc): Doc {
  const fields = update.$addToSet;
  if (!isPlainObject(fields)) return update;
  const out: Doc = {};
  for (const [path, arg] of Object.entries(fields)) {
    if (isPlainObject(arg) && Array.isArray(arg.$each)) {
      const seen = new Set<string>();
      const each = arg.$each.filter((v) => {
        const key = encodeDoc({ v });
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      out[path] = { ...arg, $each: each };
    } else out[path] = arg;
  }
  return { ...update, $addToSet: out };
}

/** Applies an operator update to a copy of `doc`. */
export function applyUpdate(doc: Doc, update: Doc): Doc {
  for (const [op, fields] of Object.entries(update)) {
    if (!UPDATE_OPERATORS.has(op)) throw invalidOperator(`unknown update operator ${op}`);
    if (!isPlainObject(fields)) throw invalidParam(`${op} expects an object`);
    for (const [path, arg] of Object.entries(fields)) {
      if (touchesId(path) || (op === '$rename' && typeof arg === 'string' && touchesId(arg))) {
        throw requestFailed(
          `Performing an update on the path '_id' would modify the immutable field '_id'`,
        );
      }
    }
  }
  const next = cloneDoc(doc);
  try {
    mingoUpdate(next, dedupeAddToSet(update) as never);
  } catch (e) {
    throw requestFailed((e as Error).message);
  }
  return next;
}

/** The document `set()` writes: the replacement data under the existing `_id`. */
export function replacement(id: unknown, data: Doc): Doc {
  for (const k of Object.keys(data)) {
    if (k.startsWith('$')) throw invalidOperator(`replacement document cannot contain ${k}`);
  }
  const { _id: given, ...rest } = data;
  if (given !== undefined && given !== id) {
    throw requestFailed(`the (immutable) field '_id' was found to have been altered`);
  }
  return { _id: id, ...rest };
}

/** The base of an upsert by query: its top-level equality fields (MongoDB's rule). */
export function upsertBase(query: Doc | undefined): Doc {
  const base: Doc = {};
  for (const [k, v] of Object.entries(query ?? {})) {
    if (k.startsWith('$') || k.includes('.')) continue;
    if (isPlainObject(v) && Object.keys(v).some((o) => o.startsWith('$'))) {
      if ('$eq' in v) base[k] = v.$eq;
      continue;
    }
    if (!(v instanceof RegExp)) base[k] = v;
  }
  return base;
}
