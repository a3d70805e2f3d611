// The Store's own surface and the requests wx-server-sdk 4.0.2 does not send but
// @cloudbase/database 1.4.3 can (transaction.js's getInTransaction / updateDocInTransaction /
// deleteDocInTransaction, query.js's modifyAndReturnDoc), answered in the shapes those files read.
import { join, dirname } from 'node:path';
import { runInNewContext } from 'node:vm';
import { EJSON } from 'bson';
import { Store } from '../../../devcloud/db';
import { installDatabaseHook, uninstallDatabaseHook } from '../../../devcloud/hooks/database';

const ej = (v: object) => EJSON.stringify(v, { relaxed: false });
type Res = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let store: Store;
beforeEach(() => {
  store = new Store({ file: ':memory:', collections: [{ name: 'c' }] });
});
afterEach(() => store.close());
const call = (api: string, data?: unknown) => store.handle(api, data) as Promise<Res>;

it('answers the transaction.js requests', async () => {
  await call('database.insertDocument', { collectionName: 'c', data: [ej({ _id: 'a', n: 1 })] });
  const { transactionId } = await call('database.startTransaction');
  expect(typeof transactionId).toBe('string');
  const got = await call('database.getInTransaction', {
    collectionName: 'c',
    transactionId,
    _id: 'a',
  });
  expect(EJSON.parse(got.data)).toEqual({ _id: 'a', n: 1 });
  const upd = await call('database.updateDocInTransaction', {
    collectionName: 'c',
    transactionId,
    _id: 'a',
    data: ej({ $set: { n: 2 } }),
  });
  expect(EJSON.parse(upd.updated)).toBe(1);
  const set = await call('database.updateDocInTransaction', {
    collectionName: 'c',
    transactionId,
    _id: 'b',
    data: ej({ m: 1 }),
    upsert: true,
  });
  expect(JSON.parse(set.upserted)).toEqual([{ _id: 'b' }]);
  const del = await call('database.deleteDocInTransaction', {
    collectionName: 'c',
    transactionId,
    _id: 'a',
  });
  expect(EJSON.parse(del.deleted)).toBe(1);
  expect(
    EJSON.parse(
      (await call('database.getInTransaction', { collectionName: 'c', transactionId, _id: 'a' }))
        .data,
    ),
  ).toBeNull();
  await call('database.commitTransaction', { transactionId });
  const list = (await call('database.getDocument', { collectionName: 'c', limit: 100 })).data.list;
  expect(list.map((s: string) => EJSON.parse(s))).toEqual([{ _id: 'b', m: 1 }]);
  // Committing twice is refused; aborting an aborted transaction is not.
  expect((await call('database.commitTransaction', { transactionId })).code).toBe(
    'DATABASE_REQUEST_FAILED',
  );
});

it('answers modifyAndReturnDoc with the updated document', async () => {
  await call('database.insertDocument', { collectionName: 'c', data: [ej({ _id: 'a', n: 1 })] });
  const res = await call('database.modifyAndReturnDoc', {
    collectionName: 'c',
    queryType: 'WHERE',
    query: ej({ n: 1 }),
    data: ej({ $inc: { n: 5 } }),
  });
  expect(res.data.updated).toBe(1);
  expect(EJSON.parse(res.data.doc)).toEqual({ _id: 'a', n: 6 });
});

it('refuses unknown actions and unknown update operators', async () => {
  expect((await call('database.nope', {})).code).toBe('INVALID_ACTION');
  await call('database.insertDocument', { collectionName: 'c', data: [ej({ _id: 'a' })] });
  const res = await call('database.modifyDocument', {
    collectionName: 'c',
    queryType: 'DOC',
    query: ej({ _id: 'a' }),
    data: ej({ $frobnicate: { x: 1 } }),
    multi: false,
    merge: true,
    upsert: false,
  });
  expect(res.code).toBe('DATABASE_INVALID_OPERRATOR');
});

// Requests from a worker arrive through a MessagePort, built in another realm than the Store's
// (under jest, always): they are plain objects all the same.
it('accepts requests built in another realm', async () => {
  const foreign = runInNewContext(
    `({ collectionName: 'c', data: [${JSON.stringify(ej({ _id: 'x', n: 1 }))}] })`,
  ) as object;
  expect(Object.getPrototypeOf(foreign)).not.toBe(Object.prototype);
  expect((await call('database.insertDocument', foreign)).data.insertedIds).toEqual(['x']);
});

it('lists, resets and exposes the connection', async () => {
  await call('database.addCollection', { collectionName: 'extra' });
  expect(store.collections()).toEqual(['c', 'extra']);
  await call('database.insertDocument', { collectionName: 'c', data: [ej({ a: 1 })] });
  store.reset();
  expect(store.collections()).toEqual(['c']);
  expect(store.raw.prepare('SELECT COUNT(*) FROM "coll_c"').pluck().get()).toBe(0);
});

// The hook point: installed on the node-sdk instance wx-server-sdk loads, removable.
it('installs on, and restores, the SDK requester', () => {
  const nodeRequire = require as unknown as NodeJS.Require;
  const sdkDir = dirname(nodeRequire.resolve('wx-server-sdk'));
  const requester = require(
    join(
      dirname(nodeRequire.resolve('@cloudbase/node-sdk/package.json', { paths: [sdkDir] })),
      'dist/utils/tcbdbapirequester.js',
    ),
  ) as { TcbDBApiHttpRequester: { prototype: { send: unknown } } };
  const original = requester.TcbDBApiHttpRequester.prototype.send;
  installDatabaseHook(async () => ({ data: {} }));
  expect(requester.TcbDBApiHttpRequester.prototype.send).not.toBe(original);
  uninstallDatabaseHook();
  expect(requester.TcbDBApiHttpRequester.prototype.send).toBe(original);
});
