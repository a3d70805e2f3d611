// The ids of search_postings documents (postings.ts), apart so that tools (bench/publish.mjs) can
// build the same documents without the SDK.

/** Publication numbers per chunk. */
export const CHUNK = 500;

/** The UTF-16 units of `s` in hex, four digits each. */
function hexOf(s: string): string {
  let hex = '';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0');
  return hex;
}

/**
 * The id-safe spelling of a term: `w` + an ASCII word, `c` + the hex of a Han term, `f` + a facet
 * of ASCII letters, digits, `_`, `-` and `:` (as `-`), `g` + the hex of any other facet (`#k:民事`).
 */
export function encodeTerm(term: string): string {
  if (term.startsWith('#')) {
    const facet = term.slice(1);
    return /^[A-Za-z0-9_:-]*$/.test(facet) ? `f${facet.replace(/:/g, '-')}` : `g${hexOf(facet)}`;
  }
  if (/^[a-z0-9]+$/.test(term)) return `w${term}`;
  return `c${hexOf(term)}`;
}

export const headId = (scope: string, term: string) => `${scope}:${encodeTerm(term)}`;
export const chunkId = (scope: string, term: string, k: number) =>
  k === 0 ? headId(scope, term) : `${headId(scope, term)}:${k}`;
export const statsId = (scope: string) => `${scope}:_stats`;
