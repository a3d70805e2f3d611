// The one typed client: every page calls cloud functions through `call`, never wx.cloud directly.
import type {
  ActionInput,
  ActionName,
  ActionOutput,
  ActionResult,
  FunctionName,
} from '../../typings/index';

const NETWORK_ERROR = '网络异常，请检查网络后重试';

/**
 * Calls `fn`'s `action` with `input`. Never throws: a failed call (no network, function error)
 * answers `{ ok: false, error: { code: 'INTERNAL', … } }` with a message a citizen can act on.
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
): Promise<ActionResult<ActionOutput<F, A>>> {
  try {
    const res = await wx.cloud.callFunction({ name: fn, data: { action, input } });
    const result = res.result as ActionResult<ActionOutput<F, A>> | undefined;
    if (!result || typeof result !== 'object' || !('ok' in result)) {
      return { ok: false, error: { code: 'INTERNAL', message: NETWORK_ERROR } };
    }
    return result;
  } catch (e) {
    console.error(`callFunction ${fn}.${action} failed`, e);
    return { ok: false, error: { code: 'INTERNAL', message: NETWORK_ERROR } };
  }
}

/** The function refused the caller (not logged in, or not allowed): pages show their forbidden state. */
export function isRefusal(code: string): boolean {
  return code === 'FORBIDDEN' || code === 'UNAUTHENTICATED';
}

/** Field path → message, for showing each problem under its own field. */
export function fieldErrors(result: {
  ok: false;
  error: { issues?: { path: string; message: string }[] };
}) {
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues ?? []) {
    if (!errors[issue.path]) errors[issue.path] = issue.message;
  }
  return errors;
}

/** Each page's upload key, asked once per page: a page is always one person's. */
const uploadKeys = new WeakMap<object, Promise<string>>();

function uploadKeyFor(page: object): Promise<string> {
  let key = uploadKeys.get(page);
  if (!key) {
    key = call('account', 'whoami', {}).then((who) => {
      if (!who.ok || !who.data.uploadKey) {
        throw new Error(`no upload key: ${who.ok ? 'no OPENID' : who.error.message}`);
      }
      return who.data.uploadKey;
    });
    uploadKeys.set(page, key);
    // A failed ask is asked again by the next upload (a retry).
    key.catch(() => uploadKeys.delete(page));
  }
  return key;
}

/**
 * Uploads a local file as the caller's own and answers its fileID (rejects when it fails).
 * `cloudPath` (`<area>/<rest>`) is stored at `<area>/<uploadKey>/<rest>`, the key being the
 * caller's from account.whoami, asked once for `page`: functions accept on a record only files
 * under the caller's own key, so nobody can attach a file someone else uploaded. Pages upload
 * only through this.
 */
export async function uploadOwnFile(
  page: object,
  cloudPath: string,
  filePath: string,
  onProgress?: (percent: number) => void,
): Promise<string> {
  const key = await uploadKeyFor(page);
  const slash = cloudPath.indexOf('/');
  const owned = `${cloudPath.slice(0, slash)}/${key}/${cloudPath.slice(slash + 1)}`;
  return new Promise((resolve, reject) => {
    const task = wx.cloud.uploadFile({
      cloudPath: owned,
      filePath,
      success: (res) => resolve(res.fileID),
      fail: reject,
    }) as WechatMiniprogram.UploadTask | undefined;
    if (onProgress) task?.onProgressUpdate?.((p) => onProgress(p.progress));
  });
}
