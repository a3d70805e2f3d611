// The preview's runtime: renders the mini program's real pages (wcc-compiled WXML, scoped WXSS, the
// pages' own TypeScript) with j-component + exparser inside a phone frame, as the current demo
// identity, against devcloud. See preview/README.md.
import { installAttributeHook } from './attrs';
import { installBuiltins } from './builtins';
import { installGestureTracking } from './gesture';
import { installGlobals, launchApp } from './loader';
import * as router from './router';
import { initSession, openid } from './session';
import {
  installIdentities,
  installMessages,
  installTools,
  refreshMessages,
  refreshMessagesSoon,
  reportError,
  updatePageInfo,
} from './shell';
import { installTouchBridge } from './touch';
import { createWx, idle, onCloudCall } from './wx';
import { shellElement } from './dom';

const $ = shellElement;

/** What tests and scripts use (window.__preview). */
export interface PreviewHandle {
  ready: boolean;
  /** Resolves once no wx call is in flight and the page has rendered. */
  idle(): Promise<void>;
  openid(): string;
  /** The current page: route, query and data. */
  page(): { route: string; query: Record<string, string>; data: Record<string, unknown> } | null;
  /** The page stack's routes, bottom first. */
  stack(): string[];
  reLaunch(url: string): void;
  navigateTo(url: string): void;
  navigateBack(delta?: number): void;
  /** Reads the current identity's subscription messages into the shell's panel now. */
  refreshMessages(): Promise<void>;
  /** Errors page scripts threw (also listed in the shell). */
  errors: string[];
}

function frameSize() {
  const params = new URLSearchParams(location.search);
  const phone = $('phone');
  const width = Number(params.get('width'));
  const height = Number(params.get('height'));
  if (width >= 320 && width <= 768) phone.style.setProperty('--frame-width', `${width}px`);
  if (height >= 480 && height <= 1400) phone.style.setProperty('--frame-height', `${height}px`);
  // The person's font setting, e.g. 1.5 for WeChat's large font: every font size of the pages grows.
  const fontScale = Number(params.get('fontScale'));
  if (fontScale >= 0.5 && fontScale <= 3) {
    $('screen').style.setProperty('--font-scale', String(fontScale));
  }
}

/** The status bar's clock: China time, or `?clock=9:41` for screenshots that do not change. */
function tickClock() {
  const fixed = new URLSearchParams(location.search).get('clock');
  const now = new Date(Date.now() + 8 * 3600 * 1000);
  $('status-time').textContent =
    fixed ?? `${now.getUTCHours()}:${String(now.getUTCMinutes()).padStart(2, '0')}`;
}

function boot() {
  const errors: string[] = [];
  const report = (where: string, e: unknown) => {
    errors.push(`${where}: ${e instanceof Error ? e.message : String(e)}`);
    reportError(where, e);
  };
  frameSize();
  tickClock();
  setInterval(tickClock, 30000);
  initSession();
  installAttributeHook();
  installGestureTracking();
  installBuiltins();
  const w = window as unknown as Record<string, unknown>;
  w.wx = createWx();
  installGlobals(() => router.pageStack().map((e) => e.instance));
  window.addEventListener('error', (e) => report('脚本错误', e.error ?? e.message));
  window.addEventListener('unhandledrejection', (e) => report('未处理的 Promise 拒绝', e.reason));

  const goHome = () => router.reLaunch(`/${router.homeRoute()}`);
  router.configureRouter({ reportError: report, changed: updatePageInfo });
  router.installChrome(goHome);
  installTouchBridge($('viewport'));
  installTools();
  void installIdentities();
  installMessages();
  onCloudCall(refreshMessagesSoon);

  const params = new URLSearchParams(location.search);
  const path = (params.get('path') ?? '').replace(/^\//, '') || router.homeRoute();
  const [route, query = ''] = path.split('?');
  const launch = {
    path: route,
    query: Object.fromEntries(new URLSearchParams(query)),
    scene: 1001,
    referrerInfo: {},
  };
  try {
    const app = launchApp();
    for (const hook of ['onLaunch', 'onShow']) {
      const fn = app[hook];
      if (typeof fn === 'function') fn.call(app, { ...launch });
    }
  } catch (e) {
    report('app.js', e);
  }
  try {
    router.reLaunch(`/${path}`);
  } catch (e) {
    report(`打开 /${path}`, e);
    if (path !== router.homeRoute()) router.reLaunch(`/${router.homeRoute()}`);
  }

  const handle: PreviewHandle = {
    ready: true,
    idle,
    openid,
    page() {
      const top = router.currentPage();
      return top ? { route: top.route, query: top.query, data: top.instance.data } : null;
    },
    stack: () => router.pageStack().map((e) => e.route),
    reLaunch: (url) => router.reLaunch(url),
    navigateTo: (url) => void router.navigateTo(url),
    navigateBack: (delta = 1) => router.navigateBack(delta),
    refreshMessages,
    errors,
  };
  w.__preview = handle;
  document.documentElement.dataset.previewReady = 'true';
}

boot();
