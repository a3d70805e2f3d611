// Aggregation through the real wx-server-sdk: db.collection().aggregate()....end().
import { openFixture, type Fixture } from './helpers';

let f: Fixture;

beforeAll(async () => {
  f = openFixture({
    collections: [
      {
        name: 'orders',
        indexes: [{ name: 'city', keys: [{ name: 'city', direction: '1' }] }],
      },
      { name: 'cities' },
    ],
  });
  const orders = [
    { _id: 'o1', city: 'sh', amount: 10, items: ['a', 'b'] },
    { _id: 'o2', city: 'sh', amount: 30, items: ['a'] },
    { _id: 'o3', city: 'bj', amount: 20, items: [] },
    { _id: 'o4', city: 'gz', amount: 5, items: ['c'] },
  ];
  for (const data of orders) await f.db.collection('orders').add({ data });
  for (const data of [
    { _id: 'sh', name: 'Shanghai' },
    { _id: 'bj', name: 'Beijing' },
  ]) {
    await f.db.collection('cities').add({ data });
  }
});
afterAll(() => f.close());

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/aggregate/Aggregate.match.md,
// Aggregate.group.md, Aggregate.sort.md: { list, errMsg: 'collection.aggregate:ok' }.
it('match / group / sort', async () => {
  const res = await f.db
    .collection('orders')
    .aggregate()
    .match({ amount: f._.gte(10) })
    .group({ _id: '$city', total: f.$.sum('$amount'), n: f.$.sum(1) })
    .sort({ total: -1 })
    .end();
  expect(res.errMsg).toBe('collection.aggregate:ok');
  expect(res.list).toEqual([
    { _id: 'sh', total: 40, n: 2 },
    { _id: 'bj', total: 20, n: 1 },
  ]);
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/aggregate/Aggregate.project.md,
// Aggregate.addFields.md, Aggregate.skip.md, Aggregate.limit.md, Aggregate.count.md
it('project / addFields / skip / limit / count', async () => {
  const res = await f.db
    .collection('orders')
    .aggregate()
    .sort({ amount: 1 })
    .addFields({ double: f.$.multiply(['$amount', 2]) })
    .project({ _id: 0, double: 1 })
    .skip(1)
    .limit(2)
    .end();
  expect(res.list).toEqual([{ double: 20 }, { double: 40 }]);
  const count = await f.db.collection('orders').aggregate().match({ city: 'sh' }).count('n').end();
  expect(count.list).toEqual([{ n: 2 }]);
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/aggregate/Aggregate.unwind.md
it('unwind', async () => {
  const res = await f.db
    .collection('orders')
    .aggregate()
    .unwind('$items')
    .group({ _id: '$items', n: f.$.sum(1) })
    .sort({ _id: 1 })
    .end();
  expect(res.list).toEqual([
    { _id: 'a', n: 2 },
    { _id: 'b', n: 1 },
    { _id: 'c', n: 1 },
  ]);
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/aggregate/Aggregate.lookup.md:
// equality join (localField/foreignField) and the let/pipeline form.
it('lookup', async () => {
  const eq = await f.db
    .collection('orders')
    .aggregate()
    .match({ city: f._.in(['sh', 'gz']) })
    .sort({ _id: 1 })
    .lookup({ from: 'cities', localField: 'city', foreignField: '_id', as: 'c' })
    .project({ city: 1, names: '$c.name' })
    .end();
  expect(eq.list).toEqual([
    { _id: 'o1', city: 'sh', names: ['Shanghai'] },
    { _id: 'o2', city: 'sh', names: ['Shanghai'] },
    { _id: 'o4', city: 'gz', names: [] },
  ]);
  const piped = await f.db
    .collection('cities')
    .aggregate()
    .sort({ _id: 1 })
    .lookup({
      from: 'orders',
      let: { id: '$_id' },
      pipeline: f.$.pipeline()
        .match(f._.expr(f.$.eq(['$city', '$$id'])))
        .project({ _id: 0, amount: 1 })
        .done(),
      as: 'orders',
    })
    .end();
  expect(piped.list).toEqual([
    { _id: 'bj', name: 'Beijing', orders: [{ amount: 20 }] },
    { _id: 'sh', name: 'Shanghai', orders: [{ amount: 10 }, { amount: 30 }] },
  ]);
});

// Aggregate.end without limit(): the service answers 20 documents at most (users' reports:
// https://developers.weixin.qq.com/community/develop/article/doc/000624c67c8b48611dba2b12058c13).
it('answers 20 documents without a $limit', async () => {
  await f.db.createCollection('many');
  for (let i = 0; i < 25; i++) await f.db.collection('many').add({ data: { i } });
  expect((await f.db.collection('many').aggregate().match({}).end()).list).toHaveLength(20);
  expect((await f.db.collection('many').aggregate().limit(25).end()).list).toHaveLength(25);
});
