// Redaction benchmark: characters per second of `redact` (domain/redaction.ts) over the generated
// corpus of legal documents (tests/domain/fixtures/redaction-corpus.ts), median of several passes.
//
//   node bench/redaction.mjs
//
// The domain code is not part of build/: the engine and the corpus generator are bundled on the
// fly with esbuild (in memory) and compiled as a CommonJS module located in bench/.
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

const DOCUMENTS = 520;
const WARMUP = 2;
const PASSES = 7;

async function loadRedaction() {
  const out = await build({
    stdin: {
      contents:
        "export { redact } from './domain/redaction.ts';\n" +
        "export { generateCorpus } from './tests/domain/fixtures/redaction-corpus.ts';\n",
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'bench-redaction-entry.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'error',
  });
  const filename = join(here, '.redaction-bundle.cjs');
  const mod = new Module(filename);
  mod.filename = filename;
  mod.paths = Module._nodeModulePaths(here);
  mod._compile(out.outputFiles[0].text, filename);
  return mod.exports;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const fmt = (n) => Math.round(n).toLocaleString('en-US');

export async function benchRedaction({ log }) {
  const { redact, generateCorpus } = await loadRedaction();
  const docs = generateCorpus(DOCUMENTS);
  const chars = docs.reduce((n, d) => n + d.text.length, 0);
  let spans = 0;
  const pass = () => {
    const started = process.hrtime.bigint();
    spans = 0;
    for (const d of docs) spans += redact(d.text, d.parties).spans.length;
    return Number(process.hrtime.bigint() - started) / 1e9;
  };
  for (let i = 0; i < WARMUP; i++) pass();
  const times = Array.from({ length: PASSES }, pass);
  const secs = median(times);
  const result = {
    documents: docs.length,
    chars,
    spans,
    seconds: secs,
    charsPerSecond: chars / secs,
  };
  log(
    `redaction: ${fmt(docs.length)} documents, ${fmt(chars)} chars, ${fmt(spans)} spans: ` +
      `median ${(secs * 1000).toFixed(1)} ms per pass of ${PASSES}, ` +
      `${fmt(result.charsPerSecond)} chars/s (${fmt(docs.length / secs)} documents/s)`,
  );
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchRedaction({ log: (line) => console.log(line) });
}
