// Builds the laws library's data (#7): parses every law of data/laws (domain/laws/catalogue.ts,
// domain/laws/parse.ts, run through esbuild) into build/laws/laws.json, and precomputes the search
// index (domain/laws/search.ts: bigram postings, article lengths, the mean length) into
// build/laws/index.json, so a cloud function can require both at cold start. Prints their sizes.
//
//   node scripts/build-laws.mjs [--quiet]
import { build } from 'esbuild';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
export const LAWS_DIR = join(root, 'data', 'laws');
export const OUT_DIR = join(root, 'build', 'laws');

/** The laws domain modules (parse, catalogue, search), compiled by esbuild and loaded in memory. */
export async function loadLawModules() {
  const out = await build({
    stdin: {
      contents:
        "export * from './domain/laws/parse.ts';\n" +
        "export * from './domain/laws/catalogue.ts';\n" +
        "export * from './domain/laws/search.ts';\n",
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'build-laws-entry.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'error',
  });
  const filename = join(here, '.laws-bundle.cjs');
  const mod = new Module(filename);
  mod.filename = filename;
  mod.paths = Module._nodeModulePaths(here);
  mod._compile(out.outputFiles[0].text, filename);
  return mod.exports;
}

/** Every law of the catalogue, parsed from data/laws. */
export function parseAll(m, dir = LAWS_DIR) {
  return m.CATALOGUE.map((entry) =>
    m.mergeLawFiles(
      entry.key,
      entry.files.map((f) => m.parseLawFile(readFileSync(join(dir, f), 'utf8'), basename(f))),
    ),
  );
}

/** Writes build/laws/laws.json and index.json; returns their paths, sizes and counts. */
export async function buildLaws() {
  const m = await loadLawModules();
  const laws = parseAll(m).map((law) => {
    const entry = m.CATALOGUE.find((e) => e.key === law.key);
    return { ...law, kind: entry.kind };
  });
  const index = m.buildIndex(laws);
  mkdirSync(OUT_DIR, { recursive: true });
  const lawsPath = join(OUT_DIR, 'laws.json');
  const indexPath = join(OUT_DIR, 'index.json');
  writeFileSync(lawsPath, JSON.stringify(laws));
  writeFileSync(indexPath, JSON.stringify(index));
  return {
    lawsPath,
    indexPath,
    lawsBytes: statSync(lawsPath).size,
    indexBytes: statSync(indexPath).size,
    laws: laws.length,
    articles: index.docs,
    terms: Object.keys(index.postings).length,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const r = await buildLaws();
  if (!process.argv.includes('--quiet')) {
    const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
    console.log(
      `built ${r.laws} laws, ${r.articles} articles in ${Date.now() - started} ms: ` +
        `build/laws/laws.json ${kb(r.lawsBytes)}, build/laws/index.json ${kb(r.indexBytes)} ` +
        `(${r.terms} terms)`,
    );
  }
}
