// The database service: `handle(api, data)` takes a request exactly as wx-server-sdk 4.0.2
// (@cloudbase/database 1.4.3) sends it through `TcbDBApiHttpRequester.send` and answers what the
// CloudBase HTTP service answers: `{ data: {...}, requestId }`, or `{ code, message, requestId }`.
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { aggregate } from './aggregate';
import { decode, encodeValue, isPlainObject, type Doc } from './ejson';
import {
  collectionNotExist,
  DbError,
  invalidParam,
  requestFailed,
  responseTooLarge,
  type DbErrorCode,
} from './errors';
import { registerKeyFunction } from './keys';
import { idKey, type Order } from './planner';
import { Finder, type Row } from './query';
import { Catalog, validateSpec, type CollectionSpec } from './schema';
import { TransactionApi } from './transaction-api';
import { Transactions, type Txn } from './transactions';
import { applyUpdate, isOperatorUpdate, plainToSet, replacement, upsertBase } from './update';
import { Writer, type Write } from './writer';

export interface StoreOptions {
  /** SQLite file path, or ':memory:'. */
  file: string;
  /** Collections (and their indexes) to create or reconcile on open. */
  collections?: CollectionSpec[];
  now?: () => Date;
  /** Cap of `get()` (the SDK sends limit 100 when none is set). Default 100. */
  getLimit?: number;
  /** Documents `aggregate().end()` returns without a `$limit` stage. Default 20. */
  aggregateLimit?: number;
  /** Transactions open longer than this are rolled back. Default 10 000 ms. */
  transactionTimeoutMs?: number;
  /** How long a plain write waits for a transaction's lock. Default: transaction timeout + 1 s. */
  lockWaitTimeoutMs?: number;
  /** Largest answer (sum of the returned documents' EJSON). Default 1 MiB. */
  maxResponseBytes?: number;
}

export type Req = Record<string, unknown>;

/** A CloudBase-like `_id`: 32 hex characters, starting with the creation time in seconds. */
export function newId(): string {
  const secs = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  return secs + randomBytes(12).toString('hex');
}

export class Store {
  private readonly db: Database.Database;
  readonly catalog: Catalog;
  readonly finder: Finder;
  private readonly writer: Writer;
  private readonly txns: Transactions;
  private readonly txApi: TransactionApi;
  private readonly specs: CollectionSpec[];
  private readonly opts: Required<Omit<StoreOptions, 'collections'>>;
  private requests = 0;

  constructor(options: StoreOptions) {
    const txTimeout = options.transactionTimeoutMs ?? 10_000;
    this.opts = {
      file: options.file,
      now: options.now ?? (() => new Date()),
      getLimit: options.getLimit ?? 100,
      aggregateLimit: options.aggregateLimit ?? 20,
      transactionTimeoutMs: txTimeout,
      lockWaitTimeoutMs: options.lockWaitTimeoutMs ?? txTimeout + 1000,
      maxResponseBytes: options.maxResponseBytes ?? 1024 * 1024,
    };
    this.specs = (options.collections ?? []).map((s) => validateSpec(s));
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    registerKeyFunction(this.db);
    this.catalog = new Catalog(this.db);
    for (const spec of this.specs) this.catalog.apply(spec);
    this.finder = new Finder(this.db, this.catalog);
    this.txns = new Transactions(txTimeout);
    this.writer = new Writer(this.db, this.catalog, this.txns);
    this.txApi = new TransactionApi(this, this.txns, this.finder, this.writer);
  }

  /** The better-sqlite3 connection (with `dc_key` registered), for tools and tests. */
  get raw(): Database.Database {
    return this.db;
  }

  collections(): string[] {
    return this.catalog.list();
  }

  /** Drops every collection and recreates the ones of the specs, empty. */
  reset(): void {
    this.txns.abortAll();
    this.catalog.dropAll();
    this.finder.reset();
    this.writer.reset();
    for (const spec of this.specs) this.catalog.apply(spec);
  }

  close(): void {
    this.txns.abortAll();
    if (this.db.open) this.db.close();
  }

  now(): Date {
    return this.opts.now();
  }

  /**
   * How a `database.getDocument` request would run: the SQL, whether it is the whole query, and
   * SQLite's EXPLAIN QUERY PLAN lines (for tests and for checking that a query uses an index).
   */
  explain(req: Req): { sql: string; complete: boolean; orderPushed: boolean; plan: string[] } {
    const coll = this.collection(req);
    const p = this.finder.plan(coll, this.query(req), this.order(req));
    const paged = p.complete && p.orderPushed;
    const sql = this.finder.sql(coll, p, paged);
    const params = paged ? [...p.params, 20, 0] : p.params;
    const rows = this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as {
      detail: string;
    }[];
    return {
      sql,
      complete: p.complete,
      orderPushed: p.orderPushed,
      plan: rows.map((r) => r.detail),
    };
  }

  async handle(api: string, data: unknown): Promise<unknown> {
    const requestId = `devcloud-${++this.requests}`;
    try {
      const req = (isPlainObject(data) ? data : {}) as Req;
      const result = await this.dispatch(api, req);
      return { ...(result as object), requestId };
    } catch (e) {
      if (e instanceof DbError) return { code: e.code, message: e.message, requestId };
      const code: DbErrorCode = 'DATABASE_REQUEST_FAILED';
      return { code, message: (e as Error)?.message ?? String(e), requestId };
    }
  }

  private dispatch(api: string, req: Req): unknown {
    switch (api) {
      case 'database.getDocument':
        return req.transactionId ? this.txApi.get(req) : this.getDocument(req);
      case 'database.insertDocument':
        return req.transactionId ? this.txApi.insert(req) : this.insertDocument(req);
      case 'database.modifyDocument':
        return req.transactionId ? this.txApi.modify(req) : this.modifyDocument(req);
      case 'database.removeDocument':
        return req.transactionId ? this.txApi.remove(req) : this.removeDocument(req);
      case 'database.modifyAndReturnDoc':
        if (req.transactionId)
          throw requestFailed('modifyAndReturnDoc is not supported in a transaction');
        return this.modifyAndReturnDoc(req);
      case 'database.calculateDocument':
        return { data: { total: this.finder.count(this.collection(req), this.query(req)) } };
      case 'database.aggregateDocuments':
        return this.aggregateDocuments(req);
      case 'database.addCollection':
        return this.addCollection(req);
      case 'database.startTransaction':
      case 'database.commitTransaction':
      case 'database.abortTransaction':
      case 'database.getInTransaction':
      case 'database.updateDocInTransaction':
      case 'database.deleteDocInTransaction':
        return this.txApi.handle(api, req);
      default:
        throw new DbError('INVALID_ACTION', `unknown database action ${api}`);
    }
  }

  // ---- request parsing -------------------------------------------------------------------

  /** The request's collection, which must exist (CloudBase never creates one implicitly). */
  collection(req: Req): string {
    const name = req.collectionName;
    if (typeof name !== 'string' || !name) throw invalidParam('collectionName is required');
    if (!this.catalog.has(name)) throw collectionNotExist();
    return name;
  }

  query(req: Req): Doc | undefined {
    const q = decode(req.query, this.now());
    if (q === undefined) return undefined;
    if (!isPlainObject(q)) throw invalidParam('query must be an object');
    return q;
  }

  decodeObject(value: unknown, what: string): Doc {
    const v = decode(value, this.now());
    if (!isPlainObject(v)) throw invalidParam(`${what} must be an object`);
    return v;
  }

  private order(req: Req): Order {
    const o = decode(req.order, this.now());
    if (o === undefined) return [];
    if (!isPlainObject(o)) throw invalidParam('order must be an object');
    return Object.entries(o).map(([k, v]) => [k, v === -1 || v === 'desc' ? -1 : 1]);
  }

  projection(req: Req): Doc | undefined {
    const p = decode(req.projection, this.now());
    return isPlainObject(p) && Object.keys(p).length > 0 ? p : undefined;
  }

  /** The response list: stored text as is, or the projected document re-encoded. */
  list(rows: Row[], projection: Doc | undefined): string[] {
    let list: string[];
    if (!projection) list = rows.map((r) => r.text);
    else {
      const projected = this.finder.project(
        rows.map((r) => r.doc),
        projection,
      );
      list = projected.map((d) => encodeValue(d));
    }
    return this.checkSize(list);
  }

  /** Answers over 1 MB fail, as the service's do. */
  private checkSize(list: string[]): string[] {
    let bytes = 0;
    for (const s of list) bytes += Buffer.byteLength(s);
    if (bytes > this.opts.maxResponseBytes) throw responseTooLarge();
    return list;
  }

  /** Runs a plain write once no open transaction holds a lock on the documents it touches. */
  async writeWhenUnlocked<T>(
    collection: string,
    prepare: () => { writes: Write[]; ids: string[]; result: T },
  ): Promise<T> {
    const deadline = Date.now() + this.opts.lockWaitTimeoutMs;
    for (;;) {
      const p = prepare();
      const owners = new Set<Txn>();
      for (const id of p.ids) {
        const owner = this.txns.lockOwner(collection, id);
        if (owner) owners.add(owner);
      }
      if (owners.size === 0) {
        this.writer.apply(p.writes);
        return p.result;
      }
      if (!(await this.txns.waitFor([...owners], deadline))) {
        throw requestFailed(
          `lock wait timeout: a document of collection ${collection} is locked by an open transaction`,
        );
      }
    }
  }

  // ---- apis ------------------------------------------------------------------------------

  private getDocument(req: Req) {
    const coll = this.collection(req);
    const cap = this.opts.getLimit;
    const asked = Number(req.limit);
    const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, cap) : cap;
    const skip = Number.isInteger(Number(req.offset)) ? Math.max(0, Number(req.offset)) : 0;
    const rows = this.finder.find(coll, this.query(req), { order: this.order(req), skip, limit });
    return { data: { list: this.list(rows, this.projection(req)) } };
  }

  private insertDocument(req: Req) {
    const coll = this.collection(req);
    const docs = this.docsToInsert(req);
    const ids = docs.map((d) => d._id as string);
    return this.writeWhenUnlocked(coll, () => ({
      ids,
      writes: docs.map((doc) => ({
        collection: coll,
        id: idKey(doc._id),
        before: undefined,
        doc,
        insertOnly: true,
      })),
      result: { data: { insertedIds: ids } },
    }));
  }

  /** The documents of an insert request, each with an `_id`. */
  docsToInsert(req: Req): Doc[] {
    if (!Array.isArray(req.data) || req.data.length === 0) {
      throw invalidParam('data must be a non-empty array of documents');
    }
    return req.data.map((item) => {
      const doc = this.decodeObject(item, 'a document');
      const { _id, ...rest } = doc;
      if (_id !== undefined && typeof _id !== 'string' && typeof _id !== 'number') {
        throw invalidParam('_id must be a string or a number');
      }
      return { _id: _id ?? newId(), ...rest };
    });
  }

  private modifyDocument(req: Req) {
    const coll = this.collection(req);
    const query = this.query(req);
    const data = this.decodeObject(req.data, 'data');
    const merge = req.merge !== false;
    const update = merge ? (isOperatorUpdate(data) ? data : plainToSet(data)) : undefined;
    const multi = req.multi === true || (req.multi === undefined && req.queryType !== 'DOC');
    return this.writeWhenUnlocked(coll, () => {
      const rows = this.finder.find(coll, query, { limit: multi ? Infinity : 1 });
      const writes: Write[] = [];
      for (const row of rows) {
        const next = update ? applyUpdate(row.doc, update) : replacement(row.doc._id, data);
        if (encodeValue(next) !== row.text) {
          writes.push({ collection: coll, id: row.id, before: row.text, doc: next });
        }
      }
      let upsertId: unknown;
      if (rows.length === 0 && req.upsert === true) {
        const base = upsertBase(query);
        const id = base._id ?? newId();
        const doc = update ? applyUpdate({ ...base, _id: id }, update) : replacement(id, data);
        writes.push({ collection: coll, id: idKey(id), before: undefined, doc, insertOnly: true });
        upsertId = id;
      }
      const ids = rows.length ? rows.map((r) => r.id) : writes.map((w) => w.id);
      const updated = upsertId === undefined ? writes.length : 0;
      return { ids, writes, result: { data: { updated, upsert_id: upsertId } } };
    });
  }

  private modifyAndReturnDoc(req: Req) {
    const coll = this.collection(req);
    const query = this.query(req);
    const data = this.decodeObject(req.data, 'data');
    const update = isOperatorUpdate(data) ? data : plainToSet(data);
    return this.writeWhenUnlocked<{ data: { updated: number; doc: string | null } }>(coll, () => {
      const [row] = this.finder.find(coll, query, { limit: 1 });
      if (!row) return { ids: [], writes: [], result: { data: { updated: 0, doc: null } } };
      const next = applyUpdate(row.doc, update);
      const text = encodeValue(next);
      const changed = text !== row.text;
      return {
        ids: [row.id],
        writes: changed ? [{ collection: coll, id: row.id, before: row.text, doc: next }] : [],
        result: { data: { updated: changed ? 1 : 0, doc: text } },
      };
    });
  }

  private removeDocument(req: Req) {
    const coll = this.collection(req);
    const query = this.query(req);
    const multi = req.multi === true || (req.multi === undefined && req.queryType !== 'DOC');
    return this.writeWhenUnlocked(coll, () => {
      const rows = this.finder.find(coll, query, { limit: multi ? Infinity : 1 });
      return {
        ids: rows.map((r) => r.id),
        writes: rows.map((r) => ({ collection: coll, id: r.id, before: r.text, doc: null })),
        result: { data: { deleted: rows.length } },
      };
    });
  }

  private aggregateDocuments(req: Req) {
    const coll = this.collection(req);
    if (!Array.isArray(req.stages)) throw invalidParam('stages must be an array');
    const pipeline = req.stages.map((s) => {
      const stage = s as { stageKey?: unknown; stageValue?: unknown };
      if (typeof stage.stageKey !== 'string') throw invalidParam('a stage has no stageKey');
      return { [stage.stageKey]: decode(stage.stageValue, this.now()) } as Doc;
    });
    const docs = aggregate(this.finder, this.catalog, coll, pipeline, this.opts.aggregateLimit);
    return { data: { list: this.checkSize(docs.map((d) => encodeValue(d))) } };
  }

  private addCollection(req: Req) {
    const name = req.collectionName;
    if (typeof name !== 'string' || !/^[A-Za-z0-9_.-]{1,128}$/.test(name)) {
      throw invalidParam('collectionName must be 1-128 letters, digits, "_", "-" or "."');
    }
    if (this.catalog.has(name)) {
      throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`);
    }
    this.catalog.create(name);
    return {};
  }
}
