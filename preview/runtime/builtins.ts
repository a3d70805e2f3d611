// WeChat's built-in components, with their behaviour. miniprogram-simulate registers every official
// tag as an empty `<slot/>` shell (PREVIEW.md pitfall 2); here each is registered again through the
// same j-component mechanism (an id, a `wx-*` tag, a `<slot/>` template, properties and lifetimes),
// with native elements added to the host where WeChat has them (input, textarea, switch, image …).
//
// Events follow WeChat: built-in events (`input`, `change`, `columnchange`, `submit` …) do not bubble
// and carry WeChat's `detail`; `tap` comes from the touch layer and bubbles as in any element.
import { assetUrl } from './assets';
import {
  callerOf,
  exparser,
  jComponent,
  ownerOf,
  ownerPrefix,
  type ComponentDefinition,
  type ExEvent,
  type ExNode,
} from './engine';
import { pathOfOwner } from './loader';
import { agreePrivacyByButton, ensurePrivacy, phoneNumberPrompt } from './prompts';
import * as router from './router';
import { openNativePickerSheet, openPickerSheet, showModal, type PickerSheet } from './ui';

/** A built-in's node: the exparser component, with listener and event helpers. */
interface Host extends ExNode {
  addListener(name: string, fn: (e: ExEvent) => unknown, options?: { capture?: boolean }): void;
  triggerEvent(
    name: string,
    detail?: unknown,
    options?: { bubbles?: boolean; composed?: boolean },
  ): void;
}

/** `this` in a built-in's lifetimes and methods: the method caller j-component makes. */
interface Self {
  data: Record<string, unknown>;
  _exparserNode: Host;
}

type Lifetime = (this: Self) => void;

interface Builtin {
  properties?: Record<string, { type: unknown; value?: unknown }>;
  /** Builds the host's native parts; runs when the node is created. */
  created?: (host: Host, el: HTMLElement) => void;
  attached?: (host: Host, el: HTMLElement) => void;
  detached?: (host: Host, el: HTMLElement) => void;
  /** Brings the native parts in line with the properties; runs after every property change. */
  render?: (host: Host, el: HTMLElement, data: Record<string, unknown>) => void;
  template?: string;
}

function define(name: string, spec: Builtin) {
  const make = (): ComponentDefinition => {
    const properties: Record<string, unknown> = {};
    for (const [key, p] of Object.entries(spec.properties ?? {})) {
      properties[key] = {
        type: p.type,
        value: p.value,
        observer(this: Self) {
          const host = this._exparserNode;
          if (host.$$ && spec.render) spec.render(host, host.$$, this.data);
        },
      };
    }
    const lifetime = (fn?: (host: Host, el: HTMLElement) => void): Lifetime =>
      function (this: Self) {
        const host = this._exparserNode;
        if (host.$$ && fn) fn(host, host.$$);
        if (host.$$ && spec.render) spec.render(host, host.$$, this.data);
      };
    return {
      template: spec.template ?? '<slot/>',
      properties,
      lifetimes: {
        created: lifetime(spec.created),
        attached: lifetime(spec.attached),
        detached(this: Self) {
          const host = this._exparserNode;
          if (host.$$ && spec.detached) spec.detached(host, host.$$);
        },
      },
    };
  };
  // wcc's `wx-view` reaches j-component as `view` (see transform.js), so `view` is the id.
  jComponent.register({ ...make(), id: name, tagName: `wx-${name}`, options: { classPrefix: '' } });
}

/** The data of a built-in node (its properties). */
function dataOf(host: ExNode): Record<string, unknown> {
  return (callerOf(host)?.data as Record<string, unknown>) ?? {};
}

const truthy = (v: unknown) =>
  v === true || (v !== false && v !== undefined && v !== null && v !== 'false' && v !== '');

/** Dispatches a built-in event on `host` and answers what the page's handler returned. */
function emit(host: ExNode, name: string, detail: unknown, bubbles = false): unknown {
  const event = exparser.Event.create(name, detail, { bubbles, composed: bubbles });
  exparser.Event.dispatchEvent(host, event);
  return event.__handlerResult;
}

function reflect(el: HTMLElement, attr: string, value: unknown) {
  if (value === undefined || value === null || value === false || value === '')
    el.removeAttribute(attr);
  else el.setAttribute(attr, value === true ? '' : String(value));
}

/** `class` attribute value of the owner's classes (`a b` → `<prefix>--a <prefix>--b`). */
function ownerClasses(host: ExNode, classes: unknown): string[] {
  const prefix = ownerPrefix(host);
  return String(classes ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((c) => (prefix ? `${prefix}--${c}` : c));
}

/** The nearest ancestor (light tree, same template) whose built-in id is one of `ids`. */
function ancestor(host: ExNode, ids: string[]): ExNode | null {
  for (let n = host.parentNode; n; n = n.parentNode) {
    if (n.is && ids.includes(n.is)) return n;
  }
  return null;
}

/** Every node in `root`'s light subtree (not entering other components' templates). */
function descendants(root: ExNode, out: ExNode[] = []): ExNode[] {
  for (const child of root.childNodes ?? []) {
    if (child instanceof exparser.TextNode) continue;
    out.push(child);
    descendants(child, out);
  }
  return out;
}

function report(where: string, e: unknown) {
  console.error(`[preview] ${where}`, e);
}

// ---------- per-node state ----------

interface FieldState {
  native: HTMLInputElement | HTMLTextAreaElement;
  placeholder: HTMLElement;
  focused: boolean;
}

const fields = new WeakMap<ExNode, FieldState>();
const toggles = new WeakMap<ExNode, { checked: boolean; prop: boolean; box: HTMLElement }>();
interface PickerState {
  current: unknown;
  sheet: PickerSheet | null;
  seen?: string;
  lastValue?: unknown;
}
const pickers = new WeakMap<ExNode, PickerState>();

// ---------- input and textarea ----------

function fieldSpec(kind: 'input' | 'textarea'): Builtin {
  const properties: Builtin['properties'] = {
    value: { type: String, value: '' },
    placeholder: { type: String, value: '' },
    placeholderClass: { type: String, value: `${kind}-placeholder` },
    placeholderStyle: { type: String, value: '' },
    disabled: { type: Boolean, value: false },
    maxlength: { type: Number, value: 140 },
    focus: { type: Boolean, value: false },
    autoFocus: { type: Boolean, value: false },
    confirmType: { type: String, value: kind === 'input' ? 'done' : 'return' },
    confirmHold: { type: Boolean, value: false },
    name: { type: String, value: '' },
    cursorSpacing: { type: Number, value: 0 },
    adjustPosition: { type: Boolean, value: true },
    holdKeyboard: { type: Boolean, value: false },
  };
  if (kind === 'input') {
    properties.type = { type: String, value: 'text' };
    properties.password = { type: Boolean, value: false };
  } else {
    properties.autoHeight = { type: Boolean, value: false };
    properties.fixed = { type: Boolean, value: false };
    properties.showConfirmBar = { type: Boolean, value: true };
  }

  const filter = (type: string, v: string) =>
    type === 'number'
      ? v.replace(/[^0-9]/g, '')
      : type === 'digit'
        ? v.replace(/[^0-9.]/g, '')
        : type === 'idcard'
          ? v.replace(/[^0-9Xx]/g, '')
          : v;

  const fit = (host: ExNode, st: FieldState) => {
    if (kind === 'textarea' && truthy(dataOf(host).autoHeight)) {
      st.native.style.height = 'auto';
      st.native.style.height = `${st.native.scrollHeight}px`;
    }
  };

  return {
    properties,
    created(host, el) {
      const native = document.createElement(kind);
      native.className = 'wx-field-native';
      const placeholder = document.createElement('div');
      placeholder.setAttribute('aria-hidden', 'true');
      const wrapper = document.createElement('div');
      wrapper.className = 'wx-field-wrapper';
      wrapper.append(placeholder, native);
      el.append(wrapper);
      const st: FieldState = { native, placeholder, focused: false };
      fields.set(host, st);
      host.__ariaTarget = native;

      native.addEventListener('input', () => {
        const data = dataOf(host);
        const type = String(data.type ?? 'text');
        let value = filter(type, native.value);
        const max = Number(data.maxlength ?? 140);
        if (max >= 0 && value.length > max) value = value.slice(0, max);
        if (value !== native.value) native.value = value;
        placeholder.hidden = value !== '';
        fit(host, st);
        try {
          const out = emit(host, 'input', {
            value,
            cursor: native.selectionStart ?? value.length,
            keyCode: 0,
          });
          const replace =
            typeof out === 'string'
              ? out
              : out && typeof out === 'object' && 'value' in out
                ? String((out as { value: unknown }).value)
                : null;
          if (replace !== null && replace !== native.value) {
            native.value = replace;
            placeholder.hidden = replace !== '';
          }
        } catch (e) {
          report(`${kind} input handler`, e);
        }
        if (kind === 'textarea') {
          const lines = native.value.split('\n').length;
          if (lines !== (native as unknown as { __lines?: number }).__lines) {
            (native as unknown as { __lines?: number }).__lines = lines;
            emit(host, 'linechange', {
              height: native.scrollHeight,
              heightRpx: native.scrollHeight * 2,
              lineCount: lines,
            });
          }
        }
      });
      native.addEventListener('focus', () => {
        st.focused = true;
        emit(host, 'focus', { value: native.value, height: 0 });
      });
      native.addEventListener('blur', () => {
        st.focused = false;
        emit(host, 'blur', { value: native.value, cursor: native.selectionStart ?? 0 });
      });
      native.addEventListener('keydown', (e) => {
        if ((e as KeyboardEvent).key !== 'Enter' || kind === 'textarea') return;
        e.preventDefault();
        emit(host, 'confirm', { value: native.value });
        if (!truthy(dataOf(host).confirmHold)) native.blur();
      });
      // A tap on the field's padding focuses it, as on a phone.
      el.addEventListener('mousedown', (e) => {
        if (e.target !== native && !truthy(dataOf(host).disabled)) {
          e.preventDefault();
          native.focus();
        }
      });
    },
    attached(host) {
      const st = fields.get(host);
      const data = dataOf(host);
      if (st && (truthy(data.focus) || truthy(data.autoFocus)))
        requestAnimationFrame(() => st.native.focus());
    },
    render(host, el, data) {
      const st = fields.get(host);
      if (!st) return;
      const { native, placeholder } = st;
      const value = data.value === undefined || data.value === null ? '' : String(data.value);
      if (native.value !== value) native.value = value;
      const max = Number(data.maxlength ?? 140);
      if (max >= 0) native.maxLength = max;
      else native.removeAttribute('maxlength');
      native.disabled = truthy(data.disabled);
      reflect(el, 'disabled', truthy(data.disabled));
      native.placeholder = String(data.placeholder ?? '');
      placeholder.textContent = String(data.placeholder ?? '');
      placeholder.className = [
        'wx-field-placeholder',
        `${kind}-placeholder`,
        ...ownerClasses(host, data.placeholderClass),
      ].join(' ');
      placeholder.setAttribute('style', String(data.placeholderStyle ?? ''));
      placeholder.hidden = native.value !== '';
      if (kind === 'input' && native instanceof HTMLInputElement) {
        const type = String(data.type ?? 'text');
        native.type = truthy(data.password) || type === 'safe-password' ? 'password' : 'text';
        native.inputMode =
          type === 'number' || type === 'idcard'
            ? 'numeric'
            : type === 'digit'
              ? 'decimal'
              : 'text';
        native.enterKeyHint =
          (
            { search: 'search', send: 'send', next: 'next', go: 'go', done: 'done' } as Record<
              string,
              string
            >
          )[String(data.confirmType)] ?? 'done';
      }
      reflect(el, 'auto-height', kind === 'textarea' && truthy(data.autoHeight));
      fit(host, st);
      if (truthy(data.focus) && !st.focused && host.__attached !== false) native.focus();
    },
  };
}

/** What a form reads from a field, and how reset clears it. */
function fieldValue(node: ExNode): { name: string; value: unknown } | null {
  const data = dataOf(node);
  const name = String(data.name ?? '');
  if (!name) return null;
  switch (node.is) {
    case 'input':
    case 'textarea':
      return { name, value: fields.get(node)?.native.value ?? '' };
    case 'switch':
      return { name, value: toggles.get(node)?.checked ?? false };
    case 'slider':
      return {
        name,
        value: Number(
          (node.$$?.querySelector('input') as HTMLInputElement | null)?.value ?? data.value ?? 0,
        ),
      };
    case 'picker':
      return { name, value: pickers.get(node)?.current ?? data.value };
    case 'checkbox-group':
      return {
        name,
        value: descendants(node)
          .filter((n) => n.is === 'checkbox' && toggles.get(n)?.checked)
          .map((n) => String(dataOf(n).value ?? '')),
      };
    case 'radio-group': {
      const on = descendants(node).find((n) => n.is === 'radio' && toggles.get(n)?.checked);
      return { name, value: on ? String(dataOf(on).value ?? '') : '' };
    }
    default:
      return null;
  }
}

function resetField(node: ExNode) {
  const st = fields.get(node);
  if (st) {
    st.native.value = '';
    st.placeholder.hidden = false;
  }
  const t = toggles.get(node);
  if (t && (node.is === 'switch' || node.is === 'checkbox' || node.is === 'radio')) {
    t.checked = false;
    renderToggle(node);
  }
  const p = pickers.get(node);
  if (p) p.current = node.is === 'picker' ? dataOf(node).value : p.current;
}

// ---------- switch, checkbox, radio ----------

function renderToggle(host: ExNode) {
  const t = toggles.get(host);
  const el = host.$$;
  if (!t || !el) return;
  const data = dataOf(host);
  const color = String(data.color ?? '');
  t.box.classList.toggle('checked', t.checked);
  el.setAttribute('aria-checked', String(t.checked));
  reflect(el, 'disabled', truthy(data.disabled));
  el.setAttribute('aria-disabled', String(truthy(data.disabled)));
  if (host.is === 'switch') {
    t.box.style.backgroundColor = t.checked ? color || '#04be02' : '';
    t.box.style.borderColor = t.checked ? color || '#04be02' : '';
  } else {
    t.box.style.color = color || (host.is === 'radio' ? '#09bb07' : '#09bb07');
  }
}

function toggleSpec(kind: 'switch' | 'checkbox' | 'radio'): Builtin {
  return {
    properties: {
      checked: { type: Boolean, value: false },
      disabled: { type: Boolean, value: false },
      color: { type: String, value: '' },
      value: { type: String, value: '' },
      name: { type: String, value: '' },
      type: { type: String, value: 'switch' },
    },
    created(host, el) {
      const box = document.createElement('span');
      box.setAttribute('aria-hidden', 'true');
      const switchLike = kind === 'switch';
      box.className = switchLike ? 'wx-switch-input' : `wx-${kind}-input`;
      el.prepend(box);
      el.setAttribute('role', kind);
      el.tabIndex = 0;
      toggles.set(host, { checked: false, prop: false, box });
      host.addListener('tap', () => toggleByTap(host));
    },
    render(host) {
      const t = toggles.get(host);
      if (!t) return;
      const data = dataOf(host);
      if (kind === 'switch')
        t.box.className =
          String(data.type) === 'checkbox' ? 'wx-checkbox-input' : 'wx-switch-input';
      // The page's `checked` wins whenever it changes; taps change the state in between.
      const prop = truthy(data.checked);
      if (prop !== t.prop) {
        t.prop = prop;
        t.checked = prop;
      }
      renderToggle(host);
    },
  };
}

/** A tap (or a label's tap) on a switch, checkbox or radio. */
function toggleByTap(host: ExNode) {
  const t = toggles.get(host);
  const data = dataOf(host);
  if (!t || truthy(data.disabled)) return;
  if (host.is === 'radio') {
    if (t.checked) return;
    const group = ancestor(host, ['radio-group']);
    if (group) {
      for (const other of descendants(group)) {
        const o = toggles.get(other);
        if (other.is === 'radio' && o && other !== host) {
          o.checked = false;
          renderToggle(other);
        }
      }
    }
    t.checked = true;
    renderToggle(host);
    if (group) emit(group, 'change', { value: String(data.value ?? '') });
    return;
  }
  t.checked = !t.checked;
  renderToggle(host);
  if (host.is === 'switch') emit(host, 'change', { value: t.checked });
  else {
    const group = ancestor(host, ['checkbox-group']);
    const field = group ? fieldValue(group) : null;
    if (group) {
      const values = descendants(group)
        .filter((n) => n.is === 'checkbox' && toggles.get(n)?.checked)
        .map((n) => String(dataOf(n).value ?? ''));
      emit(group, 'change', { value: field ? field.value : values });
    }
  }
}

// ---------- button ----------

async function buttonOpenType(host: ExNode, openType: string) {
  const page = router.currentPage();
  switch (openType) {
    case 'getPhoneNumber':
    case 'getRealtimePhoneNumber': {
      const event = openType === 'getPhoneNumber' ? 'getphonenumber' : 'getrealtimephonenumber';
      try {
        await ensurePrivacy(openType);
      } catch (e) {
        emit(host, event, {
          errMsg: `${openType}:fail privacy permission is not authorized`,
          errno: 104,
        });
        void e;
        return;
      }
      const code = await phoneNumberPrompt(openType === 'getRealtimePhoneNumber');
      emit(
        host,
        event,
        code ? { errMsg: `${openType}:ok`, code } : { errMsg: `${openType}:fail user deny` },
      );
      return;
    }
    case 'agreePrivacyAuthorization':
      agreePrivacyByButton();
      emit(host, 'agreeprivacyauthorization', {});
      return;
    case 'chooseAvatar': {
      const wx = (
        window as unknown as {
          wx: Record<string, (o: object) => Promise<{ tempFiles: { tempFilePath: string }[] }>>;
        }
      ).wx;
      try {
        const res = await wx.chooseMedia({ count: 1, mediaType: ['image'] });
        emit(host, 'chooseavatar', { avatarUrl: res.tempFiles[0]?.tempFilePath ?? '' });
      } catch {
        // cancelled
      }
      return;
    }
    case 'share': {
      const fn = page?.instance.onShareAppMessage;
      let share: Record<string, unknown> = {};
      if (typeof fn === 'function') {
        share = ((fn as (o: object) => Record<string, unknown> | undefined).call(page?.instance, {
          from: 'button',
          target: { id: host.id, dataset: host.dataset },
        }) ?? {}) as Record<string, unknown>;
      }
      await showModal({
        title: '转发给朋友',
        content: `${share.title ?? router.currentPage()?.title ?? ''}\n${share.path ?? `/${page?.route ?? ''}`}`,
        showCancel: false,
      });
      return;
    }
    case 'contact':
      await showModal({
        title: '客服消息',
        content: '预览中无法进入客服会话。',
        showCancel: false,
      });
      emit(host, 'contact', { errMsg: 'enterContact:ok', path: '', query: {} });
      return;
    case 'feedback':
      await showModal({
        title: '意见反馈',
        content: '预览中无法打开微信的意见反馈页。',
        showCancel: false,
      });
      return;
    case 'openSetting':
      await showModal({ title: '设置', content: '预览中没有需要设置的授权。', showCancel: false });
      emit(host, 'opensetting', { authSetting: {} });
      return;
    case 'getUserInfo':
      emit(host, 'getuserinfo', {
        errMsg: 'getUserInfo:ok',
        userInfo: { nickName: '微信用户', avatarUrl: '' },
      });
      return;
    case 'launchApp':
      emit(host, 'error', { errMsg: 'invalid scene' });
      return;
    default:
      return;
  }
}

const buttonSpec: Builtin = {
  properties: {
    size: { type: String, value: 'default' },
    type: { type: String, value: 'default' },
    plain: { type: Boolean, value: false },
    disabled: { type: Boolean, value: false },
    loading: { type: Boolean, value: false },
    formType: { type: String, value: '' },
    openType: { type: String, value: '' },
    name: { type: String, value: '' },
  },
  created(host, el) {
    host.__hoverClass = 'button-hover';
    el.setAttribute('role', 'button');
    el.tabIndex = 0;
    host.addListener('tap', () => {
      const data = dataOf(host);
      if (truthy(data.disabled)) return;
      const formType = String(data.formType ?? '');
      if (formType === 'submit' || formType === 'reset') {
        const form = ancestor(host, ['form']);
        if (form) (formType === 'submit' ? submitForm : resetForm)(form, host);
      }
      const openType = String(data.openType ?? '');
      if (openType)
        void buttonOpenType(host, openType).catch((e) => report(`button open-type ${openType}`, e));
    });
  },
  render(_host, el, data) {
    reflect(el, 'type', data.type === 'default' ? '' : data.type);
    reflect(el, 'size', data.size === 'default' ? '' : data.size);
    reflect(el, 'plain', truthy(data.plain));
    reflect(el, 'disabled', truthy(data.disabled));
    reflect(el, 'loading', truthy(data.loading));
    if (truthy(data.disabled)) el.setAttribute('aria-disabled', 'true');
    else el.removeAttribute('aria-disabled');
    let spinner = el.querySelector(':scope > .wx-button-loading');
    if (truthy(data.loading) && !spinner) {
      spinner = document.createElement('i');
      spinner.className = 'wx-button-loading';
      spinner.setAttribute('aria-hidden', 'true');
      el.prepend(spinner);
    } else if (!truthy(data.loading) && spinner) spinner.remove();
    if (truthy(data.loading)) el.setAttribute('aria-busy', 'true');
    else el.removeAttribute('aria-busy');
  },
};

// ---------- form ----------

function submitForm(form: ExNode, button: ExNode) {
  const value: Record<string, unknown> = {};
  for (const n of descendants(form)) {
    const f = fieldValue(n);
    if (f) value[f.name] = f.value;
  }
  emit(form, 'submit', { value, target: { id: button.id, dataset: button.dataset } });
}

function resetForm(form: ExNode) {
  for (const n of descendants(form)) resetField(n);
  emit(form, 'reset', {});
}

// ---------- picker ----------

function pickerColumns(data: Record<string, unknown>): string[][] {
  const key = String(data.rangeKey ?? '');
  const label = (item: unknown) =>
    item && typeof item === 'object' && key
      ? String((item as Record<string, unknown>)[key] ?? '')
      : String(item ?? '');
  const range = Array.isArray(data.range) ? (data.range as unknown[]) : [];
  if (data.mode === 'multiSelector') {
    return range.map((col) => (Array.isArray(col) ? (col as unknown[]).map(label) : []));
  }
  return [range.map(label)];
}

function pickerSelection(data: Record<string, unknown>, current: unknown): number[] {
  if (data.mode === 'multiSelector') {
    const v = Array.isArray(current) ? (current as unknown[]) : [];
    return pickerColumns(data).map((_c, i) => Number(v[i] ?? 0) || 0);
  }
  return [Number(current ?? 0) || 0];
}

function openPicker(host: ExNode) {
  const data = dataOf(host);
  const st = pickers.get(host);
  if (!st || truthy(data.disabled)) return;
  const el = host.$$;
  const label = el?.getAttribute('aria-label') ?? '请选择';
  const mode = String(data.mode ?? 'selector');
  if (mode === 'date' || mode === 'time') {
    const fieldsOf = String(data.fields ?? 'day');
    openNativePickerSheet({
      label,
      type: mode === 'time' ? 'time' : fieldsOf === 'month' ? 'month' : 'date',
      value: String(st.current ?? data.value ?? ''),
      min: data.start ? String(data.start) : undefined,
      max: data.end ? String(data.end) : undefined,
      onConfirm: (value) => {
        const v = mode === 'date' && fieldsOf === 'year' ? value.slice(0, 4) : value;
        st.current = v;
        emit(host, 'change', { value: v });
      },
      onCancel: () => emit(host, 'cancel', {}),
    });
    return;
  }
  if (mode === 'region') {
    void showModal({
      title: '暂不支持',
      content: '预览暂不支持省市区选择器（mode="region"）。',
      showCancel: false,
    });
    return;
  }
  st.sheet = openPickerSheet({
    label,
    headerText: String(data.headerText ?? ''),
    columns: pickerColumns(data),
    selection: pickerSelection(data, st.current ?? data.value),
    onColumnChange: (column, value) => {
      if (data.mode === 'multiSelector') emit(host, 'columnchange', { column, value });
    },
    onConfirm: (selection) => {
      st.sheet = null;
      const value = mode === 'multiSelector' ? selection : selection[0];
      st.current = value;
      emit(host, 'change', { value });
    },
    onCancel: () => {
      st.sheet = null;
      emit(host, 'cancel', {});
    },
  });
}

const pickerSpec: Builtin = {
  properties: {
    mode: { type: String, value: 'selector' },
    range: { type: Array, value: [] },
    rangeKey: { type: String, value: '' },
    value: { type: null, value: 0 },
    disabled: { type: Boolean, value: false },
    start: { type: String, value: '' },
    end: { type: String, value: '' },
    fields: { type: String, value: 'day' },
    headerText: { type: String, value: '' },
    name: { type: String, value: '' },
  },
  created(host, el) {
    el.setAttribute('role', 'button');
    el.setAttribute('aria-haspopup', 'dialog');
    el.tabIndex = 0;
    pickers.set(host, { current: undefined, sheet: null });
    host.addListener('tap', () => openPicker(host));
  },
  render(host, el, data) {
    const st = pickers.get(host);
    if (!st) return;
    reflect(el, 'disabled', truthy(data.disabled));
    el.setAttribute('aria-disabled', String(truthy(data.disabled)));
    // Only a real change counts: every re-render of the page sets the properties again.
    const seen = JSON.stringify([data.mode, data.range, data.rangeKey, data.value]);
    if (seen === st.seen) return;
    const valueChanged = JSON.stringify(data.value) !== JSON.stringify(st.lastValue);
    st.seen = seen;
    st.lastValue = data.value;
    if (valueChanged || st.current === undefined) st.current = data.value;
    // The page changed the columns or the selection while the sheet is open (columnchange).
    st.sheet?.update(pickerColumns(data), pickerSelection(data, st.current));
  },
};

// ---------- label ----------

const CONTROLS = ['checkbox', 'radio', 'switch', 'input', 'textarea', 'button'];

const labelSpec: Builtin = {
  properties: { for: { type: String, value: '' } },
  created(host) {
    host.addListener('tap', (e: ExEvent) => {
      const target = (e as unknown as { target?: ExNode }).target;
      // A tap right on a control already reached it.
      for (let n: ExNode | null = target ?? null; n && n !== host; n = n.parentNode) {
        if (n.is && CONTROLS.includes(n.is)) return;
      }
      const forId = String(dataOf(host).for ?? '');
      const owner = ownerOf(host);
      const control = forId
        ? (owner?.shadowRoot?.querySelector(`#${forId}`) ?? null)
        : (descendants(host).find((n) => n.is && CONTROLS.includes(n.is)) ?? null);
      if (!control) return;
      if (control.is === 'input' || control.is === 'textarea') fields.get(control)?.native.focus();
      else if (control.is === 'button') control.$$?.click();
      else toggleByTap(control);
    });
  },
};

// ---------- image ----------

const FIT: Record<string, [string, string]> = {
  scaleToFill: ['fill', 'center'],
  aspectFit: ['contain', 'center'],
  aspectFill: ['cover', 'center'],
  widthFix: ['fill', 'center'],
  heightFix: ['fill', 'center'],
  top: ['none', 'top'],
  bottom: ['none', 'bottom'],
  center: ['none', 'center'],
  left: ['none', 'left'],
  right: ['none', 'right'],
  'top left': ['none', 'top left'],
  'top right': ['none', 'top right'],
  'bottom left': ['none', 'bottom left'],
  'bottom right': ['none', 'bottom right'],
};

const imageSpec: Builtin = {
  properties: {
    src: { type: String, value: '' },
    mode: { type: String, value: 'scaleToFill' },
    lazyLoad: { type: Boolean, value: false },
    showMenuByLongpress: { type: Boolean, value: false },
    webp: { type: Boolean, value: false },
  },
  created(host, el) {
    const img = document.createElement('img');
    img.alt = '';
    img.draggable = false;
    img.addEventListener('load', () =>
      emit(host, 'load', { width: img.naturalWidth, height: img.naturalHeight }),
    );
    img.addEventListener('error', () => {
      if (img.getAttribute('src'))
        emit(host, 'error', { errMsg: `GET ${img.getAttribute('src')} 404 (Not Found)` });
    });
    el.append(img);
    host.__onAria = (name, value) => {
      if (name === 'aria-label') {
        if (value) el.setAttribute('role', 'img');
        else el.removeAttribute('role');
      }
    };
  },
  render(host, el, data) {
    const img = el.querySelector('img');
    if (!img) return;
    const mode = String(data.mode ?? 'scaleToFill');
    el.setAttribute('mode', mode);
    const [fit, position] = FIT[mode] ?? FIT.scaleToFill;
    img.style.objectFit = fit;
    img.style.objectPosition = position;
    const src = String(data.src ?? '');
    const ownerPath = pathOfOwner(ownerOf(host)?.is);
    void Promise.resolve(assetUrl(src, ownerPath)).then((url) => {
      if (String(dataOf(host).src ?? '') !== src) return;
      if (url) img.src = url;
      else img.removeAttribute('src');
    });
  },
};

// ---------- scroll-view ----------

interface ScrollState {
  lastTop: number;
  lastLeft: number;
  atUpper: boolean;
  atLower: boolean;
}
const scrolls = new WeakMap<ExNode, ScrollState>();

const scrollViewSpec: Builtin = {
  properties: {
    scrollX: { type: Boolean, value: false },
    scrollY: { type: Boolean, value: false },
    upperThreshold: { type: Number, value: 50 },
    lowerThreshold: { type: Number, value: 50 },
    scrollTop: { type: null, value: undefined },
    scrollLeft: { type: null, value: undefined },
    scrollIntoView: { type: String, value: '' },
    scrollWithAnimation: { type: Boolean, value: false },
    enableBackToTop: { type: Boolean, value: false },
    enableFlex: { type: Boolean, value: false },
    showScrollbar: { type: Boolean, value: true },
  },
  created(host, el) {
    const st: ScrollState = { lastTop: 0, lastLeft: 0, atUpper: true, atLower: false };
    scrolls.set(host, st);
    el.addEventListener('scroll', () => {
      const data = dataOf(host);
      const deltaY = el.scrollTop - st.lastTop;
      const deltaX = el.scrollLeft - st.lastLeft;
      st.lastTop = el.scrollTop;
      st.lastLeft = el.scrollLeft;
      emit(host, 'scroll', {
        scrollTop: el.scrollTop,
        scrollLeft: el.scrollLeft,
        scrollHeight: el.scrollHeight,
        scrollWidth: el.scrollWidth,
        deltaX,
        deltaY,
      });
      const horizontal = truthy(data.scrollX) && !truthy(data.scrollY);
      const pos = horizontal ? el.scrollLeft : el.scrollTop;
      const size = horizontal ? el.scrollWidth - el.clientWidth : el.scrollHeight - el.clientHeight;
      const upper = pos <= Number(data.upperThreshold ?? 50);
      const lower = size - pos <= Number(data.lowerThreshold ?? 50);
      if (upper && !st.atUpper)
        emit(host, 'scrolltoupper', { direction: horizontal ? 'left' : 'top' });
      if (lower && !st.atLower)
        emit(host, 'scrolltolower', { direction: horizontal ? 'right' : 'bottom' });
      st.atUpper = upper;
      st.atLower = lower;
    });
  },
  render(host, el, data) {
    el.style.overflowX = truthy(data.scrollX) ? 'auto' : 'hidden';
    el.style.overflowY = truthy(data.scrollY) ? 'auto' : 'hidden';
    if (truthy(data.enableFlex)) el.style.display = 'flex';
    const behavior: ScrollBehavior = truthy(data.scrollWithAnimation) ? 'smooth' : 'auto';
    requestAnimationFrame(() => {
      if (
        typeof data.scrollTop === 'number' ||
        (typeof data.scrollTop === 'string' && data.scrollTop !== '')
      ) {
        el.scrollTo({ top: Number(data.scrollTop), behavior });
      }
      if (
        typeof data.scrollLeft === 'number' ||
        (typeof data.scrollLeft === 'string' && data.scrollLeft !== '')
      ) {
        el.scrollTo({ left: Number(data.scrollLeft), behavior });
      }
      const into = String(data.scrollIntoView ?? '');
      if (into) {
        const target = ownerOf(host)?.shadowRoot?.querySelector(`#${into}`)?.$$;
        if (target && el.contains(target)) {
          const box = el.getBoundingClientRect();
          const t = target.getBoundingClientRect();
          el.scrollTo({
            top: el.scrollTop + t.top - box.top,
            left: el.scrollLeft + t.left - box.left,
            behavior,
          });
        }
      }
    });
  },
};

// ---------- navigator ----------

const navigatorSpec: Builtin = {
  properties: {
    url: { type: String, value: '' },
    openType: { type: String, value: 'navigate' },
    delta: { type: Number, value: 1 },
    target: { type: String, value: 'self' },
  },
  created(host, el) {
    host.__hoverClass = 'navigator-hover';
    el.setAttribute('role', 'link');
    el.tabIndex = 0;
    host.addListener('tap', () => {
      const data = dataOf(host);
      const url = String(data.url ?? '');
      const type = String(data.openType ?? 'navigate');
      if (type === 'exit') return;
      const api =
        (
          {
            navigate: 'navigateTo',
            redirect: 'redirectTo',
            switchTab: 'switchTab',
            reLaunch: 'reLaunch',
            navigateBack: 'navigateBack',
          } as Record<string, string>
        )[type] ?? 'navigateTo';
      // Through wx, as WeChat's navigator does: same checks, same errMsg, tracked like any call.
      const wx = (window as unknown as { wx: Record<string, (o: object) => void> }).wx;
      wx[api]({
        url,
        delta: Number(data.delta ?? 1),
        success: (res: unknown) => emit(host, 'success', res),
        fail: (err: unknown) => emit(host, 'fail', err),
        complete: (res: unknown) => emit(host, 'complete', res),
      });
    });
  },
};

// ---------- rich-text ----------

const RICH_TAGS = new Set(
  'a abbr address article aside b bdi bdo big blockquote br caption center cite code col colgroup dd del div dl dt em fieldset font footer h1 h2 h3 h4 h5 h6 header hr i img ins label legend li mark nav ol p pre q rt ruby s section small span strong sub sup table tbody td tfoot th thead tr tt u ul'.split(
    ' ',
  ),
);

/** Tags dropped with everything inside them. */
const DROPPED_TAGS = new Set([
  'script',
  'style',
  'template',
  'iframe',
  'object',
  'embed',
  'noscript',
]);

interface RichNode {
  type?: string;
  name?: string;
  text?: string;
  attrs?: Record<string, string>;
  children?: RichNode[];
}

function richFromDom(node: Node): RichNode[] {
  const out: RichNode[] = [];
  node.childNodes.forEach((child) => {
    if (child.nodeType === Node.TEXT_NODE)
      out.push({ type: 'text', text: child.textContent ?? '' });
    else if (child instanceof Element) {
      const attrs: Record<string, string> = {};
      for (const a of Array.from(child.attributes)) attrs[a.name] = a.value;
      out.push({ name: child.tagName.toLowerCase(), attrs, children: richFromDom(child) });
    }
  });
  return out;
}

function richToDom(host: ExNode, nodes: RichNode[], parent: Node) {
  for (const n of nodes) {
    if (n.type === 'text') {
      parent.appendChild(document.createTextNode(n.text ?? ''));
      continue;
    }
    const name = (n.name ?? '').toLowerCase();
    if (DROPPED_TAGS.has(name)) continue;
    if (!RICH_TAGS.has(name)) {
      // Unsupported tags are dropped with their attributes; their children stay.
      richToDom(host, n.children ?? [], parent);
      continue;
    }
    const el = document.createElement(name);
    const attrs = n.attrs ?? {};
    if (attrs.class) el.className = ownerClasses(host, attrs.class).join(' ');
    if (attrs.style) el.setAttribute('style', attrs.style);
    if (name === 'img') {
      el.setAttribute('alt', attrs.alt ?? '');
      for (const a of ['width', 'height']) if (attrs[a]) el.setAttribute(a, attrs[a]);
      if (attrs.src)
        void Promise.resolve(assetUrl(attrs.src, pathOfOwner(ownerOf(host)?.is))).then((u) =>
          el.setAttribute('src', u),
        );
    }
    for (const a of ['colspan', 'rowspan', 'span', 'start', 'type', 'dir'])
      if (attrs[a]) el.setAttribute(a, attrs[a]);
    richToDom(host, n.children ?? [], el);
    parent.appendChild(el);
  }
}

const richTextSpec: Builtin = {
  properties: {
    nodes: { type: null, value: [] },
    space: { type: String, value: '' },
    userSelect: { type: Boolean, value: false },
  },
  render(host, el, data) {
    let nodes: RichNode[] = [];
    if (typeof data.nodes === 'string') {
      const doc = new DOMParser().parseFromString(`<body>${data.nodes}</body>`, 'text/html');
      nodes = richFromDom(doc.body);
    } else if (Array.isArray(data.nodes)) nodes = data.nodes as RichNode[];
    el.replaceChildren();
    richToDom(host, nodes, el);
    el.style.userSelect = truthy(data.userSelect) ? 'text' : '';
  },
};

// ---------- icon ----------

const ICON_COLORS: Record<string, string> = {
  success: '#07c160',
  success_no_circle: '#07c160',
  info: '#10aeff',
  warn: '#fa5151',
  waiting: '#10aeff',
  cancel: '#fa5151',
  download: '#07c160',
  search: '#b2b2b2',
  clear: '#b2b2b2',
};

function iconSvg(type: string, color: string): string {
  const c = color;
  const ring = (fill: boolean) =>
    fill
      ? `<circle cx="12" cy="12" r="11" fill="${c}"/>`
      : `<circle cx="12" cy="12" r="10" fill="none" stroke="${c}" stroke-width="1.8"/>`;
  switch (type) {
    case 'success':
      return `${ring(true)}<path d="M6.5 12.5l3.6 3.5 7.4-7.5" fill="none" stroke="#fff" stroke-width="2"/>`;
    case 'success_no_circle':
      return `<path d="M3.5 12.5l5.5 5.5L20.5 6.5" fill="none" stroke="${c}" stroke-width="2.2"/>`;
    case 'info':
      return `${ring(true)}<rect x="11" y="10" width="2" height="8" fill="#fff"/><circle cx="12" cy="7" r="1.3" fill="#fff"/>`;
    case 'warn':
      return `${ring(true)}<rect x="11" y="5.5" width="2" height="8" fill="#fff"/><circle cx="12" cy="17" r="1.3" fill="#fff"/>`;
    case 'waiting':
      return `${ring(true)}<path d="M12 6v6.5l4 2.5" fill="none" stroke="#fff" stroke-width="2"/>`;
    case 'cancel':
      return `${ring(true)}<path d="M8 8l8 8M16 8l-8 8" stroke="#fff" stroke-width="2"/>`;
    case 'download':
      return `${ring(true)}<path d="M12 6v9M8 11.5l4 4 4-4" fill="none" stroke="#fff" stroke-width="2"/>`;
    case 'search':
      return `<circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="${c}" stroke-width="2"/><path d="M15.5 15.5L21 21" stroke="${c}" stroke-width="2"/>`;
    case 'clear':
      return `${ring(true)}<path d="M8.5 8.5l7 7M15.5 8.5l-7 7" stroke="#fff" stroke-width="1.8"/>`;
    default:
      return ring(false);
  }
}

const iconSpec: Builtin = {
  properties: {
    type: { type: String, value: '' },
    size: { type: null, value: 23 },
    color: { type: String, value: '' },
  },
  created(_host, el) {
    el.setAttribute('aria-hidden', 'true');
  },
  render(_host, el, data) {
    const type = String(data.type ?? '');
    const size = String(data.size ?? 23);
    const px = /^\d+(\.\d+)?$/.test(size)
      ? `${size}px`
      : size.replace(/(-?[\d.]+)rpx/, 'calc($1 * var(--rpx))');
    el.innerHTML = `<svg viewBox="0 0 24 24" width="100%" height="100%" focusable="false">${iconSvg(type, String(data.color || ICON_COLORS[type] || '#b2b2b2'))}</svg>`;
    const svg = el.firstElementChild as HTMLElement | null;
    if (svg) {
      svg.style.width = px;
      svg.style.height = px;
    }
  },
};

// ---------- progress, slider ----------

const progressSpec: Builtin = {
  properties: {
    percent: { type: Number, value: 0 },
    showInfo: { type: Boolean, value: false },
    borderRadius: { type: null, value: 0 },
    fontSize: { type: null, value: 16 },
    strokeWidth: { type: null, value: 6 },
    color: { type: String, value: '' },
    activeColor: { type: String, value: '#09bb07' },
    backgroundColor: { type: String, value: '#ebebeb' },
  },
  created(_host, el) {
    el.setAttribute('role', 'progressbar');
    el.setAttribute('aria-valuemin', '0');
    el.setAttribute('aria-valuemax', '100');
    el.innerHTML =
      '<div class="wx-progress-bar"><div class="wx-progress-inner"></div></div><span class="wx-progress-info"></span>';
  },
  render(_host, el, data) {
    const percent = Math.max(0, Math.min(100, Number(data.percent ?? 0)));
    el.setAttribute('aria-valuenow', String(percent));
    const bar = el.querySelector('.wx-progress-bar') as HTMLElement;
    const inner = el.querySelector('.wx-progress-inner') as HTMLElement;
    const info = el.querySelector('.wx-progress-info') as HTMLElement;
    bar.style.height = `${Number(data.strokeWidth ?? 6)}px`;
    bar.style.borderRadius = `${Number(data.borderRadius ?? 0)}px`;
    bar.style.backgroundColor = String(data.backgroundColor ?? '#ebebeb');
    inner.style.width = `${percent}%`;
    inner.style.backgroundColor = String(data.color || data.activeColor || '#09bb07');
    info.hidden = !truthy(data.showInfo);
    info.textContent = `${percent}%`;
    info.style.fontSize = `calc(${Number(data.fontSize ?? 16)}px * var(--font-scale, 1))`;
  },
};

const sliderSpec: Builtin = {
  properties: {
    min: { type: Number, value: 0 },
    max: { type: Number, value: 100 },
    step: { type: Number, value: 1 },
    value: { type: Number, value: 0 },
    disabled: { type: Boolean, value: false },
    showValue: { type: Boolean, value: false },
    name: { type: String, value: '' },
  },
  created(host, el) {
    const input = document.createElement('input');
    input.type = 'range';
    host.__ariaTarget = input;
    input.addEventListener('input', () => emit(host, 'changing', { value: Number(input.value) }));
    input.addEventListener('change', () => emit(host, 'change', { value: Number(input.value) }));
    el.append(input);
  },
  render(_host, el, data) {
    const input = el.querySelector('input') as HTMLInputElement;
    input.min = String(data.min ?? 0);
    input.max = String(data.max ?? 100);
    input.step = String(data.step ?? 1);
    input.value = String(data.value ?? 0);
    input.disabled = truthy(data.disabled);
  },
};

// ---------- install ----------

/** Tags with no behaviour of their own beyond a host element (and hover-class, hidden, aria). */
const PLAIN = [
  'view',
  'text',
  'block',
  'cover-view',
  'cover-image',
  'swiper',
  'swiper-item',
  'movable-area',
  'movable-view',
  'checkbox-group',
  'radio-group',
  'form',
  'picker-view',
  'picker-view-column',
  'editor',
  'functional-page-navigator',
  'audio',
  'video',
  'camera',
  'live-player',
  'live-pusher',
  'map',
  'canvas',
  'open-data',
  'web-view',
  'ad',
  'ad-custom',
  'official-account',
  'navigation-bar',
  'page-meta',
  'root-portal',
  'page-container',
  'match-media',
  'grid-view',
  'list-view',
  'sticky-header',
  'sticky-section',
  'share-element',
  'keyboard-accessory',
  'channel-live',
  'channel-video',
  'voip-room',
];

/** Properties of the plain tags that have any. */
const PLAIN_PROPERTIES: Record<string, Builtin['properties']> = {
  text: {
    userSelect: { type: Boolean, value: false },
    selectable: { type: Boolean, value: false },
    space: { type: String, value: '' },
    decode: { type: Boolean, value: false },
  },
  'checkbox-group': { name: { type: String, value: '' } },
  'radio-group': { name: { type: String, value: '' } },
  form: { reportSubmit: { type: Boolean, value: false } },
};

export function installBuiltins() {
  for (const name of PLAIN) {
    define(name, {
      properties: PLAIN_PROPERTIES[name] ?? {},
      render:
        name === 'text'
          ? (_host, el, data) =>
              reflect(el, 'user-select', truthy(data.userSelect) || truthy(data.selectable))
          : undefined,
    });
  }
  define('input', fieldSpec('input'));
  define('textarea', fieldSpec('textarea'));
  define('switch', toggleSpec('switch'));
  define('checkbox', toggleSpec('checkbox'));
  define('radio', toggleSpec('radio'));
  define('button', buttonSpec);
  define('picker', pickerSpec);
  define('label', labelSpec);
  define('image', imageSpec);
  define('scroll-view', scrollViewSpec);
  define('navigator', navigatorSpec);
  define('rich-text', richTextSpec);
  define('icon', iconSpec);
  define('progress', progressSpec);
  define('slider', sliderSpec);
}
