// 法律文书 (the public, no login): one published legal document, as the redaction engine masked it
// and a second case manager approved it — never the original.
import type { DocumentPublicView } from '../../../typings/publish';
import { call } from '../../utils/api';
import { chinaDate, publicDetailData, publicDetailMethods } from '../../utils/publish';

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
    ...publicDetailData(),
    doc: null as Shown | null,
  },

  methods: {
    ...publicDetailMethods('doc', (id) => call('publish', 'document.get', { id }), toShown),

    onList(): void {
      wx.redirectTo({ url: '/public/documents/index' });
    },
  },
});
