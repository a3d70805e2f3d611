// Query execution: SQL narrows the candidates (planner.ts), mingo decides. When the SQL is the
// whole query, skip/limit/count run in SQL; otherwise candidates are streamed in SQL order with
// `.iterate()` and filtered until skip + limit matches are found, so a query never loads a whole
// table unless it must sort on a key SQL cannot order by (then it sorts the matches in JS).
import type Database from 'better-sqlite3';
import { find as mingoFind, Query } from 'mingo';
import { parseDoc, type Doc } from './ejson';
import { compile } from './matcher';
import { plan, type Order, type Plan } from './planner';
import { tableOf, type Catalog } from './schema';

export interface Row {
  id: string;
  /** The stored text (relaxed EJSON). */
  text: string;
  doc: Doc;
}

export interface FindOptions {
  order?: Order;
  skip?: number;
  /** Infinity for no limit. */
  limit?: number;
}

type RawRow = { _id: string; doc: string };

export class Finder {
  private statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly catalog: Catalog,
  ) {}

  /** Forget prepared statements (after collections were dropped). */
  reset(): void {
    this.statements.clear();
  }

  /** A cached prepared statement; `pluck` ones return the first column only. */
  statement(sql: string, pluck = false): Database.Statement {
    const key = `${pluck ? 'p' : 'r'}${sql}`;
    let s = this.statements.get(key);
    if (!s) {
      s = this.db.prepare(sql);
      if (pluck) s.pluck(true);
      this.statements.set(key, s);
    }
    return s;
  }

  plan(collection: string, query: Doc | undefined, order: Order = []): Plan {
    const indexed = this.catalog.indexedPaths(collection);
    return plan(
      query,
      order,
      (p) => p === '_id' || (indexed.has(p) && !this.catalog.isMultikey(collection, p)),
    );
  }

  /** The SELECT a plan runs (exposed for EXPLAIN QUERY PLAN in tests and tools). */
  sql(collection: string, p: Plan, paged: boolean): string {
    const where = p.where.length ? ` WHERE ${p.where.join(' AND ')}` : '';
    const order = p.orderBy ? ` ${p.orderBy}` : '';
    return `SELECT _id, doc FROM ${tableOf(collection)}${where}${order}${paged ? ' LIMIT ? OFFSET ?' : ''}`;
  }

  find(collection: string, query: Doc | undefined, opts: FindOptions = {}): Row[] {
    const order = opts.order ?? [];
    const skip = Math.max(0, opts.skip ?? 0);
    const limit = opts.limit ?? Infinity;
    if (limit <= 0) return [];
    const p = this.plan(collection, query, order);
    const matcher = compile(query);
    const toRow = (r: RawRow): Row => ({ id: r._id, text: r.doc, doc: parseDoc(r.doc) });

    if (p.orderPushed && p.complete) {
      const rows = this.statement(this.sql(collection, p, true)).all(
        ...p.params,
        Number.isFinite(limit) ? limit : -1,
        skip,
      ) as RawRow[];
      // The SQL is exact; mingo re-checks anyway (cheap for one page).
      return rows.map(toRow).filter((r) => !matcher || matcher.test(r.doc));
    }

    const stmt = this.statement(this.sql(collection, p, false));
    const out: Row[] = [];
    if (p.orderPushed) {
      let skipped = 0;
      for (const raw of stmt.iterate(...p.params) as IterableIterator<RawRow>) {
        const row = toRow(raw);
        if (matcher && !matcher.test(row.doc)) continue;
        if (skipped < skip) {
          skipped++;
          continue;
        }
        out.push(row);
        if (out.length >= limit) break;
      }
      return out;
    }

    // The order needs a key SQL cannot sort by: collect every match, sort in JS (MongoDB order).
    for (const raw of stmt.iterate(...p.params) as IterableIterator<RawRow>) {
      const row = toRow(raw);
      if (!matcher || matcher.test(row.doc)) out.push(row);
    }
    const byDoc = new Map(out.map((r) => [r.doc, r]));
    const sort = Object.fromEntries(order) as Record<string, 1 | -1>;
    let cursor = mingoFind(
      out.map((r) => r.doc),
      {},
    )
      .sort(sort)
      .skip(skip);
    if (Number.isFinite(limit)) cursor = cursor.limit(limit);
    return (cursor.all() as Doc[]).map((d) => byDoc.get(d) as Row);
  }

  count(collection: string, query: Doc | undefined): number {
    const p = this.plan(collection, query);
    const where = p.where.length ? ` WHERE ${p.where.join(' AND ')}` : '';
    if (p.complete) {
      return this.statement(`SELECT COUNT(*) FROM ${tableOf(collection)}${where}`, true).get(
        ...p.params,
      ) as number;
    }
    const matcher = compile(query);
    let n = 0;
    const stmt = this.statement(`SELECT doc FROM ${tableOf(collection)}${where}`, true);
    for (const text of stmt.iterate(...p.params) as IterableIterator<string>) {
      if (!matcher || matcher.test(parseDoc(text))) n++;
    }
    return n;
  }

  /** Applies a MongoDB projection (inclusion or exclusion) to documents. */
  project(docs: Doc[], projection: Doc): Doc[] {
    return new Query({}, {}).find(docs, projection).all() as Doc[];
  }

  /** The current stored text of one document, or undefined. */
  byId(collection: string, id: string): string | undefined {
    return this.statement(`SELECT doc FROM ${tableOf(collection)} WHERE _id = ?`, true).get(id) as
      string | undefined;
  }
}
