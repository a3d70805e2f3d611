// The page test harness: pages run under miniprogram-simulate and every wx.cloud.callFunction goes to
// devcloud, opened in-process on a fresh folder. The wx APIs a page uses for feedback and navigation
// are recorded, and the ones WeChat answers for the person (the subscription prompt, a modal) answer
// with what the test chose.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DevCloud } from '../../devcloud';
import type {
  ActionInput,
  ActionName,
  ActionOutput,
  ActionResult,
  FunctionName,
} from '../../typings';

/** What the harness uses of a rendered j-component node. */
export interface SimNode {
  readonly dom: HTMLElement | undefined;
  readonly data: Record<string, unknown>;
  readonly instance: Record<string, unknown>;
  dispatchEvent(eventName: string, options?: { detail?: unknown }): void;
  querySelector(selector: string): SimNode | undefined;
  querySelectorAll(selector: string): SimNode[];
}

export interface SimRoot extends SimNode {
  attach(parent: Element): void;
  detach(): void;
}

/**
 * miniprogram-simulate, typed by hand: its own typings pull in j-component's older copy of
 * miniprogram-api-typings, whose globals (Component, require …) would clash with the project's.
 */
const simulate: {
  load(path: string, options: { compiler: 'official' | 'simulate'; rootPath: string }): string;
  render(id: string, properties?: Record<string, unknown>): SimRoot | undefined;
} = require('miniprogram-simulate');

/** The mini program root: page paths below are relative to it. */
export const MINIPROGRAM_ROOT = join(__dirname, '..', '..', 'miniprogram');

/**
 * The wxml compiler: by default j-component's pure-JavaScript one. It renders every page here (no
 * external .wxs, templates or includes are used), needs no native binary, so it runs on any CI
 * machine (WeChat's official wcc ships for x86-64 only), and compiles one page at a time instead of
 * every wxml under the root. `PAGES_COMPILER=official` runs the same tests on WeChat's wcc, which
 * checks that the wxml is also what the real compiler accepts.
 */
export const COMPILER: 'official' | 'simulate' =
  process.env.PAGES_COMPILER === 'official' ? 'official' : 'simulate';

/** The demo identities of database/seed/_identities.json the tests act as. */
export const DEMO = {
  citizen: 'o-citizen-1',
  otherCitizen: 'o-citizen-2',
  registrar: 'o-staff-110105-registrar',
  handler: 'o-staff-110105-handler',
  leader: 'o-staff-110105-leader',
  otherUnitHandler: 'o-staff-110108-handler',
  /** 北京市朝阳区人民检察院, where the 110105 staff above work. */
  unit: '110105',
  unitName: '北京市朝阳区人民检察院',
  otherUnit: '110108',
} as const;

export interface Identity {
  openid: string;
  audience: string;
  label: string;
  procuratorateId?: string;
  roles?: string[];
}

export type SubscribeDecision = 'accept' | 'reject' | 'ban' | 'filter';

export interface Recorded {
  toasts: { title: string; icon?: string }[];
  modals: { title: string; content: string; showCancel: boolean; answer: 'confirm' | 'cancel' }[];
  navigations: { kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch'; url: string }[];
  clipboard: string[];
  /** Every subscription prompt: who, which templates, and whether it ran inside a tap. */
  subscribeRequests: { openid: string | null; tmplIds: string[]; inTap: boolean }[];
  /** Every callFunction the pages made, with the identity it was made as. */
  calls: { name: string; action: string; input: unknown; openid: string | null }[];
  phoneCalls: string[];
  /** Every wx.cloud.uploadFile: where to, who, and the fileID stored (null when it failed). */
  uploads: { cloudPath: string; openid: string | null; fileID: string | null }[];
  /** What the choosers were asked for: `count` files at most. */
  choices: { api: 'chooseMedia' | 'chooseMessageFile'; count: number; extension?: string[] }[];
  /** Every wx.previewImage. */
  previews: { urls: string[]; current: string }[];
  /** Every wx.downloadFile's url. */
  downloads: string[];
  /** Every wx.openDocument, with the bytes of the file it opened. */
  documents: { filePath: string; fileType?: string; content: Buffer }[];
  /** Names of the other wx APIs pages called (stopPullDownRefresh, pageScrollTo …), in order. */
  other: string[];
}

type Callbacks = {
  success?: (res: unknown) => void;
  fail?: (err: unknown) => void;
  complete?: (res: unknown) => void;
};

/** A rendered page and the ways a test reads and drives it. */
export interface PageHandle {
  comp: SimRoot;
  // Page data is whatever each page declares; tests read it as loosely as the wxml does.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly data: Record<string, any>;
  readonly instance: Record<string, unknown>;
  /** The text of the first element matching the selector; '' when there is none. */
  text(selector: string): string;
  /** The texts of every element matching the selector. */
  texts(selector: string): string[];
  has(selector: string): boolean;
  count(selector: string): number;
  /** Taps the first element matching the selector, then waits for the page to settle. */
  tap(selector: string, index?: number): Promise<void>;
  /** Types into an input or textarea (an `input` event with the whole value). */
  input(selector: string, value: string): Promise<void>;
  /** Fires a `change` event (pickers, switches) with `value`. */
  change(selector: string, value: unknown): Promise<void>;
  /** Runs a page lifecycle method (`onReachBottom`, `onPullDownRefresh`, `onShow` …) and settles. */
  lifecycle(name: string, ...args: unknown[]): Promise<void>;
  /** Leaves the page: detaches it, as navigating back does. */
  close(): void;
}

const wait = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Harness {
  /** Who the mini program's user is now (the OPENID the functions see); null for nobody. */
  openid: string | null = DEMO.citizen;
  /** What the person answers to every template in a subscription prompt. */
  subscribeDecision: SubscribeDecision = 'accept';
  /** What the person answers to a modal with a cancel button. */
  modalAnswer: 'confirm' | 'cancel' = 'confirm';
  /** When true, callFunction fails as it does without network. */
  networkDown = false;
  /** When true, wx.cloud.uploadFile fails (a bad connection while uploading). */
  uploadDown = false;
  /** What the next wx.chooseMedia answers (files from tempFile); empty means the person cancels. */
  nextMedia: string[] = [];
  /** What the next wx.chooseMessageFile answers (files from tempFile); empty means cancel. */
  nextMessageFiles: string[] = [];

  readonly recorded: Recorded = {
    toasts: [],
    modals: [],
    navigations: [],
    clipboard: [],
    subscribeRequests: [],
    calls: [],
    phoneCalls: [],
    uploads: [],
    choices: [],
    previews: [],
    downloads: [],
    documents: [],
    other: [],
  };
  readonly storage = new Map<string, string>();

  private pending = new Set<Promise<unknown>>();
  private opened: SimRoot[] = [];
  private inTap = false;
  private parent: HTMLElement;

  private constructor(
    readonly cloud: DevCloud,
    private readonly dir: string,
    readonly identities: Identity[],
  ) {
    this.parent = document.createElement('div');
    document.body.appendChild(this.parent);
    this.installWx();
    this.watchTaps();
  }

  /** Opens devcloud on a fresh folder, seeds the demo data and installs the wx APIs. */
  static async start(): Promise<Harness> {
    const dir = mkdtempSync(join(tmpdir(), 'devcloud-pages-'));
    const cloud = DevCloud.open({ dir });
    const identities = (await cloud.seed()) as Identity[];
    return new Harness(cloud, dir, identities);
  }

  async close() {
    await this.idle();
    await this.cloud.close();
    this.parent.remove();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Acts as `openid` from now on (a demo identity, any other id, or null for nobody). */
  as(openid: string | null) {
    this.openid = openid;
    return this;
  }

  /** Closes the pages opened so far, forgets what was recorded and stored, restores the answers. */
  reset() {
    for (const page of this.opened.splice(0)) page.detach();
    for (const list of Object.values(this.recorded)) (list as unknown[]).length = 0;
    this.storage.clear();
    this.openid = DEMO.citizen;
    this.subscribeDecision = 'accept';
    this.modalAnswer = 'confirm';
    this.networkDown = false;
    this.uploadDown = false;
    this.nextMedia = [];
    this.nextMessageFiles = [];
  }

  private files = 0;

  /**
   * A real file on this phone's disk, as a chooser hands out: `name` keeps its extension; the
   * content is `content`, or `size` bytes of filler. Answers its path.
   */
  tempFile(name: string, content: Buffer | { size: number }): string {
    this.files += 1;
    const dir = join(this.dir, 'phone-files', String(this.files));
    mkdirSync(dir, { recursive: true });
    const path = join(dir, name);
    writeFileSync(path, Buffer.isBuffer(content) ? content : Buffer.alloc(content.size, 0x25));
    return path;
  }

  /** Calls an action directly, to arrange records or read them back through the public actions. */
  async call<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    input: ActionInput<F, A>,
    openid: string | null = this.openid,
  ): Promise<ActionResult<ActionOutput<F, A>>> {
    const out = await this.cloud.invoke(fn, { action, input }, openid ? { openid } : {});
    return out.result as ActionResult<ActionOutput<F, A>>;
  }

  /** Like `call`, but fails the test unless the action succeeded. */
  async data<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    input: ActionInput<F, A>,
    openid: string | null = this.openid,
  ): Promise<ActionOutput<F, A>> {
    const res = await this.call(fn, action, input, openid);
    if (!res.ok) throw new Error(`${fn}.${action} failed: ${JSON.stringify(res.error)}`);
    return res.data;
  }

  /** The folder key the pages put into the cloud path of `openid`'s uploads (account.whoami). */
  async uploadKey(openid: string | null = this.openid): Promise<string> {
    const key = (await this.data('account', 'whoami', {}, openid)).uploadKey;
    if (!key) throw new Error(`no upload key for ${openid}`);
    return key;
  }

  /** Waits until no cloud call or wx callback is outstanding and the page has re-rendered. */
  async idle() {
    for (let round = 0; round < 500; round++) {
      await wait();
      if (this.pending.size === 0) {
        await wait();
        if (this.pending.size === 0) return;
      }
      await Promise.allSettled([...this.pending]);
    }
    throw new Error('the page never settled');
  }

  /**
   * Loads a page definition once (`citizen/suggestion-mine/index`). Call it in beforeAll: under jest
   * a second load of the same path renders nothing (CLOUDBASE.md §3, pitfall 1).
   */
  load(pagePath: string): string {
    return simulate.load(join(MINIPROGRAM_ROOT, pagePath), {
      compiler: COMPILER,
      rootPath: MINIPROGRAM_ROOT,
    });
  }

  /** Opens a page as WeChat does: query as properties, attached, onLoad(query), onShow. */
  async open(id: string, query: Record<string, string> = {}): Promise<PageHandle> {
    // `id` is an element attribute for j-component, so the query reaches the page through onLoad.
    const props = Object.fromEntries(Object.entries(query).filter(([k]) => k !== 'id'));
    const comp = simulate.render(id, props);
    if (!comp) throw new Error('render returned nothing: was the page loaded twice?');
    comp.attach(this.parent);
    this.opened.push(comp);
    const instance = comp.instance as Record<string, unknown>;
    if (typeof instance.onLoad === 'function') instance.onLoad({ ...query });
    if (typeof instance.onShow === 'function') instance.onShow();
    await this.idle();
    return this.handle(comp);
  }

  private handle(comp: SimRoot): PageHandle {
    const find = (selector: string, index = 0) => comp.querySelectorAll(selector)[index];
    const need = (selector: string, index = 0) => {
      const el = find(selector, index);
      if (!el) throw new Error(`no element matches ${selector}`);
      return el;
    };
    const textOf = (el: SimNode | undefined) =>
      (el?.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
    return {
      comp,
      get data() {
        return comp.data;
      },
      get instance() {
        return comp.instance;
      },
      text: (selector) => textOf(find(selector)),
      texts: (selector) => comp.querySelectorAll(selector).map(textOf),
      has: (selector) => !!find(selector),
      count: (selector) => comp.querySelectorAll(selector).length,
      tap: async (selector, index = 0) => {
        need(selector, index).dispatchEvent('tap');
        await this.idle();
      },
      input: async (selector, value) => {
        need(selector).dispatchEvent('input', { detail: { value, cursor: value.length } });
        await this.idle();
      },
      change: async (selector, value) => {
        need(selector).dispatchEvent('change', { detail: { value } });
        await this.idle();
      },
      lifecycle: async (name, ...args) => {
        const fn = comp.instance[name];
        if (typeof fn !== 'function') throw new Error(`the page has no ${name}`);
        fn.apply(comp.instance, args);
        await this.idle();
      },
      close: () => comp.detach(),
    };
  }

  /** Keeps track of a promise, so idle() waits for it. */
  private track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    const done = () => this.pending.delete(p);
    p.then(done, done);
    return p;
  }

  /** Answers a wx API call in either style: callbacks when given, a promise otherwise. */
  private answer(name: string, options: Callbacks, result: Record<string, unknown>, ok = true) {
    const res = { errMsg: `${name}:${ok ? 'ok' : 'fail'}`, ...result };
    const p = this.track(wait().then(() => res));
    if (options.success || options.fail || options.complete) {
      void p.then((r) => {
        if (ok) options.success?.(r);
        else options.fail?.(r);
        options.complete?.(r);
      });
      return undefined;
    }
    return ok ? p : p.then((r) => Promise.reject(r));
  }

  /**
   * WeChat shows the subscription prompt only while a tap is being handled. Taps reach page handlers
   * through exparser's Event.dispatchEvent, so the harness notes when one is on the stack.
   */
  private watchTaps() {
    const nodeRequire = createRequire(__filename);
    const jComponentDir = join(nodeRequire.resolve('j-component'), '..');
    const exparser = require(
      nodeRequire.resolve('miniprogram-exparser', { paths: [jComponentDir] }),
    );
    const original = exparser.Event.dispatchEvent;
    exparser.Event.dispatchEvent = (target: unknown, event: { type?: string }) => {
      const was = this.inTap;
      this.inTap = was || event.type === 'tap';
      try {
        return original.call(exparser.Event, target, event);
      } finally {
        this.inTap = was;
      }
    };
  }

  private installWx() {
    const wxApi = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
    const rec = this.recorded;
    const cloud = {
      init: () => undefined,
      callFunction: (
        options: { name: string; data?: { action?: string; input?: unknown } } & Callbacks,
      ) => {
        const openid = this.openid;
        rec.calls.push({
          name: options.name,
          action: options.data?.action ?? '',
          input: options.data?.input,
          openid,
        });
        const p = this.track(
          this.networkDown
            ? wait().then(() =>
                Promise.reject({
                  errCode: -1,
                  errMsg: 'cloud.callFunction:fail request:fail timeout',
                }),
              )
            : this.cloud.invoke(options.name, options.data ?? {}, openid ? { openid } : {}).then(
                (o) => ({
                  result: o.result,
                  requestID: o.requestId,
                  errMsg: 'cloud.callFunction:ok',
                }),
                (e: { errCode?: number; errMsg?: string; message?: string }) =>
                  Promise.reject({
                    errCode: e.errCode ?? -1,
                    errMsg: `cloud.callFunction:fail ${e.errMsg ?? e.message ?? ''}`,
                  }),
              ),
        );
        if (options.success || options.fail || options.complete) {
          p.then(
            (r) => {
              options.success?.(r);
              options.complete?.(r);
            },
            (e) => {
              options.fail?.(e);
              options.complete?.(e);
            },
          );
          return undefined;
        }
        return p;
      },
    };

    Object.assign(cloud, {
      /**
       * Stores the file in devcloud's storage, as the gateway's `/_devcloud/upload` does for the
       * browser preview; answers an UploadTask whose progress reaches 100 before success.
       */
      uploadFile: (options: { cloudPath: string; filePath: string } & Callbacks) => {
        const openid = this.openid;
        const progress: ((p: {
          progress: number;
          totalBytesSent: number;
          totalBytesExpectedToSend: number;
        }) => void)[] = [];
        const entry = { cloudPath: options.cloudPath, openid, fileID: null as string | null };
        rec.uploads.push(entry);
        const p = this.track(
          wait().then(async () => {
            if (this.uploadDown || this.networkDown) {
              return Promise.reject({
                errCode: -1,
                errMsg: 'cloud.uploadFile:fail request:fail timeout',
              });
            }
            const content = new Uint8Array(readFileSync(options.filePath));
            for (const step of [50, 100]) {
              const sent = Math.round((content.byteLength * step) / 100);
              for (const cb of progress)
                cb({
                  progress: step,
                  totalBytesSent: sent,
                  totalBytesExpectedToSend: content.byteLength,
                });
            }
            const out = await this.cloud.platform.handle(
              { kind: 'uploadFile', cloudPath: options.cloudPath, content },
              { openid: openid ?? undefined, appid: '', fn: '' },
            );
            if (out.kind !== 'uploadFile') {
              return Promise.reject({
                errCode: -1,
                errMsg: `cloud.uploadFile:fail ${'message' in out ? String(out.message) : ''}`,
              });
            }
            entry.fileID = out.fileID;
            return { fileID: out.fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' };
          }),
        );
        const task = {
          onProgressUpdate: (cb: (typeof progress)[number]) => {
            progress.push(cb);
          },
          offProgressUpdate: () => undefined,
          abort: () => undefined,
        };
        if (options.success || options.fail || options.complete) {
          p.then(
            (r) => {
              options.success?.(r);
              options.complete?.(r);
            },
            (e) => {
              options.fail?.(e);
              options.complete?.(e);
            },
          );
          return task;
        }
        return p;
      },
    });

    const navigate =
      (kind: Recorded['navigations'][number]['kind']) => (options: { url: string } & Callbacks) => {
        rec.navigations.push({ kind, url: options.url });
        return this.answer(kind, options, {});
      };

    Object.assign(wxApi, {
      cloud,

      showToast: (options: { title: string; icon?: string } & Callbacks) => {
        rec.toasts.push({ title: options.title, icon: options.icon });
        return this.answer('showToast', options, {});
      },
      hideToast: (options: Callbacks = {}) => this.answer('hideToast', options, {}),
      showLoading: (options: Callbacks = {}) => this.answer('showLoading', options, {}),
      hideLoading: (options: Callbacks = {}) => this.answer('hideLoading', options, {}),
      showModal: (
        options: { title?: string; content?: string; showCancel?: boolean } & Callbacks,
      ) => {
        const showCancel = options.showCancel !== false;
        const answer = showCancel ? this.modalAnswer : 'confirm';
        rec.modals.push({
          title: options.title ?? '',
          content: options.content ?? '',
          showCancel,
          answer,
        });
        return this.answer('showModal', options, {
          confirm: answer === 'confirm',
          cancel: answer === 'cancel',
        });
      },

      navigateTo: navigate('navigateTo'),
      redirectTo: navigate('redirectTo'),
      switchTab: navigate('switchTab'),
      reLaunch: navigate('reLaunch'),
      navigateBack: (options: Callbacks = {}) => this.answer('navigateBack', options, {}),

      setClipboardData: (options: { data: string } & Callbacks) => {
        rec.clipboard.push(options.data);
        return this.answer('setClipboardData', options, {});
      },
      makePhoneCall: (options: { phoneNumber: string } & Callbacks) => {
        rec.phoneCalls.push(options.phoneNumber);
        return this.answer('makePhoneCall', options, {});
      },
      stopPullDownRefresh: (options: Callbacks = {}) => {
        rec.other.push('stopPullDownRefresh');
        return this.answer('stopPullDownRefresh', options, {});
      },
      pageScrollTo: (options: Callbacks = {}) => {
        rec.other.push('pageScrollTo');
        return this.answer('pageScrollTo', options, {});
      },

      requestSubscribeMessage: (options: { tmplIds?: string[] } & Callbacks) => {
        const tmplIds = options.tmplIds ?? [];
        const openid = this.openid;
        const inTap = this.inTap;
        rec.subscribeRequests.push({ openid, tmplIds, inTap });
        if (!inTap) {
          return this.answer(
            'requestSubscribeMessage',
            options,
            {
              errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.',
              errCode: 20003,
            },
            false,
          );
        }
        const results = Object.fromEntries(tmplIds.map((id) => [id, this.subscribeDecision]));
        try {
          // What WeChat records when the person answers: one send allowed per accepted template.
          if (openid) this.cloud.grantSubscription(openid, results);
        } catch (e) {
          return this.answer(
            'requestSubscribeMessage',
            options,
            { errMsg: `requestSubscribeMessage:fail ${(e as Error).message}`, errCode: 20001 },
            false,
          );
        }
        return this.answer('requestSubscribeMessage', options, results);
      },

      // Choosing files: the person picks what the test put in nextMedia / nextMessageFiles.
      chooseMedia: (options: { count?: number } & Callbacks) => {
        const count = options.count ?? 9;
        rec.choices.push({ api: 'chooseMedia', count });
        const paths = this.nextMedia.splice(0);
        if (!paths.length)
          return this.answer('chooseMedia', options, { errMsg: 'chooseMedia:fail cancel' }, false);
        const tempFiles = paths.map((p) => ({
          tempFilePath: p,
          size: statSync(p).size,
          fileType: 'image',
          width: 800,
          height: 600,
          duration: 0,
          thumbTempFilePath: '',
        }));
        return this.answer('chooseMedia', options, { tempFiles, type: 'image' });
      },
      chooseMessageFile: (options: { count?: number; extension?: string[] } & Callbacks) => {
        rec.choices.push({
          api: 'chooseMessageFile',
          count: options.count ?? 1,
          extension: options.extension,
        });
        const paths = this.nextMessageFiles.splice(0);
        if (!paths.length) {
          return this.answer(
            'chooseMessageFile',
            options,
            { errMsg: 'chooseMessageFile:fail cancel' },
            false,
          );
        }
        const tempFiles = paths.map((p) => ({
          path: p,
          name: basename(p),
          size: statSync(p).size,
          type: 'file',
          time: Math.floor(Date.now() / 1000),
        }));
        return this.answer('chooseMessageFile', options, { tempFiles });
      },
      previewImage: (options: { urls: string[]; current?: string } & Callbacks) => {
        rec.previews.push({ urls: options.urls, current: options.current ?? options.urls[0] });
        return this.answer('previewImage', options, {});
      },
      // A temporary link of devcloud's storage (`…/_files/<token>`), fetched into a local file.
      downloadFile: (options: { url: string } & Callbacks) => {
        rec.downloads.push(options.url);
        const token = /\/_files\/([A-Za-z0-9_-]+)$/.exec(options.url)?.[1] ?? '';
        const found = token ? this.cloud.platform.readFileForUrl(token) : null;
        if (!found)
          return this.answer('downloadFile', options, { statusCode: 404, tempFilePath: '' });
        const tempFilePath = this.tempFile(
          found.cloudPath.split('/').pop() ?? 'file',
          Buffer.from(found.content),
        );
        return this.answer('downloadFile', options, { statusCode: 200, tempFilePath });
      },
      openDocument: (options: { filePath: string; fileType?: string } & Callbacks) => {
        if (!existsSync(options.filePath)) {
          return this.answer(
            'openDocument',
            options,
            { errMsg: 'openDocument:fail file not found' },
            false,
          );
        }
        rec.documents.push({
          filePath: options.filePath,
          fileType: options.fileType,
          content: readFileSync(options.filePath),
        });
        return this.answer('openDocument', options, {});
      },

      // Storage, in memory and JSON-cloned as WeChat stores it.
      getStorageSync: (key: string) => {
        const raw = this.storage.get(key);
        return raw === undefined ? '' : JSON.parse(raw);
      },
      setStorageSync: (key: string, value: unknown) => {
        this.storage.set(key, JSON.stringify(value));
      },
      removeStorageSync: (key: string) => {
        this.storage.delete(key);
      },
      clearStorageSync: () => this.storage.clear(),
      getStorageInfoSync: () => ({
        keys: [...this.storage.keys()],
        currentSize: 0,
        limitSize: 10240,
      }),

      // Privacy (base library ≥ 2.32.3): the person has agreed already.
      getPrivacySetting: (options: Callbacks = {}) =>
        this.answer('getPrivacySetting', options, {
          needAuthorization: false,
          privacyContractName: '《12309检察服务小程序隐私保护指引》',
        }),
      onNeedPrivacyAuthorization: () => undefined,
      requirePrivacyAuthorize: (options: Callbacks = {}) =>
        this.answer('requirePrivacyAuthorize', options, {}),
      openPrivacyContract: (options: Callbacks = {}) => {
        rec.other.push('openPrivacyContract');
        return this.answer('openPrivacyContract', options, {});
      },
    });
  }
}
