// Attachments a petitioner adds to a form: photos (wx.chooseMedia) or PDF files from a chat
// (wx.chooseMessageFile), checked on the page (how many, how large), uploaded at once to cloud
// storage with their progress, and removable. Pages keep the list in `data.attachments` and call
// the functions below, as list pages do with paged.ts.
import { uploadOwnFile } from './api';
import { ATTACHMENT_MAX_BYTES } from './petition-citizen';
import { PETITION_LIMITS } from './petition-form';
import { toast } from './ui';

export type AttachmentStatus = 'uploading' | 'done' | 'failed';

export interface Attachment {
  /** Unique on the page, for wx:key and the taps. */
  key: string;
  /** What the person sees: the file's own name, or 图片N for a photo. */
  name: string;
  isImage: boolean;
  sizeText: string;
  /** The local temporary file, kept for a retry. */
  path: string;
  cloudPath: string;
  status: AttachmentStatus;
  /** 0–100 while uploading. */
  progress: number;
  /** Set once uploaded (`cloud://…`). */
  fileID: string;
}

export interface AttachmentData {
  attachments: Attachment[];
  /** The number the next file's cloud path gets; kept with the draft so paths never repeat. */
  attachmentSeq: number;
}

interface Host {
  data: AttachmentData;
  setData(patch: Record<string, unknown>): void;
}

/** Where the n-th file of this form is stored, e.g. `petitions/<clientToken>/3.pdf`. */
export type CloudPathFor = (n: number, ext: string) => string;

export const ATTACHMENTS_MAX = PETITION_LIMITS.attachmentsMax;
const MAX_MB = ATTACHMENT_MAX_BYTES / 1024 / 1024;

interface Chosen {
  path: string;
  name: string;
  size: number;
  ext: string;
  isImage: boolean;
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)}KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)}MB`;
}

function extOf(path: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(path);
  return m ? m[1].toLowerCase() : '';
}

function isCancel(e: unknown): boolean {
  const msg = (e as { errMsg?: string } | null)?.errMsg ?? '';
  return /cancel/i.test(msg);
}

async function choose(source: 'image' | 'pdf', count: number): Promise<Chosen[]> {
  if (source === 'image') {
    const res = await wx.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
    });
    return res.tempFiles.map((f) => {
      const ext = extOf(f.tempFilePath) || 'jpg';
      return { path: f.tempFilePath, name: '', size: f.size, ext, isImage: true };
    });
  }
  const res = await wx.chooseMessageFile({ count, type: 'file', extension: ['pdf'] });
  return res.tempFiles.map((f) => ({
    path: f.path,
    name: f.name,
    size: f.size,
    ext: extOf(f.name) || extOf(f.path),
    isImage: false,
  }));
}

function setAt(host: Host, key: string, patch: Partial<Attachment>) {
  const i = host.data.attachments.findIndex((a) => a.key === key);
  if (i < 0) return; // removed meanwhile
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) data[`attachments[${i}].${k}`] = v;
  host.setData(data);
}

function upload(host: Host, key: string, onChange: () => void) {
  const item = host.data.attachments.find((a) => a.key === key);
  if (!item) return;
  uploadOwnFile(host, item.cloudPath, item.path, (progress) => {
    const now = host.data.attachments.find((a) => a.key === key);
    if (now && now.status === 'uploading') setAt(host, key, { progress });
  }).then(
    (fileID) => {
      setAt(host, key, { status: 'done', progress: 100, fileID });
      onChange();
    },
    (e: unknown) => {
      console.warn(`uploading ${item.cloudPath} failed`, e);
      setAt(host, key, { status: 'failed', progress: 0 });
      onChange();
    },
  );
}

/**
 * Lets the person choose photos or PDF files, refuses what breaks the limits (with a message
 * saying which file and why), adds the rest and uploads each at once.
 */
export async function addAttachments(
  host: Host,
  source: 'image' | 'pdf',
  cloudPathFor: CloudPathFor,
  onChange: () => void,
): Promise<void> {
  const room = ATTACHMENTS_MAX - host.data.attachments.length;
  if (room <= 0) {
    toast(`最多上传${ATTACHMENTS_MAX}个附件，请先删除不需要的附件`);
    return;
  }
  let chosen: Chosen[];
  try {
    chosen = await choose(source, room);
  } catch (e) {
    if (!isCancel(e)) toast('未能选择文件，请重试');
    return;
  }
  const refused: string[] = [];
  const accepted: Chosen[] = [];
  for (const f of chosen) {
    const label = f.name ? `“${f.name}”` : '所选图片';
    if (!f.isImage && f.ext !== 'pdf') refused.push(`${label}不是PDF文件`);
    else if (f.size > ATTACHMENT_MAX_BYTES) refused.push(`${label}超过${MAX_MB}MB`);
    else if (accepted.length >= room) refused.push(`${label}超出${ATTACHMENTS_MAX}个附件的上限`);
    else accepted.push(f);
  }
  if (refused.length) {
    wx.showModal({
      title: '部分文件未添加',
      content: `${refused.join('；')}。每个附件不超过${MAX_MB}MB，最多${ATTACHMENTS_MAX}个。`,
      showCancel: false,
      confirmText: '知道了',
    });
  }
  if (!accepted.length) return;

  let seq = host.data.attachmentSeq;
  let images = host.data.attachments.filter((a) => a.isImage).length;
  const added: Attachment[] = accepted.map((f) => {
    seq += 1;
    if (f.isImage) images += 1;
    return {
      key: `a${seq}`,
      name: f.name || `图片${images}.${f.ext}`,
      isImage: f.isImage,
      sizeText: sizeText(f.size),
      path: f.path,
      cloudPath: cloudPathFor(seq, f.ext),
      status: 'uploading',
      progress: 0,
      fileID: '',
    };
  });
  host.setData({ attachments: host.data.attachments.concat(added), attachmentSeq: seq });
  onChange();
  for (const a of added) upload(host, a.key, onChange);
}

export function removeAttachment(host: Host, key: string): void {
  host.setData({ attachments: host.data.attachments.filter((a) => a.key !== key) });
}

export function retryAttachment(host: Host, key: string, onChange: () => void): void {
  setAt(host, key, { status: 'uploading', progress: 0 });
  upload(host, key, onChange);
}

/** The fileIDs to send: uploaded files only. */
export function uploadedFileIds(list: Attachment[]): string[] {
  return list.filter((a) => a.status === 'done' && a.fileID).map((a) => a.fileID);
}

/** Why the form cannot be sent yet because of its files; '' when it can. */
export function attachmentsProblem(list: Attachment[]): string {
  if (list.some((a) => a.status === 'uploading')) return '附件正在上传，请稍候再提交';
  if (list.some((a) => a.status === 'failed')) return '有附件上传失败，请点“重试”或删除后再提交';
  return '';
}

/** What a draft keeps of the files: the uploaded ones (a local temporary file does not last). */
export function attachmentsForDraft(list: Attachment[]): Attachment[] {
  return list.filter((a) => a.status === 'done');
}

/** A form page keeping its files in data, with a draft and errors under its fields. */
export interface AttachmentForm extends Host {
  saveDraft(): void;
  clearError(key: string): void;
}

/** A tap on one file's remove or retry button (`data-key` names the file). */
export type AttachmentTap = WechatMiniprogram.TouchEvent<object, object, { key: string }>;

/** The remove tap: the file goes, and the draft with it. */
export function onRemoveTap(host: AttachmentForm, e: AttachmentTap): void {
  removeAttachment(host, e.currentTarget.dataset.key);
  host.saveDraft();
}

/** The retry tap: the upload again, the draft saved as it ends. */
export function onRetryTap(host: AttachmentForm, e: AttachmentTap): void {
  retryAttachment(host, e.currentTarget.dataset.key, () => host.saveDraft());
}

/**
 * The methods of a form's file list, for a page's `methods`: 添加照片 (`onAddImages`), 添加PDF
 * (`onAddPdf`), `onRemoveFile` and `onRetryFile`. The n-th file is stored at
 * `<folder>/<token>/<n>.<ext>`, the token being the form's own (`data[tokenKey]`); the error
 * under the list (`errors.<errorKey>`) clears as files are added.
 */
export function attachmentMethods(folder: string, tokenKey: string, errorKey: string) {
  function addFiles(host: AttachmentForm, source: 'image' | 'pdf'): Promise<void> {
    const token = (host.data as unknown as Record<string, string>)[tokenKey];
    host.clearError(errorKey);
    return addAttachments(
      host,
      source,
      (n, ext) => `${folder}/${token}/${n}.${ext}`,
      () => host.saveDraft(),
    );
  }
  return {
    onAddImages(this: AttachmentForm): void {
      void addFiles(this, 'image');
    },
    onAddPdf(this: AttachmentForm): void {
      void addFiles(this, 'pdf');
    },
    onRemoveFile(this: AttachmentForm, e: AttachmentTap): void {
      onRemoveTap(this, e);
    },
    onRetryFile(this: AttachmentForm, e: AttachmentTap): void {
      onRetryTap(this, e);
    },
  };
}

/** Opens a stored file by its temporary link: a photo in the viewer, anything else as a document. */
export function openStoredFile(file: { name: string; url: string | null }): void {
  if (!file.url) {
    toast('该文件已不存在');
    return;
  }
  const url = file.url;
  if (/\.(jpe?g|png|gif|webp|bmp|heic)$/i.test(file.name)) {
    wx.previewImage({ urls: [url], current: url });
    return;
  }
  wx.downloadFile({
    url,
    success: (res) => wx.openDocument({ filePath: res.tempFilePath, showMenu: true }),
    fail: () => toast('文件打开失败，请稍后重试'),
  });
}
