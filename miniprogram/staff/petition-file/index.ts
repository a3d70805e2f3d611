// 登记来信来访 (registrar, leader): files a petition that came by letter, the 12309 hotline, a visit
// or a video call, with the petitioner's identity as they gave it and the same per-kind form a
// citizen fills in online (utils/petition-form.ts): who it is filed for when someone petitions for
// another person (代为信访), what judicial assistance was already received, and the scanned letter
// or other materials (photos and PDF, uploaded as they are chosen, with the citizen form's limits).
// The petition goes to the staff member's own procuratorate; one client token per form, so a second
// tap files nothing new.
import type { OfflineChannel, PetitionKind } from '../../../typings/petition';
import { call } from '../../utils/api';
import {
  addAttachments,
  attachmentsProblem,
  removeAttachment,
  retryAttachment,
  uploadedFileIds,
  ATTACHMENTS_MAX,
  type Attachment,
} from '../../utils/attachments';
import { PROXY_RELATIONSHIP_NAMES, PROXY_RELATIONSHIPS } from '../../utils/petition-citizen';
import {
  OFFLINE_CHANNELS,
  PETITION_CHANNEL_NAMES,
  PETITION_KIND_NAMES,
  PETITION_KINDS,
  PETITION_LIMITS,
  buildForm,
  errorsById,
  initialValues,
  visibleFields,
  type FormField,
  type FormValues,
  type ReceivedValues,
} from '../../utils/petition-form';
import { newClientToken } from '../../utils/token';
import { toast } from '../../utils/ui';

/** A field as the page renders it: the description and what it shows now. */
interface FieldRow extends FormField {
  /** A choice's index, or -1. */
  choiceIndex: number;
  /** What a choice or date picker shows. */
  display: string;
  /** maxlength for inputs: -1 when unlimited. */
  maxlength: number;
}

/** Error keys the page shows under a field of its own (besides the kind's form fields). */
function placed(key: string): boolean {
  return (
    key === 'channel' ||
    key === 'attachments' ||
    key.startsWith('petitioner_') ||
    key.startsWith('onBehalfOf') ||
    key.startsWith('assistance_received')
  );
}

/** Error keys of the received items (their indices move when one is removed). */
function withoutReceivedErrors(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).filter(([k]) => !k.startsWith('assistance_received')),
  );
}

/** On this page the petitioner's mobile is the contact number, so the form does not ask twice. */
const ASKED_APART = new Set(['contact']);

function rows(kind: PetitionKind | '', values: FormValues): FieldRow[] {
  if (!kind) return [];
  return visibleFields(kind, values)
    .filter((f) => !ASKED_APART.has(f.id))
    .map((f) => {
      const value = values[f.id];
      const choiceIndex = f.type === 'choice' ? f.options.findIndex((o) => o.value === value) : -1;
      return {
        ...f,
        choiceIndex,
        display:
          f.type === 'choice'
            ? (f.options[choiceIndex]?.name ?? '')
            : f.type === 'date' && typeof value === 'string'
              ? value
              : '',
        maxlength: f.max > 0 ? f.max : -1,
      };
    });
}

Component({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'forbidden',
    procuratorateId: '',
    procuratorateName: '',
    channelOptions: OFFLINE_CHANNELS.map((c) => ({ value: c, name: PETITION_CHANNEL_NAMES[c] })),
    channelIndex: -1,
    kindOptions: PETITION_KINDS.map((k) => ({ value: k, name: PETITION_KIND_NAMES[k] })),
    kindIndex: -1,
    kind: '' as PetitionKind | '',
    name: '',
    idNumber: '',
    mobile: '',
    values: {} as FormValues,
    fields: [] as FieldRow[],
    // 代为信访: filed for another person
    proxy: false,
    proxyName: '',
    relationshipOptions: PROXY_RELATIONSHIPS.map((r) => ({
      value: r,
      name: PROXY_RELATIONSHIP_NAMES[r],
    })),
    relationshipIndex: -1,
    proxyNote: '',
    /** The note is required when the relationship is 其他. */
    noteRequired: false,
    // judicial assistance: compensation or aid already received
    received: [] as ReceivedValues[],
    receivedMax: PETITION_LIMITS.receivedMax,
    // the scanned letter and other materials
    attachments: [] as Attachment[],
    attachmentSeq: 0,
    attachmentsMax: ATTACHMENTS_MAX,
    errors: {} as Record<string, string>,
    formError: '',
    /** Set in onLoad: a value here would be shared by every opening of the page. */
    clientToken: '',
    submitting: false,
  },

  methods: {
    onLoad(): void {
      this.setData({ clientToken: newClientToken() });
      void this.loadIdentity();
    },

    async loadIdentity(): Promise<void> {
      const who = await call('account', 'whoami', {});
      const staff = who.ok ? who.data.staff : null;
      if (!staff || !staff.roles.some((r) => r === 'registrar' || r === 'leader')) {
        this.setData({ state: 'forbidden' });
        return;
      }
      this.setData({
        state: 'ready',
        procuratorateId: staff.procuratorateId,
        procuratorateName: staff.procuratorateName,
      });
    },

    onChannelChange(e: WechatMiniprogram.PickerChange): void {
      this.setData({ channelIndex: Number(e.detail.value), 'errors.channel': '' });
    },

    onKindChange(e: WechatMiniprogram.PickerChange): void {
      const kindIndex = Number(e.detail.value);
      const kind = PETITION_KINDS[kindIndex];
      if (!kind || kind === this.data.kind) return;
      // What was typed in the common fields stays; the previous kind's own fields are dropped.
      const values: FormValues = { ...initialValues(kind) };
      for (const f of rows(kind, values)) {
        const old = this.data.values[f.id];
        if (old !== undefined && !f.when) values[f.id] = old;
      }
      this.setData({ kindIndex, kind, values, fields: rows(kind, values), 'errors.kind': '' });
    },

    /** The petitioner's own fields: `data-field` is the data key and the error key. */
    onPersonInput(e: WechatMiniprogram.CustomEvent<{ value: string }, object, { field: string }>) {
      const { field } = e.currentTarget.dataset;
      this.setData({ [field]: e.detail.value, [`errors.petitioner_${field}`]: '' });
    },

    onFieldInput(e: WechatMiniprogram.CustomEvent<{ value: string }, object, { id: string }>) {
      const { id } = e.currentTarget.dataset;
      this.setData({ [`values.${id}`]: e.detail.value, [`errors.${id}`]: '' });
    },

    /** Pickers and switches change which fields show, so the rows are built again. */
    onFieldChange(
      e: WechatMiniprogram.CustomEvent<
        { value: string | number | boolean },
        object,
        { id: string }
      >,
    ) {
      const { id } = e.currentTarget.dataset;
      const field = this.data.fields.find((f) => f.id === id);
      if (!field || !this.data.kind) return;
      const raw = e.detail.value;
      const value =
        field.type === 'choice'
          ? (field.options[Number(raw)]?.value ?? '')
          : field.type === 'switch'
            ? raw === true
            : String(raw);
      const values = { ...this.data.values, [id]: value };
      this.setData({ values, fields: rows(this.data.kind, values), [`errors.${id}`]: '' });
    },

    // ---------- 代为信访 ----------

    onProxyChange(e: WechatMiniprogram.SwitchChange): void {
      this.setData({
        proxy: e.detail.value === true,
        'errors.onBehalfOf': '',
        'errors.onBehalfOf_name': '',
        'errors.onBehalfOf_relationship': '',
        'errors.onBehalfOf_note': '',
      });
    },

    /** The proxy's text inputs: `data-field` is the data key, `data-error` the error key. */
    onProxyInput(
      e: WechatMiniprogram.CustomEvent<{ value: string }, object, { field: string; error: string }>,
    ) {
      const { field, error } = e.currentTarget.dataset;
      this.setData({ [field]: e.detail.value, [`errors.${error}`]: '' });
    },

    onRelationshipChange(e: WechatMiniprogram.PickerChange): void {
      const relationshipIndex = Number(e.detail.value);
      this.setData({
        relationshipIndex,
        noteRequired: this.data.relationshipOptions[relationshipIndex]?.value === 'other',
        'errors.onBehalfOf_relationship': '',
        'errors.onBehalfOf_note': '',
      });
    },

    // ---------- 已获赔偿或救助 ----------

    onAddReceived(): void {
      if (this.data.received.length >= PETITION_LIMITS.receivedMax) return;
      this.setData({
        received: [...this.data.received, { amount: '', source: '' }],
        'errors.assistance_received': '',
      });
    },

    onRemoveReceived(e: WechatMiniprogram.TouchEvent<object, object, { index: number }>): void {
      const at = Number(e.currentTarget.dataset.index);
      this.setData({
        received: this.data.received.filter((_, i) => i !== at),
        errors: withoutReceivedErrors(this.data.errors),
      });
    },

    onReceivedInput(
      e: WechatMiniprogram.CustomEvent<
        { value: string },
        object,
        { index: number; part: 'amount' | 'source' }
      >,
    ) {
      const { index, part } = e.currentTarget.dataset;
      this.setData({
        [`received[${index}].${part}`]: e.detail.value,
        [`errors.assistance_received_${index}_${part}`]: '',
      });
    },

    // ---------- materials ----------

    onAddImages(): void {
      void this.addFiles('image');
    },

    onAddPdf(): void {
      void this.addFiles('pdf');
    },

    addFiles(source: 'image' | 'pdf'): Promise<void> {
      const token = this.data.clientToken;
      this.setData({ 'errors.attachments': '' });
      return addAttachments(
        this,
        source,
        (n, ext) => `petitions/offline-${token}/${n}.${ext}`,
        () => undefined,
      );
    },

    onRemoveFile(e: WechatMiniprogram.TouchEvent<object, object, { key: string }>): void {
      removeAttachment(this, e.currentTarget.dataset.key);
    },

    onRetryFile(e: WechatMiniprogram.TouchEvent<object, object, { key: string }>): void {
      retryAttachment(this, e.currentTarget.dataset.key, () => undefined);
    },

    // ---------- filing ----------

    async onSubmit(): Promise<void> {
      const d = this.data;
      if (d.submitting) return;
      const problem = attachmentsProblem(d.attachments);
      if (problem) {
        this.setData({ 'errors.attachments': problem, formError: problem });
        return;
      }
      const channel = d.channelOptions[d.channelIndex]?.value;
      const errors: Record<string, string> = {};
      if (!channel) errors.channel = '请选择来源渠道';
      if (!d.kind) errors.kind = '请选择信访类别';
      if (!channel || !d.kind) {
        this.setData({
          errors: { ...d.errors, ...errors },
          formError: '请先选择来源渠道和信访类别',
        });
        return;
      }
      this.setData({ submitting: true, formError: '' });
      const values = { ...d.values, contact: d.mobile };
      const res = await call('petition', 'fileOffline', {
        channel: channel as OfflineChannel,
        petitioner: { name: d.name, idNumber: d.idNumber, mobile: d.mobile },
        form: buildForm(d.kind, values, {
          procuratorateId: d.procuratorateId,
          clientToken: d.clientToken,
          attachments: uploadedFileIds(d.attachments),
          onBehalfOf: d.proxy
            ? {
                name: d.proxyName,
                relationship: d.relationshipOptions[d.relationshipIndex]?.value ?? '',
                note: d.proxyNote,
              }
            : null,
          received: d.received,
        }),
      });
      if (res.ok) {
        this.setData({ submitting: false, clientToken: newClientToken(), attachments: [] });
        toast(`已登记，受理编号${res.data.receiptNumber}`);
        wx.redirectTo({ url: `/staff/petition-detail/index?id=${res.data.id}` });
        return;
      }
      const byField = errorsById(res.error.issues, 'form.');
      // The contact number is the petitioner's mobile on this page.
      if (byField.contact && !byField.petitioner_mobile)
        byField.petitioner_mobile = byField.contact;
      const shown = Object.keys(byField).some((k) => placed(k) || d.fields.some((f) => f.id === k));
      this.setData({
        submitting: false,
        errors: byField,
        formError: shown ? '请按提示修改后再提交' : res.error.message,
      });
    },
  },
});
