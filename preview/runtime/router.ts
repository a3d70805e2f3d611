// The page stack, as WeChat keeps it: navigateTo / redirectTo / navigateBack / switchTab / reLaunch,
// tab pages kept alive, at most ten pages, the page lifecycles in WeChat's order, the navigation bar
// (title, colours, back and home buttons), the tab bar, pull-down refresh, onReachBottom and
// onPageScroll. Every page lives in its own scrolling container inside the phone's viewport.
import { mpConfig, type OwnerConfig, type WindowConfig } from './config';
import { exparser, jComponent, walkTree, type PageInstance, type RootComponent } from './engine';
import { registerOwner } from './loader';
import { shellElement } from './dom';

export interface PageEntry {
  readonly webviewId: number;
  readonly route: string;
  readonly query: Record<string, string>;
  readonly config: OwnerConfig;
  readonly comp: RootComponent;
  readonly instance: PageInstance;
  readonly container: HTMLElement;
  title: string;
  navColors: { front: string; background: string } | null;
  scrollTop: number;
  atBottom: boolean;
  refreshing: boolean;
}

export class RouteError extends Error {}

type Listener = (...args: unknown[]) => void;

/** The channel navigateTo opens between a page and the page it opened. */
export class EventChannel {
  private listeners = new Map<string, { fn: Listener; once: boolean }[]>();
  private peer: EventChannel | null = null;

  static pair(events: Record<string, Listener> = {}): [EventChannel, EventChannel] {
    const opener = new EventChannel();
    const opened = new EventChannel();
    opener.peer = opened;
    opened.peer = opener;
    for (const [name, fn] of Object.entries(events)) opener.on(name, fn);
    return [opener, opened];
  }

  emit(name: string, ...args: unknown[]) {
    const list = this.peer?.listeners.get(name) ?? [];
    for (const l of list.slice()) {
      l.fn(...args);
      if (l.once) this.peer?.off(name, l.fn);
    }
  }

  on(name: string, fn: Listener) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), { fn, once: false }]);
  }

  once(name: string, fn: Listener) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), { fn, once: true }]);
  }

  off(name: string, fn?: Listener) {
    if (!fn) this.listeners.delete(name);
    else
      this.listeners.set(
        name,
        (this.listeners.get(name) ?? []).filter((l) => l.fn !== fn),
      );
  }
}

const MAX_PAGES = 10;
const $ = shellElement;

let nextWebviewId = 1;
const stack: PageEntry[] = [];
const tabPages = new Map<string, PageEntry>();
const tabBadges = new Map<number, { badge?: string; dot?: boolean }>();
let tabBarHidden = false;
let onErrorReport: (where: string, e: unknown) => void = (where, e) => console.error(where, e);
let onChange: () => void = () => undefined;

/** Where lifecycle errors go (the shell lists them), and who hears of every navigation. */
export function configureRouter(options: {
  reportError: (where: string, e: unknown) => void;
  changed: () => void;
}) {
  onErrorReport = options.reportError;
  onChange = options.changed;
}

export function currentPage(): PageEntry | undefined {
  return stack[stack.length - 1];
}

export function pageStack(): PageEntry[] {
  return stack.slice();
}

// ---------- urls ----------

function tabList() {
  return mpConfig().app.tabBar?.list ?? [];
}

function isTab(route: string) {
  return tabList().some((t) => t.pagePath === route);
}

/** `/citizen/x/index?id=1` (or relative to the current page) → route and query. */
export function parseUrl(
  url: string,
  api: string,
): { route: string; query: Record<string, string> } {
  const [pathPart, queryPart = ''] = url.split('?');
  let route: string;
  if (pathPart.startsWith('/')) route = pathPart.slice(1);
  else {
    const base = currentPage()?.route.split('/').slice(0, -1) ?? [];
    for (const part of pathPart.split('/')) {
      if (part === '..') base.pop();
      else if (part && part !== '.') base.push(part);
    }
    route = base.join('/');
  }
  route = route.replace(/\.html$/, '');
  if (!mpConfig().pages[route]) throw new RouteError(`${api}:fail page "${route}" is not found`);
  const query: Record<string, string> = {};
  for (const pair of queryPart.split('&')) {
    if (!pair) continue;
    const i = pair.indexOf('=');
    // WeChat hands query values to onLoad as written in the url, not decoded.
    if (i < 0) query[pair] = '';
    else query[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return { route, query };
}

// ---------- lifecycles ----------

function call(entry: PageEntry, name: string, ...args: unknown[]) {
  const fn = entry.instance[name];
  if (typeof fn !== 'function') return undefined;
  try {
    return (fn as (...a: unknown[]) => unknown).apply(entry.instance, args);
  } catch (e) {
    onErrorReport(`${entry.route} ${name}`, e);
    return undefined;
  }
}

function pageLifetime(entry: PageEntry, name: string, ...args: unknown[]) {
  try {
    entry.comp._exparserNode.triggerPageLifeTime(name, args);
  } catch (e) {
    onErrorReport(`${entry.route} pageLifetimes.${name}`, e);
  }
}

function windowOf(config: OwnerConfig): WindowConfig {
  return { ...(mpConfig().app.window ?? {}), ...config.json };
}

/** Query values as page properties, typed as each property's default. */
function applyProperties(comp: RootComponent, query: Record<string, string>) {
  const node = comp._exparserNode;
  const proxy = exparser.Component.getDataProxy(node);
  let changed = false;
  for (const [key, raw] of Object.entries(query)) {
    if (!exparser.Component.hasPublicProperty(node, key)) continue;
    const current = comp.instance.data[key];
    let value: unknown = raw;
    if (typeof current === 'number') value = Number(raw);
    else if (typeof current === 'boolean') value = raw !== '' && raw !== 'false' && raw !== '0';
    proxy.scheduleReplace([key], value);
    changed = true;
  }
  if (changed) proxy.doUpdates(true);
}

function createPage(route: string, query: Record<string, string>) {
  const config = mpConfig().pages[route];
  const id = registerOwner('page', route);
  const comp = jComponent.create(id);
  if (!comp) throw new RouteError(`page ${route} could not be created`);
  applyProperties(comp, query);
  const instance = comp.instance;
  const webviewId = nextWebviewId++;
  instance.route = route;
  instance.options = { ...query };
  instance.__wxWebviewId__ = webviewId;
  const opened = EventChannel.pair()[1];
  instance.getOpenerEventChannel = () => opened;

  const win = windowOf(config);
  const container = document.createElement('div');
  container.className = 'mp-page';
  container.dataset.previewPage = route;
  container.setAttribute('role', 'main');
  // The page scrolls: keyboard users reach it to scroll even when it has no control of its own.
  container.tabIndex = 0;
  container.setAttribute('aria-label', win.navigationBarTitleText ?? '');
  container.style.setProperty('--window-bg', win.backgroundColor ?? '#ffffff');
  const ptr = document.createElement('div');
  ptr.className = `ptr${win.backgroundTextStyle === 'light' ? ' light' : ''}`;
  ptr.setAttribute('aria-hidden', 'true');
  ptr.innerHTML = '<i></i><i></i><i></i>';
  const body = document.createElement('div');
  body.className = 'mp-page-body';
  container.append(ptr, body);
  $('viewport').append(container);

  const entry: PageEntry = {
    webviewId,
    route,
    query,
    config,
    comp,
    instance,
    container,
    title: win.navigationBarTitleText ?? '',
    navColors: null,
    scrollTop: 0,
    atBottom: false,
    refreshing: false,
  };
  watchScroll(entry, win);
  watchPull(entry, win);

  // WeChat's order: attached, onLoad, onShow, (first render), ready, onReady.
  body.append(comp.dom);
  comp.parentNode = body;
  try {
    exparser.Element.pretendAttached(comp._exparserNode);
  } catch (e) {
    onErrorReport(`${route} attached`, e);
  }
  return entry;
}

function loadAndShow(entry: PageEntry) {
  call(entry, 'onLoad', { ...entry.query });
  show(entry);
  requestAnimationFrame(() => {
    try {
      walkTree(entry.comp._exparserNode, (n) => {
        if (n.__attached !== false && typeof n.triggerLifeTime === 'function')
          n.triggerLifeTime('ready');
      });
    } catch (e) {
      onErrorReport(`${entry.route} ready`, e);
    }
    call(entry, 'onReady');
  });
}

function show(entry: PageEntry) {
  entry.container.hidden = false;
  entry.container.scrollTop = entry.scrollTop;
  call(entry, 'onShow');
  pageLifetime(entry, 'show');
  renderChrome();
}

function hide(entry: PageEntry) {
  entry.scrollTop = entry.container.scrollTop;
  entry.container.hidden = true;
  call(entry, 'onHide');
  pageLifetime(entry, 'hide');
}

function unload(entry: PageEntry) {
  call(entry, 'onUnload');
  try {
    exparser.Element.pretendDetached(entry.comp._exparserNode);
  } catch (e) {
    onErrorReport(`${entry.route} detached`, e);
  }
  entry.container.remove();
  if (tabPages.get(entry.route) === entry) tabPages.delete(entry.route);
}

function settled() {
  renderChrome();
  onChange();
  // Screen readers start at the new page's title, unless the page focused a field itself.
  requestAnimationFrame(() => {
    const top = currentPage();
    if (top && !top.container.contains(document.activeElement)) {
      $('nav-title').focus({ preventScroll: true });
    }
  });
}

// ---------- navigation ----------

export function navigateTo(url: string, events?: Record<string, Listener>) {
  const { route, query } = parseUrl(url, 'navigateTo');
  if (isTab(route)) throw new RouteError('navigateTo:fail can not navigateTo a tabbar page');
  if (stack.length >= MAX_PAGES) throw new RouteError('navigateTo:fail webview count limit exceed');
  const [opener, opened] = EventChannel.pair(events);
  const top = currentPage();
  if (top) hide(top);
  const entry = createPage(route, query);
  entry.instance.getOpenerEventChannel = () => opened;
  stack.push(entry);
  loadAndShow(entry);
  settled();
  return { eventChannel: opener };
}

export function redirectTo(url: string) {
  const { route, query } = parseUrl(url, 'redirectTo');
  if (isTab(route)) throw new RouteError('redirectTo:fail can not redirectTo a tabbar page');
  const top = stack.pop();
  if (top) unload(top);
  const entry = createPage(route, query);
  stack.push(entry);
  loadAndShow(entry);
  settled();
}

export function navigateBack(delta = 1) {
  if (stack.length <= 1)
    throw new RouteError('navigateBack:fail cannot navigate back at first page.');
  const n = Math.max(1, Math.min(delta, stack.length - 1));
  for (let i = 0; i < n; i++) {
    const top = stack.pop();
    if (top) unload(top);
  }
  const now = currentPage();
  if (now) show(now);
  settled();
}

export function switchTab(url: string) {
  const route = parseUrl(url.split('?')[0], 'switchTab').route;
  if (!isTab(route)) throw new RouteError('switchTab:fail can not switch to no-tabBar page');
  const top = currentPage();
  if (top && top.route === route && stack.length === 1) return;
  // Pages above the tab are closed; the tab page that was showing is hidden, not closed.
  while (stack.length > 0) {
    const entry = stack.pop() as PageEntry;
    if (tabPages.get(entry.route) === entry) {
      if (entry === top) hide(entry);
    } else unload(entry);
  }
  let entry = tabPages.get(route);
  if (entry) {
    stack.push(entry);
    show(entry);
  } else {
    entry = createPage(route, {});
    tabPages.set(route, entry);
    stack.push(entry);
    loadAndShow(entry);
  }
  settled();
}

export function reLaunch(url: string) {
  const { route, query } = parseUrl(url, 'reLaunch');
  while (stack.length > 0) unload(stack.pop() as PageEntry);
  for (const entry of [...tabPages.values()]) unload(entry);
  tabPages.clear();
  // WeChat passes the query to a tab page on launch and reLaunch (only switchTab carries none):
  // the official account's deep links (pages/index/index?service=…) rely on it.
  const entry = createPage(route, query);
  if (isTab(route)) tabPages.set(route, entry);
  stack.push(entry);
  loadAndShow(entry);
  settled();
}

/** The first page of the mini program (app.json's entryPagePath, else its first page). */
export function homeRoute(): string {
  const app = mpConfig().app;
  return app.entryPagePath ?? app.pages?.[0] ?? Object.keys(mpConfig().pages)[0];
}

// ---------- navigation bar and tab bar ----------

export function setNavigationBarTitle(title: string) {
  const top = currentPage();
  if (!top) throw new RouteError('setNavigationBarTitle:fail no page');
  top.title = title;
  top.container.setAttribute('aria-label', title);
  renderChrome();
}

export function setNavigationBarColor(front: string, background: string) {
  const top = currentPage();
  if (!top) throw new RouteError('setNavigationBarColor:fail no page');
  top.navColors = { front, background };
  renderChrome();
}

export function setNavigationBarLoading(loading: boolean) {
  $('nav-loading').hidden = !loading;
}

export function setTabBarBadge(index: number, badge: { badge?: string; dot?: boolean } | null) {
  if (index < 0 || index >= tabList().length) throw new RouteError('tabbar item not found');
  if (badge) tabBadges.set(index, badge);
  else tabBadges.delete(index);
  renderChrome();
}

export function setTabBarHidden(hidden: boolean) {
  tabBarHidden = hidden;
  renderChrome();
}

function renderChrome() {
  const top = currentPage();
  const navbar = $('navbar');
  const screen = $('screen');
  if (!top) return;
  const win = windowOf(top.config);
  const custom = win.navigationStyle === 'custom';
  navbar.hidden = custom;
  const fg =
    top.navColors?.front ?? (win.navigationBarTextStyle === 'black' ? '#000000' : '#ffffff');
  const bg = top.navColors?.background ?? win.navigationBarBackgroundColor ?? '#000000';
  screen.style.setProperty('--nav-bg', bg);
  screen.style.setProperty('--nav-fg', fg);
  navbar.classList.toggle('nav-black', fg.toLowerCase() === '#000000' || fg === 'black');
  $('nav-title').textContent = top.title;
  const first = stack.length === 1;
  $('nav-back').hidden = first;
  $('nav-home').hidden = !(first && !isTab(top.route) && top.route !== homeRoute());
  document.title = `${top.title || mpConfig().appName} · 小程序预览`;

  const tabbar = $('tabbar');
  const tabs = mpConfig().app.tabBar;
  const showTabs = !!tabs && first && isTab(top.route) && !tabBarHidden;
  tabbar.hidden = !showTabs;
  if (!tabs || !showTabs) return;
  tabbar.style.setProperty('--tab-bg', tabs.backgroundColor ?? '#ffffff');
  tabbar.style.setProperty('--tab-color', tabs.color ?? '#7a7e83');
  tabbar.style.setProperty('--tab-selected', tabs.selectedColor ?? '#3cc51d');
  tabbar.style.setProperty(
    '--tab-border',
    tabs.borderStyle === 'white' ? 'rgba(255,255,255,0.33)' : 'rgba(0,0,0,0.15)',
  );
  tabbar.setAttribute('role', 'tablist');
  tabbar.replaceChildren(
    ...tabs.list.map((item, i) => {
      const selected = item.pagePath === top.route;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'tabbar-item';
      button.setAttribute('role', 'tab');
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      const icon = selected ? (item.selectedIconPath ?? item.iconPath) : item.iconPath;
      if (icon) {
        const img = document.createElement('img');
        img.src = `mp/${icon.replace(/^\//, '')}`;
        img.alt = '';
        button.append(img);
      }
      const label = document.createElement('span');
      label.textContent = item.text;
      button.append(label);
      const badge = tabBadges.get(i);
      if (badge?.badge) {
        const b = document.createElement('span');
        b.className = 'tabbar-badge';
        b.textContent = badge.badge;
        button.append(b);
      } else if (badge?.dot) {
        const d = document.createElement('span');
        d.className = 'tabbar-dot';
        d.setAttribute('aria-label', '有新消息');
        button.append(d);
      }
      button.addEventListener('click', () => {
        if (!selected) switchTab(`/${item.pagePath}`);
        const page = currentPage();
        if (selected && page)
          call(page, 'onTabItemTap', { index: i, pagePath: item.pagePath, text: item.text });
      });
      return button;
    }),
  );
}

export function installChrome(goHome: () => void) {
  $('nav-back').addEventListener('click', () => {
    try {
      navigateBack(1);
    } catch (e) {
      onErrorReport('navigateBack', e);
    }
  });
  $('nav-home').addEventListener('click', goHome);
}

// ---------- scrolling ----------

function watchScroll(entry: PageEntry, win: WindowConfig) {
  const distance = win.onReachBottomDistance ?? 50;
  entry.container.addEventListener(
    'scroll',
    () => {
      const el = entry.container;
      call(entry, 'onPageScroll', { scrollTop: el.scrollTop });
      const bottom = el.scrollTop + el.clientHeight >= el.scrollHeight - distance;
      if (bottom && !entry.atBottom && el.scrollHeight > el.clientHeight) {
        entry.atBottom = true;
        call(entry, 'onReachBottom');
      } else if (!bottom) entry.atBottom = false;
    },
    { passive: true },
  );
}

/** Scrolls the current page (wx.pageScrollTo): to `scrollTop`, or to the first match of `selector`. */
export function pageScrollTo(options: {
  scrollTop?: number;
  selector?: string;
  offsetTop?: number;
  duration?: number;
}) {
  const top = currentPage();
  if (!top) throw new RouteError('pageScrollTo:fail no page');
  let target = options.scrollTop ?? 0;
  if (options.selector) {
    const node = top.comp._exparserNode.shadowRoot?.querySelector(options.selector);
    const el = node?.$$;
    if (!el) throw new RouteError(`pageScrollTo:fail ${options.selector} not found`);
    const box = top.container.getBoundingClientRect();
    target =
      el.getBoundingClientRect().top - box.top + top.container.scrollTop + (options.offsetTop ?? 0);
  }
  top.container.scrollTo({
    top: target,
    behavior: (options.duration ?? 300) > 0 ? 'smooth' : 'auto',
  });
}

// ---------- pull-down refresh ----------

function pullEnabled(entry: PageEntry) {
  return !!windowOf(entry.config).enablePullDownRefresh;
}

/** Starts the refresh animation and calls onPullDownRefresh (the gesture, or the shell's button). */
export function startPullDownRefresh(entry = currentPage()) {
  if (!entry) throw new RouteError('startPullDownRefresh:fail no page');
  if (entry.refreshing) return;
  entry.refreshing = true;
  entry.container.classList.add('refreshing');
  entry.container.scrollTop = 0;
  call(entry, 'onPullDownRefresh');
}

export function stopPullDownRefresh() {
  const entry = currentPage();
  if (!entry) return;
  entry.refreshing = false;
  entry.container.classList.remove('refreshing', 'pulling');
}

export function canPullDown(): boolean {
  const top = currentPage();
  return !!top && pullEnabled(top);
}

/** Dragging the page down from its top (mouse or finger) pulls to refresh. */
function watchPull(entry: PageEntry, win: WindowConfig) {
  if (!win.enablePullDownRefresh) return;
  const el = entry.container;
  const body = el.querySelector('.mp-page-body') as HTMLElement;
  let startY: number | null = null;
  let pulled = 0;
  const move = (y: number) => {
    if (startY === null) return;
    pulled = Math.max(0, Math.min(80, (y - startY) / 2));
    if (pulled > 4) el.classList.add('pulling');
    body.style.transform = pulled ? `translateY(${pulled}px)` : '';
  };
  const end = () => {
    if (startY === null) return;
    startY = null;
    body.style.transform = '';
    el.classList.remove('pulling');
    if (pulled >= 50) startPullDownRefresh(entry);
    pulled = 0;
  };
  el.addEventListener('mousedown', (e) => {
    if (el.scrollTop === 0 && !entry.refreshing && e.button === 0) startY = e.clientY;
  });
  window.addEventListener('mousemove', (e) => move(e.clientY));
  window.addEventListener('mouseup', end);
  el.addEventListener(
    'touchstart',
    (e) => {
      if (e.isTrusted && el.scrollTop === 0 && !entry.refreshing) startY = e.touches[0].clientY;
    },
    { passive: true },
  );
  el.addEventListener('touchmove', (e) => e.isTrusted && move(e.touches[0].clientY), {
    passive: true,
  });
  el.addEventListener('touchend', (e) => e.isTrusted && end());
}
