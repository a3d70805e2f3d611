// 登记/编辑案件 (case-management staff): every field of a case (typings/cases.ts `caseFields`) —
// number, cause, dates, handling unit, stage, result, the parties and the compulsory measures as
// repeatable groups, the disclosure flags — and, when editing, the progress note the people bound
// to the case are told. A save sends the version shown, so saving a stale page answers CONFLICT and
// reloads; each problem the function names (`parties.1.name`, `measures.0.partyName` …) shows under
// its field. Editing also shows how many people are bound to the case and its timeline.
import type { CaseStaffView, PartyRole, SensitiveKind } from '../../../typings/cases';
import { call, fieldErrors, isRefusal } from '../../utils/api';
import { formatTime } from '../../utils/time';
import { confirm, notice, toast } from '../../utils/ui';
import {
  CASE_NUMBER_HINT,
  CASE_PAGE_LIMITS,
  PARTY_ROLE_NAMES,
  PARTY_ROLES,
  SENSITIVE_KIND_NAMES,
  SENSITIVE_KINDS,
} from '../cases-shared';

const L = CASE_PAGE_LIMITS;

const ROLE_OPTIONS = PARTY_ROLES.map((r) => ({ value: r, name: PARTY_ROLE_NAMES[r] }));
const KIND_OPTIONS: { value: SensitiveKind | null; name: string }[] = [
  { value: null, name: '无' },
  ...SENSITIVE_KINDS.map((k) => ({
    value: k as SensitiveKind | null,
    name: SENSITIVE_KIND_NAMES[k],
  })),
];

const FLAG_SWITCHES = [
  { key: 'juvenile', name: '未成年人案件' },
  { key: 'stateSecret', name: '涉及国家秘密' },
  { key: 'commercialSecret', name: '涉及商业秘密' },
  { key: 'privacy', name: '涉及个人隐私' },
] as const;
type FlagKey = (typeof FLAG_SWITCHES)[number]['key'];

interface PartyErrors {
  name: string;
  role: string;
  age: string;
  sentenceMonths: string;
  recidivist: string;
}

interface PartyRow {
  key: string;
  name: string;
  roleIndex: number;
  age: string;
  sentenceMonths: string;
  recidivist: boolean;
  errors: PartyErrors;
}

interface MeasureErrors {
  partyName: string;
  measure: string;
  from: string;
  to: string;
}

interface MeasureRow {
  key: string;
  partyName: string;
  /** The party's place in `partyNames` (-1: none chosen, or no longer a party). */
  partyIndex: number;
  measure: string;
  from: string;
  to: string;
  errors: MeasureErrors;
}

/** What editing shows beside the form. */
interface Shown {
  procuratorateName: string;
  updatedAtText: string;
  bindings: { pending: number; approved: number };
  timeline: { key: string; atText: string; stage: string; note: string }[];
  /** As saved: a change of either tells the people bound to the case. */
  stage: string;
  result: string;
}

const noPartyErrors = (): PartyErrors => ({
  name: '',
  role: '',
  age: '',
  sentenceMonths: '',
  recidivist: '',
});
const noMeasureErrors = (): MeasureErrors => ({ partyName: '', measure: '', from: '', to: '' });

let seq = 0;
const nextKey = (prefix: string) => {
  seq += 1;
  return `${prefix}${seq}`;
};

function emptyParty(): PartyRow {
  return {
    key: nextKey('p'),
    name: '',
    roleIndex: -1,
    age: '',
    sentenceMonths: '',
    recidivist: false,
    errors: noPartyErrors(),
  };
}

function emptyMeasure(): MeasureRow {
  return {
    key: nextKey('m'),
    partyName: '',
    partyIndex: -1,
    measure: '',
    from: '',
    to: '',
    errors: noMeasureErrors(),
  };
}

/** The names a measure may name: the parties above, each once. */
function namesOf(parties: PartyRow[]): string[] {
  return [...new Set(parties.map((p) => p.name.trim()).filter(Boolean))];
}

/** Each measure's party as the picker shows it among `names`. */
function placed(measures: MeasureRow[], names: string[]): MeasureRow[] {
  return measures.map((m) => ({ ...m, partyIndex: names.indexOf(m.partyName) }));
}

function emptyForm() {
  const parties = [emptyParty()];
  return {
    caseNumber: '',
    cause: '',
    acceptedOn: '',
    timeLimit: '',
    handlingUnit: '',
    stage: '',
    result: '',
    progressNote: '',
    parties,
    partyNames: namesOf(parties),
    measures: [] as MeasureRow[],
    flags: { juvenile: false, stateSecret: false, commercialSecret: false, privacy: false },
    kindIndex: 0,
  };
}

function formOf(v: CaseStaffView) {
  const parties: PartyRow[] = v.parties.map((p) => ({
    key: nextKey('p'),
    name: p.name,
    roleIndex: PARTY_ROLES.indexOf(p.role),
    age: p.age === undefined ? '' : String(p.age),
    sentenceMonths: p.sentenceMonths === undefined ? '' : String(p.sentenceMonths),
    recidivist: p.recidivist,
    errors: noPartyErrors(),
  }));
  return {
    caseNumber: v.caseNumber,
    cause: v.cause,
    acceptedOn: v.acceptedOn,
    timeLimit: v.timeLimit,
    handlingUnit: v.handlingUnit,
    stage: v.stage,
    result: v.result ?? '',
    progressNote: '',
    parties,
    partyNames: namesOf(parties),
    measures: placed(
      v.measures.map((m) => ({
        key: nextKey('m'),
        partyName: m.partyName,
        partyIndex: -1,
        measure: m.measure,
        from: m.from,
        to: m.to ?? '',
        errors: noMeasureErrors(),
      })),
      namesOf(parties),
    ),
    flags: {
      juvenile: v.flags.juvenile,
      stateSecret: v.flags.stateSecret,
      commercialSecret: v.flags.commercialSecret,
      privacy: v.flags.privacy,
    },
    kindIndex: Math.max(
      0,
      KIND_OPTIONS.findIndex((o) => o.value === v.flags.sensitiveKind),
    ),
  };
}

function shownOf(v: CaseStaffView): Shown {
  return {
    procuratorateName: v.procuratorateName,
    updatedAtText: formatTime(v.updatedAt),
    bindings: v.bindings,
    timeline: v.timeline
      .map((t, i) => ({
        key: `t${i}`,
        atText: formatTime(t.at),
        stage: t.stage,
        note: t.note ?? '',
      }))
      .reverse(),
    stage: v.stage,
    result: v.result ?? '',
  };
}

/** A number typed in: empty is not given; anything but digits is sent as typed for the contract to name. */
function numberOf(raw: string): number | undefined {
  const t = raw.trim();
  if (!t) return undefined;
  return (/^\d+$/.test(t) ? Number(t) : t) as number;
}

const TOP_FIELDS = [
  'caseNumber',
  'cause',
  'acceptedOn',
  'timeLimit',
  'handlingUnit',
  'stage',
  'result',
  'parties',
  'measures',
  'progressNote',
] as const;

type RowEvent = WechatMiniprogram.CustomEvent<
  { value: string | number | boolean },
  object,
  { index: number; field: string }
>;

Component({
  properties: {
    id: { type: String, value: '' },
  },

  data: {
    state: 'loading' as 'loading' | 'ready' | 'notfound' | 'forbidden' | 'error',
    errorMessage: '',
    /** '' registers a new case; otherwise the case edited, at `version`. */
    caseId: '',
    version: 0,
    shown: null as Shown | null,
    ...emptyForm(),
    roleOptions: ROLE_OPTIONS,
    kindOptions: KIND_OPTIONS,
    flagSwitches: FLAG_SWITCHES,
    limits: L,
    caseNumberHint: CASE_NUMBER_HINT,
    errors: {} as Record<string, string>,
    formError: '',
    saving: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const id = query.id || this.data.id;
      if (id) void this.load(id);
      else void this.checkAccess();
    },

    /** A new case: only case management may register one; anyone else is told so at once. */
    async checkAccess(): Promise<void> {
      const who = await call('account', 'whoami', {});
      const roles = who.ok && who.data.staff ? who.data.staff.roles : [];
      this.setData({ state: roles.includes('case_manager') ? 'ready' : 'forbidden' });
    },

    async load(id: string): Promise<void> {
      if (!this.data.shown) this.setData({ state: 'loading' });
      const res = await call('cases', 'case.get', { id });
      if (!res.ok) {
        const code = res.error.code;
        this.setData(
          isRefusal(code)
            ? { state: 'forbidden' }
            : code === 'NOT_FOUND' || code === 'BAD_REQUEST'
              ? { state: 'notfound' }
              : { state: 'error', errorMessage: res.error.message },
        );
        return;
      }
      this.show(res.data);
    },

    show(v: CaseStaffView): void {
      this.setData({
        state: 'ready',
        caseId: v.id,
        version: v.version,
        shown: shownOf(v),
        ...formOf(v),
        errors: {},
        formError: '',
      });
    },

    onRetry(): void {
      if (this.data.caseId || this.data.id) void this.load(this.data.caseId || this.data.id);
      else void this.checkAccess();
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },

    onBackToList(): void {
      wx.redirectTo({ url: '/casework/cases/index' });
    },

    // ---------- the case's own fields ----------

    /** Text inputs: `data-field` is the data key and the error it clears. */
    onInput(e: RowEvent): void {
      const field = e.currentTarget.dataset.field;
      this.setData({ [field]: String(e.detail.value), [`errors.${field}`]: '' });
    },

    onDate(e: RowEvent): void {
      const field = e.currentTarget.dataset.field;
      this.setData({ [field]: String(e.detail.value), [`errors.${field}`]: '' });
    },

    onFlag(e: RowEvent): void {
      const field = e.currentTarget.dataset.field as FlagKey;
      this.setData({ [`flags.${field}`]: !!e.detail.value, 'errors.flags': '' });
    },

    onKind(e: RowEvent): void {
      this.setData({ kindIndex: Number(e.detail.value), 'errors.flags': '' });
    },

    // ---------- parties ----------

    onAddParty(): void {
      if (this.data.parties.length >= L.partiesMax) return;
      this.setData({ parties: [...this.data.parties, emptyParty()], 'errors.parties': '' });
    },

    onRemoveParty(e: RowEvent): void {
      const index = e.currentTarget.dataset.index;
      const parties = this.data.parties.filter((_, i) => i !== index);
      this.setParties(parties);
    },

    /** `data-field` names the party's field: name, age, sentenceMonths. */
    onPartyInput(e: RowEvent): void {
      const { index, field } = e.currentTarget.dataset;
      const row = this.data.parties[index];
      if (!row) return;
      const parties = this.data.parties.slice();
      parties[index] = {
        ...row,
        [field]: String(e.detail.value),
        errors: { ...row.errors, [field]: '' },
      };
      this.setParties(parties);
    },

    /** New parties, and the measures' pickers placed among their names. */
    setParties(parties: PartyRow[]): void {
      const partyNames = namesOf(parties);
      this.setData({ parties, partyNames, measures: placed(this.data.measures, partyNames) });
    },

    onPartyRole(e: RowEvent): void {
      const index = e.currentTarget.dataset.index;
      this.setData({
        [`parties[${index}].roleIndex`]: Number(e.detail.value),
        [`parties[${index}].errors.role`]: '',
      });
    },

    onPartyRecidivist(e: RowEvent): void {
      const index = e.currentTarget.dataset.index;
      this.setData({
        [`parties[${index}].recidivist`]: !!e.detail.value,
        [`parties[${index}].errors.recidivist`]: '',
      });
    },

    // ---------- compulsory measures ----------

    onAddMeasure(): void {
      if (this.data.measures.length >= L.measuresMax) return;
      this.setData({ measures: [...this.data.measures, emptyMeasure()], 'errors.measures': '' });
    },

    onRemoveMeasure(e: RowEvent): void {
      const index = e.currentTarget.dataset.index;
      this.setData({ measures: this.data.measures.filter((_, i) => i !== index) });
    },

    onMeasureParty(e: RowEvent): void {
      const index = e.currentTarget.dataset.index;
      const name = this.data.partyNames[Number(e.detail.value)];
      if (name === undefined) return;
      this.setData({
        [`measures[${index}].partyName`]: name,
        [`measures[${index}].partyIndex`]: Number(e.detail.value),
        [`measures[${index}].errors.partyName`]: '',
      });
    },

    /** `data-field`: measure (typed), from or to (picked). */
    onMeasureField(e: RowEvent): void {
      const { index, field } = e.currentTarget.dataset;
      this.setData({
        [`measures[${index}].${field}`]: String(e.detail.value),
        [`measures[${index}].errors.${field}`]: '',
      });
    },

    onClearMeasureTo(e: RowEvent): void {
      const index = e.currentTarget.dataset.index;
      this.setData({ [`measures[${index}].to`]: '', [`measures[${index}].errors.to`]: '' });
    },

    // ---------- saving ----------

    input() {
      const d = this.data;
      const progressNote = d.progressNote.trim();
      return {
        ...(d.caseId ? { id: d.caseId, version: d.version } : {}),
        caseNumber: d.caseNumber,
        cause: d.cause,
        // An unpicked day is left out, so the contract asks for it by name.
        acceptedOn: (d.acceptedOn || undefined) as string,
        timeLimit: (d.timeLimit || undefined) as string,
        handlingUnit: d.handlingUnit,
        stage: d.stage,
        ...(d.result.trim() ? { result: d.result } : {}),
        parties: d.parties.map((p) => {
          const age = numberOf(p.age);
          const sentenceMonths = numberOf(p.sentenceMonths);
          return {
            name: p.name,
            // An unchosen role is sent empty: the contract answers under the field.
            role: (PARTY_ROLES[p.roleIndex] ?? '') as PartyRole,
            ...(age === undefined ? {} : { age }),
            ...(sentenceMonths === undefined ? {} : { sentenceMonths }),
            recidivist: p.recidivist,
          };
        }),
        measures: d.measures.map((m) => ({
          partyName: m.partyName,
          measure: m.measure,
          from: (m.from || undefined) as string,
          ...(m.to ? { to: m.to } : {}),
        })),
        flags: { ...d.flags, sensitiveKind: KIND_OPTIONS[d.kindIndex]?.value ?? null },
        ...(d.caseId && progressNote ? { progressNote } : {}),
      };
    },

    /** A change of stage or result is sent to the people bound to the case: asked first. */
    async confirmProgress(): Promise<boolean> {
      const d = this.data;
      const shown = d.shown;
      if (!d.caseId || !shown) return true;
      const changed = d.stage.trim() !== shown.stage || d.result.trim() !== shown.result;
      if (!changed || shown.bindings.approved === 0) return true;
      const note = d.progressNote.trim();
      return confirm(
        '确认保存',
        `办案进程或处理结果已变更，保存后将通知已绑定本案的${shown.bindings.approved}人` +
          (note ? `：“${note}”` : '（未填写进展说明，将使用默认说明）') +
          '。通知发出后不能撤回，确定保存吗？',
        '保存并通知',
      );
    },

    async onSave(): Promise<void> {
      if (this.data.saving) return;
      this.setData({ saving: true, formError: '' });
      if (!(await this.confirmProgress())) {
        this.setData({ saving: false });
        return;
      }
      const registering = !this.data.caseId;
      const res = await call('cases', 'case.save', this.input());
      if (res.ok) {
        this.setData({ saving: false });
        this.show(res.data);
        toast(registering ? '案件已登记' : '案件已保存');
        return;
      }
      const { error } = res;
      if (error.code === 'CONFLICT') {
        this.setData({ saving: false });
        notice('案件已被他人修改', `${error.message}。已载入最新内容，请核对后重新修改。`);
        await this.load(this.data.caseId);
        return;
      }
      if (isRefusal(error.code)) {
        this.setData({ saving: false, state: 'forbidden' });
        return;
      }
      this.showErrors(error.message, fieldErrors(res));
    },

    /** Each problem under its field: the case's own, each party's and measure's, the flags'. */
    showErrors(message: string, byPath: Record<string, string>): void {
      let shown = false;
      const errors: Record<string, string> = {};
      for (const field of TOP_FIELDS) {
        if (byPath[field]) {
          errors[field] = byPath[field];
          shown = true;
        }
      }
      const flagsError = Object.entries(byPath).find(
        ([p]) => p === 'flags' || p.startsWith('flags.'),
      );
      if (flagsError) {
        errors.flags = flagsError[1];
        shown = true;
      }
      const parties = this.data.parties.map((p, i) => {
        const at = (f: string) => byPath[`parties.${i}.${f}`] ?? '';
        const rowErrors = {
          name: at('name'),
          role: at('role'),
          age: at('age'),
          sentenceMonths: at('sentenceMonths'),
          recidivist: at('recidivist'),
        };
        if (Object.values(rowErrors).some(Boolean)) shown = true;
        // A problem of the row as a whole (parties.1) shows under its name.
        if (byPath[`parties.${i}`] && !rowErrors.name) {
          rowErrors.name = byPath[`parties.${i}`];
          shown = true;
        }
        return { ...p, errors: rowErrors };
      });
      const measures = this.data.measures.map((m, i) => {
        const at = (f: string) => byPath[`measures.${i}.${f}`] ?? '';
        const rowErrors = {
          partyName: at('partyName') || byPath[`measures.${i}`] || '',
          measure: at('measure'),
          from: at('from'),
          to: at('to'),
        };
        if (Object.values(rowErrors).some(Boolean)) shown = true;
        return { ...m, errors: rowErrors };
      });
      this.setData({
        saving: false,
        errors,
        parties,
        measures,
        // What no field shows (the version, a state) shows above the button.
        formError: shown ? '' : message,
      });
      if (shown) toast('请按提示修改后再保存');
    },
  },
});
