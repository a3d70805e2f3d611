// 代表委员 · 人民监督员: for someone not yet bound, the invitation form (邀请码 and 姓名); for a bound
// deputy, member or supervisor, who they are bound as, the button to submit, and what they
// submitted (paged, newest first) with its status and reply due date.
import type { LiaisonListItem, MemberView } from '../../../typings/liaison';
import { call } from '../../utils/api';
import {
  LIAISON_KIND_NAMES,
  LIAISON_LIMITS,
  LIAISON_ROLE_NAMES,
  SUPERVISION_MATTER_NAMES,
  dueText,
  statusTag,
} from '../../utils/liaison';
import { loadMorePage, PAGED_INITIAL, refreshPage } from '../../utils/paged';
import { formatTime } from '../../utils/time';
import { toast } from '../../utils/ui';

function toRow(i: LiaisonListItem) {
  const tag = statusTag(i.status);
  const due = dueText(i);
  return {
    id: i.id,
    title: i.title,
    kindName: i.matter
      ? `${LIAISON_KIND_NAMES[i.kind]}：${SUPERVISION_MATTER_NAMES[i.matter]}`
      : LIAISON_KIND_NAMES[i.kind],
    procuratorateName: i.procuratorateName,
    statusName: tag.name,
    statusClass: tag.cls,
    submittedAtText: formatTime(i.submittedAt),
    dueText: i.status === 'replied' ? `已于${formatTime(i.repliedAt)}答复` : `答复期限 ${due.text}`,
    overdue: i.status !== 'replied' && due.overdue,
  };
}

type Row = ReturnType<typeof toRow>;
const PAGE_SIZE = 20;

Component({
  data: {
    ...PAGED_INITIAL,
    items: [] as Row[],
    /** 'loading' | 'unbound' | 'ready' (bound, list loaded) | 'error' */
    memberState: 'loading',
    member: null as (MemberView & { roleName: string; boundAtText: string }) | null,
    limits: LIAISON_LIMITS,
    code: '',
    name: '',
    errors: {} as { code?: string; name?: string },
    binding: false,
    shown: false,
  },

  methods: {
    onLoad(): void {
      void this.loadMember();
    },

    /** Back from a submission or a detail: statuses may have changed. */
    onShow(): void {
      if (this.data.shown && this.data.member) void this.loadList();
      else this.setData({ shown: true });
    },

    onPullDownRefresh(): void {
      void this.loadMember().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom(): void {
      void loadMorePage(
        this,
        (page) => call('liaison', 'mine', { page, pageSize: PAGE_SIZE }),
        toRow,
      );
    },

    async loadMember(): Promise<void> {
      const res = await call('liaison', 'member.me', {});
      if (!res.ok) {
        this.setData({ memberState: 'error', errorMessage: res.error.message });
        return;
      }
      const m = res.data.member;
      this.setData({
        memberState: m ? 'bound' : 'unbound',
        member: m
          ? { ...m, roleName: LIAISON_ROLE_NAMES[m.role], boundAtText: formatTime(m.boundAt) }
          : null,
      });
      // Someone unbound may still have items from an earlier, revoked binding: load them too.
      await this.loadList();
    },

    loadList(): Promise<void> {
      return refreshPage(
        this,
        (page) => call('liaison', 'mine', { page, pageSize: PAGE_SIZE }),
        toRow,
      );
    },

    onRetry(): void {
      this.setData({ memberState: 'loading' });
      void this.loadMember();
    },

    onCodeInput(e: WechatMiniprogram.Input): void {
      this.setData({ code: e.detail.value, 'errors.code': '' });
    },

    onNameInput(e: WechatMiniprogram.Input): void {
      this.setData({ name: e.detail.value, 'errors.name': '' });
    },

    async onBind(): Promise<void> {
      if (this.data.binding) return;
      this.setData({ binding: true });
      const res = await call('liaison', 'invitation.redeem', {
        code: this.data.code,
        name: this.data.name,
      });
      if (!res.ok) {
        const errors: { code?: string; name?: string } = {};
        for (const issue of res.error.issues ?? []) {
          if ((issue.path === 'code' || issue.path === 'name') && !errors[issue.path]) {
            errors[issue.path] = issue.message;
          }
        }
        this.setData({ binding: false, errors });
        toast(Object.keys(errors).length ? '请按提示修改' : res.error.message);
        return;
      }
      this.setData({ binding: false, code: '', name: '', errors: {} });
      toast('身份绑定成功');
      await this.loadMember();
    },

    onSubmitTap(): void {
      wx.navigateTo({ url: '/liaison/submit/index' });
    },

    onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      wx.navigateTo({ url: `/liaison/detail/index?id=${e.currentTarget.dataset.id}` });
    },
  },
});
