// Paged lists, the one way every list page loads: the first page, more when the person reaches the
// bottom, rows already shown skipped (a new record shifts the pages by one), errors kept per step.
import type { ActionResult } from '../../typings/errors';

export interface PagedData<R> {
  /** 'loading' before the first page, then 'ready' or 'error' (pages may add their own states). */
  state: string;
  errorMessage: string;
  items: R[];
  page: number;
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: string;
}

export const PAGED_INITIAL = {
  state: 'loading',
  errorMessage: '',
  items: [],
  page: 0,
  total: 0,
  hasMore: false,
  loadingMore: false,
  moreError: '',
};

interface Host<R> {
  data: PagedData<R>;
  setData(patch: Record<string, unknown>): void;
}

type Fetch<P> = (page: number) => Promise<ActionResult<P>>;

/**
 * Loads page 1. On failure an empty list turns into the error state (or whatever `onError` says),
 * while a list already shown is kept and the error is only toasted.
 */
export async function refreshPage<R, I, P extends { items: I[]; total: number }>(
  host: Host<R>,
  fetch: Fetch<P>,
  toRow: (item: I) => R,
  opts: {
    extra?: (data: P) => Record<string, unknown>;
    stale?: () => boolean;
    onError?: (error: { code: string; message: string }) => Record<string, unknown> | null;
  } = {},
): Promise<void> {
  if (!host.data.items.length) host.setData({ state: 'loading' });
  const res = await fetch(1);
  if (opts.stale?.()) return;
  if (!res.ok) {
    const custom = opts.onError?.(res.error);
    if (custom) host.setData(custom);
    else if (host.data.items.length) wx.showToast({ title: res.error.message, icon: 'none' });
    else host.setData({ state: 'error', errorMessage: res.error.message });
    return;
  }
  const items = res.data.items.map(toRow);
  host.setData({
    state: 'ready',
    items,
    page: 1,
    total: res.data.total,
    hasMore: items.length < res.data.total,
    moreError: '',
    ...opts.extra?.(res.data),
  });
}

/** Loads the next page, if there is one and nothing is loading. */
export async function loadMorePage<
  R extends { id: string },
  I,
  P extends { items: I[]; total: number },
>(
  host: Host<R>,
  fetch: Fetch<P>,
  toRow: (item: I) => R,
  opts: { extra?: (data: P) => Record<string, unknown>; stale?: () => boolean } = {},
): Promise<void> {
  const d = host.data;
  if (d.state !== 'ready' || !d.hasMore || d.loadingMore) return;
  host.setData({ loadingMore: true, moreError: '' });
  const page = d.page + 1;
  const res = await fetch(page);
  if (opts.stale?.()) return;
  if (!res.ok) {
    host.setData({ loadingMore: false, moreError: res.error.message });
    return;
  }
  const seen = new Set(host.data.items.map((i) => i.id));
  const items = host.data.items.concat(res.data.items.map(toRow).filter((r) => !seen.has(r.id)));
  host.setData({
    items,
    page,
    total: res.data.total,
    hasMore: items.length < res.data.total && res.data.items.length > 0,
    loadingMore: false,
    ...opts.extra?.(res.data),
  });
}

/** A list page using `listMethods`. */
interface ListPage<R> extends Host<R> {
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
}

/**
 * The methods of a page listing the caller's own records, for a page's `methods`: the first page
 * on open, again on coming back (a detail may have changed a status, a form added a record) and on
 * pull-down, the next at the bottom or on 加载更多, and 重新加载 after an error. The page's data
 * starts from PAGED_INITIAL; `fetch` asks for one page and `toRow` shapes an item for the page.
 */
export function listMethods<R extends { id: string }, I, P extends { items: I[]; total: number }>(
  fetch: Fetch<P>,
  toRow: (item: I) => R,
) {
  return {
    onLoad(this: ListPage<R>): void {
      void this.refresh();
    },
    /** onShow follows onLoad at once, while the first page is still loading: that one is skipped. */
    onShow(this: ListPage<R>): void {
      if (this.data.state === 'ready') void this.refresh();
    },
    onPullDownRefresh(this: ListPage<R>): void {
      void this.refresh().then(() => wx.stopPullDownRefresh());
    },
    onReachBottom(this: ListPage<R>): void {
      void this.loadMore();
    },
    onRetry(this: ListPage<R>): void {
      void this.refresh();
    },
    refresh(this: ListPage<R>): Promise<void> {
      return refreshPage(this, fetch, toRow);
    },
    loadMore(this: ListPage<R>): Promise<void> {
      return loadMorePage(this, fetch, toRow);
    },
  };
}
