// npm run check:miniprogram: builds and compiles the mini program the way WeChat DevTools uploads
// it (miniprogram-ci, offline) and fails on what would break on a phone but not in jest:
//   - npm build (packNpmManually from project.config.json): any warning, e.g. a skipped package;
//   - the official compile (TypeScript plugin, es6, minify): compile errors, require()s that do not
//     resolve in the compiled output, synchronous requires across packages;
//   - the analyser's unresolved dependencies (components, wxml/wxss imports);
//   - sizes: main package > 1.5 MiB, a subpackage > 2 MiB, the whole > 20 MiB;
//   - sources: const enum / namespace / export = (babel type-stripping), runtime imports from
//     outside the mini program folder, wx.cloud.database in pages.
// Nothing in the working tree is written: the project is staged in a temporary folder.
//
// API: checkMiniprogram({ projectRoot, miniprogramRoot, log }) → { ok, problems, sizes, ... }.
// CLI: node scripts/check-miniprogram.mjs [--project <dir>] [--miniprogram-root <dir>]
//                                         [--source-only] [--json] [--verbose] [--keep]
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseCompiled, openOfflineCi, withTimeout } from './lib/miniprogram-ci-offline.mjs';
import { checkSources, isInside } from './lib/miniprogram-source.mjs';
import { checkRequires, LIMITS, measureSizes, MiB, packagesOf } from './lib/miniprogram-output.mjs';
import { stageNpmDependencies } from './lib/npm-stage.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const DEFAULT_TIMEOUTS = Object.freeze({ npm: 60_000, compile: 180_000, analyse: 60_000 });
export { LIMITS, MiB };

const posixPath = (p) => p.split('\\').join('/');

function normalizeRoot(root) {
  const clean = posixPath(String(root ?? ''))
    .replace(/^\.\/+/, '')
    .replace(/\/+$/, '');
  return clean === '.' ? '' : clean;
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Problems with project.config.json itself that would make DevTools compile something else. */
function checkProjectConfig(config, hasTs) {
  const problems = [];
  const setting = config.setting ?? {};
  if ((config.compileType ?? 'miniprogram') !== 'miniprogram') {
    problems.push(`project.config.json: compileType is '${config.compileType}', not 'miniprogram'`);
  }
  const plugins = Array.isArray(setting.useCompilerPlugins) ? setting.useCompilerPlugins : [];
  if (hasTs && !plugins.includes('typescript')) {
    problems.push(
      'project.config.json: setting.useCompilerPlugins must include "typescript" (there are .ts files)',
    );
  }
  if (setting.packNpmManually && !Array.isArray(setting.packNpmRelationList)) {
    problems.push('project.config.json: packNpmManually is set but packNpmRelationList is missing');
  }
  return problems;
}

/**
 * Runs every check. Never writes into `projectRoot`.
 *
 * @param {object} [options]
 * @param {string} [options.projectRoot] folder with project.config.json (default: this repository)
 * @param {string} [options.miniprogramRoot] relative to projectRoot (default: project.config.json's)
 * @param {(line: string) => void} [options.log] progress lines (default: none)
 * @param {boolean} [options.sourceOnly] only the source checks (no miniprogram-ci, well under 1 s)
 * @param {Partial<typeof DEFAULT_TIMEOUTS>} [options.timeouts] per-step limits in ms
 * @param {boolean} [options.keepStage] keep the staging folder (its path is in the result)
 */
export async function checkMiniprogram(options = {}) {
  const started = performance.now();
  const projectRoot = resolve(options.projectRoot ?? repoRoot);
  const log = options.log ?? (() => {});
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const problems = [];
  const timings = {};
  const result = {
    ok: false,
    problems,
    sizes: null,
    files: { sources: 0, compiled: 0, js: 0, requires: 0 },
    npm: { dependencies: [], packed: [] },
    timings,
    unresolved: [],
    networkAttempts: [],
    ciOutput: [],
    projectRoot,
    miniprogramRoot: '',
    stageDir: null,
  };
  const finish = () => {
    timings.total = Math.round(performance.now() - started);
    result.ok = problems.length === 0;
    return result;
  };
  const time = async (name, fn) => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      timings[name] = Math.round(performance.now() - t0);
    }
  };

  // --- project.config.json ---------------------------------------------------------------------
  const configPath = join(projectRoot, 'project.config.json');
  if (!existsSync(configPath)) {
    problems.push(`project.config.json not found in ${projectRoot}`);
    return finish();
  }
  let config;
  try {
    config = readJson(configPath);
  } catch (error) {
    problems.push(`project.config.json: ${error.message}`);
    return finish();
  }
  const setting = config.setting ?? {};
  const mpRel = normalizeRoot(options.miniprogramRoot ?? config.miniprogramRoot ?? '');
  result.miniprogramRoot = mpRel;
  const mpDir = join(projectRoot, mpRel);
  if (!existsSync(join(mpDir, 'app.json'))) {
    problems.push(`${posixPath(join(mpRel, 'app.json'))} not found: nothing to compile`);
    return finish();
  }

  // The npm build: which package.json files, packed where (paths relative to projectRoot).
  const relations = setting.packNpmManually
    ? (setting.packNpmRelationList ?? []).map((r) => ({
        packageJson: resolve(projectRoot, r.packageJsonPath),
        distDir: resolve(projectRoot, r.miniprogramNpmDistDir),
      }))
    : null;
  let runtimeDependencies = null;
  if (relations) {
    runtimeDependencies = new Set();
    for (const r of relations) {
      const shown = posixPath(relative(projectRoot, r.packageJson));
      if (!isInside(r.packageJson, projectRoot) || !existsSync(r.packageJson)) {
        problems.push(`packNpmRelationList: ${shown} does not exist inside the project`);
        continue;
      }
      if (!isInside(r.distDir, mpDir)) {
        problems.push(
          `packNpmRelationList: miniprogramNpmDistDir ${posixPath(relative(projectRoot, r.distDir))} is outside the mini program root, so miniprogram_npm would not be uploaded`,
        );
      }
      for (const d of Object.keys(readJson(r.packageJson).dependencies ?? {})) {
        runtimeDependencies.add(d);
      }
    }
    result.npm.dependencies = [...runtimeDependencies].sort();
  }

  // --- sources ---------------------------------------------------------------------------------
  await time('sources', () => {
    const src = checkSources({ projectRoot, miniprogramDir: mpDir, runtimeDependencies });
    result.files.sources = src.files;
    problems.push(...checkProjectConfig(config, src.hasTs), ...src.problems);
  });
  log(`sources: ${result.files.sources} files checked in ${timings.sources} ms`);
  if (options.sourceOnly) return finish();

  // --- stage -----------------------------------------------------------------------------------
  const stage = mkdtempSync(join(tmpdir(), 'check-miniprogram-'));
  result.stageDir = stage;
  const stagedMp = join(stage, mpRel);
  let ci;
  try {
    await time('stage', () => {
      writeFileSync(
        join(stage, 'project.config.json'),
        JSON.stringify({ ...config, miniprogramRoot: mpRel ? `${mpRel}/` : '' }, null, 2),
      );
      cpSync(mpDir, stagedMp, {
        recursive: true,
        filter: (src) => {
          const name = src.split(/[\\/]/).pop();
          if (name === '.git') return false;
          if (name === 'miniprogram_npm') return false; // always rebuilt: a stale copy hides a skipped package
          if (name === 'node_modules') return !relations; // DevTools' own npm mode packs these
          return true;
        },
      });
    });

    ci = await time('ciLoad', () => openOfflineCi());
    const project = () => ci.newProject(stage, config.appid || 'touristappid');

    // --- npm build -------------------------------------------------------------------------------
    await time('npm', async () => {
      const warnings = [];
      if (relations) {
        for (const r of relations) {
          if (!existsSync(r.packageJson) || !isInside(r.packageJson, projectRoot)) continue;
          const relPkgDir = relative(projectRoot, dirname(r.packageJson));
          const staged = stageNpmDependencies(r.packageJson, join(stage, relPkgDir));
          for (const m of staged.missing) problems.push(`npm: ${m} is not installed (npm install)`);
          if (staged.dependencies.length === 0) continue;
          const distDir = join(stage, relative(projectRoot, r.distDir));
          const packed = await withTimeout(
            ci.ci.packNpmManually({
              packageJsonPath: join(stage, relPkgDir, 'package.json'),
              miniprogramNpmDistDir: distDir,
            }),
            timeouts.npm,
            'npm build (packNpmManually)',
          );
          warnings.push(...packed.warnList);
          for (const dep of staged.dependencies) {
            if (existsSync(join(distDir, 'miniprogram_npm', dep))) result.npm.packed.push(dep);
            else if (!staged.missing.some((m) => m.startsWith(`${dep} `))) {
              problems.push(
                `npm: '${dep}' was not packed into miniprogram_npm/ (see the npm build warning), so require('${dep}') fails at runtime`,
              );
            }
          }
        }
      } else {
        warnings.push(
          ...(await withTimeout(ci.ci.packNpm(project(), {}), timeouts.npm, 'npm build (packNpm)')),
        );
      }
      for (const w of warnings) {
        const where = w.jsPath ? posixPath(relative(stage, w.jsPath)) : '';
        problems.push(
          `npm build warning: ${[where, w.tips, w.msg, w.code].filter(Boolean).join(': ')}`,
        );
      }
    });
    log(`npm: packed ${result.npm.packed.join(', ') || 'nothing'} in ${timings.npm} ms`);

    // --- compile -----------------------------------------------------------------------------------
    let compiled;
    try {
      compiled = await time('compile', () =>
        withTimeout(
          ci.ci.getCompiledResult({
            project: project(),
            setting: { useProjectConfig: true, es6: true, minify: true },
          }),
          timeouts.compile,
          'compile (getCompiledResult)',
        ),
      );
    } catch (error) {
      const message = String(error?.message ?? error)
        .split(stage + '/')
        .join('');
      problems.push(`compile error${error?.code ? ` ${error.code}` : ''}: ${message.trim()}`);
      return finish();
    }
    log(`compile: ${Object.keys(compiled).length} files in ${timings.compile} ms`);
    result.files.compiled = Object.keys(compiled).length;
    result.files.js = Object.keys(compiled).filter((f) => f.endsWith('.js')).length;

    // --- compiled output -------------------------------------------------------------------------
    const outDir = join(stage, '.compiled');
    let packages;
    await time('requires', () => {
      for (const [file, content] of Object.entries(compiled)) {
        mkdirSync(dirname(join(outDir, file)), { recursive: true });
        writeFileSync(join(outDir, file), content);
      }
      packages = packagesOf(JSON.parse(String(compiled['app.json'] ?? '{}')));
      const stagedSource = (file) => {
        const p = join(stagedMp, file);
        return existsSync(p) ? readFileSync(p, 'utf8') : null;
      };
      const req = checkRequires(compiled, packages, stagedSource);
      result.files.requires = req.requires;
      problems.push(...req.problems);
      result.unresolved = req.unresolved;
    });

    await time('analyse', async () => {
      const { failures } = await withTimeout(
        analyseCompiled(ci.Analyzer, outDir),
        timeouts.analyse,
        'code analysis',
      );
      const known = new Set(result.unresolved.map((u) => `${u.from}\0${u.spec}`));
      for (const f of failures) {
        if (known.has(`${f.from}\0${f.request}`)) continue; // already reported by the require check
        problems.push(`analyser: ${f.from}: ${f.message.split(outDir).join('')}`);
      }
    });

    const sizes = measureSizes(compiled, packages);
    result.sizes = { packages: sizes.packages, total: sizes.total, unit: sizes.unit };
    problems.push(...sizes.problems);
  } catch (error) {
    problems.push(`check failed: ${error?.stack ?? error}`);
  } finally {
    if (ci) {
      result.networkAttempts = [...ci.networkAttempts];
      result.ciOutput = [...ci.output];
      await ci.close();
    }
    if (!options.keepStage) {
      rmSync(stage, { recursive: true, force: true });
      result.stageDir = null;
    }
  }
  return finish();
}

// --- report --------------------------------------------------------------------------------------

const kib = (bytes) =>
  bytes >= MiB ? `${(bytes / MiB).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
const seconds = (ms) =>
  ms === undefined ? '-' : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;

export function formatReport(result) {
  const lines = [];
  lines.push(
    `check:miniprogram ${result.projectRoot}${result.miniprogramRoot ? ` (${result.miniprogramRoot}/)` : ''}`,
  );
  if (result.sizes) {
    const rows = [
      ['package', 'files', 'size', 'budget', 'used'],
      ...result.sizes.packages.map((p) => [
        p.root === '' ? 'main' : `${p.root}${p.independent ? ' (independent)' : ''}`,
        String(p.files),
        kib(p.bytes),
        `${(p.limit / MiB).toFixed(2)} MiB`,
        `${((100 * p.bytes) / p.limit).toFixed(1)}%`,
      ]),
      [
        'total',
        String(result.sizes.total.files),
        kib(result.sizes.total.bytes),
        `${(result.sizes.total.limit / MiB).toFixed(2)} MiB`,
        `${((100 * result.sizes.total.bytes) / result.sizes.total.limit).toFixed(1)}%`,
      ],
    ];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) {
      lines.push(
        '  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '),
      );
    }
    lines.push(`  (uncompressed bytes of the compiled output, as uploaded; ${result.sizes.unit})`);
  }
  const f = result.files;
  lines.push(
    `files: ${f.sources} sources checked; ${f.compiled} compiled (${f.js} JS, ${f.requires} requires resolved)` +
      `; npm: ${result.npm.packed.join(', ') || '-'}`,
  );
  const t = result.timings;
  lines.push(
    `time: sources ${seconds(t.sources)}, stage ${seconds(t.stage)}, load ci ${seconds(t.ciLoad)}, ` +
      `npm ${seconds(t.npm)}, compile ${seconds(t.compile)}, requires ${seconds(t.requires)}, ` +
      `analyse ${seconds(t.analyse)}; total ${seconds(t.total)}`,
  );
  if (result.networkAttempts.length > 0) {
    const counts = {};
    for (const h of result.networkAttempts) counts[h] = (counts[h] ?? 0) + 1;
    lines.push(
      `network: miniprogram-ci tried ${Object.entries(counts)
        .map(([h, n]) => `${h} ×${n}`)
        .join(', ')} (blocked; offline)`,
    );
  }
  if (result.ok) {
    lines.push('OK');
  } else {
    lines.push(`${result.problems.length} problem(s):`);
    for (const p of result.problems) lines.push(`  - ${p}`);
  }
  return lines.join('\n');
}

function parseArgs(argv) {
  const args = { json: false, verbose: false, sourceOnly: false, keepStage: false };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--verbose') args.verbose = true;
    else if (a === '--source-only') args.sourceOnly = true;
    else if (a === '--keep') args.keepStage = true;
    else if (a === '--project') args.projectRoot = argv[(i += 1)];
    else if (a === '--miniprogram-root') args.miniprogramRoot = argv[(i += 1)];
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  const projectRoot =
    args.projectRoot && !isAbsolute(args.projectRoot)
      ? resolve(args.projectRoot)
      : args.projectRoot;
  const result = await checkMiniprogram({
    ...args,
    projectRoot,
    log: args.verbose ? (line) => process.stderr.write(`${line}\n`) : undefined,
  });
  if (args.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    if (args.verbose && result.ciOutput.length > 0) {
      console.log(`miniprogram-ci output:\n  ${result.ciOutput.join('\n  ')}`);
    }
    console.log(formatReport(result));
    if (result.stageDir) console.log(`staged in ${result.stageDir}`);
  }
  // miniprogram-ci may leave timers or workers behind; the result is final.
  process.exit(result.ok ? 0 : 1);
}
