// A file stored as a person's page stores it (miniprogram/utils/api.ts uploadOwnFile): the cloud
// path `<area>/<rest>` goes to `<area>/<their upload key>/<rest>`, the key answered by
// account.whoami, so that functions accept the file from that person. For the demo data and the
// tests, which attach files as citizens, lawyers and staff do.
import type { DevCloud } from './index';

/** `<area>/<key>/<rest>`: where `openid`'s upload of `cloudPath` (`<area>/<rest>`) is stored. */
export async function ownedPath(
  cloud: DevCloud,
  openid: string,
  cloudPath: string,
): Promise<string> {
  const out = await cloud.invoke('account', { action: 'whoami', input: {} }, { openid });
  const result = out.result as { ok: boolean; data?: { uploadKey: string | null } };
  const key = result.ok ? result.data?.uploadKey : null;
  if (!key) throw new Error(`no upload key for ${openid}: ${JSON.stringify(out.result)}`);
  const slash = cloudPath.indexOf('/');
  return `${cloudPath.slice(0, slash)}/${key}/${cloudPath.slice(slash + 1)}`;
}

/** Stores `content` (by default the path itself) as `openid`'s upload; answers its fileID. */
export async function uploadAs(
  cloud: DevCloud,
  openid: string,
  cloudPath: string,
  content: string | Uint8Array = cloudPath,
): Promise<string> {
  const bytes = typeof content === 'string' ? new Uint8Array(Buffer.from(content)) : content;
  const path = await ownedPath(cloud, openid, cloudPath);
  const out = await cloud.platform.handle(
    { kind: 'uploadFile', cloudPath: path, content: bytes },
    { openid, appid: '', fn: '' },
  );
  if (out.kind !== 'uploadFile') throw new Error(`upload ${path}: ${JSON.stringify(out)}`);
  return out.fileID;
}
