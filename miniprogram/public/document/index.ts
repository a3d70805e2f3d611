// 法律文书 (the public, no login): one published legal document, as the redaction engine masked it
// and a second case manager approved it — never the original.
import type { DocumentPublicView } from '../../../typings/publish';
import { call } from '../../utils/api';
import { chinaDate } from '../../utils/publish';

interface Shown {
  id: string;
  title: string;
  typeName: string;
  caseNumber: string;
  procuratorateName: string;
  publishedOn: string;
  text: string;
}

function toShown(v: DocumentPublicView): Shown {
  return {
    id: v.id,
    title: v.title,
    typeName: v.typeName,
    caseNumber: v.caseNumber,
    procuratorateName: v.procuratorateName,
    publishedOn: chinaDate(v.publishedAt),
    text: v.text,
  };
}

Component({
  properties: {
    id: { type: String, value: '' },
  },

  data: {
    state: 'loading' as 'loading' | 'ready' | 'notfound' | 'error',
    errorMessage: '',
    doc: null as Shown | null,
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
      const res = await call('publish', 'document.get', { id });
      if (res.ok) this.setData({ state: 'ready', doc: toShown(res.data) });
      else if (res.error.code === 'NOT_FOUND' || res.error.code === 'BAD_REQUEST') {
        this.setData({ state: 'notfound', doc: null });
      } else this.setData({ state: 'error', errorMessage: res.error.message });
    },

    onRetry(): void {
      void this.load(this.data.id);
    },

    onList(): void {
      wx.redirectTo({ url: '/public/documents/index' });
    },
  },
});
