// Applying writes to SQLite: one SQLite transaction per acknowledged operation (WAL mode,
// synchronous=NORMAL: committed before the SDK sees the answer, so it survives the process being
// killed), unique index violations mapped to the service's duplicate-key error.
import type Database from 'better-sqlite3';
import { encodeDoc, type Doc } from './ejson';
import { duplicateKey } from './errors';
import { keyExpr, keyOf, lookupPath } from './keys';
import { tableOf, type Catalog } from './schema';
import type { Transactions } from './transactions';

export interface Write {
  collection: string;
  id: string;
  /** The stored text before the write; undefined when the document does not exist. */
  before: string | undefined;
  /** null: delete. */
  doc: Doc | null;
  /** Insert only (a plain `add`): an existing `_id` is a duplicate key. */
  insertOnly?: boolean;
}

function describeKey(fields: [string, unknown][]): string {
  return `{ ${fields.map(([k, v]) => `${k}: ${JSON.stringify(v ?? null)}`).join(', ')} }`;
}

export class Writer {
  private statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly catalog: Catalog,
    private readonly txns: Transactions,
  ) {}

  reset(): void {
    this.statements.clear();
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Applies the writes atomically; throws (and writes nothing) on a duplicate key. */
  apply(writes: Write[]): void {
    if (writes.length === 0) return;
    this.db.transaction(() => {
      for (const w of writes) this.applyOne(w);
    })();
    const seq = this.txns.nextSeq();
    for (const w of writes) this.txns.recordWrite(seq, w.collection, w.id, w.before);
  }

  private applyOne(w: Write): void {
    const table = tableOf(w.collection);
    if (w.doc === null) {
      this.stmt(`DELETE FROM ${table} WHERE _id = ?`).run(w.id);
      return;
    }
    this.catalog.noteDocument(w.collection, w.doc);
    this.checkUniqueNulls(w.collection, w.id, w.doc);
    const text = encodeDoc(w.doc);
    try {
      if (w.insertOnly) {
        this.stmt(`INSERT INTO ${table} (_id, doc) VALUES (?, ?)`).run(w.id, text);
      } else {
        this.stmt(
          `INSERT INTO ${table} (_id, doc) VALUES (?, ?) ON CONFLICT (_id) DO UPDATE SET doc = excluded.doc`,
        ).run(w.id, text);
      }
    } catch (e) {
      throw this.mapConstraint(e, w);
    }
  }

  private mapConstraint(e: unknown, w: Write): unknown {
    const err = e as { code?: string; message?: string };
    if (err.code !== 'SQLITE_CONSTRAINT_UNIQUE' && err.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      return e;
    }
    const m = /index '([^']*)'/.exec(err.message ?? '');
    const prefix = `idx:${w.collection}:`;
    if (m && m[1].startsWith(prefix)) {
      const name = m[1].slice(prefix.length);
      const ix = this.catalog.indexesOf(w.collection).find((i) => i.name === name);
      const fields = (ix?.keys ?? []).map(
        (k) => [k.name, lookupPath(w.doc, k.name).value] as [string, unknown],
      );
      return duplicateKey(w.collection, name, describeKey(fields));
    }
    return duplicateKey(w.collection, '_id_', describeKey([['_id', w.id]]));
  }

  /**
   * CloudBase's (MongoDB's) unique indexes treat a missing field as null, so only one document
   * may lack it (guide/database/index.md, 唯一性限制); SQLite's UNIQUE lets any number of NULLs
   * through. Keys with a null component are checked here with an indexed lookup (`IS` matches
   * NULL with NULL).
   */
  private checkUniqueNulls(collection: string, id: string, doc: Doc): void {
    for (const ix of this.catalog.indexesOf(collection)) {
      if (!ix.unique) continue;
      const values = ix.keys.map((k) => lookupPath(doc, k.name));
      if (values.some((v) => v.multikey) || !values.some((v) => v.value == null)) continue;
      const where = ix.keys.map((k) => `${keyExpr(k.name)} IS ?`).join(' AND ');
      const hit = this.stmt(
        `SELECT 1 FROM ${tableOf(collection)} WHERE ${where} AND _id != ? LIMIT 1`,
      ).get(...values.map((v) => keyOf(v.value)), id);
      if (hit) {
        throw duplicateKey(
          collection,
          ix.name,
          describeKey(ix.keys.map((k, i) => [k.name, values[i].value])),
        );
      }
    }
  }
}
