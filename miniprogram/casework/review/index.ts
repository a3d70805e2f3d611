// 审核申请 (case-management staff): one pending binding request (`kind=binding`) or lawyer
// verification (`kind=lawyer`) of their procuratorate — who asks (ID number masked; a lawyer's
// certificate number, firm and certificate photo), the case and its parties, the proofs (photos
// shown, PDFs opened with wx.downloadFile + wx.openDocument) — and the decision: 通过, or 不通过
// with a reason, each asked before it is sent since the requester is told at once. A request
// someone else decided meanwhile answers CONFLICT; the page says so and reads it again.
//
// There is no action reading one request, so the page finds it in the procuratorate's inbox
// (review.inbox), which also renews the two-hour links to the proofs.
import type { BindingStaffView, LawyerStaffView } from '../../../typings/cases';
import { call, isRefusal } from '../../utils/api';
import { formatTime } from '../../utils/time';
import { toast } from '../../utils/ui';
import { CASE_PAGE_LIMITS, decideWithReason } from '../cases-shared';

type Kind = 'binding' | 'lawyer';
type Item = BindingStaffView | LawyerStaffView;

/** How many inbox pages of 50 the page reads looking for the request. */
const SCAN_PAGES = 20;
const SCAN_SIZE = 50;

const IMAGE_EXT = /\.(jpe?g|png|gif|webp|bmp|heic)$/i;
const DOCUMENT_EXT = /\.pdf$/i;

interface Proof {
  key: string;
  label: string;
  url: string;
  /** image: shown; document: opened; missing: the file is gone. */
  kind: 'image' | 'document' | 'missing';
}

/**
 * What a two-hour link is, by its path: CloudBase's links end with the stored file's name. A link
 * that does not say is shown as an image; if it fails to load as one it is offered as a document.
 */
function proofKind(url: string | null): Proof['kind'] {
  if (!url) return 'missing';
  const path = url.split(/[?#]/)[0];
  if (DOCUMENT_EXT.test(path)) return 'document';
  return 'image';
}

function proofsOf(urls: (string | null)[]): Proof[] {
  return urls.map((url, i) => ({
    key: `f${i}`,
    label: `材料${i + 1}`,
    url: url ?? '',
    kind: IMAGE_EXT.test((url ?? '').split(/[?#]/)[0]) ? 'image' : proofKind(url),
  }));
}

interface ShownBinding {
  kind: 'binding';
  id: string;
  caseNumber: string;
  procuratorateName: string;
  roleName: string;
  partyName: string;
  /** The party named is one of the case's (approving a name that is not is refused). */
  partyKnown: boolean;
  requesterName: string;
  idNumberMasked: string;
  lawyer: { certificateNumber: string; firm: string; statusName: string } | null;
  parties: { key: string; text: string; named: boolean }[];
  proofs: Proof[];
  atText: string;
  statusName: string;
  status: string;
  reason: string;
  reviewedAtText: string;
}

interface ShownLawyer {
  kind: 'lawyer';
  id: string;
  name: string;
  certificateNumber: string;
  firm: string;
  imageUrl: string;
  atText: string;
  statusName: string;
  status: string;
  reason: string;
  reviewedAtText: string;
}

function isBinding(v: Item): v is BindingStaffView {
  return 'caseNumber' in v;
}

function shownOf(v: Item): ShownBinding | ShownLawyer {
  const decided = {
    statusName: v.statusName,
    status: v.status,
    reason: v.reason ?? '',
    reviewedAtText: formatTime(v.reviewedAt),
  };
  if (isBinding(v)) {
    return {
      kind: 'binding',
      id: v.id,
      caseNumber: v.caseNumber,
      procuratorateName: v.procuratorateName,
      roleName: v.roleName,
      partyName: v.partyName,
      partyKnown: v.caseParties.some((p) => p.name === v.partyName),
      requesterName: v.requester.name,
      idNumberMasked: v.requester.idNumberMasked ?? '',
      lawyer: v.requester.lawyer
        ? {
            certificateNumber: v.requester.lawyer.certificateNumber,
            firm: v.requester.lawyer.firm,
            statusName: v.requester.lawyer.statusName,
          }
        : null,
      parties: v.caseParties.map((p, i) => ({
        key: `p${i}`,
        text: `${p.name}（${p.roleName}）`,
        named: p.name === v.partyName,
      })),
      proofs: proofsOf(v.proofs),
      atText: formatTime(v.requestedAt),
      ...decided,
    };
  }
  return {
    kind: 'lawyer',
    id: v.id,
    name: v.name,
    certificateNumber: v.certificateNumber,
    firm: v.firm,
    imageUrl: v.certificateImageUrl ?? '',
    atText: formatTime(v.submittedAt),
    ...decided,
  };
}

const ASK = {
  binding: {
    approve: '通过后，申请人即可查询本案的办案进程等信息，并会收到审核结果通知。确定通过吗？',
    refuse: '不通过的理由会通知申请人，提交后不能更改。确定不通过吗？',
  },
  lawyer: {
    approve:
      '通过后，该律师即可以辩护人或诉讼代理人身份申请绑定案件，并会收到审核结果通知。确定通过吗？',
    refuse: '不通过的理由会通知该律师，提交后不能更改。确定不通过吗？',
  },
};

const REASON_REQUIRED = '不通过的，请填写理由';

Component({
  properties: {
    id: { type: String, value: '' },
    kind: { type: String, value: '' },
  },

  data: {
    state: 'loading' as 'loading' | 'ready' | 'done' | 'notfound' | 'forbidden' | 'error',
    errorMessage: '',
    reqKind: 'binding' as Kind,
    reqId: '',
    /** The request shown (named `req`: `item` is each wx:for row's name). */
    req: null as ShownBinding | ShownLawyer | null,
    reason: '',
    reasonMax: CASE_PAGE_LIMITS.reasonMax,
    errors: {} as Record<string, string>,
    formError: '',
    deciding: '' as '' | 'approve' | 'refuse',
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const kind: Kind = (query.kind || this.data.kind) === 'lawyer' ? 'lawyer' : 'binding';
      const id = query.id || this.data.id;
      this.setData({ reqKind: kind, reqId: id });
      void this.load();
    },

    /** Finds the request among the pending ones of the caller's procuratorate. */
    async load(): Promise<void> {
      const { reqKind: kind, reqId: id } = this.data;
      if (!id) {
        this.setData({ state: 'notfound' });
        return;
      }
      this.setData({ state: 'loading' });
      for (let page = 1; page <= SCAN_PAGES; page++) {
        const res = await call('cases', 'review.inbox', { kind, page, pageSize: SCAN_SIZE });
        if (!res.ok) {
          this.setData(
            isRefusal(res.error.code)
              ? { state: 'forbidden' }
              : { state: 'error', errorMessage: res.error.message },
          );
          return;
        }
        const found = (res.data.items as Item[]).find((v) => v.id === id);
        if (found) {
          this.setData({ state: 'ready', req: shownOf(found), errors: {}, formError: '' });
          return;
        }
        if (page * SCAN_SIZE >= res.data.total || res.data.items.length === 0) break;
      }
      this.setData({ state: 'notfound', req: null });
    },

    onRetry(): void {
      void this.load();
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },

    onBackToList(): void {
      wx.navigateBack({});
    },

    onReasonInput(e: WechatMiniprogram.Input): void {
      this.setData({ reason: e.detail.value, 'errors.reason': '', formError: '' });
    },

    // ---------- proofs ----------

    onOpenProof(e: WechatMiniprogram.TouchEvent<object, object, { index: number }>): void {
      const item = this.data.req;
      if (!item || item.kind !== 'binding') return;
      const proof = item.proofs[e.currentTarget.dataset.index];
      if (!proof || proof.kind === 'missing') {
        toast('该文件已不存在');
        return;
      }
      if (proof.kind === 'image') {
        const urls = item.proofs.filter((p) => p.kind === 'image').map((p) => p.url);
        wx.previewImage({ urls, current: proof.url });
        return;
      }
      wx.downloadFile({
        url: proof.url,
        success: (res) => wx.openDocument({ filePath: res.tempFilePath, showMenu: true }),
        fail: () => toast('文件打开失败，请稍后重试'),
      });
    },

    /** A link that would not show as a photo is a document (a PDF): offered to open instead. */
    onProofError(e: WechatMiniprogram.CustomEvent<object, object, { index: number }>): void {
      const index = e.currentTarget.dataset.index;
      this.setData({ [`req.proofs[${index}].kind`]: 'document' });
    },

    onPreviewCertificate(): void {
      const item = this.data.req;
      if (!item || item.kind !== 'lawyer') return;
      if (!item.imageUrl) {
        toast('执业证照片已不存在');
        return;
      }
      wx.previewImage({ urls: [item.imageUrl], current: item.imageUrl });
    },

    // ---------- the decision ----------

    onApprove(): void {
      void this.decide(true);
    },

    onRefuse(): void {
      void this.decide(false);
    },

    async decide(approve: boolean): Promise<void> {
      const item = this.data.req;
      if (!item || this.data.deciding || this.data.state !== 'ready') return;
      const ask = ASK[item.kind];
      // Why it cannot be approved (a party not of the case) shows above the buttons.
      await decideWithReason<Item>(this, {
        agree: approve,
        deciding: approve ? 'approve' : 'refuse',
        reasonRequired: REASON_REQUIRED,
        title: approve ? '确认通过' : '确认不通过',
        content: approve ? ask.approve : ask.refuse,
        send: (reason) => {
          const input = { id: item.id, approve, ...(approve ? {} : { reason }) };
          return item.kind === 'binding'
            ? call('cases', 'binding.review', input)
            : call('cases', 'lawyer.review', input);
        },
        decided: (v) => {
          this.setData({ deciding: '', state: 'done', req: shownOf(v), reason: '' });
          toast(approve ? '已通过' : '已不通过');
        },
        conflictTitle: '申请已被处理',
      });
    },
  },
});
