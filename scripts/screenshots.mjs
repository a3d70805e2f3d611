// npm run screenshots: every page of the mini program, as each demo audience and staff role sees it,
// with representative demo data, rendered by the browser preview into screenshots/ (git-ignored):
//
//   screenshots/<audience-or-role>/<page-path-with-dashes>.png   e.g. citizen/pages-index-index.png
//   screenshots/large-font/<page-path-with-dashes>.png           the citizen's pages at text 1.5×
//
// It starts its own devcloud on a temporary folder and the gateway on a free port (the preview test
// driver, tests/preview/browser.ts, bundled by esbuild), creates the demo data through the functions,
// and exits non-zero when a page fails to render (a script error, or its error state shown).
// `--out <dir>` writes elsewhere; `--scale 2` for sharper (and larger) images.
/* global document, window -- inside page.evaluate(), which runs in the browser */
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PREVIEW_DIR = join(ROOT, 'build', 'preview');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const OUT = resolve(option('--out', join(ROOT, 'screenshots')));
const SCALE = Number(option('--scale', '1'));

/** The preview driver and the demo data, bundled for Node (two levels below the root, as in tests/). */
async function loadDriver() {
  const outfile = join(ROOT, 'build', 'screenshots', 'driver.cjs');
  await build({
    stdin: {
      contents: [
        "export * from './tests/preview/browser';",
        "export * from './tests/preview/demo-data';",
        "export { createLiaisonDemo } from './devcloud/demo-liaison';",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
      sourcefile: 'screenshots-driver.ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

/** Every page of app.json: main package first, then each subpackage's under its root. */
function appPages() {
  const app = JSON.parse(readFileSync(join(ROOT, 'miniprogram', 'app.json'), 'utf8'));
  return [
    ...app.pages,
    ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`)),
  ];
}

/** Who the screenshots are taken as: each audience, and each staff role of one procuratorate. */
async function audiences(url) {
  const res = await fetch(`${url}/_devcloud/identities`);
  if (!res.ok) throw new Error(`GET /_devcloud/identities: ${res.status}`);
  const identities = await res.json();
  const people = [];
  for (const id of identities) {
    if (id.audience !== 'staff') {
      if (!people.some((p) => p.folder === id.audience))
        people.push({ folder: id.audience, ...id });
    } else if (id.procuratorateId === '110105') {
      for (const role of id.roles ?? []) {
        if (!people.some((p) => p.folder === role)) people.push({ folder: role, ...id });
      }
    }
  }
  return people;
}

const dashed = (page) => page.replace(/\//g, '-');

async function main() {
  if (!existsSync(join(PREVIEW_DIR, 'index.html'))) {
    console.error('build/preview is missing: the preview builds on x86-64 only (WeChat’s wcc).');
    process.exit(1);
  }
  const started = Date.now();
  const driver = await loadDriver();
  const p = await driver.openPreview({
    as: driver.DEMO.citizen,
    deviceScaleFactor: SCALE,
  });
  const failures = [];
  const written = [];
  try {
    // Representative data: the citizen's three suggestions (one replied, one flagged for review),
    // and one of each other audience's, so their lists and details are not empty.
    const demo = await driver.createDemoData(p.cloud, driver.DEMO);
    const own = { citizen: demo.replied };
    const openingLines = {
      lawyer: '建议在检察服务大厅设置律师专用阅卷预约窗口，缩短律师等候时间。',
      deputy: '建议检察机关定期向人大代表通报公益诉讼案件办理情况，方便代表履职监督。',
      supervisor: '建议进一步规范人民监督员参与案件公开听证的通知时间，至少提前三个工作日。',
    };
    for (const [audience, content] of Object.entries(openingLines)) {
      own[audience] = await driver.submitSuggestion(p.cloud, driver.DEMO[audience], {
        topic: audience === 'deputy' ? '检务公开' : '服务群众',
        content,
      });
    }

    // The demo deputy and supervisor bound, with an answered and a waiting opinion and a complaint.
    const liaison = await driver.createLiaisonDemo(p.cloud, '京朝检刑诉受〔2026〕110105000101号');

    const pages = appPages();
    const pathFor = (page, folder) => {
      if (page === 'citizen/suggestion-detail/index') {
        return `/${page}?id=${(own[folder] ?? demo.replied).id}`;
      }
      if (page === 'citizen/suggestion-query/index')
        return `/${page}?code=${demo.replied.queryCode}`;
      if (page === 'staff/suggestion-reply/index') return `/${page}?id=${demo.pending.id}`;
      if (page === 'liaison/detail/index') {
        const id = folder === 'supervisor' ? liaison.complaintId : liaison.repliedOpinionId;
        return `/${page}?id=${id}`;
      }
      if (page === 'staff/liaison-item/index') return `/${page}?id=${liaison.waitingOpinionId}`;
      return `/${page}`;
    };

    const browserErrors = [];
    p.page.on('pageerror', (e) => browserErrors.push(e.message));
    const capture = async (who, page, file, fontScale = 1) => {
      browserErrors.length = 0;
      await p.page.evaluate(() => localStorage.clear()); // a clean phone: no drafts left
      await p.launch(pathFor(page, who.folder), { as: who.openid, fontScale });
      await p.page.waitForFunction(() => [...document.images].every((img) => img.complete));
      // Errors page scripts threw since this launch (window.__preview starts afresh with each).
      const errors = [
        ...browserErrors,
        ...(await p.page.evaluate(() => window.__preview?.errors ?? [])),
      ];
      const errorState = p.current().locator('#error-state, #units-retry');
      const shown = (await errorState.count()) > 0 && (await errorState.first().isVisible());
      const empty = ((await p.current().innerText()) ?? '').trim() === '';
      if (errors.length || shown || empty) {
        failures.push(
          `${relative(OUT, file)}: ${[
            ...errors,
            shown ? `the page shows its error state: ${(await p.text()).slice(0, 80)}` : '',
            empty ? 'the page rendered nothing' : '',
          ]
            .filter(Boolean)
            .join('; ')}`,
        );
      }
      mkdirSync(dirname(file), { recursive: true });
      await p.shot(file);
      written.push(file);
    };

    const people = await audiences(p.url);
    // Only the folders written here are replaced (`--out` may name a folder with other things in it).
    for (const folder of [...people.map((x) => x.folder), 'large-font']) {
      rmSync(join(OUT, folder), { recursive: true, force: true });
    }
    for (const who of people) {
      for (const page of pages) {
        await capture(who, page, join(OUT, who.folder, `${dashed(page)}.png`));
      }
    }
    const citizen = people.find((x) => x.folder === 'citizen');
    for (const page of pages.filter((x) => !x.startsWith('staff/'))) {
      await capture(citizen, page, join(OUT, 'large-font', `${dashed(page)}.png`), 1.5);
    }
  } finally {
    await p.close();
  }

  const byFolder = new Map();
  for (const file of written) {
    const folder = relative(OUT, dirname(file));
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  let bytes = 0;
  for (const [folder, files] of byFolder) {
    console.log(`${relative(process.cwd(), join(OUT, folder))}/`);
    for (const file of files) {
      const size = statSync(file).size;
      bytes += size;
      console.log(
        `  ${relative(join(OUT, folder), file).padEnd(42)} ${Math.round(size / 1024)} KB`,
      );
    }
  }
  console.log(
    `wrote ${written.length} screenshots (${Math.round(bytes / 1024)} KB) into ${relative(process.cwd(), OUT) || '.'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (failures.length) {
    console.error(`\n${failures.length} page(s) failed to render:`);
    for (const f of failures) console.error(`  ${f}`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
