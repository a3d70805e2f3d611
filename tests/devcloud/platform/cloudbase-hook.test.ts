// The cloudbase hook point: fails loudly if wx-server-sdk or @cloudbase/node-sdk move it, and the
// hook's requests and answers survive a worker_threads MessagePort.
//
// The hook point is defined by the SDK sources, not by documentation: wx-server-sdk 4.0.2 index.js
// (src/api/cloud/provider/tcb/api/*.ts call `tcbInstance.<method>`), @cloudbase/node-sdk 3.17.2
// dist/cloudbase.js (class CloudBase). Cloud call permissions and -604101/-604100 come from
// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/openapi/openapi.html and wx-server-sdk's
// src/config/error.config.ts; callFunction's answer shape from
// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-server-api/functions/callFunction.html
// ({ result, requestID, errMsg }).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import {
  EXPECTED_NODE_SDK_VERSION,
  EXPECTED_WX_SERVER_SDK_VERSION,
  HOOKED,
  PATCHED_METHODS,
  SDK_CALL_SITES,
  installCloudbaseHook,
  isCloudbaseHookInstalled,
  locateCloudbaseHookPoint,
  uninstallCloudbaseHook,
} from '../../../devcloud/hooks/cloudbase';
import type { PlatformRequest, PlatformResponse } from '../../../devcloud/platform';
import {
  ALL_OPENAPI,
  APPID,
  Clock,
  NODE_SDK_DIR,
  OPENID,
  WX_SERVER_SDK_DIR,
  loadCloud,
  rejection,
  startHarness,
  templates,
} from './harness';

const wxServerSdkDir = WX_SERVER_SDK_DIR;
const nodeSdkDir = NODE_SDK_DIR;
const versionOf = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;

describe('the cloudbase hook point', () => {
  afterEach(() => uninstallCloudbaseHook());

  it('is wx-server-sdk 4.0.2 loading @cloudbase/node-sdk 3.17.2 exactly', () => {
    expect(versionOf(wxServerSdkDir)).toBe(EXPECTED_WX_SERVER_SDK_VERSION);
    expect(versionOf(nodeSdkDir)).toBe(EXPECTED_NODE_SDK_VERSION);
    expect(EXPECTED_WX_SERVER_SDK_VERSION).toBe('4.0.2');
    expect(EXPECTED_NODE_SDK_VERSION).toBe('3.17.2');
    const pinned = JSON.parse(readFileSync(join(wxServerSdkDir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(pinned.dependencies['@cloudbase/node-sdk']).toBe('3.17.2');
  });

  it('still has every call site and protobuf field the hook relies on', () => {
    const bundle = readFileSync(join(wxServerSdkDir, 'index.js'), 'utf8');
    for (const site of SDK_CALL_SITES) expect(bundle).toContain(site);
    const point = locateCloudbaseHookPoint();
    expect(point.nodeSdkDir).toBe(nodeSdkDir);
    for (const m of PATCHED_METHODS) expect(typeof point.CloudBase.prototype[m]).toBe('function');
  });

  it('throws naming what moved when a method disappears', () => {
    const { CloudBase } = require(join(nodeSdkDir, 'dist', 'cloudbase.js')) as {
      CloudBase: { prototype: Record<string, unknown> };
    };
    const original = CloudBase.prototype.deleteFile;
    delete CloudBase.prototype.deleteFile;
    try {
      expect(() => locateCloudbaseHookPoint()).toThrow(
        /devcloud cloudbase hook: CloudBase\.prototype\.deleteFile is missing\. .*wx-server-sdk 4\.0\.2 with @cloudbase\/node-sdk 3\.17\.2/,
      );
    } finally {
      CloudBase.prototype.deleteFile = original;
    }
  });

  it('patches the prototype wx-server-sdk instances use, and uninstalls cleanly', async () => {
    const { CloudBase } = require(join(nodeSdkDir, 'dist', 'cloudbase.js')) as {
      CloudBase: { prototype: Record<string, Record<symbol, unknown>> };
    };
    const before = PATCHED_METHODS.map((m) => CloudBase.prototype[m]);
    const seen: PlatformRequest[] = [];
    installCloudbaseHook(async (req) => {
      seen.push(req);
      return { kind: 'deleteFile', fileList: [{ fileID: 'cloud://x.y/z', code: 'SUCCESS' }] };
    });
    expect(isCloudbaseHookInstalled()).toBe(true);
    for (const m of PATCHED_METHODS) expect(CloudBase.prototype[m][HOOKED]).toBe(true);
    // wx-server-sdk's own instances are CloudBase objects of this very module: its calls arrive.
    const res = await loadCloud().deleteFile({ fileList: ['cloud://x.y/z'] });
    expect(res.fileList).toEqual([{ fileID: 'cloud://x.y/z', status: 0, errMsg: 'ok' }]);
    expect(seen).toEqual([{ kind: 'deleteFile', fileList: ['cloud://x.y/z'] }]);
    uninstallCloudbaseHook();
    expect(PATCHED_METHODS.map((m) => CloudBase.prototype[m])).toEqual(before);
    expect(isCloudbaseHookInstalled()).toBe(false);
  });

  it('reports a handler answering the wrong kind', async () => {
    installCloudbaseHook(async () => ({ kind: 'deleteFile', fileList: [] }));
    const cloud = loadCloud();
    const err = await rejection(cloud.downloadFile({ fileID: 'cloud://x.y/z' }));
    expect(String(err.errMsg)).toContain('the handler answered "deleteFile" to "downloadFile"');
  });
});

describe('requests the hook sends', () => {
  it('are plain: openapi parameters arrive snake_case as WeChat receives them', async () => {
    const seen: PlatformRequest[] = [];
    installCloudbaseHook(async (req) => {
      seen.push(req);
      return { kind: 'openapi', json: { errcode: 0, errmsg: 'ok', some_field: { inner_key: 1 } } };
    });
    try {
      const cloud = loadCloud();
      const res = await cloud.openapi.subscribeMessage.send({
        touser: OPENID,
        templateId: templates.petitionProgress.id,
        miniprogramState: 'trial',
        data: { phrase2: { value: '已受理' } },
      });
      expect(seen).toEqual([
        {
          kind: 'openapi',
          api: 'subscribeMessage.send',
          data: {
            touser: OPENID,
            template_id: templates.petitionProgress.id,
            miniprogram_state: 'trial',
            data: { phrase2: { value: '已受理' } },
          },
        },
      ]);
      // …and the answer comes back camelCase, errcode/errmsg replaced by errCode/errMsg.
      expect(res).toEqual({
        someField: { innerKey: 1 },
        errMsg: 'openapi.subscribeMessage.send:ok',
        errCode: 0,
      });
    } finally {
      uninstallCloudbaseHook();
    }
  });

  it('carry media parameters as bytes, and binary answers come back as { contentType, buffer }', async () => {
    const seen: PlatformRequest[] = [];
    installCloudbaseHook(async (req) => {
      seen.push(req);
      return {
        kind: 'openapi',
        binary: { contentType: 'image/png', data: Uint8Array.from([137, 80, 78, 71]) },
      };
    });
    try {
      const cloud = loadCloud();
      const res = (await cloud.openapi.security.imgSecCheck({
        media: { contentType: 'image/png', value: Buffer.from([1, 2, 3]) },
      })) as { contentType: string; buffer: Buffer; errCode: number };
      expect(seen).toEqual([
        {
          kind: 'openapi',
          api: 'security.imgSecCheck',
          // wx-server-sdk 4.0.2 sets `contentType` on a protobuf field named `contenttype`, so only
          // the file name (derived from the content type) reaches the wire.
          data: { media: { filename: 'media.png', bytes: Uint8Array.from([1, 2, 3]) } },
        },
      ]);
      expect(res.contentType).toBe('image/png');
      expect(Buffer.from(res.buffer)).toEqual(Buffer.from([137, 80, 78, 71]));
      expect(res.errCode).toBe(0);
    } finally {
      uninstallCloudbaseHook();
    }
  });

  it('cross a worker_threads MessagePort unchanged (structured clone)', async () => {
    const h = startHarness();
    const { port1, port2 } = new MessageChannel();
    try {
      // The host side: answers each request arriving on port2.
      port2.on('message', (msg: { id: number; req: PlatformRequest }) => {
        void h.platform
          .handle(msg.req, { openid: OPENID, appid: APPID, fn: 'notify' })
          .then((res) => port2.postMessage({ id: msg.id, res }));
      });
      // The worker side: forwards over port1.
      let next = 0;
      const pending = new Map<number, (res: PlatformResponse) => void>();
      port1.on('message', (msg: { id: number; res: PlatformResponse }) => {
        pending.get(msg.id)?.(msg.res);
        pending.delete(msg.id);
      });
      installCloudbaseHook(
        (req) =>
          new Promise((resolve) => {
            const id = ++next;
            pending.set(id, resolve);
            port1.postMessage({ id, req });
          }),
      );

      h.platform.grantSubscription(OPENID, { [templates.suggestionReplied.id]: 'accept' });
      await expect(
        h.cloud.openapi.subscribeMessage.send({
          touser: OPENID,
          templateId: templates.suggestionReplied.id,
          data: {
            thing1: { value: '关于增设夜间接待的建议' },
            phrase2: { value: '已答复' },
            time3: { value: '2025年3月1日 10:00' },
            thing4: { value: '感谢您的建议' },
          },
        }),
      ).resolves.toMatchObject({ errCode: 0 });

      const bytes = Buffer.from([0, 255, 1, 254]);
      const { fileID } = await h.cloud.uploadFile({ cloudPath: 'bin/x.bin', fileContent: bytes });
      const down = await h.cloud.downloadFile({ fileID });
      expect(Buffer.isBuffer(down.fileContent)).toBe(true);
      expect(down.fileContent).toEqual(bytes);
    } finally {
      port1.close();
      port2.close();
      h.close();
    }
  });
});

describe('openapi gateway errors', () => {
  it('answers -604100 for an api devcloud does not emulate, even when permitted', async () => {
    const h = startHarness({ permissions: { notify: [...ALL_OPENAPI, 'wxacode.getUnlimited'] } });
    try {
      const err = await rejection(h.cloud.openapi.wxacode.getUnlimited({ scene: 'a=1' }));
      expect(err.errCode).toBe(-604100);
      expect(String(err.message)).toContain('API not found');
    } finally {
      h.close();
    }
  });
});

describe('callFunction', () => {
  it('is answered by an injected invoke with a JSON round trip', async () => {
    const calls: unknown[] = [];
    const h = startHarness({
      invoke: async (req, caller) => {
        calls.push({ req, caller });
        return { kind: 'callFunction', result: { ok: true, at: new Clock().now() } };
      },
    });
    try {
      const res = await h.cloud.callFunction({
        name: 'petition',
        data: { action: 'get', when: new Date('2025-03-01T00:00:00Z') },
      });
      expect(res).toEqual({
        result: { ok: true, at: '2025-03-01T01:30:00.000Z' },
        errMsg: 'callFunction:ok',
        requestID: expect.any(String),
      });
      expect(calls).toEqual([
        {
          req: {
            kind: 'callFunction',
            name: 'petition',
            data: { action: 'get', when: '2025-03-01T00:00:00.000Z' },
          },
          caller: { openid: OPENID, appid: APPID, fn: 'notify' },
        },
      ]);
    } finally {
      h.close();
    }
  });

  it('fails clearly when nothing runs functions for the platform', async () => {
    const h = startHarness();
    try {
      const err = await rejection(h.cloud.callFunction({ name: 'petition' }));
      expect(err.code).toBe('FUNCTIONS_REQUEST_FAIL');
      expect(String(err.errMsg)).toContain('must be handled by the runtime');
    } finally {
      h.close();
    }
  });
});
