// What deploys: each built function is one bundle needing only wx-server-sdk (pinned) and Node built-ins.
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const built = join(root, 'build', 'cloudfunctions');
const sources = readdirSync(join(root, 'cloudfunctions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
  .map((d) => d.name);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const allowed = new Set(['wx-server-sdk', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

test('Every cloud function folder was built', () => {
  expect(sources.length).toBeGreaterThan(0);
  for (const name of sources) expect(existsSync(join(built, name, 'index.js'))).toBe(true);
});

describe.each(sources)('the %s bundle', (name) => {
  const code = () => readFileSync(join(built, name, 'index.js'), 'utf8');

  test('requires nothing but wx-server-sdk and Node built-ins', () => {
    const required = [...code().matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(required).toContain('wx-server-sdk');
    expect(required.filter((r) => !allowed.has(r))).toEqual([]);
    expect(code()).not.toMatch(/\brequire\(\s*[^"'`\s)]/);
  });

  test('exports main for CloudBase', () => {
    expect(code()).toMatch(/module\.exports\s*=|exports\.main\s*=/);
  });

  test('has a package.json pinning wx-server-sdk exactly, and its config.json', () => {
    const fnPkg = JSON.parse(readFileSync(join(built, name, 'package.json'), 'utf8'));
    expect(fnPkg.dependencies).toEqual({ 'wx-server-sdk': pkg.devDependencies['wx-server-sdk'] });
    expect(fnPkg.dependencies['wx-server-sdk']).toMatch(/^\d+\.\d+\.\d+$/);
    const config = JSON.parse(readFileSync(join(built, name, 'config.json'), 'utf8'));
    const source = JSON.parse(readFileSync(join(root, 'cloudfunctions', name, 'config.json'), 'utf8'));
    expect(config).toEqual(source);
  });
});
