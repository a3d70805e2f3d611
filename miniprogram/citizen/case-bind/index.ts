// 申请绑定案件: a person asks to be bound to a case so they may query its procedure information —
// a citizen as party (当事人本人), legal representative or close relative, with a real-name
// profile; a lawyer verified by lawyer.get as defender or agent. The case number is typed as it is
// written on the notice (any bracket style), the proofs the role needs (BINDING_PROOFS) are uploaded
// as photos or PDF files, and the case-management staff of the case's procuratorate review it. The
// party's name of 当事人本人 is the profile's, shown and not typed. The answer comes as an
// `appointmentResult` message, asked for in the submit tap before the confirmation. What is typed is
// kept as a draft until the request is sent.
import type { ProfileView } from '../../../typings/account';
import type { BindingRole, BindingView, LawyerView } from '../../../typings/cases';
import type { ActionInput } from '../../../typings/index';
import { call } from '../../utils/api';
import {
  attachmentMethods,
  attachmentsForDraft,
  attachmentsProblem,
  uploadedFileIds,
  ATTACHMENTS_MAX,
  type Attachment,
} from '../../utils/attachments';
import {
  askSubscription,
  BINDING_NOTE_MAX,
  BINDING_PROOFS,
  BINDING_ROLE_NAMES,
  CASE_NUMBER_EXAMPLE,
  CASE_TEMPLATE_IDS,
  CITIZEN_BINDING_ROLES,
  LAWYER_BINDING_ROLES,
} from '../../utils/cases';
import { clearDraft, loadDraft, saveDraft } from '../../utils/draft';
import { showSubmitProblems } from '../../utils/form';
import { newClientToken } from '../../utils/token';
import { confirm, toast } from '../../utils/ui';

const DRAFT_KEY = 'draft:case-bind';

type FieldKey = 'caseNumber' | 'partyName' | 'note';
const TYPED: FieldKey[] = ['caseNumber', 'partyName', 'note'];

interface Draft {
  caseNumber: string;
  role: BindingRole | '';
  partyName: string;
  note: string;
  attachments: Attachment[];
  attachmentSeq: number;
  token: string;
}

/** What the party-name field is called for each role. */
const PARTY_LABELS: Record<BindingRole, { label: string; hint: string }> = {
  party: { label: '当事人姓名', hint: '您本人的姓名' },
  legal_representative: { label: '被代理的当事人姓名', hint: '您作为其法定代理人的当事人' },
  close_relative: { label: '当事人姓名', hint: '您作为其近亲属的当事人' },
  defender: { label: '委托人姓名', hint: '您为其辩护的犯罪嫌疑人或被告人' },
  agent: { label: '委托人姓名', hint: '您代理的当事人' },
};

function isLawyerRole(role: BindingRole | ''): boolean {
  return role !== '' && LAWYER_BINDING_ROLES.includes(role);
}

/** The field an issue's path belongs to. */
function fieldOf(path: string): string | null {
  if (path === 'caseNumber' || path === 'role' || path === 'partyName' || path === 'note') {
    return path;
  }
  if (path === 'proofs' || path.startsWith('proofs.')) return 'proofs';
  return null;
}

Component({
  data: {
    state: 'loading' as 'loading' | 'error' | 'form',
    errorMessage: '',
    profile: null as ProfileView | null,
    lawyer: null as LawyerView | null,
    /** Defender and agent are offered only to a lawyer whose verification was approved. */
    lawyerApproved: false,
    roles: [] as BindingRole[],
    roleNames: [] as string[],
    roleIndex: -1,
    role: '' as BindingRole | '',
    roleName: '',
    /** The chosen role is a citizen's and there is no profile yet. */
    needsProfile: false,
    partyLabel: '当事人姓名',
    partyHint: '',
    /** 当事人本人: the profile's name, shown, not typed. */
    partyFixed: false,
    proofText: '',
    caseNumberExample: CASE_NUMBER_EXAMPLE,
    noteMax: BINDING_NOTE_MAX,
    caseNumber: '',
    partyName: '',
    note: '',
    attachments: [] as Attachment[],
    attachmentSeq: 0,
    attachmentsMax: ATTACHMENTS_MAX,
    /** Where this form's proofs are stored: `bindings/<token>/<n>.<ext>`. */
    token: '',
    errors: {} as Record<string, string>,
    formError: '',
    submitting: false,
    result: null as null | {
      caseNumber: string;
      procuratorateName: string;
      roleName: string;
      partyName: string;
      statusName: string;
    },
  },

  methods: {
    onLoad(): void {
      const draft = loadDraft<Draft>(DRAFT_KEY);
      this.setData({
        caseNumber: draft?.caseNumber ?? '',
        role: draft?.role ?? '',
        partyName: draft?.partyName ?? '',
        note: draft?.note ?? '',
        attachments: Array.isArray(draft?.attachments) ? draft.attachments : [],
        attachmentSeq: Number(draft?.attachmentSeq) || 0,
        token: draft?.token || newClientToken(),
      });
      void this.load();
    },

    /** Back from the profile or the lawyer page: what was missing may be there now. */
    onShow(): void {
      if (this.data.state === 'form' && !this.data.result) void this.load(true);
    },

    /** The profile and the lawyer's verification decide the roles offered. */
    async load(quiet = false): Promise<void> {
      if (!quiet) this.setData({ state: 'loading' });
      const [profile, lawyer] = await Promise.all([
        call('account', 'profile.get', {}),
        call('cases', 'lawyer.get', {}),
      ]);
      if (!profile.ok || !lawyer.ok) {
        if (quiet) return;
        const failed = !profile.ok ? profile : lawyer;
        this.setData({ state: 'error', errorMessage: failed.ok ? '' : failed.error.message });
        return;
      }
      const lawyerApproved = lawyer.data.lawyer?.status === 'approved';
      const roles = lawyerApproved
        ? [...CITIZEN_BINDING_ROLES, ...LAWYER_BINDING_ROLES]
        : [...CITIZEN_BINDING_ROLES];
      this.setData({
        state: 'form',
        profile: profile.data.profile,
        lawyer: lawyer.data.lawyer,
        lawyerApproved,
        roles,
        roleNames: roles.map((r) => BINDING_ROLE_NAMES[r]),
      });
      const kept = this.data.role;
      const role = kept && roles.includes(kept) ? kept : lawyerApproved ? 'defender' : 'party';
      this.applyRole(role);
    },

    onRetry(): void {
      void this.load();
    },

    /** Everything that follows from the role: its label, its proofs, the party's name. */
    applyRole(role: BindingRole): void {
      const d = this.data;
      const profile = d.profile;
      const partyFixed = role === 'party' && !!profile;
      const wasFixed = d.partyFixed;
      const labels = PARTY_LABELS[role];
      this.setData({
        role,
        roleName: BINDING_ROLE_NAMES[role],
        roleIndex: d.roles.indexOf(role),
        needsProfile: !isLawyerRole(role) && !profile,
        partyLabel: labels.label,
        partyHint: labels.hint,
        partyFixed,
        proofText: BINDING_PROOFS[role],
        // 当事人本人 is the profile's name; leaving it, the field starts empty again.
        partyName: partyFixed ? (profile?.name ?? '') : wasFixed ? '' : d.partyName,
      });
    },

    onRole(e: WechatMiniprogram.PickerChange): void {
      const role = this.data.roles[Number(e.detail.value)];
      if (!role) return;
      this.applyRole(role);
      this.clearError('role');
      this.clearError('partyName');
      this.setData({ formError: '' });
      this.saveDraft();
    },

    saveDraft(): void {
      const d = this.data;
      if (d.result) return;
      const draft: Draft = {
        caseNumber: d.caseNumber,
        role: d.role,
        partyName: d.partyFixed ? '' : d.partyName,
        note: d.note,
        attachments: attachmentsForDraft(d.attachments),
        attachmentSeq: d.attachmentSeq,
        token: d.token,
      };
      saveDraft(DRAFT_KEY, draft);
    },

    clearError(key: string): void {
      if (this.data.errors[key]) this.setData({ [`errors.${key}`]: '' });
    },

    onInput(e: WechatMiniprogram.Input & { currentTarget: { dataset: { key: FieldKey } } }): void {
      const key = e.currentTarget.dataset.key;
      if (!TYPED.includes(key) || (key === 'partyName' && this.data.partyFixed)) return;
      this.setData({ [key]: e.detail.value });
      this.clearError(key);
      this.saveDraft();
    },

    onOpenProfile(): void {
      wx.navigateTo({ url: '/citizen/profile/index' });
    },

    onOpenLawyer(): void {
      wx.navigateTo({ url: '/citizen/lawyer/index' });
    },

    // ---------- proofs: `bindings/<token>/<n>.<ext>` ----------

    ...attachmentMethods('bindings', 'token', 'proofs'),

    // ---------- submit ----------

    /**
     * The submit tap: the prompt for the answer's notification first, synchronously (WeChat shows
     * it only in answer to a tap, and the confirmation would end the tap), then the confirmation.
     */
    onSubmit(): void {
      const d = this.data;
      if (d.submitting || d.result || d.state !== 'form') return;
      if (d.needsProfile) {
        this.setData({ formError: `以${d.roleName}身份申请，请先填写实名信息` });
        toast('请先填写实名信息');
        return;
      }
      const problem = attachmentsProblem(d.attachments);
      if (problem) {
        this.setData({ 'errors.proofs': problem });
        toast(problem);
        return;
      }
      this.setData({ submitting: true, formError: '' });
      void this.submit(askSubscription(CASE_TEMPLATE_IDS.appointmentResult));
    },

    async submit(asked: Promise<unknown>): Promise<void> {
      await asked;
      const ok = await confirm(
        '确定提交绑定申请？',
        '申请将由案件所属检察院的案件管理部门审核，请确认案件编号和证明材料真实无误。',
        '提交',
      );
      if (!ok) {
        this.setData({ submitting: false });
        return;
      }
      const d = this.data;
      const note = d.note.trim();
      // What was typed as it is; the function checks every value and names each problem.
      const input = {
        caseNumber: d.caseNumber,
        role: d.role,
        partyName: d.partyName,
        proofs: uploadedFileIds(d.attachments),
        ...(note ? { note } : {}),
      } as ActionInput<'cases', 'binding.request'>;
      const res = await call('cases', 'binding.request', input);
      if (res.ok) {
        this.done(res.data);
        return;
      }
      const { error } = res;
      if (error.code === 'PRECONDITION_FAILED' && /实名/.test(error.message)) {
        this.setData({ submitting: false, profile: null });
        this.applyRole(d.role as BindingRole);
        this.setData({ formError: error.message });
        return;
      }
      // The case not found is the case number's problem (the function names no field for it).
      const errors: Record<string, string> =
        error.code === 'NOT_FOUND' ? { caseNumber: error.message } : {};
      showSubmitProblems(this, res, fieldOf, error.code !== 'INTERNAL', errors);
    },

    done(b: BindingView): void {
      clearDraft(DRAFT_KEY);
      this.setData({
        submitting: false,
        errors: {},
        formError: '',
        result: {
          caseNumber: b.caseNumber,
          procuratorateName: b.procuratorateName,
          roleName: b.roleName,
          partyName: b.partyName,
          statusName: b.statusName,
        },
      });
      wx.pageScrollTo({ scrollTop: 0, duration: 0 });
    },

    onOpenMine(): void {
      wx.redirectTo({ url: '/citizen/case-bindings/index' });
    },
  },
});
