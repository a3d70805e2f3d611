// 重要案件信息 (the public, no login): one published item — title, procuratorate, case number,
// when it was published and its text. A withdrawn or unknown item is "not found".
import type { AnnouncementView } from '../../../typings/publish';
import { call } from '../../utils/api';
import { publicDetailData, publicDetailMethods } from '../../utils/publish';
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
    ...publicDetailData(),
    item: null as Shown | null,
  },

  methods: {
    ...publicDetailMethods('item', (id) => call('publish', 'announcement.get', { id }), toShown),

    onList(): void {
      wx.redirectTo({ url: '/public/announcements/index' });
    },
  },
});
