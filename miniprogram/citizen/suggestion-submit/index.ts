// 意见建议箱: a citizen writes an opinion or suggestion to a procuratorate and gets a query code.
//
// What is typed is never lost: every keystroke is kept as a draft in storage, restored when the page
// opens again, and cleared only once the suggestion is filed. The form carries one client token, so a
// double tap or a retry after a lost answer files it once.
import type { SuggestionTopic } from '../../../typings/supervision';
import { TEMPLATE_IDS } from '../../config';
import { call, fieldErrors } from '../../utils/api';
import { clearDraft, loadDraft, saveDraft } from '../../utils/draft';
import { SUGGESTION_LIMITS, SUGGESTION_TOPICS } from '../../utils/suggestion';
import { newClientToken } from '../../utils/token';
import { copyText, toast } from '../../utils/ui';
import {
  columnsFor,
  groupUnits,
  unitChosen,
  unitColumnMoved,
  type UnitGroup,
} from '../../utils/units';

const DRAFT_KEY = 'draft:suggestion-submit';

/** What the person decided when asked about the reply notification; '' when not asked yet. */
type Subscription = '' | 'accept' | 'reject' | 'unavailable';

interface Draft {
  procuratorateId: string;
  procuratorateName: string;
  topic: string;
  content: string;
  contactName: string;
  contactPhone: string;
  notify: boolean;
  clientToken: string;
  subscription: Subscription;
}

type FieldKey = 'procuratorateId' | 'topic' | 'content' | 'contactName' | 'contactPhone';
type Errors = Partial<Record<FieldKey, string>>;

/** Issue paths of the contract → the form's fields. */
const FIELD_OF_PATH: Record<string, FieldKey> = {
  procuratorateId: 'procuratorateId',
  topic: 'topic',
  content: 'content',
  'contact.name': 'contactName',
  'contact.phone': 'contactPhone',
};

/** Asks for the reply notification; must run synchronously inside the tap (WeChat's rule). */
function askSubscription(): Promise<Subscription> {
  const id = TEMPLATE_IDS.suggestionReplied;
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: [id],
      success: (res) => {
        const decision = (res as unknown as Record<string, string>)[id];
        resolve(decision === 'accept' || decision === 'acceptWithAudio' ? 'accept' : 'reject');
      },
      // Notifications switched off, or an old WeChat: the suggestion is filed all the same.
      fail: () => resolve('unavailable'),
    });
  });
}

/** What the person is told about the reply notification once the suggestion is filed. */
function notifyText(wanted: boolean, subscription: Subscription): string {
  if (!wanted) return '回复后请凭查询码查询，或在“我的意见建议”中查看。';
  if (subscription === 'accept') return '检察院回复后，将通过微信服务通知提醒您。';
  if (subscription === 'unavailable') return '微信通知暂不可用，回复后请凭查询码查询。';
  return '您未允许接收微信通知，回复后请凭查询码查询。';
}

function emptyForm() {
  return {
    procuratorateId: '',
    procuratorateName: '',
    topic: '',
    topicIndex: -1,
    content: '',
    contactName: '',
    contactPhone: '',
    notify: true,
    clientToken: newClientToken(),
    subscription: '' as Subscription,
  };
}

Component({
  data: {
    ...emptyForm(),
    topics: SUGGESTION_TOPICS.slice(),
    limits: SUGGESTION_LIMITS,
    contentLength: 0,
    contentBad: false,
    unitGroups: [] as UnitGroup[],
    unitColumns: [[], []] as string[][],
    unitIndex: [0, 0],
    unitsState: 'loading' as 'loading' | 'ready' | 'error',
    errors: {} as Errors,
    formError: '',
    submitting: false,
    result: null as null | {
      id: string;
      queryCode: string;
      duplicate: boolean;
      notifyText: string;
    },
  },

  methods: {
    onLoad(): void {
      // `data` is built once when the page is defined: every opening needs its own token, or a
      // second suggestion would be taken for a retry of the first.
      this.setData({ clientToken: newClientToken() });
      this.restoreDraft();
      void this.loadUnits();
    },

    restoreDraft(): void {
      const draft = loadDraft<Draft>(DRAFT_KEY);
      if (!draft) return;
      const form = emptyForm();
      const topicIndex = SUGGESTION_TOPICS.indexOf(draft.topic as SuggestionTopic);
      const topic = topicIndex >= 0 ? (draft.topic as string) : '';
      const content = typeof draft.content === 'string' ? draft.content : '';
      this.setData({
        procuratorateId: draft.procuratorateId || form.procuratorateId,
        procuratorateName: draft.procuratorateName || form.procuratorateName,
        topic,
        topicIndex,
        content,
        contactName: draft.contactName || '',
        contactPhone: draft.contactPhone || '',
        notify: typeof draft.notify === 'boolean' ? draft.notify : form.notify,
        clientToken: draft.clientToken || form.clientToken,
        subscription: draft.subscription || '',
      });
      this.countContent(content);
    },

    saveDraft(): void {
      const d = this.data;
      const draft: Draft = {
        procuratorateId: d.procuratorateId,
        procuratorateName: d.procuratorateName,
        topic: d.topic,
        content: d.content,
        contactName: d.contactName,
        contactPhone: d.contactPhone,
        notify: d.notify,
        clientToken: d.clientToken,
        subscription: d.subscription,
      };
      saveDraft(DRAFT_KEY, draft);
    },

    async loadUnits(): Promise<void> {
      this.setData({ unitsState: 'loading' });
      const res = await call('account', 'procuratorates', {});
      if (!res.ok) {
        this.setData({ unitsState: 'error' });
        return;
      }
      const groups = groupUnits(res.data.procuratorates);
      // Put the picker where the restored choice is, so it opens on what was chosen before.
      let index = [0, 0];
      groups.forEach((g, i) => {
        const j = g.units.findIndex((u) => u.id === this.data.procuratorateId);
        if (j >= 0) index = [i, j];
      });
      this.setData({
        unitGroups: groups,
        unitColumns: columnsFor(groups, index[0]),
        unitIndex: index,
        unitsState: 'ready',
      });
    },

    onRetryUnits(): void {
      void this.loadUnits();
    },

    clearError(field: FieldKey): void {
      if (this.data.errors[field]) this.setData({ [`errors.${field}`]: '' });
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
      });
      this.clearError('procuratorateId');
      this.saveDraft();
    },

    onTopicChange(e: WechatMiniprogram.PickerChange): void {
      const index = Number(e.detail.value);
      const topic = SUGGESTION_TOPICS[index];
      if (!topic) return;
      this.setData({ topic, topicIndex: index });
      this.clearError('topic');
      this.saveDraft();
    },

    countContent(content: string): void {
      const n = content.trim().length;
      this.setData({
        contentLength: content.length,
        contentBad: n > 0 && (n < SUGGESTION_LIMITS.contentMin || n > SUGGESTION_LIMITS.contentMax),
      });
    },

    onContentInput(e: WechatMiniprogram.TextareaInput): void {
      const content = e.detail.value;
      this.setData({ content });
      this.countContent(content);
      this.clearError('content');
      this.saveDraft();
    },

    onNameInput(e: WechatMiniprogram.Input): void {
      this.setData({ contactName: e.detail.value });
      this.clearError('contactName');
      this.saveDraft();
    },

    onPhoneInput(e: WechatMiniprogram.Input): void {
      this.setData({ contactPhone: e.detail.value });
      this.clearError('contactPhone');
      this.saveDraft();
    },

    onNotifyChange(e: WechatMiniprogram.SwitchChange): void {
      const notify = !!e.detail.value;
      // Switched back on after declining: ask again on the next submit.
      this.setData(notify ? { notify, subscription: '' } : { notify });
      this.saveDraft();
    },

    onPrivacyTap(): void {
      wx.openPrivacyContract({});
    },

    /**
     * The submit tap. The notification prompt is requested here, synchronously, because WeChat only
     * shows it in answer to a tap; it is asked once per form, so a retry does not ask again.
     */
    onSubmit(): void {
      if (this.data.submitting || this.data.result) return;
      this.setData({ submitting: true, formError: '' });
      const asked: Promise<Subscription> =
        this.data.notify && !this.data.subscription
          ? askSubscription()
          : Promise.resolve(this.data.subscription);
      void this.submit(asked);
    },

    async submit(asked: Promise<Subscription>): Promise<void> {
      const wantsNotify = this.data.notify;
      const subscription = await asked;
      if (wantsNotify && subscription !== this.data.subscription) {
        this.setData({ subscription });
        this.saveDraft();
      }
      const notify = wantsNotify && subscription === 'accept';
      const d = this.data;
      const res = await call('supervision', 'suggestion.submit', {
        procuratorateId: d.procuratorateId,
        // Unchosen stays '': the function answers with the field's own message.
        topic: d.topic as SuggestionTopic,
        content: d.content,
        contact: { name: d.contactName, phone: d.contactPhone },
        notify,
        clientToken: d.clientToken,
      });
      if (res.ok) {
        clearDraft(DRAFT_KEY);
        this.setData({
          submitting: false,
          errors: {},
          result: {
            id: res.data.id,
            queryCode: res.data.queryCode,
            duplicate: res.data.duplicate,
            notifyText: notifyText(wantsNotify, subscription),
          },
        });
        wx.pageScrollTo({ scrollTop: 0, duration: 0 });
        return;
      }

      const { error } = res;
      const errors: Errors = {};
      const unplaced: string[] = [];
      for (const [path, message] of Object.entries(fieldErrors(res))) {
        const field = FIELD_OF_PATH[path];
        if (field) errors[field] = message;
        else unplaced.push(message);
      }
      if (error.code === 'CONTENT_REJECTED' && !errors.content) errors.content = error.message;
      const placed = Object.keys(errors).length > 0;
      this.setData({
        submitting: false,
        errors,
        formError: placed ? unplaced.join('；') : '',
      });
      if (placed) {
        toast('请按提示修改后再提交');
        wx.pageScrollTo({ selector: '.field-invalid', duration: 200 });
      } else {
        // Network trouble, rate limits, a busy service: what was typed stays, so a retry is one tap.
        toast(error.message);
      }
    },

    onCopyCode(): void {
      if (this.data.result) copyText(this.data.result.queryCode, '查询码');
    },

    onOpenMine(): void {
      wx.navigateTo({ url: '/citizen/suggestion-mine/index' });
    },

    onOpenDetail(): void {
      if (this.data.result) {
        wx.navigateTo({ url: `/citizen/suggestion-detail/index?id=${this.data.result.id}` });
      }
    },

    onWriteAnother(): void {
      this.setData({
        ...emptyForm(),
        contentLength: 0,
        contentBad: false,
        errors: {},
        formError: '',
        result: null,
        unitIndex: [0, 0],
        unitColumns: columnsFor(this.data.unitGroups, 0),
      });
    },
  },
});
