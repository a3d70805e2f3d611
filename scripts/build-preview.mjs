// Builds the browser preview of the mini program into build/preview/: the real pages (WXML compiled
// by WeChat's wcc, WXSS scoped per page, TypeScript transpiled module by module) and the runtime that
// renders them with j-component + exparser (miniprogram-simulate's engine) inside a phone frame.
// See preview/README.md. `node scripts/build-preview.mjs` builds it alone.
import { build, transform } from 'esbuild';
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
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileWxml, wccUnavailable } from '../preview/build/wxml.mjs';
import { compileWxss, readWxss } from '../preview/build/wxss.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Static files a page may show (`<image src>`, tab bar icons) are copied as they are. */
const ASSET = /\.(png|jpe?g|gif|svg|webp|bmp|ico|mp3|mp4|m4a|wav|ttf|woff2?)$/i;

const toPosix = (p) => p.split('\\').join('/');

/** Every file under `dir`, relative to it, skipping what WeChat's packer skips. */
function walk(dir, base = dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, base, out);
    else out.push(toPosix(relative(base, full)));
  }
  return out;
}

function readJson(file, fallback) {
  if (!existsSync(file)) return fallback;
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** `citizen/suggestion-submit/index` → `p-citizen-suggestion-submit-index`. */
function tagOf(kind, path) {
  return `${kind}-${path
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

/** The pages of app.json, main package first, then each subpackage's under its root. */
function pagesOf(app) {
  const subs = app.subPackages ?? app.subpackages ?? [];
  return [
    ...(app.pages ?? []),
    ...subs.flatMap((s) => (s.pages ?? []).map((p) => posix.join(s.root, p))),
  ];
}

/**
 * Resolves a usingComponents value as WeChat does: absolute from the root, relative to the using
 * file, or an npm component under miniprogram_npm. Returns the component path without extension.
 */
function resolveComponent(mp, from, value) {
  if (value.startsWith('plugin://') || value.startsWith('plugin-private://')) return null;
  const candidates = value.startsWith('/')
    ? [value.slice(1)]
    : value.startsWith('.')
      ? [posix.join(posix.dirname(from), value)]
      : [posix.join('miniprogram_npm', value), posix.join('miniprogram_npm', value, 'index')];
  for (const c of candidates) {
    const p = posix.normalize(c);
    if (existsSync(join(mp, `${p}.json`))) return p;
    if (existsSync(join(mp, p, 'index.json'))) return posix.join(p, 'index');
  }
  return null;
}

/** The subscription-message templates by id, with their titles, for the subscription prompt. */
function templatesOf(configDir) {
  const registry = readJson(join(configDir, 'templates.json'), {});
  return Object.fromEntries(
    Object.entries(registry).map(([key, t]) => [
      t.id,
      {
        key,
        title: t.title,
        fields: Object.fromEntries(Object.entries(t.fields ?? {}).map(([k, f]) => [k, f.title])),
      },
    ]),
  );
}

/**
 * The mini program's JS, module by module, as WeChat runs it: each file is its own module, run on its
 * first require(), with relative requires resolved inside the package. npm packages the pages
 * require come from miniprogram_npm or, when it has not been built, are bundled from node_modules
 * the way WeChat's npm build packs them.
 */
async function buildModules(mp, files, warn) {
  const sources = files.filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'));
  const modules = {};
  await Promise.all(
    sources.map(async (file) => {
      const id = file.replace(/\.ts$/, '.js');
      const out = await transform(readFileSync(join(mp, file), 'utf8'), {
        loader: file.endsWith('.ts') ? 'ts' : 'js',
        format: 'cjs',
        target: 'es2018',
        sourcemap: 'inline',
        sourcefile: `mp:///${file}`,
      });
      modules[id] = `${out.code}\n//# sourceURL=mp:///${id}\n`;
    }),
  );

  // Requires that leave the package, and npm packages to pack.
  const pkg = readJson(join(ROOT, 'package.json'), {});
  const deps = new Set(Object.keys(pkg.dependencies ?? {}));
  const bare = new Set();
  for (const [id, code] of Object.entries(modules)) {
    for (const m of code.matchAll(/\brequire\("([^"]+)"\)/g)) {
      const spec = m[1];
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = posix.normalize(posix.join(posix.dirname(id), spec));
        if (target.startsWith('..')) {
          warn(
            `${id} requires ${spec} at runtime, outside the mini program: WeChat cannot load it`,
          );
        }
      } else if (!existsSync(join(mp, 'miniprogram_npm', spec))) {
        bare.add(spec);
      }
    }
  }
  await Promise.all(
    [...bare].map(async (spec) => {
      const name = spec.startsWith('@')
        ? spec.split('/').slice(0, 2).join('/')
        : spec.split('/')[0];
      if (!deps.has(name)) {
        warn(`require("${spec}"): not a dependency in package.json, so not in miniprogram_npm`);
        return;
      }
      const out = await build({
        entryPoints: [spec],
        absWorkingDir: ROOT,
        bundle: true,
        write: false,
        format: 'cjs',
        platform: 'neutral',
        mainFields: ['main', 'module'],
        target: 'es2018',
        logLevel: 'silent',
      });
      modules[`miniprogram_npm/${spec}/index.js`] = out.outputFiles[0].text;
    }),
  );
  return modules;
}

/** The scoped CSS of a page (app.wxss, then its own) or a component (its own, app.wxss if shared). */
function cssOf(mp, path, tag, withApp) {
  const parts = [];
  if (withApp) parts.push(readWxss(mp, join(mp, 'app.wxss')));
  parts.push(readWxss(mp, join(mp, `${path}.wxss`)));
  return compileWxss(parts.join('\n'), { prefix: tag, host: tag, from: `${path}.wxss` });
}

/** The privacy guide openPrivacyContract shows: config/privacy.json when the product has one. */
function privacyOf(configDir) {
  return (
    readJson(join(configDir, 'privacy.json'), null) ??
    readJson(join(ROOT, 'preview', 'privacy-guide.json'), {})
  );
}

/**
 * Builds the preview of `miniprogramDir` (default miniprogram/) into `outDir` (default
 * build/preview/). Returns what was built, or `{ skipped }` when wcc cannot run on this machine (the
 * rest of the build goes on). `configDir` holds templates.json (and privacy.json if any).
 */
export async function buildPreview({
  miniprogramDir = join(ROOT, 'miniprogram'),
  configDir = join(ROOT, 'config'),
  outDir = join(ROOT, 'build', 'preview'),
  warn = (m) => console.warn(`preview: ${m}`),
} = {}) {
  const started = Date.now();
  const unavailable = wccUnavailable();
  if (unavailable) {
    rmSync(outDir, { recursive: true, force: true });
    return { skipped: `${unavailable}; the browser preview is not built` };
  }
  const mp = miniprogramDir;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'mp'), { recursive: true });
  const app = readJson(join(mp, 'app.json'), {});
  const files = walk(mp);

  // Pages and the components they use, walked from app.json.
  const pages = {};
  const components = {};
  const globalUsing = app.usingComponents ?? {};
  const resolveUsing = (path, json) => {
    const using = { ...globalUsing, ...(json.usingComponents ?? {}) };
    const out = {};
    for (const [tagName, value] of Object.entries(using)) {
      const from = json.usingComponents && tagName in json.usingComponents ? path : 'app';
      const target = resolveComponent(mp, from, value);
      if (!target) {
        warn(`${path}.json: component ${tagName} → ${value} not found`);
        continue;
      }
      out[tagName] = target;
      visitComponent(target);
    }
    return out;
  };
  const visitComponent = (path) => {
    if (components[path]) return;
    const json = readJson(join(mp, `${path}.json`), {});
    const tag = tagOf('c', path);
    components[path] = { json, tag, css: '', using: {} };
    components[path].using = resolveUsing(path, json);
    const shared = ['apply-shared', 'shared'].includes(json.styleIsolation);
    components[path].css = cssOf(mp, path, tag, shared);
  };
  for (const route of pagesOf(app)) {
    if (!existsSync(join(mp, `${route}.json`)) && !existsSync(join(mp, `${route}.wxml`))) {
      warn(`app.json lists ${route}, which has no files`);
      continue;
    }
    const json = readJson(join(mp, `${route}.json`), {});
    const tag = tagOf('p', route);
    pages[route] = {
      json,
      tag,
      css: cssOf(mp, route, tag, true),
      using: resolveUsing(route, json),
    };
  }

  // Templates: every wxml and wxs, with the custom component tags of each file.
  const wxml = files.filter((f) => f.endsWith('.wxml'));
  const wxs = files.filter((f) => f.endsWith('.wxs'));
  const tags = {};
  for (const [path, entry] of [...Object.entries(pages), ...Object.entries(components)]) {
    const keys = Object.keys(entry.using);
    if (keys.length) tags[`${path}.wxml`] = keys;
  }
  const gwx = compileWxml(mp, wxml, wxs, tags);

  const [modules] = await Promise.all([
    buildModules(mp, files, warn),
    build({
      entryPoints: [join(ROOT, 'preview', 'runtime', 'index.ts')],
      outfile: join(outDir, 'preview.js'),
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      minify: true,
      sourcemap: 'linked',
      define: { global: 'window' },
      plugins: [(await import('../preview/build/patches.mjs')).patchesPlugin()],
      logLevel: 'warning',
    }),
  ]);

  const config = {
    app,
    appName: app.window?.navigationBarTitleText ?? '小程序',
    pages,
    components,
    templates: templatesOf(configDir),
    privacy: privacyOf(configDir),
    wxmlFiles: wxml,
  };
  writeFileSync(
    join(outDir, 'mp', 'app-config.js'),
    `window.__MP__ = ${JSON.stringify(config)};\n`,
  );
  writeFileSync(
    join(outDir, 'mp', 'wxml.js'),
    `window.__MP_GWX__ = (function () {\n${gwx}\n;return $gwx;\n})();\n`,
  );
  writeFileSync(
    join(outDir, 'mp', 'app-service.js'),
    `window.__MP_MODULES__ = ${JSON.stringify(modules)};\n`,
  );
  for (const f of files.filter((f) => ASSET.test(f))) {
    const to = join(outDir, 'mp', f);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(mp, f), to);
  }
  for (const f of ['index.html', 'shell.css']) {
    copyFileSync(join(ROOT, 'preview', 'shell', f), join(outDir, f));
  }
  const bytes = walk(outDir).reduce((n, f) => n + statSync(join(outDir, f)).size, 0);
  return {
    ms: Date.now() - started,
    bytes,
    pages: Object.keys(pages).length,
    components: Object.keys(components).length,
    modules: Object.keys(modules).length,
  };
}

/** The build's step (scripts/build.mjs): builds, says why when skipped, never fails for that. */
export async function buildPreviewStep({ quiet = process.argv.includes('--quiet') } = {}) {
  const out = await buildPreview();
  if (out.skipped) console.warn(`preview skipped: ${out.skipped}`);
  else if (!quiet) {
    console.log(
      `built the preview (${out.pages} pages, ${out.components} components, ${out.modules} modules, ` +
        `${Math.round(out.bytes / 1024)} KB) in ${out.ms} ms into build/preview`,
    );
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // node scripts/build-preview.mjs [--miniprogram DIR] [--config DIR] [--out DIR]
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const custom = ['--miniprogram', '--config', '--out'].some((a) => process.argv.includes(a));
  if (!custom) await buildPreviewStep();
  else {
    const out = await buildPreview({
      ...(arg('--miniprogram') ? { miniprogramDir: arg('--miniprogram') } : {}),
      ...(arg('--config') ? { configDir: arg('--config') } : {}),
      ...(arg('--out') ? { outDir: arg('--out') } : {}),
    });
    console.log(JSON.stringify(out));
  }
}
