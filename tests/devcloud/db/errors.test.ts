// Error codes user code sees through the real wx-server-sdk.
//
// Error code table: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference/errcode.html
// (-502005 集合不存在, -502001 数据库请求失败, -501001 云端系统错误). Codes the service answers
// that wx-server-sdk 4.0.2's TCB_ERR_CODE table does not list (DATABASE_DUPLICATE_WRITE,
// EXCEED_MAX_RESPONSE_SIZE, DATABASE_TRANSACTION_CONFLICT) reach user code as -501001 with the
// service's message.
import { openFixture, rejection, type Fixture } from './helpers';

let f: Fixture;
beforeAll(() => {
  f = openFixture({
    collections: [
      {
        name: 'users',
        indexes: [
          { name: 'openid', unique: true, keys: [{ name: 'openid', direction: '1' }] },
          {
            name: 'pair',
            unique: true,
            keys: [
              { name: 'a', direction: '1' },
              { name: 'b', direction: '1' },
            ],
          },
        ],
      },
      { name: 'blobs' },
    ],
  });
});
afterAll(() => f.close());
beforeEach(() => f.store.reset());

// errcode.html: -502005 "集合不存在" for every operation on a missing collection (CloudBase does not
// create collections on write: https://docs.cloudbase.net/en/error-code/basic/DATABASE_COLLECTION_NOT_EXIST).
it('-502005 on a missing collection', async () => {
  const missing = f.db.collection('nope');
  const calls: [string, Promise<unknown>][] = [
    ['collection.get', missing.get()],
    ['collection.add', missing.add({ data: { a: 1 } })],
    ['collection.count', missing.count()],
    ['collection.update', missing.where({ a: 1 }).update({ data: { b: 1 } })],
    ['collection.remove', missing.where({ a: 1 }).remove()],
    ['document.get', missing.doc('x').get()],
    ['document.set', missing.doc('x').set({ data: { a: 1 } })],
  ];
  for (const [api, call] of calls) {
    const e = await rejection(call);
    expect(e.errCode).toBe(-502005);
    expect(e.errMsg).toBe(
      `${api}:fail -502005 database collection not exists. [ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.`,
    );
  }
  // wx-server-sdk's Aggregate.end does not map the code (no maybeTransformError): the TcbError
  // reaches user code with errCode -1 and its `code`.
  const e = await rejection(missing.aggregate().match({}).end());
  expect(e.errCode).toBe(-1);
  expect(e.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  expect(e.errMsg).toMatch(
    /^collection\.aggregate:fail \[ResourceNotFound\] Db or Table not exist/,
  );
  expect(f.store.collections()).not.toContain('nope');
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/Collection.add.md:
// an existing _id is a duplicate key (DATABASE_DUPLICATE_WRITE, https://docs.cloudbase.net/en/error-code/DATABASE_DUPLICATE_WRITE).
it('refuses a duplicate _id', async () => {
  await f.db.collection('users').add({ data: { _id: 'u1', openid: 'o1' } });
  const e = await rejection(f.db.collection('users').add({ data: { _id: 'u1', openid: 'o2' } }));
  expect(e.errCode).toBe(-501001);
  expect(e.errMsg).toMatch(
    /E11000 duplicate key error collection: users index: _id_ dup key: \{ _id: "u1" \}/,
  );
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/database/index.md
// (唯一性限制): a second record with the same key fails, on add and on update; the first stays.
it('enforces unique indexes', async () => {
  await f.db.collection('users').add({ data: { _id: 'u1', openid: 'o1', a: 1, b: 1 } });
  await f.db.collection('users').add({ data: { _id: 'u2', openid: 'o2', a: 1, b: 2 } });
  let e = await rejection(f.db.collection('users').add({ data: { openid: 'o1' } }));
  expect(e.errMsg).toMatch(/index: openid dup key: \{ openid: "o1" \}/);
  e = await rejection(
    f.db
      .collection('users')
      .doc('u2')
      .update({ data: { b: 1 } }),
  );
  expect(e.errMsg).toMatch(/index: pair dup key: \{ a: 1, b: 1 \}/);
  e = await rejection(
    f.db
      .collection('users')
      .where({ a: 1 })
      .update({ data: { openid: 'same' } }),
  );
  expect(e.errMsg).toMatch(/index: openid/);
  // Nothing of the failed multi-document update was written.
  expect((await f.db.collection('users').where({ openid: 'same' }).count()).total).toBe(0);
  expect((await f.db.collection('users').count()).total).toBe(2);
});

// guide/database/index.md (唯一性限制): "假如记录中不存在某个字段，则对索引字段来说其值默认为 null，
// 如果索引有唯一性限制，则不允许存在两个或以上的该字段为空 / 不存在该字段的记录".
it('treats a missing unique field as null', async () => {
  await f.db.collection('users').add({ data: { _id: 'n1', a: 5 } });
  const e = await rejection(f.db.collection('users').add({ data: { _id: 'n2', b: 5 } }));
  expect(e.errMsg).toMatch(/index: openid dup key: \{ openid: null \}/);
});

// errcode.html: -602001 / https://docs.cloudbase.net/error-code/EXCEED_MAX_RESPONSE_SIZE: an answer
// over 1 MB fails (EXCEED_MAX_RESPONSE_SIZE, shown by wx-server-sdk 4.0.2 as -501001).
it('fails a result over 1 MB', async () => {
  const big = 'x'.repeat(200 * 1024);
  for (let i = 0; i < 6; i++) await f.db.collection('blobs').add({ data: { i, big } });
  const e = await rejection(f.db.collection('blobs').get());
  expect(e.errCode).toBe(-501001);
  expect(e.errMsg).toMatch(/1MB/);
  // A smaller page is fine.
  expect((await f.db.collection('blobs').limit(4).get()).data).toHaveLength(4);
});
