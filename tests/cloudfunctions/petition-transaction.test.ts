// withRetries: a whole transaction is run again on a transaction conflict, and on nothing else.
import { isTransactionConflict, withRetries } from '../../cloudfunctions/_shared/transaction';

const LOCKED = {
  errCode: -501001,
  errMsg:
    'document.set:fail -501001 resource system error. database transaction conflict: document 110101-2026 of collection counters is locked by another transaction',
};
const COMMIT = { code: 'DATABASE_TRANSACTION_CONFLICT', message: 'database transaction conflict' };
const DUPLICATE = {
  errCode: -501001,
  errMsg: 'document.add:fail -501001 resource system error. E11000 duplicate key error',
};

test.each([
  ['a write to a locked document inside the callback', LOCKED, true],
  ['a commit conflict left after the SDK retries', COMMIT, true],
  ['a duplicate key', DUPLICATE, false],
  ['a plain error', new Error('boom'), false],
  ['nothing', null, false],
])('When the error is %s, then isTransactionConflict is %s', (_what, error, expected) => {
  expect(isTransactionConflict(error)).toBe(expected);
});

test('When the first tries conflict, then the transaction is run again until it commits', async () => {
  let calls = 0;
  const result = await withRetries(async () => {
    calls += 1;
    if (calls < 3) throw LOCKED;
    return 'committed';
  });
  expect(result).toBe('committed');
  expect(calls).toBe(3);
});

test('When it keeps conflicting, then it gives up after the attempts and throws the conflict', async () => {
  let calls = 0;
  await expect(
    withRetries(async () => {
      calls += 1;
      throw COMMIT;
    }, 4),
  ).rejects.toBe(COMMIT);
  expect(calls).toBe(4);
});

test('When the error is not a conflict, then it is thrown at once', async () => {
  let calls = 0;
  await expect(
    withRetries(async () => {
      calls += 1;
      throw DUPLICATE;
    }),
  ).rejects.toBe(DUPLICATE);
  expect(calls).toBe(1);
});
