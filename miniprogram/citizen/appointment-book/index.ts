// 预约: booking a place on a slot. Two uses of one engine:
//  - a lawyer's request (阅卷, 约见检察官, 证据, 听取意见, 变更强制措施) on a case they are bound to as
//    defender or agent (approved, from binding.mine; `?bindingId=` preselects one, `?type=` a kind);
//  - a petitioner's video reception (`?type=video_reception`): a procuratorate chosen like the
//    petition form's, no case, and a real-name profile (asked for with a link when missing).
// The chosen procuratorate's slots of the kind for the next BOOKING_DAYS days show grouped by day
// with the places left; a full one shows 已约满 and cannot be chosen. The note (预约事由) goes with
// the booking; the tap on 提交预约 asks for the answer's message (appointmentResult) before the
// confirmation; one clientToken per form makes a double tap or a retry book once. A slot whose last
// place went meanwhile answers 已约满: the slots are read again and the page says so.
import type { ProfileView } from '../../../typings/account';
import type {
  AppointmentType,
  AppointmentView,
  BindingView,
  SlotView,
} from '../../../typings/cases';
import type { ActionInput } from '../../../typings/index';
import type { ProcuratorateView } from '../../../typings/org';
import { call } from '../../utils/api';
import {
  addDays,
  answerDueText,
  APPOINTMENT_LIMITS,
  APPOINTMENT_TYPE_NAMES,
  BOOKING_DAYS,
  dayLabel,
  FULL_MESSAGE,
  LAWYER_APPOINTMENT_TYPES,
  periodText,
} from '../../utils/appointments';
import { askSubscription, CASE_TEMPLATE_IDS } from '../../utils/cases';
import { requireProfile, showSubmitProblems } from '../../utils/form';
import { newClientToken } from '../../utils/token';
import { confirm, toast } from '../../utils/ui';
import {
  chooseUnit,
  groupUnits,
  moveUnitColumn,
  unitPlaced,
  type UnitGroup,
} from '../../utils/units';
import { formatTime } from '../../utils/time';

type Mode = 'lawyer' | 'video';

/** Bindings read at most (binding.mine pages of 50). */
const BINDING_PAGES = 4;

interface BoundCase {
  bindingId: string;
  caseNumber: string;
  procuratorateName: string;
  roleName: string;
  partyName: string;
}

interface SlotRow {
  id: string;
  start: string;
  end: string;
  left: number;
  full: boolean;
  /** `09:00-10:00` */
  time: string;
  /** `余3个` or `已约满` */
  placesText: string;
}

interface DayGroup {
  day: string;
  label: string;
  slots: SlotRow[];
}

/** `YYYY-MM-DD` of today in China time. */
function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The slots of the next BOOKING_DAYS days, by day, in order. */
function groupByDay(slots: SlotView[]): DayGroup[] {
  const today = chinaToday();
  const last = addDays(today, BOOKING_DAYS - 1);
  const days = new Map<string, SlotRow[]>();
  for (const s of slots) {
    if (s.day < today || s.day > last) continue;
    const rows = days.get(s.day) ?? [];
    rows.push({
      id: s.id,
      start: s.start,
      end: s.end,
      left: s.left,
      full: s.left <= 0,
      time: `${s.start}-${s.end}`,
      placesText: s.left <= 0 ? '已约满' : `余${s.left}个`,
    });
    days.set(s.day, rows);
  }
  return [...days.keys()].sort().map((day) => ({
    day,
    label: dayLabel(day),
    slots: (days.get(day) ?? []).sort((a, b) => a.start.localeCompare(b.start)),
  }));
}

/** The field an issue's path belongs to. */
function fieldOf(path: string): string | null {
  if (path === 'slotId') return 'slot';
  if (path === 'bindingId') return 'case';
  if (path === 'note') return 'note';
  return null;
}

Component({
  data: {
    state: 'loading' as 'loading' | 'error' | 'nocase' | 'noprofile' | 'form',
    errorMessage: '',
    mode: 'lawyer' as Mode,
    // The lawyer's bound cases and the kinds of request.
    cases: [] as BoundCase[],
    caseNames: [] as string[],
    caseIndex: 0,
    types: LAWYER_APPOINTMENT_TYPES.slice(),
    typeNames: LAWYER_APPOINTMENT_TYPES.map((t) => APPOINTMENT_TYPE_NAMES[t]),
    typeIndex: 0,
    type: 'file_reading' as AppointmentType,
    typeName: APPOINTMENT_TYPE_NAMES.file_reading,
    // The procuratorate: the bound case's, or the one chosen for a video reception.
    procuratorates: [] as ProcuratorateView[],
    unitGroups: [] as UnitGroup[],
    unitColumns: [[], []] as string[][],
    unitIndex: [0, 0],
    procuratorateId: '',
    procuratorateName: '',
    profile: null as ProfileView | null,
    // The slots.
    slotsState: 'idle' as 'idle' | 'loading' | 'ready' | 'error',
    slotsError: '',
    days: [] as DayGroup[],
    bookingDays: BOOKING_DAYS,
    slotId: '',
    slotText: '',
    /** Said above the slots after a booking found its slot full. */
    slotsNotice: '',
    note: '',
    noteMin: APPOINTMENT_LIMITS.noteMin,
    noteMax: APPOINTMENT_LIMITS.noteMax,
    token: '',
    errors: {} as Record<string, string>,
    formError: '',
    submitting: false,
    result: null as null | {
      id: string;
      typeName: string;
      procuratorateName: string;
      caseNumber: string;
      periodText: string;
      statusName: string;
      answerText: string;
    },
    /** The query's preselections. */
    wantBinding: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const mode: Mode = query.type === 'video_reception' ? 'video' : 'lawyer';
      const wanted = query.type as AppointmentType | undefined;
      const typeIndex = wanted ? Math.max(0, LAWYER_APPOINTMENT_TYPES.indexOf(wanted)) : 0;
      const type: AppointmentType =
        mode === 'video' ? 'video_reception' : LAWYER_APPOINTMENT_TYPES[typeIndex];
      this.setData({
        mode,
        type,
        typeName: APPOINTMENT_TYPE_NAMES[type],
        typeIndex,
        wantBinding: query.bindingId ?? '',
        token: newClientToken(),
      });
      void this.load();
    },

    /** Back from the profile, the lawyer page or a binding request: what was missing may be there. */
    onShow(): void {
      const s = this.data.state;
      if (!this.data.result && (s === 'noprofile' || s === 'nocase')) void this.load();
    },

    async load(): Promise<void> {
      this.setData({ state: 'loading' });
      if (this.data.mode === 'video') await this.loadVideo();
      else await this.loadLawyer();
    },

    onRetry(): void {
      void this.load();
    },

    // ---------- a lawyer's request ----------

    /** The approved bindings as defender or agent, and the procuratorates to find theirs. */
    async loadLawyer(): Promise<void> {
      const [bindings, units] = await Promise.all([this.boundCases(), this.units()]);
      if (typeof bindings === 'string' || typeof units === 'string') {
        const message = typeof bindings === 'string' ? bindings : (units as string);
        this.setData({ state: 'error', errorMessage: message });
        return;
      }
      if (!bindings.length) {
        this.setData({ state: 'nocase', cases: [] });
        return;
      }
      const want = this.data.wantBinding;
      const caseIndex = Math.max(
        0,
        bindings.findIndex((b) => b.bindingId === want),
      );
      this.setData({
        state: 'form',
        cases: bindings,
        caseNames: bindings.map((b) => b.caseNumber),
        procuratorates: units,
      });
      this.chooseCase(caseIndex);
    },

    /** Answers the bound cases, or the error's message. */
    async boundCases(): Promise<BoundCase[] | string> {
      const found: BindingView[] = [];
      for (let page = 1; page <= BINDING_PAGES; page++) {
        const res = await call('cases', 'binding.mine', { page, pageSize: 50 });
        if (!res.ok) return res.error.message;
        found.push(...res.data.items);
        if (page * 50 >= res.data.total || !res.data.items.length) break;
      }
      return found
        .filter(
          (b) =>
            b.status === 'approved' && !!b.caseId && (b.role === 'defender' || b.role === 'agent'),
        )
        .map((b) => ({
          bindingId: b.id,
          caseNumber: b.caseNumber,
          procuratorateName: b.procuratorateName,
          roleName: b.roleName,
          partyName: b.partyName,
        }));
    },

    async units(): Promise<ProcuratorateView[] | string> {
      const res = await call('account', 'procuratorates', {});
      return res.ok ? res.data.procuratorates : res.error.message;
    },

    /** A bound case chosen: its procuratorate's slots. */
    chooseCase(index: number): void {
      const c = this.data.cases[index];
      if (!c) return;
      // A binding names its procuratorate; the slots are asked for by the procuratorate's id.
      const unit = this.data.procuratorates.find((p) => p.name === c.procuratorateName);
      this.setData({
        caseIndex: index,
        procuratorateId: unit?.id ?? '',
        procuratorateName: c.procuratorateName,
        'errors.case': '',
      });
      void this.loadSlots();
    },

    onCase(e: WechatMiniprogram.PickerChange): void {
      const index = Number(e.detail.value);
      if (index === this.data.caseIndex || !this.data.cases[index]) return;
      this.chooseCase(index);
    },

    onType(e: WechatMiniprogram.PickerChange): void {
      const index = Number(e.detail.value);
      const type = this.data.types[index];
      if (!type || type === this.data.type) return;
      this.setData({
        typeIndex: index,
        type,
        typeName: APPOINTMENT_TYPE_NAMES[type],
        formError: '',
      });
      void this.loadSlots();
    },

    onOpenBind(): void {
      wx.navigateTo({ url: '/citizen/case-bind/index' });
    },

    onOpenLawyer(): void {
      wx.navigateTo({ url: '/citizen/lawyer/index' });
    },

    // ---------- a video reception ----------

    async loadVideo(): Promise<void> {
      const profile = await requireProfile(this);
      if (!profile) return;
      const units = await this.units();
      if (typeof units === 'string') {
        this.setData({ state: 'error', errorMessage: units });
        return;
      }
      const groups = groupUnits(units);
      this.setData({
        state: 'form',
        profile,
        procuratorates: units,
        unitGroups: groups,
        ...unitPlaced(groups, this.data.procuratorateId),
      });
      if (this.data.procuratorateId) void this.loadSlots();
    },

    onOpenProfile(): void {
      wx.navigateTo({ url: '/citizen/profile/index' });
    },

    onUnitColumnChange(e: WechatMiniprogram.PickerColumnChange): void {
      moveUnitColumn(this, e.detail);
    },

    onUnitChange(e: WechatMiniprogram.PickerChange): void {
      const cleared = { 'errors.procuratorateId': '', formError: '' };
      if (chooseUnit(this, e.detail.value, cleared)) void this.loadSlots();
    },

    // ---------- the slots ----------

    async loadSlots(notice = ''): Promise<void> {
      const { procuratorateId, type } = this.data;
      this.setData({ slotId: '', slotText: '', slotsNotice: notice, 'errors.slot': '' });
      if (!procuratorateId) {
        this.setData({ slotsState: 'idle', days: [] });
        return;
      }
      this.setData({ slotsState: 'loading' });
      const res = await call('cases', 'slots.list', { procuratorateId, type });
      // Another case, kind or procuratorate was chosen meanwhile.
      if (procuratorateId !== this.data.procuratorateId || type !== this.data.type) return;
      if (!res.ok) {
        this.setData({ slotsState: 'error', slotsError: res.error.message, days: [] });
        return;
      }
      this.setData({ slotsState: 'ready', days: groupByDay(res.data.slots) });
    },

    onRetrySlots(): void {
      void this.loadSlots();
    },

    onSlot(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void {
      const id = e.currentTarget.dataset.id;
      for (const g of this.data.days) {
        const slot = g.slots.find((s) => s.id === id);
        if (!slot) continue;
        // WeChat still fires bindtap on a disabled button: a full slot cannot be chosen.
        if (slot.full) return;
        this.setData({
          slotId: id,
          slotText: `${g.label} ${slot.time}`,
          'errors.slot': '',
          formError: '',
        });
        return;
      }
    },

    onNote(e: WechatMiniprogram.Input): void {
      this.setData({ note: e.detail.value, 'errors.note': '' });
    },

    // ---------- submit ----------

    /**
     * The submit tap: the prompt for the answer's notification first, synchronously (WeChat shows
     * it only in answer to a tap, and the confirmation would end the tap), then the confirmation.
     */
    onSubmit(): void {
      const d = this.data;
      if (d.submitting || d.result || d.state !== 'form') return;
      if (d.mode === 'video' && !d.procuratorateId) {
        this.setData({ 'errors.procuratorateId': '请选择检察院' });
        toast('请选择检察院');
        return;
      }
      this.setData({ submitting: true, formError: '' });
      void this.submit(askSubscription(CASE_TEMPLATE_IDS.appointmentResult));
    },

    async submit(asked: Promise<unknown>): Promise<void> {
      await asked;
      const d = this.data;
      const what =
        d.mode === 'video'
          ? `${d.procuratorateName}的视频接访`
          : `${d.typeName}（${d.cases[d.caseIndex]?.caseNumber ?? ''}）`;
      const ok = await confirm(
        '确定提交预约？',
        `预约${what}${d.slotText ? `，时间 ${d.slotText}` : ''}。检察院确认后将通知您。`,
        '提交',
      );
      if (!ok) {
        this.setData({ submitting: false });
        return;
      }
      const bindingId = d.mode === 'lawyer' ? d.cases[d.caseIndex]?.bindingId : undefined;
      // What was chosen and typed as it is; the function checks every value and names each problem.
      const input = {
        slotId: d.slotId,
        ...(bindingId ? { bindingId } : {}),
        note: d.note,
        clientToken: d.token,
      } as ActionInput<'cases', 'book'>;
      const res = await call('cases', 'book', input);
      if (res.ok) {
        this.done(res.data);
        return;
      }
      const { error } = res;
      if (error.code === 'PRECONDITION_FAILED' && error.message === FULL_MESSAGE) {
        // The last place went meanwhile: the slots as they are now, and why.
        this.setData({ submitting: false });
        toast(error.message);
        await this.loadSlots(error.message);
        return;
      }
      if (error.code === 'PRECONDITION_FAILED' && /实名/.test(error.message)) {
        this.setData({ submitting: false, state: 'noprofile', profile: null });
        return;
      }
      showSubmitProblems(this, res, fieldOf, error.code !== 'INTERNAL');
    },

    done(a: AppointmentView): void {
      this.setData({
        submitting: false,
        errors: {},
        formError: '',
        result: {
          id: a.id,
          typeName: a.typeName,
          procuratorateName: a.procuratorateName,
          caseNumber: a.caseNumber ?? '',
          periodText: periodText(a),
          statusName: a.statusName,
          answerText: answerDueText(a) || `提交于 ${formatTime(a.createdAt)}`,
        },
      });
      wx.pageScrollTo({ scrollTop: 0, duration: 0 });
    },

    onOpenDetail(): void {
      const id = this.data.result?.id;
      if (id) wx.redirectTo({ url: `/citizen/appointment-detail/index?id=${id}` });
    },

    onOpenMine(): void {
      wx.redirectTo({ url: '/citizen/appointments/index' });
    },
  },
});
