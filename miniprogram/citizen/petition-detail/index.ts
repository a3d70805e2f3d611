// 信访详情: one of the citizen's petitions as its petitioner sees it — receipt number, status, every
// step with its note, the replies and the answer, what was refused, requested or transferred, and
// the files. What the petitioner may do now (supply materials, withdraw, rate, ask for review) is
// offered only when the view's `can` allows it; each action re-renders from the view it answers.
// Subscription messages open this page with `?id=`. A consent to them allows one message, so while
// the petition is open the page offers to be told of the next step, and supplying materials or
// asking for review asks for the same consent.
import type {
  PetitionFileLink,
  PetitionFileSource,
  PetitionStatus,
  PetitionView,
  Satisfaction,
} from '../../../typings/petition';
import type { ActionResult } from '../../../typings/errors';
import { TEMPLATE_IDS } from '../../config';
import { call, fieldErrors } from '../../utils/api';
import {
  addAttachments,
  attachmentsProblem,
  removeAttachment,
  retryAttachment,
  uploadedFileIds,
  ATTACHMENTS_MAX,
  type Attachment,
} from '../../utils/attachments';
import {
  PROXY_RELATIONSHIP_NAMES,
  REVIEW_REASON_MIN,
  SATISFACTION_NAMES,
  SATISFACTIONS,
  SEX_NAMES,
} from '../../utils/petition-citizen';
import { petitionTagClass, REPLY_METHOD_NAMES } from '../../utils/petition-form';
import { formatTime } from '../../utils/time';
import { newClientToken } from '../../utils/token';
import { confirm, toast } from '../../utils/ui';

const REPLY_TYPE_NAMES = { procedural: '程序性答复', progress: '进展答复', answer: '答复意见' };
const SOURCE_NAMES: Record<PetitionFileSource, string> = {
  petition: '信访材料',
  materials: '补充材料',
  reply: '答复附件',
};
const CONFLICT_TEXT = '该信访刚有新进展，请刷新后重试';
/** A recusal request's reason: 10 to 1000 characters (the contract's). */
const RECUSAL_REASON_MIN = 10;
const RECUSAL_REASON_MAX = 1000;

/** Statuses after which nothing more happens to the petition, so there is no next step to tell. */
const FINISHED: readonly PetitionStatus[] = [
  'refused',
  'transferred',
  'withdrawn',
  'answered',
  'closed',
  'archived',
];

const SUBSCRIBED_TEXT = '检察院办理有新进展时，将通过服务通知告诉您';
const NOT_SUBSCRIBED_TEXT =
  '您没有允许接收通知，检察院办理有新进展时不会通知您。您仍可随时打开本页查看办理进度。';
const SUBSCRIBE_FAILED_TEXT = '暂时无法开启通知。您仍可随时打开本页查看办理进度。';

type SubscribeAnswer = 'accept' | 'reject' | 'fail';

/**
 * Asks for one progress notification. WeChat shows the prompt only in answer to a tap, so this must
 * run synchronously inside the tap handler, before anything is awaited. Never rejects.
 */
function askProgress(): Promise<SubscribeAnswer> {
  const template = TEMPLATE_IDS.petitionProgress;
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: [template],
      success: (res) => {
        const answer = (res as unknown as Record<string, string>)[template];
        resolve(answer === 'accept' || answer === 'acceptWithAudio' ? 'accept' : 'reject');
      },
      fail: (err) => {
        console.warn('requestSubscribeMessage failed', err);
        resolve('fail');
      },
    });
  });
}

interface Row {
  label: string;
  value: string;
}

interface Shown {
  id: string;
  receiptNumber: string;
  kindName: string;
  procuratorateName: string;
  statusName: string;
  statusClass: string;
  submittedAtText: string;
  /** "预计答复时间": the next answer the procuratorate owes, '' when none. */
  replyExpectedText: string;
  proxyText: string;
  rows: Row[];
  request: string;
  facts: string;
  reasons: string;
  address: string;
  contact: string;
  timeline: { key: string; statusName: string; atText: string; note: string }[];
  replies: {
    key: string;
    typeName: string;
    methodName: string;
    text: string;
    by: string;
    atText: string;
  }[];
  refusal: PetitionView['refusal'];
  materialsRequest: { items: string[]; dueText: string } | null;
  transfer: PetitionView['transfer'];
  answer: { result: string; atText: string } | null;
  rating: { name: string; comment: string; atText: string } | null;
  reviewDeadlineText: string;
  reviewPetitionId: string;
  /** "办理期限已延长N日，理由：…", '' when the period was not extended. */
  extensionText: string;
  /** The petitioner's latest recusal request (回避) and what was decided. */
  recusal: { reason: string; atText: string; decided: boolean; decisionText: string } | null;
  can: PetitionView['can'];
  /** Still being handled: there is a next step to be told of. */
  open: boolean;
}

type Form = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The kind's own fields as label/value rows. */
function kindRows(view: PetitionView): Row[] {
  const form = view.form as unknown as Form;
  const obj = (k: string) => (form[k] && typeof form[k] === 'object' ? (form[k] as Form) : {});
  const rows: Row[] = [];
  const add = (label: string, value: unknown) => {
    if (str(value)) rows.push({ label, value: str(value) });
  };
  switch (view.kind) {
    case 'accusation': {
      const a = obj('accused');
      add('被控告人', a.name);
      add('职务', a.position);
      add('被控告的行为', a.conduct);
      break;
    }
    case 'criminal_appeal':
    case 'civil_appeal':
    case 'administrative_appeal': {
      const d = obj('decision');
      add('原处理决定', d.title);
      add('文书编号', d.number);
      add('作出日期', d.date);
      add('作出机关', d.organ);
      break;
    }
    case 'state_compensation': {
      const c = obj('compensation');
      const v = (c.victim ?? {}) as Form;
      if (v.type === 'organisation') {
        add('受害单位', v.name);
        add('单位住所', v.domicile);
        add('法定代表人', v.legalRepresentative);
      } else {
        add('受害人', v.name);
        add('性别', SEX_NAMES[v.sex as 'male'] ?? '');
        add('年龄', v.age === undefined ? '' : `${str(v.age)}岁`);
        add('工作单位', v.employer);
        add('住所', v.domicile);
      }
      add('申请人', c.claimantIsVictim ? '受害人本人' : `受害人的${str(c.relationship)}`);
      add('请求赔偿金额', c.amount === undefined ? '' : `${str(c.amount)}元`);
      add('具体要求', c.specificRequest);
      add('申请日期', c.applicationDate);
      break;
    }
    case 'judicial_assistance': {
      const a = obj('assistance');
      add('实际损害', a.harm);
      add('生活困难', a.hardship);
      const received = Array.isArray(a.received) ? (a.received as Form[]) : [];
      add(
        '已获赔偿或救助',
        received.length
          ? received.map((r) => `${str(r.source)} ${str(r.amount)}元`).join('；')
          : '无',
      );
      break;
    }
    case 'public_interest_clue': {
      const c = obj('clue');
      add('受损的公共利益', c.interestHarmed);
      add('违法行为主体', c.responsibleParty);
      break;
    }
    case 'staff_misconduct': {
      const s = obj('staff');
      add('被举报人', s.name);
      add('所在检察院', s.procuratorate);
      add('违法违纪行为', s.conduct);
      break;
    }
    default:
      break;
  }
  return rows;
}

function toShown(view: PetitionView): Shown {
  const form = view.form as unknown as Form;
  const proxy = form.onBehalfOf as { name?: string; relationship?: string; note?: string } | null;
  const relation = proxy?.relationship
    ? (PROXY_RELATIONSHIP_NAMES[proxy.relationship as 'agent'] ?? '')
    : '';
  return {
    id: view.id,
    receiptNumber: view.receiptNumber,
    kindName: view.kindName,
    procuratorateName: view.procuratorateName,
    statusName: view.statusName,
    statusClass: petitionTagClass(view.status),
    submittedAtText: formatTime(view.submittedAt),
    replyExpectedText: view.replyExpectedBy ? formatTime(view.replyExpectedBy) : '',
    proxyText: proxy?.name
      ? `代${proxy.name}信访（${relation}${proxy.note ? `：${proxy.note}` : ''}）`
      : '',
    rows: kindRows(view),
    request: str(form.request),
    facts: str(form.facts),
    reasons: str(form.reasons),
    address: str(form.address),
    contact: str(form.contact),
    timeline: view.timeline.map((t, i) => ({
      key: `t${i}`,
      statusName: t.statusName,
      atText: formatTime(t.at),
      note: t.note ?? '',
    })),
    replies: view.replies.map((r, i) => ({
      key: `r${i}`,
      typeName: REPLY_TYPE_NAMES[r.type],
      methodName: REPLY_METHOD_NAMES[r.method],
      text: r.text,
      by: r.by,
      atText: formatTime(r.at),
    })),
    refusal: view.refusal,
    materialsRequest: view.materialsRequest
      ? {
          items: view.materialsRequest.items,
          dueText: formatTime(view.materialsRequest.dueDate).slice(0, 10),
        }
      : null,
    transfer: view.transfer,
    answer: view.answer
      ? { result: view.answer.result, atText: formatTime(view.answer.answeredAt) }
      : null,
    rating: view.rating
      ? {
          name: SATISFACTION_NAMES[view.rating.satisfaction],
          comment: view.rating.comment ?? '',
          atText: formatTime(view.rating.ratedAt),
        }
      : null,
    reviewDeadlineText: formatTime(view.reviewDeadline),
    reviewPetitionId: view.reviewPetitionId ?? '',
    extensionText: view.extension
      ? `办理期限已延长${view.extension.days}日，理由：${view.extension.reason}`
      : '',
    recusal: view.recusal
      ? {
          reason: view.recusal.reason,
          atText: formatTime(view.recusal.requestedAt),
          decided: !!view.recusal.decision,
          decisionText: !view.recusal.decision
            ? '检察院正在审查您的回避申请，作出决定后会告诉您。'
            : view.recusal.decision.granted
              ? `${formatTime(view.recusal.decision.at)} 决定承办人回避，已更换承办人。`
              : `${formatTime(view.recusal.decision.at)} 决定不予回避，理由：${view.recusal.decision.note ?? ''}`,
        }
      : null,
    can: view.can,
    open: !FINISHED.includes(view.status),
  };
}

interface FileRow {
  key: string;
  name: string;
  sourceName: string;
  url: string;
  isImage: boolean;
  isPdf: boolean;
}

function toFileRow(f: PetitionFileLink, i: number): FileRow {
  const name = f.name.toLowerCase();
  return {
    key: `f${i}`,
    name: f.name,
    sourceName: SOURCE_NAMES[f.source] ?? '',
    url: f.url ?? '',
    isImage: /\.(png|jpe?g|gif|webp|heic)$/.test(name),
    isPdf: name.endsWith('.pdf'),
  };
}

type Action = '' | 'supply' | 'withdraw' | 'rate' | 'review' | 'recusal';

Component({
  properties: {
    id: { type: String, value: '' },
  },

  data: {
    state: 'loading' as 'loading' | 'ready' | 'notfound' | 'error',
    errorMessage: '',
    petition: null as Shown | null,
    filesState: 'loading' as 'loading' | 'ready' | 'error',
    files: [] as FileRow[],
    // supply materials
    attachments: [] as Attachment[],
    attachmentSeq: 0,
    attachmentsMax: ATTACHMENTS_MAX,
    /** Set in onLoad: a value here would be shared by every opening of the page (same paths). */
    uploadToken: '',
    materialsNote: '',
    // withdraw, rate, review
    withdrawReason: '',
    satisfactions: SATISFACTIONS.map((s) => ({ value: s, name: SATISFACTION_NAMES[s] })),
    satisfaction: '' as Satisfaction | '',
    ratingComment: '',
    reviewReason: '',
    reviewMin: REVIEW_REASON_MIN,
    // recusal (回避): the form opens from its button
    recusalOpen: false,
    recusalReason: '',
    recusalMin: RECUSAL_REASON_MIN,
    recusalMax: RECUSAL_REASON_MAX,
    busy: '' as Action,
    errors: {} as Record<string, string>,
    // the notification of the next step
    subscribeNote: '',
    subscribed: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      this.setData({ uploadToken: newClientToken() });
      void this.load(query.id || this.data.id);
    },

    onPullDownRefresh(): void {
      void this.load(this.data.petition?.id || this.data.id).then(() => wx.stopPullDownRefresh());
    },

    async load(id: string): Promise<void> {
      if (!id) {
        this.setData({ state: 'notfound' });
        return;
      }
      if (id !== this.data.id) this.setData({ id });
      if (!this.data.petition) this.setData({ state: 'loading' });
      const res = await call('petition', 'get', { id });
      if (res.ok) {
        this.show(res.data);
      } else if (res.error.code === 'NOT_FOUND' || res.error.code === 'BAD_REQUEST') {
        this.setData({ state: 'notfound', petition: null });
      } else {
        this.setData({ state: 'error', errorMessage: res.error.message });
      }
    },

    show(view: PetitionView): void {
      this.setData({ state: 'ready', petition: toShown(view) });
      void this.loadFiles(view.id);
    },

    async loadFiles(id: string): Promise<void> {
      this.setData({ filesState: 'loading' });
      const res = await call('petition', 'files', { id });
      if (res.ok) {
        this.setData({ filesState: 'ready', files: res.data.files.map(toFileRow) });
      } else {
        this.setData({ filesState: 'error' });
      }
    },

    onRetry(): void {
      void this.load(this.data.id);
    },

    onRetryFiles(): void {
      if (this.data.petition) void this.loadFiles(this.data.petition.id);
    },

    onBackToList(): void {
      wx.redirectTo({ url: '/citizen/petition-mine/index' });
    },

    onOpenReview(): void {
      const id = this.data.petition?.reviewPetitionId;
      if (id) wx.navigateTo({ url: `/citizen/petition-detail/index?id=${id}` });
    },

    // ---------- the notification of the next step ----------

    /** The tap on 提醒我下一步进展: the prompt is requested synchronously, then the answer shown. */
    onSubscribeNext(): void {
      void askProgress().then((answer) => this.showSubscription(answer, true));
    },

    /** Says what the answer means; after another action's prompt, only a consent is worth saying. */
    showSubscription(answer: SubscribeAnswer, always: boolean): void {
      if (answer !== 'accept' && !always) return;
      this.setData({
        subscribed: answer === 'accept',
        subscribeNote:
          answer === 'accept'
            ? SUBSCRIBED_TEXT
            : answer === 'reject'
              ? NOT_SUBSCRIBED_TEXT
              : SUBSCRIBE_FAILED_TEXT,
      });
    },

    // ---------- files ----------

    onOpenFile(e: WechatMiniprogram.TouchEvent<object, object, { key: string }>): void {
      const file = this.data.files.find((f) => f.key === e.currentTarget.dataset.key);
      if (!file) return;
      if (!file.url) {
        toast('该文件已无法查看');
        return;
      }
      if (file.isImage) {
        const urls = this.data.files.filter((f) => f.isImage && f.url).map((f) => f.url);
        wx.previewImage({ urls, current: file.url });
        return;
      }
      wx.showLoading({ title: '正在打开', mask: true });
      wx.downloadFile({
        url: file.url,
        success: (res) => {
          wx.hideLoading();
          if (res.statusCode !== 200) {
            toast('文件打开失败，请下拉刷新后重试');
            return;
          }
          wx.openDocument({
            filePath: res.tempFilePath,
            fileType: file.isPdf ? 'pdf' : undefined,
            showMenu: true,
            fail: () => toast('无法打开该文件'),
          } as WechatMiniprogram.OpenDocumentOption);
        },
        fail: () => {
          wx.hideLoading();
          toast('文件下载失败，请检查网络后重试');
        },
      });
    },

    // ---------- supplying materials ----------

    onAddImages(): void {
      void this.addFiles('image');
    },

    onAddPdf(): void {
      void this.addFiles('pdf');
    },

    addFiles(source: 'image' | 'pdf'): Promise<void> {
      const id = this.data.petition?.id ?? 'unknown';
      const token = this.data.uploadToken;
      this.clearError('supply_attachments');
      return addAttachments(
        this,
        source,
        (n, ext) => `petitions/${id}/materials-${token}/${n}.${ext}`,
        () => undefined,
      );
    },

    onRemoveFile(e: WechatMiniprogram.TouchEvent<object, object, { key: string }>): void {
      removeAttachment(this, e.currentTarget.dataset.key);
    },

    onRetryFile(e: WechatMiniprogram.TouchEvent<object, object, { key: string }>): void {
      retryAttachment(this, e.currentTarget.dataset.key, () => undefined);
    },

    onMaterialsNote(e: WechatMiniprogram.TextareaInput): void {
      this.setData({ materialsNote: e.detail.value });
      this.clearError('supply_note');
      this.clearError('supply_attachments');
    },

    onSupply(): void {
      const problem = attachmentsProblem(this.data.attachments);
      if (problem) {
        this.setData({ 'errors.supply_attachments': problem });
        return;
      }
      const attachments = uploadedFileIds(this.data.attachments);
      const note = this.data.materialsNote.trim();
      if (!attachments.length && !note) {
        this.setData({ 'errors.supply_attachments': '请上传补充的材料或填写补充说明' });
        return;
      }
      if (this.data.busy) return;
      // Asked inside the tap; the materials are sent whatever the answer.
      const asked = askProgress();
      void this.act('supply', async () => {
        this.showSubscription(await asked, false);
        return call('petition', 'supplyMaterials', {
          id: this.data.id,
          attachments,
          ...(note ? { note } : {}),
        });
      });
    },

    // ---------- withdrawing ----------

    onWithdrawReason(e: WechatMiniprogram.Input): void {
      this.setData({ withdrawReason: e.detail.value });
      this.clearError('withdraw_reason');
    },

    async onWithdraw(): Promise<void> {
      if (this.data.busy) return;
      const ok = await confirm(
        '确定撤回信访？',
        '撤回后检察院将不再办理本件信访。如仍有诉求，需要重新提出。',
        '撤回',
      );
      if (!ok) return;
      const reason = this.data.withdrawReason.trim();
      await this.act('withdraw', () =>
        call('petition', 'withdraw', { id: this.data.id, ...(reason ? { reason } : {}) }),
      );
    },

    // ---------- rating ----------

    onChooseSatisfaction(e: WechatMiniprogram.TouchEvent<object, object, { value: string }>) {
      this.setData({ satisfaction: e.currentTarget.dataset.value as Satisfaction });
      this.clearError('rate_satisfaction');
    },

    onRatingComment(e: WechatMiniprogram.TextareaInput): void {
      this.setData({ ratingComment: e.detail.value });
      this.clearError('rate_comment');
    },

    onRate(): void {
      const { satisfaction } = this.data;
      if (!satisfaction) {
        this.setData({ 'errors.rate_satisfaction': '请选择满意程度' });
        return;
      }
      const comment = this.data.ratingComment.trim();
      void this.act('rate', () =>
        call('petition', 'rate', {
          id: this.data.id,
          satisfaction,
          ...(comment ? { comment } : {}),
        }),
      );
    },

    // ---------- review (复查) ----------

    onReviewReason(e: WechatMiniprogram.TextareaInput): void {
      this.setData({ reviewReason: e.detail.value });
      this.clearError('review_reason');
    },

    async onRequestReview(): Promise<void> {
      if (this.data.busy) return;
      const reason = this.data.reviewReason.trim();
      if (reason.length < REVIEW_REASON_MIN) {
        this.setData({ 'errors.review_reason': `申请复查的理由至少${REVIEW_REASON_MIN}个字` });
        return;
      }
      // Asked inside the tap, before the confirmation (which would end the tap); the review is
      // requested whatever the answer.
      this.showSubscription(await askProgress(), false);
      const ok = await confirm(
        '确定申请复查？',
        '复查申请将提交上一级检察院办理，每件信访只能申请一次。',
        '申请复查',
      );
      if (!ok) return;
      await this.act('review', () =>
        call('petition', 'requestReview', { id: this.data.id, reason }),
      );
    },

    // ---------- recusal (回避) ----------

    onOpenRecusal(): void {
      this.setData({ recusalOpen: true });
    },

    onCancelRecusal(): void {
      this.setData({ recusalOpen: false });
      this.clearError('recusal_reason');
    },

    onRecusalReason(e: WechatMiniprogram.TextareaInput): void {
      this.setData({ recusalReason: e.detail.value });
      this.clearError('recusal_reason');
    },

    async onRequestRecusal(): Promise<void> {
      if (this.data.busy) return;
      const reason = this.data.recusalReason.trim();
      if (reason.length < RECUSAL_REASON_MIN) {
        this.setData({
          'errors.recusal_reason': `申请回避的理由至少${RECUSAL_REASON_MIN}个字`,
        });
        return;
      }
      // Asked inside the tap, before the confirmation (which would end the tap); the request is
      // sent whatever the answer.
      this.showSubscription(await askProgress(), false);
      const ok = await confirm(
        '确定申请承办人回避？',
        '回避申请由检察院领导审查决定，对同一承办人只能申请一次。',
        '申请回避',
      );
      if (!ok) return;
      await this.act('recusal', () =>
        call('petition', 'requestRecusal', { id: this.data.id, reason }),
      );
    },

    // ---------- shared ----------

    clearError(key: string): void {
      if (this.data.errors[key]) this.setData({ [`errors.${key}`]: '' });
    },

    /** Runs one action; its answer is the new view. Stale pages reload; field errors stay put. */
    async act(action: Action, run: () => Promise<ActionResult<PetitionView>>): Promise<void> {
      if (this.data.busy) return;
      this.setData({ busy: action, errors: {} });
      const res = await run();
      this.setData({ busy: '' });
      if (res.ok) {
        this.setData({
          attachments: [],
          materialsNote: '',
          withdrawReason: '',
          satisfaction: '',
          ratingComment: '',
          reviewReason: '',
          recusalReason: '',
          recusalOpen: false,
        });
        this.show(res.data);
        toast(
          {
            supply: '补充材料已提交',
            withdraw: '已撤回',
            rate: '感谢您的评价',
            review: '复查申请已提交',
            recusal: '回避申请已提交',
            '': '',
          }[action],
        );
        return;
      }
      const { error } = res;
      if (error.code === 'CONFLICT') {
        toast(CONFLICT_TEXT);
        await this.load(this.data.id);
        return;
      }
      const errors: Record<string, string> = {};
      for (const [path, message] of Object.entries(fieldErrors(res))) {
        const key = `${action}_${path.split('.')[0]}`;
        if (!errors[key]) errors[key] = message;
      }
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      toast(error.message);
      // Not allowed any more (answered meanwhile, deadline passed): show what is true now.
      if (error.code === 'PRECONDITION_FAILED' || error.code === 'FORBIDDEN') {
        await this.load(this.data.id);
      }
    },
  },
});
