// mingo, with the corrections MongoDB semantics need. mingo's `$mod` coerces non-numbers
// (null % 5 === 0 in JavaScript, so `{ n: null }` would match `_.mod([5, 0])`); MongoDB's `$mod`
// only matches numbers. mingo does not let a context override a built-in operator, so queries
// are rewritten to use `$dcMod` instead. Merging a context costs more than the query itself, so
// the extra context is only passed to queries that need it.
import { Context, Query } from 'mingo';
import { isPlainObject, type Doc } from './ejson';

/** Every value a dotted path reaches, descending into arrays (MongoDB style). */
function valuesAt(cur: unknown, parts: string[], out: unknown[]): void {
  if (parts.length === 0) {
    if (Array.isArray(cur)) out.push(...cur);
    else out.push(cur);
    return;
  }
  if (Array.isArray(cur)) {
    if (/^\d+$/.test(parts[0])) valuesAt(cur[Number(parts[0])], parts.slice(1), out);
    else for (const el of cur) valuesAt(el, parts, out);
    return;
  }
  if (cur !== null && typeof cur === 'object') {
    valuesAt((cur as Doc)[parts[0]], parts.slice(1), out);
  }
}

const context = Context.init({
  query: {
    $dcMod: (selector: string, value: unknown) => (obj: Doc) => {
      const [divisor, remainder] = Array.isArray(value) ? (value as number[]) : [];
      const xs: unknown[] = [];
      valuesAt(obj, selector.split('.'), xs);
      return xs.some((x) => typeof x === 'number' && Math.trunc(x) % divisor === remainder);
    },
  } as never,
});

/** mingo options for a (rewritten) query or pipeline: the extra context only when it is used. */
export function mingoOptions(rewritten: unknown): { context?: typeof context } {
  return usesDcMod(rewritten) ? { context } : {};
}

function usesDcMod(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(usesDcMod);
  if (!isPlainObject(v)) return false;
  return Object.entries(v).some(([k, x]) => k === '$dcMod' || usesDcMod(x));
}

function fixCondition(cond: unknown): unknown {
  if (!isPlainObject(cond)) return cond;
  const out: Doc = {};
  for (const [k, v] of Object.entries(cond)) {
    if (k === '$mod') out.$dcMod = v;
    else if (k === '$not') out.$not = fixCondition(v);
    else if (k === '$elemMatch' && isPlainObject(v)) {
      out.$elemMatch = Object.keys(v).some(
        (x) => x.startsWith('$') && x !== '$and' && x !== '$or' && x !== '$nor',
      )
        ? fixCondition(v)
        : fixQuery(v);
    } else out[k] = v;
  }
  return out;
}

/** Rewrites a query for mingo (see above). */
export function fixQuery(q: Doc): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(q)) {
    if ((k === '$and' || k === '$or' || k === '$nor') && Array.isArray(v)) {
      out[k] = v.map((s) => (isPlainObject(s) ? fixQuery(s) : s));
    } else if (k.startsWith('$')) out[k] = v;
    else out[k] = fixCondition(v);
  }
  return out;
}

/** A compiled query; `null` matches everything. */
export function compile(query: Doc | undefined): Query | null {
  if (!query || Object.keys(query).length === 0) return null;
  const fixed = fixQuery(query);
  return new Query(fixed, mingoOptions(fixed));
}
