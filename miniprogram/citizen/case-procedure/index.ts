// 案件程序性信息: the seven fields of a case the person is bound to (案由, 受理时间, 办案期限, 办案组织,
// 办案进程, 处理结果, 强制措施) and its timeline, with the role they query it as. Opened as `?id=`
// from 我的案件 and from the `caseProgress` messages. Anyone not bound — and everyone, for a case
// never disclosed online — is told what the function says (NOT_FOUND). A consent allows one
// message, so the page offers to be told of the case's next progress (`caseProgress`).
import type { CaseProcedureView } from '../../../typings/cases';
import { call } from '../../utils/api';
import {
  askSubscription,
  CASE_TEMPLATE_IDS,
  dayText,
  type SubscribeAnswer,
} from '../../utils/cases';
import { formatTime } from '../../utils/time';

const SUBSCRIBED_TEXT = '本案有新进展时，将通过服务通知告诉您';
const NOT_SUBSCRIBED_TEXT =
  '您没有允许接收通知，本案有新进展时不会通知您。您仍可随时打开本页查看。';
const SUBSCRIBE_FAILED_TEXT = '暂时无法开启通知。您仍可随时打开本页查看。';

interface Shown {
  caseNumber: string;
  procuratorateName: string;
  /** 以近亲属身份查询（当事人 张三） */
  boundText: string;
  cause: string;
  acceptedOnText: string;
  timeLimitText: string;
  handlingUnit: string;
  stage: string;
  resultText: string;
  measures: { key: string; text: string }[];
  timeline: { key: string; atText: string; stage: string; note: string }[];
  updatedAtText: string;
}

function shown(v: CaseProcedureView): Shown {
  const bound = v.boundAs;
  return {
    caseNumber: v.caseNumber,
    procuratorateName: v.procuratorateName,
    boundText:
      bound.role === 'party'
        ? `以${bound.roleName}身份查询（${bound.partyName}）`
        : `以${bound.roleName}身份查询（当事人 ${bound.partyName}）`,
    cause: v.cause,
    acceptedOnText: dayText(v.acceptedOn),
    timeLimitText: dayText(v.timeLimit),
    handlingUnit: v.handlingUnit,
    stage: v.stage,
    resultText: v.result ?? '尚未作出',
    measures: v.measures.map((m, i) => ({
      key: `m${i}`,
      text: `${m.partyName}：${m.measure}（${dayText(m.from)}${m.to ? `至${dayText(m.to)}` : '起'}）`,
    })),
    // Newest first: what happened last is what the person comes for.
    timeline: v.timeline
      .map((s, i) => ({
        key: `t${i}`,
        atText: formatTime(s.at),
        stage: s.stage,
        note: s.note ?? '',
      }))
      .reverse(),
    updatedAtText: formatTime(v.updatedAt),
  };
}

Component({
  data: {
    state: 'loading' as 'loading' | 'error' | 'notfound' | 'ready',
    errorMessage: '',
    id: '',
    view: null as Shown | null,
    subscribeNote: '',
    subscribed: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      this.setData({ id: query.id ?? '' });
      void this.load();
    },

    onPullDownRefresh(): void {
      void this.load(true).then(() => wx.stopPullDownRefresh());
    },

    async load(quiet = false): Promise<void> {
      if (!quiet || !this.data.view) this.setData({ state: 'loading' });
      if (!this.data.id) {
        this.setData({ state: 'notfound', errorMessage: '未找到该案件，请从“我的案件”进入' });
        return;
      }
      const res = await call('cases', 'procedure', { caseId: this.data.id });
      if (res.ok) {
        this.setData({ state: 'ready', view: shown(res.data) });
        return;
      }
      const { code, message } = res.error;
      if (code === 'NOT_FOUND' || code === 'BAD_REQUEST') {
        this.setData({ state: 'notfound', errorMessage: message, view: null });
      } else if (this.data.view) {
        wx.showToast({ title: message, icon: 'none' });
        this.setData({ state: 'ready' });
      } else {
        this.setData({ state: 'error', errorMessage: message });
      }
    },

    onRetry(): void {
      void this.load();
    },

    /** The tap on 订阅进展通知: the prompt is requested synchronously, then the answer shown. */
    onSubscribe(): void {
      void askSubscription(CASE_TEMPLATE_IDS.caseProgress).then((answer) =>
        this.showSubscription(answer),
      );
    },

    showSubscription(answer: SubscribeAnswer): void {
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

    onOpenMine(): void {
      wx.redirectTo({ url: '/citizen/case-bindings/index' });
    },
  },
});
