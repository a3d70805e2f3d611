// Files in cloud storage that records point at: vetting fileIDs a caller sends (they exist and
// are images or PDF) and temporary links for whoever a function decides may fetch them.
//
// getTempFileURL answers per file (`status` 0 = ok, else `errMsg`, e.g. -503003 'storage file not
// exists') and takes at most 50 files a call; links live `maxAge` seconds (at most a day).
// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-server-api/storage/getTempFileURL.html
import type { FieldIssue } from '../../typings/errors';
import { cloud } from './cloud';
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
 * BAD_REQUEST naming each file at `<path>.<index>` that is not an image or PDF or is not in
 * storage (never uploaded, or deleted), so nothing is saved that points at nothing.
 */
export async function vetFiles(fileIDs: string[], path: string): Promise<void> {
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
      }
    });
  }
  if (issues.length > 0) throw new Failure('BAD_REQUEST', issues[0].message, issues);
}

/** The file's name as shown: the last segment of its path. */
export function fileName(fileID: string): string {
  return fileID.slice(fileID.lastIndexOf('/') + 1);
}
