// 常见问题: the published, anonymised questions and answers of legal consultation; anyone may
// browse them by topic and search them by keyword. Tapping one opens its whole answer in place.
import type { ConsultationTopic, FaqListItem } from '../../../typings/consultation';
import { call } from '../../utils/api';
import { formatTime } from '../../utils/time';

/** MIRRORS CONSULTATION_TOPICS of typings/consultation.ts; '' is every topic. */
const TOPICS = ['', '刑事', '民事', '行政', '国家赔偿', '司法救助', '未成年人', '其他'];

function toRow(i: FaqListItem) {
  return {
    id: i.id,
    topic: i.topic,
    question: i.question,
    answerExcerpt: i.answerExcerpt,
    publishedAtText: formatTime(i.publishedAt),
  };
}

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorMessage: '',
    topics: TOPICS.map((t) => ({ key: t, name: t || '全部' })),
    topic: '',
    q: '',
    items: [] as ReturnType<typeof toRow>[],
    total: 0,
    openId: '',
    openAnswer: '',
  },

  methods: {
    onLoad(): void {
      void this.load();
    },

    async load(): Promise<void> {
      const { q, topic } = this.data;
      const res = await call('consultation', 'faq.list', {
        ...(q.trim() ? { q: q.trim() } : {}),
        ...(topic ? { topic: topic as ConsultationTopic } : {}),
        page: 1,
        pageSize: 50,
      });
      if (q !== this.data.q || topic !== this.data.topic) return;
      if (!res.ok) {
        this.setData({ state: 'error', errorMessage: res.error.message });
        return;
      }
      this.setData({ state: 'ready', items: res.data.items.map(toRow), total: res.data.total });
    },

    onQueryInput(e: WechatMiniprogram.Input): void {
      this.setData({ q: e.detail.value });
    },

    onSearch(): void {
      this.setData({ state: 'loading', openId: '' });
      void this.load();
    },

    onTopicTap(e: WechatMiniprogram.TouchEvent<object, object, { key: string }>): void {
      this.setData({ topic: e.currentTarget.dataset.key, state: 'loading', openId: '' });
      void this.load();
    },

    async onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): Promise<void> {
      const id = e.currentTarget.dataset.id;
      if (id === this.data.openId) {
        this.setData({ openId: '', openAnswer: '' });
        return;
      }
      const res = await call('consultation', 'faq.get', { id });
      if (res.ok) this.setData({ openId: id, openAnswer: res.data.answer });
    },

    onAsk(): void {
      wx.navigateTo({ url: '/citizen/consult-ask/index' });
    },

    onRetry(): void {
      void this.load();
    },
  },
});
