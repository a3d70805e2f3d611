// 信访统计 (staff, leaders and administrators): the procuratorate's (or one department's)
// petitions received in a range of months, the 7-day procedural-reply rate and the 3-month answer
// rate beside the national figures (highlighted when below), what is overdue now, and the same
// by kind, month and department. The function decides who may see it and computes every figure.
import type {
  PetitionStats,
  PetitionStatsFigures,
  PetitionStatsInput,
} from '../../../typings/petition-stats';
import { call, fieldErrors, isRefusal } from '../../utils/api';
import { formatTime } from '../../utils/time';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
/** The range shown first: the last 12 months, this one included. */
const DEFAULT_MONTHS = 12;

/** `YYYY-MM` of `monthsBack` months before now, China time. */
function monthBefore(monthsBack: number, now = Date.now()): string {
  const d = new Date(now + CHINA_OFFSET_MS);
  const n = d.getUTCFullYear() * 12 + d.getUTCMonth() - monthsBack;
  const m = (n % 12) + 1;
  return `${Math.floor(n / 12)}-${m < 10 ? '0' : ''}${m}`;
}

/** `99.8%`; '—' when nothing has come to a head yet. */
function percent(rate: number | null): string {
  if (rate === null) return '—';
  const p = Math.round(rate * 1000) / 10;
  return `${p % 1 === 0 ? p.toFixed(0) : p.toFixed(1)}%`;
}

interface Row {
  key: string;
  name: string;
  received: number;
  proceduralText: string;
  proceduralCounts: string;
  proceduralBelow: boolean;
  resultText: string;
  resultCounts: string;
  resultBelow: boolean;
  overdue: number;
}

function row(key: string, name: string, f: PetitionStatsFigures, s: PetitionStats): Row {
  const proceduralText = percent(f.proceduralRate);
  const resultText = percent(f.resultRate);
  const proceduralBelow = f.proceduralRate !== null && f.proceduralRate < s.national.proceduralRate;
  const resultBelow = f.resultRate !== null && f.resultRate < s.national.resultRate;
  return {
    key,
    name,
    received: f.received,
    proceduralText,
    proceduralCounts: `${f.proceduralOnTime}/${f.proceduralDueCount}`,
    proceduralBelow,
    resultText,
    resultCounts: `${f.resultOnTime}/${f.resultDueCount}`,
    resultBelow,
    overdue: f.overdueNow,
  };
}

function monthName(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

function shown(s: PetitionStats) {
  const t = s.totals;
  return {
    unitName: s.departmentName
      ? `${s.procuratorateName} · ${s.departmentName}`
      : s.procuratorateName,
    periodText: s.from === s.to ? monthName(s.from) : `${monthName(s.from)}至${monthName(s.to)}`,
    asOfText: formatTime(s.asOf),
    empty: t.received === 0,
    received: t.received,
    overdueNow: t.overdueNow,
    overdueInPeriod: t.overdueInPeriod,
    procedural: {
      rate: percent(t.proceduralRate),
      counts: `${t.proceduralOnTime}/${t.proceduralDueCount}`,
      national: percent(s.national.proceduralRate),
      below: t.proceduralRate !== null && t.proceduralRate < s.national.proceduralRate,
    },
    result: {
      rate: percent(t.resultRate),
      counts: `${t.resultOnTime}/${t.resultDueCount}`,
      national: percent(s.national.resultRate),
      below: t.resultRate !== null && t.resultRate < s.national.resultRate,
    },
    nationalYear: s.national.year,
    nationalSource: s.national.source,
    kindRows: s.byKind.map((r) => row(r.kind, r.kindName, r, s)),
    monthRows: s.byMonth.map((r) => row(r.month, monthName(r.month), r, s)),
    departmentRows: s.byDepartment.map((r) => row(r.departmentId ?? '-', r.departmentName, r, s)),
    departmentOptions: [{ id: '', name: '全院' }, ...s.departments],
  };
}

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'forbidden' | 'error',
    errorMessage: '',
    from: monthBefore(DEFAULT_MONTHS - 1),
    to: monthBefore(0),
    maxMonth: monthBefore(0),
    departmentOptions: [{ id: '', name: '全院' }] as { id: string; name: string }[],
    departmentIndex: 0,
    errors: {} as Record<string, string>,
    formError: '',
    /** A reload after a change of range or department: the figures stay until it answers. */
    refreshing: false,
    loaded: false,
    unitName: '',
    periodText: '',
    asOfText: '',
    empty: false,
    received: 0,
    overdueNow: 0,
    overdueInPeriod: 0,
    procedural: { rate: '', counts: '', national: '', below: false },
    result: { rate: '', counts: '', national: '', below: false },
    nationalYear: 0,
    nationalSource: '',
    kindRows: [] as Row[],
    monthRows: [] as Row[],
    departmentRows: [] as Row[],
  },

  methods: {
    onLoad(): void {
      void this.load();
    },

    onPullDownRefresh(): void {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    async load(): Promise<void> {
      const d = this.data;
      if (d.loaded) this.setData({ refreshing: true });
      else this.setData({ state: 'loading' });
      const departmentId = d.departmentOptions[d.departmentIndex]?.id;
      const input: PetitionStatsInput = { from: d.from, to: d.to };
      if (departmentId) input.departmentId = departmentId;
      const res = await call('petition', 'stats', input);
      if (res.ok) {
        this.setData({
          state: 'ready',
          loaded: true,
          refreshing: false,
          errors: {},
          formError: '',
          ...shown(res.data),
        });
        return;
      }
      const code = res.error.code;
      if (isRefusal(code)) {
        this.setData({ state: 'forbidden', refreshing: false, errorMessage: res.error.message });
        return;
      }
      if (code === 'BAD_REQUEST' && this.data.loaded) {
        const errors = fieldErrors(res);
        const onField = ['from', 'to', 'departmentId'].some((k) => errors[k]);
        this.setData({
          refreshing: false,
          errors,
          formError: onField ? '' : res.error.message,
        });
        return;
      }
      this.setData({ state: 'error', refreshing: false, errorMessage: res.error.message });
    },

    onFromChange(e: WechatMiniprogram.PickerChange): void {
      const from = String(e.detail.value);
      if (from === this.data.from) return;
      this.setData({ from });
      void this.load();
    },

    onToChange(e: WechatMiniprogram.PickerChange): void {
      const to = String(e.detail.value);
      if (to === this.data.to) return;
      this.setData({ to });
      void this.load();
    },

    onDepartmentChange(e: WechatMiniprogram.PickerChange): void {
      const departmentIndex = Number(e.detail.value);
      if (departmentIndex === this.data.departmentIndex) return;
      this.setData({ departmentIndex });
      void this.load();
    },

    onRetry(): void {
      void this.load();
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },
  },
});
