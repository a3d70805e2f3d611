// Builders for page tests: fresh citizens, and suggestions filed through the public actions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SuggestionTopic } from '../../typings/supervision';
import { DEMO, type Harness } from './harness';

const root = join(__dirname, '..', '..');

export const REPLIED_TEMPLATE: string = JSON.parse(
  readFileSync(join(root, 'config', 'templates.json'), 'utf8'),
).suggestionReplied.id;

const wordlist = JSON.parse(readFileSync(join(root, 'devcloud', 'wordlist.json'), 'utf8')) as {
  risky: Record<string, number>;
  review: Record<string, number>;
};
/** A word devcloud's content check refuses outright, and one it holds for review. */
export const RISKY_WORD = Object.keys(wordlist.risky)[0];
export const REVIEW_WORD = Object.keys(wordlist.review)[0];

let seq = 0;

/** A citizen no other test knows, with an openid of WeChat's shape (`o` + 27 characters). */
export function newCitizen(label = 'c'): string {
  seq += 1;
  return `o${label}${seq}${Date.now().toString(36)}`.padEnd(28, 'x').slice(0, 28);
}

export interface SuggestionSpec {
  procuratorateId?: string;
  topic?: SuggestionTopic;
  content?: string;
  notify?: boolean;
  contact?: { name?: string; phone?: string };
}

/** Files a suggestion as `openid` through `suggestion.submit`; answers its id and query code. */
export async function fileSuggestion(h: Harness, openid: string, spec: SuggestionSpec = {}) {
  seq += 1;
  return h.data(
    'supervision',
    'suggestion.submit',
    {
      procuratorateId: spec.procuratorateId ?? DEMO.unit,
      topic: spec.topic ?? '服务群众',
      content: spec.content ?? `希望延长周末接待时间，方便上班族前来咨询（第${seq}条）。`,
      contact: spec.contact,
      notify: spec.notify ?? false,
      clientToken: `builder-${seq}-${Date.now()}`,
    },
    openid,
  );
}

/** Replies to a suggestion as a staff member through `suggestion.reply`. */
export function replyTo(h: Harness, id: string, staff: string = DEMO.handler, content?: string) {
  return h.data(
    'supervision',
    'suggestion.reply',
    { id, content: content ?? '感谢您的建议。本院已安排周六上午对外接待，欢迎前来。' },
    staff,
  );
}

/** The mobile of the demo profiles below (also the petitions' contact). */
export const PROFILE_MOBILE = '13800138000';

/**
 * A new citizen (OPENID labelled `label`) with a saved real-name profile, made through the
 * account function as the profile page would.
 */
export async function citizenWithProfile(
  h: Harness,
  label: string,
  name = '陈晓',
): Promise<string> {
  const openid = newCitizen(label);
  await h.data(
    'account',
    'profile.save',
    { name, idNumber: '11010519491231002X', mobile: PROFILE_MOBILE },
    openid,
  );
  return openid;
}
