// Public legal-document search benchmark: `document.search` through devcloud (the built publish
// bundle in a worker thread, the real wx-server-sdk, SQLite) at 1,000 and 100,000 published
// documents, median and 95th percentile per query, and the ratio between the two sizes.
//
// The documents are the redaction corpus's generated legal documents (tests/domain/fixtures/
// redaction-corpus.ts), masked by the real engine, each given its own case number, procuratorate
// (round robin over the seeded ones) and publication time (spread over three years, in
// publication order). They are bulk-inserted into the collection's SQLite table together with
// their postings in search_postings, built exactly as cloudfunctions/_shared/postings.ts keeps
// them (heads with chunk 0, chunks of 500, the scope's statistics), with the indexes of
// database/*.json in place.
//
//   npm run build && node bench/publish.mjs
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const require = createRequire(import.meta.url);

const SIZES = [1_000, 100_000];
/** Distinct generated documents; the rest reuse their masked texts with their own case number. */
const UNIQUE = 2_000;
const WARMUP = 2;
const CALLS = 20;

const TYPES = {
  起诉书: 'indictment',
  不起诉决定书: 'non_prosecution',
  抗诉书: 'protest',
  刑事申诉复查决定书: 'appeal_review',
  检察建议书: 'procuratorial_suggestion',
};

/** The queries timed: realistic keywords and filters of the public search page. */
const QUERIES = [
  { name: 'no keyword, newest first', input: {} },
  {
    name: 'no keyword, type + procuratorate',
    input: { type: 'indictment', procuratorateId: '110105' },
  },
  { name: '"交通肇事"', input: { q: '交通肇事' } },
  { name: '"盗窃"', input: { q: '盗窃' } },
  { name: '"故意伤害 轻伤二级"', input: { q: '故意伤害 轻伤二级' } },
  { name: '"诈骗" + type 起诉书', input: { q: '诈骗', type: 'indictment' } },
  { name: '"不起诉" + procuratorate 110105', input: { q: '不起诉', procuratorateId: '110105' } },
  {
    name: '"检察建议" + 2024 only',
    input: { q: '检察建议', from: '2024-01-01', to: '2024-12-31' },
  },
  { name: '"电动自行车 被害人"', input: { q: '电动自行车 被害人' } },
];

async function loadModules() {
  const out = await build({
    stdin: {
      contents:
        "export { redact } from './domain/redaction.ts';\n" +
        "export { indexTerms, terms } from './domain/search/ngram.ts';\n" +
        "export { headId, chunkId, statsId, CHUNK } from './cloudfunctions/_shared/posting-ids.ts';\n" +
        "export { generateCorpus } from './tests/domain/fixtures/redaction-corpus.ts';\n",
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'bench-publish-entry.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'error',
  });
  const filename = join(here, '.publish-bundle.cjs');
  const mod = new Module(filename);
  mod.filename = filename;
  mod.paths = Module._nodeModulePaths(here);
  mod._compile(out.outputFiles[0].text, filename);
  return mod.exports;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))];
};
const fmt = (n) => Math.round(n).toLocaleString('en-US');

/** The masked texts of the corpus and their terms, computed once. */
function templates(m) {
  const corpus = m.generateCorpus(UNIQUE, 6);
  return corpus.map((d, i) => {
    const masked = m.redact(d.text, d.parties).masked;
    const title = `${d.type}（${i + 1}）`;
    const text = `${title}\n${masked}`;
    return {
      type: TYPES[d.type],
      title,
      masked,
      terms: m.indexTerms(text),
      length: m.terms(text).length,
    };
  });
}

/**
 * Replaces the published documents and their postings with n documents, in one SQLite
 * transaction. Document i has publication number i + 1.
 */
function load(cloud, m, tpl, n) {
  const units = JSON.parse(
    readFileSync(join(root, 'database', 'seed', 'procuratorates.json'), 'utf8'),
  ).map((p) => p._id);
  const raw = cloud.store.raw;
  const start = Date.UTC(2023, 0, 1);
  const span = 3 * 365 * 86400_000;
  const lists = new Map();
  const add = (term, seq) => {
    let l = lists.get(term);
    if (!l) lists.set(term, (l = []));
    l.push(seq);
  };
  let length = 0;
  const cacheSize = raw.pragma('cache_size', { simple: true });
  raw.pragma('cache_size = -1000000');
  raw.transaction(() => {
    raw.exec('DELETE FROM "coll_legal_documents"; DELETE FROM "coll_search_postings";');
    const insert = raw.prepare('INSERT INTO "coll_legal_documents" (_id, doc) VALUES (?, ?)');
    for (let i = 0; i < n; i++) {
      const t = tpl[i % tpl.length];
      const seq = i + 1;
      const procuratorateId = units[i % units.length];
      const caseNumber = `京检刑诉受〔2024〕${String(110000000000 + i)}号`;
      const at = new Date(start + Math.floor((i * span) / n)).toISOString();
      const doc = {
        _id: `ldbench${String(i).padStart(11, '0')}`,
        caseId: `casebench${i}`,
        caseNumber,
        procuratorateId,
        type: t.type,
        title: t.title,
        original: '(bench: not kept)',
        redaction: { masked: t.masked, spans: [], flags: [] },
        excerpt: t.masked.slice(0, 60),
        unpublishable: null,
        status: 'published',
        statusRank: 1,
        draftedBy: 'st-110105-ag',
        editors: [],
        approvedBy: 'st-110105-ag2',
        createdAt: { $date: at },
        updatedAt: { $date: at },
        publishedAt: { $date: at },
        seq,
        indexed: true,
        version: 2,
      };
      insert.run(doc._id, JSON.stringify(doc));
      // The document's terms (documents.ts documentTerms): its masked title and text, its case
      // number's digits (a word of its own), its type and procuratorate.
      for (const term of t.terms) add(term, seq);
      add(String(110000000000 + i), seq);
      add(`#t:${t.type}`, seq);
      add(`#p:${procuratorateId}`, seq);
      length += t.length + 1;
    }
    const post = raw.prepare('INSERT INTO "coll_search_postings" (_id, doc) VALUES (?, ?)');
    const scope = 'documents';
    for (const [term, ids] of lists) {
      const last = Math.ceil(ids.length / m.CHUNK) - 1;
      const first = ids.slice(0, m.CHUNK);
      post.run(
        m.headId(scope, term),
        JSON.stringify({
          _id: m.headId(scope, term),
          scope,
          term,
          df: ids.length,
          last,
          n: first.length,
          ids: first,
        }),
      );
      for (let k = 1; k <= last; k++) {
        const chunk = ids.slice(k * m.CHUNK, (k + 1) * m.CHUNK);
        const id = m.chunkId(scope, term, k);
        post.run(id, JSON.stringify({ _id: id, scope, term, n: chunk.length, ids: chunk }));
      }
    }
    post.run(m.statsId(scope), JSON.stringify({ _id: m.statsId(scope), scope, docs: n, length }));
    raw
      .prepare('INSERT OR REPLACE INTO "coll_counters" (_id, doc) VALUES (?, ?)')
      .run(
        'publish-documents',
        JSON.stringify({ _id: 'publish-documents', scope: 'documents', value: n }),
      );
  })();
  raw.pragma(`cache_size = ${cacheSize}`);
  const rows = raw.prepare('SELECT COUNT(*) FROM "coll_search_postings"').pluck().get();
  const entries = [...lists.values()].reduce((s, l) => s + l.length, 0);
  return { terms: lists.size, rows, entries };
}

async function timeQuery(cloud, input) {
  const call = async () => {
    const t0 = process.hrtime.bigint();
    const out = await cloud.invoke(
      'publish',
      { action: 'document.search', input: { page: 1, pageSize: 20, ...input } },
      {},
    );
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (!out.result?.ok) throw new Error(`document.search: ${JSON.stringify(out.result)}`);
    return { ms, data: out.result.data };
  };
  let last;
  for (let i = 0; i < WARMUP; i++) last = await call();
  const times = [];
  for (let i = 0; i < CALLS; i++) {
    const r = await call();
    times.push(r.ms);
    last = r;
  }
  return {
    median: pct(times, 50),
    p95: pct(times, 95),
    total: last.data.total,
    items: last.data.items.length,
    top: last.data.items[0]?.highlight ?? null,
  };
}

export async function benchPublish({ log }) {
  const m = await loadModules();
  const { DevCloud } = require(join(root, 'build', 'devcloud', 'index.js'));
  let started = Date.now();
  const tpl = templates(m);
  log(
    `publish: ${fmt(UNIQUE)} generated documents masked in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
      `(mean ${fmt(tpl.reduce((s, t) => s + t.masked.length, 0) / tpl.length)} characters, ` +
      `${fmt(tpl.reduce((s, t) => s + t.terms.length, 0) / tpl.length)} distinct terms)`,
  );
  const results = {};
  for (const n of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), 'devcloud-bench-publish-'));
    const cloud = DevCloud.open({ dir, root });
    try {
      await cloud.seed();
      started = Date.now();
      const loaded = load(cloud, m, tpl, n);
      const secs = (Date.now() - started) / 1000;
      const mb = statSync(join(dir, 'db.sqlite')).size / 1e6;
      log(
        `publish: ${fmt(n)} documents loaded in ${secs.toFixed(1)} s: ${fmt(loaded.terms)} terms, ` +
          `${fmt(loaded.entries)} posting entries in ${fmt(loaded.rows)} search_postings documents ` +
          `(database ${fmt(mb)} MB)`,
      );
      results[n] = {};
      for (const q of QUERIES) {
        const r = await timeQuery(cloud, q.input);
        results[n][q.name] = r;
        log(
          `publish: document.search at ${fmt(n)}: ${q.name}: median ${r.median.toFixed(1)} ms, ` +
            `p95 ${r.p95.toFixed(1)} ms (${CALLS} calls; total ${fmt(r.total)}, ${r.items} shown` +
            `${r.top ? `; top: ${r.top.slice(0, 40)}` : ''})`,
        );
      }
    } finally {
      await cloud.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const [small, large] = SIZES;
  for (const q of QUERIES) {
    const a = results[small][q.name];
    const b = results[large][q.name];
    log(
      `publish: document.search ${q.name}: ${fmt(large)} / ${fmt(small)} median ratio ` +
        `${(b.median / a.median).toFixed(2)}`,
    );
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchPublish({ log: (line) => console.log(line) });
}
