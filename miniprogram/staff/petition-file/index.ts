// 登记来信来访 (registrar, leader): files a petition that came by letter, the 12309 hotline, a visit
// or a video call, with the petitioner's identity as they gave it and the same per-kind form a
// citizen fills in online (utils/petition-form.ts). The petition goes to the staff member's own
// procuratorate; one client token per form, so a second tap files nothing new.
import type { OfflineChannel, PetitionKind } from '../../../typings/petition';
import { call } from '../../utils/api';
import {
  OFFLINE_CHANNELS,
  PETITION_CHANNEL_NAMES,
  PETITION_KIND_NAMES,
  PETITION_KINDS,
  buildForm,
  errorsById,
  initialValues,
  visibleFields,
  type FormField,
  type FormValues,
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
    errors: {} as Record<string, string>,
    formError: '',
    clientToken: newClientToken(),
    submitting: false,
  },

  methods: {
    onLoad(): void {
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

    async onSubmit(): Promise<void> {
      const d = this.data;
      if (d.submitting) return;
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
        }),
      });
      if (res.ok) {
        this.setData({ submitting: false, clientToken: newClientToken() });
        toast(`已登记，受理编号${res.data.receiptNumber}`);
        wx.redirectTo({ url: `/staff/petition-detail/index?id=${res.data.id}` });
        return;
      }
      const byField = errorsById(res.error.issues, 'form.');
      // The contact number is the petitioner's mobile on this page.
      if (byField.contact && !byField.petitioner_mobile)
        byField.petitioner_mobile = byField.contact;
      const shown = Object.keys(byField).some(
        (k) => k === 'channel' || k.startsWith('petitioner_') || d.fields.some((f) => f.id === k),
      );
      this.setData({
        submitting: false,
        errors: byField,
        formError: shown ? '请按提示修改后再提交' : res.error.message,
      });
    },
  },
});
