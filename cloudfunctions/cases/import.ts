// Fetching a case import file from cloud storage (uploaded by the staff page with
// wx.cloud.uploadFile) and reading its records (domain/cases/import-file.ts: the CSV columns and
// the JSON shape). A file that is gone, too large, not UTF-8 or not readable at all is answered
// BAD_REQUEST at `fileID`; the records themselves are checked by case.import.
import { readImportFile } from '../../domain/cases/import-file';
import { cloud } from '../_shared/cloud';
import { Failure } from '../_shared/failure';
import { uploadedBy } from '../_shared/files';

/** 200 cases with many parties stay far below this. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

function fileProblem(message: string): Failure {
  return new Failure('BAD_REQUEST', message, [{ path: 'fileID', message }]);
}

async function download(fileID: string): Promise<Buffer> {
  try {
    const res = (await cloud.downloadFile({ fileID })) as { fileContent?: Buffer | Uint8Array };
    if (!res.fileContent) throw new Error('downloadFile answered no content');
    return Buffer.from(res.fileContent);
  } catch (e) {
    const err = e as { code?: unknown; errCode?: unknown; errMsg?: unknown };
    const missing =
      err.code === 'STORAGE_FILE_NONEXIST' ||
      err.errCode === -503003 ||
      (typeof err.errMsg === 'string' && /not exist/i.test(err.errMsg));
    if (missing) throw fileProblem('导入文件上传未完成或已失效，请重新上传');
    throw e;
  }
}

/** The records of the file `openid` uploaded, in order, not yet validated. */
export async function downloadImport(fileID: string, openid: string): Promise<unknown[]> {
  if (!/\.(csv|json|txt)$/i.test(fileID)) {
    throw fileProblem('导入文件应为CSV或JSON文件');
  }
  const content = await download(fileID);
  if (!uploadedBy(fileID, openid)) throw fileProblem('导入文件不是您本人上传的，请重新上传');
  if (content.length > IMPORT_MAX_BYTES) throw fileProblem('导入文件不能超过2MB');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw fileProblem('导入文件应为UTF-8编码（Excel请“另存为CSV UTF-8”）');
  }
  const read = readImportFile(text);
  if (!read.ok) throw fileProblem(read.message);
  return read.rows;
}
