// Builds what runs: each cloud function as the bundle that deploys (the laws function with the laws
// library's data beside it), and devcloud.
import { build } from 'esbuild';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLaws } from './build-laws.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const sdkVersion = pkg.devDependencies['wx-server-sdk'];
if (!/^\d+\.\d+\.\d+$/.test(sdkVersion)) {
  throw new Error(`wx-server-sdk must be pinned exactly in package.json, found ${sdkVersion}`);
}

/** Cloud functions are the folders of cloudfunctions/ with an index.ts; `_shared` is not one. */
export function functionNames() {
  const dir = join(root, 'cloudfunctions');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
    .filter((d) => existsSync(join(dir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

async function buildFunction(name) {
  const src = join(root, 'cloudfunctions', name);
  const out = join(root, 'build', 'cloudfunctions', name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(src, 'index.ts')],
    outfile: join(out, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const config = existsSync(join(src, 'config.json'))
    ? JSON.parse(readFileSync(join(src, 'config.json'), 'utf8'))
    : { permissions: { openapi: [] } };
  writeFileSync(join(out, 'config.json'), JSON.stringify(config, null, 2) + '\n');
  writeFileSync(
    join(out, 'package.json'),
    JSON.stringify(
      {
        name: name,
        version: pkg.version,
        private: true,
        main: 'index.js',
        dependencies: { 'wx-server-sdk': sdkVersion },
      },
      null,
      2,
    ) + '\n',
  );
}

async function buildDevcloud() {
  const entries = ['index', 'worker', 'cli'].filter((e) =>
    existsSync(join(root, 'devcloud', `${e}.ts`)),
  );
  if (entries.length === 0) return;
  await build({
    entryPoints: entries.map((e) => join(root, 'devcloud', `${e}.ts`)),
    outdir: join(root, 'build', 'devcloud'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

/**
 * Functions that ship data files beside their bundle: CloudBase deploys the function's folder, and
 * the function reads them from its own directory (`__dirname`) on its first call.
 */
const FUNCTION_DATA = {
  // The laws library (#7): parsed and indexed by scripts/build-laws.mjs into build/laws/.
  laws: async () => {
    const r = await buildLaws();
    return [r.lawsPath, r.indexPath];
  },
};

/** Builds the function, then copies its data files (made meanwhile) into its folder. */
async function buildFunctionWithData(name, data) {
  await buildFunction(name);
  const files = data ? await data : [];
  const out = join(root, 'build', 'cloudfunctions', name);
  for (const file of files) copyFileSync(file, join(out, basename(file)));
}

/** Sizes of each built function's folder: its bundle, and the data shipped with it. */
export function functionSizes(names) {
  return names.map((name) => {
    const dir = join(root, 'build', 'cloudfunctions', name);
    const files = readdirSync(dir).filter((f) => f.endsWith('.js') || f.endsWith('.json'));
    const size = (f) => statSync(join(dir, f)).size;
    const data = files.filter(
      (f) => f.endsWith('.json') && !['package.json', 'config.json'].includes(f),
    );
    return {
      name,
      bundle: size('index.js'),
      data: data.reduce((sum, f) => sum + size(f), 0),
      dataFiles: data,
    };
  });
}

export async function buildAll() {
  const names = functionNames();
  const data = Object.fromEntries(
    names.filter((n) => FUNCTION_DATA[n]).map((n) => [n, FUNCTION_DATA[n]()]),
  );
  await Promise.all([
    ...names.map((n) => buildFunctionWithData(n, data[n])),
    buildDevcloud(),
    import('./build-preview.mjs').then((preview) => preview.buildPreviewStep()), // build/preview
  ]);
  return names;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const names = await buildAll();
  if (!process.argv.includes('--quiet')) {
    console.log(
      `built ${names.length} cloud functions (${names.join(', ')}) and devcloud in ${Date.now() - started} ms`,
    );
    const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
    const sizes = functionSizes(names).map((f) =>
      f.data
        ? `${f.name} ${kib(f.bundle)} + data ${kib(f.data)} (${f.dataFiles.join(', ')})`
        : `${f.name} ${kib(f.bundle)}`,
    );
    console.log(`function bundles: ${sizes.join(', ')}`);
  }
}
