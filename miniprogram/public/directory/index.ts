// 检察院名录 (检务公开, the public, no login): every procuratorate with its address, telephone and
// reception hours, searched by name or address and filtered by level; a row opens its page.
import type { DirectoryListItem } from '../../../typings/openness';
import type { ProcuratorateLevel } from '../../../typings/org';
import { call } from '../../utils/api';

const PAGE_SIZE = 20;
/** MIRRORS DIRECTORY_LIMITS.qMax of typings/openness.ts (pages may only `import type` from there). */
const QUERY_MAX = 50;

const LEVELS: { key: ProcuratorateLevel | ''; name: string }[] = [
  { key: '', name: '全部级别' },
  { key: 'supreme', name: '最高人民检察院' },
  { key: 'provincial', name: '省级人民检察院' },
  { key: 'city', name: '市级人民检察院' },
  { key: 'district', name: '基层人民检察院' },
];

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorMessage: '',
    q: '',
    searched: '',
    queryMax: QUERY_MAX,
    levels: LEVELS,
    levelIndex: 0,
    items: [] as DirectoryListItem[],
    total: 0,
    page: 0,
    hasMore: false,
    loadingMore: false,
    moreError: '',
  },

  methods: {
    onLoad(): void {
      void this.fetch(1);
    },

    async fetch(page: number): Promise<void> {
      const level = LEVELS[this.data.levelIndex].key;
      const searched = this.data.searched;
      const res = await call('openness', 'directory.list', {
        ...(searched ? { q: searched } : {}),
        ...(level ? { level } : {}),
        page,
        pageSize: PAGE_SIZE,
      });
      // A newer search started meanwhile: this answer is stale.
      if (searched !== this.data.searched || level !== LEVELS[this.data.levelIndex].key) return;
      if (!res.ok) {
        this.setData(
          page === 1
            ? { state: 'error', errorMessage: res.error.message, loadingMore: false }
            : { moreError: res.error.message, loadingMore: false },
        );
        return;
      }
      const items = page === 1 ? res.data.items : [...this.data.items, ...res.data.items];
      this.setData({
        state: 'ready',
        items,
        total: res.data.total,
        page,
        hasMore: items.length < res.data.total,
        loadingMore: false,
        moreError: '',
      });
    },

    restart(patch: Record<string, unknown>): void {
      this.setData({ ...patch, state: 'loading', items: [], page: 0, hasMore: false });
      void this.fetch(1);
    },

    onQueryInput(e: WechatMiniprogram.Input): void {
      this.setData({ q: e.detail.value });
    },

    onSearch(): void {
      this.restart({ searched: this.data.q.trim() });
    },

    onClearSearch(): void {
      this.restart({ q: '', searched: '' });
    },

    onLevelChange(e: WechatMiniprogram.PickerChange): void {
      const index = Number(e.detail.value);
      if (!LEVELS[index] || index === this.data.levelIndex) return;
      this.restart({ levelIndex: index });
    },

    onRetry(): void {
      this.restart({});
    },

    onReachBottom(): void {
      if (!this.data.hasMore || this.data.loadingMore) return;
      this.setData({ loadingMore: true, moreError: '' });
      void this.fetch(this.data.page + 1);
    },

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/public/unit/index?id=${e.currentTarget.dataset.id}` });
    },
  },
});
