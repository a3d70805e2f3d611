// Checks on the compiled output (the `{ path: content }` map of miniprogram-ci's getCompiledResult):
// every require() resolves to a compiled file the way WeChat resolves it, no synchronous require
// crosses packages, and the packages stay within their size budgets.
import { posix } from 'node:path';
import ts from 'typescript';

/** Sizes are in binary units: 1 MiB = 1,048,576 bytes (what checkCodeQuality's "1.5 M" means). */
export const MiB = 1024 * 1024;
export const LIMITS = Object.freeze({
  main: 1.5 * MiB, // 1,572,864 bytes: the budget DevTools' code quality check advises
  subpackage: 2 * MiB, // 2,097,152 bytes: WeChat's limit per subpackage
  total: 20 * MiB, // 20,971,520 bytes: WeChat's limit for the whole mini program
});

const NPM_OUTSIDE_DEPS = /\/\/miniprogram-npm-outsideDeps=(\[.*\])/;

export const byteLength = (content) =>
  typeof content === 'string' ? Buffer.byteLength(content) : content.length;

/** The packages declared by app.json: main first, then subpackages in declaration order. */
export function packagesOf(appJson) {
  const subs = appJson.subPackages ?? appJson.subpackages ?? [];
  return [
    { name: 'main', root: '', independent: false },
    ...subs.map((s) => {
      const root = `${String(s.root).replace(/^\/+|\/+$/g, '')}/`;
      return { name: root, root, independent: Boolean(s.independent) };
    }),
  ];
}

export function packageOf(file, packages) {
  return packages.find((p) => p.root && file.startsWith(p.root)) ?? packages[0];
}

const withJs = (base) => (base.endsWith('.js') ? base : `${base}.js`);
const isRelative = (spec) =>
  spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../');

/**
 * Resolves a require() specifier from a compiled file as the WeChat runtime does (and as the
 * official code analyser does, whose resolver this mirrors):
 *   - '/x' from the mini program root, anything else first relative to the requiring file's folder
 *     (so DevTools' own `require("@babel/runtime/helpers/x")` in a root-level file resolves), with
 *     '.js' appended unless present; a folder is NOT resolved to its index.js;
 *   - then, for a package name, `miniprogram_npm/<spec>.js` or `miniprogram_npm/<spec>/index.js`
 *     in the file's folder and each folder above it.
 * Returns the compiled file or null.
 */
export function resolveRequire(fromFile, spec, files) {
  if (spec.startsWith('/')) {
    const target = withJs(posix.normalize(spec.slice(1)));
    return files.has(target) ? target : null;
  }
  const dir = posix.dirname(fromFile);
  const local = posix.normalize(posix.join(dir, spec));
  if (local !== '..' && !local.startsWith('../') && files.has(withJs(local))) return withJs(local);
  if (isRelative(spec)) return null;
  for (let d = dir; ; d = posix.dirname(d)) {
    const base = posix.join(d === '.' ? '' : d, 'miniprogram_npm', spec);
    const found = [withJs(base), `${base}/index.js`].find((c) => files.has(c));
    if (found) return found;
    if (d === '.' || d === '' || d === '/') return null;
  }
}

/** require('x') / require.async('x') calls in a JS text; `dynamic` counts non-literal ones. */
export function findRequires(fileName, text) {
  const found = [];
  let dynamic = 0;
  if (!text.includes('require')) return { found, dynamic };
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const visit = (node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      const isAsync =
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === 'require' &&
        callee.name.text === 'async';
      if (isRequire || isAsync) {
        const [arg] = node.arguments;
        if (arg && ts.isStringLiteralLike(arg)) found.push({ spec: arg.text, async: isAsync });
        else dynamic += 1;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { found, dynamic };
}

function unresolvedHint(spec, fromFile, files) {
  if (spec.startsWith('/') || isRelative(spec)) {
    const base = spec.startsWith('/')
      ? posix.normalize(spec.slice(1))
      : posix.normalize(posix.join(posix.dirname(fromFile), spec));
    if (base === '..' || base.startsWith('../')) {
      return '; it points outside the mini program root, which is not uploaded';
    }
    if (files.has(`${base}/index.js`)) {
      return `; WeChat does not resolve a folder to its index.js: require '${spec.replace(/\/$/, '')}/index'`;
    }
    return '';
  }
  const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  if (name !== spec && resolveRequire(fromFile, name, files)) {
    return (
      `; WeChat's npm build packs only the main entry of '${name}' into miniprogram_npm/${name}/index.js, ` +
      'so a deep import does not exist there: import the main entry, vendor the file into the mini program, ' +
      'or use a package that ships a miniprogram_dist'
    );
  }
  return `; '${name}' is not in miniprogram_npm: it must be a package.json dependency that the npm build packed`;
}

/**
 * @param {Record<string, string | Buffer>} compiled
 * @param {Array<{name:string, root:string, independent:boolean}>} packages
 * @param {(file: string) => string | null} stagedSource pre-compile text of a file (npm bundles)
 * @returns {{ problems: string[], unresolved: Array<{from: string, spec: string}>, requires: number }}
 */
export function checkRequires(compiled, packages, stagedSource) {
  const files = new Set(Object.keys(compiled));
  const problems = [];
  const unresolved = [];
  let requires = 0;
  for (const file of [...files].sort()) {
    if (!file.endsWith('.js')) continue;
    let specs;
    // A packed npm bundle maps its internal requires itself; only its "outside deps" reach the
    // runtime require (the list is written by the npm build and dropped by minification).
    const outside = file.includes('miniprogram_npm/')
      ? (stagedSource(file)?.match(NPM_OUTSIDE_DEPS)?.[1] ?? null)
      : null;
    if (outside !== null) {
      specs = JSON.parse(outside).map((spec) => ({ spec, async: false }));
    } else {
      const { found, dynamic } = findRequires(file, String(compiled[file]));
      specs = found;
      if (dynamic > 0 && !file.includes('miniprogram_npm/')) {
        problems.push(
          `compiled ${file}: ${dynamic} require() call(s) with a computed path; WeChat only resolves string literals`,
        );
      }
    }
    const from = packageOf(file, packages);
    for (const { spec, async } of specs) {
      requires += 1;
      const target = resolveRequire(file, spec, files);
      if (!target) {
        unresolved.push({ from: file, spec });
        problems.push(
          `compiled ${file}: require('${spec}') does not resolve to a file of the compiled mini program` +
            unresolvedHint(spec, file, files),
        );
        continue;
      }
      if (async) continue;
      const to = packageOf(target, packages);
      const allowed = to === from || (to.root === '' && !from.independent);
      if (!allowed) {
        problems.push(
          `compiled ${file}: require('${spec}') reaches ${target} in ${to.root === '' ? 'the main package' : `subpackage ${to.root}`}, ` +
            `which ${from.independent ? 'an independent subpackage' : `package ${from.name}`} cannot require synchronously (use require.async or move the file)`,
        );
      }
    }
  }
  return { problems, unresolved, requires };
}

/**
 * Bytes per package (every compiled file, as uploaded: uncompressed), and the budget problems.
 */
export function measureSizes(compiled, packages, limits = LIMITS) {
  const rows = packages.map((p) => ({
    name: p.name,
    root: p.root,
    independent: p.independent,
    files: 0,
    bytes: 0,
    limit: p.root === '' ? limits.main : limits.subpackage,
  }));
  for (const [file, content] of Object.entries(compiled)) {
    const row = rows[packages.indexOf(packageOf(file, packages))];
    row.files += 1;
    row.bytes += byteLength(content);
  }
  const total = {
    files: rows.reduce((n, r) => n + r.files, 0),
    bytes: rows.reduce((n, r) => n + r.bytes, 0),
    limit: limits.total,
  };
  const problems = [];
  for (const r of rows) {
    if (r.bytes > r.limit) {
      problems.push(
        `size: ${r.root === '' ? 'main package' : `subpackage ${r.root}`} is ${r.bytes.toLocaleString('en')} bytes ` +
          `(${(r.bytes / MiB).toFixed(2)} MiB), over its ${(r.limit / MiB).toFixed(1)} MiB budget (${r.limit.toLocaleString('en')} bytes)`,
      );
    }
  }
  if (total.bytes > total.limit) {
    problems.push(
      `size: the whole mini program is ${total.bytes.toLocaleString('en')} bytes, over ${(total.limit / MiB).toFixed(0)} MiB`,
    );
  }
  return { packages: rows, total, unit: '1 KiB = 1,024 bytes, 1 MiB = 1,048,576 bytes', problems };
}
