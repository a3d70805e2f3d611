// CRUD through the real wx-server-sdk 4.0.2 on devcloud's Store.
import { openFixture, rejection, type Fixture } from './helpers';

let f: Fixture;
beforeAll(() => {
  f = openFixture({ collections: [{ name: 'todos' }, { name: 'other' }] });
});
afterAll(() => f.close());
beforeEach(() => f.store.reset());

describe('add', () => {
  // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/Collection.add.md: resolves { _id } of the new record; _id is generated
  // when not given.
  it('returns the generated _id', async () => {
    const res = await f.db.collection('todos').add({ data: { title: 'a', done: false } });
    expect(res.errMsg).toBe('collection.add:ok');
    expect(res._id).toMatch(/^[0-9a-f]{32}$/);
    const got = await f.db.collection('todos').doc(res._id).get();
    expect(got.data).toEqual({ _id: res._id, title: 'a', done: false });
  });

  // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/Collection.add.md: "_id 可以自定义"; server-side writes carry no _openid.
  it('keeps a given _id and adds no _openid', async () => {
    const res = await f.db.collection('todos').add({ data: { _id: 'mine', n: 1 } });
    expect(res._id).toBe('mine');
    const got = await f.db.collection('todos').doc('mine').get();
    expect(got.data).toEqual({ _id: 'mine', n: 1 });
  });

  // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/Collection.add.md: Date values are stored as dates and read back as Date.
  it('round-trips Dates, nested objects and arrays', async () => {
    const when = new Date('2024-05-06T07:08:09.010Z');
    const data = { when, nested: { a: [1, { b: 'x' }], c: null }, f: 1.5, neg: -3 };
    const { _id } = await f.db.collection('todos').add({ data });
    const { data: got } = await f.db.collection('todos').doc(_id).get();
    expect(got.when).toBeInstanceOf(Date);
    expect(got.when.getTime()).toBe(when.getTime());
    expect(got).toEqual({ _id, ...data });
  });
});

describe('doc().get', () => {
  // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/document/Document.get.md and CLOUDBASE.md §1.3: a missing record rejects with
  // errCode -1 "document with _id ... does not exist".
  it('rejects for a missing record', async () => {
    const e = await rejection(f.db.collection('todos').doc('nope').get());
    expect(e.errCode).toBe(-1);
    expect(e.errMsg).toBe('document.get:fail document with _id nope does not exist');
  });

  // Database({ throwOnNotFound: false }) (wx-server-sdk 3.0.4 changelog): data is null instead.
  it('resolves data null with throwOnNotFound: false', async () => {
    const db = f.cloud.database({ throwOnNotFound: false });
    const res = await db.collection('todos').doc('nope').get();
    expect(res).toEqual({ data: null, errMsg: 'document.get:ok' });
  });
});

describe('update / set / remove', () => {
  // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/document/Document.update.md: partial update; stats.updated is 0 or 1.
  it('merges sub-objects and reports updated', async () => {
    await f.db.collection('todos').add({ data: { _id: 't', style: { color: 'red', size: 1 } } });
    const res = await f.db
      .collection('todos')
      .doc('t')
      .update({ data: { style: { color: 'blue' }, done: true } });
    expect(res).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' });
    const { data } = await f.db.collection('todos').doc('t').get();
    expect(data).toEqual({ _id: 't', style: { color: 'blue', size: 1 }, done: true });
  });

  // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/document/Document.update.md: stats.updated 0 when nothing was updated (no throw).
  it('reports updated 0 for a missing record', async () => {
    const res = await f.db
      .collection('todos')
      .doc('nope')
      .update({ data: { a: 1 } });
    expect(res.stats.updated).toBe(0);
  });

  // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/document/Document.set.md: replaces the record, creates it when missing.
  it('set replaces or creates', async () => {
    await f.db.collection('todos').add({ data: { _id: 's', a: 1, b: 2 } });
    const replaced = await f.db
      .collection('todos')
      .doc('s')
      .set({ data: { c: 3 } });
    expect(replaced).toEqual({
      _id: 's',
      errMsg: 'document.set:ok',
      stats: { updated: 1, created: 0 },
    });
    expect((await f.db.collection('todos').doc('s').get()).data).toEqual({ _id: 's', c: 3 });
    const created = await f.db
      .collection('todos')
      .doc('new')
      .set({ data: { d: 4 } });
    expect(created.stats).toEqual({ updated: 0, created: 1 });
    expect((await f.db.collection('todos').doc('new').get()).data).toEqual({ _id: 'new', d: 4 });
  });

  // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/Collection.update.md: where().update updates every match, stats.updated.
  it('where().update updates all matches', async () => {
    for (let i = 0; i < 5; i++) {
      await f.db.collection('todos').add({ data: { i, done: i % 2 === 0 } });
    }
    const res = await f.db
      .collection('todos')
      .where({ done: false })
      .update({ data: { progress: 10 } });
    expect(res).toEqual({ stats: { updated: 2 }, errMsg: 'collection.update:ok' });
    const { total } = await f.db.collection('todos').where({ progress: 10 }).count();
    expect(total).toBe(2);
  });

  // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/document/Document.remove.md and Collection.remove.md: stats.removed.
  it('removes one or many', async () => {
    for (let i = 0; i < 4; i++) await f.db.collection('todos').add({ data: { _id: `r${i}`, i } });
    expect(await f.db.collection('todos').doc('r0').remove()).toEqual({
      stats: { removed: 1 },
      errMsg: 'document.remove:ok',
    });
    expect((await f.db.collection('todos').doc('r0').remove()).stats.removed).toBe(0);
    const res = await f.db
      .collection('todos')
      .where({ i: f._.gte(2) })
      .remove();
    expect(res.stats.removed).toBe(2);
    expect((await f.db.collection('todos').count()).total).toBe(1);
  });
});

describe('count / get', () => {
  // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/Collection.count.md: { total }.
  it('counts', async () => {
    for (let i = 0; i < 7; i++) await f.db.collection('todos').add({ data: { i } });
    expect(await f.db.collection('todos').count()).toEqual({
      total: 7,
      errMsg: 'collection.count:ok',
    });
    expect(
      (
        await f.db
          .collection('todos')
          .where({ i: f._.lt(3) })
          .count()
      ).total,
    ).toBe(3);
  });

  // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/Collection.get.md (guide database/read.html): on the server get()
  // returns at most 100 records by default and at most 100 with limit().
  it('returns at most 100 records', async () => {
    const docs = Array.from({ length: 130 }, (_, i) => ({ i }));
    for (const data of docs) await f.db.collection('todos').add({ data });
    expect((await f.db.collection('todos').get()).data).toHaveLength(100);
    expect((await f.db.collection('todos').limit(1000).get()).data).toHaveLength(100);
    const page2 = await f.db.collection('todos').orderBy('i', 'asc').skip(100).limit(100).get();
    expect(page2.data.map((d: { i: number }) => d.i)).toEqual(docs.slice(100).map((d) => d.i));
  });

  // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/Collection.get.md: { data: [...] , errMsg 'collection.get:ok' }.
  it('answers collection.get:ok', async () => {
    const res = await f.db.collection('other').get();
    expect(res).toEqual({ data: [], errMsg: 'collection.get:ok' });
  });
});

describe('createCollection', () => {
  // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/Database.createCollection.md: creates a collection; fails if it already exists.
  it('creates once', async () => {
    expect(await f.db.createCollection('fresh')).toMatchObject({ errMsg: 'createCollection:ok' });
    await f.db.collection('fresh').add({ data: { a: 1 } });
    expect(f.store.collections()).toContain('fresh');
    const e = await rejection(f.db.createCollection('fresh'));
    expect(e.errMsg).toMatch(/already exists/);
  });
});
