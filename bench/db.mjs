// Database benchmark: devcloud's Store behind the real wx-server-sdk (in-process transport hook)
// against plain better-sqlite3, and an indexed inbox query at 10,000 and 1,000,000 documents.
//
//   node bench/db.mjs
//
// The TypeScript Store is bundled on the fly with esbuild (in memory) and compiled as a module
// located in bench/, so its packages resolve from the repository's node_modules.
import { mkdtempSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const require = createRequire(join(here, 'db.mjs'));

/** Bundles devcloud/db and the database hook, and loads them as a CommonJS module in bench/. */
async function loadDevcloudDb() {
  const out = await build({
    stdin: {
      contents:
        "export * from './devcloud/db/index.ts';\n" +
        "export { installDatabaseHook, uninstallDatabaseHook } from './devcloud/hooks/database.ts';\n",
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'bench-db-entry.ts',
    },
    bundle: true,
    platform: 'node',
    packages: 'external',
    format: 'cjs',
    write: false,
    logLevel: 'error',
  });
  const filename = join(here, '.db-bundle.cjs');
  const mod = new Module(filename);
  mod.filename = filename;
  mod.paths = Module._nodeModulePaths(here);
  mod._compile(out.outputFiles[0].text, filename);
  return mod.exports;
}

const PROCURATORATES = 50;
const STATUSES = ['new', 'accepted', 'replied', 'closed'];
const TEXT = '群众来信来访事项的内容摘要，用于基准测试的文本。'.repeat(6);

function makeDoc(i) {
  return {
    _id: `doc${String(i).padStart(8, '0')}`,
    procuratorateId: `p${i % PROCURATORATES}`,
    status: STATUSES[Math.floor(i / PROCURATORATES) % STATUSES.length],
    createdAt: new Date(Date.UTC(2024, 0, 1) + i * 1000),
    openid: `o${i % 10007}`,
    queryCode: `Q${i}`,
    title: `来信 ${i}`,
    content: TEXT,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const fmt = (n) => Math.round(n).toLocaleString('en-US');

async function timeOps(n, fn) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  return n / secs;
}

const CASES_SPEC = {
  name: 'cases',
  indexes: [
    {
      name: 'inbox_status',
      keys: [
        { name: 'procuratorateId', direction: '1' },
        { name: 'status', direction: '1' },
        { name: 'createdAt', direction: '-1' },
      ],
    },
  ],
};

/** Loads n documents through Store internals: one SQLite transaction, index built afterwards. */
function bulkLoad(Store, EJSON, file, n) {
  let store = new Store({ file, collections: [{ name: 'cases' }] });
  const insert = store.raw.prepare('INSERT INTO "coll_cases" (_id, doc) VALUES (?, ?)');
  store.raw.transaction(() => {
    for (let i = 0; i < n; i++) {
      const doc = makeDoc(i);
      insert.run(doc._id, EJSON.stringify(doc, { relaxed: true }));
    }
  })();
  store.close();
  store = new Store({ file, collections: [CASES_SPEC] });
  return store;
}

export async function benchDb({ log = console.log } = {}) {
  const { Store, installDatabaseHook, uninstallDatabaseHook } = await loadDevcloudDb();
  const Database = require('better-sqlite3');
  const { EJSON } = require('bson');
  const dir = mkdtempSync(join(tmpdir(), 'devcloud-bench-'));
  process.env.TENCENTCLOUD_SECRETID ??= 'bench-id';
  process.env.TENCENTCLOUD_SECRETKEY ??= 'bench-key';
  process.env.TCB_ENV ??= 'bench';
  process.env.SILENCE = 'true';
  const cloud = require('wx-server-sdk');
  cloud.init({ env: 'bench' });
  const db = cloud.database();
  const results = {};
  try {
    // 1. add and doc(id).get() through the SDK, against plain better-sqlite3.
    const N = 5000;
    const store = new Store({ file: join(dir, 'ops.sqlite'), collections: [{ name: 'ops' }] });
    installDatabaseHook((api, data) => store.handle(api, data));
    const ids = [];
    const addSdk = await timeOps(N, async (i) => {
      const { _id, ...data } = makeDoc(i);
      void _id;
      ids.push((await db.collection('ops').add({ data }))._id);
    });
    const getSdk = await timeOps(N, async (i) => {
      await db
        .collection('ops')
        .doc(ids[(i * 7919) % N])
        .get();
    });
    uninstallDatabaseHook();
    store.close();

    const raw = new Database(join(dir, 'raw.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.exec('CREATE TABLE t (_id TEXT PRIMARY KEY, doc TEXT NOT NULL)');
    const ins = raw.prepare('INSERT INTO t (_id, doc) VALUES (?, ?)');
    const sel = raw.prepare('SELECT doc FROM t WHERE _id = ?').pluck();
    const addRaw = await timeOps(N, async (i) => {
      const doc = makeDoc(i);
      ins.run(doc._id, JSON.stringify(doc));
    });
    const getRaw = await timeOps(N, async (i) => {
      JSON.parse(sel.get(makeDoc((i * 7919) % N)._id));
    });
    raw.close();
    results.ops = { addSdk, getSdk, addRaw, getRaw };
    log(`db: add through wx-server-sdk on Store      ${fmt(addSdk)} ops/s`);
    log(
      `db: INSERT on better-sqlite3                 ${fmt(addRaw)} ops/s  (x${(addRaw / addSdk).toFixed(1)})`,
    );
    log(`db: doc(id).get() through wx-server-sdk     ${fmt(getSdk)} ops/s`);
    log(
      `db: SELECT by _id on better-sqlite3          ${fmt(getRaw)} ops/s  (x${(getRaw / getSdk).toFixed(1)})`,
    );

    // 2. The indexed inbox query at 10k and 1M documents.
    const query = async (i) => {
      const p = `p${i % PROCURATORATES}`;
      const status = STATUSES[i % STATUSES.length];
      const t0 = process.hrtime.bigint();
      const { data } = await db
        .collection('cases')
        .where({ procuratorateId: p, status })
        .orderBy('createdAt', 'desc')
        .limit(20)
        .get();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (data.length !== 20) throw new Error(`expected 20 documents, got ${data.length}`);
      return ms;
    };
    results.query = {};
    for (const n of [10_000, 1_000_000]) {
      const started = Date.now();
      const s = bulkLoad(Store, EJSON, join(dir, `cases-${n}.sqlite`), n);
      const loadSecs = (Date.now() - started) / 1000;
      installDatabaseHook((api, data) => s.handle(api, data));
      for (let i = 0; i < 100; i++) await query(i); // warm up
      const times = [];
      for (let i = 0; i < 500; i++) times.push(await query(i));
      const plan = s.explain({
        collectionName: 'cases',
        query: EJSON.stringify({ procuratorateId: 'p1', status: 'new' }),
        order: EJSON.stringify({ createdAt: -1 }),
      }).plan;
      uninstallDatabaseHook();
      s.close();
      results.query[n] = median(times);
      log(
        `db: where().orderBy().limit(20).get() at ${fmt(n).padStart(9)} docs: median ${median(times).toFixed(3)} ms ` +
          `(loaded in ${loadSecs.toFixed(1)} s; plan: ${plan.join('; ')})`,
      );
    }
    const ratio = results.query[1_000_000] / results.query[10_000];
    results.query.ratio = ratio;
    log(`db: 1M / 10k median ratio ${ratio.toFixed(2)} (goal: at most 2)`);
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await benchDb({ log: (line) => console.log(line) });
  console.log(`db bench done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
