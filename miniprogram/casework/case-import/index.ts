// 批量导入 (case-management staff): explains the CSV columns with an example row, lets the staff
// member pick the file from a chat (wx.chooseMessageFile), uploads it and calls case.import. The
// import is all or nothing: either the counts of cases registered and updated, or every bad row
// listed as “第N行 字段：问题” and nothing written.
import { call, isRefusal, uploadOwnFile } from '../../utils/api';
import { sizeText } from '../../utils/attachments';
import { toast } from '../../utils/ui';
import {
  CASE_PAGE_LIMITS,
  CSV_COLUMN_HELP,
  CSV_EXAMPLE_HEADER,
  CSV_EXAMPLE_ROW,
  IMPORT_EXTENSIONS,
  IMPORT_MAX_BYTES,
  importProblems,
  type ImportProblem,
} from '../cases-shared';

interface Picked {
  name: string;
  sizeText: string;
  path: string;
  ext: string;
}

function extOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

function isCancel(e: unknown): boolean {
  return /cancel/i.test((e as { errMsg?: string } | null)?.errMsg ?? '');
}

/** Uploads the file; answers its fileID, or null when the upload failed. */
function upload(page: object, path: string, ext: string): Promise<string | null> {
  const cloudPath = `case-imports/${Date.now().toString(36)}-${Math.random()
    .toString(36)
    .slice(2, 10)}.${ext}`;
  return uploadOwnFile(page, cloudPath, path).catch((e: unknown) => {
    console.warn(`uploading ${cloudPath} failed`, e);
    return null;
  });
}

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'forbidden',
    columns: CSV_COLUMN_HELP,
    exampleHeader: CSV_EXAMPLE_HEADER,
    exampleRow: CSV_EXAMPLE_ROW,
    importMax: CASE_PAGE_LIMITS.importMax,
    maxSizeText: sizeText(IMPORT_MAX_BYTES),
    file: null as Picked | null,
    importing: false,
    /** The outcome of the last import: counts, or the problems found. */
    result: null as { created: number; updated: number } | null,
    problems: [] as ImportProblem[],
    fileError: '',
  },

  methods: {
    onLoad(): void {
      void this.checkAccess();
    },

    async checkAccess(): Promise<void> {
      const who = await call('account', 'whoami', {});
      const roles = who.ok && who.data.staff ? who.data.staff.roles : [];
      this.setData({ state: roles.includes('case_manager') ? 'ready' : 'forbidden' });
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },

    onBackToList(): void {
      wx.navigateBack({});
    },

    async onChoose(): Promise<void> {
      let res: WechatMiniprogram.ChooseMessageFileSuccessCallbackResult;
      try {
        res = await wx.chooseMessageFile({ count: 1, type: 'file', extension: IMPORT_EXTENSIONS });
      } catch (e) {
        if (!isCancel(e)) toast('未能选择文件，请重试');
        return;
      }
      const f = res.tempFiles[0];
      if (!f) return;
      const ext = extOf(f.name) || extOf(f.path);
      let fileError = '';
      if (!IMPORT_EXTENSIONS.includes(ext)) fileError = `“${f.name}”不是CSV或JSON文件`;
      else if (f.size > IMPORT_MAX_BYTES) {
        fileError = `“${f.name}”超过${sizeText(IMPORT_MAX_BYTES)}，请分成几个文件导入`;
      }
      this.setData({
        file: fileError ? null : { name: f.name, sizeText: sizeText(f.size), path: f.path, ext },
        fileError,
        result: null,
        problems: [],
      });
    },

    async onImport(): Promise<void> {
      const file = this.data.file;
      if (this.data.importing) return;
      if (!file) {
        this.setData({ fileError: '请先选择要导入的文件' });
        return;
      }
      this.setData({ importing: true, fileError: '', result: null, problems: [] });
      const fileID = await upload(this, file.path, file.ext);
      if (!fileID) {
        this.setData({ importing: false, fileError: '文件上传失败，请检查网络后重试' });
        return;
      }
      const res = await call('cases', 'case.import', { fileID });
      if (res.ok) {
        this.setData({ importing: false, result: res.data, file: null });
        toast('导入完成');
        return;
      }
      const { error } = res;
      if (isRefusal(error.code)) {
        this.setData({ importing: false, state: 'forbidden' });
        return;
      }
      const problems = importProblems(error.issues ?? []);
      this.setData({
        importing: false,
        problems,
        fileError: problems.length ? '' : error.message,
      });
    },
  },
});
