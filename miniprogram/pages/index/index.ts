// 服务大厅: every 12309 service, grouped as the platform groups them, and the staff entry for staff.
// It is also where every service deep link lands (`pages/index/index?service=<key>`, from the
// official account's menu, a QR code or a message): see serviceLink in services.ts.
import type { StaffView } from '../../../typings/account';
import { SERVICE_GROUPS, serviceLink, serviceTap, type ServiceLink } from '../../services';
import { call } from '../../utils/api';
import { staffHome, staffIdentityText } from '../../utils/staff';
import { notice } from '../../utils/ui';

Component({
  data: {
    groups: SERVICE_GROUPS.map((group) => ({
      key: group.key,
      title: group.title,
      services: group.services.map((s) => ({
        key: s.key,
        name: s.name,
        desc: s.desc,
        available: !!s.url,
      })),
    })),
    staff: null as StaffView | null,
    staffText: '',
  },

  methods: {
    /**
     * A deep link opens its service at once, for anyone: it waits for nothing (whoami only decides
     * the staff entry), and a page that needs a profile asks for it itself. onLoad runs once per
     * hall: at launch, and again when WeChat (a link followed while the mini program runs) or a page
     * reLaunches to the hall with a query; switchTab carries no query, so onShow has nothing to do.
     */
    onLoad(query: Record<string, string | undefined> = {}): void {
      const link = serviceLink(query);
      if (link) this.follow(link);
      void this.loadIdentity();
    },

    /** Opens the service's page above the hall (返回 comes back here), or says why it cannot. */
    follow(link: ServiceLink): void {
      if ('notice' in link) {
        notice(link.notice.title, link.notice.content);
        return;
      }
      wx.navigateTo({
        url: link.url,
        fail: () =>
          notice(
            '暂时无法打开',
            '该服务暂时无法打开，请稍后在服务大厅中重试。如需帮助，可拨打12309检察服务热线。',
          ),
      });
    },

    /** The staff entry appears only for someone the staff register knows; anyone else sees none. */
    async loadIdentity(): Promise<void> {
      const res = await call('account', 'whoami', {});
      const staff = res.ok ? res.data.staff : null;
      this.setData({ staff, staffText: staff ? staffIdentityText(staff) : '' });
    },

    onServiceTap(e: WechatMiniprogram.TouchEvent<object, object, { key: string }>): void {
      const link = serviceTap(e.currentTarget.dataset.key);
      if (link) this.follow(link);
    },

    /** The suggestion inbox; for case management only, their cases. */
    onStaffTap(): void {
      wx.navigateTo({ url: staffHome(this.data.staff) });
    },

    onHotlineTap(): void {
      wx.makePhoneCall({ phoneNumber: '12309' });
    },
  },
});
