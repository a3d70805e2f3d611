// Collections and indexes: one SQLite table per collection, `(_id TEXT PRIMARY KEY, doc TEXT)`
// with rowids (so an unsorted scan returns documents in insertion order, like MongoDB's natural
// order), and one SQLite expression index per index of the collection's spec
// (`database/<collection>.json`, the shape of CloudBase's updateIndex API).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { keyExpr, lookupPath } from './keys';

export interface IndexKeySpec {
  /** A dotted field path. */
  name: string;
  direction: '1' | '-1';
}

export interface IndexSpec {
  name: string;
  unique?: boolean;
  keys: IndexKeySpec[];
}

export interface CollectionSpec {
  name: string;
  indexes?: IndexSpec[];
  /** Security rules; the server SDK (admin) is not subject to them, so they are not enforced. */
  rules?: unknown;
}

function fail(file: string, what: string): never {
  throw new Error(`${file}: ${what}`);
}

export function validateSpec(spec: unknown, file = 'collection spec'): CollectionSpec {
  const s = spec as CollectionSpec;
  if (!s || typeof s !== 'object' || typeof s.name !== 'string' || !s.name) {
    fail(file, 'expected { "name": "<collection>", "indexes": [...] }');
  }
  const names = new Set<string>();
  for (const ix of s.indexes ?? []) {
    if (!ix || typeof ix.name !== 'string' || !ix.name) fail(file, 'an index without a name');
    if (names.has(ix.name)) fail(file, `index ${ix.name} is declared twice`);
    names.add(ix.name);
    if (!Array.isArray(ix.keys) || ix.keys.length === 0) fail(file, `index ${ix.name} has no keys`);
    for (const k of ix.keys) {
      if (!k || typeof k.name !== 'string' || !k.name)
        fail(file, `index ${ix.name}: a key has no name`);
      if (k.direction !== '1' && k.direction !== '-1') {
        fail(file, `index ${ix.name}: direction of ${k.name} must be "1" or "-1"`);
      }
    }
  }
  return s;
}

/**
 * Reads `<dir>/*.json`, one collection spec per file. Files starting with `_` are skipped unless
 * `includeUnderscored` is set.
 */
export function loadCollectionSpecs(
  dir: string,
  options: { includeUnderscored?: boolean } = {},
): CollectionSpec[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && (options.includeUnderscored || !f.startsWith('_')))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        fail(file, (e as Error).message);
      }
      return validateSpec(parsed, file);
    });
}

export function quote(ident: string): string {
  return `"${ident.replace(/"/g, '""')}"`;
}

export function tableOf(collection: string): string {
  return quote(`coll_${collection}`);
}

export function sqlIndexName(collection: string, index: string): string {
  return `idx:${collection}:${index}`;
}

function indexSql(collection: string, ix: IndexSpec): string {
  const cols = ix.keys.map((k) => `${keyExpr(k.name)} ${k.direction === '-1' ? 'DESC' : 'ASC'}`);
  return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${quote(sqlIndexName(collection, ix.name))} ON ${tableOf(collection)} (${cols.join(', ')})`;
}

/** What the store knows about collections, indexes and multikey paths (mirrored in SQLite). */
export class Catalog {
  private names = new Set<string>();
  private indexes = new Map<string, IndexSpec[]>();
  private multikey = new Map<string, Set<string>>();

  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS dc_indexes (coll TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL, PRIMARY KEY (coll, name));
             CREATE TABLE IF NOT EXISTS dc_multikey (coll TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (coll, path));`);
    this.reload();
  }

  reload(): void {
    this.names.clear();
    this.indexes.clear();
    this.multikey.clear();
    const tables = this.db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'coll\\_%' ESCAPE '\\'`,
      )
      .all() as { name: string }[];
    for (const t of tables) this.names.add(t.name.slice('coll_'.length));
    for (const r of this.db.prepare('SELECT coll, spec FROM dc_indexes ORDER BY rowid').all() as {
      coll: string;
      spec: string;
    }[]) {
      const list = this.indexes.get(r.coll) ?? [];
      list.push(JSON.parse(r.spec) as IndexSpec);
      this.indexes.set(r.coll, list);
    }
    for (const r of this.db.prepare('SELECT coll, path FROM dc_multikey').all() as {
      coll: string;
      path: string;
    }[]) {
      this.markMultikeyInMemory(r.coll, r.path);
    }
  }

  has(collection: string): boolean {
    return this.names.has(collection);
  }

  list(): string[] {
    return [...this.names].sort();
  }

  indexesOf(collection: string): IndexSpec[] {
    return this.indexes.get(collection) ?? [];
  }

  /** Paths that some index of the collection covers. */
  indexedPaths(collection: string): Set<string> {
    return new Set(this.indexesOf(collection).flatMap((ix) => ix.keys.map((k) => k.name)));
  }

  isMultikey(collection: string, path: string): boolean {
    return this.multikey.get(collection)?.has(path) ?? false;
  }

  create(collection: string): void {
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${tableOf(collection)} (_id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`,
    );
    this.names.add(collection);
  }

  /** Creates the collection if needed and makes its SQLite indexes match the spec. */
  apply(spec: CollectionSpec): void {
    this.db.transaction(() => {
      this.create(spec.name);
      const wanted = new Map((spec.indexes ?? []).map((ix) => [ix.name, ix]));
      const current = this.indexesOf(spec.name);
      for (const ix of current) {
        const next = wanted.get(ix.name);
        if (!next || JSON.stringify(normalize(next)) !== JSON.stringify(normalize(ix))) {
          this.db.exec(`DROP INDEX IF EXISTS ${quote(sqlIndexName(spec.name, ix.name))}`);
          this.db
            .prepare('DELETE FROM dc_indexes WHERE coll = ? AND name = ?')
            .run(spec.name, ix.name);
        }
      }
      const kept = new Set(
        (
          this.db.prepare('SELECT name FROM dc_indexes WHERE coll = ?').all(spec.name) as {
            name: string;
          }[]
        ).map((r) => r.name),
      );
      for (const ix of wanted.values()) {
        if (kept.has(ix.name)) continue;
        this.scanMultikey(spec.name, ix);
        try {
          this.db.exec(indexSql(spec.name, ix));
        } catch (e) {
          const err = new Error(
            `cannot create index ${ix.name} on collection ${spec.name}: ${(e as Error).message}`,
          );
          throw Object.assign(err, { cause: e });
        }
        this.db
          .prepare('INSERT INTO dc_indexes (coll, name, spec) VALUES (?, ?, ?)')
          .run(spec.name, ix.name, JSON.stringify(normalize(ix)));
      }
    })();
    this.reload();
  }

  /** Drops every collection (tables, indexes, metadata). */
  dropAll(): void {
    this.db.transaction(() => {
      for (const name of this.names) this.db.exec(`DROP TABLE IF EXISTS ${tableOf(name)}`);
      this.db.exec('DELETE FROM dc_indexes; DELETE FROM dc_multikey;');
    })();
    this.reload();
  }

  /** Records multikey paths of a document about to be written (inside the write's transaction). */
  noteDocument(collection: string, doc: unknown): void {
    for (const path of this.indexedPaths(collection)) {
      if (path === '_id' || this.isMultikey(collection, path)) continue;
      if (lookupPath(doc, path).multikey) this.markMultikey(collection, path);
    }
  }

  private scanMultikey(collection: string, ix: IndexSpec): void {
    const paths = ix.keys.map((k) => k.name).filter((p) => p !== '_id');
    const pending = paths.filter((p) => !this.isMultikey(collection, p));
    if (pending.length === 0) return;
    const found = new Set<string>();
    const rows = this.db.prepare(`SELECT doc FROM ${tableOf(collection)}`).pluck();
    for (const text of rows.iterate() as IterableIterator<string>) {
      const doc = JSON.parse(text) as unknown;
      for (const p of pending) if (lookupPath(doc, p).multikey) found.add(p);
      if (found.size === pending.length) break;
    }
    for (const p of found) this.markMultikey(collection, p);
  }

  private markMultikey(collection: string, path: string): void {
    this.db
      .prepare('INSERT OR IGNORE INTO dc_multikey (coll, path) VALUES (?, ?)')
      .run(collection, path);
    this.markMultikeyInMemory(collection, path);
  }

  private markMultikeyInMemory(collection: string, path: string): void {
    const set = this.multikey.get(collection) ?? new Set<string>();
    set.add(path);
    this.multikey.set(collection, set);
  }
}

function normalize(ix: IndexSpec): IndexSpec {
  return {
    name: ix.name,
    unique: Boolean(ix.unique),
    keys: ix.keys.map((k) => ({ name: k.name, direction: k.direction })),
  };
}
