// 重要案件信息 or 检务公告 (the public, no login): one published item — its category (the page's
// title), title, procuratorate, case number, when it was published and its text. A withdrawn or
// unknown item is "not found".
import type { AnnouncementCategory, AnnouncementView } from '../../../typings/publish';
import { call } from '../../utils/api';
import { publicDetailData, publicDetailMethods } from '../../utils/publish';
import { formatTime } from '../../utils/time';

interface Shown {
  id: string;
  category: AnnouncementCategory;
  categoryName: string;
  title: string;
  procuratorateName: string;
  caseNumber: string;
  publishedAtText: string;
  body: string;
}

function toShown(v: AnnouncementView): Shown {
  return {
    id: v.id,
    category: v.category,
    categoryName: v.categoryName,
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
    ...publicDetailMethods(
      'item',
      (id) => call('publish', 'announcement.get', { id }),
      (v: AnnouncementView) => {
        wx.setNavigationBarTitle({ title: v.categoryName });
        return toShown(v);
      },
    ),

    /** Not found: to the list of important case information (the category is unknown then). */
    onList(): void {
      wx.redirectTo({ url: '/public/announcements/index' });
    },
  },
});
