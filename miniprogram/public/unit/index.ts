// 检察院信息 (检务公开, the public, no login): one procuratorate's address, reception hours and
// telephone (拨打电话), its location on a map (查看地图), and the petition guide 信访工作条例 art. 18
// requires it to publish; sections it has not written come from the national rules and say so; and
// its latest 检务公告 (the publish function's notices), with 查看全部 for the rest.
import type { DirectoryEntryView, GuideSectionView } from '../../../typings/openness';
import type { AnnouncementListItem } from '../../../typings/publish';
import { call } from '../../utils/api';
import { chinaDate } from '../../utils/publish';
import { formatTime } from '../../utils/time';

/** How many of the latest notices the page shows. */
const NOTICES_SHOWN = 3;

interface NoticeRow {
  id: string;
  title: string;
  date: string;
}

const noticeRow = (item: AnnouncementListItem): NoticeRow => ({
  id: item.id,
  title: item.title,
  date: chinaDate(item.publishedAt),
});

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'notfound' | 'error',
    errorMessage: '',
    id: '',
    unit: null as DirectoryEntryView | null,
    guide: [] as GuideSectionView[],
    /** Some section is the national default: the page says so once. */
    hasDefaults: false,
    updatedAtText: '',
    /** The notices load apart from the entry: their failure leaves the rest of the page as it is. */
    noticesState: 'loading' as 'loading' | 'ready' | 'error',
    notices: [] as NoticeRow[],
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      this.setData({ id: query.id ?? '' });
      void this.load();
    },

    async load(): Promise<void> {
      if (!this.data.id) {
        this.setData({ state: 'notfound', errorMessage: '未找到该检察院' });
        return;
      }
      this.setData({ state: 'loading' });
      void this.loadNotices();
      const res = await call('openness', 'directory.get', { id: this.data.id });
      if (!res.ok) {
        const missing = res.error.code === 'NOT_FOUND' || res.error.code === 'BAD_REQUEST';
        this.setData({ state: missing ? 'notfound' : 'error', errorMessage: res.error.message });
        return;
      }
      this.setData({
        state: 'ready',
        unit: res.data,
        guide: res.data.guide,
        hasDefaults: res.data.guide.some((s) => s.isDefault),
        updatedAtText: formatTime(res.data.updatedAt),
      });
    },

    async loadNotices(): Promise<void> {
      this.setData({ noticesState: 'loading' });
      const res = await call('publish', 'announcement.list', {
        category: 'notice',
        procuratorateId: this.data.id,
        pageSize: NOTICES_SHOWN,
      });
      if (!res.ok) {
        this.setData({ noticesState: 'error', notices: [] });
        return;
      }
      this.setData({
        noticesState: 'ready',
        notices: res.data.items.slice(0, NOTICES_SHOWN).map(noticeRow),
      });
    },

    onRetry(): void {
      void this.load();
    },

    onRetryNotices(): void {
      void this.loadNotices();
    },

    onNotice(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/public/announcement/index?id=${e.currentTarget.dataset.id}` });
    },

    onAllNotices(): void {
      wx.navigateTo({
        url: `/public/announcements/index?category=notice&procuratorateId=${this.data.id}`,
      });
    },

    onCall(): void {
      const phone = this.data.unit?.phone;
      if (phone) wx.makePhoneCall({ phoneNumber: phone });
    },

    onMap(): void {
      const unit = this.data.unit;
      if (!unit?.location) return;
      wx.openLocation({
        latitude: unit.location.latitude,
        longitude: unit.location.longitude,
        name: unit.name,
        address: unit.address ?? '',
        scale: 16,
      });
    },

    onPetition(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },

    onDirectory(): void {
      wx.navigateTo({ url: '/public/directory/index' });
    },
  },
});
