// 重要案件信息 (the public, no login): one published item — title, procuratorate, case number,
// when it was published and its text. A withdrawn or unknown item is "not found".
import type { AnnouncementView } from '../../../typings/publish';
import { call } from '../../utils/api';
import { formatTime } from '../../utils/time';

interface Shown {
  id: string;
  title: string;
  procuratorateName: string;
  caseNumber: string;
  publishedAtText: string;
  body: string;
}

function toShown(v: AnnouncementView): Shown {
  return {
    id: v.id,
    title: v.title,
    procuratorateName: v.procuratorateName,
    caseNumber: v.caseNumber ?? '',
    publishedAtText: formatTime(v.publishedAt),
    body: v.body,
  };
}

Component({
  properties: {
    id: { type: String, value: '' },
  },

  data: {
    state: 'loading' as 'loading' | 'ready' | 'notfound' | 'error',
    errorMessage: '',
    item: null as Shown | null,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      void this.load(query.id || this.data.id);
    },

    async load(id: string): Promise<void> {
      if (!id) {
        this.setData({ state: 'notfound' });
        return;
      }
      if (id !== this.data.id) this.setData({ id });
      this.setData({ state: 'loading' });
      const res = await call('publish', 'announcement.get', { id });
      if (res.ok) this.setData({ state: 'ready', item: toShown(res.data) });
      else if (res.error.code === 'NOT_FOUND' || res.error.code === 'BAD_REQUEST') {
        this.setData({ state: 'notfound', item: null });
      } else this.setData({ state: 'error', errorMessage: res.error.message });
    },

    onRetry(): void {
      void this.load(this.data.id);
    },

    onList(): void {
      wx.redirectTo({ url: '/public/announcements/index' });
    },
  },
});
