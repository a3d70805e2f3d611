// The ids of search_postings documents (postings.ts), apart so that tools (bench/publish.mjs) can
// build the same documents without the SDK.

/** Publication numbers per chunk. */
export const CHUNK = 500;

/** The id-safe spelling of a term. */
export function encodeTerm(term: string): string {
  if (term.startsWith('#')) return `f${term.slice(1).replace(/:/g, '-')}`;
  if (/^[a-z0-9]+$/.test(term)) return `w${term}`;
  let hex = 'c';
  for (let i = 0; i < term.length; i++) hex += term.charCodeAt(i).toString(16).padStart(4, '0');
  return hex;
}

export const headId = (scope: string, term: string) => `${scope}:${encodeTerm(term)}`;
export const chunkId = (scope: string, term: string, k: number) =>
  k === 0 ? headId(scope, term) : `${headId(scope, term)}:${k}`;
export const statsId = (scope: string) => `${scope}:_stats`;
