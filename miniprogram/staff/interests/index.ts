// 利益关系申报 (staff): the caller declares their relatives and associates (name, relation and, when
// known, ID number) and the organisations they have an interest in. Assigning a petition and
// deciding a recusal (回避) check petitions against the declaration, so whoever has an interest in
// one is not given it. A declared ID number is shown masked; left empty it keeps the one declared
// before for the same name and relation. Each problem the function finds shows under its field.
import type { InterestRelation, StaffInterestsView } from '../../../typings/account';
import { call, fieldErrors, isRefusal } from '../../utils/api';
import { formatTime } from '../../utils/time';
import { toast } from '../../utils/ui';

/** The contract's relations and their names (typings/account.ts INTEREST_RELATION_NAMES). */
const RELATIONS: { value: InterestRelation; name: string }[] = [
  { value: 'spouse', name: '配偶' },
  { value: 'parent', name: '父母' },
  { value: 'child', name: '子女' },
  { value: 'sibling', name: '兄弟姐妹' },
  { value: 'other_relative', name: '其他近亲属' },
  { value: 'associate', name: '其他利害关系人' },
];

const LIMITS = { relativesMax: 50, organisationsMax: 20, nameMax: 30, organisationMax: 100 };

interface RelativeRow {
  key: string;
  name: string;
  relationIndex: number;
  /** A new ID number typed in; empty keeps the saved one (same name and relation). */
  idNumber: string;
  /** As saved: what the masked number belongs to. */
  savedName: string;
  savedRelation: string;
  savedMasked: string;
  /** The saved number still applies: name and relation unchanged and nothing new typed. */
  showsSaved: boolean;
  errors: { name: string; relation: string; idNumber: string };
}

interface OrganisationRow {
  key: string;
  name: string;
  error: string;
}

const noErrors = () => ({ name: '', relation: '', idNumber: '' });

function withSaved(row: RelativeRow): RelativeRow {
  const relation = RELATIONS[row.relationIndex]?.value ?? '';
  return {
    ...row,
    showsSaved:
      !!row.savedMasked &&
      row.idNumber.trim() === '' &&
      row.name.trim() === row.savedName &&
      relation === row.savedRelation,
  };
}

let seq = 0;
const nextKey = (prefix: string) => {
  seq += 1;
  return `${prefix}${seq}`;
};

function rowsOf(view: StaffInterestsView) {
  return {
    relatives: view.relatives.map((r) =>
      withSaved({
        key: nextKey('r'),
        name: r.name,
        relationIndex: RELATIONS.findIndex((o) => o.value === r.relation),
        idNumber: '',
        savedName: r.name,
        savedRelation: r.relation,
        savedMasked: r.idNumberMasked ?? '',
        showsSaved: false,
        errors: noErrors(),
      }),
    ),
    organisations: view.organisations.map((name) => ({ key: nextKey('o'), name, error: '' })),
    updatedAtText: view.updatedAt ? formatTime(view.updatedAt) : '',
    declared: view.relatives.length + view.organisations.length > 0,
    relativesError: '',
    organisationsError: '',
    formError: '',
  };
}

type RowEvent = WechatMiniprogram.CustomEvent<
  { value: string | number },
  object,
  { index: number }
>;

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'forbidden' | 'error',
    errorMessage: '',
    relationOptions: RELATIONS,
    limits: LIMITS,
    relatives: [] as RelativeRow[],
    organisations: [] as OrganisationRow[],
    updatedAtText: '',
    /** Something is saved: the empty state shows only when nothing is. */
    declared: false,
    relativesError: '',
    organisationsError: '',
    formError: '',
    saving: false,
  },

  methods: {
    onLoad(): void {
      void this.load();
    },

    async load(): Promise<void> {
      this.setData({ state: 'loading' });
      const res = await call('account', 'interests.get', {});
      if (!res.ok) {
        const refused = isRefusal(res.error.code);
        this.setData({ state: refused ? 'forbidden' : 'error', errorMessage: res.error.message });
        return;
      }
      this.setData({ state: 'ready', ...rowsOf(res.data) });
    },

    onRetry(): void {
      void this.load();
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },

    // ---------- relatives and associates ----------

    onAddRelative(): void {
      if (this.data.relatives.length >= LIMITS.relativesMax) return;
      const row: RelativeRow = {
        key: nextKey('r'),
        name: '',
        relationIndex: -1,
        idNumber: '',
        savedName: '',
        savedRelation: '',
        savedMasked: '',
        showsSaved: false,
        errors: noErrors(),
      };
      this.setData({ relatives: [...this.data.relatives, row], relativesError: '' });
    },

    onRemoveRelative(e: RowEvent): void {
      const index = e.currentTarget.dataset.index;
      this.setData({ relatives: this.data.relatives.filter((_, i) => i !== index) });
    },

    onRelativeName(e: RowEvent): void {
      this.updateRelative(e.currentTarget.dataset.index, 'name', { name: String(e.detail.value) });
    },

    onRelativeRelation(e: RowEvent): void {
      this.updateRelative(e.currentTarget.dataset.index, 'relation', {
        relationIndex: Number(e.detail.value),
      });
    },

    onRelativeId(e: RowEvent): void {
      this.updateRelative(e.currentTarget.dataset.index, 'idNumber', {
        idNumber: String(e.detail.value),
      });
    },

    updateRelative(
      index: number,
      field: keyof RelativeRow['errors'],
      change: Partial<RelativeRow>,
    ): void {
      const row = this.data.relatives[index];
      if (!row) return;
      this.setData({
        [`relatives[${index}]`]: withSaved({
          ...row,
          ...change,
          errors: { ...row.errors, [field]: '' },
        }),
      });
    },

    // ---------- organisations ----------

    onAddOrganisation(): void {
      if (this.data.organisations.length >= LIMITS.organisationsMax) return;
      this.setData({
        organisations: [...this.data.organisations, { key: nextKey('o'), name: '', error: '' }],
        organisationsError: '',
      });
    },

    onRemoveOrganisation(e: RowEvent): void {
      const index = e.currentTarget.dataset.index;
      this.setData({ organisations: this.data.organisations.filter((_, i) => i !== index) });
    },

    onOrganisationName(e: RowEvent): void {
      const index = e.currentTarget.dataset.index;
      this.setData({
        [`organisations[${index}].name`]: String(e.detail.value),
        [`organisations[${index}].error`]: '',
      });
    },

    // ---------- saving ----------

    async onSave(): Promise<void> {
      if (this.data.saving) return;
      const d = this.data;
      this.setData({ saving: true, formError: '' });
      const res = await call('account', 'interests.save', {
        relatives: d.relatives.map((r) => {
          const idNumber = r.idNumber.trim();
          return {
            name: r.name.trim(),
            // An unchosen relation is sent empty: the contract answers under the field.
            relation: (RELATIONS[r.relationIndex]?.value ?? '') as InterestRelation,
            ...(idNumber ? { idNumber } : {}),
          };
        }),
        // Every row is sent, an empty one too, so each problem's index is the row's.
        organisations: d.organisations.map((o) => o.name.trim()),
      });
      if (res.ok) {
        this.setData({ saving: false, ...rowsOf(res.data) });
        toast('利益关系申报已保存');
        return;
      }
      const byPath = fieldErrors(res);
      let shown = false;
      const relatives = this.data.relatives.map((r, i) => {
        const errors = {
          name: byPath[`relatives.${i}.name`] ?? '',
          relation: byPath[`relatives.${i}.relation`] ?? '',
          idNumber: byPath[`relatives.${i}.idNumber`] ?? '',
        };
        if (errors.name || errors.relation || errors.idNumber) shown = true;
        return { ...r, errors };
      });
      const organisations = this.data.organisations.map((o, i) => {
        const error = byPath[`organisations.${i}`] ?? '';
        if (error) shown = true;
        return { ...o, error };
      });
      const relativesError = byPath.relatives ?? '';
      const organisationsError = byPath.organisations ?? '';
      this.setData({
        saving: false,
        relatives,
        organisations,
        relativesError,
        organisationsError,
        formError: shown || relativesError || organisationsError ? '' : res.error.message,
      });
      if (shown) toast('请按提示修改后再保存');
    },
  },
});
