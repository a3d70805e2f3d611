// The plain, serialisable requests the cloudbase hook (devcloud/hooks/cloudbase.ts) sends for the
// WeChat/CloudBase side of wx-server-sdk, and the plain answers it expects back. Everything here
// survives structured cloning, so a request can cross a worker_threads MessagePort unchanged.
//
// The answers mirror what the CloudBase service answers (TCB error code names such as
// `STORAGE_FILE_NONEXIST`, per-file `code: 'SUCCESS'`), not what wx-server-sdk finally returns: the
// hook hands them to the SDK's own code, which turns them into errCode/status/errMsg exactly as it
// does in production.

/** Who is calling: the host adds it (the hook does not know the invocation's identity). */
export interface PlatformCaller {
  /** The end user's OPENID (absent for timer triggers). */
  openid?: string;
  /** The mini program's APPID. */
  appid: string;
  /** The calling cloud function's name (its config.json holds the openapi permissions). */
  fn: string;
}

/** `cloud.openapi.<api>(data)`: `api` like `subscribeMessage.send`. */
export interface OpenApiRequest {
  kind: 'openapi';
  api: string;
  /**
   * The parameters as WeChat receives them: wx-server-sdk converts camelCase keys to snake_case
   * (`templateId` → `template_id`) unless the call set `convertCase: false`. Media parameters
   * (`{ contentType, value: Buffer }`) arrive as {@link OpenApiMediaParam}.
   */
  data: Record<string, unknown>;
  /** Set only when the call named another appid (`cloud.openapi({ appid })`). */
  appid?: string;
}

/** A media parameter of an openapi call, as the SDK's protobuf carries it. */
export interface OpenApiMediaParam {
  filename: string;
  /** wx-server-sdk 4.0.2 drops the content type on the wire (field `contenttype` vs `contentType`). */
  contentType?: string;
  bytes: Uint8Array;
}

/** `cloud.callFunction({ name, data })`. `data` is JSON-safe (the SDK serialises it). */
export interface CallFunctionRequest {
  kind: 'callFunction';
  name: string;
  data: unknown;
}

/** `cloud.uploadFile({ cloudPath, fileContent })` with the content read into bytes. */
export interface UploadFileRequest {
  kind: 'uploadFile';
  cloudPath: string;
  content: Uint8Array;
}

/** `cloud.downloadFile({ fileID })`. */
export interface DownloadFileRequest {
  kind: 'downloadFile';
  fileID: string;
}

/** One file of `getTempFileURL`: `maxAge` in seconds when the caller gave one. */
export interface TempFileURLRequestItem {
  fileID: string;
  maxAge?: number;
}

/** `cloud.getTempFileURL({ fileList })`. */
export interface GetTempFileURLRequest {
  kind: 'getTempFileURL';
  fileList: TempFileURLRequestItem[];
}

/** `cloud.deleteFile({ fileList })`. */
export interface DeleteFileRequest {
  kind: 'deleteFile';
  fileList: string[];
}

export type PlatformRequest =
  | OpenApiRequest
  | CallFunctionRequest
  | UploadFileRequest
  | DownloadFileRequest
  | GetTempFileURLRequest
  | DeleteFileRequest;

export type PlatformRequestKind = PlatformRequest['kind'];

/**
 * A CloudBase-level failure of the whole call, as the service reports it: `code` is a TCB code name
 * (`INVALID_PARAM`, `SYS_ERR`, `STORAGE_FILE_NONEXIST`, `FUNCTIONS_EXECUTE_FAIL`, …) and `message`
 * its text. The hook passes it to @cloudbase/node-sdk's `processReturn`, as the real SDK does.
 */
export interface PlatformErrorResponse {
  kind: 'error';
  code: string;
  message: string;
}

/**
 * The answer of an openapi call.
 * - `errorCode` non-zero: the cloud-call gateway refused before reaching WeChat (e.g. -604101 when
 *   the function's config.json does not list the api); `json`/`binary` are then ignored.
 * - otherwise `json`: WeChat's JSON answer including `errcode`/`errmsg` (the SDK throws when
 *   `errcode` is non-zero), or `binary` for APIs that answer a file (e.g. an image).
 */
export interface OpenApiResponse {
  kind: 'openapi';
  errorCode?: number;
  json?: Record<string, unknown>;
  binary?: { contentType: string; data: Uint8Array };
}

export interface CallFunctionResponse {
  kind: 'callFunction';
  /** The callee's return value (JSON-safe). */
  result: unknown;
  requestId?: string;
}

export interface UploadFileResponse {
  kind: 'uploadFile';
  fileID: string;
}

export interface DownloadFileResponse {
  kind: 'downloadFile';
  content: Uint8Array;
}

/** Per-file answer of getTempFileURL: `code` is `'SUCCESS'` or a TCB code name. */
export interface TempFileURLItem {
  fileID: string;
  tempFileURL: string;
  maxAge: number;
  code: string;
  message?: string;
}

export interface GetTempFileURLResponse {
  kind: 'getTempFileURL';
  fileList: TempFileURLItem[];
}

/** Per-file answer of deleteFile: `code` is `'SUCCESS'` or a TCB code name. */
export interface DeleteFileItem {
  fileID: string;
  code: string;
  message?: string;
}

export interface DeleteFileResponse {
  kind: 'deleteFile';
  fileList: DeleteFileItem[];
}

export type PlatformResponse =
  | PlatformErrorResponse
  | OpenApiResponse
  | CallFunctionResponse
  | UploadFileResponse
  | DownloadFileResponse
  | GetTempFileURLResponse
  | DeleteFileResponse;

/** The answer expected for a request kind: that kind's answer, or a call-level error. */
export type PlatformResponseFor<K extends PlatformRequestKind> =
  Extract<PlatformResponse, { kind: K }> | PlatformErrorResponse;

/** What the hook calls for every request; in a worker it forwards over the message port. */
export type PlatformHandler = (req: PlatformRequest) => Promise<PlatformResponse>;

/** The TCB code names used in answers (the SDK maps them to errCodes -50xxxx). */
export const TCB_CODE = {
  SUCCESS: 'SUCCESS',
  INVALID_PARAM: 'INVALID_PARAM',
  SYS_ERR: 'SYS_ERR',
  STORAGE_REQUEST_FAIL: 'STORAGE_REQUEST_FAIL',
  STORAGE_FILE_NONEXIST: 'STORAGE_FILE_NONEXIST',
  FUNCTIONS_REQUEST_FAIL: 'FUNCTIONS_REQUEST_FAIL',
  FUNCTIONS_EXECUTE_FAIL: 'FUNCTIONS_EXECUTE_FAIL',
} as const;

/**
 * Cloud-call gateway error codes carried in `OpenApiResponse.errorCode`
 * (wx-server-sdk src/config/error.config.ts).
 */
export const OPENAPI_GATEWAY_ERROR = {
  /** '-604100': 'API not found' */
  API_NOT_FOUND: -604100,
  /** '-604101': 'function has no permission to call this API' */
  NO_PERMISSION: -604101,
} as const;
