// Transactions, as CloudBase documents them (only single-document operations; snapshot isolation
// with write locks; a transaction's write to a document another open transaction has written
// fails; a non-transactional write to such a document waits until the lock is released):
//
// - Reads see a snapshot as of the transaction's start, plus its own writes. Committed writes
//   made while transactions are open keep their before-image here until no open transaction
//   started before them.
// - Writes are buffered and take a lock on (collection, _id); they are applied atomically, in one
//   SQLite transaction, at commit.
// - A write to a document locked by another open transaction fails at once with
//   DATABASE_TRANSACTION_CONFLICT and aborts the transaction (as MongoDB aborts on WriteConflict).
// - At commit, a document the transaction wrote that someone else committed after the
//   transaction started (first committer wins) fails the commit with DATABASE_TRANSACTION_CONFLICT.
//   That is the error `runTransaction` retries on: wx-server-sdk 4.0.2 wraps errors of the
//   operations inside the callback into errCode -501001 errors without the `code`, so only a
//   conflict reported by commit (thrown raw by @cloudbase/database) is retried.
// - Transactions left open longer than the timeout are rolled back.
import { randomBytes } from 'node:crypto';
import { setTimeout } from 'node:timers';
import type { Doc } from './ejson';
import { requestFailed, transactionConflict } from './errors';

export interface TxnWrite {
  collection: string;
  id: string;
  /** null: delete. */
  doc: Doc | null;
}

type State = 'open' | 'committed' | 'aborted';
type Reason = 'rollback' | 'conflict' | 'expired' | 'closed';

export class Txn {
  state: State = 'open';
  reason?: Reason;
  readonly writes = new Map<string, TxnWrite>();
  readonly done: Promise<void>;
  release!: () => void;
  timer?: NodeJS.Timeout;

  constructor(
    readonly id: string,
    readonly startSeq: number,
  ) {
    this.done = new Promise((resolve) => (this.release = resolve));
  }
}

export function lockKey(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}

interface Version {
  seq: number;
  /** The stored text before the write (undefined: the document did not exist). */
  before: string | undefined;
}

export class Transactions {
  /** Sequence number of the last committed write operation. */
  private seq = 0;
  private readonly open = new Map<string, Txn>();
  private readonly finished = new Map<string, Txn>();
  private readonly locks = new Map<string, Txn>();
  private readonly history = new Map<string, Version[]>();
  private readonly lastWrite = new Map<string, number>();

  constructor(private readonly timeoutMs: number) {}

  get openCount(): number {
    return this.open.size;
  }

  begin(): Txn {
    const txn = new Txn(randomBytes(12).toString('hex'), this.seq);
    this.open.set(txn.id, txn);
    txn.timer = setTimeout(() => this.finish(txn, 'aborted', 'expired'), this.timeoutMs);
    txn.timer.unref();
    return txn;
  }

  /** The open transaction with this id, or the error the service gives for it. */
  get(id: unknown): Txn {
    const txn = this.open.get(String(id));
    if (txn) return txn;
    const old = this.finished.get(String(id));
    if (!old) throw requestFailed(`transaction ${String(id)} does not exist`);
    if (old.reason === 'conflict') throw transactionConflict('the transaction was aborted');
    if (old.reason === 'expired') {
      throw requestFailed(
        `transaction ${old.id} expired (open longer than ${this.timeoutMs} ms) and was rolled back`,
      );
    }
    throw requestFailed(`transaction ${old.id} is already ${old.state}`);
  }

  /** Rolls back; idempotent for transactions already aborted. */
  abort(id: unknown): void {
    const txn = this.open.get(String(id));
    if (txn) return this.finish(txn, 'aborted', 'rollback');
    const old = this.finished.get(String(id));
    if (old?.state === 'aborted') return;
    this.get(id);
  }

  abortAll(): void {
    for (const txn of [...this.open.values()]) this.finish(txn, 'aborted', 'closed');
  }

  /** The open transaction holding a lock on the document, if any. */
  lockOwner(collection: string, id: string): Txn | undefined {
    return this.locks.get(lockKey(collection, id));
  }

  /** The document as the transaction sees it: own writes, else its snapshot. */
  read(txn: Txn, collection: string, id: string, current: () => string | undefined) {
    const key = lockKey(collection, id);
    const own = txn.writes.get(key);
    if (own) return { own: true as const, doc: own.doc };
    const versions = this.history.get(key);
    const v = versions?.find((e) => e.seq > txn.startSeq);
    return { own: false as const, text: v ? v.before : current() };
  }

  /** Buffers a write, taking the document's lock. */
  write(txn: Txn, w: TxnWrite): void {
    const key = lockKey(w.collection, w.id);
    const owner = this.locks.get(key);
    if (owner && owner !== txn) {
      this.finish(txn, 'aborted', 'conflict');
      throw transactionConflict(
        `document ${w.id} of collection ${w.collection} is locked by another transaction`,
      );
    }
    this.locks.set(key, txn);
    txn.writes.set(key, w);
  }

  /** First committer wins: fails (and aborts) if a written document changed since the start. */
  validate(txn: Txn): void {
    for (const [key, w] of txn.writes) {
      if ((this.lastWrite.get(key) ?? 0) > txn.startSeq) {
        this.finish(txn, 'aborted', 'conflict');
        throw transactionConflict(
          `document ${w.id} of collection ${w.collection} was modified after the transaction started`,
        );
      }
    }
  }

  /** Starts a committed write operation; returns its sequence number. */
  nextSeq(): number {
    return ++this.seq;
  }

  /** Records a committed write, for the snapshots and conflict checks of open transactions. */
  recordWrite(seq: number, collection: string, id: string, before: string | undefined): void {
    if (this.open.size === 0) return;
    const key = lockKey(collection, id);
    const versions = this.history.get(key) ?? [];
    versions.push({ seq, before });
    this.history.set(key, versions);
    this.lastWrite.set(key, seq);
  }

  finish(txn: Txn, state: State, reason?: Reason): void {
    if (txn.state !== 'open') return;
    txn.state = state;
    txn.reason = reason;
    clearTimeout(txn.timer);
    this.open.delete(txn.id);
    for (const key of txn.writes.keys()) {
      if (this.locks.get(key) === txn) this.locks.delete(key);
    }
    this.finished.set(txn.id, txn);
    if (this.finished.size > 1000) {
      this.finished.delete(this.finished.keys().next().value as string);
    }
    this.prune();
    txn.release();
  }

  /** Waits until one of the transactions finishes, or the deadline passes; false on timeout. */
  async waitFor(owners: Txn[], deadline: number): Promise<boolean> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), remaining);
    });
    const done = Promise.race(owners.map((o) => o.done.then(() => true as const)));
    try {
      return await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Drops versions no open transaction can see any more. */
  private prune(): void {
    if (this.open.size === 0) {
      this.history.clear();
      this.lastWrite.clear();
      return;
    }
    const oldest = Math.min(...[...this.open.values()].map((t) => t.startSeq));
    for (const [key, versions] of this.history) {
      const keep = versions.filter((v) => v.seq > oldest);
      if (keep.length) this.history.set(key, keep);
      else this.history.delete(key);
    }
    for (const [key, seq] of this.lastWrite) if (seq <= oldest) this.lastWrite.delete(key);
  }
}
