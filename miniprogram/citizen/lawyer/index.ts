// 律师身份认证: a lawyer submits their practising certificate (name, 17-digit number, firm, a photo
// of the certificate) to a procuratorate's case-management staff, who check it. The page shows
// where the verification stands — none yet, 待审核, 已通过, or 未通过 with the reason and a way to
// submit again. Only a verified lawyer binds to a case as defender or agent (case-bind). The
// answer comes as an `appointmentResult` message, asked for in the submit tap. What is typed is
// kept as a draft until it is submitted.
import type { LawyerView } from '../../../typings/cases';
import type { ActionInput } from '../../../typings/index';
import { call } from '../../utils/api';
import {
  attachmentsForDraft,
  attachmentsProblem,
  onRemoveTap,
  onRetryTap,
  retryAttachment,
  sizeText,
  uploadedFileIds,
  type Attachment,
  type AttachmentTap,
} from '../../utils/attachments';
import { askSubscription, CASE_TEMPLATE_IDS, reviewTagClass } from '../../utils/cases';
import { clearDraft, loadDraft, saveDraft } from '../../utils/draft';
import { showSubmitProblems } from '../../utils/form';
import { ATTACHMENT_MAX_BYTES } from '../../utils/petition-citizen';
import { formatTime } from '../../utils/time';
import { newClientToken } from '../../utils/token';
import { toast } from '../../utils/ui';
import { loadUnits, placeUnit, unitPickerMethods, type UnitGroup } from '../../utils/units';

const DRAFT_KEY = 'draft:lawyer';
const MAX_MB = ATTACHMENT_MAX_BYTES / 1024 / 1024;

type FieldKey = 'name' | 'certificateNumber' | 'firm';
const FIELDS: FieldKey[] = ['name', 'certificateNumber', 'firm'];

interface Draft {
  name: string;
  certificateNumber: string;
  firm: string;
  procuratorateId: string;
  procuratorateName: string;
  attachments: Attachment[];
  attachmentSeq: number;
  token: string;
}

interface Shown {
  name: string;
  certificateNumber: string;
  firm: string;
  statusName: string;
  statusClass: string;
  status: LawyerView['status'];
  reason: string;
  submittedAtText: string;
  reviewedAtText: string;
}

function shown(v: LawyerView): Shown {
  return {
    name: v.name,
    certificateNumber: v.certificateNumber,
    firm: v.firm,
    status: v.status,
    statusName: v.statusName,
    statusClass: reviewTagClass(v.status),
    reason: v.reason ?? '',
    submittedAtText: formatTime(v.submittedAt),
    reviewedAtText: formatTime(v.reviewedAt),
  };
}

/** The field an issue's path belongs to. */
function fieldOf(path: string): string | null {
  if ((FIELDS as string[]).includes(path)) return path;
  if (path === 'procuratorateId' || path === 'certificateImage') return path;
  if (path.startsWith('certificateImage')) return 'certificateImage';
  return null;
}

Component({
  data: {
    state: 'loading' as 'loading' | 'error' | 'status' | 'form',
    errorMessage: '',
    lawyer: null as Shown | null,
    name: '',
    certificateNumber: '',
    firm: '',
    procuratorateId: '',
    procuratorateName: '',
    unitGroups: [] as UnitGroup[],
    unitColumns: [[], []] as string[][],
    unitIndex: [0, 0],
    unitsState: 'loading' as 'loading' | 'ready' | 'error',
    /** The certificate's photo: one at most. */
    attachments: [] as Attachment[],
    attachmentSeq: 0,
    /** Where this form's photos are stored: `lawyers/<token>/<n>.<ext>`. */
    token: '',
    errors: {} as Record<string, string>,
    formError: '',
    submitting: false,
    /** Just submitted: the status card says so. */
    submitted: false,
  },

  methods: {
    onLoad(): void {
      void this.load();
    },

    async load(): Promise<void> {
      this.setData({ state: 'loading' });
      const res = await call('cases', 'lawyer.get', {});
      if (!res.ok) {
        this.setData({ state: 'error', errorMessage: res.error.message });
        return;
      }
      const { lawyer } = res.data;
      if (lawyer) this.setData({ state: 'status', lawyer: shown(lawyer) });
      else this.startForm(null);
    },

    onRetry(): void {
      void this.load();
    },

    /** The form, from the draft, else from a refused verification (its photo must be taken again). */
    startForm(refused: Shown | null): void {
      const draft = loadDraft<Draft>(DRAFT_KEY);
      this.setData({
        state: 'form',
        name: draft?.name ?? refused?.name ?? '',
        certificateNumber: draft?.certificateNumber ?? refused?.certificateNumber ?? '',
        firm: draft?.firm ?? refused?.firm ?? '',
        procuratorateId: draft?.procuratorateId ?? '',
        procuratorateName: draft?.procuratorateName ?? '',
        attachments: Array.isArray(draft?.attachments) ? draft.attachments.slice(0, 1) : [],
        attachmentSeq: Number(draft?.attachmentSeq) || 0,
        token: draft?.token || newClientToken(),
        errors: {},
        formError: '',
      });
      if (this.data.unitsState !== 'ready') void loadUnits(this);
      else placeUnit(this);
    },

    onResubmit(): void {
      this.startForm(this.data.lawyer);
    },

    saveDraft(): void {
      const d = this.data;
      if (d.state !== 'form') return;
      const draft: Draft = {
        name: d.name,
        certificateNumber: d.certificateNumber,
        firm: d.firm,
        procuratorateId: d.procuratorateId,
        procuratorateName: d.procuratorateName,
        attachments: attachmentsForDraft(d.attachments),
        attachmentSeq: d.attachmentSeq,
        token: d.token,
      };
      saveDraft(DRAFT_KEY, draft);
    },

    // ---------- the procuratorate ----------

    ...unitPickerMethods(),

    // ---------- fields ----------

    clearError(key: string): void {
      if (this.data.errors[key]) this.setData({ [`errors.${key}`]: '' });
    },

    onInput(e: WechatMiniprogram.Input & { currentTarget: { dataset: { key: FieldKey } } }): void {
      const key = e.currentTarget.dataset.key;
      if (!FIELDS.includes(key)) return;
      this.setData({ [key]: e.detail.value });
      this.clearError(key);
      this.saveDraft();
    },

    // ---------- the certificate's photo ----------

    /** One photo from the album or the camera, uploaded at once (attachments.ts does the upload). */
    async onAddPhoto(): Promise<void> {
      if (this.data.attachments.length > 0) return;
      let file: WechatMiniprogram.MediaFile | undefined;
      try {
        const res = await wx.chooseMedia({
          count: 1,
          mediaType: ['image'],
          sourceType: ['album', 'camera'],
          sizeType: ['compressed'],
        });
        file = res.tempFiles[0];
      } catch (e) {
        const msg = (e as { errMsg?: string } | null)?.errMsg ?? '';
        if (!/cancel/i.test(msg)) toast('未能选择照片，请重试');
        return;
      }
      if (!file) return;
      if (file.size > ATTACHMENT_MAX_BYTES) {
        this.setData({ 'errors.certificateImage': `照片超过${MAX_MB}MB，请重新选择` });
        return;
      }
      const ext = /\.([A-Za-z0-9]{1,8})$/.exec(file.tempFilePath)?.[1]?.toLowerCase() || 'jpg';
      const seq = this.data.attachmentSeq + 1;
      const photo: Attachment = {
        key: `a${seq}`,
        name: `执业证照片.${ext}`,
        isImage: true,
        sizeText: sizeText(file.size),
        path: file.tempFilePath,
        cloudPath: `lawyers/${this.data.token}/${seq}.${ext}`,
        status: 'uploading',
        progress: 0,
        fileID: '',
      };
      this.setData({ attachments: [photo], attachmentSeq: seq });
      this.clearError('certificateImage');
      // Starts the upload of the photo just added, with its progress, as a retry does.
      retryAttachment(this, photo.key, () => this.saveDraft());
      this.saveDraft();
    },

    onRemovePhoto(e: AttachmentTap): void {
      onRemoveTap(this, e);
    },

    onRetryPhoto(e: AttachmentTap): void {
      onRetryTap(this, e);
    },

    // ---------- submit ----------

    /**
     * The submit tap. The prompt for the answer's notification is requested here, synchronously,
     * because WeChat only shows it in answer to a tap; the verification is sent whatever the answer.
     */
    onSubmit(): void {
      if (this.data.submitting || this.data.state !== 'form') return;
      const problem = attachmentsProblem(this.data.attachments);
      if (problem) {
        this.setData({ 'errors.certificateImage': problem });
        toast(problem);
        return;
      }
      this.setData({ submitting: true, formError: '' });
      void this.submit(askSubscription(CASE_TEMPLATE_IDS.appointmentResult));
    },

    async submit(asked: Promise<unknown>): Promise<void> {
      await asked;
      const d = this.data;
      const [certificateImage] = uploadedFileIds(d.attachments);
      // What was typed as it is; the function checks every value and names each problem.
      const input = {
        name: d.name,
        certificateNumber: d.certificateNumber,
        firm: d.firm,
        procuratorateId: d.procuratorateId,
        ...(certificateImage ? { certificateImage } : {}),
      } as ActionInput<'cases', 'lawyer.verify'>;
      const res = await call('cases', 'lawyer.verify', input);
      if (res.ok) {
        clearDraft(DRAFT_KEY);
        this.setData({
          submitting: false,
          submitted: true,
          errors: {},
          state: 'status',
          lawyer: shown(res.data),
        });
        wx.pageScrollTo({ scrollTop: 0, duration: 0 });
        return;
      }
      showSubmitProblems(this, res, fieldOf, res.error.code !== 'INTERNAL');
    },

    onOpenBind(): void {
      wx.navigateTo({ url: '/citizen/case-bind/index' });
    },
  },
});
