// The laws library as the function holds it: build/laws/laws.json and index.json (scripts/
// build-laws.mjs), which scripts/build.mjs copies next to this bundle so CloudBase deploys them with
// the function, read once per instance on first use (≈2 MiB + 1.2 MiB of JSON; see bench/laws.mjs
// for the cost) and kept, with the lookups the actions need.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article, Law, LawPath } from '../../domain/laws/parse';
import type { LawIndex } from '../../domain/laws/search';
import type { LawKindName } from '../../typings/laws';

/** A law as laws.json stores it: the parsed law and its catalogue kind. */
export interface StoredLaw extends Law {
  kind: LawKindName;
}

export interface Library {
  laws: StoredLaw[];
  index: LawIndex;
  byKey: Map<string, { law: StoredLaw; byId: Map<string, number> }>;
}

/** The data files, shipped beside the bundle. */
export const DATA_FILES = ['laws.json', 'index.json'] as const;

let loaded: Library | null = null;

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, name), 'utf8')) as T;
}

/** The library, read on the instance's first call and kept for the next ones. */
export function library(): Library {
  if (loaded) return loaded;
  const laws = readJson<StoredLaw[]>('laws.json');
  const index = readJson<LawIndex>('index.json');
  const byKey = new Map(
    laws.map((law) => [law.key, { law, byId: new Map(law.articles.map((a, i) => [a.id, i])) }]),
  );
  loaded = { laws, index, byKey };
  return loaded;
}

const LEVELS: (keyof LawPath)[] = ['part', 'subpart', 'chapter', 'section'];

/** The units an article stands in, outermost first. */
export function pathLabels(path: LawPath): string[] {
  return LEVELS.map((k) => path[k]).filter((v): v is string => !!v);
}

/** The innermost unit an article stands in, as a key of its whole path (null: none). */
export function unitKey(a: Article): string | null {
  const labels = LEVELS.map((k) => a.path[k] ?? '');
  return labels.some(Boolean) ? labels.join('|') : null;
}

export { LEVELS };
