// Transactions through the real wx-server-sdk: runTransaction, startTransaction, isolation.
//
// The CloudBase semantics (guide database/transaction.md; also
// https://cloud.tencent.com/document/product/876/48442): snapshot isolation with write locks; only
// single-document operations; a write by another transaction to a locked document fails; a
// non-transactional write to it waits until the lock is released.
import { openFixture, rejection, type Fixture, type Sdk } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('transactions', () => {
  let f: Fixture;
  beforeAll(() => {
    f = openFixture({
      collections: [{ name: 'acc' }],
      transactionTimeoutMs: 5000,
      lockWaitTimeoutMs: 400,
    });
  });
  afterAll(() => f.close());
  beforeEach(async () => {
    f.store.reset();
    await f.db.collection('acc').add({ data: { _id: 'a', balance: 100 } });
    await f.db.collection('acc').add({ data: { _id: 'b', balance: 0 } });
  });
  const balance = async (id: string) =>
    (await f.db.collection('acc').doc(id).get()).data.balance as number;

  // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/Database.runTransaction.md:
  // commits when the callback resolves; resolves with the callback's value.
  it('runTransaction commits and resolves with the callback value', async () => {
    const out = await f.db.runTransaction(async (t: Sdk) => {
      const a = (await t.collection('acc').doc('a').get()).data;
      await t
        .collection('acc')
        .doc('a')
        .update({ data: { balance: a.balance - 30 } });
      await t
        .collection('acc')
        .doc('b')
        .update({ data: { balance: f._.inc(30) } });
      const added = await t.collection('acc').add({ data: { _id: 'log1', amount: 30 } });
      return { moved: 30, log: added._id };
    });
    expect(out).toEqual({ moved: 30, log: 'log1' });
    expect(await balance('a')).toBe(70);
    expect(await balance('b')).toBe(30);
    expect((await f.db.collection('acc').doc('log1').get()).data.amount).toBe(30);
  });

  // Database.runTransaction.md: "transaction.rollback 传入的值" becomes the rejection; nothing is written.
  it('rollback(value) rejects with value and discards the writes', async () => {
    const e = await rejection(
      f.db.runTransaction(async (t: Sdk) => {
        await t
          .collection('acc')
          .doc('a')
          .update({ data: { balance: 0 } });
        await t.rollback({ reason: 'insufficient' });
      }),
    );
    expect(e).toEqual({ reason: 'insufficient' });
    expect(await balance('a')).toBe(100);
  });

  // Database.runTransaction.md: an error thrown in the callback rejects runTransaction (no retry).
  it('an error in the callback rolls back', async () => {
    let attempts = 0;
    const e = await rejection(
      f.db.runTransaction(async (t: Sdk) => {
        attempts++;
        await t
          .collection('acc')
          .doc('a')
          .update({ data: { balance: 1 } });
        throw new Error('boom');
      }),
    );
    expect(e.message).toBe('boom');
    expect(attempts).toBe(1);
    expect(await balance('a')).toBe(100);
  });

  // Database.runTransaction.md: "在内部发现事务冲突时会自动重复执行". A document the transaction
  // wrote was committed by someone else after it started: its commit fails with
  // DATABASE_TRANSACTION_CONFLICT, the callback runs again on fresh data.
  it('retries on a conflict', async () => {
    let attempts = 0;
    const out = await f.db.runTransaction(async (t: Sdk) => {
      attempts++;
      const a = (await t.collection('acc').doc('a').get()).data;
      if (attempts === 1) {
        await f.db
          .collection('acc')
          .doc('a')
          .update({ data: { balance: f._.inc(100) } });
      }
      await t
        .collection('acc')
        .doc('a')
        .update({ data: { balance: a.balance - 10 } });
      return a.balance - 10;
    });
    expect(attempts).toBe(2);
    expect(out).toBe(190);
    expect(await balance('a')).toBe(190);
  });

  // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/Database.startTransaction.md
  // and transaction/Transaction.commit.md: writes become visible at commit, not before.
  it('startTransaction: own writes visible inside, others see them after commit', async () => {
    const t = await f.db.startTransaction();
    await t
      .collection('acc')
      .doc('c')
      .set({ data: { balance: 5 } });
    await t.collection('acc').doc('a').remove();
    expect((await t.collection('acc').doc('c').get()).data).toEqual({ _id: 'c', balance: 5 });
    expect((await rejection(t.collection('acc').doc('a').get())).errCode).toBe(-1);
    // Outside: unchanged until commit.
    expect(await balance('a')).toBe(100);
    expect((await rejection(f.db.collection('acc').doc('c').get())).errCode).toBe(-1);
    await t.commit();
    expect(await balance('c')).toBe(5);
    expect((await rejection(f.db.collection('acc').doc('a').get())).errCode).toBe(-1);
  });

  // transaction/Transaction.rollback.md
  it('startTransaction: rollback discards', async () => {
    const t = await f.db.startTransaction();
    await t
      .collection('acc')
      .doc('a')
      .update({ data: { balance: 1 } });
    await t.rollback();
    expect(await balance('a')).toBe(100);
  });

  // Snapshot isolation: reads see the database as of the transaction's start.
  it('reads a snapshot taken at the start', async () => {
    const t = await f.db.startTransaction();
    await f.db
      .collection('acc')
      .doc('a')
      .update({ data: { balance: 500 } });
    expect((await t.collection('acc').doc('a').get()).data.balance).toBe(100);
    await t.rollback();
  });

  // Write locks: another transaction's write to a locked document fails (DATABASE_TRANSACTION_CONFLICT,
  // which wx-server-sdk reports inside the callback as errCode -501001 with the message).
  it("fails another transaction's write to a locked document", async () => {
    const t1 = await f.db.startTransaction();
    const t2 = await f.db.startTransaction();
    await t1
      .collection('acc')
      .doc('a')
      .update({ data: { balance: 1 } });
    const e = await rejection(
      t2
        .collection('acc')
        .doc('a')
        .update({ data: { balance: 2 } }),
    );
    expect(e.errCode).toBe(-501001);
    expect(e.errMsg).toMatch(/database transaction conflict/);
    await t2.rollback();
    await t1.commit();
    expect(await balance('a')).toBe(1);
  });

  // Write locks: a plain write to a locked document waits until the transaction ends; reads do not wait.
  it('makes a plain write wait for the lock', async () => {
    const t = await f.db.startTransaction();
    await t
      .collection('acc')
      .doc('a')
      .update({ data: { balance: f._.inc(1) } });
    let done = false;
    const plain = f.db
      .collection('acc')
      .doc('a')
      .update({ data: { balance: f._.inc(10) } })
      .then((r: unknown) => {
        done = true;
        return r;
      });
    await sleep(100);
    expect(done).toBe(false);
    expect(await balance('a')).toBe(100);
    await t.commit();
    expect((await plain).stats.updated).toBe(1);
    expect(await balance('a')).toBe(111);
  });

  it('fails a plain write that waits longer than the lock timeout', async () => {
    const t = await f.db.startTransaction();
    await t
      .collection('acc')
      .doc('a')
      .update({ data: { balance: 1 } });
    const e = await rejection(
      f.db
        .collection('acc')
        .doc('a')
        .update({ data: { balance: 2 } }),
    );
    expect(e.errCode).toBe(-502001);
    expect(e.errMsg).toMatch(/lock wait timeout/);
    await t.rollback();
    expect(await balance('a')).toBe(100);
  });

  // Database.runTransaction.md, 限制: only single-record operations are allowed in a transaction.
  it('refuses where() queries in a transaction', async () => {
    const e = await rejection(
      f.db.runTransaction(async (t: Sdk) => t.collection('acc').where({ balance: 100 }).get()),
    );
    expect(e.errMsg).toMatch(/single-document/);
  });
});

describe('transaction timeout', () => {
  let f: Fixture;
  beforeAll(() => {
    f = openFixture({ collections: [{ name: 'acc' }], transactionTimeoutMs: 150 });
  });
  afterAll(() => f.close());

  // Transactions left open are rolled back (CLOUDBASE.md §1.4: lifetime unconfirmed; 10 s default).
  it('rolls back a transaction left open too long', async () => {
    await f.db.collection('acc').add({ data: { _id: 'a', balance: 100 } });
    const t = await f.db.startTransaction();
    await t
      .collection('acc')
      .doc('a')
      .update({ data: { balance: 1 } });
    await sleep(300);
    // wx-server-sdk's Transaction.commit returns node-sdk's promise unwrapped: the rejection is
    // the TcbError itself ({ code, message }), not an errCode error.
    const e = await rejection(t.commit());
    expect(e.code).toBe('DATABASE_REQUEST_FAILED');
    expect(e.message).toMatch(/expired/);
    expect((await f.db.collection('acc').doc('a').get()).data.balance).toBe(100);
    // The lock went with it: a plain write goes through at once.
    await f.db
      .collection('acc')
      .doc('a')
      .update({ data: { balance: 2 } });
    expect((await f.db.collection('acc').doc('a').get()).data.balance).toBe(2);
  });
});
