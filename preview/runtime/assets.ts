// Where a path a page uses points: package files (`/images/x.png`, or relative to the page), temporary
// files the person chose (`wxfile://tmp_…`, kept as blobs), and cloud files (`cloud://…`, shown through
// devcloud's temporary links).
import { openid } from './session';

const tempFiles = new Map<string, { blob: Blob; url: string; name: string }>();
const cloudUrls = new Map<string, string>();
let nextTemp = 1;

/** Keeps a chosen file as WeChat keeps it: under a temporary path the page can use. */
export function saveTempFile(blob: Blob, name: string): string {
  const ext = (/\.([A-Za-z0-9]+)$/.exec(name)?.[1] ?? 'bin').toLowerCase();
  const path = `wxfile://tmp_${Date.now().toString(36)}${(nextTemp++).toString(36)}.${ext}`;
  tempFiles.set(path, { blob, url: URL.createObjectURL(blob), name });
  return path;
}

export function tempFile(path: string): { blob: Blob; url: string; name: string } | undefined {
  return tempFiles.get(path);
}

/** Temporary links for cloud fileIDs (wx.cloud.getTempFileURL through the gateway). */
export async function cloudTempUrls(
  fileList: (string | { fileID: string; maxAge?: number })[],
): Promise<{ fileID: string; tempFileURL: string; status: number; errMsg: string }[]> {
  const res = await fetch('/_devcloud/temp-url', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid() },
    body: JSON.stringify({ fileList }),
  });
  const body = (await res.json()) as {
    fileList?: { fileID: string; tempFileURL: string; status?: number; code?: string }[];
    message?: string;
  };
  if (!res.ok || !body.fileList) throw new Error(body.message ?? `HTTP ${res.status}`);
  return body.fileList.map((f) => ({
    fileID: f.fileID,
    // The link names devcloud's public address; the preview is served from the same gateway.
    tempFileURL: f.tempFileURL ? new URL(f.tempFileURL, location.href).pathname : '',
    status: f.status ?? (f.tempFileURL ? 0 : -1),
    errMsg: f.tempFileURL ? 'ok' : (f.code ?? 'fail'),
  }));
}

/**
 * A URL the browser can load for `src` as used on the page `ownerPath` (e.g. `pages/index/index`).
 * Cloud files need a round trip, so this may answer a promise.
 */
export function assetUrl(src: string, ownerPath = ''): string | Promise<string> {
  if (!src) return '';
  if (/^(https?:|data:|blob:)/i.test(src)) return src;
  if (src.startsWith('wxfile://') || src.startsWith('http://tmp/'))
    return tempFiles.get(src)?.url ?? '';
  if (src.startsWith('cloud://')) {
    const known = cloudUrls.get(src);
    if (known) return known;
    return cloudTempUrls([src]).then(([f]) => {
      if (f?.tempFileURL) cloudUrls.set(src, f.tempFileURL);
      return f?.tempFileURL ?? '';
    });
  }
  const base = src.startsWith('/') ? [] : ownerPath.split('/').slice(0, -1);
  for (const part of src.replace(/^\//, '').split('/')) {
    if (part === '..') base.pop();
    else if (part && part !== '.') base.push(part);
  }
  return `mp/${base.join('/')}`;
}
