// 编辑文书 (case-management staff): a legal document's text attached to a case of their
// procuratorate — the case found by its number (case.list), the type, the title and the text. The
// function redacts it with the case's parties; after saving, the review page shows the original
// and the masked text side by side. An existing draft (`?id=`) is edited with the version it had.
import type { CaseListItem } from '../../../typings/cases';
import type { DocumentStaffView, DocumentType } from '../../../typings/publish';
import { call, fieldErrors, isRefusal } from '../../utils/api';
import { DOCUMENT_TYPE_NAMES, DOCUMENT_TYPES, PUBLISH_PAGE_LIMITS } from '../../utils/publish';
import { notice } from '../../utils/ui';

type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }, object, { field: string }>;

interface CaseChoice {
  id: string;
  caseNumber: string;
  cause: string;
  sensitive: boolean;
}

const toChoice = (c: CaseListItem): CaseChoice => ({
  id: c.id,
  caseNumber: c.caseNumber,
  cause: c.cause,
  sensitive: c.sensitive,
});

const TYPE_OPTIONS = DOCUMENT_TYPES.map((t) => ({ key: t, name: DOCUMENT_TYPE_NAMES[t] }));

Component({
  properties: {
    id: { type: String, value: '' },
  },

  data: {
    state: 'loading' as 'loading' | 'ready' | 'notfound' | 'forbidden' | 'error' | 'locked',
    errorMessage: '',
    /** The draft being edited: its id and version; empty for a new document. */
    docId: '',
    version: 0,
    caseQuery: '',
    caseSearch: 'idle' as 'idle' | 'loading' | 'done' | 'error',
    caseSearchError: '',
    caseResults: [] as CaseChoice[],
    chosenCase: null as CaseChoice | null,
    typeOptions: TYPE_OPTIONS,
    typeIndex: -1,
    title: '',
    text: '',
    limits: PUBLISH_PAGE_LIMITS,
    errors: {} as Record<string, string>,
    formError: '',
    saving: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const id = query.id || this.data.id;
      if (id) void this.load(id);
      else void this.checkAccess();
    },

    /** A new document: the case search tells whether the caller is case management at all. */
    async checkAccess(): Promise<void> {
      const res = await call('cases', 'case.list', { page: 1, pageSize: 1 });
      if (!res.ok && isRefusal(res.error.code)) this.setData({ state: 'forbidden' });
      else this.setData({ state: 'ready' });
    },

    async load(id: string): Promise<void> {
      this.setData({ state: 'loading' });
      const res = await call('publish', 'document.staffGet', { id });
      if (!res.ok) {
        const code = res.error.code;
        this.setData(
          isRefusal(code)
            ? { state: 'forbidden' }
            : code === 'NOT_FOUND' || code === 'BAD_REQUEST'
              ? { state: 'notfound' }
              : { state: 'error', errorMessage: res.error.message },
        );
        return;
      }
      this.fill(res.data);
    },

    fill(v: DocumentStaffView): void {
      this.setData({
        state: v.status === 'draft' ? 'ready' : 'locked',
        docId: v.id,
        version: v.version,
        chosenCase: { id: v.caseId, caseNumber: v.caseNumber, cause: '', sensitive: false },
        typeIndex: DOCUMENT_TYPES.indexOf(v.type),
        title: v.title,
        text: v.original,
      });
    },

    onInput(e: FieldEvent): void {
      const field = e.currentTarget.dataset.field;
      this.setData({ [field]: String(e.detail.value), [`errors.${field}`]: '', formError: '' });
    },

    onCaseQueryInput(e: WechatMiniprogram.Input): void {
      this.setData({ caseQuery: e.detail.value });
    },

    async onFindCase(): Promise<void> {
      const q = this.data.caseQuery.trim();
      if (!q) {
        this.setData({ 'errors.caseId': '请输入案件编号查找案件' });
        return;
      }
      this.setData({ caseSearch: 'loading', caseSearchError: '', 'errors.caseId': '' });
      const res = await call('cases', 'case.list', { q, page: 1, pageSize: 10 });
      if (!res.ok) {
        if (isRefusal(res.error.code)) this.setData({ state: 'forbidden' });
        else this.setData({ caseSearch: 'error', caseSearchError: res.error.message });
        return;
      }
      this.setData({ caseSearch: 'done', caseResults: res.data.items.map(toChoice) });
    },

    onChooseCase(e: WechatMiniprogram.TouchEvent<object, object, { index: number }>): void {
      const chosen = this.data.caseResults[e.currentTarget.dataset.index];
      if (!chosen) return;
      this.setData({
        chosenCase: chosen,
        caseResults: [],
        caseSearch: 'idle',
        caseQuery: '',
        'errors.caseId': '',
      });
    },

    onChangeCase(): void {
      this.setData({ chosenCase: null });
    },

    onTypeChange(e: WechatMiniprogram.PickerChange): void {
      this.setData({ typeIndex: Number(e.detail.value), 'errors.type': '' });
    },

    async onSave(): Promise<void> {
      if (this.data.saving) return;
      const d = this.data;
      const errors: Record<string, string> = {};
      if (!d.chosenCase) errors.caseId = '请选择文书所属的案件';
      if (d.typeIndex < 0) errors.type = '请选择文书类型';
      if (Object.keys(errors).length) {
        this.setData({ errors, formError: '' });
        return;
      }
      this.setData({ saving: true, errors: {}, formError: '' });
      const res = await call('publish', 'document.save', {
        ...(d.docId ? { id: d.docId, version: d.version } : {}),
        caseId: (d.chosenCase as CaseChoice).id,
        type: DOCUMENT_TYPES[d.typeIndex] as DocumentType,
        title: d.title,
        text: d.text,
      });
      this.setData({ saving: false });
      if (res.ok) {
        // The reviewer's view of what was saved: the original beside the masked text.
        wx.redirectTo({ url: `/casework/document-review/index?id=${res.data.id}&saved=1` });
        return;
      }
      const { error } = res;
      if (error.code === 'CONFLICT') {
        notice('文书已更新', error.message);
        void this.load(d.docId);
        return;
      }
      if (isRefusal(error.code)) {
        this.setData({ state: 'forbidden' });
        return;
      }
      const byPath = fieldErrors(res);
      const shown = ['caseId', 'type', 'title', 'text'].some((f) => byPath[f]);
      this.setData({ errors: byPath, formError: shown ? '' : error.message });
    },

    onRetry(): void {
      void this.load(this.data.docId || this.data.id);
    },

    onHome(): void {
      wx.switchTab({ url: '/pages/index/index' });
    },

    onBackToList(): void {
      wx.navigateBack({});
    },
  },
});
