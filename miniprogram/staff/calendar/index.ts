// 节假日日历 (staff): the public holidays and adjusted working days (调休) every procuratorate counts
// working days by, one year at a time. Every staff member reads it; an administrator of the Supreme
// People's Procuratorate changes a year (or adds the next one) and saves it after a confirmation,
// since open petitions' due dates are then recomputed. The lists are kept sorted on the page and
// sent in that order, so an error the function names at `holidays.3` shows under the fourth day.
import type { CalendarView, CalendarYearView } from '../../../typings/calendar';
import { call, fieldErrors, isRefusal } from '../../utils/api';
import { formatTime } from '../../utils/time';
import { confirm, toast } from '../../utils/ui';

type CalendarStatus = CalendarYearView['status'];

/** MIRRORS CALENDAR_STATUSES / CALENDAR_STATUS_NAMES in typings/calendar.ts (the page test checks). */
const CALENDAR_STATUS_OPTIONS: { value: CalendarStatus; name: string }[] = [
  { value: 'official', name: '已按国务院通知确定' },
  { value: 'provisional', name: '暂按法定节日，待通知发布' },
];

/** MIRRORS CALENDAR_LIMITS in typings/calendar.ts (the page test checks, through `limits`). */
const CALENDAR_PAGE_LIMITS = { yearMin: 2020, yearMax: 2100, daysMax: 60 } as const;

const SOURCE_MAX = 200;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

type ListName = 'holidays' | 'workdays';

const LIST_LABELS: Record<ListName, string> = {
  holidays: '放假日期',
  workdays: '调休上班日期',
};

interface DayRow {
  date: string;
  /** `10月1日` */
  label: string;
  /** `周四` */
  weekday: string;
  error: string;
}

interface MonthGroup {
  month: string;
  /** `1日–7日`, or `1日、3日–5日` when the days are not consecutive. */
  text: string;
}

interface YearOption {
  year: number;
  name: string;
  /** Not held yet: the year after the last one held, offered to the editor only. */
  isNew: boolean;
}

/** Year, month and day of a `YYYY-MM-DD` date. */
function partsOf(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

function dayRow(date: string): DayRow {
  const [y, m, d] = partsOf(date);
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] ?? '';
  return { date, label: `${m}月${d}日`, weekday, error: '' };
}

/** Days grouped by month, consecutive days joined into ranges: `10月：1日–7日`. */
function monthGroups(dates: string[]): MonthGroup[] {
  const byMonth = new Map<number, number[]>();
  for (const date of dates) {
    const [, m, d] = partsOf(date);
    byMonth.set(m, [...(byMonth.get(m) ?? []), d]);
  }
  return [...byMonth.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([m, days]) => {
      const sorted = [...days].sort((a, b) => a - b);
      const ranges: string[] = [];
      let start = sorted[0];
      let prev = sorted[0];
      for (const day of [...sorted.slice(1), Number.NaN]) {
        if (day === prev + 1) {
          prev = day;
          continue;
        }
        ranges.push(start === prev ? `${start}日` : `${start}日–${prev}日`);
        start = day;
        prev = day;
      }
      return { month: `${m}月`, text: ranges.join('、') };
    });
}

/** The year it is now in China. */
function chinaYear(): number {
  return new Date(Date.now() + CHINA_OFFSET_MS).getUTCFullYear();
}

function yearOptions(view: CalendarView): YearOption[] {
  const held = view.years.map((y) => ({ year: y.year, name: `${y.year}年`, isNew: false }));
  if (!view.editable) return held;
  const last = view.years[view.years.length - 1]?.year;
  const next = last === undefined ? chinaYear() : last + 1;
  if (next > CALENDAR_PAGE_LIMITS.yearMax) return held;
  return [...held, { year: next, name: `新增年份（${next}年）`, isNew: true }];
}

/** The year first shown: this year when held, else the latest held, else the new one. */
function defaultIndex(options: YearOption[]): number {
  const now = options.findIndex((o) => !o.isNew && o.year === chinaYear());
  if (now >= 0) return now;
  const held = options.filter((o) => !o.isNew);
  return held.length > 0 ? held.length - 1 : 0;
}

function recomputeText(recompute: CalendarView['recompute']): string {
  if (!recompute) return '';
  if (!recompute.done) return '正在重新计算，稍后由定时任务完成';
  return `已重新计算${recompute.checked}件未办结信访的期限，其中${recompute.updated}件有变化`;
}

const sameList = (a: string[], b: string[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'forbidden' | 'error',
    errorMessage: '',
    /** Only an administrator of the Supreme People's Procuratorate changes the calendar. */
    editable: false,
    years: [] as CalendarYearView[],
    yearOptions: [] as YearOption[],
    yearIndex: 0,
    /** The year shown. */
    year: 0,
    yearName: '',
    /** The year is not held yet (the editor is adding it). */
    isNew: false,
    /** Bounds of the date pickers: the year shown. */
    yearStart: '',
    yearEnd: '',
    statusOptions: CALENDAR_STATUS_OPTIONS,
    statusIndex: 0,
    statusName: '',
    source: '',
    holidays: [] as DayRow[],
    workdays: [] as DayRow[],
    holidayGroups: [] as MonthGroup[],
    updatedText: '',
    limits: { ...CALENDAR_PAGE_LIMITS, sourceMax: SOURCE_MAX },
    /** What the date pickers open on. */
    pickerStart: '',
    /** Something differs from what is saved (a new year always does). */
    dirty: false,
    sourceError: '',
    formError: '',
    saving: false,
    /** How the recomputation of open petitions' due dates stands after a save. */
    recomputeText: '',
  },

  methods: {
    onLoad(): void {
      void this.load();
    },

    async load(): Promise<void> {
      this.setData({ state: 'loading' });
      const res = await call('petition', 'calendar.get', {});
      if (!res.ok) {
        const refused = isRefusal(res.error.code);
        this.setData({ state: refused ? 'forbidden' : 'error', errorMessage: res.error.message });
        return;
      }
      const options = yearOptions(res.data);
      const pending = res.data.editable && res.data.recompute && !res.data.recompute.done;
      this.setData({
        state: 'ready',
        editable: res.data.editable,
        years: res.data.years,
        yearOptions: options,
        recomputeText: pending ? recomputeText(res.data.recompute) : '',
      });
      this.showYear(defaultIndex(options));
    },

    /** Shows the year at `index` of the picker as saved (empty and provisional when new). */
    showYear(index: number): void {
      const option = this.data.yearOptions[index];
      if (!option) return;
      const saved = this.data.years.find((y) => y.year === option.year);
      const status: CalendarStatus = saved?.status ?? 'provisional';
      const holidays = saved?.holidays ?? [];
      const today = new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
      this.setData({
        yearIndex: index,
        year: option.year,
        yearName: `${option.year}年`,
        isNew: option.isNew,
        yearStart: `${option.year}-01-01`,
        yearEnd: `${option.year}-12-31`,
        pickerStart: today.startsWith(`${option.year}-`) ? today : `${option.year}-01-01`,
        statusIndex: CALENDAR_STATUS_OPTIONS.findIndex((o) => o.value === status),
        statusName: saved?.statusName ?? CALENDAR_STATUS_OPTIONS[1].name,
        source: saved?.source ?? '',
        holidays: holidays.map(dayRow),
        workdays: (saved?.workdays ?? []).map(dayRow),
        holidayGroups: monthGroups(holidays),
        updatedText: saved
          ? saved.updatedAt
            ? `${saved.updatedByName ?? '管理员'} ${formatTime(saved.updatedAt)}`
            : '预置数据，尚未修改'
          : '',
        dirty: option.isNew,
        sourceError: '',
        formError: '',
      });
    },

    /** Whether the page differs from the year as saved. */
    isDirty(): boolean {
      const d = this.data;
      if (d.isNew) return true;
      const saved = d.years.find((y) => y.year === d.year);
      if (!saved) return true;
      return (
        !sameList(
          d.holidays.map((r) => r.date),
          saved.holidays,
        ) ||
        !sameList(
          d.workdays.map((r) => r.date),
          saved.workdays,
        ) ||
        CALENDAR_STATUS_OPTIONS[d.statusIndex]?.value !== saved.status ||
        d.source !== saved.source
      );
    },

    onRetry(): void {
      void this.load();
    },

    async onYearChange(
      e: WechatMiniprogram.CustomEvent<{ value: string | number }>,
    ): Promise<void> {
      if (this.data.saving) return;
      const index = Number(e.detail.value);
      if (index === this.data.yearIndex || !this.data.yearOptions[index]) return;
      const d = this.data;
      // A new year counts as changed only once something is filled in.
      const touched = d.isNew
        ? d.holidays.length > 0 || d.workdays.length > 0 || d.source.trim() !== ''
        : d.dirty;
      const unsaved = d.editable && touched;
      if (unsaved) {
        const sure = await confirm(
          '放弃未保存的修改',
          `${this.data.yearName}的修改尚未保存，切换年份后将丢失。确定切换吗？`,
          '切换年份',
        );
        if (!sure) {
          // Puts the picker back on the year still shown.
          this.setData({ yearIndex: this.data.yearIndex });
          return;
        }
      }
      this.showYear(index);
    },

    onAddDay(
      e: WechatMiniprogram.CustomEvent<{ value: string }, object, { list: ListName }>,
    ): void {
      const d = this.data;
      if (!d.editable || d.saving) return;
      const list = e.currentTarget.dataset.list;
      const date = String(e.detail.value);
      if (!date.startsWith(`${d.year}-`)) return;
      const other: ListName = list === 'holidays' ? 'workdays' : 'holidays';
      if (d[list].some((r) => r.date === date)) {
        toast(`${dayRow(date).label}已在${LIST_LABELS[list]}中`);
        return;
      }
      if (d[other].some((r) => r.date === date)) {
        toast(`${dayRow(date).label}已列为${LIST_LABELS[other]}，请先删除`);
        return;
      }
      if (d[list].length >= CALENDAR_PAGE_LIMITS.daysMax) return;
      const rows = [...d[list], dayRow(date)].sort((a, b) => (a.date < b.date ? -1 : 1));
      this.changeList(list, rows);
    },

    onRemoveDay(
      e: WechatMiniprogram.TouchEvent<object, object, { list: ListName; date: string }>,
    ): void {
      const d = this.data;
      if (!d.editable || d.saving) return;
      const { list, date } = e.currentTarget.dataset;
      this.changeList(
        list,
        d[list].filter((r) => r.date !== date),
      );
    },

    /** Replaces a list; positions move, so the errors the function named no longer apply. */
    changeList(list: ListName, rows: DayRow[]): void {
      const clear = (r: DayRow) => ({ ...r, error: '' });
      const holidays = list === 'holidays' ? rows : this.data.holidays;
      const workdays = list === 'workdays' ? rows : this.data.workdays;
      this.setData({
        holidays: holidays.map(clear),
        workdays: workdays.map(clear),
        holidayGroups: monthGroups(holidays.map((r) => r.date)),
        formError: '',
      });
      this.setData({ dirty: this.isDirty() });
    },

    onStatusChange(e: WechatMiniprogram.CustomEvent<{ value: string | number }>): void {
      if (!this.data.editable || this.data.saving) return;
      const index = Number(e.detail.value);
      const option = CALENDAR_STATUS_OPTIONS[index];
      if (!option) return;
      this.setData({ statusIndex: index, statusName: option.name, formError: '' });
      this.setData({ dirty: this.isDirty() });
    },

    onSourceInput(e: WechatMiniprogram.Input): void {
      if (!this.data.editable) return;
      this.setData({ source: e.detail.value, sourceError: '', formError: '' });
      this.setData({ dirty: this.isDirty() });
    },

    async onSave(): Promise<void> {
      const d = this.data;
      if (!d.editable || !d.dirty || d.saving) return;
      if (!d.source.trim()) {
        this.setData({ sourceError: '请填写依据' });
        return;
      }
      const status = CALENDAR_STATUS_OPTIONS[d.statusIndex] ?? CALENDAR_STATUS_OPTIONS[1];
      this.setData({ saving: true });
      const sure = await confirm(
        '确认保存节假日日历',
        `${d.year}年：放假${d.holidays.length}天，调休上班${d.workdays.length}天，${status.name}。` +
          '保存后，所有未办结信访的期限将按新日历重新计算。确定保存吗？',
        '确认保存',
      );
      if (!sure) {
        this.setData({ saving: false });
        return;
      }
      const year = d.year;
      const res = await call('petition', 'calendar.set', {
        year,
        holidays: d.holidays.map((r) => r.date),
        workdays: d.workdays.map((r) => r.date),
        status: status.value,
        source: d.source,
      });
      if (res.ok) {
        const options = yearOptions(res.data);
        this.setData({
          saving: false,
          editable: res.data.editable,
          years: res.data.years,
          yearOptions: options,
          recomputeText: recomputeText(res.data.recompute),
        });
        this.showYear(
          Math.max(
            0,
            options.findIndex((o) => o.year === year),
          ),
        );
        toast('节假日日历已保存');
        return;
      }
      const byField = fieldErrors(res);
      const mark = (list: ListName) =>
        this.data[list].map((r, i) => ({ ...r, error: byField[`${list}.${i}`] ?? '' }));
      const holidays = mark('holidays');
      const workdays = mark('workdays');
      const sourceError = byField.source ?? '';
      const shown = !!sourceError || holidays.some((r) => r.error) || workdays.some((r) => r.error);
      this.setData({
        saving: false,
        holidays,
        workdays,
        sourceError,
        formError: shown ? '' : res.error.message,
      });
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },
  },
});
