// The WeChat/CloudBase side of devcloud: answers the requests of the cloudbase hook
// (devcloud/hooks/cloudbase.ts) for a given caller, keeping its state in `<dir>/platform.sqlite`
// and `<dir>/files/`.

import type Database from 'better-sqlite3';
import { PhoneService } from './phone';
import {
  type CallFunctionRequest,
  type CallFunctionResponse,
  OPENAPI_GATEWAY_ERROR,
  type OpenApiResponse,
  type PlatformCaller,
  type PlatformErrorResponse,
  type PlatformRequest,
  type PlatformResponse,
  TCB_CODE,
} from './protocol';
import { SecCheckService } from './seccheck';
import { MEMORY, openBlobStore, openPlatformDb } from './store';
import { type FileForUrl, type StoredFileInfo, StorageService } from './storage';
import {
  type MessageFilter,
  type SentMessage,
  type SubscribeDecision,
  SubscriptionService,
} from './subscribe';
import type { TemplateRegistry } from './templates';
import { DEFAULT_OPENID_PATTERN, type WechatJson } from './wechat';
import type { Wordlist } from './wordlist';

export interface PlatformOptions {
  /** Data folder (created if missing), or ':memory:' for a throw-away platform. */
  dir: string;
  templates: TemplateRegistry;
  wordlist: Wordlist;
  /** The openapi permissions of a function: its config.json `permissions.openapi`. */
  functionPermissions: (fn: string) => readonly string[];
  now?: () => Date;
  /** Base of temporary file URLs (default `http://127.0.0.1:8309`); the gateway serves `/_files/<token>`. */
  publicBaseUrl?: string;
  /** Environment id in fileIDs (default 'devcloud'). */
  env?: string;
  /** What counts as a valid openid (default {@link DEFAULT_OPENID_PATTERN}). */
  openidPattern?: RegExp;
  /** The mini program's pages; when given, subscribeMessage.send answers 41030 for other pages. */
  pages?: readonly string[];
  /**
   * Runs `cloud.callFunction` for the platform; the runtime owns function execution. Without it a
   * callFunction request is answered with FUNCTIONS_REQUEST_FAIL saying so.
   */
  invoke?: (
    req: CallFunctionRequest,
    caller: PlatformCaller,
  ) => Promise<CallFunctionResponse | PlatformErrorResponse>;
}

type OpenApiHandler = (data: Record<string, unknown>, caller: PlatformCaller) => WechatJson;

export class Platform {
  readonly dir: string;
  private readonly db: Database.Database;
  private readonly subscriptions: SubscriptionService;
  private readonly secCheck: SecCheckService;
  private readonly phone: PhoneService;
  private readonly storage: StorageService;
  private readonly openapis: Record<string, OpenApiHandler>;
  private readonly faults = new Map<string, { errcode: number; errmsg: string }[]>();

  constructor(private readonly opts: PlatformOptions) {
    this.dir = opts.dir;
    const now = opts.now ?? (() => new Date());
    const openidPattern = opts.openidPattern ?? DEFAULT_OPENID_PATTERN;
    this.db = openPlatformDb(opts.dir);
    this.subscriptions = new SubscriptionService({
      db: this.db,
      templates: opts.templates,
      now,
      openidPattern,
      pages: opts.pages,
    });
    this.secCheck = new SecCheckService({ wordlist: opts.wordlist, now, openidPattern });
    this.phone = new PhoneService({ db: this.db, now });
    this.storage = new StorageService({
      db: this.db,
      blobs: openBlobStore(opts.dir),
      now,
      env: opts.env ?? 'devcloud',
      publicBaseUrl: (opts.publicBaseUrl ?? 'http://127.0.0.1:8309').replace(/\/+$/, ''),
    });
    this.openapis = {
      'subscribeMessage.send': (data, caller) => this.subscriptions.send(data, caller),
      'security.msgSecCheck': (data) => this.secCheck.msgSecCheck(data),
      'phonenumber.getPhoneNumber': (data, caller) => this.phone.getPhoneNumber(data, caller),
    };
  }

  /** The openapi names devcloud answers. */
  get emulatedOpenApis(): string[] {
    return Object.keys(this.openapis);
  }

  /** Answers one hook request on behalf of `caller`. */
  async handle(req: PlatformRequest, caller: PlatformCaller): Promise<PlatformResponse> {
    switch (req.kind) {
      case 'openapi':
        return this.openapi(req.api, req.data, caller);
      case 'callFunction':
        if (this.opts.invoke) return this.opts.invoke(req, caller);
        return {
          kind: 'error',
          code: TCB_CODE.FUNCTIONS_REQUEST_FAIL,
          message: `devcloud: callFunction(${req.name}) must be handled by the runtime, not the platform`,
        };
      case 'uploadFile':
        return this.storage.upload(req.cloudPath, req.content, caller);
      case 'downloadFile':
        return this.storage.download(req.fileID);
      case 'getTempFileURL':
        return this.storage.tempFileURLs(req.fileList);
      case 'deleteFile':
        return this.storage.delete(req.fileList);
      default: {
        const unknown: never = req;
        throw new Error(`devcloud platform: unknown request ${JSON.stringify(unknown)}`);
      }
    }
  }

  private openapi(
    api: string,
    data: Record<string, unknown>,
    caller: PlatformCaller,
  ): OpenApiResponse {
    // The cloud-call gateway checks config.json's permissions.openapi before anything else
    // (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/openapi/openapi.html).
    if (!this.opts.functionPermissions(caller.fn).includes(api)) {
      return { kind: 'openapi', errorCode: OPENAPI_GATEWAY_ERROR.NO_PERMISSION };
    }
    const handler = this.openapis[api];
    if (!handler) return { kind: 'openapi', errorCode: OPENAPI_GATEWAY_ERROR.API_NOT_FOUND };
    const injected = this.faults.get(api)?.shift();
    if (injected) return { kind: 'openapi', json: injected };
    return { kind: 'openapi', json: handler(data, caller) };
  }

  /**
   * Makes the next `times` calls of an openapi answer a WeChat error (e.g. -1 "system error"), as
   * a busy WeChat would: for testing how the product retries. The calls do nothing else.
   */
  failNext(api: string, errcode: number, errmsg: string, times = 1): void {
    const queue = this.faults.get(api) ?? [];
    for (let i = 0; i < times; i++) queue.push({ errcode, errmsg });
    this.faults.set(api, queue);
  }

  // --- what pages, the command line and tests drive or inspect ---

  /** The results of a page's wx.requestSubscribeMessage: each 'accept' adds one send of that template. */
  grantSubscription(openid: string, results: Record<string, SubscribeDecision>): void {
    this.subscriptions.grant(openid, results);
  }

  /** Sends left for this user and template id. */
  quota(openid: string, templateId: string): number {
    return this.subscriptions.quota(openid, templateId);
  }

  /** Subscription messages sent so far, oldest first. */
  messages(filter: MessageFilter = {}): SentMessage[] {
    return this.subscriptions.messages(filter);
  }

  /** The code devcloud's getPhoneNumber button hands to the page (single use, 5 minutes). */
  issuePhoneCode(openid: string, phone: string, countryCode = '86'): string {
    return this.phone.issueCode(openid, phone, countryCode);
  }

  /** The file behind a temporary URL's token (`/_files/<token>`), for the gateway. */
  readFileForUrl(urlToken: string): FileForUrl | null {
    return this.storage.readFileForUrl(urlToken);
  }

  /** Metadata of a stored file (uploader, function, size), or null. */
  fileInfo(fileID: string): StoredFileInfo | null {
    return this.storage.info(fileID);
  }

  /** The fileID a cloud path gets in this environment. */
  fileIdOf(cloudPath: string): string {
    return this.storage.fileIdOf(cloudPath);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Whether this platform keeps nothing on disk. */
  get inMemory(): boolean {
    return this.dir === MEMORY;
  }
}
