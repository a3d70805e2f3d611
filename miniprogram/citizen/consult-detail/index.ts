// 咨询详情: one of the citizen's questions, with the answer once given. The answer notification
// opens this page with `?id=`.
import type { ConsultationView } from '../../../typings/consultation';
import { call } from '../../utils/api';
import { formatTime } from '../../utils/time';

function toShown(c: ConsultationView) {
  return {
    id: c.id,
    topic: c.topic,
    text: c.text,
    procuratorateName: c.procuratorateName,
    statusName: c.status === 'answered' ? '已答复' : '待答复',
    statusClass: c.status === 'answered' ? 'tag-replied' : 'tag-pending',
    createdAtText: formatTime(c.createdAt),
    answer: c.answer
      ? {
          content: c.answer.content,
          by: c.answer.by,
          answeredAtText: formatTime(c.answer.answeredAt),
        }
      : null,
  };
}

Component({
  properties: {
    id: { type: String, value: '' },
  },

  data: {
    state: 'loading' as 'loading' | 'ready' | 'notfound' | 'error',
    errorMessage: '',
    consultation: null as ReturnType<typeof toShown> | null,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      void this.load(query.id || this.data.id);
    },

    onPullDownRefresh(): void {
      void this.load(this.data.id).then(() => wx.stopPullDownRefresh());
    },

    async load(id: string): Promise<void> {
      if (!id) {
        this.setData({ state: 'notfound' });
        return;
      }
      if (id !== this.data.id) this.setData({ id });
      const res = await call('consultation', 'get', { id });
      if (res.ok) this.setData({ state: 'ready', consultation: toShown(res.data) });
      else if (res.error.code === 'NOT_FOUND' || res.error.code === 'BAD_REQUEST') {
        this.setData({ state: 'notfound', consultation: null });
      } else this.setData({ state: 'error', errorMessage: res.error.message });
    },

    onRetry(): void {
      void this.load(this.data.id);
    },
  },
});
