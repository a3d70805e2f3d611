// 信访详情 (staff): who filed it (ID number masked), what they ask, routing, deadlines, the timeline,
// the replies and the files; and the steps this staff member may take now (`allowedEvents`), each
// sent with the version the page shows, so acting on a stale page answers CONFLICT and reloads.
import type { ActionResult } from '../../../typings/errors';
import type { DepartmentView } from '../../../typings/org';
import type {
  PetitionFileLink,
  PetitionStaffView,
  PetitionView,
  RefusalGround,
} from '../../../typings/petition';
import { call, uploadOwnFile } from '../../utils/api';
import { openStoredFile } from '../../utils/attachments';
import { filedFormRows } from '../../utils/petition-citizen';
import {
  PETITION_CHANNEL_NAMES,
  PETITION_STATUS_NAMES,
  REFUSAL_GROUNDS,
  REFUSAL_GROUND_TEXTS,
  REPLY_METHODS,
  REPLY_METHOD_NAMES,
  STAFF_STEP_LIMITS,
  DEADLINE_STATE_NAMES,
  errorsById,
  petitionTagClass,
} from '../../utils/petition-form';
import { formatTime } from '../../utils/time';
import { confirm, notice, toast } from '../../utils/ui';
import {
  columnsFor,
  groupUnits,
  unitChosen,
  unitColumnMoved,
  type UnitGroup,
} from '../../utils/units';

type Ev =
  | 'REGISTER'
  | 'ACCEPT'
  | 'REFUSE'
  | 'REQUEST_MATERIALS'
  | 'TRANSFER'
  | 'ASSIGN'
  | 'PROCEDURAL_REPLY'
  | 'PROGRESS_REPLY'
  | 'ANSWER'
  | 'CLOSE'
  | 'ARCHIVE';

interface EventSpec {
  /** Element id suffix: `act-<key>`. */
  key: string;
  name: string;
  /** The step has a form; otherwise the button sends it at once (after asking, if `ask`). */
  form: boolean;
  /** Irreversible: asked with a modal before sending. */
  ask: string | null;
}

const EVENTS: Record<Ev, EventSpec> = {
  REGISTER: { key: 'register', name: '登记', form: true, ask: null },
  ACCEPT: { key: 'accept', name: '受理', form: false, ask: null },
  REFUSE: {
    key: 'refuse',
    name: '不予受理',
    form: true,
    ask: '不予受理决定作出后不能撤销，信访人会收到理由和说明。确定不予受理吗？',
  },
  REQUEST_MATERIALS: { key: 'request-materials', name: '要求补充材料', form: true, ask: null },
  TRANSFER: {
    key: 'transfer',
    name: '转办',
    form: true,
    ask: '转办后本院不再办理该信访（转交本院其他部门除外）。确定转办吗？',
  },
  ASSIGN: { key: 'assign', name: '分配承办人', form: true, ask: null },
  PROCEDURAL_REPLY: { key: 'procedural-reply', name: '程序性答复', form: true, ask: null },
  PROGRESS_REPLY: { key: 'progress-reply', name: '答复办理进展', form: true, ask: null },
  ANSWER: {
    key: 'answer',
    name: '答复办理结果',
    form: true,
    ask: '办理结果答复后不能修改，信访人会收到答复。确定答复吗？',
  },
  CLOSE: { key: 'close', name: '办结', form: false, ask: '办结后不能再答复。确定办结吗？' },
  ARCHIVE: { key: 'archive', name: '归档', form: false, ask: '归档后不能再办理。确定归档吗？' },
};

const EVENT_ORDER = Object.keys(EVENTS) as Ev[];

const TRANSFER_TYPES = [
  { value: 'procuratorate', name: '转其他检察院' },
  { value: 'department', name: '转本院其他部门' },
  { value: 'legal_procedure', name: '导入法律程序' },
] as const;

const REPLY_TYPE_NAMES = { procedural: '程序性答复', progress: '进展答复', answer: '办理结果答复' };

const SOURCE_NAMES = { petition: '信访材料', materials: '补充材料', reply: '答复附件' };

const L = STAFF_STEP_LIMITS;

interface Shown {
  id: string;
  receiptNumber: string;
  kindName: string;
  channelName: string;
  status: string;
  statusName: string;
  statusClass: string;
  procuratorateId: string;
  procuratorateName: string;
  submittedAtText: string;
  petitioner: { name: string; idNumberMasked: string; mobile: string };
  departmentId: string;
  departmentName: string;
  handlerName: string;
  needsReview: boolean;
  litigation: string;
  /** Suggested duplicates (ground 3): receipt number, status, score and why. */
  duplicates: { key: string; title: string; reasons: string }[];
  /** Suggested ground 4, with why; empty when none. */
  abuse: string;
  /** A draft explanation for refusing a repeated letter (ground 3); empty when none. */
  explanation: string;
  due: { label: string; text: string; overdue: boolean; soon: boolean }[];
  /** The scheduler's reminders and escalations (督办), newest first. */
  alerts: { key: string; text: string; overdue: boolean }[];
  formRows: { label: string; value: string }[];
  timeline: { atText: string; statusName: string; note: string }[];
  replies: {
    typeName: string;
    methodName: string;
    text: string;
    atText: string;
    by: string;
    attachments: number;
  }[];
  refusal: { groundText: string; explanation: string } | null;
  materialsRequest: { items: string; dueText: string } | null;
  transfer: { toName: string; reason: string } | null;
  answer: { result: string; atText: string } | null;
  linkedFrom: string;
  version: number;
  /** Handlers who may be picked (ASSIGN): those with a conflict (回避) are listed apart, with why. */
  assignees: { staffId: string; name: string }[];
  conflicted: { staffId: string; name: string; conflict: string }[];
  /** A recusal's new handler: any who may be picked but the handler asked to withdraw. */
  recusalCandidates: { staffId: string; name: string }[];
  extensions: Decision[];
  /** The days the pending extension asks for; 0 when none is pending. */
  pendingExtensionDays: number;
  recusals: Decision[];
  canRequestExtension: boolean;
  /** Refusing is offered now (the explanation of a repeated letter can fill its form). */
  canRefuse: boolean;
  canDecideExtension: boolean;
  canDecideRecusal: boolean;
}

/** An extension or recusal request as listed, with the leader's decision. */
interface Decision {
  key: string;
  title: string;
  reason: string;
  meta: string;
  stateName: string;
  stateClass: string;
  decisionText: string;
}

function decisionOf(
  d: PetitionStaffView['extensions'][number]['decision'],
  names: { pending: string; granted: string; refused: string },
) {
  return {
    stateName: d ? (d.granted ? names.granted : names.refused) : names.pending,
    stateClass: d ? (d.granted ? 'tag-replied' : 'tag-soon') : 'tag-pending',
    decisionText: d
      ? `${d.byName} ${formatTime(d.at)} ${d.granted ? names.granted : names.refused}` +
        (d.note ? `：${d.note}` : '')
      : '',
  };
}

function isStaffView(v: PetitionView | PetitionStaffView): v is PetitionStaffView {
  return 'allowedEvents' in v;
}

function toShown(v: PetitionStaffView): Shown {
  // Every time limit the server's deadline engine applies, earliest first: met ones with how.
  const dueRows = v.deadlines.map((d) => ({
    label: `${d.name}期限${d.party === 'petitioner' ? '（信访人）' : ''}`,
    text:
      formatTime(d.due) +
      (d.metAt ? `，${DEADLINE_STATE_NAMES[d.state]}` : '') +
      (d.uncertain ? '（节假日安排未公布，可能调整）' : ''),
    overdue: d.state === 'overdue',
    soon: d.state === 'due_soon',
  }));
  return {
    id: v.id,
    receiptNumber: v.receiptNumber,
    kindName: v.kindName,
    channelName: PETITION_CHANNEL_NAMES[v.channel],
    status: v.status,
    statusName: PETITION_STATUS_NAMES[v.status],
    statusClass: petitionTagClass(v.status),
    procuratorateId: v.procuratorateId,
    procuratorateName: v.procuratorateName,
    submittedAtText: formatTime(v.submittedAt),
    petitioner: v.petitioner,
    departmentId: v.departmentId ?? '',
    departmentName: v.departmentName ?? '未登记',
    handlerName: v.handler?.name ?? '未分配',
    needsReview: v.contentFlag === 'review',
    litigation: v.suggestions.litigation ?? '',
    duplicates: v.suggestions.duplicates.map((d) => ({
      key: d.petitionId,
      title:
        `${d.receiptNumber}（${d.statusName}，${formatTime(d.submittedAt)}收到，` +
        `相似度${Math.round(d.similarity * 100)}%）`,
      reasons: d.reasons.join('；'),
    })),
    abuse: v.suggestions.abuse?.reason ?? '',
    explanation: v.suggestions.explanation ?? '',
    due: dueRows,
    alerts: v.alerts.map((a, i) => ({
      key: `${i}`,
      text:
        `${formatTime(a.at)} ` +
        (a.level === 'overdue' ? '已超期，已督办：' : '即将到期，已提醒：') +
        `${a.deadlineName}期限 ${formatTime(a.due)}（通知${a.told}人）`,
      overdue: a.level === 'overdue',
    })),
    formRows: filedFormRows(v.kind, v.form),
    timeline: v.timeline.map((t) => ({
      atText: formatTime(t.at),
      statusName: t.statusName,
      note: t.note ?? '',
    })),
    replies: v.replies.map((r) => ({
      typeName: REPLY_TYPE_NAMES[r.type],
      methodName: REPLY_METHOD_NAMES[r.method],
      text: r.text,
      atText: formatTime(r.at),
      by: r.by,
      attachments: r.attachments.length,
    })),
    refusal: v.refusal
      ? { groundText: v.refusal.groundText, explanation: v.refusal.explanation }
      : null,
    materialsRequest: v.materialsRequest
      ? {
          items: v.materialsRequest.items.join('、'),
          dueText: formatTime(v.materialsRequest.dueDate),
        }
      : null,
    transfer: v.transfer,
    answer: v.answer ? { result: v.answer.result, atText: formatTime(v.answer.answeredAt) } : null,
    linkedFrom: v.linkedFrom
      ? `${v.linkedFrom.type === 'transfer' ? '转办自' : '复查'}：${v.linkedFrom.receiptNumber}`
      : '',
    version: v.version,
    assignees: v.assignees
      .filter((a) => !a.conflict)
      .map((a) => ({ staffId: a.staffId, name: a.name })),
    conflicted: v.assignees
      .filter((a) => !!a.conflict)
      .map((a) => ({ staffId: a.staffId, name: a.name, conflict: a.conflict ?? '' })),
    recusalCandidates: v.assignees
      .filter((a) => !a.conflict && a.staffId !== v.handler?.staffId)
      .map((a) => ({ staffId: a.staffId, name: a.name })),
    extensions: v.extensions.map((x, i) => ({
      key: `x${i}`,
      title: `申请延长办理期限${x.days}日`,
      reason: x.reason,
      meta: `${x.requestedByName} · ${formatTime(x.requestedAt)}`,
      ...decisionOf(x.decision, { pending: '待审批', granted: '已批准', refused: '不批准' }),
    })),
    pendingExtensionDays: v.extensions.find((x) => !x.decision)?.days ?? 0,
    recusals: v.recusals.map((r, i) => ({
      key: `r${i}`,
      title: `信访人申请承办人${r.handlerName}回避`,
      reason: r.reason,
      meta: formatTime(r.requestedAt),
      ...decisionOf(r.decision, { pending: '待决定', granted: '决定回避', refused: '不予回避' }),
    })),
    canRequestExtension: v.allowedEvents.includes('REQUEST_EXTENSION'),
    canRefuse: v.allowedEvents.includes('REFUSE'),
    canDecideExtension: v.allowedEvents.includes('DECIDE_EXTENSION'),
    canDecideRecusal: v.allowedEvents.includes('DECIDE_RECUSAL'),
  };
}

/** The extension and recusal forms' values, cleared after a decision is sent. */
function emptyDecisionForms() {
  return {
    extDaysIndex: -1,
    extReason: '',
    extNote: '',
    extErrors: {} as Record<string, string>,
    extError: '',
    recHandlerIndex: -1,
    recNote: '',
    recErrors: {} as Record<string, string>,
    recError: '',
  };
}

/** 1 to 30 days: an extension of the handling period is at most 30 days (条例 art. 34). */
const EXTENSION_DAYS = Array.from({ length: 30 }, (_, i) => `${i + 1}日`);

function buttonsOf(v: PetitionStaffView) {
  return EVENT_ORDER.filter((e) => v.allowedEvents.includes(e)).map((e) => ({
    event: e,
    key: EVENTS[e].key,
    name: EVENTS[e].name,
  }));
}

/** Today in China time, `YYYY-MM-DD` (the due-date picker starts tomorrow). */
function chinaDay(offsetDays: number): string {
  const d = new Date(Date.now() + 8 * 60 * 60 * 1000 + offsetDays * 24 * 60 * 60 * 1000);
  const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Where a petition may be transferred: every procuratorate but its own (the server refuses that). */
function transferGroups(groups: UnitGroup[], own: string): UnitGroup[] {
  return groups
    .map((g) => ({ name: g.name, units: g.units.filter((u) => u.id !== own) }))
    .filter((g) => g.units.length > 0);
}

interface Attachment {
  fileID: string;
  name: string;
}

/** The step forms' values, cleared after a step succeeds and kept when it fails. */
function emptyForms() {
  return {
    departmentIndex: -1,
    groundIndex: -1,
    explanation: '',
    items: [''] as string[],
    dueDate: '',
    transferTypeIndex: -1,
    transferUnit: null as { id: string; name: string } | null,
    unitIndex: [0, 0],
    transferDepartmentIndex: -1,
    procedure: '',
    reason: '',
    assigneeIndex: -1,
    methodIndex: 0,
    replyText: '',
    result: '',
    attachments: [] as Attachment[],
  };
}

type StepResult = ActionResult<PetitionStaffView>;

Component({
  properties: {
    id: { type: String, value: '' },
  },

  data: {
    state: 'loading' as 'loading' | 'ready' | 'notfound' | 'forbidden' | 'error',
    errorMessage: '',
    petition: null as Shown | null,
    buttons: [] as { event: Ev; key: string; name: string }[],
    active: '' as '' | Ev,
    activeName: '',
    submitting: false,
    uploading: false,
    errors: {} as Record<string, string>,
    formError: '',
    // Reference data for the pickers.
    departments: [] as DepartmentView[],
    /** The departments of the petition's procuratorate (register), and those but its own (transfer). */
    unitDepartments: [] as DepartmentView[],
    otherDepartments: [] as DepartmentView[],
    /** Every procuratorate, grouped for the picker. */
    allUnitGroups: [] as UnitGroup[],
    /** Those a transfer may go to: all but the petition's own procuratorate. */
    unitGroups: [] as UnitGroup[],
    unitColumns: [[], []] as string[][],
    groundOptions: REFUSAL_GROUNDS.map((g) => ({ value: g, name: REFUSAL_GROUND_TEXTS[g] })),
    methodOptions: REPLY_METHODS.map((m) => ({ value: m, name: REPLY_METHOD_NAMES[m] })),
    transferTypes: TRANSFER_TYPES.map((t) => ({ value: t.value, name: t.name })),
    minDueDate: chinaDay(1),
    limits: L,
    ...emptyForms(),
    // Extension of the handling period and recusal (回避): requests and a leader's decisions.
    dayOptions: EXTENSION_DAYS,
    deciding: '' as '' | 'ext' | 'rec',
    ...emptyDecisionForms(),
    // Files, loaded beside the petition.
    filesState: 'loading' as 'loading' | 'ready' | 'error',
    files: [] as (PetitionFileLink & { sourceName: string })[],
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      void this.load(query.id || this.data.id);
    },

    async load(id: string): Promise<void> {
      if (!id) {
        this.setData({ state: 'notfound' });
        return;
      }
      if (id !== this.data.id) this.setData({ id });
      if (!this.data.petition) this.setData({ state: 'loading' });
      const [who, res, org] = await Promise.all([
        call('account', 'whoami', {}),
        call('petition', 'get', { id }),
        this.data.departments.length ? null : call('account', 'procuratorates', {}),
      ]);
      if (!who.ok || !who.data.staff) {
        this.setData({ state: 'forbidden' });
        return;
      }
      if (!res.ok) {
        this.setData(
          res.error.code === 'NOT_FOUND' || res.error.code === 'BAD_REQUEST'
            ? { state: 'notfound' }
            : { state: 'error', errorMessage: res.error.message },
        );
        return;
      }
      // Only staff who may handle it get the staff view; anyone else is not handling it.
      if (!isStaffView(res.data)) {
        this.setData({ state: 'notfound' });
        return;
      }
      if (org && org.ok) {
        this.setData({
          departments: org.data.departments,
          allUnitGroups: groupUnits(org.data.procuratorates),
        });
      }
      this.show(res.data);
      void this.loadFiles(id);
    },

    show(v: PetitionStaffView): void {
      const buttons = buttonsOf(v);
      const active =
        this.data.active && v.allowedEvents.includes(this.data.active) ? this.data.active : '';
      const mine = this.data.departments.filter((d) => d.procuratorateId === v.procuratorateId);
      const unitGroups = transferGroups(this.data.allUnitGroups, v.procuratorateId);
      const first = Math.min(this.data.unitIndex[0] ?? 0, Math.max(unitGroups.length - 1, 0));
      this.setData({
        unitGroups,
        unitColumns: columnsFor(unitGroups, first),
        state: 'ready',
        petition: toShown(v),
        buttons,
        active,
        activeName: active ? EVENTS[active].name : '',
        otherDepartments: mine.filter((d) => d.id !== v.departmentId),
        unitDepartments: mine,
      });
    },

    async loadFiles(id: string): Promise<void> {
      this.setData({ filesState: 'loading' });
      const res = await call('petition', 'files', { id });
      if (!res.ok) {
        this.setData({ filesState: 'error', files: [] });
        return;
      }
      this.setData({
        filesState: 'ready',
        files: res.data.files.map((f) => ({ ...f, sourceName: SOURCE_NAMES[f.source] })),
      });
    },

    onRetry(): void {
      void this.load(this.data.id);
    },

    onRetryFiles(): void {
      void this.loadFiles(this.data.id);
    },

    /** An archived petition's dossier (归档卷宗), read-only and printable. */
    onOpenDossier(): void {
      wx.navigateTo({ url: `/staff/petition-dossier/index?id=${this.data.id}` });
    },

    onOpenFile(e: WechatMiniprogram.TouchEvent<object, object, { index: number }>): void {
      const file = this.data.files[e.currentTarget.dataset.index];
      openStoredFile(file ?? { name: '', url: null });
    },

    // ---------------------------------------------------------------------------------------
    // Steps

    async onAction(e: WechatMiniprogram.TouchEvent<object, object, { event: Ev }>): Promise<void> {
      const event = e.currentTarget.dataset.event;
      const spec = EVENTS[event];
      if (spec.form) {
        this.setData({ active: event, activeName: spec.name, errors: {}, formError: '' });
        return;
      }
      await this.send(event);
    },

    /** Opens the refusal form on ground 3 with the suggested explanation, for staff to check. */
    onUseExplanation(): void {
      const groundIndex = this.data.groundOptions.findIndex((g) => g.value === 3);
      this.setData({
        active: 'REFUSE',
        activeName: EVENTS.REFUSE.name,
        errors: {},
        formError: '',
        groundIndex,
        explanation: this.data.petition?.explanation ?? '',
      });
    },

    onCancelAction(): void {
      this.setData({ active: '', activeName: '', errors: {}, formError: '' });
    },

    /** Text inputs: `data-field` is the data key, `data-error` the error key it clears. */
    onInput(
      e: WechatMiniprogram.CustomEvent<{ value: string }, object, { field: string; error: string }>,
    ): void {
      const { field, error } = e.currentTarget.dataset;
      this.setData({ [field]: e.detail.value, [`errors.${error}`]: '' });
    },

    onPick(
      e: WechatMiniprogram.CustomEvent<
        { value: string | number },
        object,
        { field: string; error: string }
      >,
    ): void {
      const { field, error } = e.currentTarget.dataset;
      this.setData({ [field]: Number(e.detail.value), [`errors.${error}`]: '' });
    },

    onDueDateChange(e: WechatMiniprogram.PickerChange): void {
      this.setData({ dueDate: String(e.detail.value), 'errors.dueDate': '' });
    },

    onItemInput(
      e: WechatMiniprogram.CustomEvent<{ value: string }, object, { index: number }>,
    ): void {
      this.setData({
        [`items[${e.currentTarget.dataset.index}]`]: e.detail.value,
        'errors.items': '',
      });
    },

    onAddItem(): void {
      if (this.data.items.length >= L.itemsMax) return;
      this.setData({ items: [...this.data.items, ''] });
    },

    onRemoveItem(e: WechatMiniprogram.TouchEvent<object, object, { index: number }>): void {
      const items = this.data.items.filter((_, i) => i !== e.currentTarget.dataset.index);
      this.setData({ items: items.length ? items : [''] });
    },

    onUnitColumnChange(e: WechatMiniprogram.PickerColumnChange): void {
      const moved = unitColumnMoved(this.data.unitGroups, e.detail);
      if (moved) this.setData(moved);
    },

    onUnitChange(e: WechatMiniprogram.PickerChange): void {
      const chosen = unitChosen(this.data.unitGroups, e.detail.value);
      if (!chosen) return;
      this.setData({
        transferUnit: chosen.unit,
        ...chosen.picker,
        'errors.to_procuratorateId': '',
      });
    },

    async onChooseAttachments(): Promise<void> {
      const room = L.attachmentsMax - this.data.attachments.length;
      if (room <= 0 || this.data.uploading) return;
      let chosen: WechatMiniprogram.ChooseMediaSuccessCallbackResult;
      try {
        chosen = await wx.chooseMedia({
          count: room,
          mediaType: ['image'],
          sourceType: ['album', 'camera'],
        });
      } catch {
        return; // cancelled
      }
      this.setData({ uploading: true });
      const id = this.data.id;
      const uploaded: Attachment[] = [];
      for (const [i, file] of chosen.tempFiles.entries()) {
        const ext = /\.[A-Za-z0-9]{1,5}$/.exec(file.tempFilePath)?.[0] ?? '.jpg';
        const name = `reply-${Date.now()}-${i}${ext}`;
        try {
          const fileID = await uploadOwnFile(
            this,
            `petitions/${id}/replies/${name}`,
            file.tempFilePath,
          );
          uploaded.push({ fileID, name });
        } catch (err) {
          console.error('uploading a reply attachment failed', err);
          toast('附件上传失败，请重试');
          break;
        }
      }
      this.setData({
        uploading: false,
        attachments: [...this.data.attachments, ...uploaded],
        'errors.attachments': '',
      });
    },

    onRemoveAttachment(e: WechatMiniprogram.TouchEvent<object, object, { index: number }>): void {
      this.setData({
        attachments: this.data.attachments.filter((_, i) => i !== e.currentTarget.dataset.index),
      });
    },

    // ---------------------------------------------------------------------------------------
    // Extension of the handling period and recusal (回避)

    /** The sections' inputs and pickers: `data-field` is the data key, `data-error` its error path. */
    onDecisionInput(
      e: WechatMiniprogram.CustomEvent<
        { value: string | number },
        object,
        { field: string; error: string; number?: boolean }
      >,
    ): void {
      const { field, error, number } = e.currentTarget.dataset;
      const value = number ? Number(e.detail.value) : e.detail.value;
      this.setData({ [field]: value, [error]: '' });
    },

    /** The handler asks a leader to extend the handling period. */
    async onRequestExtension(): Promise<void> {
      const d = this.data;
      if (d.deciding) return;
      await this.decide('ext', '延期申请已提交', (target) =>
        call('petition', 'requestExtension', {
          ...target,
          // An unchosen number of days is sent as 0: the contract answers under the field.
          days: d.extDaysIndex + 1,
          reason: d.extReason,
        }),
      );
    },

    /** A leader approves (`data-grant="yes"`) or refuses the pending extension, after asking. */
    async onDecideExtension(
      e: WechatMiniprogram.TouchEvent<object, object, { grant: string }>,
    ): Promise<void> {
      const d = this.data;
      if (d.deciding || !d.petition) return;
      const grant = e.currentTarget.dataset.grant === 'yes';
      const note = d.extNote.trim();
      if (!grant && note.length < L.reasonMin) {
        this.setData({
          'extErrors.note': `不批准延期的，请填写理由（${L.reasonMin}至${L.reasonMax}个字）`,
        });
        return;
      }
      const sure = grant
        ? await confirm(
            '确认批准延期',
            `批准后办理期限延长${d.petition.pendingExtensionDays}日，信访人会收到延期理由。确定批准吗？`,
            '确认批准',
          )
        : await confirm(
            '确认不批准延期',
            '不批准后办理期限不变，承办人会收到审批意见。确定不批准吗？',
            '确认不批准',
          );
      if (!sure) return;
      await this.decide('ext', grant ? '已批准延期' : '已不批准延期', (target) =>
        call('petition', 'decideExtension', { ...target, grant, ...(note ? { note } : {}) }),
      );
    },

    /**
     * A leader decides the petitioner's recusal request: granted (`data-grant="yes"`) with a new
     * handler, or refused with a reason the petitioner reads; asked before sending.
     */
    async onDecideRecusal(
      e: WechatMiniprogram.TouchEvent<object, object, { grant: string }>,
    ): Promise<void> {
      const d = this.data;
      if (d.deciding || !d.petition) return;
      const grant = e.currentTarget.dataset.grant === 'yes';
      const note = d.recNote.trim();
      const next = d.petition.recusalCandidates[d.recHandlerIndex];
      if (grant && !next) {
        this.setData({ 'recErrors.staffId': '决定回避的，请选择新的承办人' });
        return;
      }
      if (!grant && note.length < L.reasonMin) {
        this.setData({
          'recErrors.note': `决定不予回避的，请填写理由（${L.reasonMin}至${L.reasonMax}个字）`,
        });
        return;
      }
      const sure = grant
        ? await confirm(
            '确认决定回避',
            `决定回避后改由${next?.name ?? ''}承办，信访人和新的承办人会收到通知。确定吗？`,
            '确认回避',
          )
        : await confirm(
            '确认不予回避',
            '信访人会看到不予回避的理由，并且不能再对该承办人申请回避。确定不予回避吗？',
            '确认不予回避',
          );
      if (!sure) return;
      await this.decide('rec', grant ? '已决定回避' : '已决定不予回避', (target) =>
        call('petition', 'decideRecusal', {
          ...target,
          grant,
          ...(grant && next ? { staffId: next.staffId } : {}),
          ...(note ? { note } : {}),
        }),
      );
    },

    /** Sends one request or decision with the shown version; errors go under the section's fields. */
    async decide(
      kind: 'ext' | 'rec',
      done: string,
      run: (target: { id: string; version: number }) => Promise<StepResult>,
    ): Promise<void> {
      const p = this.data.petition;
      if (!p || this.data.deciding) return;
      this.setData({ deciding: kind, [`${kind}Errors`]: {}, [`${kind}Error`]: '' });
      const res = await run({ id: p.id, version: p.version });
      if (res.ok) {
        this.setData({ deciding: '', ...emptyDecisionForms() });
        this.show(res.data);
        toast(done);
        return;
      }
      const { error } = res;
      if (error.code === 'CONFLICT') {
        this.setData({ deciding: '', recHandlerIndex: -1 });
        notice('页面已过期', error.message);
        await this.load(p.id);
        return;
      }
      const errors = errorsById(error.issues);
      this.setData({
        deciding: '',
        [`${kind}Errors`]: errors,
        // A message no field shows (a state or role refusal) shows under the section.
        [`${kind}Error`]: Object.keys(errors).length > 0 ? '' : error.message,
      });
    },

    async onSubmitAction(): Promise<void> {
      if (this.data.active) await this.send(this.data.active);
    },

    /** Sends one step with the shown version; asks first when it cannot be undone. */
    async send(event: Ev): Promise<void> {
      const p = this.data.petition;
      if (!p || this.data.submitting) return;
      const spec = EVENTS[event];
      this.setData({ submitting: true, formError: '' });
      if (spec.ask && !(await confirm(`确认${spec.name}`, spec.ask, `确认${spec.name}`))) {
        this.setData({ submitting: false });
        return;
      }
      const res = await this.request(event, { id: p.id, version: p.version });
      if (res.ok) {
        this.setData({
          submitting: false,
          active: '',
          activeName: '',
          errors: {},
          ...emptyForms(),
        });
        this.show(res.data);
        void this.loadFiles(p.id);
        toast(`${spec.name}成功`);
        return;
      }
      const { error } = res;
      if (error.code === 'CONFLICT') {
        this.setData({ submitting: false });
        notice('页面已过期', error.message);
        await this.load(p.id);
        return;
      }
      const errors = errorsById(error.issues);
      const shown = Object.keys(errors).length > 0;
      this.setData({
        submitting: false,
        errors,
        // A message no field shows (a state or role refusal, a disclosure summary) shows above the button.
        formError: shown && error.code === 'BAD_REQUEST' && spec.form ? '' : error.message,
      });
      if (!spec.form) toast(error.message);
    },

    request(event: Ev, target: { id: string; version: number }): Promise<StepResult> {
      const d = this.data;
      const reply = {
        method: d.methodOptions[d.methodIndex]?.value ?? 'online',
        text: d.replyText,
        attachments: d.attachments.map((a) => a.fileID),
      };
      switch (event) {
        case 'REGISTER':
          return call('petition', 'register', {
            ...target,
            departmentId: d.unitDepartments[d.departmentIndex]?.id ?? '',
          });
        case 'ACCEPT':
          return call('petition', 'accept', target);
        case 'REFUSE':
          return call('petition', 'refuse', {
            ...target,
            // An unchosen ground is sent as 0: the contract answers under the field.
            ground: (d.groundOptions[d.groundIndex]?.value ?? 0) as RefusalGround,
            explanation: d.explanation,
          });
        case 'REQUEST_MATERIALS':
          return call('petition', 'requestMaterials', {
            ...target,
            items: d.items.filter((i) => i.trim() !== ''),
            dueDate: d.dueDate,
          });
        case 'TRANSFER': {
          const type = d.transferTypes[d.transferTypeIndex]?.value;
          const to =
            type === 'procuratorate'
              ? { type, procuratorateId: d.transferUnit?.id ?? '' }
              : type === 'department'
                ? { type, departmentId: d.otherDepartments[d.transferDepartmentIndex]?.id ?? '' }
                : type === 'legal_procedure'
                  ? { type, procedure: d.procedure }
                  : undefined;
          // Without a chosen type `to` is left out, and the contract says 请选择转办去向.
          return call('petition', 'transfer', {
            ...target,
            ...(to ? { to } : {}),
            reason: d.reason,
          } as Parameters<typeof call<'petition', 'transfer'>>[2]);
        }
        case 'ASSIGN':
          return call('petition', 'assign', {
            ...target,
            staffId: d.petition?.assignees[d.assigneeIndex]?.staffId ?? '',
          });
        case 'PROCEDURAL_REPLY':
          return call('petition', 'proceduralReply', { ...target, ...reply });
        case 'PROGRESS_REPLY':
          return call('petition', 'progressReply', { ...target, ...reply });
        case 'ANSWER':
          return call('petition', 'answer', { ...target, ...reply, result: d.result });
        case 'CLOSE':
          return call('petition', 'close', target);
        case 'ARCHIVE':
          return call('petition', 'archive', target);
      }
    },
  },
});
