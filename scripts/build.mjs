// Builds what runs: each cloud function as the bundle that deploys, and devcloud.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

export async function buildAll() {
  const names = functionNames();
  await Promise.all([
    ...names.map(buildFunction),
    buildDevcloud(),
    import('./build-preview.mjs').then((preview) => preview.buildPreviewStep()), // build/preview
  ]);
  return names;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const names = await buildAll();
  if (!process.argv.includes('--quiet'))
    console.log(
      `built ${names.length} cloud functions (${names.join(', ')}) and devcloud in ${Date.now() - started} ms`,
    );
}
