// Cloud storage through the real wx-server-sdk and the cloudbase hook.
//
// Expectations come from the server SDK's storage documentation:
// uploadFile https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-server-api/storage/uploadFile.html
//   (fileID `cloud://<env>.<bucket>/<cloudPath>`),
// getTempFileURL https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-server-api/storage/getTempFileURL.html
//   ("默认一天且最大不超过一天", per-file status "0 为成功", errMsg "成功为 ok，失败为失败原因"),
// deleteFile https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-server-api/storage/deleteFile.html
//   (per-file status), downloadFile …/storage/downloadFile.html ({ fileContent: Buffer }),
// and from what the SDK pair itself does with the service's answers (wx-server-sdk 4.0.2 index.js
// src/api/cloud/provider/tcb/api/*.ts, @cloudbase/node-sdk 3.17.2 dist/storage/index.js).

import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Platform } from '../../../devcloud/platform';
import {
  type Harness,
  NODE_SDK_DIR,
  OPENID,
  rejection,
  startHarness,
  templates,
  wordlist,
} from './harness';

const BUCKET_FILE = (path: string) => `cloud://devcloud.6465-devcloud-1250000000/${path}`;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 3]);

describe('cloud storage', () => {
  let h: Harness;

  beforeEach(() => {
    h = startHarness();
  });
  afterEach(() => h.close());

  it('uploads, links, downloads and deletes a file; a deleted file cannot be downloaded', async () => {
    const up = await h.cloud.uploadFile({ cloudPath: 'evidence/p1/photo.png', fileContent: PNG });
    // node-sdk 3.17.2 never calls wx-server-sdk's onResponseReceived, so statusCode stays -1 in
    // production too.
    expect(up).toEqual({
      fileID: BUCKET_FILE('evidence/p1/photo.png'),
      statusCode: -1,
      errMsg: 'uploadFile:ok',
    });
    expect(h.platform.fileInfo(up.fileID)).toEqual({
      fileID: up.fileID,
      cloudPath: 'evidence/p1/photo.png',
      size: PNG.length,
      openid: OPENID,
      fn: 'notify',
      uploadedAt: h.clock.now().toISOString(),
    });

    const links = await h.cloud.getTempFileURL({
      fileList: [up.fileID, { fileID: up.fileID, maxAge: 600 }],
    });
    expect(links.errMsg).toBe('getTempFileURL:ok');
    expect(links.fileList).toEqual([
      {
        fileID: up.fileID,
        status: 0,
        errMsg: 'ok',
        maxAge: 86400,
        tempFileURL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:8309\/_files\/[0-9a-f]{32}$/),
      },
      {
        fileID: up.fileID,
        status: 0,
        errMsg: 'ok',
        maxAge: 600,
        tempFileURL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:8309\/_files\/[0-9a-f]{32}$/),
      },
    ]);
    const token = links.fileList[1].tempFileURL.split('/').pop() as string;
    const served = h.platform.readFileForUrl(token);
    expect(served).toMatchObject({ fileID: up.fileID, contentType: 'image/png' });
    expect(Buffer.from(served?.content ?? [])).toEqual(PNG);

    const down = await h.cloud.downloadFile({ fileID: up.fileID });
    expect(down.errMsg).toBe('downloadFile:ok');
    expect(down.statusCode).toBe(200);
    expect(Buffer.isBuffer(down.fileContent)).toBe(true);
    expect(down.fileContent).toEqual(PNG);

    const missing = BUCKET_FILE('evidence/p1/none.png');
    const del = await h.cloud.deleteFile({ fileList: [up.fileID, missing] });
    expect(del).toEqual({
      fileList: [
        { fileID: up.fileID, status: 0, errMsg: 'ok' },
        { fileID: missing, status: -503003, errMsg: 'storage file not exists' },
      ],
      errMsg: 'deleteFile:ok',
    });
    expect(h.platform.readFileForUrl(token)).toBeNull();
    expect(h.platform.fileInfo(up.fileID)).toBeNull();

    // node-sdk 3.17.2 ignores wx-server-sdk's `throwOnCode: false`, so STORAGE_FILE_NONEXIST is
    // thrown as a TcbError: errCode -1, the TCB code kept in `code`.
    const err = await rejection(h.cloud.downloadFile({ fileID: up.fileID }));
    expect(err.errCode).toBe(-1);
    expect(err.code).toBe('STORAGE_FILE_NONEXIST');
    expect(err.errMsg).toBe('downloadFile:fail storage file not exist');
  });

  it('gives errCode -503003 for a missing file when node-sdk returns codes (setThrowOnCode(false))', async () => {
    const nodeSdk = require(join(NODE_SDK_DIR, 'dist', 'index.js')) as {
      setThrowOnCode(v: boolean): void;
    };
    nodeSdk.setThrowOnCode(false);
    try {
      const err = await rejection(h.cloud.downloadFile({ fileID: BUCKET_FILE('gone.txt') }));
      expect(err.errCode).toBe(-503003);
      expect(err.errMsg).toBe(
        'downloadFile:fail -503003 storage file not exists. storage file not exist',
      );
    } finally {
      nodeSdk.setThrowOnCode(true);
    }
  });

  it('answers a per-file status for a missing file in getTempFileURL', async () => {
    const res = await h.cloud.getTempFileURL({ fileList: [BUCKET_FILE('nowhere.pdf')] });
    expect(res.fileList).toEqual([
      {
        fileID: BUCKET_FILE('nowhere.pdf'),
        status: -503003,
        errMsg: 'storage file not exists',
        maxAge: 86400,
        tempFileURL: '',
      },
    ]);
  });

  it('caps maxAge at one day and expires temporary URLs', async () => {
    const { fileID } = await h.cloud.uploadFile({
      cloudPath: 'a.txt',
      fileContent: Buffer.from('hi'),
    });
    const res = await h.cloud.getTempFileURL({
      fileList: [
        { fileID, maxAge: 7 * 86400 },
        { fileID, maxAge: 60 },
      ],
    });
    expect(res.fileList.map((f) => f.maxAge)).toEqual([86400, 60]);
    const [dayToken, minuteToken] = res.fileList.map((f) => f.tempFileURL.split('/').pop() ?? '');
    h.clock.advance(61_000);
    expect(h.platform.readFileForUrl(minuteToken)).toBeNull();
    expect(h.platform.readFileForUrl(dayToken)?.contentType).toBe('text/plain; charset=utf-8');
    h.clock.advance(86400_000);
    expect(h.platform.readFileForUrl(dayToken)).toBeNull();
  });

  it('uploads from a ReadStream and overwrites the same cloud path', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'devcloud-upload-'));
    try {
      const file = join(tmp, 'letter.txt');
      writeFileSync(file, '第一版');
      const first = await h.cloud.uploadFile({
        cloudPath: 'letters/1.txt',
        fileContent: createReadStream(file),
      });
      h.caller.fn = 'petition';
      const second = await h.cloud.uploadFile({
        cloudPath: 'letters/1.txt',
        fileContent: Buffer.from('第二版'),
      });
      expect(second.fileID).toBe(first.fileID);
      const down = await h.cloud.downloadFile({ fileID: first.fileID });
      expect(down.fileContent.toString('utf8')).toBe('第二版');
      expect(h.platform.fileInfo(first.fileID)?.fn).toBe('petition');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('records no openid for an invocation without a user (timer trigger)', async () => {
    h.caller.openid = undefined;
    const { fileID } = await h.cloud.uploadFile({
      cloudPath: 'reports/daily.json',
      fileContent: Buffer.from('{}'),
    });
    expect(h.platform.fileInfo(fileID)?.openid).toBeNull();
  });

  it('refuses a file content that is neither a Buffer nor a ReadStream, as node-sdk does', async () => {
    const err = await rejection(h.cloud.uploadFile({ cloudPath: 'x.txt', fileContent: 'text' }));
    expect(err.errMsg).toBe(
      'uploadFile:fail [node-sdk] fileContent should be instance of fs.ReadStream or Buffer',
    );
  });

  it.each(['/abs.png', 'a/../b.png', 'a//b.png', ''])(
    'refuses the cloud path %j',
    async (cloudPath) => {
      const err = await rejection(h.cloud.uploadFile({ cloudPath, fileContent: PNG }));
      expect(err.code).toBe('INVALID_PARAM');
      expect(String(err.errMsg)).toMatch(/^uploadFile:fail cloudPath /);
    },
  );

  it('refuses more than 50 files in one getTempFileURL', async () => {
    const fileList = Array.from({ length: 51 }, (_, i) => BUCKET_FILE(`f${i}`));
    const err = await rejection(h.cloud.getTempFileURL({ fileList }));
    expect(err.code).toBe('INVALID_PARAM');
  });
});

describe('platform state on disk', () => {
  it('keeps quotas, messages and files across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'devcloud-platform-'));
    const caller = { openid: OPENID, appid: 'wx5f3c2b1a0d9e8f7a', fn: 'notify' };
    const options = {
      dir,
      templates,
      wordlist,
      functionPermissions: () => ['subscribeMessage.send'],
    };
    try {
      const first = new Platform(options);
      first.grantSubscription(OPENID, { [templates.appointmentResult.id]: 'accept' });
      first.grantSubscription(OPENID, { [templates.appointmentResult.id]: 'accept' });
      const sent = await first.handle(
        {
          kind: 'openapi',
          api: 'subscribeMessage.send',
          data: {
            touser: OPENID,
            template_id: templates.appointmentResult.id,
            data: {
              thing1: { value: '国家司法救助咨询' },
              phrase2: { value: '预约成功' },
              time3: { value: '2025-03-03 10:00' },
              thing4: { value: '请携带身份证件' },
            },
          },
        },
        caller,
      );
      expect(sent).toEqual({ kind: 'openapi', json: { errcode: 0, errmsg: 'ok' } });
      const up = await first.handle(
        { kind: 'uploadFile', cloudPath: 'a/b.txt', content: Buffer.from('kept') },
        caller,
      );
      first.close();

      const second = new Platform(options);
      try {
        expect(second.quota(OPENID, templates.appointmentResult.id)).toBe(1);
        expect(second.messages()).toHaveLength(1);
        expect(up).toEqual({ kind: 'uploadFile', fileID: BUCKET_FILE('a/b.txt') });
        const down = await second.handle(
          { kind: 'downloadFile', fileID: BUCKET_FILE('a/b.txt') },
          caller,
        );
        expect(down.kind).toBe('downloadFile');
        expect(Buffer.from((down as { content: Uint8Array }).content).toString()).toBe('kept');
      } finally {
        second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
