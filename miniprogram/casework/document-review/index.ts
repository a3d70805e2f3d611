// 文书审核 (case-management staff): a legal document's original and masked text side by side (or one
// above the other), every masked span marked in both — tap one for its kind, what replaced it and
// why — and the names the engine flagged for a person to look at. A document of a juvenile, secret
// or privacy-flagged case says prominently why it can never be published, and offers no approval.
// 审核发布 (asked first) is for a case manager who neither drafted nor edited it; it carries the
// version shown, so a stale page answers CONFLICT and reads it again. Opening it is audited.
import type { DocumentStaffView, PublicationStatus } from '../../../typings/publish';
import { call, isRefusal } from '../../utils/api';
import { sideBySide, statusTagClass, type TextPiece } from '../../utils/publish';
import { formatTime } from '../../utils/time';
import { confirm, notice, toast } from '../../utils/ui';

interface SpanRow {
  key: string;
  index: number;
  kindName: string;
  original: string;
  replacement: string;
  reason: string;
}

interface FlagRow {
  key: string;
  index: number;
  text: string;
  reason: string;
}

interface Shown {
  id: string;
  title: string;
  typeName: string;
  caseNumber: string;
  status: PublicationStatus;
  statusName: string;
  statusClass: string;
  draftedByName: string;
  approvedByName: string;
  publishedAtText: string;
  unpublishable: string;
  canApprove: boolean;
  version: number;
  /** 姓名 5处、身份证号码 1处 … */
  summary: string;
  original: TextPiece[];
  masked: TextPiece[];
  /** The masked pieces do not add up to the masked text: it is shown whole, unmarked. */
  maskedText: string;
  consistent: boolean;
  spans: SpanRow[];
  flags: FlagRow[];
}

function toShown(v: DocumentStaffView): Shown {
  const pieces = sideBySide(v.original, v.redaction);
  const counts = new Map<string, number>();
  for (const s of v.redaction.spans) counts.set(s.kindName, (counts.get(s.kindName) ?? 0) + 1);
  return {
    id: v.id,
    title: v.title,
    typeName: v.typeName,
    caseNumber: v.caseNumber,
    status: v.status,
    statusName: v.statusName,
    statusClass: statusTagClass(v.status),
    draftedByName: v.draftedByName,
    approvedByName: v.approvedByName ?? '',
    publishedAtText: formatTime(v.publishedAt),
    unpublishable: v.unpublishable ?? '',
    canApprove: v.canApprove,
    version: v.version,
    summary: [...counts.entries()].map(([k, n]) => `${k}${n}处`).join('、'),
    original: pieces.original,
    masked: pieces.masked,
    maskedText: v.redaction.masked,
    consistent: pieces.consistent,
    spans: v.redaction.spans.map((s, i) => ({
      key: `s${i}`,
      index: i,
      kindName: s.kindName,
      original: s.original,
      replacement: s.replacement,
      reason: s.reason,
    })),
    flags: v.redaction.flags.map((f, i) => ({
      key: `f${i}`,
      index: i,
      text: f.text,
      reason: f.reason,
    })),
  };
}

const ASK_APPROVE =
  '公开后，任何人无需登录即可检索和查看脱敏后的文书，公开后不能修改或撤回。请确认已逐处核对脱敏结果。确定审核公开吗？';

type PieceTap = WechatMiniprogram.TouchEvent<
  object,
  object,
  { mark: 'mask' | 'flag'; index: number }
>;

Component({
  properties: {
    id: { type: String, value: '' },
  },

  data: {
    state: 'loading' as 'loading' | 'ready' | 'notfound' | 'forbidden' | 'error',
    errorMessage: '',
    doc: null as Shown | null,
    /** 'side': the two texts in columns; 'stacked': one above the other. */
    layout: 'side' as 'side' | 'stacked',
    /** The marked span or flag last tapped (`mask-3`), shown in both texts. */
    selected: '',
    approving: false,
    formError: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const id = query.id || this.data.id;
      if (id !== this.data.id) this.setData({ id });
      void this.load().then(() => {
        if (query.saved && this.data.state === 'ready') toast('已保存，请核对脱敏结果');
      });
    },

    async load(): Promise<void> {
      const id = this.data.id;
      if (!id) {
        this.setData({ state: 'notfound' });
        return;
      }
      if (!this.data.doc) this.setData({ state: 'loading' });
      const res = await call('publish', 'document.staffGet', { id });
      if (res.ok) {
        this.setData({ state: 'ready', doc: toShown(res.data), formError: '' });
        return;
      }
      const code = res.error.code;
      this.setData(
        isRefusal(code)
          ? { state: 'forbidden' }
          : code === 'NOT_FOUND' || code === 'BAD_REQUEST'
            ? { state: 'notfound', doc: null }
            : { state: 'error', errorMessage: res.error.message },
      );
    },

    onToggleLayout(): void {
      this.setData({ layout: this.data.layout === 'side' ? 'stacked' : 'side' });
    },

    /** A marked piece: its kind, what replaced what, and why (or why a name is flagged). */
    onPieceTap(e: PieceTap): void {
      const doc = this.data.doc;
      if (!doc) return;
      const { mark, index } = e.currentTarget.dataset;
      this.setData({ selected: `${mark}-${index}` });
      if (mark === 'mask') {
        const s = doc.spans[index];
        if (s)
          notice(
            `已脱敏：${s.kindName}`,
            `“${s.original}”改为“${s.replacement}”。原因：${s.reason}`,
          );
      } else {
        const f = doc.flags[index];
        if (f) notice('疑似姓名，请人工核查', `“${f.text}”未被遮盖。${f.reason}`);
      }
    },

    async onApprove(): Promise<void> {
      const doc = this.data.doc;
      if (!doc || this.data.approving) return;
      this.setData({ approving: true, formError: '' });
      if (!(await confirm('审核公开', ASK_APPROVE, '确认公开'))) {
        this.setData({ approving: false });
        return;
      }
      const res = await call('publish', 'document.approve', { id: doc.id, version: doc.version });
      this.setData({ approving: false });
      if (res.ok) {
        this.setData({ doc: toShown(res.data) });
        toast('文书已公开');
        return;
      }
      const { error } = res;
      if (error.code === 'CONFLICT') {
        notice('文书已更新', error.message);
        await this.load();
        return;
      }
      if (isRefusal(error.code)) {
        this.setData({ state: 'forbidden' });
        return;
      }
      // Why it may not be published (now): shown above the button, prominently.
      this.setData({ formError: error.message });
    },

    onEdit(): void {
      const doc = this.data.doc;
      if (doc) wx.redirectTo({ url: `/casework/document-edit/index?id=${doc.id}` });
    },

    onOpenPublic(): void {
      const doc = this.data.doc;
      if (doc) wx.navigateTo({ url: `/public/document/index?id=${doc.id}` });
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
  },
});
