// scripts/check-miniprogram.mjs on small fixture mini programs built in temp folders from
// tests/scripts/fixtures/mp-base (plus the repository's own project.config.json). The official
// compile takes a few seconds, so one clean and one broken fixture are each checked once, in
// parallel child processes (the script is an ES module and miniprogram-ci keeps global state), and
// the cases below read the two results.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = join(__dirname, '..', '..');
const fixtures = join(__dirname, 'fixtures');
const script = join(repo, 'scripts', 'check-miniprogram.mjs');

interface PackageSize {
  name: string;
  root: string;
  files: number;
  bytes: number;
  limit: number;
}

interface CheckResult {
  ok: boolean;
  problems: string[];
  sizes: { packages: PackageSize[]; total: { files: number; bytes: number; limit: number } } | null;
  files: { sources: number; compiled: number; js: number; requires: number };
  npm: { dependencies: string[]; packed: string[] };
  timings: Record<string, number>;
  networkAttempts: string[];
  stageDir: string | null;
}

const MARK = '@@CHECK_RESULT@@';

/** Calls checkMiniprogram(options) in a child node process and returns its result. */
function runCheck(options: Record<string, unknown>): Promise<CheckResult> {
  const code = [
    `import { checkMiniprogram } from ${JSON.stringify(pathToFileURL(script).href)};`,
    'const result = await checkMiniprogram(JSON.parse(process.argv[1]));',
    `process.stdout.write(${JSON.stringify(MARK)} + JSON.stringify(result));`,
    'process.exit(0);',
  ].join('\n');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', code, JSON.stringify(options)],
      { maxBuffer: 64 * 1024 * 1024, timeout: 240_000 },
      (error, stdout, stderr) => {
        const at = stdout.lastIndexOf(MARK);
        if (error || at < 0) {
          reject(new Error(`check failed to run: ${error?.message ?? ''}\n${stderr}\n${stdout}`));
          return;
        }
        resolve(JSON.parse(stdout.slice(at + MARK.length)) as CheckResult);
      },
    );
  });
}

const made: string[] = [];

/** A copy of the base fixture with the repository's project.config.json and dayjs installed. */
function makeProject(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `check-mp-${name}-`));
  made.push(dir);
  cpSync(join(fixtures, 'mp-base'), dir, { recursive: true });
  cpSync(join(repo, 'project.config.json'), join(dir, 'project.config.json'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(repo, 'node_modules', 'dayjs'), join(dir, 'node_modules', 'dayjs'), 'dir');
  return dir;
}

function write(dir: string, file: string, text: string): void {
  mkdirSync(join(dir, file, '..'), { recursive: true });
  writeFileSync(join(dir, file), text);
}

/** The base fixture with one instance of each problem the check must catch. */
function makeBrokenProject(): string {
  const dir = makeProject('broken');
  // a package whose main is a .cjs file (like zod >= 3.25): the npm build skips it with a warning
  cpSync(join(fixtures, 'packages', 'cjs-main-pkg'), join(dir, 'node_modules', 'cjs-main-pkg'), {
    recursive: true,
  });
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  pkg.dependencies['cjs-main-pkg'] = '1.0.0';
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  // code next to the mini program folder (DevTools does not compile it)
  write(dir, 'shared/limits.ts', 'export const LIMIT = 3;\n');
  write(dir, 'shared/types.ts', 'export interface Shape { size: number }\n');
  // 1.6 MB that minification cannot shrink
  write(
    dir,
    'miniprogram/utils/big.js',
    `module.exports = ${JSON.stringify(randomBytes(1_200_000).toString('base64'))};\n`,
  );
  write(
    dir,
    'miniprogram/utils/time.ts',
    [
      "import dayjs from 'dayjs';",
      "import utc from 'dayjs/plugin/utc';",
      'dayjs.extend(utc);',
      "export const beijing = (ms: number): string => dayjs(ms).utcOffset(480).format('HH:mm');",
      '',
    ].join('\n'),
  );
  write(
    dir,
    'miniprogram/pages/index/index.ts',
    [
      "import { hello } from 'cjs-main-pkg';",
      "import { LIMIT } from '../../../shared/limits';",
      "import type { Shape } from '../../../shared/types';",
      "import { beijing } from '../../utils/time';",
      "const big: string = require('../../utils/big');",
      'const enum Color { Red }',
      'namespace Legacy { export const x = 1; }',
      'const shape: Shape = { size: LIMIT + Color.Red + Legacy.x + big.length };',
      'Component({',
      '  data: { text: hello(beijing(Date.now())), shape },',
      '  methods: {',
      '    async load() {',
      "      const res = await wx.cloud.database().collection('cases').get();",
      '      this.setData({ count: res.data.length });',
      '    },',
      '  },',
      '});',
      '',
    ].join('\n'),
  );
  return dir;
}

let clean: CheckResult;
let broken: CheckResult;
let sourceOnly: CheckResult;

beforeAll(async () => {
  const cleanDir = makeProject('clean');
  const brokenDir = makeBrokenProject();
  const legacyDir = makeProject('legacy');
  write(legacyDir, 'miniprogram/utils/legacy.ts', 'const x = { a: 1 };\nexport = x;\n');
  write(legacyDir, 'miniprogram/utils/old.ts', "import fmt = require('./legacy');\nfmt;\n");
  [clean, broken, sourceOnly] = await Promise.all([
    runCheck({ projectRoot: cleanDir }),
    runCheck({ projectRoot: brokenDir }),
    runCheck({ projectRoot: legacyDir, sourceOnly: true }),
  ]);
}, 240_000);

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const problemMatching = (result: CheckResult, pattern: RegExp): string[] =>
  result.problems.filter((p) => pattern.test(p));

describe('check:miniprogram on a clean fixture', () => {
  test('passes, packs dayjs, compiles every package and measures it', () => {
    expect(clean.problems).toEqual([]);
    expect(clean.ok).toBe(true);
    expect(clean.npm.packed).toEqual(['dayjs']);
    expect(clean.files.compiled).toBeGreaterThan(10);
    expect(clean.files.requires).toBeGreaterThan(0);
    const sizes = clean.sizes!;
    expect(sizes.packages.map((p) => p.root)).toEqual(['', 'packageB/']);
    expect(sizes.packages[0].limit).toBe(1_572_864);
    expect(sizes.packages[1].limit).toBe(2_097_152);
    expect(sizes.total.limit).toBe(20_971_520);
    expect(sizes.total.bytes).toBe(sizes.packages[0].bytes + sizes.packages[1].bytes);
    expect(sizes.packages[1].files).toBeGreaterThan(0);
    expect(clean.timings.compile).toBeGreaterThan(0);
    expect(clean.stageDir).toBeNull(); // staging folder removed, the project untouched
  });

  test('never reaches the network (the only attempt is blocked locally)', () => {
    for (const host of clean.networkAttempts) expect(host).toMatch(/servicewechat\.com/);
  });
});

describe('check:miniprogram on a broken fixture', () => {
  test('fails', () => {
    expect(broken.ok).toBe(false);
  });

  test('a require that does not resolve in the compiled output (deep npm import)', () => {
    expect(
      problemMatching(
        broken,
        /^compiled utils\/time\.js: require\('dayjs\/plugin\/utc'\) does not resolve.*packs only the main entry of 'dayjs'/,
      ),
    ).toHaveLength(1);
  });

  test('an npm package the npm build skipped', () => {
    expect(
      problemMatching(broken, /^npm build warning: .*cjs-main-pkg.*entry file is not found/),
    ).toHaveLength(1);
    expect(problemMatching(broken, /^npm: 'cjs-main-pkg' was not packed/)).toHaveLength(1);
    expect(broken.npm.packed).toEqual(['dayjs']);
  });

  test('a main package over 1.5 MiB', () => {
    expect(
      problemMatching(broken, /^size: main package is [\d,]+ bytes .*1\.5 MiB budget \(1,572,864/),
    ).toHaveLength(1);
    expect(problemMatching(broken, /^size: subpackage/)).toEqual([]);
    expect(broken.sizes!.packages[0].bytes).toBeGreaterThan(1_572_864);
  });

  test('a runtime import from outside miniprogram/, but not an `import type`', () => {
    expect(
      problemMatching(
        broken,
        /^miniprogram\/pages\/index\/index\.ts:2: imports '\.\.\/\.\.\/\.\.\/shared\/limits'.*outside miniprogram\//,
      ),
    ).toHaveLength(1);
    expect(problemMatching(broken, /shared\/types/)).toEqual([]);
  });

  test('wx.cloud.database in a page', () => {
    expect(
      problemMatching(broken, /^miniprogram\/pages\/index\/index\.ts:13: uses wx\.cloud\.database/),
    ).toHaveLength(1);
  });

  test('const enum and namespace', () => {
    expect(problemMatching(broken, /index\.ts:6: `const enum Color`/)).toHaveLength(1);
    expect(problemMatching(broken, /index\.ts:7: `namespace Legacy`/)).toHaveLength(1);
  });
});

describe('check:miniprogram --source-only', () => {
  test('export = and import = require, without compiling', () => {
    expect(sourceOnly.ok).toBe(false);
    expect(problemMatching(sourceOnly, /utils\/legacy\.ts:2: `export =`/)).toHaveLength(1);
    expect(problemMatching(sourceOnly, /utils\/old\.ts:1: `import … = require/)).toHaveLength(1);
    expect(sourceOnly.timings.compile).toBeUndefined();
    expect(sourceOnly.sizes).toBeNull();
  });
});
