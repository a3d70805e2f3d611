// Retrying a whole transaction when another one got to the same documents first.
//
// `db.runTransaction` retries on its own only a conflict reported at commit (first committer
// wins). A conflict on a write inside the callback — the document is locked by another open
// transaction — aborts the transaction at once, and wx-server-sdk 4.0.2 wraps that operation's
// error into `{ errCode: -501001, errMsg }`, losing the service's `code`; the errMsg keeps the
// service's message (CloudBase: DATABASE_TRANSACTION_CONFLICT). Observed on devcloud:
//   { errCode: -501001, errMsg: 'document.set:fail -501001 resource system error. database
//     transaction conflict: document 110101-2026 of collection counters is locked by another transaction' }
// When runTransaction's own retries run out, the commit's error arrives raw from
// @cloudbase/database as `{ code: 'DATABASE_TRANSACTION_CONFLICT', message }`. Both are recognised
// here; nothing else is retried (a Failure, a duplicate key, a timeout are answers, not races).
import { setTimeout as sleep } from 'node:timers/promises';

const CONFLICT_CODE = 'DATABASE_TRANSACTION_CONFLICT';
const CONFLICT_MESSAGE = /database transaction conflict|DATABASE_TRANSACTION_CONFLICT/;
/** wx-server-sdk's errCode for service codes missing from its table. */
const WRAPPED_ERRCODE = -501001;

/** Whether an error thrown by `db.runTransaction` means "another transaction won: try again". */
export function isTransactionConflict(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const err = e as { code?: unknown; errCode?: unknown; errMsg?: unknown; message?: unknown };
  if (err.code === CONFLICT_CODE) return true;
  return (
    err.errCode === WRAPPED_ERRCODE &&
    typeof err.errMsg === 'string' &&
    CONFLICT_MESSAGE.test(err.errMsg)
  );
}

const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 500;

/**
 * Runs `fn` (one whole `db.runTransaction`) again on a transaction conflict, up to `attempts`
 * times in all, waiting a random time up to an exponentially growing bound between tries ("full
 * jitter"), so that racing callers spread out instead of colliding again in step.
 */
export async function withRetries<T>(fn: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= attempts || !isTransactionConflict(e)) throw e;
      const bound = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
      await sleep(Math.random() * bound);
    }
  }
}
