// Files in cloud storage that records point at: vetting fileIDs a caller sends (images or PDF,
// in storage, and uploaded by the caller) and temporary links for whoever a function decides may
// fetch them.
//
// Who uploaded a file: every page stores its uploads at `<area>/<uploadKey>/<rest>`, the key being
// the caller's own (account.whoami answers it; a keyed hash of the OPENID, so no OPENID appears
// in a path). A function accepts on a record only files under the caller's key. Otherwise anyone
// who learnt another person's fileID could attach it to their own petition and read it through
// that record's temporary links. (wx-server-sdk tells a function nothing about a file's uploader.)
//
// getTempFileURL answers per file (`status` 0 = ok, else `errMsg`, e.g. -503003 'storage file not
// exists') and takes at most 50 files a call; links live `maxAge` seconds (at most a day).
// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-server-api/storage/getTempFileURL.html
import type { FieldIssue } from '../../typings/errors';
import { cloud } from './cloud';
import { secretHash } from './crypto';
import { Failure } from './failure';

const PER_CALL = 50;
/** Images WeChat's pickers give and PDF: what petitions and replies accept. */
const ACCEPTED = /\.(jpe?g|png|gif|webp|heic|pdf)$/i;

interface TempFileItem {
  fileID: string;
  tempFileURL?: string;
  status: number;
  errMsg?: string;
}

/** What a caller hears of a file someone else uploaded. */
const NOT_YOURS = '附件不是您本人上传的文件，请重新上传';

/** The caller's upload folder key: 20 hex characters, the same on every call. */
export function uploadKey(openid: string): string {
  return secretHash('upload-folder', openid).slice(0, 20);
}

/** Whether the file was stored under `openid`'s key (`cloud://<env>.<bucket>/<area>/<key>/…`). */
export function uploadedBy(fileID: string, openid: string | null): boolean {
  const m = /^cloud:\/\/[^/]+\/[^/]+\/([^/]+)\//.exec(fileID);
  return openid !== null && m !== null && m[1] === uploadKey(openid);
}

/** The temporary link of each file (null when the file is gone), in the order given. */
export async function tempUrls(fileIDs: string[], maxAge: number): Promise<(string | null)[]> {
  const links = new Map<string, string | null>();
  const unique = [...new Set(fileIDs)];
  for (let i = 0; i < unique.length; i += PER_CALL) {
    const res = (await cloud.getTempFileURL({
      fileList: unique.slice(i, i + PER_CALL).map((fileID) => ({ fileID, maxAge })),
    })) as { fileList: TempFileItem[] };
    for (const item of res.fileList) {
      links.set(item.fileID, item.status === 0 && item.tempFileURL ? item.tempFileURL : null);
    }
  }
  return fileIDs.map((id) => links.get(id) ?? null);
}

/**
 * BAD_REQUEST naming each file at `<path>.<index>` that is not an image or PDF, is not in storage
 * (never uploaded, or deleted) or was not uploaded by `openid`, so nothing is saved that points at
 * nothing or at someone else's file.
 */
export async function vetFiles(
  fileIDs: string[],
  path: string,
  openid: string | null,
): Promise<void> {
  const issues: FieldIssue[] = [];
  fileIDs.forEach((id, i) => {
    if (!ACCEPTED.test(id)) {
      issues.push({ path: `${path}.${i}`, message: '附件只能是图片或PDF文件，请重新选择' });
    }
  });
  if (issues.length === 0 && fileIDs.length > 0) {
    const urls = await tempUrls(fileIDs, 60);
    urls.forEach((url, i) => {
      if (url === null) {
        issues.push({ path: `${path}.${i}`, message: '附件上传未完成或已失效，请重新上传' });
      } else if (!uploadedBy(fileIDs[i], openid)) {
        issues.push({ path: `${path}.${i}`, message: NOT_YOURS });
      }
    });
  }
  if (issues.length > 0) throw new Failure('BAD_REQUEST', issues[0].message, issues);
}

/** The file's name as shown: the last segment of its path. */
export function fileName(fileID: string): string {
  return fileID.slice(fileID.lastIndexOf('/') + 1);
}
