// What the laws library pages share (public/laws, public/law, public/article): the pages' paths —
// which are also the deep links a shared card, the official account's menu or a QR code opens, logged
// in or not — and the contract's limits. MIRRORS typings/laws.ts (pages may only `import type` from
// outside miniprogram/); tests/miniprogram/laws.test.ts fails when they drift apart.

/** LAWS_LIMITS of the contract. */
export const LAWS_PAGE_LIMITS = {
  queryMax: 40,
  resultsMax: 100,
} as const;

/** 法律法规查询, optionally with a query and a law chosen. */
export function lawsUrl(opts: { q?: string; law?: string } = {}): string {
  const params = [
    opts.q ? `q=${encodeURIComponent(opts.q)}` : '',
    opts.law ? `law=${encodeURIComponent(opts.law)}` : '',
  ].filter(Boolean);
  return `/public/laws/index${params.length ? `?${params.join('&')}` : ''}`;
}

/** A law's table of contents. */
export function lawUrl(law: string): string {
  return `/public/law/index?law=${encodeURIComponent(law)}`;
}

/** One article: `/public/article/index?law=criminal-law&article=264`. */
export function articleUrl(law: string, article: string): string {
  return `/public/article/index?law=${encodeURIComponent(law)}&article=${encodeURIComponent(article)}`;
}

/** A query parameter as WeChat hands it to onLoad (still encoded when it came from a link). */
export function queryParam(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
