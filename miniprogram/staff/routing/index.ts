// 信访分流设置 (staff): which department of the procuratorate receives each kind of petition. The
// administrator changes it (all nine kinds saved at once, after a confirmation: only petitions
// filed later follow it); registrars and leaders see it read-only; the function refuses anyone else.
import type { PetitionKind, PetitionRoutingView } from '../../../typings/petition';
import { call, fieldErrors, isRefusal } from '../../utils/api';
import { maySetRouting } from '../../utils/staff';
import { formatTime } from '../../utils/time';
import { confirm, toast } from '../../utils/ui';

interface Department {
  id: string;
  name: string;
}

interface Row {
  kind: PetitionKind;
  kindName: string;
  /** The department saved now; what a change is measured against. */
  savedId: string | null;
  /** The department chosen on the page (the saved one until the administrator picks another). */
  departmentId: string | null;
  departmentIndex: number;
  departmentName: string;
  /** The national default applies (nothing saved for this kind). */
  isDefault: boolean;
  changed: boolean;
  error: string;
}

function toRows(view: PetitionRoutingView): Row[] {
  return view.routes.map((r) => {
    const index = view.departments.findIndex((d) => d.id === r.departmentId);
    return {
      kind: r.kind,
      kindName: r.kindName,
      savedId: r.departmentId,
      departmentId: r.departmentId,
      departmentIndex: index,
      departmentName: r.departmentName ?? '未设置',
      isDefault: r.isDefault,
      changed: false,
      error: '',
    };
  });
}

function shown(view: PetitionRoutingView) {
  return {
    procuratorateName: view.procuratorateName,
    departments: view.departments,
    rows: toRows(view),
    updatedAtText: formatTime(view.updatedAt),
    dirty: false,
    formError: '',
  };
}

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'forbidden' | 'error',
    errorMessage: '',
    procuratorateName: '',
    departments: [] as Department[],
    rows: [] as Row[],
    updatedAtText: '',
    /** Only the administrator may change the table; the others see it. */
    canEdit: false,
    /** Something differs from what is saved: the save button is enabled only then. */
    dirty: false,
    formError: '',
    saving: false,
  },

  methods: {
    onLoad(): void {
      void this.load();
    },

    async load(): Promise<void> {
      this.setData({ state: 'loading' });
      const [who, res] = await Promise.all([
        call('account', 'whoami', {}),
        call('petition', 'routing.get', {}),
      ]);
      if (!res.ok) {
        const refused = isRefusal(res.error.code);
        this.setData(
          refused
            ? { state: 'forbidden', errorMessage: res.error.message }
            : { state: 'error', errorMessage: res.error.message },
        );
        return;
      }
      const staff = who.ok ? who.data.staff : null;
      this.setData({ state: 'ready', canEdit: maySetRouting(staff), ...shown(res.data) });
    },

    onRetry(): void {
      void this.load();
    },

    onDepartmentChange(
      e: WechatMiniprogram.CustomEvent<{ value: string | number }, object, { kind: string }>,
    ): void {
      if (!this.data.canEdit || this.data.saving) return;
      const index = Number(e.detail.value);
      const department = this.data.departments[index];
      if (!department) return;
      const rows = this.data.rows.map((row) =>
        row.kind === e.currentTarget.dataset.kind
          ? {
              ...row,
              departmentId: department.id,
              departmentIndex: index,
              departmentName: department.name,
              changed: department.id !== row.savedId,
              error: '',
            }
          : row,
      );
      this.setData({ rows, dirty: rows.some((r) => r.changed), formError: '' });
    },

    async onSave(): Promise<void> {
      const d = this.data;
      if (!d.canEdit || !d.dirty || d.saving) return;
      const missing = d.rows.filter((r) => !r.departmentId);
      if (missing.length > 0) {
        this.setData({
          rows: d.rows.map((r) => (r.departmentId ? r : { ...r, error: '请选择承办部门' })),
        });
        return;
      }
      this.setData({ saving: true });
      const names = d.rows
        .filter((r) => r.changed)
        .map((r) => `${r.kindName}：${r.departmentName}`)
        .join('；');
      const sure = await confirm(
        '确认保存分流设置',
        `${names}。保存后，新收到的信访将分流到新的承办部门，已收到的信访不受影响。确定保存吗？`,
        '确认保存',
      );
      if (!sure) {
        this.setData({ saving: false });
        return;
      }
      const routes = Object.fromEntries(d.rows.map((r) => [r.kind, r.departmentId])) as Record<
        PetitionKind,
        string
      >;
      const res = await call('petition', 'routing.set', { routes });
      if (res.ok) {
        this.setData({ saving: false, ...shown(res.data) });
        toast('分流设置已保存');
        return;
      }
      const byField = fieldErrors(res);
      const rows = this.data.rows.map((r) => ({ ...r, error: byField[`routes.${r.kind}`] ?? '' }));
      const onRow = rows.some((r) => r.error);
      this.setData({ saving: false, rows, formError: onRow ? '' : res.error.message });
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },
  },
});
