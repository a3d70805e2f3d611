// 服务大厅: every 12309 service, grouped as the platform groups them, and the staff entry for staff.
import type { StaffView } from '../../../typings/account';
import { SERVICE_GROUPS, findService } from '../../services';
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
    onLoad(): void {
      void this.loadIdentity();
    },

    /** The staff entry appears only for someone the staff register knows; anyone else sees none. */
    async loadIdentity(): Promise<void> {
      const res = await call('account', 'whoami', {});
      const staff = res.ok ? res.data.staff : null;
      this.setData({ staff, staffText: staff ? staffIdentityText(staff) : '' });
    },

    onServiceTap(e: WechatMiniprogram.TouchEvent<object, object, { key: string }>): void {
      const service = findService(e.currentTarget.dataset.key);
      if (!service) return;
      if (service.url) {
        wx.navigateTo({ url: service.url });
        return;
      }
      notice(
        '即将开放',
        `「${service.name}」即将开放，敬请期待。如需帮助，可拨打12309检察服务热线。`,
      );
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
