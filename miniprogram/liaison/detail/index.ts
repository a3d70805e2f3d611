// 事项详情: what a deputy, member or supervisor submitted — status, the reply's due date (shown as
// the petition pages show deadlines), the complex marking, files — and the reply when given.
import { call } from '../../utils/api';
import { openStoredFile } from '../../utils/attachments';
import { shownItem, type ShownItem } from '../../utils/liaison';

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'missing' | 'error',
    errorMessage: '',
    id: '',
    item: null as ShownItem | null,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const id = query.id ?? '';
      this.setData({ id });
      if (!id) {
        this.setData({ state: 'missing' });
        return;
      }
      void this.load();
    },

    onPullDownRefresh(): void {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    async load(): Promise<void> {
      const res = await call('liaison', 'get', { id: this.data.id });
      if (!res.ok) {
        this.setData({
          state:
            res.error.code === 'NOT_FOUND' || res.error.code === 'BAD_REQUEST'
              ? 'missing'
              : 'error',
          errorMessage: res.error.message,
        });
        return;
      }
      this.setData({ state: 'ready', item: shownItem(res.data) });
    },

    onRetry(): void {
      this.setData({ state: 'loading' });
      void this.load();
    },

    onOpenFile(e: WechatMiniprogram.TouchEvent<object, object, { index: number }>): void {
      const file = this.data.item?.attachments[e.currentTarget.dataset.index];
      openStoredFile(file ?? { name: '', url: null });
    },
  },
});
