// The planner: turns the part of a MongoDB query that indexes can answer into SQL over the key
// expressions (`dc_key(doc, 'path')`, see keys.ts), and says whether that SQL is the whole query.
//
// Only top-level AND-ed conditions (the query's fields and `$and` members) are considered, and
// only on paths that some index covers and that no stored document holds an array on; each
// becomes an exact SQL term:
//
//   { f: v } / { f: { $eq: v } }     → key = ?            (v a string, number, boolean or Date)
//   { f: null }                       → key IS NULL        (null or missing, as in MongoDB)
//   { f: { $gt | $gte | $lt | $lte: v } } → a range bracketed to v's type (MongoDB compares
//                                            within a type only: { $gt: 5 } never matches '6')
//   { f: { $in: [...] } }             → key IN (...)       (scalars only)
//
// SQLite's own planner then chooses the index. Everything else ($or, $ne, $exists, RegExp,
// sub-documents, ...) is left to mingo, which re-checks every candidate row anyway: the SQL part
// only ever narrows the candidates, it never decides alone unless `complete` is true.
import { isPlainObject, type Doc } from './ejson';
import { keyExpr, keyOf, typeBounds, TYPE_BOOL, TYPE_DATE, type SqlKey } from './keys';

export type Order = [path: string, direction: 1 | -1][];

export interface Plan {
  /** SQL terms, AND-ed. */
  where: string[];
  params: SqlKey[];
  /** The SQL terms are exactly the query: no residual condition for mingo. */
  complete: boolean;
  /** `ORDER BY ...` text when the requested order is pushed to SQL ('' when no order). */
  orderBy: string;
  /** The order is delivered by SQL (or none was asked); otherwise sort in JS. */
  orderPushed: boolean;
}

type Scalar = string | number | boolean | Date;

function isScalar(v: unknown): v is Scalar {
  return (
    typeof v === 'string' ||
    (typeof v === 'number' && !Number.isNaN(v)) ||
    typeof v === 'boolean' ||
    (v instanceof Date && !Number.isNaN(v.getTime()))
  );
}

/** SQL literal bounds of the type bracket a scalar belongs to: [lowest, next type's lowest]. */
function bracket(v: Scalar): [string | null, string | null, SqlKey[]] {
  if (typeof v === 'number') return [null, "''", []];
  if (typeof v === 'string') return ["''", "X''", []];
  const [lo, hi] = typeBounds(v instanceof Date ? TYPE_DATE : TYPE_BOOL);
  return ['?', '?', [lo, hi]];
}

/** The `_id` column holds strings as they are; other ids get a prefix no string id starts with. */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id;
  return `\u0001${JSON.stringify(id instanceof Date ? { $date: id.getTime() } : id)}`;
}

class Builder {
  where: string[] = [];
  params: SqlKey[] = [];
  complete = true;

  constructor(private readonly usable: (path: string) => boolean) {}

  eq(path: string, v: unknown): boolean {
    if (v === null) {
      if (path === '_id') return false;
      this.where.push(`${keyExpr(path)} IS NULL`);
      return true;
    }
    if (!isScalar(v)) return false;
    this.where.push(`${keyExpr(path)} = ?`);
    this.params.push(path === '_id' ? idKey(v) : keyOf(v));
    return true;
  }

  range(path: string, op: string, v: unknown): boolean {
    if (!isScalar(v) || path === '_id') return false;
    const expr = keyExpr(path);
    const sym = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op];
    if (!sym) return false;
    const [lo, hi, bounds] = bracket(v);
    this.where.push(`${expr} ${sym} ?`);
    this.params.push(keyOf(v));
    if (sym.startsWith('>') && hi !== null) {
      this.where.push(`${expr} < ${hi}`);
      if (hi === '?') this.params.push(bounds[1]);
    } else if (sym.startsWith('<') && lo !== null) {
      this.where.push(`${expr} >= ${lo}`);
      if (lo === '?') this.params.push(bounds[0]);
    }
    return true;
  }

  in(path: string, values: unknown): boolean {
    if (!Array.isArray(values) || !values.every(isScalar)) return false;
    if (values.length === 0) {
      this.where.push('0');
      return true;
    }
    this.where.push(`${keyExpr(path)} IN (${values.map(() => '?').join(', ')})`);
    for (const v of values) this.params.push(path === '_id' ? idKey(v) : keyOf(v));
    return true;
  }

  /** Translates one field condition; returns whether it was pushed exactly. */
  field(path: string, cond: unknown): boolean {
    if (!this.usable(path)) return false;
    if (isPlainObject(cond)) {
      const ops = Object.keys(cond);
      if (ops.length === 0 || !ops.every((o) => o.startsWith('$'))) return false;
      let exact = true;
      for (const op of ops) {
        const v = cond[op];
        let ok = false;
        if (op === '$eq') ok = this.eq(path, v);
        else if (op === '$in') ok = this.in(path, v);
        else if (op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte') {
          ok = this.range(path, op, v);
        }
        exact = exact && ok;
      }
      return exact;
    }
    return this.eq(path, cond);
  }

  query(q: Doc): void {
    for (const [key, cond] of Object.entries(q)) {
      if (key === '$and' && Array.isArray(cond)) {
        for (const sub of cond) {
          if (isPlainObject(sub)) this.query(sub);
          else this.complete = false;
        }
      } else if (key.startsWith('$')) {
        this.complete = false;
      } else if (!this.field(key, cond)) {
        this.complete = false;
      }
    }
  }
}

/**
 * Plans a query. `usable(path)` tells whether a path may be pushed down: `_id`, or a path some
 * index covers that no document holds an array on.
 */
export function plan(
  query: Doc | undefined,
  order: Order,
  usable: (path: string) => boolean,
): Plan {
  const b = new Builder(usable);
  if (query) b.query(query);
  const orderPushed = order.every(([p]) => usable(p));
  const orderBy =
    orderPushed && order.length > 0
      ? `ORDER BY ${order.map(([p, d]) => `${keyExpr(p)} ${d === -1 ? 'DESC' : 'ASC'}`).join(', ')}`
      : '';
  return { where: b.where, params: b.params, complete: b.complete, orderBy, orderPushed };
}
