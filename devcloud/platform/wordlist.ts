// The word list devcloud's security.msgSecCheck answers from (devcloud/wordlist.json):
// `{ "risky": { "<word>": <label> }, "review": { "<word>": <label> } }`. Labels are msgSecCheck v2's
// label enum (../shared/CLOUDBASE.md §1.6).

import { readFileSync } from 'node:fs';

export const SEC_CHECK_LABELS = {
  100: '正常',
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他',
} as const;

export type SecCheckLabel = keyof typeof SEC_CHECK_LABELS;

export interface Wordlist {
  risky: Record<string, SecCheckLabel>;
  review: Record<string, SecCheckLabel>;
}

export type SecCheckSuggest = 'pass' | 'review' | 'risky';

export interface WordHit {
  keyword: string;
  suggest: Exclude<SecCheckSuggest, 'pass'>;
  label: SecCheckLabel;
}

const isLabel = (x: unknown): x is SecCheckLabel =>
  typeof x === 'number' && Object.prototype.hasOwnProperty.call(SEC_CHECK_LABELS, x);

export function parseWordlist(json: unknown, source = 'wordlist'): Wordlist {
  const out: Wordlist = { risky: {}, review: {} };
  if (typeof json !== 'object' || json === null) throw new Error(`${source}: expected an object`);
  for (const level of ['risky', 'review'] as const) {
    const words = (json as Record<string, unknown>)[level];
    if (typeof words !== 'object' || words === null || Array.isArray(words)) {
      throw new Error(`${source}: "${level}" must be an object of word → label`);
    }
    for (const [word, label] of Object.entries(words)) {
      if (word.trim() === '') throw new Error(`${source}: empty word in "${level}"`);
      if (!isLabel(label)) throw new Error(`${source}: ${level}.${word}: unknown label ${label}`);
      out[level][word] = label;
    }
  }
  return out;
}

export function loadWordlist(file: string): Wordlist {
  return parseWordlist(JSON.parse(readFileSync(file, 'utf8')), file);
}

/** Every listed word found in the texts (case-insensitive), risky ones first. */
export function scanWords(wordlist: Wordlist, texts: readonly string[]): WordHit[] {
  const haystack = texts.join('\n').toLowerCase();
  const hits: WordHit[] = [];
  for (const suggest of ['risky', 'review'] as const) {
    for (const [keyword, label] of Object.entries(wordlist[suggest])) {
      if (haystack.includes(keyword.toLowerCase())) hits.push({ keyword, suggest, label });
    }
  }
  return hits;
}
