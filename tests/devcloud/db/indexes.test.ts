// Indexes and the planner: database/<collection>.json indexes become SQLite expression indexes;
// indexed queries do not scan, and answers never depend on the planner (same results as a full
// scan with mingo, for every type and for array values).
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EJSON } from 'bson';
import { loadCollectionSpecs, Store, type CollectionSpec } from '../../../devcloud/db';
import { openFixture, rejection, type Fixture } from './helpers';

const specDir = mkdtempSync(join(tmpdir(), 'devcloud-specs-'));
copyFileSync(
  join(__dirname, '../../../database/_conformance.json'),
  join(specDir, '_conformance.json'),
);
const [cases] = loadCollectionSpecs(specDir, { includeUnderscored: true });
const plain: CollectionSpec = { name: 'plain_cases' };

let f: Fixture;
beforeAll(async () => {
  f = openFixture({ collections: [cases, plain] });
  const values: unknown[] = [
    3,
    7.5,
    -1,
    'a',
    'b',
    '7',
    true,
    false,
    null,
    new Date(5000),
    new Date(-5000),
    { o: 1 },
  ];
  for (const name of [cases.name, plain.name]) {
    let i = 0;
    for (const score of [...values, undefined]) {
      for (const status of ['new', 'done']) {
        const data: Record<string, unknown> = {
          _id: `d${String(i).padStart(3, '0')}`,
          queryCode: `q${i}`,
          procuratorateId: i % 3 === 0 ? 'p1' : 'p2',
          status,
          createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, i)),
          owner: { openid: `o${i % 4}` },
        };
        if (score !== undefined) data.score = score;
        await f.db.collection(name).add({ data });
        i++;
      }
    }
  }
});
afterAll(() => {
  f.close();
  rmSync(specDir, { recursive: true, force: true });
});

// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/database/index.md
// (索引管理): a query whose fields are a prefix of a compound index, sorted in the index's
// directions (or all reversed), hits the index.
it('answers the inbox query from the compound index, without a scan or a sort', async () => {
  await f.db
    .collection(cases.name)
    .where({ procuratorateId: 'p1', status: 'new' })
    .orderBy('createdAt', 'desc')
    .limit(20)
    .get();
  const req = f.requests.filter((r) => r.api === 'database.getDocument').at(-1)?.data;
  const { plan, complete, orderPushed } = f.store.explain(req);
  expect(complete && orderPushed).toBe(true);
  expect(plan.join('\n')).toMatch(/SEARCH .* USING INDEX idx:dc_conformance_cases:inbox_status/);
  expect(plan.join('\n')).not.toMatch(/SCAN|TEMP B-TREE/);
  // The same for a range on the last key, and for a nested path.
  const range = f.store.explain({
    collectionName: cases.name,
    query: EJSON.stringify({
      procuratorateId: 'p2',
      status: 'done',
      createdAt: { $gte: new Date(0) },
    }),
    order: EJSON.stringify({ createdAt: -1 }),
  });
  expect(range.plan.join('\n')).not.toMatch(/SCAN|TEMP B-TREE/);
  const nested = f.store.explain({
    collectionName: cases.name,
    query: EJSON.stringify({ 'owner.openid': 'o1' }),
  });
  expect(nested.plan.join('\n')).toMatch(/USING INDEX idx:dc_conformance_cases:owner/);
});

// Collection.where / Command.* docs: results with and without indexes are the same (MongoDB
// comparison: within a type only; null matches missing; orderBy sorts types in BSON order).
it('gives the same answers with and without indexes', async () => {
  const _ = f._;
  const queries: [object, [string, string][]][] = [
    [{ score: _.gt(3) }, []],
    [{ score: _.gte('a') }, []],
    [{ score: _.lt(new Date(0)) }, []],
    [{ score: _.lte(true) }, []],
    [{ score: null }, []],
    [{ score: _.in([3, 'b', false, null]) }, []],
    [{ score: _.neq(3) }, []],
    [{ score: _.exists(false) }, []],
    [{ score: 7.5 }, []],
    [{ procuratorateId: 'p2', status: 'done' }, [['createdAt', 'desc']]],
    [{ procuratorateId: 'p2', score: _.gt(-2).and(_.lt(100)) }, [['score', 'asc']]],
    [{}, [['score', 'desc']]],
    [{}, [['score', 'asc']]],
    [_.or([{ score: 3 }, { status: 'new', procuratorateId: 'p1' }]), [['createdAt', 'asc']]],
  ];
  for (const [q, order] of queries) {
    const run = async (name: string) => {
      let query = f.db.collection(name).where(q);
      for (const [k, d] of order) query = query.orderBy(k, d);
      const { data } = await query.orderBy('_id', 'asc').limit(100).get();
      const { total } = await f.db.collection(name).where(q).count();
      return { ids: (data as { _id: string }[]).map((d) => d._id), total };
    };
    const indexed = await run(cases.name);
    const scanned = await run(plain.name);
    expect({ q, order, ...indexed }).toEqual({ q, order, ...scanned });
    if (order.length === 0) expect(indexed.total).toBe(indexed.ids.length);
  }
});

// An array on an indexed path makes MongoDB's index multikey; the planner then leaves that path
// to mingo, so equality on an array element still matches.
it('stays correct when an indexed field holds an array', async () => {
  await f.db
    .collection(cases.name)
    .add({ data: { _id: 'arr', queryCode: 'qa', score: [1, 50, 'z'] } });
  expect(
    (await f.db.collection(cases.name).where({ score: 50 }).get()).data.map(
      (d: { _id: string }) => d._id,
    ),
  ).toEqual(['arr']);
  expect(
    (
      await f.db
        .collection(cases.name)
        .where({ score: f._.gt(40) })
        .count()
    ).total,
  ).toBe(1);
  const { complete } = f.store.explain({
    collectionName: cases.name,
    query: EJSON.stringify({ score: 50 }),
  });
  expect(complete).toBe(false);
  await f.db.collection(cases.name).doc('arr').remove();
});

describe('specs', () => {
  // database/<collection>.json: one file per collection; files starting with _ are skipped.
  it('loads specs from a folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'devcloud-specs-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ name: 'a', indexes: [], rules: {} }));
    writeFileSync(join(dir, '_b.json'), JSON.stringify({ name: 'b' }));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    expect(loadCollectionSpecs(dir).map((s) => s.name)).toEqual(['a']);
    expect(loadCollectionSpecs(dir, { includeUnderscored: true }).map((s) => s.name)).toEqual([
      'b',
      'a',
    ]);
    writeFileSync(
      join(dir, 'c.json'),
      JSON.stringify({ name: 'c', indexes: [{ name: 'x', keys: [{ name: 'k', direction: 1 }] }] }),
    );
    expect(() => loadCollectionSpecs(dir)).toThrow(/direction of k must be "1" or "-1"/);
    rmSync(dir, { recursive: true, force: true });
  });

  // Reopening with a changed spec reconciles the SQLite indexes; a unique index that existing data
  // violates is refused loudly.
  it('reconciles indexes when a spec changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'devcloud-db-'));
    const file = join(dir, 'db.sqlite');
    const indexNames = (s: Store) =>
      s.raw
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx:%' ORDER BY name",
        )
        .pluck()
        .all() as string[];
    let s = new Store({
      file,
      collections: [
        { name: 'k', indexes: [{ name: 'one', keys: [{ name: 'a', direction: '1' }] }] },
      ],
    });
    await s.handle('database.insertDocument', {
      collectionName: 'k',
      data: [EJSON.stringify({ a: 1, b: 1 }), EJSON.stringify({ a: 2, b: 1 })],
    });
    expect(indexNames(s)).toEqual(['idx:k:one']);
    s.close();
    s = new Store({
      file,
      collections: [
        { name: 'k', indexes: [{ name: 'two', keys: [{ name: 'b', direction: '-1' }] }] },
      ],
    });
    expect(indexNames(s)).toEqual(['idx:k:two']);
    expect(s.collections()).toEqual(['k']);
    s.close();
    expect(
      () =>
        new Store({
          file,
          collections: [
            {
              name: 'k',
              indexes: [{ name: 'u', unique: true, keys: [{ name: 'b', direction: '1' }] }],
            },
          ],
        }),
    ).toThrow(/cannot create index u on collection k/);
    rmSync(dir, { recursive: true, force: true });
  });
});

// Collection.add.md / CLOUDBASE.md §1.4: unique violations leave the collection as it was.
it('rejects a unique violation of the conformance spec', async () => {
  const e = await rejection(f.db.collection(cases.name).add({ data: { queryCode: 'q1' } }));
  expect(e.errMsg).toMatch(/index: query_code dup key/);
});
