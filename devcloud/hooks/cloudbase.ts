// The transport hook for the WeChat/CloudBase side of wx-server-sdk 4.0.2.
//
// wx-server-sdk calls these methods of @cloudbase/node-sdk 3.17.2's `CloudBase` (the exact version
// it pins): `callFunction`, `callCompatibleWxOpenApi` (every `cloud.openapi.*`), `uploadFile`,
// `downloadFile`, `getTempFileURL`, `deleteFile`. Installing the hook replaces them on
// `CloudBase.prototype` with functions that send a plain, serialisable request (protocol.ts) to one
// handler and turn its plain answer into exactly what the original method returns or throws:
//
// - openapi: the request's protobuf `CommApiData` is decoded into `{ api, data }`; the answer is
//   encoded as the protobuf `CommOpenApiResp` buffer the SDK decodes (respData = WeChat's JSON);
// - storage and callFunction: answers in the CloudBase service's terms (`code` names such as
//   `STORAGE_FILE_NONEXIST`) go through node-sdk's own `processReturn`, so failures surface as the
//   real SDK surfaces them. Note that node-sdk 3.17.2 ignores wx-server-sdk's `throwOnCode: false`
//   (it only honours its global `setThrowOnCode`), so a call-level failure is *thrown* as a
//   `TcbError` and reaches user code with errCode -1 and `code` set to the TCB code name, e.g.
//   `downloadFile` of a missing file → `{ errCode: -1, code: 'STORAGE_FILE_NONEXIST', errMsg:
//   'downloadFile:fail storage file not exist' }`. Per-file codes of getTempFileURL/deleteFile
//   become `status: -503003` as in production.
//
// The hook does not know who is calling: in a worker the handler forwards the request together
// with the invocation's caller; in tests it can call a Platform directly.

import { randomUUID } from 'node:crypto';
import { ReadStream, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type {
  OpenApiMediaParam,
  PlatformErrorResponse,
  PlatformHandler,
  PlatformRequest,
  PlatformRequestKind,
  PlatformResponseFor,
  TempFileURLRequestItem,
} from '../platform/protocol';

export type {
  CallFunctionRequest,
  CallFunctionResponse,
  DeleteFileItem,
  DeleteFileRequest,
  DeleteFileResponse,
  DownloadFileRequest,
  DownloadFileResponse,
  GetTempFileURLRequest,
  GetTempFileURLResponse,
  OpenApiMediaParam,
  OpenApiRequest,
  OpenApiResponse,
  PlatformCaller,
  PlatformErrorResponse,
  PlatformHandler,
  PlatformRequest,
  PlatformRequestKind,
  PlatformResponse,
  PlatformResponseFor,
  TempFileURLItem,
  TempFileURLRequestItem,
  UploadFileRequest,
  UploadFileResponse,
} from '../platform/protocol';

export const EXPECTED_WX_SERVER_SDK_VERSION = '4.0.2';
export const EXPECTED_NODE_SDK_VERSION = '3.17.2';

export const PATCHED_METHODS = [
  'callFunction',
  'callCompatibleWxOpenApi',
  'uploadFile',
  'downloadFile',
  'getTempFileURL',
  'deleteFile',
] as const;

export type PatchedMethod = (typeof PATCHED_METHODS)[number];

/**
 * Text that wx-server-sdk 4.0.2's bundle (index.js) contains where it calls the patched methods and
 * where it encodes/decodes the protobuf messages this hook speaks. If one disappears, the hook point
 * moved.
 */
export const SDK_CALL_SITES = [
  'tcbInstance.callFunction(',
  'tcbInstance.callCompatibleWxOpenApi(',
  'tcbInstance.uploadFile(',
  'tcbInstance.downloadFile(',
  'tcbInstance.getTempFileURL(',
  'tcbInstance.deleteFile(',
  'openapi_1.CommOpenApiResp.decode(res)',
  'apiType: openapi_1.CommApiData.ApiType.OPEN_API',
  // CommApiData { apiType = 1; openapiData = 2; appid = 6 }, OpenApiData { pairs = 1 }
  'writer.uint32(/* id 1, wireType 0 =*/8).int32(message.apiType)',
  '$root.OpenApiData.encode(message.openapiData, writer.uint32(/* id 2, wireType 2 =*/18).fork())',
  '$root.KeyValuePair.encode(message.pairs[i], writer.uint32(/* id 1, wireType 2 =*/10).fork())',
  'writer.uint32(/* id 6, wireType 2 =*/50).string(message.appid)',
  // KeyValuePair { key = 1; value = 2; contenttype = 3; filename = 4 }
  'writer.uint32(/* id 1, wireType 2 =*/10).string(message.key)',
  'writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.value)',
  'writer.uint32(/* id 4, wireType 2 =*/34).string(message.filename)',
  // CommOpenApiResp { respData = 1; contentType = 2; errorCode = 3; httpCode = 4; headers = 5 }
  'writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.respData)',
  'writer.uint32(/* id 2, wireType 2 =*/18).string(message.contentType)',
  'writer.uint32(/* id 3, wireType 0 =*/24).int32(message.errorCode)',
  'writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.httpCode)',
] as const;

type AnyMethod = (this: unknown, ...args: never[]) => Promise<unknown>;

interface TcbErrorLike {
  code: string;
  message: string;
  requestId?: string;
}

interface ProtoType {
  decode(bytes: Uint8Array): unknown;
  encode(message: Record<string, unknown>): { finish(): Uint8Array };
}

/** What the hook patches and uses, resolved from the directory of wx-server-sdk. */
export interface CloudbaseHookPoint {
  wxServerSdkDir: string;
  nodeSdkDir: string;
  wxServerSdkVersion: string;
  nodeSdkVersion: string;
  CloudBase: { prototype: Record<PatchedMethod, AnyMethod> };
  /** node-sdk's `processReturn`: throws a TcbError (or returns the result when throwOnCode is off). */
  processReturn: (result: TcbErrorLike & Record<string, unknown>) => unknown;
  /** node-sdk's `E`: makes a TcbError. */
  E: (err: TcbErrorLike) => Error;
  CommApiData: ProtoType;
  CommOpenApiResp: ProtoType;
}

const hookError = (what: string): Error =>
  new Error(
    `devcloud cloudbase hook: ${what}. The hook is written for wx-server-sdk ` +
      `${EXPECTED_WX_SERVER_SDK_VERSION} with @cloudbase/node-sdk ${EXPECTED_NODE_SDK_VERSION}; ` +
      'pin wx-server-sdk exactly or update devcloud/hooks/cloudbase.ts.',
  );

// `require` as Node types it (the mini program typings in this project declare a global `Require`
// without `resolve`). It must stay the module's own `require`, so that under jest it resolves in the
// same module registry as the code under test.
const nodeRequire = require as unknown as NodeJS.Require;

function readVersion(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string })
    .version;
}

/**
 * Finds the hook point and checks that nothing moved: exact versions, the methods on
 * `CloudBase.prototype`, node-sdk's `processReturn`/`E`, and the call sites and protobuf layout in
 * wx-server-sdk's bundle. Throws an Error naming what moved.
 */
export function locateCloudbaseHookPoint(): CloudbaseHookPoint {
  const wxServerSdkDir = dirname(nodeRequire.resolve('wx-server-sdk'));
  const wxServerSdkVersion = readVersion(wxServerSdkDir);
  if (wxServerSdkVersion !== EXPECTED_WX_SERVER_SDK_VERSION) {
    throw hookError(`found wx-server-sdk ${wxServerSdkVersion} at ${wxServerSdkDir}`);
  }
  // The same module instance wx-server-sdk loads: resolved from its own directory.
  const nodeSdkDir = dirname(
    nodeRequire.resolve('@cloudbase/node-sdk/package.json', { paths: [wxServerSdkDir] }),
  );
  const nodeSdkVersion = readVersion(nodeSdkDir);
  if (nodeSdkVersion !== EXPECTED_NODE_SDK_VERSION) {
    throw hookError(`wx-server-sdk loads @cloudbase/node-sdk ${nodeSdkVersion} from ${nodeSdkDir}`);
  }
  const cloudbaseModule = require(join(nodeSdkDir, 'dist', 'cloudbase.js')) as {
    CloudBase?: unknown;
  };
  if (typeof cloudbaseModule.CloudBase !== 'function') {
    throw hookError('@cloudbase/node-sdk/dist/cloudbase.js no longer exports CloudBase');
  }
  const CloudBase = cloudbaseModule.CloudBase as { prototype: Record<string, unknown> };
  for (const m of PATCHED_METHODS) {
    if (typeof CloudBase.prototype[m] !== 'function') {
      throw hookError(`CloudBase.prototype.${m} is missing`);
    }
  }
  const utils = require(join(nodeSdkDir, 'dist', 'utils', 'utils.js')) as Record<string, unknown>;
  if (typeof utils.processReturn !== 'function' || typeof utils.E !== 'function') {
    throw hookError('@cloudbase/node-sdk/dist/utils/utils.js lost processReturn or E');
  }
  const bundle = readFileSync(join(wxServerSdkDir, 'index.js'), 'utf8');
  for (const site of SDK_CALL_SITES) {
    if (!bundle.includes(site))
      throw hookError(`wx-server-sdk/index.js no longer contains ${site}`);
  }
  const { CommApiData, CommOpenApiResp } = protobufTypes(wxServerSdkDir);
  return {
    wxServerSdkDir,
    nodeSdkDir,
    wxServerSdkVersion,
    nodeSdkVersion,
    CloudBase: CloudBase as unknown as CloudbaseHookPoint['CloudBase'],
    processReturn: utils.processReturn as CloudbaseHookPoint['processReturn'],
    E: utils.E as CloudbaseHookPoint['E'],
    CommApiData,
    CommOpenApiResp,
  };
}

/** The messages of wx-server-sdk's src/protobuf/openapi.js that the hook speaks (same field ids). */
function protobufTypes(wxServerSdkDir: string): {
  CommApiData: ProtoType;
  CommOpenApiResp: ProtoType;
} {
  // protobufjs is wx-server-sdk's dependency: load the copy it resolves.
  const protobuf = require(
    nodeRequire.resolve('protobufjs', { paths: [wxServerSdkDir] }),
  ) as typeof import('protobufjs');
  const root = protobuf.Root.fromJSON({
    nested: {
      KeyValuePair: {
        fields: {
          key: { type: 'string', id: 1 },
          value: { type: 'bytes', id: 2 },
          contenttype: { type: 'string', id: 3 },
          filename: { type: 'string', id: 4 },
        },
      },
      OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
      CommApiData: {
        fields: {
          apiType: { type: 'int32', id: 1 },
          openapiData: { type: 'OpenApiData', id: 2 },
          appid: { type: 'string', id: 6 },
        },
      },
      HttpHeader: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
      CommOpenApiResp: {
        fields: {
          respData: { type: 'bytes', id: 1 },
          contentType: { type: 'string', id: 2 },
          errorCode: { type: 'int32', id: 3 },
          httpCode: { type: 'uint32', id: 4 },
          headers: { rule: 'repeated', type: 'HttpHeader', id: 5 },
          svrkitErrorCode: { type: 'int32', id: 6 },
        },
      },
    },
  });
  return {
    CommApiData: root.lookupType('CommApiData') as unknown as ProtoType,
    CommOpenApiResp: root.lookupType('CommOpenApiResp') as unknown as ProtoType,
  };
}

/** Marks the patched functions, so tests can see the hook is in place. */
export const HOOKED = Symbol.for('devcloud.cloudbaseHook');

interface HookState {
  point: CloudbaseHookPoint;
  originals: Record<PatchedMethod, AnyMethod>;
  handler: PlatformHandler;
}

let state: HookState | null = null;

/**
 * Patches `CloudBase.prototype` so that every call listed in {@link PATCHED_METHODS} goes to
 * `handler`. Installing again only replaces the handler. Throws loudly if the hook point moved.
 */
export function installCloudbaseHook(handler: PlatformHandler): void {
  if (state) {
    state.handler = handler;
    return;
  }
  const point = locateCloudbaseHookPoint();
  const proto = point.CloudBase.prototype;
  const originals = {} as Record<PatchedMethod, AnyMethod>;
  for (const m of PATCHED_METHODS) originals[m] = proto[m];
  state = { point, originals, handler };
  const patched = patchedMethods(point);
  for (const m of PATCHED_METHODS) {
    Object.defineProperty(patched[m], HOOKED, { value: true });
    proto[m] = patched[m];
  }
}

/** Restores the original methods. */
export function uninstallCloudbaseHook(): void {
  if (!state) return;
  const proto = state.point.CloudBase.prototype;
  for (const m of PATCHED_METHODS) proto[m] = state.originals[m];
  state = null;
}

export function isCloudbaseHookInstalled(): boolean {
  return state !== null;
}

async function ask<K extends PlatformRequestKind>(
  req: Extract<PlatformRequest, { kind: K }>,
): Promise<PlatformResponseFor<K>> {
  if (!state) throw new Error('devcloud cloudbase hook: not installed');
  const res = await state.handler(req);
  if (res.kind !== req.kind && res.kind !== 'error') {
    throw new Error(`devcloud cloudbase hook: the handler answered "${res.kind}" to "${req.kind}"`);
  }
  return res as PlatformResponseFor<K>;
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

const toBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

interface DecodedPair {
  key: string;
  value: Uint8Array;
  contenttype?: string;
  filename?: string;
}

interface DecodedCommApiData {
  apiType?: number;
  openapiData?: { pairs?: DecodedPair[] };
  appid?: string;
}

function patchedMethods(point: CloudbaseHookPoint): Record<PatchedMethod, AnyMethod> {
  const { E, processReturn } = point;
  const fail = (err: PlatformErrorResponse, extra: Record<string, unknown> = {}): unknown =>
    processReturn({ ...extra, code: err.code, message: err.message, requestId: randomUUID() });
  const invalid = (message: string): unknown =>
    processReturn({ code: 'INVALID_PARAM', message, requestId: '' });

  return {
    // node-sdk dist/functions/index.js callFunction
    async callFunction(options: { name?: string; data?: unknown; type?: string }) {
      if (options.type === 'cloudrun') {
        throw E({
          code: 'INVALID_PARAM',
          message: 'devcloud: cloudrun functions are not emulated',
        });
      }
      let data: unknown;
      try {
        data = options.data ? JSON.parse(JSON.stringify(options.data)) : {};
      } catch {
        throw E({ code: 'INVALID_PARAM', message: '对象出现了循环引用' });
      }
      if (!options.name) throw E({ code: 'INVALID_PARAM', message: '函数名不能为空' });
      const res = await ask({ kind: 'callFunction', name: options.name, data });
      if (res.kind === 'error') return fail(res);
      // The service carries the result as JSON text.
      const result = res.result === undefined ? undefined : JSON.parse(JSON.stringify(res.result));
      return { result, requestId: res.requestId ?? randomUUID() };
    },

    // node-sdk dist/wx/index.js callCompatibleWxOpenApi: answers a CommOpenApiResp buffer
    async callCompatibleWxOpenApi(options: { apiName: string; requestData: Uint8Array }) {
      const { apiName, requestData } = options;
      const msg = point.CommApiData.decode(requestData) as DecodedCommApiData;
      if ((msg.apiType ?? 0) !== 0) {
        return fail({
          kind: 'error',
          code: 'SYS_ERR',
          message: `devcloud: ${apiName} (CommApiData api type ${msg.apiType}) is not emulated`,
        });
      }
      const data: Record<string, unknown> = {};
      for (const pair of msg.openapiData?.pairs ?? []) {
        if (pair.filename || pair.contenttype) {
          const media: OpenApiMediaParam = {
            filename: pair.filename ?? '',
            bytes: Uint8Array.from(pair.value),
          };
          if (pair.contenttype) media.contentType = pair.contenttype;
          data[pair.key] = media;
        } else {
          data[pair.key] = JSON.parse(Buffer.from(pair.value).toString('utf8'));
        }
      }
      const res = await ask({
        kind: 'openapi',
        api: apiName,
        data,
        ...(msg.appid ? { appid: msg.appid } : {}),
      });
      if (res.kind === 'error') return fail(res);
      let respData: Uint8Array = new Uint8Array(0);
      let contentType = '';
      if (!res.errorCode) {
        if (res.binary) {
          respData = res.binary.data;
          contentType = res.binary.contentType;
        } else {
          respData = Buffer.from(JSON.stringify(res.json ?? { errcode: 0, errmsg: 'ok' }));
          contentType = 'application/json; encoding=utf-8';
        }
      }
      const bytes = point.CommOpenApiResp.encode({
        respData,
        contentType,
        errorCode: res.errorCode ?? 0,
        httpCode: 200,
        headers: [],
      }).finish();
      return toBuffer(bytes);
    },

    // node-sdk dist/storage/index.js uploadFile: answers { fileID }
    async uploadFile(options: { cloudPath: string; fileContent: unknown }) {
      const { cloudPath, fileContent } = options;
      if (!(fileContent instanceof ReadStream) && !(fileContent instanceof Buffer)) {
        throw E({
          code: 'INVALID_PARAM',
          message: '[node-sdk] fileContent should be instance of fs.ReadStream or Buffer',
        });
      }
      const content =
        fileContent instanceof Buffer
          ? fileContent
          : await readAll(fileContent as NodeJS.ReadableStream);
      const res = await ask({ kind: 'uploadFile', cloudPath, content: Uint8Array.from(content) });
      if (res.kind === 'error') return fail(res);
      return { fileID: res.fileID };
    },

    // node-sdk dist/storage/index.js downloadFile: answers { fileContent, message }
    async downloadFile(options: { fileID: string; tempFilePath?: string }) {
      const { fileID, tempFilePath } = options;
      const res = await ask({ kind: 'downloadFile', fileID });
      if (res.kind === 'error') return fail(res, { fileID, tempFileURL: '' });
      const fileContent = toBuffer(res.content);
      if (tempFilePath) {
        writeFileSync(tempFilePath, fileContent);
        return { fileContent: undefined, message: '文件下载完成' };
      }
      return { fileContent, message: '文件下载完成' };
    },

    // node-sdk dist/storage/index.js getTempFileURL: answers { fileList: download_list, requestId }
    async getTempFileURL(options: { fileList: unknown }) {
      const { fileList } = options;
      if (!fileList || !Array.isArray(fileList)) return invalid('fileList必须是非空的数组');
      const items: TempFileURLRequestItem[] = [];
      for (const file of fileList as unknown[]) {
        if (isRecord(file)) {
          if (!('fileID' in file) || !('maxAge' in file)) {
            return invalid('fileList 的元素如果是对象，必须是包含 fileID 和 maxAge 的对象');
          }
          items.push({ fileID: String(file.fileID), maxAge: Number(file.maxAge) });
        } else if (typeof file === 'string') {
          items.push({ fileID: file });
        } else {
          return invalid('fileList的元素如果不是对象，则必须是字符串');
        }
      }
      const res = await ask({ kind: 'getTempFileURL', fileList: items });
      if (res.kind === 'error') return fail(res);
      return { fileList: res.fileList, requestId: randomUUID() };
    },

    // node-sdk dist/storage/index.js deleteFile: answers { fileList: delete_list, requestId }
    async deleteFile(options: { fileList: unknown }) {
      const { fileList } = options;
      if (!fileList || !Array.isArray(fileList)) return invalid('fileList必须是非空的数组');
      for (const file of fileList as unknown[]) {
        if (!file || typeof file !== 'string') {
          return invalid('fileList的元素必须是非空的字符串');
        }
      }
      const res = await ask({ kind: 'deleteFile', fileList: fileList as string[] });
      if (res.kind === 'error') return fail(res);
      return { fileList: res.fileList, requestId: randomUUID() };
    },
  } as unknown as Record<PatchedMethod, AnyMethod>;
}
