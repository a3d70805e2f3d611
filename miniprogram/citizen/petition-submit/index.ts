// 信访: a citizen files a petition of one kind (opened as `?kind=` from the service hall; without
// one, the kinds are offered first). One form per kind: the common fields and that kind's own, as
// typings/petition.ts defines them. The petitioner's name and ID number come from the real-name
// profile, which is required. Files are uploaded as they are chosen. What is typed is kept as a
// draft per kind until the petition is filed; the form's client token files it once.
import type { ProfileView } from '../../../typings/account';
import type { PetitionKind, PetitionSubmitInput } from '../../../typings/petition';
import { TEMPLATE_IDS } from '../../config';
import { call } from '../../utils/api';
import {
  attachmentMethods,
  attachmentsForDraft,
  attachmentsProblem,
  uploadedFileIds,
  ATTACHMENTS_MAX,
  type Attachment,
} from '../../utils/attachments';
import { clearDraft, loadDraft, saveDraft } from '../../utils/draft';
import { requireProfile, showSubmitProblems } from '../../utils/form';
import {
  isPetitionKind,
  PROXY_RELATIONSHIP_NAMES,
  PROXY_RELATIONSHIPS,
  SEX_NAMES,
  SEXES,
} from '../../utils/petition-citizen';
import {
  PETITION_KIND_NAMES,
  PETITION_KINDS,
  PETITION_LIMITS as L,
} from '../../utils/petition-form';
import { newClientToken } from '../../utils/token';
import { toast } from '../../utils/ui';
import { loadUnits, placeUnit, unitPickerMethods, type UnitGroup } from '../../utils/units';

const DRAFT_PREFIX = 'draft:petition-submit:';

type FieldType = 'text' | 'number' | 'digit' | 'textarea' | 'select' | 'date';

interface Option {
  value: string;
  name: string;
}

/** One field of the form; `key` is its path in the contract (`compensation.victim.name`). */
interface FieldSpec {
  key: string;
  label: string;
  type: FieldType;
  required?: boolean;
  max?: number;
  hint?: string;
  options?: Option[];
  /** Shown after the field: a button removing the n-th compensation received. */
  removeReceived?: number;
}

/** A field as the wxml draws it. */
interface FieldView {
  key: string;
  /** The key with `_` for `.`: where its value and error live in data. */
  ekey: string;
  /** The element id: `f-` and the key with `-` for `.`. */
  id: string;
  label: string;
  type: FieldType;
  inputType: string;
  required: boolean;
  max: number;
  hint: string;
  names: string[];
  /** The options' values, in the order of `names`. */
  optionValues: string[];
  index: number;
  valueName: string;
  aria: string;
  removeReceived: number;
}

interface Section {
  key: string;
  title: string;
  fields: FieldView[];
  /** The section ends with the button adding a compensation received. */
  addReceived: boolean;
}

interface Draft {
  values: Record<string, string>;
  receivedCount: number;
  procuratorateId: string;
  procuratorateName: string;
  attachments: Attachment[];
  attachmentSeq: number;
  clientToken: string;
}

const ekey = (key: string) => key.replace(/\./g, '_');
const YES_NO: Option[] = [
  { value: 'yes', name: '是' },
  { value: 'no', name: '否' },
];
const options = <T extends string>(values: readonly T[], names: Record<T, string>): Option[] =>
  values.map((value) => ({ value, name: names[value] }));

/** Today in China time, `YYYY-MM-DD`. */
function today(): string {
  const d = new Date(Date.now() + 8 * 60 * 60 * 1000);
  const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const desc = (key: string, label: string, hint = ''): FieldSpec => ({
  key,
  label,
  type: 'textarea',
  required: true,
  max: L.descriptionMax,
  hint: hint || `${L.descriptionMin}至${L.descriptionMax}字`,
});

/** The decision appealed against (原处理决定), shared by the three appeals. */
const DECISION: FieldSpec[] = [
  {
    key: 'decision.title',
    label: '原处理决定名称',
    type: 'text',
    required: true,
    max: 100,
    hint: '如：刑事判决书',
  },
  {
    key: 'decision.number',
    label: '原处理决定文书编号',
    type: 'text',
    required: true,
    max: 60,
    hint: '判决书上的编号',
  },
  { key: 'decision.date', label: '原处理决定作出日期', type: 'date', required: true },
  {
    key: 'decision.organ',
    label: '作出决定的机关',
    type: 'text',
    required: true,
    max: 60,
    hint: '如：某区人民法院',
  },
];

/** The sections of one kind's own fields, as the current choices make them. */
function kindSections(
  kind: PetitionKind,
  v: Record<string, string>,
  receivedCount: number,
): { key: string; title: string; fields: FieldSpec[]; addReceived?: boolean }[] {
  switch (kind) {
    case 'accusation':
      return [
        {
          key: 'accused',
          title: '被控告人',
          fields: [
            {
              key: 'accused.name',
              label: '被控告人姓名或单位名称',
              type: 'text',
              required: true,
              max: 100,
            },
            { key: 'accused.position', label: '被控告人职务', type: 'text', max: 50 },
            desc('accused.conduct', '被控告的行为'),
          ],
        },
      ];
    case 'criminal_appeal':
    case 'civil_appeal':
    case 'administrative_appeal':
      return [{ key: 'decision', title: '原处理决定', fields: DECISION }];
    case 'state_compensation': {
      const organisation = v[ekey('compensation.victim.type')] === 'organisation';
      const victim: FieldSpec[] = organisation
        ? [
            {
              key: 'compensation.victim.name',
              label: '受害单位名称',
              type: 'text',
              required: true,
              max: 100,
            },
            {
              key: 'compensation.victim.domicile',
              label: '受害单位住所',
              type: 'text',
              required: true,
              max: L.addressMax,
            },
            {
              key: 'compensation.victim.legalRepresentative',
              label: '法定代表人或主要负责人姓名',
              type: 'text',
              required: true,
              max: L.nameMax,
            },
          ]
        : [
            {
              key: 'compensation.victim.name',
              label: '受害人姓名',
              type: 'text',
              required: true,
              max: L.nameMax,
            },
            {
              key: 'compensation.victim.sex',
              label: '受害人性别',
              type: 'select',
              required: true,
              options: options(SEXES, SEX_NAMES),
            },
            {
              key: 'compensation.victim.age',
              label: '受害人年龄',
              type: 'number',
              required: true,
              max: 3,
              hint: '周岁',
            },
            {
              key: 'compensation.victim.employer',
              label: '受害人工作单位',
              type: 'text',
              required: true,
              max: 100,
              hint: '无工作单位请填“无”',
            },
            {
              key: 'compensation.victim.domicile',
              label: '受害人住所',
              type: 'text',
              required: true,
              max: L.addressMax,
            },
          ];
      const claimant: FieldSpec[] = [
        {
          key: 'compensation.claimantIsVictim',
          label: '申请人是否为受害人本人',
          type: 'select',
          required: true,
          options: YES_NO,
        },
      ];
      if (v[ekey('compensation.claimantIsVictim')] === 'no') {
        claimant.push({
          key: 'compensation.relationship',
          label: '申请人与受害人的关系',
          type: 'text',
          required: true,
          max: 50,
          hint: '如：配偶、子女',
        });
      }
      return [
        {
          key: 'victim',
          title: '受害人',
          fields: [
            {
              key: 'compensation.victim.type',
              label: '受害人类型',
              type: 'select',
              required: true,
              options: [
                { value: 'person', name: '个人' },
                { value: 'organisation', name: '单位' },
              ],
            },
            ...victim,
            ...claimant,
          ],
        },
        {
          key: 'compensation',
          title: '赔偿请求',
          fields: [
            {
              key: 'compensation.amount',
              label: '请求赔偿金额（元）',
              type: 'digit',
              required: true,
              max: 12,
              hint: '最多两位小数',
            },
            {
              key: 'compensation.specificRequest',
              label: '具体赔偿要求',
              type: 'textarea',
              required: true,
              max: 500,
              hint: '写明赔偿的项目和方式，5至500字',
            },
            {
              key: 'compensation.applicationDate',
              label: '申请日期',
              type: 'date',
              required: true,
            },
          ],
        },
      ];
    }
    case 'judicial_assistance': {
      const received: FieldSpec[] = [];
      for (let i = 0; i < receivedCount; i++) {
        received.push(
          {
            key: `assistance.received.${i}.amount`,
            label: `第${i + 1}项 已获金额（元）`,
            type: 'digit',
            required: true,
            max: 12,
          },
          {
            key: `assistance.received.${i}.source`,
            label: `第${i + 1}项 来源`,
            type: 'text',
            required: true,
            max: 100,
            hint: '如：被告人赔偿',
            removeReceived: i,
          },
        );
      }
      return [
        {
          key: 'assistance',
          title: '救助申请',
          fields: [
            desc('assistance.harm', '遭受的实际损害'),
            desc('assistance.hardship', '生活困难情况'),
          ],
        },
        {
          key: 'received',
          title: '已获赔偿或救助（没有可不填）',
          fields: received,
          addReceived: receivedCount < L.receivedMax,
        },
      ];
    }
    case 'public_interest_clue':
      return [
        {
          key: 'clue',
          title: '公益诉讼线索',
          fields: [
            desc('clue.interestHarmed', '受到损害的公共利益'),
            {
              key: 'clue.responsibleParty',
              label: '违法行为主体',
              type: 'text',
              required: true,
              max: 100,
            },
          ],
        },
      ];
    case 'staff_misconduct':
      return [
        {
          key: 'staff',
          title: '被举报的检察人员',
          fields: [
            {
              key: 'staff.name',
              label: '被举报人姓名',
              type: 'text',
              required: true,
              max: L.nameMax,
            },
            {
              key: 'staff.procuratorate',
              label: '被举报人所在检察院',
              type: 'text',
              required: true,
              max: 60,
            },
            desc('staff.conduct', '违法违纪行为'),
          ],
        },
      ];
    default:
      return [];
  }
}

/** Every section of the form for `kind`, in order. */
function sectionsFor(kind: PetitionKind, v: Record<string, string>, receivedCount: number) {
  const proxy: FieldSpec[] = [
    {
      key: 'proxy',
      label: '为谁信访',
      type: 'select',
      required: true,
      options: [
        { value: 'self', name: '本人' },
        { value: 'other', name: '代他人信访' },
      ],
    },
  ];
  if (v.proxy === 'other') {
    proxy.push(
      {
        key: 'onBehalfOf.name',
        label: '被代理人姓名',
        type: 'text',
        required: true,
        max: L.nameMax,
      },
      {
        key: 'onBehalfOf.relationship',
        label: '与被代理人的关系',
        type: 'select',
        required: true,
        options: options(PROXY_RELATIONSHIPS, PROXY_RELATIONSHIP_NAMES),
      },
      {
        key: 'onBehalfOf.note',
        label: '关系说明',
        type: 'text',
        required: v[ekey('onBehalfOf.relationship')] === 'other',
        max: 50,
      },
    );
  }
  return [
    { key: 'petitioner', title: '信访人', fields: proxy },
    ...kindSections(kind, v, receivedCount),
    {
      key: 'content',
      title: '信访内容',
      fields: [
        {
          key: 'request',
          label: '诉求',
          type: 'textarea',
          required: true,
          max: L.requestMax,
          hint: `您希望检察院做什么，${L.requestMin}至${L.requestMax}字`,
        },
        {
          key: 'facts',
          label: '事实',
          type: 'textarea',
          required: true,
          max: L.factsMax,
          hint: `事情的经过：时间、地点、人物、经过，${L.factsMin}至${L.factsMax}字`,
        },
        {
          key: 'reasons',
          label: '理由',
          type: 'textarea',
          required: true,
          max: L.reasonsMax,
          hint: `提出诉求的理由和依据，${L.reasonsMin}至${L.reasonsMax}字`,
        },
      ] as FieldSpec[],
    },
    {
      key: 'contact',
      title: '联系方式',
      fields: [
        {
          key: 'address',
          label: '住址',
          type: 'text',
          required: true,
          max: L.addressMax,
          hint: '便于寄送书面答复',
        },
        {
          key: 'contact',
          label: '联系电话',
          type: 'number',
          required: true,
          max: 11,
          hint: '11位手机号码',
        },
      ] as FieldSpec[],
    },
  ];
}

function fieldView(spec: FieldSpec, v: Record<string, string>): FieldView {
  const value = v[ekey(spec.key)] ?? '';
  const opts = spec.options ?? [];
  const index = opts.findIndex((o) => o.value === value);
  const valueName = spec.type === 'date' ? value : index >= 0 ? opts[index].name : '';
  const pick = spec.type === 'select' || spec.type === 'date';
  const hint = spec.hint ?? (pick ? '请选择' : '');
  const need = spec.required ? '必填' : '选填';
  return {
    key: spec.key,
    ekey: ekey(spec.key),
    id: `f-${spec.key.replace(/\./g, '-')}`,
    label: spec.label,
    type: spec.type,
    inputType: spec.type === 'text' ? 'text' : spec.type,
    required: !!spec.required,
    max: spec.max ?? 140,
    hint,
    names: opts.map((o) => o.name),
    optionValues: opts.map((o) => o.value),
    index,
    valueName,
    aria: pick
      ? `${spec.label}，${need}，${valueName || hint}`
      : `${spec.label}，${need}${spec.hint ? `，${spec.hint}` : ''}`,
    removeReceived: spec.removeReceived ?? -1,
  };
}

function buildSections(kind: PetitionKind, v: Record<string, string>, receivedCount: number) {
  return sectionsFor(kind, v, receivedCount).map((s): Section => ({
    key: s.key,
    title: s.title,
    fields: s.fields.map((f) => fieldView(f, v)),
    addReceived: 'addReceived' in s ? !!s.addReceived : false,
  }));
}

/** Sets `obj.a.b.0.c = value` along a contract path, creating objects and arrays on the way. */
function setPath(obj: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split('.');
  let at: Record<string, unknown> = obj;
  parts.slice(0, -1).forEach((part, i) => {
    if (at[part] === undefined) at[part] = /^\d+$/.test(parts[i + 1]) ? [] : {};
    at = at[part] as Record<string, unknown>;
  });
  at[parts[parts.length - 1]] = value;
}

/** The value sent for a field: booleans for yes/no, strings otherwise ('' lets the contract say what is missing). */
function sent(spec: FieldView, value: string): unknown {
  if (spec.key === 'compensation.claimantIsVictim') {
    return value === 'yes' ? true : value === 'no' ? false : undefined;
  }
  return value;
}

/** Asks for the progress notifications; must run synchronously inside the tap (WeChat's rule). */
function askSubscription(): Promise<void> {
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: [TEMPLATE_IDS.petitionProgress],
      // Accepted or not, the petition is filed all the same.
      success: () => resolve(),
      fail: () => resolve(),
    });
  });
}

function emptyValues(kind: PetitionKind): Record<string, string> {
  const v: Record<string, string> = { proxy: 'self' };
  if (kind === 'state_compensation') {
    v[ekey('compensation.victim.type')] = 'person';
    v[ekey('compensation.claimantIsVictim')] = 'yes';
    v[ekey('compensation.applicationDate')] = today();
  }
  return v;
}

Component({
  data: {
    state: 'kinds' as 'kinds' | 'loading' | 'noprofile' | 'error' | 'form',
    errorMessage: '',
    kinds: PETITION_KINDS.map((k) => ({ kind: k, name: PETITION_KIND_NAMES[k] })),
    kind: '' as PetitionKind | '',
    kindName: '',
    profile: null as ProfileView | null,
    values: {} as Record<string, string>,
    receivedCount: 0,
    sections: [] as Section[],
    procuratorateId: '',
    procuratorateName: '',
    unitGroups: [] as UnitGroup[],
    unitColumns: [[], []] as string[][],
    unitIndex: [0, 0],
    unitsState: 'loading' as 'loading' | 'ready' | 'error',
    attachments: [] as Attachment[],
    attachmentSeq: 0,
    attachmentsMax: ATTACHMENTS_MAX,
    clientToken: '',
    errors: {} as Record<string, string>,
    formError: '',
    submitting: false,
    result: null as null | { id: string; receiptNumber: string; duplicate: boolean },
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      void loadUnits(this);
      if (isPetitionKind(query.kind)) this.startKind(query.kind);
    },

    /** Back from the profile page: the profile may exist now. */
    onShow(): void {
      if (this.data.state === 'noprofile') void this.loadProfile();
    },

    onChooseKind(e: WechatMiniprogram.TouchEvent<object, object, { kind: string }>): void {
      const kind = e.currentTarget.dataset.kind;
      if (isPetitionKind(kind)) this.startKind(kind);
    },

    onChangeKind(): void {
      this.setData({ state: 'kinds', kind: '', kindName: '', errors: {}, formError: '' });
    },

    startKind(kind: PetitionKind): void {
      const draft = loadDraft<Draft>(DRAFT_PREFIX + kind);
      const values = { ...emptyValues(kind), ...(draft?.values ?? {}) };
      const receivedCount = Math.min(Number(draft?.receivedCount) || 0, L.receivedMax);
      this.setData({
        kind,
        kindName: PETITION_KIND_NAMES[kind],
        values,
        receivedCount,
        sections: buildSections(kind, values, receivedCount),
        procuratorateId: draft?.procuratorateId ?? '',
        procuratorateName: draft?.procuratorateName ?? '',
        attachments: Array.isArray(draft?.attachments) ? draft.attachments : [],
        attachmentSeq: Number(draft?.attachmentSeq) || 0,
        clientToken: draft?.clientToken || newClientToken(),
        errors: {},
        formError: '',
        result: null,
      });
      placeUnit(this);
      void this.loadProfile();
    },

    async loadProfile(): Promise<void> {
      this.setData({ state: 'loading' });
      const profile = await requireProfile(this);
      if (!profile) return;
      const patch: Record<string, unknown> = { state: 'form', profile };
      if (!this.data.values.contact && profile.mobile) patch['values.contact'] = profile.mobile;
      this.setData(patch);
    },

    onRetryProfile(): void {
      void this.loadProfile();
    },

    onOpenProfile(): void {
      wx.navigateTo({ url: '/citizen/profile/index' });
    },

    saveDraft(): void {
      const d = this.data;
      if (!d.kind || d.result) return;
      const draft: Draft = {
        values: d.values,
        receivedCount: d.receivedCount,
        procuratorateId: d.procuratorateId,
        procuratorateName: d.procuratorateName,
        attachments: attachmentsForDraft(d.attachments),
        attachmentSeq: d.attachmentSeq,
        clientToken: d.clientToken,
      };
      saveDraft(DRAFT_PREFIX + d.kind, draft);
    },

    // ---------- the procuratorate ----------

    ...unitPickerMethods(),

    // ---------- fields ----------

    clearError(key: string): void {
      if (this.data.errors[key]) this.setData({ [`errors.${key}`]: '' });
    },

    onInput(e: WechatMiniprogram.Input & { currentTarget: { dataset: { key: string } } }): void {
      const key = e.currentTarget.dataset.key;
      this.setData({ [`values.${key}`]: e.detail.value });
      this.clearError(key);
      this.saveDraft();
    },

    /** A choice may change which fields there are (victim type, proxy, relationship). */
    setChoice(key: string, value: string): void {
      const values = { ...this.data.values, [key]: value };
      this.setData({
        values,
        sections: buildSections(this.data.kind as PetitionKind, values, this.data.receivedCount),
      });
      this.clearError(key);
      this.saveDraft();
    },

    onSelect(e: WechatMiniprogram.PickerChange & { currentTarget: { dataset: { key: string } } }) {
      const key = e.currentTarget.dataset.key;
      const value = this.findField(key)?.optionValues[Number(e.detail.value)];
      if (value !== undefined) this.setChoice(key, value);
    },

    onDate(e: WechatMiniprogram.PickerChange & { currentTarget: { dataset: { key: string } } }) {
      this.setChoice(e.currentTarget.dataset.key, String(e.detail.value));
    },

    findField(key: string): FieldView | undefined {
      for (const s of this.data.sections) {
        const f = s.fields.find((x) => x.ekey === key);
        if (f) return f;
      }
      return undefined;
    },

    onAddReceived(): void {
      const receivedCount = Math.min(this.data.receivedCount + 1, L.receivedMax);
      this.setData({
        receivedCount,
        sections: buildSections(this.data.kind as PetitionKind, this.data.values, receivedCount),
      });
      this.saveDraft();
    },

    onRemoveReceived(e: WechatMiniprogram.TouchEvent<object, object, { index: number }>): void {
      const at = Number(e.currentTarget.dataset.index);
      const n = this.data.receivedCount;
      const values = { ...this.data.values };
      for (let i = at; i < n; i++) {
        for (const part of ['amount', 'source']) {
          const next = values[ekey(`assistance.received.${i + 1}.${part}`)];
          const here = ekey(`assistance.received.${i}.${part}`);
          if (next === undefined) delete values[here];
          else values[here] = next;
        }
      }
      const receivedCount = n - 1;
      this.setData({
        values,
        receivedCount,
        errors: {},
        sections: buildSections(this.data.kind as PetitionKind, values, receivedCount),
      });
      this.saveDraft();
    },

    // ---------- attachments: `petitions/<clientToken>/<n>.<ext>` ----------

    ...attachmentMethods('petitions', 'clientToken', 'attachments'),

    // ---------- submit ----------

    buildInput(): PetitionSubmitInput {
      const d = this.data;
      const input: Record<string, unknown> = {
        kind: d.kind,
        procuratorateId: d.procuratorateId,
        attachments: uploadedFileIds(d.attachments),
        clientToken: d.clientToken,
      };
      for (const s of d.sections) {
        for (const f of s.fields) {
          if (f.key === 'proxy') continue;
          const value = sent(f, d.values[f.ekey] ?? '');
          if (value !== undefined) setPath(input, f.key, value);
        }
      }
      if (d.kind === 'judicial_assistance' && !d.receivedCount) {
        setPath(input, 'assistance.received', []);
      }
      // Built from the fields the contract names; the function checks every value.
      return input as unknown as PetitionSubmitInput;
    },

    /**
     * The submit tap. The notification prompt is requested here, synchronously, because WeChat only
     * shows it in answer to a tap; the petition is filed whatever the answer.
     */
    onSubmit(): void {
      if (this.data.submitting || this.data.result || this.data.state !== 'form') return;
      const problem = attachmentsProblem(this.data.attachments);
      if (problem) {
        this.setData({ 'errors.attachments': problem });
        toast(problem);
        return;
      }
      this.setData({ submitting: true, formError: '' });
      void this.submit(askSubscription());
    },

    /** The field an issue's path belongs to: itself, or the first field inside it. */
    fieldOf(path: string): string | null {
      const fields = this.data.sections.flatMap((s) => s.fields);
      const exact = fields.find((f) => f.key === path);
      if (exact) return exact.ekey;
      if (path === 'procuratorateId' || path === 'attachments') return path;
      if (path.startsWith('attachments.')) return 'attachments';
      const inside = fields.find((f) => f.key.startsWith(`${path}.`));
      return inside ? inside.ekey : null;
    },

    async submit(asked: Promise<void>): Promise<void> {
      await asked;
      const res = await call('petition', 'submit', this.buildInput());
      if (res.ok) {
        clearDraft(DRAFT_PREFIX + this.data.kind);
        this.setData({ submitting: false, errors: {}, result: res.data });
        wx.pageScrollTo({ scrollTop: 0, duration: 0 });
        return;
      }
      const { error } = res;
      if (error.code === 'PRECONDITION_FAILED' && /实名/.test(error.message)) {
        this.setData({ submitting: false, state: 'noprofile' });
        return;
      }
      // A rejected content is the form's to say; anything else a toast.
      const inForm = error.code === 'CONTENT_REJECTED';
      showSubmitProblems(this, res, (path) => this.fieldOf(path), inForm);
    },

    onOpenDetail(): void {
      const r = this.data.result;
      if (r) wx.redirectTo({ url: `/citizen/petition-detail/index?id=${r.id}` });
    },

    onOpenMine(): void {
      wx.redirectTo({ url: '/citizen/petition-mine/index' });
    },
  },
});
