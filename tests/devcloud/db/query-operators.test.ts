// Query operators (db.command) through the real wx-server-sdk, answered with MongoDB semantics.
import { openFixture, type Fixture } from './helpers';

let f: Fixture;
const ids = async (q: unknown): Promise<string[]> =>
  (
    (await f.db.collection('items').where(q).orderBy('_id', 'asc').get()).data as { _id: string }[]
  ).map((d) => d._id);

beforeAll(async () => {
  f = openFixture({ collections: [{ name: 'items' }] });
  const docs = [
    { _id: 'a', n: 1, s: 'apple', tags: ['red', 'fruit'], o: { k: 1 }, d: new Date('2024-01-01') },
    {
      _id: 'b',
      n: 5,
      s: 'Banana',
      tags: ['yellow', 'fruit'],
      o: { k: 2 },
      d: new Date('2024-02-01'),
    },
    { _id: 'c', n: 10, s: 'cherry', tags: ['red'], o: { k: 3 }, d: new Date('2024-03-01') },
    { _id: 'd', n: null, s: 'date', tags: [], items: [{ q: 1 }, { q: 9 }] },
    { _id: 'e', s: '5', flag: true },
  ];
  for (const data of docs) await f.db.collection('items').add({ data });
});
afterAll(() => f.close());

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.eq.md
// and Command.neq.md: eq matches equal values; neq also matches records without the field.
it('eq / neq', async () => {
  expect(await ids({ n: f._.eq(5) })).toEqual(['b']);
  expect(await ids({ n: 5 })).toEqual(['b']);
  expect(await ids({ n: f._.neq(5) })).toEqual(['a', 'c', 'd', 'e']);
  // Nested fields by object or dotted path (Collection.where.md).
  expect(await ids({ o: { k: 2 } })).toEqual(['b']);
  expect(await ids({ 'o.k': 3 })).toEqual(['c']);
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.gt.md, gte, lt, lte: comparisons stay within a type (MongoDB), so the
// string '5' never compares with numbers.
it('gt / gte / lt / lte', async () => {
  expect(await ids({ n: f._.gt(1) })).toEqual(['b', 'c']);
  expect(await ids({ n: f._.gte(1) })).toEqual(['a', 'b', 'c']);
  expect(await ids({ n: f._.lt(10) })).toEqual(['a', 'b']);
  expect(await ids({ n: f._.lte(10).and(f._.gt(1)) })).toEqual(['b', 'c']);
  expect(await ids({ s: f._.gt('b') })).toEqual(['c', 'd']);
  expect(await ids({ d: f._.gte(new Date('2024-02-01')) })).toEqual(['b', 'c']);
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.in.md and Command.nin.md.
it('in / nin', async () => {
  expect(await ids({ n: f._.in([1, 10]) })).toEqual(['a', 'c']);
  expect(await ids({ n: f._.nin([1, 10]) })).toEqual(['b', 'd', 'e']);
  // An array field matches when any element is in the list.
  expect(await ids({ tags: f._.in(['yellow']) })).toEqual(['b']);
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.and.md, Command.or.md, Command.nor.md, Command.not.md.
it('and / or / nor / not', async () => {
  expect(await ids(f._.or([{ n: 1 }, { s: 'cherry' }]))).toEqual(['a', 'c']);
  expect(await ids({ n: f._.gt(4).or(f._.lt(2)) })).toEqual(['a', 'b', 'c']);
  expect(await ids(f._.and([{ n: f._.gt(0) }, { tags: 'fruit' }]))).toEqual(['a', 'b']);
  expect(await ids(f._.nor([{ n: 1 }, { n: 5 }, { n: 10 }]))).toEqual(['d', 'e']);
  expect(await ids({ n: f._.not(f._.gt(4)) })).toEqual(['a', 'd', 'e']);
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.exists.md: null values exist; missing fields do not.
it('exists', async () => {
  expect(await ids({ n: f._.exists(true) })).toEqual(['a', 'b', 'c', 'd']);
  expect(await ids({ n: f._.exists(false) })).toEqual(['e']);
  // { field: null } matches null and missing (MongoDB).
  expect(await ids({ n: null })).toEqual(['d', 'e']);
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.elemMatch.md, Command.size.md, Command.all.md.
it('elemMatch / size / all', async () => {
  expect(await ids({ items: f._.elemMatch({ q: f._.gt(5) }) })).toEqual(['d']);
  expect(await ids({ tags: f._.size(2) })).toEqual(['a', 'b']);
  expect(await ids({ tags: f._.all(['red', 'fruit']) })).toEqual(['a']);
  // Equality on an array field matches any element.
  expect(await ids({ tags: 'red' })).toEqual(['a', 'c']);
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/Database.RegExp.md: db.RegExp({ regexp, options }) and JS RegExp literals.
it('regular expressions', async () => {
  expect(await ids({ s: f.db.RegExp({ regexp: '^b', options: 'i' }) })).toEqual(['b']);
  expect(await ids({ s: /an/ })).toEqual(['b']);
  expect(await ids({ s: /^[a-c]/ })).toEqual(['a', 'c']);
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.mod.md and boolean equality.
it('mod and booleans', async () => {
  expect(await ids({ n: f._.mod([5, 0]) })).toEqual(['b', 'c']);
  expect(await ids({ flag: true })).toEqual(['e']);
});
