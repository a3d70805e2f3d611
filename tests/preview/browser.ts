// Drives the browser preview (build/preview, served by devcloud's gateway) in headless Chromium, the
// way a person uses the mini program: tap what they see, type into labelled fields, answer WeChat's
// prompts. One `openPreview()` is one devcloud (fresh folder, demo data seeded), one gateway on a free
// port and one browser; share it across the tests of a file (beforeAll / afterAll).
//
//   const p = await openPreview({ as: DEMO.citizen });
//   await p.tap('意见建议箱');                          // by accessible name or visible text
//   await p.pick(/^受理检察院/, '北京市人民检察院', '北京市朝阳区人民检察院'); // one choice per column
//   await p.type(/意见建议内容/, '……');                 // by label (aria-label)
//   await p.tap('提交意见建议');
//   await p.subscribe('accept');                        // WeChat's subscription prompt
//   expect(await p.text()).toContain('提交成功');
//   await p.as(DEMO.handler);                           // switch identity (the app restarts)
//   await p.close();
//
// Every action waits for the preview to settle (no wx call in flight, page rendered), so assertions
// right after an action see its outcome. Targets are what a person sees or a screen reader announces:
// the `aria-label` pages give (`aria-role` becomes the role), else the text.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { DevCloud } from '../../devcloud';
import { createGateway, listen } from '../../devcloud/gateway';

export const ROOT = join(__dirname, '..', '..');
export const PREVIEW_DIR = join(ROOT, 'build', 'preview');
/** Where screenshots go unless a path is given. */
export const SHOTS_DIR = join(tmpdir(), 'preview-shots');

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The demo identities of database/seed/_identities.json the flows act as. */
export const DEMO = {
  citizen: 'o-citizen-1',
  otherCitizen: 'o-citizen-2',
  lawyer: 'o-lawyer-1',
  deputy: 'o-deputy-1',
  supervisor: 'o-supervisor-1',
  registrar: 'o-staff-110105-registrar',
  handler: 'o-staff-110105-handler',
  leader: 'o-staff-110105-leader',
  admin: 'o-staff-110105-admin',
} as const;

export interface OpenOptions {
  /** The built preview to serve (default build/preview; see `buildFixturePreview`). */
  previewDir?: string;
  /** Who the person is (a demo openid); default the first citizen. */
  as?: string;
  /** A page to open instead of the home page, e.g. `/citizen/suggestion-query/index?code=…`. */
  path?: string;
  /** The phone's screen size in CSS px (default 375 × 667). */
  width?: number;
  height?: number;
  /** The person's font setting: 1.5 for WeChat's large font (every page font size × 1.5). */
  fontScale?: number;
  /** The status bar's clock, fixed for screenshots; default `9:41`. */
  clock?: string;
  /** Browser window size (the shell around the phone). Default 1100 × 900. */
  viewport?: { width: number; height: number };
  /** Device pixels per CSS pixel (2 for sharper screenshots); default 1. */
  deviceScaleFactor?: number;
  /** Chromium path; default $CHROMIUM or /usr/bin/chromium. */
  executablePath?: string;
  /** Extra Chromium flags, e.g. `--force-device-scale-factor=2`. */
  args?: string[];
}

/** A target: an accessible name or visible text (exact first, then contained), or a locator. */
export type Target = string | RegExp | Locator;

export interface Preview {
  page: Page;
  browser: Browser;
  context: BrowserContext;
  cloud: DevCloud;
  /** The gateway's base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The phone's screen (navigation bar, page, tab bar, WeChat's dialogs). */
  screen: Locator;
  /** The page being shown (its scrolling container). */
  current(): Locator;
  /** What the person can act on now: the open dialog or sheet, else the phone screen. */
  scope(): Promise<Locator>;
  /** Waits until no wx call is in flight and the page has rendered. */
  idle(): Promise<void>;
  /**
   * Taps what has that accessible name or text (in the open dialog, else on the screen). `force`
   * taps even what reads as disabled (WeChat still fires bindtap on a disabled button).
   */
  tap(target: Target, options?: { force?: boolean }): Promise<void>;
  /** Types into the input or textarea with that label (replaces its value). */
  type(label: string | RegExp, value: string, options?: { slow?: boolean }): Promise<void>;
  /**
   * Opens the picker with that label and chooses one option per column, then 确定. For date and time
   * pickers, give the value as `2024-05-06` / `09:30`.
   */
  pick(label: string | RegExp, ...choices: string[]): Promise<void>;
  /** Answers WeChat's subscription prompt: all, none, or per template title. */
  subscribe(decision: 'accept' | 'reject' | Record<string, 'accept' | 'reject'>): Promise<void>;
  /** Answers the privacy prompt. */
  privacy(decision: 'agree' | 'reject'): Promise<void>;
  /** The open dialog (wx.showModal …): title and content; fails if none opens. */
  modal(): Promise<{ title: string; content: string }>;
  /** The text of the toast showing now (waits for one). */
  toast(): Promise<string>;
  /** The navigation bar's title. */
  title(): Promise<string>;
  /** The current page's route and query. */
  route(): Promise<{ route: string; query: Record<string, string> }>;
  /** The current page's data (what its setData holds). */
  data<T = Record<string, unknown>>(): Promise<T>;
  /**
   * Waits until the current page's data has `key` equal to `value` (e.g. a picker's options have
   * loaded), so a test does not act on a page still fetching under a loaded machine.
   */
  waitForData(key: string, value: unknown, timeout?: number): Promise<void>;
  /** The visible text of the current page (whitespace collapsed). */
  text(): Promise<string>;
  /** Waits until the current page shows the text. */
  waitForText(text: string | RegExp, timeout?: number): Promise<void>;
  /** The navigation bar's back button. */
  back(): Promise<void>;
  /** Switches identity in the shell; the mini program restarts (at `path` if given). */
  as(openid: string, path?: string): Promise<void>;
  /**
   * Starts the mini program afresh at `path` (as from a shared card or a message), as `as` and at
   * the font setting `fontScale` when given; what is not given stays as it was.
   */
  launch(path: string, options?: { as?: string; fontScale?: number }): Promise<void>;
  /** Titles of the subscription messages in the shell's panel, newest first. */
  messages(): Promise<string[]>;
  /** Taps a message in the panel (newest first), which opens its page. */
  openMessage(index?: number): Promise<void>;
  /** Screenshot of the phone (or the whole shell) into `SHOTS_DIR/<name>.png`; answers the path. */
  shot(name: string, options?: { fullShell?: boolean }): Promise<string>;
  /** Errors page scripts threw, and browser page errors, so far. */
  errors(): Promise<string[]>;
  close(): Promise<void>;
}

const INTERACTIVE = [
  'button',
  'link',
  'tab',
  'switch',
  'checkbox',
  'radio',
  'option',
  'menuitem',
] as const;

async function firstVisible(candidates: Locator[]): Promise<Locator | null> {
  for (const c of candidates) {
    const visible = c.filter({ visible: true });
    if ((await visible.count()) > 0) return visible.first();
  }
  return null;
}

/**
 * Builds the preview of another mini program (a test fixture) into a temporary folder and answers
 * it, for `openPreview({ previewDir })`. The caller removes it.
 */
export function buildFixturePreview(miniprogramDir: string, configDir: string): string {
  const outDir = mkdtempSync(join(tmpdir(), 'preview-fixture-'));
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'scripts', 'build-preview.mjs'),
      '--miniprogram',
      miniprogramDir,
      '--config',
      configDir,
      '--out',
      outDir,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return outDir;
}

export async function openPreview(options: OpenOptions = {}): Promise<Preview> {
  const dir = mkdtempSync(join(tmpdir(), 'devcloud-preview-'));
  const cloud = DevCloud.open({ dir });
  let server: Server | null = null;
  let browser: Browser | null = null;
  try {
    await cloud.seed();
    server = createGateway(cloud, undefined, { staticDir: options.previewDir ?? PREVIEW_DIR });
    const url = `http://127.0.0.1:${await listen(server, 0)}`;
    browser = await chromium.launch({
      executablePath: options.executablePath ?? process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    });
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1100, height: 900 },
      deviceScaleFactor: options.deviceScaleFactor ?? 1,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const params = new URLSearchParams({ as: options.as ?? DEMO.citizen });
    if (options.path) params.set('path', options.path);
    if (options.width) params.set('width', String(options.width));
    if (options.height) params.set('height', String(options.height));
    if (options.fontScale) params.set('fontScale', String(options.fontScale));
    params.set('clock', options.clock ?? '9:41');
    await page.goto(`${url}/?${params}`);
    await page.waitForFunction(() => document.documentElement.dataset.previewReady === 'true');
    const preview = makePreview(page, browser, context, cloud, url, pageErrors, async () => {
      await browser?.close();
      await new Promise((r) => server?.close(r));
      await cloud.close();
      rmSync(dir, { recursive: true, force: true });
    });
    await preview.idle();
    return preview;
  } catch (e) {
    await browser?.close();
    server?.close();
    await cloud.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

function makePreview(
  page: Page,
  browser: Browser,
  context: BrowserContext,
  cloud: DevCloud,
  url: string,
  pageErrors: string[],
  shutdown: () => Promise<void>,
): Preview {
  // The shell's elements by id; page element ids reach the DOM too (a page may have an `#identity`).
  const shell = (id: string) => page.locator(`#${id}:not(#viewport *)`);
  const screen = shell('screen');
  const current = () => shell('viewport').locator('> .mp-page:not([hidden])');
  const idle = async () => {
    await page.waitForFunction(() => (window as unknown as { __preview?: unknown }).__preview);
    await page.evaluate(() =>
      (window as unknown as { __preview: { idle(): Promise<void> } }).__preview.idle(),
    );
  };
  const scope = async () => {
    const modal = shell('layers').locator('> [data-modal]');
    const n = await modal.count();
    return n > 0 ? modal.nth(n - 1) : screen;
  };
  const resolve = async (target: Target, where?: Locator): Promise<Locator> => {
    if (typeof target !== 'string' && !(target instanceof RegExp)) return target;
    const s = where ?? (await scope());
    const exact = typeof target === 'string';
    const found = await firstVisible([
      ...INTERACTIVE.map((role) => s.getByRole(role, { name: target, exact })),
      s.getByText(target, { exact }),
      ...(exact ? INTERACTIVE.map((role) => s.getByRole(role, { name: target })) : []),
      ...(exact ? [s.getByText(target)] : []),
    ]);
    if (!found) throw new Error(`nothing to tap named or showing ${String(target)}`);
    return found;
  };
  const layer = (kind: string) => shell('layers').locator(`[data-preview-layer="${kind}"]`);
  // A tap right after the page scrolled is taken as the end of the scroll, not a tap (j-component,
  // as a phone does), so scroll first, as a person would, and let it come to rest.
  const scrollIntoView = async (el: Locator) => {
    const moved = await el.evaluate((e) => {
      const scrollers: Element[] = [];
      for (let n = e.parentElement; n; n = n.parentElement) scrollers.push(n);
      const before = scrollers.map((n) => n.scrollTop + n.scrollLeft * 1e6);
      e.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      return scrollers.some((n, i) => n.scrollTop + n.scrollLeft * 1e6 !== before[i]);
    });
    if (moved) await page.waitForTimeout(200);
  };

  const preview: Preview = {
    page,
    browser,
    context,
    cloud,
    url,
    screen,
    current,
    scope,
    idle,
    async tap(target, opts = {}) {
      const el = await resolve(target);
      await scrollIntoView(el);
      await el.click({ force: opts.force });
      await idle();
    },
    async type(label, value, opts = {}) {
      const s = await scope();
      const field = await firstVisible([
        s.getByLabel(label, { exact: typeof label === 'string' }),
        s.getByLabel(label),
        s.getByPlaceholder(label),
      ]);
      if (!field) throw new Error(`no field labelled ${String(label)}`);
      await scrollIntoView(field);
      await field.click();
      if (opts.slow) {
        await field.fill('');
        await field.pressSequentially(value);
      } else await field.fill(value);
      await idle();
    },
    async pick(label, ...choices) {
      await preview.tap(typeof label === 'string' ? label : await resolve(label));
      const sheet = layer('picker');
      await sheet.waitFor();
      const native = sheet.locator('input');
      if ((await native.count()) > 0) {
        // mode="date" / "time": one value, typed as the native control takes it (2024-05-06, 09:30).
        await native.fill(choices[0] ?? '');
        await sheet.getByRole('button', { name: '确定' }).click();
        await idle();
        return;
      }
      for (const [column, choice] of choices.entries()) {
        await sheet
          .locator('.picker-column')
          .nth(column)
          .getByRole('option', { name: choice, exact: true })
          .click();
        // A multiSelector page answers columnchange by changing the next columns.
        await idle();
      }
      await sheet.getByRole('button', { name: '确定' }).click();
      await idle();
    },
    async subscribe(decision) {
      const prompt = layer('subscribe');
      await prompt.waitFor();
      if (typeof decision === 'object') {
        for (const [title, d] of Object.entries(decision)) {
          const toggle = prompt.getByRole('switch', { name: title });
          if ((await toggle.getAttribute('aria-checked')) !== String(d === 'accept'))
            await toggle.click();
        }
      }
      await prompt.getByRole('button', { name: decision === 'reject' ? '取消' : '允许' }).click();
      await idle();
    },
    async privacy(decision) {
      const prompt = layer('privacy');
      await prompt.waitFor();
      await prompt.getByRole('button', { name: decision === 'agree' ? '同意' : '拒绝' }).click();
      await idle();
    },
    async modal() {
      const dialog = layer('modal');
      await dialog.waitFor();
      return {
        title: (
          (await dialog
            .locator('.dialog-title')
            .textContent({ timeout: 100 })
            .catch(() => '')) ?? ''
        ).trim(),
        content: (
          (await dialog
            .locator('.dialog-content')
            .textContent({ timeout: 100 })
            .catch(() => '')) ?? ''
        ).trim(),
      };
    },
    async toast() {
      const toast = layer('toast');
      await toast.waitFor();
      return ((await toast.textContent()) ?? '').trim();
    },
    async title() {
      return ((await shell('nav-title').textContent()) ?? '').trim();
    },
    async route() {
      return page.evaluate(() => {
        const p = (
          window as unknown as {
            __preview: { page(): { route: string; query: Record<string, string> } };
          }
        ).__preview.page();
        return { route: p.route, query: p.query };
      });
    },
    async data<T>() {
      return page.evaluate(
        () =>
          (window as unknown as { __preview: { page(): { data: unknown } } }).__preview.page().data,
      ) as Promise<T>;
    },
    async waitForData(key, value, timeout = 15_000) {
      await page.waitForFunction(
        ([k, v]) =>
          JSON.stringify(
            (
              window as unknown as {
                __preview: { page(): { data: Record<string, unknown> } };
              }
            ).__preview.page()?.data?.[k as string],
          ) === JSON.stringify(v),
        [key, value] as const,
        { timeout },
      );
    },
    async text() {
      return ((await current().innerText()) ?? '').replace(/\s+/g, ' ').trim();
    },
    async waitForText(text, timeout = 5000) {
      await current().getByText(text).first().waitFor({ timeout });
    },
    async back() {
      await shell('nav-back').click();
      await idle();
    },
    async as(openid, path) {
      await Promise.all([
        page.waitForURL((u) => u.searchParams.get('as') === openid),
        shell('identity').selectOption(openid),
      ]);
      if (path) {
        const next = new URL(page.url());
        next.searchParams.set('path', path);
        await page.goto(next.toString());
      }
      await page.waitForFunction(() => document.documentElement.dataset.previewReady === 'true');
      await idle();
    },
    async launch(path, opts = {}) {
      const next = new URL(page.url());
      next.searchParams.set('path', path);
      if (opts.as) next.searchParams.set('as', opts.as);
      if (opts.fontScale) next.searchParams.set('fontScale', String(opts.fontScale));
      await page.goto(next.toString());
      await page.waitForFunction(() => document.documentElement.dataset.previewReady === 'true');
      await idle();
    },
    async messages() {
      await page.evaluate(() =>
        (
          window as unknown as { __preview: { refreshMessages(): Promise<void> } }
        ).__preview.refreshMessages(),
      );
      return shell('messages').locator('.message .message-title').allTextContents();
    },
    async openMessage(index = 0) {
      await shell('messages').locator('.message').nth(index).click();
      await idle();
    },
    async shot(name, opts = {}) {
      mkdirSync(SHOTS_DIR, { recursive: true });
      const path = name.includes('/') ? name : join(SHOTS_DIR, `${name}.png`);
      await (opts.fullShell ? page : shell('phone')).screenshot({ path });
      return path;
    },
    async errors() {
      const fromPages = await page.evaluate(
        () => (window as unknown as { __preview?: { errors: string[] } }).__preview?.errors ?? [],
      );
      return [...pageErrors, ...fromPages];
    },
    close: shutdown,
  };
  return preview;
}
