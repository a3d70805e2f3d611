// WXML → JS with WeChat's official template compiler (wcc, shipped by miniprogram-compiler), called
// directly rather than through miniprogram-compiler's wxmlToJs: files go in with a `./` prefix (so
// absolute `<import src="/…">` and relative `<wxs src>` resolve, PREVIEW.md pitfalls 3–4), the custom
// component tags of each file are passed from the usingComponents we resolved (app.json's global ones
// included), nothing is require()d (no stale json cache) and stdout may be large.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Why wcc cannot run here, or null when it can (it ships for x86-64 Linux, macOS and Windows). */
export function wccUnavailable() {
  if (process.arch !== 'x64') {
    return `WeChat's wcc compiler ships for x86-64 only (this machine is ${process.platform}-${process.arch})`;
  }
  if (!['linux', 'darwin', 'win32'].includes(process.platform)) {
    return `WeChat's wcc compiler does not ship for ${process.platform}`;
  }
  return existsSync(wccPath()) ? null : `wcc not found at ${wccPath()}`;
}

function wccPath() {
  const pkg = dirname(require.resolve('miniprogram-compiler/package.json'));
  const bin = { linux: 'bin/linux/wcc', darwin: 'bin/mac/wcc', win32: 'bin/windows/wcc.exe' };
  return join(pkg, bin[process.platform] ?? bin.linux);
}

/**
 * Compiles every template at once, as DevTools does.
 * @param {string} root the mini program root
 * @param {string[]} wxml paths relative to root, without `./` (`pages/index/index.wxml`)
 * @param {string[]} wxs the same for `.wxs` files
 * @param {Record<string, string[]>} components per wxml path, the custom component tags it uses
 * @returns {string} JS that defines `$gwx(path)`; `$gwx('./pages/index/index.wxml')` is a
 *   generate function `data → tree`
 */
export function compileWxml(root, wxml, wxs, components) {
  const bin = wccPath();
  try {
    chmodSync(bin, 0o755); // npm unpacks it without the execute bit
  } catch {
    // read-only install: try anyway
  }
  const withTags = wxml.filter((f) => (components[f] ?? []).length > 0);
  const componentArgs = [
    String(withTags.length),
    ...withTags.flatMap((f) => [`./${f}`, String(components[f].length), ...components[f]]),
  ].join(' ');
  const args = [
    '-d',
    '-cc',
    componentArgs,
    ...wxml.map((f) => `./${f}`),
    ...wxs.map((f) => `./${f}`),
    '-gn',
    '$gwx',
  ];
  const out = spawnSync(bin, args, { cwd: root, maxBuffer: 256 * 1024 * 1024 });
  if (out.error) throw out.error;
  if (out.status !== 0) {
    throw new Error(`wcc failed (exit ${out.status}):\n${out.stderr.toString()}`);
  }
  return out.stdout.toString();
}
