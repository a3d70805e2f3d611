// 实名信息: the person's real-name profile, kept once and reused by petitions. The owner may see
// their ID number in full (a toggle); it is masked otherwise. Validation is the function's: each
// issue is shown under its field. The mobile is typed, or taken from WeChat's phone-number button,
// whose code the function exchanges.
import type { ProfileView } from '../../../typings/account';
import { call, fieldErrors } from '../../utils/api';
import { toast } from '../../utils/ui';

type FieldKey = 'name' | 'idNumber' | 'mobile';
type Errors = Partial<Record<FieldKey, string>>;

/** Issue paths of the contract → the form's fields; the phone code's problems belong to the mobile. */
const FIELD_OF_PATH: Record<string, FieldKey> = {
  name: 'name',
  idNumber: 'idNumber',
  mobile: 'mobile',
  phoneCode: 'mobile',
};

Component({
  data: {
    state: 'loading' as 'loading' | 'view' | 'edit' | 'error',
    errorMessage: '',
    profile: null as ProfileView | null,
    /** The owner asked to see the whole ID number; hidden again when the page is left. */
    showFull: false,
    name: '',
    idNumber: '',
    mobile: '',
    /** A code from the phone-number button, sent instead of a typed mobile; single use. */
    phoneCode: '',
    errors: {} as Errors,
    formError: '',
    saving: false,
  },

  methods: {
    onLoad(): void {
      void this.load();
    },

    onHide(): void {
      if (this.data.showFull) this.setData({ showFull: false });
    },

    async load(): Promise<void> {
      this.setData({ state: 'loading' });
      const res = await call('account', 'profile.get', {});
      if (!res.ok) {
        this.setData({ state: 'error', errorMessage: res.error.message });
        return;
      }
      const { profile } = res.data;
      if (profile) this.setData({ state: 'view', profile, showFull: false });
      else this.startEdit(null);
    },

    onRetry(): void {
      void this.load();
    },

    startEdit(profile: ProfileView | null): void {
      this.setData({
        state: 'edit',
        name: profile?.name ?? '',
        idNumber: profile?.idNumber ?? '',
        mobile: profile?.mobile ?? '',
        phoneCode: '',
        errors: {},
        formError: '',
      });
    },

    onEdit(): void {
      this.startEdit(this.data.profile);
    },

    onCancel(): void {
      this.setData({ state: 'view', errors: {}, formError: '', phoneCode: '' });
    },

    onToggleId(): void {
      this.setData({ showFull: !this.data.showFull });
    },

    clearError(field: FieldKey): void {
      if (this.data.errors[field]) this.setData({ [`errors.${field}`]: '' });
    },

    onNameInput(e: WechatMiniprogram.Input): void {
      this.setData({ name: e.detail.value });
      this.clearError('name');
    },

    onIdInput(e: WechatMiniprogram.Input): void {
      this.setData({ idNumber: e.detail.value });
      this.clearError('idNumber');
    },

    onMobileInput(e: WechatMiniprogram.Input): void {
      this.setData({ mobile: e.detail.value });
      this.clearError('mobile');
    },

    /** `<button open-type="getPhoneNumber">`: a code when the person allowed it, none when not. */
    onGetPhoneNumber(e: WechatMiniprogram.CustomEvent<{ code?: string; errMsg?: string }>): void {
      const code = e.detail?.code;
      if (!code) {
        toast('未获取到微信手机号，您可以手动填写');
        return;
      }
      this.setData({ phoneCode: code });
      this.clearError('mobile');
    },

    onTypeMobile(): void {
      this.setData({ phoneCode: '' });
    },

    onPrivacyTap(): void {
      wx.openPrivacyContract({});
    },

    onSave(): void {
      if (this.data.saving) return;
      void this.save();
    },

    async save(): Promise<void> {
      this.setData({ saving: true, formError: '' });
      const d = this.data;
      const res = await call('account', 'profile.save', {
        name: d.name,
        idNumber: d.idNumber,
        ...(d.phoneCode ? { phoneCode: d.phoneCode } : { mobile: d.mobile }),
      });
      if (res.ok) {
        this.setData({
          saving: false,
          state: 'view',
          profile: res.data.profile,
          showFull: false,
          phoneCode: '',
          errors: {},
        });
        wx.showToast({ title: '保存成功', icon: 'success' });
        return;
      }

      const issues = fieldErrors(res);
      const errors: Errors = {};
      const unplaced: string[] = [];
      for (const [path, message] of Object.entries(issues)) {
        const field = FIELD_OF_PATH[path];
        if (field && !errors[field]) errors[field] = message;
        else if (!field) unplaced.push(message);
      }
      const placed = Object.keys(errors).length > 0;
      this.setData({
        saving: false,
        errors,
        formError: placed ? unplaced.join('；') : '',
        // A refused code cannot be used again: the person types the number or asks WeChat anew.
        ...(issues.phoneCode ? { phoneCode: '' } : {}),
      });
      toast(placed ? '请按提示修改后再保存' : res.error.message);
    },
  },
});
