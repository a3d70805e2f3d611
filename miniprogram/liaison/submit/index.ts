// 提交意见建议 / 提交案件监督申诉: a bound deputy or member writes an opinion (topic, content, files)
// to a procuratorate; a bound people's supervisor a case supervision complaint (case number, the
// supervision matter, content, files). One client token per form, a draft kept as it is typed
// (files included once uploaded), a confirmation before sending, every refusal under its field.
import type { ActionInput } from '../../../typings';
import type { LiaisonKind, MemberView, SupervisionMatter } from '../../../typings/liaison';
import { TEMPLATE_IDS } from '../../config';
import { call } from '../../utils/api';
import {
  ATTACHMENTS_MAX,
  attachmentMethods,
  attachmentsForDraft,
  attachmentsProblem,
  uploadedFileIds,
  type Attachment,
} from '../../utils/attachments';
import { askSubscription } from '../../utils/cases';
import { clearDraft, loadDraft, saveDraft } from '../../utils/draft';
import { showSubmitProblems } from '../../utils/form';
import {
  LIAISON_LIMITS,
  LIAISON_ROLE_NAMES,
  SUPERVISION_MATTERS,
  SUPERVISION_MATTER_NAMES,
} from '../../utils/liaison';
import { newClientToken } from '../../utils/token';
import { confirm, toast } from '../../utils/ui';
import { loadUnits, unitPickerMethods, type UnitGroup } from '../../utils/units';

const DRAFT_KEY = 'liaison-submit-draft';
type FieldKey = 'procuratorateId' | 'title' | 'caseNumber' | 'matter' | 'content' | 'attachments';
const FIELDS: FieldKey[] = ['procuratorateId', 'title', 'caseNumber', 'matter', 'content'];

interface Draft {
  kind: LiaisonKind;
  procuratorateId: string;
  procuratorateName: string;
  title: string;
  caseNumber: string;
  matter: string;
  content: string;
  attachments: Attachment[];
  attachmentSeq: number;
  clientToken: string;
}

function fieldOf(path: string): string | null {
  const head = path.split('.')[0];
  return (FIELDS as string[]).includes(head) || head === 'attachments' ? head : null;
}

Component({
  data: {
    state: 'loading' as 'loading' | 'unbound' | 'form' | 'error',
    errorMessage: '',
    member: null as MemberView | null,
    kind: 'opinion' as LiaisonKind,
    roleName: '',
    limits: LIAISON_LIMITS,
    matterNames: SUPERVISION_MATTERS.map((m) => SUPERVISION_MATTER_NAMES[m]),
    matterIndex: -1,
    matter: '',
    matterName: '',
    procuratorateId: '',
    procuratorateName: '',
    unitGroups: [] as UnitGroup[],
    unitColumns: [[], []] as string[][],
    unitIndex: [0, 0],
    unitsState: 'loading',
    title: '',
    caseNumber: '',
    content: '',
    contentLength: 0,
    attachments: [] as Attachment[],
    attachmentSeq: 0,
    attachmentsMax: ATTACHMENTS_MAX,
    notify: true,
    clientToken: '',
    errors: {} as Record<string, string>,
    formError: '',
    submitting: false,
    result: null as null | { id: string; duplicate: boolean },
  },

  methods: {
    onLoad(): void {
      void this.load();
    },

    async load(): Promise<void> {
      const me = await call('liaison', 'member.me', {});
      if (!me.ok) {
        this.setData({ state: 'error', errorMessage: me.error.message });
        return;
      }
      const member = me.data.member;
      if (!member) {
        this.setData({ state: 'unbound' });
        return;
      }
      const draft = loadDraft<Draft>(DRAFT_KEY);
      const usable = draft && draft.kind === member.kind;
      const matterIndex = usable
        ? SUPERVISION_MATTERS.indexOf(draft.matter as SupervisionMatter)
        : -1;
      // Addressed by default to the procuratorate that invited them.
      const procuratorateId = (usable && draft.procuratorateId) || member.procuratorateId;
      this.setData({
        state: 'form',
        member,
        kind: member.kind,
        roleName: LIAISON_ROLE_NAMES[member.role],
        procuratorateId,
        procuratorateName: (usable && draft.procuratorateName) || member.procuratorateName,
        title: (usable && draft.title) || '',
        caseNumber: (usable && draft.caseNumber) || '',
        content: (usable && draft.content) || '',
        contentLength: ((usable && draft.content) || '').length,
        matterIndex,
        matter: matterIndex >= 0 ? SUPERVISION_MATTERS[matterIndex] : '',
        matterName:
          matterIndex >= 0 ? SUPERVISION_MATTER_NAMES[SUPERVISION_MATTERS[matterIndex]] : '',
        attachments: usable && Array.isArray(draft.attachments) ? draft.attachments : [],
        attachmentSeq: (usable && Number(draft.attachmentSeq)) || 0,
        clientToken: (usable && draft.clientToken) || newClientToken(),
      });
      // The picker opens on that procuratorate, so confirming it unchanged keeps it.
      void loadUnits(this);
      wx.setNavigationBarTitle({
        title: member.kind === 'opinion' ? '提交意见建议' : '提交案件监督申诉',
      });
    },

    saveDraft(): void {
      const d = this.data;
      if (d.result || d.state !== 'form') return;
      const draft: Draft = {
        kind: d.kind,
        procuratorateId: d.procuratorateId,
        procuratorateName: d.procuratorateName,
        title: d.title,
        caseNumber: d.caseNumber,
        matter: d.matter,
        content: d.content,
        attachments: attachmentsForDraft(d.attachments),
        attachmentSeq: d.attachmentSeq,
        clientToken: d.clientToken,
      };
      saveDraft(DRAFT_KEY, draft);
    },

    clearError(key: string): void {
      if (this.data.errors[key]) this.setData({ [`errors.${key}`]: '' });
    },

    onInput(e: WechatMiniprogram.Input & { currentTarget: { dataset: { key: FieldKey } } }): void {
      const key = e.currentTarget.dataset.key;
      if (key !== 'title' && key !== 'caseNumber' && key !== 'content') return;
      const value = e.detail.value;
      this.setData(
        key === 'content' ? { content: value, contentLength: value.length } : { [key]: value },
      );
      this.clearError(key);
      this.saveDraft();
    },

    onMatterChange(e: WechatMiniprogram.PickerChange): void {
      const index = Number(e.detail.value);
      const matter = SUPERVISION_MATTERS[index];
      if (!matter) return;
      this.setData({ matterIndex: index, matter, matterName: SUPERVISION_MATTER_NAMES[matter] });
      this.clearError('matter');
      this.saveDraft();
    },

    ...unitPickerMethods(),

    onNotifyChange(e: WechatMiniprogram.SwitchChange): void {
      this.setData({ notify: !!e.detail.value });
    },

    // ---------- files: `liaison/<clientToken>/<n>.<ext>` ----------

    ...attachmentMethods('liaison', 'clientToken', 'attachments'),

    // ---------- submit ----------

    /** The notification prompt first, inside the tap (WeChat's rule), then the confirmation. */
    onSubmit(): void {
      const d = this.data;
      if (d.submitting || d.result || d.state !== 'form') return;
      const problem = attachmentsProblem(d.attachments);
      if (problem) {
        this.setData({ 'errors.attachments': problem });
        toast(problem);
        return;
      }
      this.setData({ submitting: true, formError: '' });
      const asked = d.notify
        ? askSubscription(TEMPLATE_IDS.suggestionReplied)
        : Promise.resolve('reject' as const);
      void this.submit(asked);
    },

    async submit(asked: Promise<'accept' | 'reject' | 'fail'>): Promise<void> {
      const notify = (await asked) === 'accept';
      const d = this.data;
      const ok = await confirm(
        d.kind === 'opinion' ? '确定提交意见建议？' : '确定提交案件监督申诉？',
        `将提交给${d.procuratorateName}，提交后不能修改。检察院将在三个月内答复（复杂的意见建议六个月）。`,
        '提交',
      );
      if (!ok) {
        this.setData({ submitting: false });
        return;
      }
      const common = {
        procuratorateId: d.procuratorateId,
        content: d.content,
        attachments: uploadedFileIds(d.attachments),
        notify,
        clientToken: d.clientToken,
      };
      const res =
        d.kind === 'opinion'
          ? await call('liaison', 'opinion.submit', { ...common, title: d.title })
          : await call('liaison', 'complaint.submit', {
              ...common,
              caseNumber: d.caseNumber,
              matter: d.matter,
            } as ActionInput<'liaison', 'complaint.submit'>);
      if (res.ok) {
        clearDraft(DRAFT_KEY);
        this.setData({ submitting: false, errors: {}, result: res.data });
        return;
      }
      if (res.error.code === 'FORBIDDEN') {
        this.setData({ submitting: false, formError: res.error.message });
        return;
      }
      const errors: Record<string, string> =
        res.error.code === 'CONTENT_REJECTED' ? { content: res.error.message } : {};
      showSubmitProblems(this, res, fieldOf, res.error.code !== 'INTERNAL', errors);
    },

    onOpenDetail(): void {
      if (this.data.result) {
        wx.redirectTo({ url: `/liaison/detail/index?id=${this.data.result.id}` });
      }
    },

    onBack(): void {
      wx.navigateBack();
    },

    onOpenHome(): void {
      wx.redirectTo({ url: '/liaison/home/index' });
    },
  },
});
