// Who the person using the mini program is: one of devcloud's demo identities, chosen in the shell
// (or by `?as=<openid>`), remembered in localStorage. Everything WeChat keeps per user on the phone
// (storage, privacy consent, "always" subscription choices) is kept per identity.

export interface Identity {
  openid: string;
  audience: string;
  label: string;
  procuratorateId?: string;
  roles?: string[];
}

const CURRENT_KEY = 'preview:as';
const DEFAULT_OPENID = 'o-citizen-1';

let current = DEFAULT_OPENID;

/** Reads who we are from the URL (`?as=`) or what was chosen before, and remembers it. */
export function initSession(): string {
  const fromUrl = new URLSearchParams(location.search).get('as');
  current = fromUrl || localStorage.getItem(CURRENT_KEY) || DEFAULT_OPENID;
  localStorage.setItem(CURRENT_KEY, current);
  return current;
}

export function openid(): string {
  return current;
}

/** Switches identity: WeChat restarts the mini program for another account, so the preview reloads. */
export function switchIdentity(next: string, path?: string) {
  localStorage.setItem(CURRENT_KEY, next);
  const url = new URL(location.href);
  url.searchParams.set('as', next);
  if (path) url.searchParams.set('path', path);
  else url.searchParams.delete('path');
  location.assign(url.toString());
}

export async function loadIdentities(): Promise<Identity[]> {
  try {
    const res = await fetch('/_devcloud/identities');
    if (!res.ok) return [];
    return (await res.json()) as Identity[];
  } catch {
    return [];
  }
}

/** localStorage keys of this identity's own things: `mp:<openid>:<area>:<key>`. */
export function userKey(area: string, key = ''): string {
  return `mp:${current}:${area}:${key}`;
}

/** Every localStorage key of this identity in `area`, with the prefix removed. */
export function userKeys(area: string): string[] {
  const prefix = userKey(area);
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k && k.startsWith(prefix)) keys.push(k.slice(prefix.length));
  }
  return keys;
}

/** Forgets everything kept for this identity (storage, privacy consent, subscription choices). */
export function clearUserData() {
  const prefix = `mp:${current}:`;
  const doomed: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k && k.startsWith(prefix)) doomed.push(k);
  }
  doomed.forEach((k) => localStorage.removeItem(k));
}
