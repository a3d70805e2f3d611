// 法律咨询: a citizen asks a legal question (topic, text, optionally the procuratorate). The form
// carries one client token, so a double tap files it once; a question without a procuratorate is
// answered by the provincial procuratorate (typings/consultation.ts).
import type { ConsultationTopic } from '../../../typings/consultation';
import { TEMPLATE_IDS } from '../../config';
import { call, fieldErrors } from '../../utils/api';
import { newClientToken } from '../../utils/token';
import { toast } from '../../utils/ui';
import {
  columnsFor,
  groupUnits,
  unitChosen,
  unitColumnMoved,
  type UnitGroup,
} from '../../utils/units';

/** MIRRORS CONSULTATION_TOPICS and CONSULTATION_LIMITS of typings/consultation.ts. */
const TOPICS: ConsultationTopic[] = [
  '刑事',
  '民事',
  '行政',
  '国家赔偿',
  '司法救助',
  '未成年人',
  '其他',
];
const LIMITS = { textMin: 10, textMax: 1000 };

type FieldKey = 'topic' | 'text' | 'procuratorateId';

/** Asks for the answer notification; must run inside the tap (WeChat's rule). */
function askSubscription(): Promise<boolean> {
  const id = TEMPLATE_IDS.suggestionReplied;
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: [id],
      success: (res) => {
        const d = (res as unknown as Record<string, string>)[id];
        resolve(d === 'accept' || d === 'acceptWithAudio');
      },
      fail: () => resolve(false),
    });
  });
}

Component({
  data: {
    topics: TOPICS.slice(),
    limits: LIMITS,
    topic: '',
    topicIndex: -1,
    text: '',
    textLength: 0,
    procuratorateId: '',
    procuratorateName: '',
    unitGroups: [] as UnitGroup[],
    unitColumns: [[], []] as string[][],
    unitIndex: [0, 0],
    unitsReady: false,
    notify: true,
    clientToken: '',
    errors: {} as Partial<Record<FieldKey, string>>,
    submitting: false,
    result: null as null | { id: string; duplicate: boolean },
  },

  methods: {
    onLoad(): void {
      this.setData({ clientToken: newClientToken() });
      void this.loadUnits();
    },

    async loadUnits(): Promise<void> {
      const res = await call('account', 'procuratorates', {});
      if (!res.ok) return;
      const groups = groupUnits(res.data.procuratorates);
      this.setData({ unitGroups: groups, unitColumns: columnsFor(groups, 0), unitsReady: true });
    },

    onTopicChange(e: WechatMiniprogram.PickerChange): void {
      const index = Number(e.detail.value);
      if (!TOPICS[index]) return;
      this.setData({ topic: TOPICS[index], topicIndex: index, 'errors.topic': '' });
    },

    onTextInput(e: WechatMiniprogram.TextareaInput): void {
      const text = e.detail.value;
      this.setData({ text, textLength: text.length, 'errors.text': '' });
    },

    onUnitColumnChange(e: WechatMiniprogram.PickerColumnChange): void {
      const moved = unitColumnMoved(this.data.unitGroups, e.detail);
      if (moved) this.setData(moved);
    },

    onUnitChange(e: WechatMiniprogram.PickerChange): void {
      const chosen = unitChosen(this.data.unitGroups, e.detail.value);
      if (!chosen) return;
      this.setData({
        procuratorateId: chosen.unit.id,
        procuratorateName: chosen.unit.name,
        ...chosen.picker,
        'errors.procuratorateId': '',
      });
    },

    onClearUnit(): void {
      this.setData({ procuratorateId: '', procuratorateName: '' });
    },

    onNotifyChange(e: WechatMiniprogram.SwitchChange): void {
      this.setData({ notify: !!e.detail.value });
    },

    onSubmit(): void {
      if (this.data.submitting || this.data.result) return;
      this.setData({ submitting: true });
      void this.submit(this.data.notify ? askSubscription() : Promise.resolve(false));
    },

    async submit(asked: Promise<boolean>): Promise<void> {
      const notify = await asked;
      const d = this.data;
      const res = await call('consultation', 'ask', {
        topic: d.topic as ConsultationTopic,
        text: d.text,
        ...(d.procuratorateId ? { procuratorateId: d.procuratorateId } : {}),
        notify,
        clientToken: d.clientToken,
      });
      if (res.ok) {
        this.setData({ submitting: false, errors: {}, result: res.data });
        return;
      }
      const errors: Partial<Record<FieldKey, string>> = {};
      for (const [path, message] of Object.entries(fieldErrors(res))) {
        if (path === 'topic' || path === 'text' || path === 'procuratorateId') {
          errors[path] = message;
        }
      }
      if (res.error.code === 'CONTENT_REJECTED' && !errors.text) errors.text = res.error.message;
      this.setData({ submitting: false, errors });
      toast(Object.keys(errors).length ? '请按提示修改后再提交' : res.error.message);
    },

    onOpenDetail(): void {
      if (this.data.result) {
        wx.navigateTo({ url: `/citizen/consult-detail/index?id=${this.data.result.id}` });
      }
    },

    onOpenMine(): void {
      wx.navigateTo({ url: '/citizen/consult-mine/index' });
    },

    onOpenFaq(): void {
      wx.navigateTo({ url: '/public/faq/index' });
    },
  },
});
