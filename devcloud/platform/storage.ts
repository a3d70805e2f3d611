// Cloud storage: uploadFile / downloadFile / getTempFileURL / deleteFile.
//
// WeChat: https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-server-api/storage/uploadFile.html
// (fileID `cloud://<env>.<bucket>/<cloudPath>`), …/storage/getTempFileURL.html (per-file `status`,
// 0 = ok; "默认一天且最大不超过一天"; at most 50 per call), …/storage/deleteFile.html (per-file
// `status`). Answers carry TCB code names (`SUCCESS`, `STORAGE_FILE_NONEXIST`), which wx-server-sdk
// maps to status/errCode -503003 'storage file not exists'.

import type Database from 'better-sqlite3';
import { token } from './ids';
import {
  type DeleteFileResponse,
  type DownloadFileResponse,
  type GetTempFileURLResponse,
  type PlatformCaller,
  type PlatformErrorResponse,
  TCB_CODE,
  type TempFileURLRequestItem,
  type UploadFileResponse,
} from './protocol';
import type { BlobStore } from './store';

export const TEMP_URL_DEFAULT_MAX_AGE = 86400;
export const TEMP_URL_MAX_FILES = 50;
/** @cloudbase/node-sdk's text for STORAGE_FILE_NONEXIST (dist/const/code.js). */
export const FILE_NOT_EXIST_MESSAGE = 'storage file not exist';

export interface StoredFileInfo {
  fileID: string;
  cloudPath: string;
  size: number;
  /** The uploading user's OPENID, null when the invocation had none (e.g. a timer). */
  openid: string | null;
  /** The cloud function that uploaded it. */
  fn: string;
  /** ISO 8601. */
  uploadedAt: string;
}

export interface FileForUrl {
  fileID: string;
  cloudPath: string;
  contentType: string;
  content: Uint8Array;
}

interface StoredFileRow {
  file_id: string;
  cloud_path: string;
  blob: string;
  size: number;
  openid: string | null;
  fn: string;
  uploaded_at: number;
}

export interface StorageOptions {
  db: Database.Database;
  blobs: BlobStore;
  now: () => Date;
  /** Environment id, e.g. 'devcloud'. */
  env: string;
  /** Base of temporary URLs, e.g. 'http://127.0.0.1:8309' (the gateway serves `/_files/<token>`). */
  publicBaseUrl: string;
}

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  mp4: 'video/mp4',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
};

export function contentTypeOf(cloudPath: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(cloudPath)?.[1].toLowerCase();
  return (ext && CONTENT_TYPES[ext]) || 'application/octet-stream';
}

/** Why a cloud path is refused, or null when it is fine. */
function cloudPathProblem(cloudPath: string): string | null {
  if (cloudPath === '') return 'cloudPath is empty';
  if (cloudPath.startsWith('/')) return 'cloudPath must not start with /';
  if (Buffer.byteLength(cloudPath) > 850) return 'cloudPath is longer than 850 bytes';
  if (/[\\\p{Cc}]/u.test(cloudPath)) return 'cloudPath has a backslash or a control character';
  if (cloudPath.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    return 'cloudPath has an empty, . or .. segment';
  }
  return null;
}

const notExist = { code: TCB_CODE.STORAGE_FILE_NONEXIST, message: FILE_NOT_EXIST_MESSAGE };

export class StorageService {
  private readonly db: Database.Database;
  readonly bucket: string;

  constructor(private readonly opts: StorageOptions) {
    this.db = opts.db;
    // Real buckets look like `7465-test-1a2b3c-1250000000`: hex of the env's first two
    // characters, the env, and a numeric app id.
    this.bucket = `${Buffer.from(opts.env.slice(0, 2)).toString('hex')}-${opts.env}-1250000000`;
  }

  /** The fileID a cloud path gets. */
  fileIdOf(cloudPath: string): string {
    return `cloud://${this.opts.env}.${this.bucket}/${cloudPath}`;
  }

  upload(
    cloudPath: string,
    content: Uint8Array,
    caller: PlatformCaller,
  ): UploadFileResponse | PlatformErrorResponse {
    const problem = cloudPathProblem(cloudPath);
    if (problem) return { kind: 'error', code: TCB_CODE.INVALID_PARAM, message: problem };
    const fileID = this.fileIdOf(cloudPath);
    const previous = this.row(fileID);
    const blob = this.opts.blobs.put(fileID, content);
    this.db
      .prepare(
        `INSERT INTO stored_file (file_id, cloud_path, blob, size, openid, fn, uploaded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (file_id) DO UPDATE SET blob = excluded.blob, size = excluded.size,
           openid = excluded.openid, fn = excluded.fn, uploaded_at = excluded.uploaded_at`,
      )
      .run(
        fileID,
        cloudPath,
        blob,
        content.byteLength,
        caller.openid ?? null,
        caller.fn,
        this.opts.now().getTime(),
      );
    if (previous && previous.blob !== blob) this.opts.blobs.delete(previous.blob);
    return { kind: 'uploadFile', fileID };
  }

  download(fileID: string): DownloadFileResponse | PlatformErrorResponse {
    const content = this.content(fileID);
    if (!content) return { kind: 'error', ...notExist };
    return { kind: 'downloadFile', content };
  }

  tempFileURLs(
    items: readonly TempFileURLRequestItem[],
  ): GetTempFileURLResponse | PlatformErrorResponse {
    if (items.length > TEMP_URL_MAX_FILES) {
      return {
        kind: 'error',
        code: TCB_CODE.INVALID_PARAM,
        message: `fileList has more than ${TEMP_URL_MAX_FILES} files`,
      };
    }
    const now = this.opts.now().getTime();
    this.db.prepare('DELETE FROM temp_url WHERE expires_at <= ?').run(now);
    const insert = this.db.prepare(
      'INSERT INTO temp_url (token, file_id, expires_at) VALUES (?, ?, ?)',
    );
    const fileList = items.map(({ fileID, maxAge: asked }) => {
      const maxAge =
        typeof asked === 'number' && Number.isFinite(asked) && asked > 0
          ? Math.min(Math.floor(asked), TEMP_URL_DEFAULT_MAX_AGE)
          : TEMP_URL_DEFAULT_MAX_AGE;
      if (!this.row(fileID)) return { fileID, tempFileURL: '', maxAge, ...notExist };
      const t = token();
      insert.run(t, fileID, now + maxAge * 1000);
      return {
        fileID,
        tempFileURL: `${this.opts.publicBaseUrl}/_files/${t}`,
        maxAge,
        code: TCB_CODE.SUCCESS,
      };
    });
    return { kind: 'getTempFileURL', fileList };
  }

  delete(fileIDs: readonly string[]): DeleteFileResponse {
    const fileList = fileIDs.map((fileID) => {
      const row = this.row(fileID);
      if (!row) return { fileID, ...notExist };
      this.db.transaction(() => {
        this.db.prepare('DELETE FROM stored_file WHERE file_id = ?').run(fileID);
        this.db.prepare('DELETE FROM temp_url WHERE file_id = ?').run(fileID);
      })();
      this.opts.blobs.delete(row.blob);
      return { fileID, code: TCB_CODE.SUCCESS };
    });
    return { kind: 'deleteFile', fileList };
  }

  /** The file a temporary URL's token stands for, or null when unknown, expired or deleted. */
  readFileForUrl(urlToken: string): FileForUrl | null {
    const hit = this.db
      .prepare<[string, number], { file_id: string }>(
        'SELECT file_id FROM temp_url WHERE token = ? AND expires_at > ?',
      )
      .get(urlToken, this.opts.now().getTime());
    if (!hit) return null;
    const row = this.row(hit.file_id);
    const content = row && this.opts.blobs.get(row.blob);
    if (!row || !content) return null;
    return {
      fileID: row.file_id,
      cloudPath: row.cloud_path,
      contentType: contentTypeOf(row.cloud_path),
      content,
    };
  }

  info(fileID: string): StoredFileInfo | null {
    const row = this.row(fileID);
    if (!row) return null;
    return {
      fileID: row.file_id,
      cloudPath: row.cloud_path,
      size: row.size,
      openid: row.openid,
      fn: row.fn,
      uploadedAt: new Date(row.uploaded_at).toISOString(),
    };
  }

  private content(fileID: string): Uint8Array | null {
    const row = this.row(fileID);
    return row ? this.opts.blobs.get(row.blob) : null;
  }

  private row(fileID: string): StoredFileRow | undefined {
    return this.db
      .prepare<[string], StoredFileRow>('SELECT * FROM stored_file WHERE file_id = ?')
      .get(fileID);
  }
}
