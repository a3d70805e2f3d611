// 我的: the citizen's own records, and for staff their identity and work entry.
import type { StaffView } from '../../../typings/account';
import { call } from '../../utils/api';
import {
  managesCases,
  maySeeCalendarAndInterests,
  maySeeRouting,
  maySetRouting,
  maySeeSuggestionInbox,
  staffIdentityText,
} from '../../utils/staff';

Component({
  data: {
    staff: null as StaffView | null,
    staffText: '',
    /** Registrars, handlers and leaders handle petitions; administrators do not. */
    handlesPetitions: false,
    /** Administrators set the routing by kind; registrars and leaders see it. */
    seesRouting: false,
    /** Administrators keep their procuratorate's public entry (检务公开, `directory.save`). */
    keepsUnitInfo: false,
    /** The staff links each shown only to those the action lets in (utils/staff.ts). */
    seesSuggestions: false,
    seesCalendarAndInterests: false,
    /** Case management: 案件管理 and 审核. */
    managesCases: false,
    /** The caller's OPENID: what an administrator needs to register them as staff. */
    openid: '',
  },

  methods: {
    onLoad(): void {
      void this.loadIdentity();
    },

    async loadIdentity(): Promise<void> {
      const res = await call('account', 'whoami', {});
      const staff = res.ok ? res.data.staff : null;
      this.setData({
        staff,
        staffText: staff ? staffIdentityText(staff) : '',
        handlesPetitions:
          !!staff &&
          staff.roles.some((r) => r === 'registrar' || r === 'handler' || r === 'leader'),
        seesRouting: maySeeRouting(staff),
        keepsUnitInfo: maySetRouting(staff),
        seesSuggestions: maySeeSuggestionInbox(staff),
        seesCalendarAndInterests: maySeeCalendarAndInterests(staff),
        managesCases: managesCases(staff),
        openid: res.ok ? (res.data.openid ?? '') : '',
      });
    },

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { url: string }>): void {
      wx.navigateTo({ url: e.currentTarget.dataset.url });
    },

    onCopyOpenid(): void {
      wx.setClipboardData({ data: this.data.openid });
    },

    onHotlineTap(): void {
      wx.makePhoneCall({ phoneNumber: '12309' });
    },
  },
});
