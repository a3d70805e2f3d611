// 代表委员邀请码 (administrators): issue a one-time code for a named NPC deputy, CPPCC member or
// people's supervisor — shown once, to be handed over in person — and the procuratorate's
// invitations with their state; revoking one (with a reason) also unbinds a redeemed one.
import type { InvitationView, LiaisonRole } from '../../../typings/liaison';
import { call, fieldErrors, isRefusal } from '../../utils/api';
import { INVITATION_STATUS_NAMES, LIAISON_LIMITS, LIAISON_ROLE_NAMES } from '../../utils/liaison';
import { loadMorePage, PAGED_INITIAL, refreshPage } from '../../utils/paged';
import { formatTime } from '../../utils/time';
import { confirm, copyText, toast } from '../../utils/ui';

const ROLES: LiaisonRole[] = ['deputy', 'member', 'supervisor'];
const PAGE_SIZE = 20;

function toRow(i: InvitationView) {
  return {
    id: i.id,
    name: i.name,
    roleName: LIAISON_ROLE_NAMES[i.role],
    status: i.status,
    statusName: INVITATION_STATUS_NAMES[i.status],
    statusClass:
      i.status === 'redeemed' ? 'tag-replied' : i.status === 'pending' ? 'tag-pending' : 'tag-soon',
    issuedText: `${formatTime(i.issuedAt)} ${i.issuedByName}签发`,
    stateText:
      i.status === 'redeemed'
        ? `${formatTime(i.redeemedAt)}绑定`
        : i.status === 'revoked'
          ? `${formatTime(i.revokedAt)}撤销：${i.revokeReason ?? ''}`
          : `有效期至${formatTime(i.expiresAt)}`,
    revocable: i.status === 'pending' || i.status === 'redeemed',
  };
}

Component({
  data: {
    ...PAGED_INITIAL,
    items: [] as ReturnType<typeof toRow>[],
    forbidden: false,
    limits: LIAISON_LIMITS,
    roleNames: ROLES.map((r) => LIAISON_ROLE_NAMES[r]),
    roleIndex: -1,
    name: '',
    validDays: String(LIAISON_LIMITS.validDaysDefault),
    errors: {} as Record<string, string>,
    issuing: false,
    issued: null as null | { code: string; name: string; roleName: string; expiresText: string },
    revoking: '',
    reason: '',
    revokeError: '',
    revokeBusy: false,
  },

  methods: {
    onLoad(): void {
      void this.load();
    },

    onPullDownRefresh(): void {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom(): void {
      void loadMorePage(
        this,
        (page) => call('liaison', 'invitation.list', { page, pageSize: PAGE_SIZE }),
        toRow,
      );
    },

    load(): Promise<void> {
      return refreshPage(
        this,
        (page) => call('liaison', 'invitation.list', { page, pageSize: PAGE_SIZE }),
        toRow,
        {
          onError: (error) =>
            isRefusal(error.code)
              ? { forbidden: true, state: 'error', errorMessage: error.message }
              : null,
        },
      );
    },

    onRetry(): void {
      void this.load();
    },

    onNameInput(e: WechatMiniprogram.Input): void {
      this.setData({ name: e.detail.value, 'errors.name': '' });
    },

    onDaysInput(e: WechatMiniprogram.Input): void {
      this.setData({ validDays: e.detail.value, 'errors.validDays': '' });
    },

    onRoleChange(e: WechatMiniprogram.PickerChange): void {
      this.setData({ roleIndex: Number(e.detail.value), 'errors.role': '' });
    },

    async onIssue(): Promise<void> {
      const d = this.data;
      if (d.issuing) return;
      const role = ROLES[d.roleIndex];
      const errors: Record<string, string> = {};
      if (!role) errors.role = '请选择身份';
      const days = Number(d.validDays);
      if (!/^\d+$/.test(d.validDays.trim())) errors.validDays = '有效天数应为整数';
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      this.setData({ issuing: true });
      const res = await call('liaison', 'invitation.issue', {
        name: d.name,
        role,
        validDays: days,
      });
      if (!res.ok) {
        const errs = fieldErrors(res);
        this.setData({ issuing: false, errors: errs });
        toast(Object.keys(errs).length ? '请按提示修改' : res.error.message);
        return;
      }
      const inv = res.data.invitation;
      this.setData({
        issuing: false,
        name: '',
        roleIndex: -1,
        errors: {},
        issued: {
          code: res.data.code,
          name: inv.name,
          roleName: LIAISON_ROLE_NAMES[inv.role],
          expiresText: formatTime(inv.expiresAt),
        },
      });
      await this.load();
    },

    onCopyCode(): void {
      if (this.data.issued) copyText(this.data.issued.code, '邀请码');
    },

    onDismissCode(): void {
      this.setData({ issued: null });
    },

    onRevokeTap(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      this.setData({ revoking: e.currentTarget.dataset.id, reason: '', revokeError: '' });
    },

    onCancelRevoke(): void {
      this.setData({ revoking: '', reason: '', revokeError: '' });
    },

    onReasonInput(e: WechatMiniprogram.Input): void {
      this.setData({ reason: e.detail.value, revokeError: '' });
    },

    async onConfirmRevoke(): Promise<void> {
      const d = this.data;
      const row = d.items.find((i) => i.id === d.revoking);
      if (!row || d.revokeBusy) return;
      const ok = await confirm(
        '确定撤销邀请？',
        row.status === 'redeemed'
          ? `${row.name}将被解除${row.roleName}身份，不能再提交，但仍可查看已提交的事项。撤销后不能恢复。`
          : `该邀请码将失效，撤销后不能恢复。`,
        '撤销',
      );
      if (!ok) return;
      this.setData({ revokeBusy: true });
      const res = await call('liaison', 'invitation.revoke', { id: d.revoking, reason: d.reason });
      if (!res.ok) {
        this.setData({
          revokeBusy: false,
          revokeError: fieldErrors(res).reason ?? res.error.message,
        });
        return;
      }
      this.setData({ revokeBusy: false, revoking: '', reason: '' });
      toast('已撤销');
      await this.load();
    },
  },
});
