// orderBy, skip, limit and field through the real wx-server-sdk, on indexed and unindexed keys.
import { openFixture, type Fixture } from './helpers';

let f: Fixture;
type Row = { _id: string; g?: string; n?: number; s?: string; at?: Date };

beforeAll(async () => {
  f = openFixture({
    collections: [
      {
        name: 'rows',
        indexes: [
          {
            name: 'g_n',
            keys: [
              { name: 'g', direction: '1' },
              { name: 'n', direction: '-1' },
            ],
          },
        ],
      },
    ],
  });
  for (let i = 0; i < 30; i++) {
    await f.db.collection('rows').add({
      data: {
        _id: `r${String(i).padStart(2, '0')}`,
        g: i % 3 === 0 ? 'x' : 'y',
        n: i % 7,
        s: String.fromCharCode(97 + (i % 5)),
        at: new Date(Date.UTC(2024, 0, 1 + i)),
        extra: { big: 'z'.repeat(10), keep: i },
      },
    });
  }
  await f.db.collection('rows').add({ data: { _id: 'zz-missing' } });
});
afterAll(() => f.close());

const pick = (rows: Row[]) => rows.map((r) => r._id);

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/Collection.orderBy.md:
// several orderBy calls sort by the first, then the second; missing values sort first ascending.
it('orders by several keys, indexed or not', async () => {
  const all = (await f.db.collection('rows').limit(100).get()).data as Row[];
  const expected = [...all].sort(
    (a, b) =>
      (a.g ?? '').localeCompare(b.g ?? '') ||
      (b.n ?? -1) - (a.n ?? -1) ||
      (a.s ?? '').localeCompare(b.s ?? '') ||
      a._id.localeCompare(b._id),
  );
  const got = await f.db
    .collection('rows')
    .orderBy('g', 'asc')
    .orderBy('n', 'desc')
    .orderBy('s', 'asc')
    .orderBy('_id', 'asc')
    .limit(100)
    .get();
  expect(pick(got.data)).toEqual(pick(expected));
  expect(got.data[0]._id).toBe('zz-missing');

  const byDate = await f.db.collection('rows').orderBy('at', 'desc').limit(3).get();
  expect(pick(byDate.data)).toEqual(['r29', 'r28', 'r27']);
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/Collection.skip.md
// and Collection.limit.md: pagination.
it('pages with skip and limit', async () => {
  const pages: string[] = [];
  for (let skip = 0; skip < 31; skip += 7) {
    const res = await f.db.collection('rows').orderBy('_id', 'asc').skip(skip).limit(7).get();
    pages.push(...pick(res.data));
  }
  const all = pick((await f.db.collection('rows').orderBy('_id', 'asc').limit(100).get()).data);
  expect(pages).toEqual(all);
  expect(all).toHaveLength(31);
  // A where() on an indexed field with an order the index gives, then a page.
  const ys = await f.db
    .collection('rows')
    .where({ g: 'y' })
    .orderBy('n', 'desc')
    .skip(2)
    .limit(3)
    .get();
  expect(ys.data.map((r: Row) => r.n)).toEqual([5, 5, 5]);
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/Collection.field.md:
// true/false chooses fields; _id is returned unless excluded.
it('projects fields', async () => {
  const inc = await f.db
    .collection('rows')
    .where({ _id: 'r01' })
    .field({ g: true, 'extra.keep': true })
    .get();
  expect(inc.data).toEqual([{ _id: 'r01', g: 'y', extra: { keep: 1 } }]);
  const exc = await f.db.collection('rows').doc('r01').field({ extra: false, at: false }).get();
  expect(exc.data).toEqual({ _id: 'r01', g: 'y', n: 1, s: 'b' });
  const noId = await f.db
    .collection('rows')
    .where({ _id: 'r02' })
    .field({ _id: false, n: true })
    .get();
  expect(noId.data).toEqual([{ n: 2 }]);
});
