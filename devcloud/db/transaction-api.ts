// The transaction requests. wx-server-sdk 4.0.2 uses @cloudbase/database's transaction/index.js:
// `database.startTransaction` → `{ transactionId }`, then the ordinary document requests carrying
// `transactionId` (doc().get/set/update/remove and add), then `database.commitTransaction` or
// `database.abortTransaction`. The older requests of transaction.js (getInTransaction,
// updateDocInTransaction, deleteDocInTransaction) are answered too.
import { EJSON } from 'bson';
import { encodeDoc, isPlainObject, parseDoc, type Doc } from './ejson';
import { duplicateKey, requestFailed } from './errors';
import { idKey } from './planner';
import type { Finder } from './query';
import type { Req, Store } from './store';
import type { Transactions, Txn } from './transactions';
import { applyUpdate, isOperatorUpdate, plainToSet, replacement } from './update';
import type { Writer } from './writer';

export class TransactionApi {
  constructor(
    private readonly store: Store,
    private readonly txns: Transactions,
    private readonly finder: Finder,
    private readonly writer: Writer,
  ) {}

  handle(api: string, req: Req): unknown {
    switch (api) {
      case 'database.startTransaction':
        return { transactionId: this.txns.begin().id };
      case 'database.commitTransaction':
        this.commit(this.txns.get(req.transactionId));
        return {};
      case 'database.abortTransaction':
        this.txns.abort(req.transactionId);
        return {};
      case 'database.getInTransaction': {
        const coll = this.store.collection(req);
        const doc = this.read(this.txns.get(req.transactionId), coll, idKey(req._id));
        return { data: EJSON.stringify(doc, { relaxed: false }) };
      }
      case 'database.updateDocInTransaction': {
        const data = this.store.decodeObject(req.data, 'data');
        const operators = isOperatorUpdate(data);
        const r = this.modifyOne(req, idKey(req._id), data, operators, req.upsert === true);
        return {
          updated: EJSON.stringify(r.updated),
          upserted: r.upsertId === undefined ? undefined : JSON.stringify([{ _id: r.upsertId }]),
        };
      }
      case 'database.deleteDocInTransaction':
        return { deleted: EJSON.stringify(this.removeOne(req, idKey(req._id))) };
      default:
        throw requestFailed(`unknown transaction action ${api}`);
    }
  }

  /** The `_id` of a single-document request; transactions refuse anything else. */
  private docId(req: Req): string {
    const q = this.store.query(req);
    const keys = q ? Object.keys(q) : [];
    if (keys.length !== 1 || keys[0] !== '_id' || isPlainObject(q?._id) || q?._id == null) {
      throw requestFailed(
        'only single-document operations (doc().get/set/update/remove and add) are allowed in a transaction',
      );
    }
    return idKey(q._id);
  }

  private read(txn: Txn, coll: string, id: string): Doc | null {
    const r = this.txns.read(txn, coll, id, () => this.finder.byId(coll, id));
    if (r.own) return r.doc;
    return r.text === undefined ? null : parseDoc(r.text);
  }

  get(req: Req) {
    const coll = this.store.collection(req);
    const txn = this.txns.get(req.transactionId);
    const id = this.docId(req);
    const doc = this.read(txn, coll, id);
    const rows = doc ? [{ id, text: encodeDoc(doc), doc }] : [];
    return { data: { list: this.store.list(rows, this.store.projection(req)) } };
  }

  insert(req: Req) {
    const coll = this.store.collection(req);
    const txn = this.txns.get(req.transactionId);
    const docs = this.store.docsToInsert(req);
    for (const doc of docs) {
      const id = idKey(doc._id);
      if (this.read(txn, coll, id)) {
        this.txns.finish(txn, 'aborted', 'rollback');
        throw duplicateKey(coll, '_id_', `{ _id: ${JSON.stringify(doc._id)} }`);
      }
      this.txns.write(txn, { collection: coll, id, doc });
    }
    return { data: { insertedIds: docs.map((d) => d._id) } };
  }

  modify(req: Req) {
    const data = this.store.decodeObject(req.data, 'data');
    const merge = req.merge !== false;
    const r = this.modifyOne(req, this.docId(req), data, merge, req.upsert === true);
    return { data: { updated: r.updated, upsert_id: r.upsertId } };
  }

  private modifyOne(req: Req, id: string, data: Doc, merge: boolean, upsert: boolean) {
    const coll = this.store.collection(req);
    const txn = this.txns.get(req.transactionId);
    const cur = this.read(txn, coll, id);
    if (!cur && !upsert) return { updated: 0, upsertId: undefined };
    const update = merge ? (isOperatorUpdate(data) ? data : plainToSet(data)) : undefined;
    const base = cur ?? { _id: id };
    const next = update ? applyUpdate(base, update) : replacement(base._id, data);
    this.txns.write(txn, { collection: coll, id, doc: next });
    if (!cur) return { updated: 0, upsertId: base._id };
    return { updated: encodeDoc(next) === encodeDoc(cur) ? 0 : 1, upsertId: undefined };
  }

  remove(req: Req) {
    return { data: { deleted: this.removeOne(req, this.docId(req)) } };
  }

  private removeOne(req: Req, id: string): number {
    const coll = this.store.collection(req);
    const txn = this.txns.get(req.transactionId);
    if (!this.read(txn, coll, id)) return 0;
    this.txns.write(txn, { collection: coll, id, doc: null });
    return 1;
  }

  private commit(txn: Txn): void {
    this.txns.validate(txn);
    const writes = [...txn.writes.values()].map((w) => ({
      collection: w.collection,
      id: w.id,
      before: this.finder.byId(w.collection, w.id),
      doc: w.doc,
    }));
    try {
      this.writer.apply(writes);
    } catch (e) {
      this.txns.finish(txn, 'aborted', 'rollback');
      throw e;
    }
    this.txns.finish(txn, 'committed');
  }
}
