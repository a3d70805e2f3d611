// app.json and app.ts: every declared page exists in the one-folder-per-page layout, the platform
// switches are on, the main package stays small, and launching initialises the cloud.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLOUD_ENV_ID } from '../../miniprogram/config';
import { Harness, MINIPROGRAM_ROOT } from './harness';

interface AppJson {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
  tabBar: { list: { pagePath: string; iconPath?: string; selectedIconPath?: string }[] };
  window: { navigationBarTitleText: string };
  style: string;
  sitemapLocation: string;
  lazyCodeLoading: string;
  __usePrivacyCheck__: boolean;
}

const app = require('../../miniprogram/app.json') as AppJson;

const allPages = [
  ...app.pages,
  ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`)),
];

test('When app.json is read, then the home and 我的 are in the main package and the rest split by audience', () => {
  expect(app.pages).toEqual(['pages/index/index', 'pages/me/index']);
  expect(app.subPackages.map((p) => p.root)).toEqual([
    'citizen',
    'staff',
    'casework',
    'public',
    'liaison',
  ]);
  expect(app.tabBar.list.map((t) => t.pagePath)).toEqual(app.pages);
  for (const p of app.subPackages) expect(p.pages.length).toBeGreaterThan(0);
});

test('When app.json is read, then the laws library’s pages are public: deep links open them without logging in', () => {
  const publicPages = app.subPackages.find((p) => p.root === 'public')?.pages ?? [];
  expect(publicPages).toEqual(expect.arrayContaining(['laws/index', 'law/index', 'article/index']));
});

test('When app.json is read, then the directory of procuratorates (检务公开) is public and its upkeep is a staff page', () => {
  const publicPages = app.subPackages.find((p) => p.root === 'public')?.pages ?? [];
  const staffPages = app.subPackages.find((p) => p.root === 'staff')?.pages ?? [];
  expect(publicPages).toEqual(expect.arrayContaining(['directory/index', 'unit/index']));
  expect(staffPages).toContain('unit-edit/index');
});

test.each(allPages)('When %s is declared, then its four files exist', (page) => {
  for (const ext of ['ts', 'wxml', 'wxss', 'json']) {
    expect(existsSync(join(MINIPROGRAM_ROOT, `${page}.${ext}`))).toBe(true);
  }
});

test('When the app is configured, then privacy checks, lazy loading, style v2, the title and the sitemap are set', () => {
  expect(app).toMatchObject({
    __usePrivacyCheck__: true,
    lazyCodeLoading: 'requiredComponents',
    style: 'v2',
    window: { navigationBarTitleText: '12309检察服务' },
  });
  expect(existsSync(join(MINIPROGRAM_ROOT, app.sitemapLocation))).toBe(true);
});

test('When the tab bar is drawn, then its icons exist and stay small', () => {
  for (const tab of app.tabBar.list) {
    for (const icon of [tab.iconPath, tab.selectedIconPath]) {
      const file = join(MINIPROGRAM_ROOT, icon as string);
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).size).toBeLessThan(4 * 1024);
    }
  }
});

test('When the main package is counted, then it stays far below WeChat’s 2 MB limit', () => {
  const packaged = (dir: string): number =>
    readdirSync(dir).reduce((sum, name) => {
      const path = join(dir, name);
      if (app.subPackages.some((p) => path === join(MINIPROGRAM_ROOT, p.root))) return sum;
      return sum + (statSync(path).isDirectory() ? packaged(path) : statSync(path).size);
    }, 0);
  expect(packaged(MINIPROGRAM_ROOT)).toBeLessThan(200 * 1024);
});

describe('launch', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(async () => {
    await h.close();
  });

  test('When the app launches, then the cloud is initialised with the configured environment', () => {
    const init = jest.spyOn(wx.cloud, 'init');
    require('../../miniprogram/app');
    (getApp() as unknown as { onLaunch(): void }).onLaunch();
    expect(init).toHaveBeenCalledWith({ env: CLOUD_ENV_ID, traceUser: true });
  });
});

test('When app.json is read, then legal consultation is split by audience: asking is a citizen page, answering a staff page, the FAQ public (consult)', () => {
  const pagesOf = (root: string) => app.subPackages.find((p) => p.root === root)?.pages ?? [];
  expect(pagesOf('citizen')).toEqual(
    expect.arrayContaining(['consult-ask/index', 'consult-mine/index', 'consult-detail/index']),
  );
  expect(pagesOf('staff')).toEqual(
    expect.arrayContaining(['consult-inbox/index', 'consult-reply/index']),
  );
  expect(pagesOf('public')).toContain('faq/index');
});
