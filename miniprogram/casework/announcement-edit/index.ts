// 信息发布 (case-management staff): drafting or editing an item (its category — 重要案件信息 or
// 检务公告 —, title, text, and for important case information the case number it is about; a notice
// has none, so the field is not shown for one), and the two-person rule: a draft is published only by a case manager who neither
// drafted nor edited it (审核发布, asked first); a published item can be withdrawn (撤回, asked
// first). Every change carries the version the page shows, so a stale page answers CONFLICT and
// reads the item again. There is no action reading one item, so the page finds it in staffList.
import type {
  AnnouncementCategory,
  AnnouncementStaffView,
  PublicationStatus,
} from '../../../typings/publish';
import { call, fieldErrors, isRefusal } from '../../utils/api';
import {
  ANNOUNCEMENT_CATEGORIES,
  ANNOUNCEMENT_CATEGORY_NAMES,
  PUBLISH_PAGE_LIMITS,
  statusTagClass,
} from '../../utils/publish';
import { formatTime } from '../../utils/time';
import { confirm, notice, toast } from '../../utils/ui';

type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }, object, { field: string }>;

/** The category picker's choices, important case information first (the default). */
const CATEGORY_OPTIONS = ANNOUNCEMENT_CATEGORIES.map((key) => ({
  key,
  name: ANNOUNCEMENT_CATEGORY_NAMES[key],
}));

const SCAN_SIZE = 50;
const SCAN_PAGES = 20;

interface Shown {
  id: string;
  category: AnnouncementCategory;
  categoryName: string;
  title: string;
  body: string;
  caseNumber: string;
  status: PublicationStatus;
  statusName: string;
  statusClass: string;
  draftedByName: string;
  approvedByName: string;
  publishedAtText: string;
  canApprove: boolean;
  version: number;
}

function toShown(v: AnnouncementStaffView): Shown {
  return {
    id: v.id,
    category: v.category,
    categoryName: v.categoryName,
    title: v.title,
    body: v.body,
    caseNumber: v.caseNumber ?? '',
    status: v.status,
    statusName: v.statusName,
    statusClass: statusTagClass(v.status),
    draftedByName: v.draftedByName,
    approvedByName: v.approvedByName ?? '',
    publishedAtText: formatTime(v.publishedAt),
    canApprove: v.canApprove,
    version: v.version,
  };
}

const askApprove = (categoryName: string) =>
  `发布后，任何人无需登录即可在“${categoryName}”中查看此信息。确定审核发布吗？`;
const ASK_WITHDRAW = '撤回后，公众将不能再查看此信息，撤回不能撤销。确定撤回吗？';
const ASK_EDIT =
  '修改他人起草的信息后，您将不能再审核发布它，需由本院另一名案件管理人员审核。确定修改吗？';

Component({
  properties: {
    id: { type: String, value: '' },
  },

  data: {
    state: 'loading' as 'loading' | 'ready' | 'notfound' | 'forbidden' | 'error',
    errorMessage: '',
    item: null as Shown | null,
    /** The form is shown: a new item, the caller's own draft, or someone's draft they chose to edit. */
    editing: false,
    categoryOptions: CATEGORY_OPTIONS,
    categoryIndex: 0,
    category: 'case_info' as AnnouncementCategory,
    title: '',
    body: '',
    caseNumber: '',
    limits: PUBLISH_PAGE_LIMITS,
    errors: {} as Record<string, string>,
    formError: '',
    busy: '' as '' | 'save' | 'approve' | 'withdraw',
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const id = query.id || this.data.id;
      if (id) void this.load(id);
      else this.setData({ state: 'ready', editing: true });
    },

    /** Finds the item among the caller's procuratorate's ones. */
    async load(id: string): Promise<void> {
      this.setData({ state: 'loading' });
      for (let page = 1; page <= SCAN_PAGES; page++) {
        const res = await call('publish', 'announcement.staffList', { page, pageSize: SCAN_SIZE });
        if (!res.ok) {
          this.setData(
            isRefusal(res.error.code)
              ? { state: 'forbidden' }
              : { state: 'error', errorMessage: res.error.message },
          );
          return;
        }
        const found = res.data.items.find((v) => v.id === id);
        if (found) {
          this.show(found);
          return;
        }
        if (page * SCAN_SIZE >= res.data.total || res.data.items.length === 0) break;
      }
      this.setData({ state: 'notfound', item: null });
    },

    /** Shows an item: the form for the caller's own draft, the text and actions otherwise. */
    show(v: AnnouncementStaffView): void {
      const item = toShown(v);
      this.setData({
        state: 'ready',
        id: item.id,
        item,
        editing: item.status === 'draft' && !item.canApprove,
        category: item.category,
        categoryIndex: Math.max(0, ANNOUNCEMENT_CATEGORIES.indexOf(item.category)),
        title: item.title,
        body: item.body,
        caseNumber: item.caseNumber,
        errors: {},
        formError: '',
      });
    },

    /** A notice has no case number: its field is hidden, and what was typed in it is not sent. */
    onCategoryChange(e: WechatMiniprogram.PickerChange): void {
      const option = CATEGORY_OPTIONS[Number(e.detail.value)];
      if (!option) return;
      this.setData({
        category: option.key,
        categoryIndex: Number(e.detail.value),
        'errors.category': '',
        'errors.caseNumber': '',
        formError: '',
      });
    },

    onInput(e: FieldEvent): void {
      const field = e.currentTarget.dataset.field;
      this.setData({ [field]: String(e.detail.value), [`errors.${field}`]: '', formError: '' });
    },

    async onSave(): Promise<void> {
      if (this.data.busy) return;
      const { item, category, title, body, caseNumber } = this.data;
      this.setData({ busy: 'save', errors: {}, formError: '' });
      const res = await call('publish', 'announcement.save', {
        ...(item ? { id: item.id, version: item.version } : {}),
        category,
        title,
        body,
        ...(category === 'case_info' && caseNumber.trim() ? { caseNumber } : {}),
      });
      this.setData({ busy: '' });
      if (res.ok) {
        this.show(res.data);
        toast('草稿已保存，待另一名案件管理人员审核');
        return;
      }
      this.failed(res);
    },

    async onApprove(): Promise<void> {
      const item = this.data.item;
      if (!item || this.data.busy) return;
      this.setData({ busy: 'approve', formError: '' });
      if (!(await confirm('审核发布', askApprove(item.categoryName), '确认发布'))) {
        this.setData({ busy: '' });
        return;
      }
      const res = await call('publish', 'announcement.approve', {
        id: item.id,
        version: item.version,
      });
      this.setData({ busy: '' });
      if (res.ok) {
        this.show(res.data);
        toast('已发布');
        return;
      }
      this.failed(res);
    },

    async onWithdraw(): Promise<void> {
      const item = this.data.item;
      if (!item || this.data.busy) return;
      this.setData({ busy: 'withdraw', formError: '' });
      if (!(await confirm('撤回信息', ASK_WITHDRAW, '确认撤回'))) {
        this.setData({ busy: '' });
        return;
      }
      const res = await call('publish', 'announcement.withdraw', {
        id: item.id,
        version: item.version,
      });
      this.setData({ busy: '' });
      if (res.ok) {
        this.show(res.data);
        toast('已撤回');
        return;
      }
      this.failed(res);
    },

    /** Someone else's draft: editing it is allowed, but then the caller may not approve it. */
    async onEdit(): Promise<void> {
      if (await confirm('修改信息', ASK_EDIT, '确认修改')) this.setData({ editing: true });
    },

    failed(res: {
      ok: false;
      error: { code: string; message: string; issues?: { path: string; message: string }[] };
    }): void {
      const { error } = res;
      if (error.code === 'CONFLICT') {
        notice('内容已更新', error.message);
        if (this.data.item) void this.load(this.data.item.id);
        return;
      }
      if (isRefusal(error.code)) {
        this.setData({ state: 'forbidden' });
        return;
      }
      const errors = fieldErrors(res);
      const shown = ['category', 'title', 'body', 'caseNumber'].some((f) => errors[f]);
      this.setData({ errors, formError: shown ? '' : error.message });
    },

    onRetry(): void {
      void this.load(this.data.id);
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },

    onBackToList(): void {
      wx.navigateBack({});
    },
  },
});
