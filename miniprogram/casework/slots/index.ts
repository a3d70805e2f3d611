// 预约时段 (case-management staff): the periods their procuratorate offers for one kind of
// appointment on one day — start, end, capacity, and how many are booked — edited as a list (add,
// remove, change) and saved as a whole (slots.set replaces the day). The day is chosen from today
// on. The function names each problem by `periods.<i>.<field>`, shown under that period; a period
// with bookings can be neither removed nor cut below its bookings — the function's reason shows.
import type { AppointmentType, SlotView } from '../../../typings/cases';
import { call, fieldErrors, isRefusal } from '../../utils/api';
import {
  APPOINTMENT_LIMITS,
  APPOINTMENT_TYPE_NAMES,
  APPOINTMENT_TYPES,
  dayLabel,
} from '../../utils/appointments';
import { toast } from '../../utils/ui';
import { chinaToday } from '../cases-shared';

interface PeriodRow {
  key: string;
  start: string;
  end: string;
  /** As typed. */
  capacity: string;
  booked: number;
  errStart: string;
  errEnd: string;
  errCapacity: string;
}

let keys = 0;

function row(p: { start: string; end: string; capacity: number | string; booked?: number }) {
  keys += 1;
  const r: PeriodRow = {
    key: `p${keys}`,
    start: p.start,
    end: p.end,
    capacity: String(p.capacity),
    booked: p.booked ?? 0,
    errStart: '',
    errEnd: '',
    errCapacity: '',
  };
  return r;
}

function plusHour(time: string): string {
  const [h, m] = time.split(':').map(Number);
  const next = Math.min(h + 1, 23);
  return `${next < 10 ? '0' : ''}${next}:${m < 10 ? '0' : ''}${m}`;
}

/** The capacity as the contract takes it: a number when it reads as one, else as typed. */
function capacityOf(typed: string): number | string {
  return /^\d+$/.test(typed.trim()) ? Number(typed.trim()) : typed;
}

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'error' | 'forbidden',
    errorMessage: '',
    procuratorateId: '',
    procuratorateName: '',
    types: APPOINTMENT_TYPES.slice(),
    typeNames: APPOINTMENT_TYPES.map((t) => APPOINTMENT_TYPE_NAMES[t]),
    typeIndex: 0,
    type: APPOINTMENT_TYPES[0] as AppointmentType,
    typeName: APPOINTMENT_TYPE_NAMES[APPOINTMENT_TYPES[0]],
    today: '',
    day: '',
    dayText: '',
    periods: [] as PeriodRow[],
    periodsMax: APPOINTMENT_LIMITS.periodsMax,
    capacityMax: APPOINTMENT_LIMITS.capacityMax,
    loadingDay: false,
    saving: false,
    /** Problems of the day or of the periods as a whole (a booked period removed). */
    errors: {} as Record<string, string>,
    formError: '',
    savedText: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const today = chinaToday();
      const typeIndex = Math.max(0, APPOINTMENT_TYPES.indexOf(query.type as AppointmentType));
      const type = APPOINTMENT_TYPES[typeIndex];
      this.setData({
        today,
        day: today,
        dayText: dayLabel(today),
        typeIndex,
        type,
        typeName: APPOINTMENT_TYPE_NAMES[type],
      });
      void this.load();
    },

    /** Who the caller is (their procuratorate), then the day's periods. */
    async load(): Promise<void> {
      this.setData({ state: 'loading' });
      const me = await call('account', 'whoami', {});
      if (!me.ok) {
        this.setData({ state: 'error', errorMessage: me.error.message });
        return;
      }
      const staff = me.data.staff;
      if (!staff || !staff.roles.includes('case_manager')) {
        this.setData({ state: 'forbidden' });
        return;
      }
      this.setData({
        procuratorateId: staff.procuratorateId,
        procuratorateName: staff.procuratorateName,
      });
      await this.loadDay();
    },

    onRetry(): void {
      void this.load();
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },

    /** The chosen day's periods of the chosen kind, as stored (those not begun yet). */
    async loadDay(): Promise<void> {
      const { procuratorateId, type, day } = this.data;
      this.setData({ loadingDay: true, errors: {}, formError: '', savedText: '' });
      const res = await call('cases', 'slots.list', { procuratorateId, type });
      if (type !== this.data.type || day !== this.data.day) return; // chosen again meanwhile
      if (!res.ok) {
        this.setData({ loadingDay: false, state: 'error', errorMessage: res.error.message });
        return;
      }
      this.show(res.data.slots.filter((s) => s.day === day));
    },

    show(slots: SlotView[]): void {
      this.setData({
        state: 'ready',
        loadingDay: false,
        periods: slots
          .slice()
          .sort((a, b) => a.start.localeCompare(b.start))
          .map((s) => row({ ...s })),
      });
    },

    onType(e: WechatMiniprogram.PickerChange): void {
      const index = Number(e.detail.value);
      const type = this.data.types[index];
      if (!type || type === this.data.type) return;
      this.setData({ typeIndex: index, type, typeName: APPOINTMENT_TYPE_NAMES[type] });
      void this.loadDay();
    },

    onDay(e: WechatMiniprogram.PickerChange): void {
      const day = String(e.detail.value);
      if (!day || day === this.data.day) return;
      this.setData({ day, dayText: dayLabel(day) });
      void this.loadDay();
    },

    onReload(): void {
      void this.loadDay();
    },

    // ---------- the periods ----------

    onAdd(): void {
      const periods = this.data.periods;
      if (periods.length >= this.data.periodsMax) {
        toast(`一天最多${this.data.periodsMax}个时段`);
        return;
      }
      const last = periods[periods.length - 1];
      const start = last ? last.end : '09:00';
      this.setData({
        periods: [...periods, row({ start, end: plusHour(start), capacity: 5 })],
        savedText: '',
        'errors.periods': '',
      });
    },

    onRemove(e: WechatMiniprogram.TouchEvent<object, object, { index: number }>): void {
      const index = Number(e.currentTarget.dataset.index);
      this.setData({
        periods: this.data.periods.filter((_, i) => i !== index),
        savedText: '',
        'errors.periods': '',
      });
    },

    onTime(
      e: WechatMiniprogram.PickerChange & {
        currentTarget: { dataset: { index: number; field: 'start' | 'end' } };
      },
    ): void {
      const { index, field } = e.currentTarget.dataset;
      const err = field === 'start' ? 'errStart' : 'errEnd';
      this.setData({
        [`periods[${index}].${field}`]: String(e.detail.value),
        [`periods[${index}].${err}`]: '',
        savedText: '',
      });
    },

    onCapacity(
      e: WechatMiniprogram.Input & { currentTarget: { dataset: { index: number } } },
    ): void {
      const index = e.currentTarget.dataset.index;
      this.setData({
        [`periods[${index}].capacity`]: e.detail.value,
        [`periods[${index}].errCapacity`]: '',
        savedText: '',
      });
    },

    // ---------- save ----------

    async onSave(): Promise<void> {
      const d = this.data;
      if (d.saving || d.state !== 'ready') return;
      const cleared = d.periods.map((p) => ({ ...p, errStart: '', errEnd: '', errCapacity: '' }));
      this.setData({ saving: true, errors: {}, formError: '', savedText: '', periods: cleared });
      const res = await call('cases', 'slots.set', {
        type: d.type,
        day: d.day,
        periods: d.periods.map((p) => ({
          start: p.start,
          end: p.end,
          capacity: capacityOf(p.capacity) as number,
        })),
      });
      if (res.ok) {
        this.show(res.data.slots);
        this.setData({
          saving: false,
          savedText: `已保存${d.dayText}的${d.typeName}时段，共${res.data.slots.length}个`,
        });
        toast('已保存');
        return;
      }
      const { error } = res;
      if (isRefusal(error.code)) {
        this.setData({ saving: false, state: 'forbidden' });
        return;
      }
      const patch: Record<string, unknown> = { saving: false };
      const errors: Record<string, string> = {};
      const unplaced: string[] = [];
      for (const [path, message] of Object.entries(fieldErrors(res))) {
        const m = /^periods\.(\d+)\.(start|end|capacity)$/.exec(path);
        if (m && this.data.periods[Number(m[1])]) {
          const field = m[2] === 'start' ? 'errStart' : m[2] === 'end' ? 'errEnd' : 'errCapacity';
          patch[`periods[${m[1]}].${field}`] = message;
        } else if (path === 'day' || path === 'periods' || path.startsWith('periods.')) {
          const key = path === 'day' ? 'day' : 'periods';
          if (!errors[key]) errors[key] = message;
        } else unplaced.push(message);
      }
      const placed = Object.keys(patch).length > 1 || Object.keys(errors).length > 0;
      if (!placed) unplaced.push(error.message);
      this.setData({ ...patch, errors, formError: unplaced.join('；') });
      toast(placed ? '请按提示修改后再保存' : error.message);
    },
  },
});
