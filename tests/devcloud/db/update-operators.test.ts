// Update operators (db.command) and db.serverDate() through the real wx-server-sdk.
import { openFixture, rejection, type Fixture } from './helpers';

const NOW = new Date('2025-03-04T05:06:07.000Z');
let f: Fixture;

beforeAll(() => {
  f = openFixture({ collections: [{ name: 'docs' }], now: () => NOW });
});
afterAll(() => f.close());
beforeEach(() => f.store.reset());

async function updated(initial: object, data: object): Promise<Record<string, unknown>> {
  await f.db.collection('docs').add({ data: { _id: 'x', ...initial } });
  await f.db.collection('docs').doc('x').update({ data });
  const { data: doc } = await f.db.collection('docs').doc('x').get();
  return doc;
}

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.set.md:
// _.set(obj) replaces the field with the object (no merge); plain objects merge.
it('set', async () => {
  expect(await updated({ s: { a: 1, b: 2 } }, { s: f._.set({ c: 3 }) })).toEqual({
    _id: 'x',
    s: { c: 3 },
  });
  f.store.reset();
  expect(await updated({ s: { a: 1, b: 2 } }, { s: { c: 3 } })).toEqual({
    _id: 'x',
    s: { a: 1, b: 2, c: 3 },
  });
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.remove.md
it('remove', async () => {
  expect(await updated({ a: 1, b: 2 }, { a: f._.remove() })).toEqual({ _id: 'x', b: 2 });
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.inc.md
// and Command.mul.md: atomic; a missing field counts as 0.
it('inc / mul', async () => {
  expect(await updated({ n: 1 }, { n: f._.inc(2), m: f._.inc(5), p: f._.mul(3) })).toEqual({
    _id: 'x',
    n: 3,
    m: 5,
    p: 0,
  });
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.min.md
// and Command.max.md
it('min / max', async () => {
  expect(await updated({ lo: 5, hi: 5 }, { lo: f._.min(3), hi: f._.max(3) })).toEqual({
    _id: 'x',
    lo: 3,
    hi: 5,
  });
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.rename.md
it('rename', async () => {
  expect(await updated({ old: 1 }, { old: f._.rename('fresh') })).toEqual({ _id: 'x', fresh: 1 });
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.push.md:
// each, position, sort, slice; the old array signature appends.
it('push', async () => {
  expect(await updated({ t: ['a'] }, { t: f._.push(['b', 'c']) })).toEqual({
    _id: 'x',
    t: ['a', 'b', 'c'],
  });
  f.store.reset();
  expect(
    await updated({ t: ['a', 'd'] }, { t: f._.push({ each: ['b', 'c'], position: 1 }) }),
  ).toEqual({ _id: 'x', t: ['a', 'b', 'c', 'd'] });
  f.store.reset();
  expect(
    await updated({ t: [3, 1] }, { t: f._.push({ each: [2, 5], sort: -1, slice: 3 }) }),
  ).toEqual({ _id: 'x', t: [5, 3, 2] });
  f.store.reset();
  expect(await updated({}, { t: f._.push(['new']) })).toEqual({ _id: 'x', t: ['new'] });
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.pop.md,
// Command.shift.md, Command.unshift.md
it('pop / shift / unshift', async () => {
  expect(
    await updated(
      { a: [1, 2, 3], b: [1, 2, 3], c: [3] },
      { a: f._.pop(), b: f._.shift(), c: f._.unshift([1, 2]) },
    ),
  ).toEqual({ _id: 'x', a: [1, 2], b: [2, 3], c: [1, 2, 3] });
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.pull.md,
// Command.pullAll.md, Command.addToSet.md
it('pull / pullAll / addToSet', async () => {
  expect(
    await updated(
      { a: [1, 2, 3, 4], b: [1, 2, 1, 3], c: ['x'], d: [{ k: 1 }, { k: 2 }] },
      {
        a: f._.pull(f._.gte(3)),
        b: f._.pullAll([1]),
        c: f._.addToSet('x'),
        d: f._.pull({ k: 1 }),
        // The documented multi-element form is { $each: [...] } (example 2 of Command.addToSet.md).
        e: f._.addToSet({ $each: ['p', 'q', 'p'] }),
      },
    ),
  ).toEqual({ _id: 'x', a: [1, 2], b: [2, 3], c: ['x'], d: [{ k: 2 }], e: ['p', 'q'] });
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/Database.serverDate.md:
// the server's time (plus offset in milliseconds), in add, update, set and queries.
it('serverDate', async () => {
  const { _id } = await f.db
    .collection('docs')
    .add({ data: { at: f.db.serverDate(), later: f.db.serverDate({ offset: 60_000 }) } });
  let { data } = await f.db.collection('docs').doc(_id).get();
  expect(data.at).toEqual(NOW);
  expect(data.later).toEqual(new Date(NOW.getTime() + 60_000));
  await f.db
    .collection('docs')
    .doc(_id)
    .update({ data: { touched: f.db.serverDate({ offset: -1000 }) } });
  ({ data } = await f.db.collection('docs').doc(_id).get());
  expect(data.touched).toEqual(new Date(NOW.getTime() - 1000));
  const { total } = await f.db
    .collection('docs')
    .where({ at: f._.lte(f.db.serverDate()) })
    .count();
  expect(total).toBe(1);
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/document/Document.update.md:
// _id cannot be updated (refused by the SDK itself).
it('refuses to update _id', async () => {
  await f.db.collection('docs').add({ data: { _id: 'x' } });
  const e = await rejection(
    f.db
      .collection('docs')
      .doc('x')
      .update({ data: { _id: 'y' } }),
  );
  expect(e.errMsg).toMatch(/_id/);
});
