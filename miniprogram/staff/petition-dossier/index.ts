// 信访事项归档卷宗 (staff): the archive dossier of an archived petition, written once when it was
// archived and read-only since — laid out as a document to read or print: 基本信息, 信访人,
// 诉求与事实, 办理过程, 答复, 期限执行情况, 附件清单, 审计摘录, and the dossier's hash at the foot.
import type { PetitionFileSource } from '../../../typings/petition';
import type {
  DossierDeadlineOutcome,
  PetitionDossier,
  PetitionDossierView,
} from '../../../typings/petition-dossier';
import { call } from '../../utils/api';
import { filedFormRows, SATISFACTION_NAMES } from '../../utils/petition-citizen';
import { REPLY_METHOD_NAMES } from '../../utils/petition-form';
import { formatTime } from '../../utils/time';
import { copyText } from '../../utils/ui';

/** Mirrors DOSSIER_DEADLINE_OUTCOME_NAMES of typings/petition-dossier.ts (tested). */
const OUTCOME_NAMES: Record<DossierDeadlineOutcome, string> = {
  met: '按期完成',
  met_late: '逾期完成',
  missed: '未完成',
};

const OUTCOME_CLASSES: Record<DossierDeadlineOutcome, string> = {
  met: 'tag-replied',
  met_late: 'tag-pending',
  missed: 'tag-review',
};

const SOURCE_NAMES: Record<PetitionFileSource, string> = {
  petition: '信访材料',
  materials: '补充材料',
  reply: '答复附件',
};

const REPLY_TYPE_NAMES = { procedural: '程序性答复', progress: '进展答复', answer: '办理结果答复' };

/** What the audit log's actions mean; anything else is shown as recorded. */
const AUDIT_ACTION_NAMES: Record<string, string> = {
  SUBMIT: '提交信访',
  REGISTER: '登记',
  ACCEPT: '受理',
  REFUSE: '不予受理',
  REQUEST_MATERIALS: '要求补充材料',
  SUPPLY_MATERIALS: '补充材料',
  TRANSFER: '转办',
  ASSIGN: '分配承办人',
  PROCEDURAL_REPLY: '程序性答复',
  PROGRESS_REPLY: '答复办理进展',
  ANSWER: '答复办理结果',
  CLOSE: '办结',
  ARCHIVE: '归档',
  WITHDRAW: '撤回',
  RATE: '评价',
  REQUEST_REVIEW: '申请复查',
  view_personal_data: '查看信访人信息',
  view_files: '查看附件',
  view_dossier: '查看归档卷宗',
  remind: '期限提醒',
  escalate: '超期督办',
  claim: '信访人认领',
};

interface Row {
  label: string;
  value: string;
}

interface Shown {
  receiptNumber: string;
  basics: Row[];
  petitioner: Row[];
  formRows: Row[];
  outcome: Row[];
  materials: { key: string; items: string; rows: Row[] }[];
  timeline: { key: string; atText: string; statusName: string; note: string }[];
  replies: {
    key: string;
    typeName: string;
    methodName: string;
    text: string;
    atText: string;
    attachments: number;
  }[];
  deadlines: {
    key: string;
    name: string;
    dueText: string;
    metText: string;
    outcomeName: string;
    outcomeClass: string;
  }[];
  files: { key: string; name: string; sourceName: string; fileID: string }[];
  audit: {
    key: string;
    seq: number;
    atText: string;
    actor: string;
    action: string;
    hash: string;
  }[];
  archivedText: string;
  hash: string;
  intact: boolean;
}

function outcomeRows(d: PetitionDossier): Row[] {
  const o = d.outcome;
  const rows: Row[] = [];
  if (o.refusal) {
    rows.push({
      label: '不予受理',
      value: `${o.refusal.groundText}（${formatTime(o.refusal.refusedAt)}）`,
    });
    rows.push({ label: '说明', value: o.refusal.explanation });
  }
  if (o.transfer) {
    rows.push({
      label: '转办',
      value: `${o.transfer.toName}（${formatTime(o.transfer.transferredAt)}）`,
    });
    rows.push({ label: '转办理由', value: o.transfer.reason });
  }
  if (o.withdrawal) {
    rows.push({
      label: '撤回',
      value: `${formatTime(o.withdrawal.withdrawnAt)}${o.withdrawal.reason ? `，${o.withdrawal.reason}` : ''}`,
    });
  }
  if (o.answer) {
    rows.push({ label: '办理结果', value: o.answer.result });
    rows.push({ label: '答复时间', value: formatTime(o.answer.answeredAt) });
  }
  if (o.rating) {
    rows.push({
      label: '信访人评价',
      value:
        SATISFACTION_NAMES[o.rating.satisfaction] +
        (o.rating.comment ? `：${o.rating.comment}` : ''),
    });
  }
  if (o.review) {
    rows.push({
      label: '申请复查',
      value: `${formatTime(o.review.requestedAt)}，${o.review.reason}`,
    });
  }
  if (o.closedAt) rows.push({ label: '办结时间', value: formatTime(o.closedAt) });
  return rows;
}

function toShown(d: PetitionDossierView): Shown {
  const basics: Row[] = [
    { label: '受理编号', value: d.receiptNumber },
    { label: '信访类别', value: d.kindName },
    { label: '来源渠道', value: d.channelName },
    { label: '受理检察院', value: d.procuratorateName },
    { label: '承办部门', value: d.departmentName ?? '未登记' },
    { label: '承办人', value: d.handler?.name ?? '未分配' },
    { label: '收到时间', value: formatTime(d.submittedAt) },
    { label: '归档前状态', value: d.archivedFromName },
    { label: '归档时间', value: formatTime(d.archivedAt) },
    { label: '归档人', value: d.archivedBy.name },
  ];
  if (d.linkedFrom) {
    basics.push({
      label: '关联信访',
      value: `${d.linkedFrom.type === 'transfer' ? '转办自' : '复查'}：${d.linkedFrom.receiptNumber}`,
    });
  }
  return {
    receiptNumber: d.receiptNumber,
    basics,
    petitioner: [
      { label: '姓名', value: d.petitioner.name },
      { label: '身份证号码', value: d.petitioner.idNumberMasked },
      { label: '手机号码', value: d.petitioner.mobileMasked },
    ],
    formRows: filedFormRows(d.kind, d.form),
    outcome: outcomeRows(d),
    materials: d.materialsRequests.map((r, i) => ({
      key: `${i}`,
      items: r.items.join('、'),
      rows: [
        { label: '提出时间', value: formatTime(r.requestedAt) },
        { label: '截止时间', value: formatTime(r.dueDate) },
        { label: '补充时间', value: r.suppliedAt ? formatTime(r.suppliedAt) : '未补充' },
        ...(r.note ? [{ label: '补充说明', value: r.note }] : []),
      ],
    })),
    timeline: d.timeline.map((s, i) => ({
      key: `${i}`,
      atText: formatTime(s.at),
      statusName: s.statusName,
      note: s.note ?? '',
    })),
    replies: d.replies.map((r, i) => ({
      key: `${i}`,
      typeName: REPLY_TYPE_NAMES[r.type],
      methodName: REPLY_METHOD_NAMES[r.method],
      text: r.text,
      atText: formatTime(r.at),
      attachments: r.attachments.length,
    })),
    deadlines: d.deadlines.map((x) => ({
      key: x.key,
      name: `${x.name}期限${x.party === 'petitioner' ? '（信访人）' : ''}`,
      dueText: formatTime(x.due) + (x.uncertain ? '（节假日安排未公布）' : ''),
      metText: x.metAt ? formatTime(x.metAt) : '未完成',
      outcomeName: OUTCOME_NAMES[x.outcome],
      outcomeClass: OUTCOME_CLASSES[x.outcome],
    })),
    files: d.attachments.map((f, i) => ({
      key: `${i}`,
      name: f.name,
      sourceName: SOURCE_NAMES[f.source],
      fileID: f.fileID,
    })),
    audit: d.audit.map((e) => ({
      key: `${e.seq}`,
      seq: e.seq,
      atText: formatTime(e.at),
      actor: e.actor.name,
      action: AUDIT_ACTION_NAMES[e.action] ?? e.action,
      hash: e.hash,
    })),
    archivedText: `${d.procuratorateName} · ${formatTime(d.archivedAt)}归档`,
    hash: d.hash,
    intact: d.intact,
  };
}

Component({
  properties: {
    id: { type: String, value: '' },
  },

  data: {
    state: 'loading' as 'loading' | 'ready' | 'notfound' | 'notarchived' | 'error',
    errorMessage: '',
    dossier: null as Shown | null,
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
      this.setData({ state: 'loading' });
      const res = await call('petition', 'dossier', { id });
      if (!res.ok) {
        const { code, message } = res.error;
        if (code === 'NOT_FOUND' && message === '该信访尚未归档') {
          this.setData({ state: 'notarchived' });
        } else if (code === 'NOT_FOUND' || code === 'BAD_REQUEST') {
          this.setData({ state: 'notfound' });
        } else {
          this.setData({ state: 'error', errorMessage: message });
        }
        return;
      }
      this.setData({ state: 'ready', dossier: toShown(res.data) });
    },

    onRetry(): void {
      void this.load(this.data.id);
    },

    onCopyHash(): void {
      if (this.data.dossier) copyText(this.data.dossier.hash, '卷宗校验码');
    },
  },
});
