// 本院信息维护 (检务公开, staff): the administrator keeps their procuratorate's public entry —
// address, telephone, reception hours, location and the petition guide (信访工作条例 art. 18). A
// guide section left empty shows the national default on the public page. Anyone else is refused.
import type {
  DirectoryEntryView,
  DirectorySaveInput,
  GuideSection,
} from '../../../typings/openness';
import { call, fieldErrors } from '../../utils/api';
import { maySetRouting } from '../../utils/staff';
import { formatTime } from '../../utils/time';
import { toast } from '../../utils/ui';

interface GuideField {
  key: GuideSection;
  title: string;
  text: string;
  placeholder: string;
  error: string;
}

type Field = 'address' | 'phone' | 'hours' | 'latitude' | 'longitude';

/** MIRRORS DIRECTORY_LIMITS of typings/openness.ts (pages may only `import type` from there). */
const LIMITS = { addressMax: 200, hoursMax: 200, guideSectionMax: 2000, qMax: 50 } as const;

function shown(view: DirectoryEntryView) {
  return {
    id: view.id,
    name: view.name,
    address: view.address ?? '',
    phone: view.phone ?? '',
    hours: view.hours ?? '',
    latitude: view.location ? String(view.location.latitude) : '',
    longitude: view.location ? String(view.location.longitude) : '',
    guide: view.guide.map((section): GuideField => ({
      key: section.key,
      title: section.title,
      text: section.isDefault ? '' : section.text,
      placeholder: '留空则显示依据全国性规定生成的通用内容',
      error: '',
    })),
    updatedAtText: formatTime(view.updatedAt),
    errors: {} as Record<string, string>,
    formError: '',
  };
}

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'forbidden' | 'error',
    errorMessage: '',
    limits: LIMITS,
    id: '',
    name: '',
    address: '',
    phone: '',
    hours: '',
    latitude: '',
    longitude: '',
    guide: [] as GuideField[],
    updatedAtText: '',
    errors: {} as Record<string, string>,
    formError: '',
    saving: false,
  },

  methods: {
    onLoad(): void {
      void this.load();
    },

    async load(): Promise<void> {
      this.setData({ state: 'loading' });
      const who = await call('account', 'whoami', {});
      if (!who.ok) {
        this.setData({ state: 'error', errorMessage: who.error.message });
        return;
      }
      const staff = who.data.staff;
      if (!maySetRouting(staff) || !staff) {
        this.setData({ state: 'forbidden' });
        return;
      }
      const res = await call('openness', 'directory.get', { id: staff.procuratorateId });
      if (!res.ok) {
        this.setData({ state: 'error', errorMessage: res.error.message });
        return;
      }
      this.setData({ state: 'ready', ...shown(res.data) });
    },

    onRetry(): void {
      void this.load();
    },

    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }, object, { field: Field }>): void {
      const field = e.currentTarget.dataset.field;
      const errors = { ...this.data.errors };
      delete errors[field];
      if (field === 'latitude' || field === 'longitude') delete errors.location;
      this.setData({ [field]: e.detail.value, errors, formError: '' });
    },

    onGuideInput(
      e: WechatMiniprogram.CustomEvent<{ value: string }, object, { key: GuideSection }>,
    ): void {
      const key = e.currentTarget.dataset.key;
      this.setData({
        guide: this.data.guide.map((g) =>
          g.key === key ? { ...g, text: e.detail.value, error: '' } : g,
        ),
        formError: '',
      });
    },

    /** The location as the function takes it, or the field errors that stop it here. */
    location(): { value: DirectorySaveInput['location']; errors: Record<string, string> } {
      const lat = this.data.latitude.trim();
      const lng = this.data.longitude.trim();
      if (!lat && !lng) return { value: null, errors: {} };
      const errors: Record<string, string> = {};
      if (!lat) errors['location.latitude'] = '请同时填写纬度和经度';
      else if (!Number.isFinite(Number(lat))) errors['location.latitude'] = '纬度应为数字';
      if (!lng) errors['location.longitude'] = '请同时填写纬度和经度';
      else if (!Number.isFinite(Number(lng))) errors['location.longitude'] = '经度应为数字';
      return { value: { latitude: Number(lat), longitude: Number(lng) }, errors };
    },

    async onSave(): Promise<void> {
      const d = this.data;
      if (d.saving) return;
      const location = this.location();
      if (Object.keys(location.errors).length > 0) {
        this.setData({ errors: location.errors });
        return;
      }
      this.setData({ saving: true, errors: {}, formError: '' });
      const res = await call('openness', 'directory.save', {
        id: d.id,
        address: d.address,
        phone: d.phone,
        hours: d.hours,
        location: location.value,
        guide: Object.fromEntries(d.guide.map((g) => [g.key, g.text])),
      });
      if (res.ok) {
        this.setData({ saving: false, ...shown(res.data) });
        toast('本院信息已保存');
        return;
      }
      const errors = fieldErrors(res);
      const guide = this.data.guide.map((g) => ({ ...g, error: errors[`guide.${g.key}`] ?? '' }));
      const named = Object.keys(errors).length > 0;
      this.setData({ saving: false, errors, guide, formError: named ? '' : res.error.message });
    },

    onPreview(): void {
      wx.navigateTo({ url: `/public/unit/index?id=${this.data.id}` });
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },
  },
});
