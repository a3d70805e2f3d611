// Laws library benchmark (#7): the search time over the whole corpus of data/laws for the
// labelled queries of tests/domain/fixtures/law-queries.ts (median and 95th percentile, warm),
// and a cloud function's cold-start cost: the sizes of build/laws/laws.json and index.json and the
// time to require them (JSON parse) in a fresh node process, plus the first query there.
//
//   node bench/laws.mjs
import { execFileSync } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildLaws, loadLawModules, OUT_DIR } from '../scripts/build-laws.mjs';

const ROUNDS = 5;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function labelledQueries() {
  const out = await build({
    entryPoints: [
      fileURLToPath(new URL('../tests/domain/fixtures/law-queries.ts', import.meta.url)),
    ],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'error',
  });
  const mod = await import(
    'data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64')
  );
  return mod.LAW_QUERIES;
}

export async function benchLaws({ log }) {
  log('## laws library (#7)');
  const built = await buildLaws();
  const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
  log(
    `corpus: ${built.laws} laws, ${built.articles} articles, ${built.terms} index terms; ` +
      `laws.json ${kib(built.lawsBytes)}, index.json ${kib(built.indexBytes)}`,
  );

  // Warm search over the whole corpus.
  const m = await loadLawModules();
  const { readFileSync } = await import('node:fs');
  const laws = JSON.parse(readFileSync(built.lawsPath, 'utf8'));
  const index = JSON.parse(readFileSync(built.indexPath, 'utf8'));
  const queries = await labelledQueries();
  m.searchLaws(index, laws, '预热', { limit: 10 });
  const times = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const { q } of queries) {
      const t0 = process.hrtime.bigint();
      m.searchLaws(index, laws, q, { limit: 10 });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  log(
    `search (${queries.length} labelled queries × ${ROUNDS}, limit 10): median ` +
      `${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, ` +
      `max ${times[times.length - 1].toFixed(2)} ms`,
  );

  // Cold start: a fresh node process requires both JSON files, then runs a first query.
  const bundle = await build({
    stdin: {
      contents: "export { searchLaws } from './domain/laws/search.ts';\n",
      resolveDir: join(OUT_DIR, '..', '..'),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'error',
  });
  const dir = join(tmpdir(), `laws-bench-${process.pid}`);
  const searchJs = join(dir, 'search.js');
  const probe = join(dir, 'probe.js');
  execFileSync(process.execPath, [
    '-e',
    `require('fs').mkdirSync(${JSON.stringify(dir)}, { recursive: true })`,
  ]);
  writeFileSync(searchJs, bundle.outputFiles[0].text);
  writeFileSync(
    probe,
    `const t0 = process.hrtime.bigint();
const laws = require(${JSON.stringify(built.lawsPath)});
const t1 = process.hrtime.bigint();
const index = require(${JSON.stringify(built.indexPath)});
const t2 = process.hrtime.bigint();
const { searchLaws } = require(${JSON.stringify(searchJs)});
const t3 = process.hrtime.bigint();
searchLaws(index, laws, '国家赔偿 请求时效', { limit: 10 });
const t4 = process.hrtime.bigint();
const ms = (a, b) => Number(b - a) / 1e6;
console.log(JSON.stringify({ laws: ms(t0, t1), index: ms(t1, t2), code: ms(t2, t3), first: ms(t3, t4), rss: process.memoryUsage().rss }));
`,
  );
  const runs = [];
  for (let r = 0; r < ROUNDS; r++) {
    runs.push(JSON.parse(execFileSync(process.execPath, [probe], { encoding: 'utf8' })));
  }
  rmSync(dir, { recursive: true, force: true });
  const med = (k) => runs.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  log(
    `cold start (fresh node, median of ${ROUNDS}): require laws.json ${med('laws').toFixed(1)} ms, ` +
      `index.json ${med('index').toFixed(1)} ms, search code ${med('code').toFixed(1)} ms ` +
      `(${kib(Buffer.byteLength(bundle.outputFiles[0].text))}), first query ${med('first').toFixed(1)} ms, ` +
      `rss ${(med('rss') / 1048576).toFixed(0)} MiB`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchLaws({ log: (line) => console.log(line) });
}
