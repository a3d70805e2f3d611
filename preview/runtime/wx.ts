// The `wx` object pages call, behaving as in WeChat: async APIs answer by promise when no callback
// is given and by success/fail/complete otherwise (always asynchronously), results carry `errMsg`
// (`name:ok` / `name:fail …`). Cloud calls go to devcloud's gateway as the current identity.
// APIs not emulated here fall back to miniprogram-simulate's canned stubs, with a console warning.
import { assetUrl, cloudTempUrls, saveTempFile, tempFile } from './assets';
import { mpConfig } from './config';
import { consumeGesture, gesture } from './gesture';
import {
  ensurePrivacy,
  onNeedPrivacyAuthorization,
  openPrivacyContract,
  privacyAgreed,
  reportSubscription,
  subscribePrompt,
} from './prompts';
import * as router from './router';
import { openid, userKey, userKeys } from './session';
import { h, hideToast, openLayer, showActionSheet, showModal, showToast } from './ui';
import { shellElement } from './dom';

type Obj = Record<string, unknown>;
type Callbacks = {
  success?: (res: unknown) => void;
  fail?: (err: unknown) => void;
  complete?: (res: unknown) => void;
};
type Options = Obj & Callbacks;

// ---------- plumbing ----------

const pending = new Set<Promise<unknown>>();
let cloudListener: () => void = () => undefined;

/** True while WeChat's UI waits for the person (a dialog, sheet or prompt is open). */
function waitingForPerson(): boolean {
  return !!shellElement('layers')?.querySelector(':scope > [data-modal]');
}

/**
 * Resolves when no wx call is in flight (or what is in flight waits for the person to answer a
 * dialog) and the page has rendered: for tests and screenshots.
 */
export async function idle(): Promise<void> {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
  for (let i = 0; i < 400; i++) {
    await new Promise((r) => setTimeout(r, 0));
    if (pending.size === 0 || waitingForPerson()) {
      await frame();
      await new Promise((r) => setTimeout(r, 0));
      if (pending.size === 0 || waitingForPerson()) return;
    }
    await Promise.race([Promise.allSettled([...pending]), new Promise((r) => setTimeout(r, 50))]);
  }
}

export function onCloudCall(listener: () => void) {
  cloudListener = listener;
}

function track<T>(p: Promise<T>): Promise<T> {
  pending.add(p);
  const done = () => pending.delete(p);
  p.then(done, done);
  return p;
}

function failure(name: string, e: unknown): Obj {
  if (e && typeof e === 'object' && 'errMsg' in e) return e as Obj;
  const message = e instanceof Error ? e.message : String(e);
  return { errMsg: message.startsWith(`${name}:`) ? message : `${name}:fail ${message}` };
}

/** Marks a result whose callbacks count as part of the person's gesture (a dialog's answer). */
const GESTURE = Symbol('gesture');

/**
 * An async wx API from `impl` (which may throw or reject with a RouteError, an Error or an
 * `{ errMsg }`). The call itself runs synchronously, so checks like "inside a tap" see the caller.
 */
function api<R extends Obj>(name: string, impl: (options: Options) => R | Promise<R>) {
  return (options: Options = {}): unknown => {
    let p: Promise<Obj>;
    try {
      const out = impl(options ?? {});
      p = Promise.resolve(out);
    } catch (e) {
      p = Promise.reject(e);
    }
    const result = track(
      p.then(
        (r) => {
          const res: Obj = { errMsg: `${name}:ok`, ...r };
          if ((r as { [GESTURE]?: boolean })[GESTURE])
            Object.defineProperty(res, GESTURE, { value: true });
          return res;
        },
        (e) => Promise.reject(failure(name, e)),
      ),
    );
    if (options && (options.success || options.fail || options.complete)) {
      result.then(
        (r) => {
          const run = () => {
            options.success?.(r);
            options.complete?.(r);
          };
          if ((r as { [GESTURE]?: boolean })[GESTURE]) gesture(run);
          else run();
        },
        (e) => {
          options.fail?.(e);
          options.complete?.(e);
        },
      );
      return undefined;
    }
    return result;
  };
}

function withGesture<T extends Obj>(r: T): T {
  Object.defineProperty(r, GESTURE, { value: true });
  return r;
}

/** Runs after the current task, as WeChat's navigation APIs do. */
const later = <T>(fn: () => T) =>
  new Promise<T>((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(fn());
      } catch (e) {
        reject(e);
      }
    }, 0),
  );

// ---------- storage (localStorage, per identity) ----------

interface Stored {
  t: string;
  v: unknown;
}

function encode(data: unknown): string {
  if (data instanceof Date) return JSON.stringify({ t: 'date', v: data.toISOString() });
  if (data === undefined) return JSON.stringify({ t: 'undefined', v: null });
  return JSON.stringify({ t: typeof data, v: data });
}

function decode(raw: string | null): { found: boolean; value: unknown } {
  if (raw === null) return { found: false, value: '' };
  try {
    const s = JSON.parse(raw) as Stored;
    if (s.t === 'date') return { found: true, value: new Date(s.v as string) };
    if (s.t === 'undefined') return { found: true, value: undefined };
    return { found: true, value: s.v };
  } catch {
    return { found: true, value: raw };
  }
}

function checkKey(name: string, key: unknown): string {
  if (typeof key !== 'string' || key === '')
    throw { errMsg: `${name}:fail parameter error: key should be a non-empty string` };
  return key;
}

const storage = {
  setStorageSync(key: string, data: unknown) {
    localStorage.setItem(userKey('storage', checkKey('setStorageSync', key)), encode(data));
  },
  getStorageSync(key: string): unknown {
    return decode(localStorage.getItem(userKey('storage', checkKey('getStorageSync', key)))).value;
  },
  removeStorageSync(key: string) {
    localStorage.removeItem(userKey('storage', checkKey('removeStorageSync', key)));
  },
  clearStorageSync() {
    for (const k of userKeys('storage')) localStorage.removeItem(userKey('storage', k));
  },
  getStorageInfoSync() {
    const keys = userKeys('storage');
    const size = keys.reduce(
      (n, k) => n + (localStorage.getItem(userKey('storage', k))?.length ?? 0) + k.length,
      0,
    );
    return { keys, currentSize: Math.ceil(size / 1024), limitSize: 10240 };
  },
};

// ---------- cloud ----------

let cloudReady = false;

async function callFunction(options: Options): Promise<Obj> {
  if (!cloudReady) {
    throw { errCode: -1, errMsg: 'cloud.callFunction:fail please call wx.cloud.init() first' };
  }
  const name = String(options.name ?? '');
  let res: Response;
  try {
    res = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openid() },
      body: JSON.stringify(options.data ?? {}),
    });
  } catch (e) {
    throw { errCode: -1, errMsg: `cloud.callFunction:fail request:fail ${(e as Error).message}` };
  } finally {
    setTimeout(() => cloudListener(), 50);
  }
  let body: Obj;
  try {
    body = (await res.json()) as Obj;
  } catch {
    throw { errCode: -1, errMsg: `cloud.callFunction:fail HTTP ${res.status}` };
  }
  if (!res.ok) {
    throw {
      errCode: body.errCode ?? -1,
      errMsg: String(body.errMsg ?? `cloud.callFunction:fail HTTP ${res.status}`),
    };
  }
  return body;
}

async function uploadFile(options: Options): Promise<Obj> {
  const cloudPath = String(options.cloudPath ?? '');
  const filePath = String(options.filePath ?? '');
  const file = tempFile(filePath);
  if (!file) throw { errCode: -1, errMsg: `cloud.uploadFile:fail file not found: ${filePath}` };
  const res = await fetch(`/_devcloud/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: {
      'x-wx-openid': openid(),
      'content-type': file.blob.type || 'application/octet-stream',
    },
    body: file.blob,
  });
  const body = (await res.json()) as Obj;
  if (!res.ok)
    throw { errCode: body.errCode ?? -1, errMsg: String(body.errMsg ?? 'cloud.uploadFile:fail') };
  return { fileID: body.fileID, statusCode: 200 };
}

function cloudApi(name: string, impl: (o: Options) => Promise<Obj>) {
  const call = api(`cloud.${name}`, impl);
  return (options: Options = {}) => {
    const out = call(options);
    if (name === 'uploadFile' && out === undefined) {
      // Callback style answers an UploadTask.
      return { onProgressUpdate: () => undefined, abort: () => undefined };
    }
    return out;
  };
}

function makeCloud() {
  const cloud = {
    init: (_options?: Obj) => {
      cloudReady = true;
    },
    callFunction: cloudApi('callFunction', callFunction),
    uploadFile: cloudApi('uploadFile', uploadFile),
    getTempFileURL: cloudApi('getTempFileURL', async (o) => ({
      fileList: await cloudTempUrls((o.fileList as string[]) ?? []),
    })),
    downloadFile: cloudApi('downloadFile', async (o) => {
      const [f] = await cloudTempUrls([String(o.fileID ?? '')]);
      if (!f?.tempFileURL)
        throw { errCode: -1, errMsg: 'cloud.downloadFile:fail storage file not exists' };
      const blob = await (await fetch(f.tempFileURL)).blob();
      return {
        tempFilePath: saveTempFile(blob, String(o.fileID).split('/').pop() ?? 'file'),
        statusCode: 200,
      };
    }),
    deleteFile: cloudApi('deleteFile', async () => {
      throw { errMsg: 'cloud.deleteFile:fail not available from the client in the preview' };
    }),
    database: () => {
      throw new Error(
        'wx.cloud.database() is not emulated in the preview: pages call cloud functions',
      );
    },
    CloudID: (cloudID: string) => ({ cloudID }),
    Cloud: class {
      constructor(_options?: Obj) {
        Object.assign(this, cloud);
      }
    },
  };
  return cloud;
}

// ---------- media ----------

function pickFiles(accept: string, multiple: boolean, capture?: string): Promise<File[]> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    if (capture) input.setAttribute('capture', capture);
    input.style.display = 'none';
    input.addEventListener('change', () => {
      input.remove();
      const files = Array.from(input.files ?? []);
      if (files.length) resolve(files);
      else reject({ errMsg: 'cancel' });
    });
    input.addEventListener('cancel', () => {
      input.remove();
      reject({ errMsg: 'cancel' });
    });
    document.body.append(input);
    input.click();
  });
}

function imageSize(url: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => resolve({ width: 0, height: 0 });
    img.src = url;
  });
}

async function chooseSource(name: string, sourceType: unknown): Promise<'album' | 'camera'> {
  const types = Array.isArray(sourceType) ? (sourceType as string[]) : ['album', 'camera'];
  if (types.length === 1) return types[0] === 'camera' ? 'camera' : 'album';
  const index = await showActionSheet({ itemList: ['拍摄', '从手机相册选择'] });
  if (index < 0) throw { errMsg: `${name}:fail cancel` };
  return index === 0 ? 'camera' : 'album';
}

async function chooseMedia(o: Options): Promise<Obj> {
  await ensurePrivacy('chooseMedia');
  const mediaType = (o.mediaType as string[]) ?? ['image', 'video'];
  const source = await chooseSource('chooseMedia', o.sourceType);
  const accept = mediaType.includes('mix')
    ? 'image/*,video/*'
    : mediaType.map((t) => `${t}/*`).join(',');
  const count = Number(o.count ?? 9);
  let files: File[];
  try {
    files = await pickFiles(accept, count > 1, source === 'camera' ? 'environment' : undefined);
  } catch {
    throw { errMsg: 'chooseMedia:fail cancel' };
  }
  files = files.slice(0, count);
  const tempFiles = await Promise.all(
    files.map(async (f) => {
      const tempFilePath = saveTempFile(f, f.name);
      const isVideo = f.type.startsWith('video/');
      const size = isVideo
        ? { width: 0, height: 0 }
        : await imageSize(tempFile(tempFilePath)?.url ?? '');
      return {
        tempFilePath,
        size: f.size,
        fileType: isVideo ? 'video' : 'image',
        ...size,
        duration: 0,
        thumbTempFilePath: '',
      };
    }),
  );
  return { tempFiles, type: tempFiles.every((t) => t.fileType === 'image') ? 'image' : 'mix' };
}

async function chooseImage(o: Options): Promise<Obj> {
  await ensurePrivacy('chooseImage');
  const source = await chooseSource('chooseImage', o.sourceType);
  const count = Number(o.count ?? 9);
  let files: File[];
  try {
    files = await pickFiles('image/*', count > 1, source === 'camera' ? 'environment' : undefined);
  } catch {
    throw { errMsg: 'chooseImage:fail cancel' };
  }
  const tempFiles = files
    .slice(0, count)
    .map((f) => ({ path: saveTempFile(f, f.name), size: f.size }));
  return { tempFilePaths: tempFiles.map((t) => t.path), tempFiles };
}

/** wx.chooseMessageFile: files "from a chat"; in the browser, the file chooser. */
async function chooseMessageFile(o: Options): Promise<Obj> {
  await ensurePrivacy('chooseMessageFile');
  const type = String(o.type ?? 'all');
  const extensions = (o.extension as string[] | undefined) ?? [];
  const accept =
    type === 'image'
      ? 'image/*'
      : type === 'video'
        ? 'video/*'
        : extensions.map((e) => `.${e.replace(/^\./, '')}`).join(',');
  const count = Number(o.count ?? 1);
  let files: File[];
  try {
    files = await pickFiles(accept, count > 1);
  } catch {
    throw { errMsg: 'chooseMessageFile:fail cancel' };
  }
  const tempFiles = files.slice(0, count).map((f) => ({
    path: saveTempFile(f, f.name),
    size: f.size,
    name: f.name,
    type: f.type.startsWith('image/') ? 'image' : f.type.startsWith('video/') ? 'video' : 'file',
    time: Math.floor(f.lastModified / 1000),
  }));
  return { tempFiles };
}

/** wx.downloadFile: fetches the URL (a devcloud temporary link) into a temporary file. */
async function downloadFile(o: Options): Promise<Obj> {
  const url = String(o.url ?? '');
  let res: Response;
  try {
    res = await fetch(url);
  } catch {
    throw { errMsg: 'downloadFile:fail network error' };
  }
  const blob = await res.blob();
  const name = decodeURIComponent(url.split('/').pop() ?? 'file');
  return { tempFilePath: saveTempFile(blob, name), statusCode: res.status };
}

/** wx.openDocument: WeChat shows the document; the browser opens it in a new tab. */
function openDocument(o: Options): Obj {
  const file = tempFile(String(o.filePath ?? ''));
  if (!file) throw { errMsg: 'openDocument:fail file not found' };
  window.open(file.url, '_blank', 'noopener');
  return {};
}

function previewImage(o: Options): Obj {
  const urls = (o.urls as string[]) ?? [];
  const current = String(o.current ?? urls[0] ?? '');
  const layer = openLayer({
    modal: true,
    kind: 'image-preview',
    mask: 'none',
    onEscape: () => layer.close(),
  });
  const img = h('img', { alt: '图片预览' });
  const src = assetUrl(current, router.currentPage()?.route);
  void Promise.resolve(src).then((u) => (img.src = u));
  const close = h('button', { type: 'button', class: 'image-preview-close', text: '关闭' });
  close.addEventListener('click', () => layer.close());
  const box = h(
    'div',
    { class: 'image-preview', role: 'dialog', 'aria-modal': 'true', 'aria-label': '图片预览' },
    img,
    close,
  );
  box.addEventListener('click', (e) => e.target === box && layer.close());
  layer.el.append(box);
  requestAnimationFrame(() => close.focus());
  return {};
}

// ---------- system information ----------

function frame() {
  const screen = shellElement('screen');
  const viewport = shellElement('viewport');
  return {
    width: screen?.clientWidth ?? 375,
    height: screen?.clientHeight ?? 667,
    windowHeight: viewport?.clientHeight ?? 603,
  };
}

function systemInfo(): Obj {
  const f = frame();
  // The font setting in px, as WeChat reports it: the default size times the person's scale.
  const scale = Number(getComputedStyle(shellElement('screen')).getPropertyValue('--font-scale'));
  const fontSize = Math.round(16 * (scale > 0 ? scale : 1));
  return {
    brand: 'devtools',
    model: 'iPhone 6/7/8',
    pixelRatio: window.devicePixelRatio || 2,
    screenWidth: f.width,
    screenHeight: f.height,
    windowWidth: f.width,
    windowHeight: f.windowHeight,
    statusBarHeight: 20,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 16.0',
    platform: 'devtools',
    fontSizeSetting: fontSize,
    SDKVersion: '3.4.10',
    benchmarkLevel: 1,
    theme: 'light',
    safeArea: {
      left: 0,
      right: f.width,
      top: 20,
      bottom: f.height,
      width: f.width,
      height: f.height - 20,
    },
    enableDebug: false,
    deviceOrientation: 'portrait',
    host: { env: 'WeChat' },
  };
}

function launchOptions(): Obj {
  const top = router.pageStack()[0];
  return {
    path: top?.route ?? router.homeRoute(),
    query: top?.query ?? {},
    scene: 1001,
    referrerInfo: {},
  };
}

// ---------- the object ----------

const warned = new Set<string>();

export function createWx(): Obj {
  const nav = (name: string, fn: (o: Options) => Obj | void) =>
    api(name, (o) => later(() => (fn(o) ?? {}) as Obj));

  const wx: Obj = {
    // navigation
    navigateTo: nav('navigateTo', (o) => router.navigateTo(String(o.url ?? ''), o.events as never)),
    redirectTo: nav('redirectTo', (o) => router.redirectTo(String(o.url ?? ''))),
    navigateBack: nav('navigateBack', (o) => router.navigateBack(Number(o.delta ?? 1))),
    switchTab: nav('switchTab', (o) => router.switchTab(String(o.url ?? ''))),
    reLaunch: nav('reLaunch', (o) => router.reLaunch(String(o.url ?? ''))),

    // feedback
    showToast: api('showToast', (o) => {
      showToast({
        title: String(o.title ?? ''),
        icon: o.icon as string | undefined,
        image: o.image ? String(assetUrl(String(o.image), router.currentPage()?.route)) : undefined,
        duration: o.duration as number | undefined,
        mask: !!o.mask,
      });
      return {};
    }),
    hideToast: api('hideToast', () => {
      hideToast('toast');
      return {};
    }),
    showLoading: api('showLoading', (o) => {
      showToast({ title: String(o.title ?? ''), loading: true, mask: !!o.mask });
      return {};
    }),
    hideLoading: api('hideLoading', () => {
      hideToast('loading');
      return {};
    }),
    showModal: api('showModal', async (o) => withGesture(await showModal(o as never))),
    showActionSheet: api('showActionSheet', async (o) => {
      const tapIndex = await showActionSheet(o as never);
      if (tapIndex < 0) throw { errMsg: 'showActionSheet:fail cancel' };
      return withGesture({ tapIndex });
    }),

    // navigation bar, tab bar, page
    setNavigationBarTitle: api('setNavigationBarTitle', (o) => {
      router.setNavigationBarTitle(String(o.title ?? ''));
      return {};
    }),
    setNavigationBarColor: api('setNavigationBarColor', (o) => {
      router.setNavigationBarColor(
        String(o.frontColor ?? '#ffffff'),
        String(o.backgroundColor ?? '#000000'),
      );
      return {};
    }),
    showNavigationBarLoading: api('showNavigationBarLoading', () => {
      router.setNavigationBarLoading(true);
      return {};
    }),
    hideNavigationBarLoading: api('hideNavigationBarLoading', () => {
      router.setNavigationBarLoading(false);
      return {};
    }),
    hideHomeButton: api('hideHomeButton', () => ({})),
    setTabBarBadge: api('setTabBarBadge', (o) => {
      router.setTabBarBadge(Number(o.index), { badge: String(o.text ?? '') });
      return {};
    }),
    removeTabBarBadge: api('removeTabBarBadge', (o) => {
      router.setTabBarBadge(Number(o.index), null);
      return {};
    }),
    showTabBarRedDot: api('showTabBarRedDot', (o) => {
      router.setTabBarBadge(Number(o.index), { dot: true });
      return {};
    }),
    hideTabBarRedDot: api('hideTabBarRedDot', (o) => {
      router.setTabBarBadge(Number(o.index), null);
      return {};
    }),
    showTabBar: api('showTabBar', () => {
      router.setTabBarHidden(false);
      return {};
    }),
    hideTabBar: api('hideTabBar', () => {
      router.setTabBarHidden(true);
      return {};
    }),
    pageScrollTo: api('pageScrollTo', (o) => {
      router.pageScrollTo(o as never);
      return {};
    }),
    startPullDownRefresh: api('startPullDownRefresh', () => {
      router.startPullDownRefresh();
      return {};
    }),
    stopPullDownRefresh: api('stopPullDownRefresh', () => {
      router.stopPullDownRefresh();
      return {};
    }),
    setBackgroundColor: api('setBackgroundColor', () => ({})),
    setBackgroundTextStyle: api('setBackgroundTextStyle', () => ({})),
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    createSelectorQuery: () => {
      const page = router.currentPage();
      if (!page) throw new Error('createSelectorQuery: no page');
      return (page.instance.createSelectorQuery as () => unknown)();
    },

    // storage
    ...storage,
    setStorage: api('setStorage', (o) => {
      storage.setStorageSync(String(o.key), o.data);
      return {};
    }),
    getStorage: api('getStorage', (o) => {
      const { found, value } = decode(
        localStorage.getItem(userKey('storage', checkKey('getStorage', o.key))),
      );
      if (!found) throw { errMsg: 'getStorage:fail data not found' };
      return { data: value };
    }),
    removeStorage: api('removeStorage', (o) => {
      storage.removeStorageSync(String(o.key));
      return {};
    }),
    clearStorage: api('clearStorage', () => {
      storage.clearStorageSync();
      return {};
    }),
    getStorageInfo: api('getStorageInfo', () => storage.getStorageInfoSync()),

    // device
    makePhoneCall: api('makePhoneCall', async (o) => {
      const phoneNumber = String(o.phoneNumber ?? '');
      if (!phoneNumber)
        throw { errMsg: 'makePhoneCall:fail parameter error: phoneNumber is empty' };
      const res = await showModal({
        title: phoneNumber,
        content: '预览中不会真的拨打电话',
        confirmText: '呼叫',
        cancelText: '取消',
      });
      if (!res.confirm) throw { errMsg: 'makePhoneCall:fail cancel' };
      return {};
    }),
    setClipboardData: api('setClipboardData', async (o) => {
      await ensurePrivacy('setClipboardData');
      const data = String(o.data ?? '');
      localStorage.setItem(userKey('clipboard'), data);
      try {
        await navigator.clipboard.writeText(data);
      } catch {
        // The browser may refuse; the preview's own clipboard still holds it.
      }
      showToast({ title: '内容已复制', icon: 'success', duration: 1500 });
      return {};
    }),
    getClipboardData: api('getClipboardData', async () => {
      await ensurePrivacy('getClipboardData');
      return { data: localStorage.getItem(userKey('clipboard')) ?? '' };
    }),
    vibrateShort: api('vibrateShort', () => ({})),
    vibrateLong: api('vibrateLong', () => ({})),
    getNetworkType: api('getNetworkType', () => ({
      networkType: navigator.onLine ? 'wifi' : 'none',
    })),
    onNetworkStatusChange: () => undefined,
    offNetworkStatusChange: () => undefined,

    // system
    getSystemInfoSync: systemInfo,
    getSystemInfo: api('getSystemInfo', () => systemInfo()),
    getWindowInfo: () => {
      const s = systemInfo();
      const keys = [
        'pixelRatio',
        'screenWidth',
        'screenHeight',
        'windowWidth',
        'windowHeight',
        'statusBarHeight',
        'safeArea',
      ];
      return Object.fromEntries(keys.map((k) => [k, s[k]]));
    },
    getDeviceInfo: () => {
      const s = systemInfo();
      return {
        brand: s.brand,
        model: s.model,
        system: s.system,
        platform: s.platform,
        benchmarkLevel: 1,
      };
    },
    getAppBaseInfo: () => {
      const s = systemInfo();
      return {
        SDKVersion: s.SDKVersion,
        language: 'zh_CN',
        version: s.version,
        theme: 'light',
        fontSizeSetting: s.fontSizeSetting,
        enableDebug: false,
        host: s.host,
      };
    },
    getSystemSetting: () => ({
      bluetoothEnabled: false,
      locationEnabled: false,
      wifiEnabled: true,
      deviceOrientation: 'portrait',
    }),
    getAppAuthorizeSetting: () => ({
      albumAuthorized: 'authorized',
      cameraAuthorized: 'authorized',
      notificationAuthorized: 'authorized',
    }),
    getMenuButtonBoundingClientRect: () => {
      const { width } = frame();
      return { width: 87, height: 32, top: 26, bottom: 58, left: width - 94, right: width - 7 };
    },
    getLaunchOptionsSync: launchOptions,
    getEnterOptionsSync: launchOptions,
    getAccountInfoSync: () => ({
      miniProgram: { appId: 'wxpreview00000000', envVersion: 'develop', version: '' },
    }),
    canIUse: () => true,

    // open capabilities
    login: api('login', () => {
      console.warn('[preview] wx.login answers a code devcloud does not check');
      return { code: `preview-${openid()}-${Date.now().toString(36)}` };
    }),
    checkSession: api('checkSession', () => ({})),
    getSetting: api('getSetting', (o) => {
      const subscriptions = Object.fromEntries(
        userKeys('subscribe-always').map((id) => [
          id,
          localStorage.getItem(userKey('subscribe-always', id)),
        ]),
      );
      return {
        authSetting: {},
        ...(o.withSubscriptions
          ? { subscriptionsSetting: { mainSwitch: true, itemSettings: subscriptions } }
          : {}),
      };
    }),
    openSetting: api('openSetting', async () => {
      await showModal({ title: '设置', content: '预览中没有需要设置的授权。', showCancel: false });
      return { authSetting: {} };
    }),
    authorize: api('authorize', () => ({})),
    requestSubscribeMessage: api('requestSubscribeMessage', (o) => {
      // The check runs synchronously, while the caller's tap is still being handled.
      if (!consumeGesture()) {
        throw { errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' };
      }
      const ids = Array.isArray(o.tmplIds) ? (o.tmplIds as string[]) : [];
      if (ids.length === 0)
        throw { errCode: 10001, errMsg: "requestSubscribeMessage:fail TmplIds can't be empty" };
      if (ids.length > 3)
        throw {
          errCode: 20003,
          errMsg: 'requestSubscribeMessage:fail Templates count out of max bounds',
        };
      const known = ids.filter((id) => mpConfig().templates[id]);
      if (known.length === 0) {
        throw {
          errCode: 20001,
          errMsg:
            'requestSubscribeMessage:fail No template data return, verify the template id exist',
        };
      }
      return subscribePrompt(known).then(async (decisions) => {
        const results: Obj = { ...decisions };
        for (const id of ids) if (!(id in results)) results[id] = 'filter';
        try {
          await reportSubscription(decisions);
        } catch {
          throw { errCode: 10003, errMsg: 'requestSubscribeMessage:fail Request subscribe fail' };
        }
        return withGesture(results);
      });
    }),
    getPrivacySetting: api('getPrivacySetting', () => ({
      needAuthorization: !privacyAgreed(),
      privacyContractName: mpConfig().privacy.name ?? '《小程序隐私保护指引》',
    })),
    onNeedPrivacyAuthorization: onNeedPrivacyAuthorization,
    requirePrivacyAuthorize: api('requirePrivacyAuthorize', async () => {
      await ensurePrivacy('requirePrivacyAuthorize');
      return {};
    }),
    openPrivacyContract: api('openPrivacyContract', async () => {
      await openPrivacyContract();
      return {};
    }),
    getUserProfile: api('getUserProfile', async () => {
      await ensurePrivacy('getUserProfile');
      return { userInfo: { nickName: '微信用户', avatarUrl: '', gender: 0 } };
    }),
    navigateToMiniProgram: api('navigateToMiniProgram', async () => {
      await showModal({
        title: '无法打开',
        content: '预览中不能打开其他小程序。',
        showCancel: false,
      });
      throw { errMsg: 'navigateToMiniProgram:fail cancel' };
    }),
    showShareMenu: api('showShareMenu', () => ({})),
    hideShareMenu: api('hideShareMenu', () => ({})),

    // media
    chooseMedia: api('chooseMedia', chooseMedia),
    chooseImage: api('chooseImage', chooseImage),
    previewImage: api('previewImage', previewImage),
    chooseMessageFile: api('chooseMessageFile', chooseMessageFile),
    downloadFile: api('downloadFile', downloadFile),
    openDocument: api('openDocument', openDocument),
    getImageInfo: api('getImageInfo', async (o) => {
      const url = await assetUrl(String(o.src ?? ''), router.currentPage()?.route);
      const size = await imageSize(url);
      if (!size.width) throw { errMsg: 'getImageInfo:fail image not found' };
      return { ...size, path: String(o.src), orientation: 'up', type: 'unknown' };
    }),
    compressImage: api('compressImage', (o) => ({ tempFilePath: String(o.src ?? '') })),

    // network: plain fetch (no domain allow-list in the preview)
    request: api('request', async (o) => {
      const method = String(o.method ?? 'GET').toUpperCase();
      const headers = (o.header as Record<string, string>) ?? {};
      const hasBody = method !== 'GET' && method !== 'HEAD' && o.data !== undefined;
      const res = await fetch(String(o.url), {
        method,
        headers:
          hasBody && typeof o.data === 'object'
            ? { 'content-type': 'application/json', ...headers }
            : headers,
        body: hasBody ? (typeof o.data === 'string' ? o.data : JSON.stringify(o.data)) : undefined,
      });
      const text = await res.text();
      let data: unknown = text;
      if (o.dataType !== '其他') {
        try {
          data = JSON.parse(text);
        } catch {
          data = text;
        }
      }
      const header: Record<string, string> = {};
      res.headers.forEach((v, k) => (header[k] = v));
      return { data, statusCode: res.status, header };
    }),

    cloud: makeCloud(),
  };

  const simulateApi: Obj = require('miniprogram-simulate/src/api');
  return new Proxy(wx, {
    get(target, prop) {
      if (typeof prop !== 'string') return undefined;
      if (prop in target) return target[prop];
      const fallback = simulateApi[prop];
      if (fallback === undefined) return undefined;
      if (!warned.has(prop)) {
        warned.add(prop);
        console.warn(
          `[preview] wx.${prop} is not emulated: miniprogram-simulate's canned stub answers`,
        );
      }
      return fallback;
    },
  });
}
