// Runs the real wx-server-sdk 4.0.2 in-process with the cloudbase hook installed and a Platform on
// a temporary folder answering for a mutable caller.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { installCloudbaseHook, uninstallCloudbaseHook } from '../../../devcloud/hooks/cloudbase';
import {
  MEMORY,
  Platform,
  type PlatformCaller,
  type PlatformOptions,
  loadTemplates,
  loadWordlist,
} from '../../../devcloud/platform';

export const ROOT = join(__dirname, '..', '..', '..');

// `require` as Node types it (the project's mini program typings declare a narrower `Require`).
const nodeRequire = require as unknown as NodeJS.Require;
/** Where wx-server-sdk is, and the @cloudbase/node-sdk it loads. */
export const WX_SERVER_SDK_DIR = dirname(nodeRequire.resolve('wx-server-sdk'));
export const NODE_SDK_DIR = dirname(
  nodeRequire.resolve('@cloudbase/node-sdk/package.json', { paths: [WX_SERVER_SDK_DIR] }),
);
export const templates = loadTemplates(join(ROOT, 'config', 'templates.json'));
export const wordlist = loadWordlist(join(ROOT, 'devcloud', 'wordlist.json'));

/** A real-looking openid (28 characters) and appid. */
export const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';
export const OTHER_OPENID = 'oz-Ls6wmxaADf0fECrS_D7Pg7rX0';
export const APPID = 'wx5f3c2b1a0d9e8f7a';

export const ALL_OPENAPI = [
  'subscribeMessage.send',
  'security.msgSecCheck',
  'phonenumber.getPhoneNumber',
];

/** The SDK surface the tests use (wx-server-sdk's typings are loose). */
export interface Cloud {
  init(config?: Record<string, unknown>): void;
  openapi: Record<string, Record<string, (data: Record<string, unknown>) => Promise<unknown>>>;
  uploadFile(options: { cloudPath: string; fileContent: unknown }): Promise<{
    fileID: string;
    statusCode: number;
    errMsg: string;
  }>;
  downloadFile(options: {
    fileID: string;
  }): Promise<{ fileContent: Buffer; statusCode: number; errMsg: string }>;
  getTempFileURL(options: { fileList: unknown[] }): Promise<{
    fileList: {
      fileID: string;
      tempFileURL: string;
      maxAge: number;
      status: number;
      errMsg: string;
    }[];
    errMsg: string;
  }>;
  deleteFile(options: { fileList: string[] }): Promise<{
    fileList: { fileID: string; status: number; errMsg: string }[];
    errMsg: string;
  }>;
  callFunction(options: {
    name: string;
    data?: Record<string, unknown>;
  }): Promise<{ result: unknown; errMsg: string; requestID: string }>;
}

/** wx-server-sdk, initialised as a deployed function initialises it. */
export function loadCloud(): Cloud {
  process.env.TENCENTCLOUD_SECRETID ??= 'AKIDdevcloudFAKE';
  process.env.TENCENTCLOUD_SECRETKEY ??= 'devcloudFAKEsecret';
  process.env.TCB_ENV ??= 'devcloud';
  process.env.WX_CONTEXT_KEYS ??= 'WX_OPENID,WX_APPID';
  process.env.WX_OPENID ??= OPENID;
  process.env.WX_APPID ??= APPID;
  const cloud = require('wx-server-sdk') as Cloud & { DYNAMIC_CURRENT_ENV: unknown };
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  return cloud;
}

/** A settable clock. */
export class Clock {
  constructor(public time = new Date('2025-03-01T09:30:00+08:00')) {}
  now = (): Date => new Date(this.time.getTime());
  advance(ms: number): void {
    this.time = new Date(this.time.getTime() + ms);
  }
}

export interface Harness {
  cloud: Cloud;
  platform: Platform;
  /** Who calls: change `fn`/`openid` to act as another function or user. */
  caller: PlatformCaller;
  clock: Clock;
  dir: string;
  close(): void;
}

export interface HarnessOptions extends Partial<Omit<PlatformOptions, 'functionPermissions'>> {
  /** openapi permissions per function; default: function `notify` may call every emulated api. */
  permissions?: Record<string, string[]>;
  /** Keep state in memory instead of a temporary folder. */
  memory?: boolean;
}

export function startHarness(options: HarnessOptions = {}): Harness {
  const { permissions = { notify: ALL_OPENAPI }, memory = false, ...rest } = options;
  const dir = memory ? MEMORY : mkdtempSync(join(tmpdir(), 'devcloud-platform-'));
  const clock = new Clock();
  const platform = new Platform({
    dir,
    templates,
    wordlist,
    now: clock.now,
    publicBaseUrl: 'http://127.0.0.1:8309',
    functionPermissions: (fn) => permissions[fn] ?? [],
    ...rest,
  });
  const caller: PlatformCaller = { openid: OPENID, appid: APPID, fn: 'notify' };
  installCloudbaseHook((req) => platform.handle(req, { ...caller }));
  return {
    cloud: loadCloud(),
    platform,
    caller,
    clock,
    dir,
    close() {
      uninstallCloudbaseHook();
      platform.close();
      if (!memory) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The rejection of a promise (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return e as Record<string, unknown>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
