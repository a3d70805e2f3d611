// 网上阅卷排除案由 (staff, administrator): the causes (案由) whose cases the procuratorate does not
// let lawyers read online, besides the kinds the rules always exclude (state secrets, juveniles,
// state security, terrorism, organised crime). A case whose cause contains one of them is refused
// at booking and at confirmation (cases/booking.ts). The list is edited here and saved at once,
// after asking; a page left open while someone else saved answers CONFLICT and reloads.
import type { DisclosureSettingsView } from '../../../typings/cases';
import { call, fieldErrors, isRefusal } from '../../utils/api';
import { DISCLOSURE_LIMITS } from '../../utils/cases';
import { formatTime } from '../../utils/time';
import { confirm, toast } from '../../utils/ui';

const normal = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

interface CauseRow {
  key: string;
  text: string;
  error: string;
}

let seq = 0;
const row = (text: string): CauseRow => ({ key: `c${(seq += 1)}`, text, error: '' });

function shown(view: DisclosureSettingsView) {
  return {
    name: view.procuratorateName,
    causes: view.excludedCauses.map(row),
    version: view.version,
    saved: view.excludedCauses.join('\n'),
    updatedText: view.updatedAt
      ? `最近修改：${formatTime(view.updatedAt)}${view.updatedByName ? ` · ${view.updatedByName}` : ''}`
      : '',
    draft: '',
    errors: {} as Record<string, string>,
    formError: '',
  };
}

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'forbidden' | 'error',
    errorMessage: '',
    limits: DISCLOSURE_LIMITS,
    name: '',
    causes: [] as CauseRow[],
    version: 0,
    /** The list as last loaded or saved, to tell whether there is anything to save. */
    saved: '',
    changed: false,
    updatedText: '',
    draft: '',
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
      const res = await call('cases', 'disclosure.settings.get', {});
      if (!res.ok) {
        const state = isRefusal(res.error.code) ? 'forbidden' : 'error';
        this.setData({ state, errorMessage: res.error.message });
        return;
      }
      this.setData({ state: 'ready', changed: false, ...shown(res.data) });
    },

    onRetry(): void {
      void this.load();
    },

    setCauses(causes: CauseRow[], patch: Record<string, unknown> = {}): void {
      const changed = causes.map((c) => c.text).join('\n') !== this.data.saved;
      this.setData({ causes, changed, formError: '', ...patch });
    },

    onDraftInput(e: WechatMiniprogram.CustomEvent<{ value: string }>): void {
      this.setData({ draft: e.detail.value, 'errors.draft': '' });
    },

    /** Adds the typed cause, after the checks the function makes too (length, repeats, count). */
    onAdd(): void {
      const text = this.data.draft.trim();
      const { causeMin, causeMax, causesMax } = DISCLOSURE_LIMITS;
      let error = '';
      if (!text) error = '请填写案由';
      else if (text.length < causeMin) error = `案由至少${causeMin}个字`;
      else if (text.length > causeMax) error = `案由不能超过${causeMax}个字`;
      else if (this.data.causes.some((c) => normal(c.text) === normal(text))) {
        error = `案由“${text}”已在名单中`;
      } else if (this.data.causes.length >= causesMax) error = `最多设置${causesMax}个案由`;
      if (error) {
        this.setData({ 'errors.draft': error });
        return;
      }
      this.setCauses([...this.data.causes, row(text)], { draft: '', 'errors.draft': '' });
    },

    onRemove(e: WechatMiniprogram.TouchEvent<object, object, { key: string }>): void {
      const key = e.currentTarget.dataset.key;
      this.setCauses(this.data.causes.filter((c) => c.key !== key));
    },

    async onSave(): Promise<void> {
      const d = this.data;
      if (d.saving || !d.changed) return;
      const ok = await confirm(
        '确定保存排除案由？',
        d.causes.length
          ? `保存后，案由包含这${d.causes.length}项之一的案件不再提供网上阅卷：新的预约将被拒绝，已预约的在确认时拒绝。`
          : '保存后，本院将不再按案由排除网上阅卷（依规定排除的案件不受影响）。',
        '保存',
      );
      if (!ok) return;
      this.setData({ saving: true, formError: '' });
      const res = await call('cases', 'disclosure.settings.save', {
        excludedCauses: d.causes.map((c) => c.text),
        version: d.version,
      });
      if (res.ok) {
        this.setData({ saving: false, changed: false, ...shown(res.data) });
        toast('排除案由已保存');
        return;
      }
      if (res.error.code === 'CONFLICT') {
        this.setData({ saving: false });
        toast(res.error.message);
        await this.load();
        return;
      }
      const errors = fieldErrors(res);
      const causes = this.data.causes.map((c, i) => ({
        ...c,
        error: errors[`excludedCauses.${i}`] ?? '',
      }));
      const named = causes.some((c) => c.error);
      this.setData({ saving: false, causes, formError: named ? '' : res.error.message });
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },
  },
});
