// WeChat's own UI inside the phone: toast and loading, modal dialog, action sheet, picker sheet. Each
// is a layer above the page; a modal layer makes the page inert (not focusable, hidden from screen
// readers) until it closes, moves focus into itself and gives it back afterwards.
import { gesture } from './gesture';
import { shellElement } from './dom';

const $ = shellElement;

export interface Layer {
  el: HTMLElement;
  close(): void;
  readonly closed: boolean;
}

let modalCount = 0;

function setPageInert(inert: boolean) {
  for (const id of ['viewport', 'navbar', 'tabbar']) {
    const el = shellElement(id);
    if (el) el.inert = inert;
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else if (k === 'text') el.textContent = String(v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c);
  }
  return el;
}

/**
 * Opens a layer. `modal` layers get a mask, take focus and make the page inert; `label` names the
 * dialog for screen readers.
 */
export function openLayer(options: {
  modal: boolean;
  label?: string;
  kind: string;
  mask?: 'dark' | 'clear' | 'none';
  /** Lets taps through to the page (a toast without mask). */
  passthrough?: boolean;
  onEscape?: () => void;
}): Layer {
  const root = $('layers');
  const el = h('div', { class: `layer${options.passthrough ? ' passthrough' : ''}` });
  el.dataset.previewLayer = options.kind;
  if (options.modal) el.dataset.modal = 'true';
  if (options.mask !== 'none') {
    el.append(h('div', { class: `mask${options.mask === 'clear' ? ' clear' : ''}` }));
  }
  const previous = document.activeElement as HTMLElement | null;
  if (options.modal) {
    modalCount++;
    setPageInert(true);
  }
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && options.onEscape) {
      e.preventDefault();
      options.onEscape();
    } else if (e.key === 'Tab' && options.modal) {
      const focusable = Array.from(
        el.querySelectorAll<HTMLElement>('button, input, textarea, select, [tabindex="0"]'),
      ).filter((x) => !x.hasAttribute('disabled'));
      if (focusable.length === 0) return;
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };
  el.addEventListener('keydown', onKey);
  root.append(el);
  let closed = false;
  return {
    el,
    get closed() {
      return closed;
    },
    close() {
      if (closed) return;
      closed = true;
      el.remove();
      if (options.modal) {
        modalCount--;
        if (modalCount === 0) setPageInert(false);
        if (previous && document.contains(previous)) previous.focus({ preventScroll: true });
      }
    },
  };
}

/** Focuses the element once the layer is in the document (for screen readers and keyboards). */
function focusSoon(el: HTMLElement | null) {
  if (el) requestAnimationFrame(() => el.focus({ preventScroll: true }));
}

// ---------- toast and loading ----------

let toastLayer: Layer | null = null;
let toastTimer: ReturnType<typeof setTimeout> | undefined;
let toastKind: 'toast' | 'loading' | null = null;

const ICONS: Record<string, string> = {
  success:
    '<svg class="toast-icon" viewBox="0 0 40 40" aria-hidden="true"><path d="M8 21l8 8 16-17" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  error:
    '<svg class="toast-icon" viewBox="0 0 40 40" aria-hidden="true"><circle cx="20" cy="20" r="17" fill="none" stroke="#fff" stroke-width="3"/><path d="M20 10v13" stroke="#fff" stroke-width="3.5" stroke-linecap="round"/><circle cx="20" cy="29" r="2.2" fill="#fff"/></svg>',
};

function closeToast() {
  clearTimeout(toastTimer);
  toastLayer?.close();
  toastLayer = null;
  toastKind = null;
}

/** wx.showToast / wx.showLoading: one at a time, the newer replaces the older. */
export function showToast(options: {
  title: string;
  icon?: string;
  image?: string;
  duration?: number;
  mask?: boolean;
  loading?: boolean;
}) {
  closeToast();
  const icon = options.loading ? 'loading' : (options.icon ?? 'success');
  const layer = openLayer({
    modal: false,
    kind: 'toast',
    mask: options.mask ? 'clear' : 'none',
    passthrough: !options.mask,
  });
  const box = h('div', {
    class: `toast${icon === 'none' && !options.image ? ' text' : ''}`,
    role: 'status',
    'aria-live': 'polite',
  });
  if (options.image) box.append(h('img', { class: 'toast-image', src: options.image, alt: '' }));
  else if (icon === 'loading') box.append(h('span', { class: 'spinner', 'aria-hidden': 'true' }));
  else if (ICONS[icon]) box.insertAdjacentHTML('beforeend', ICONS[icon]);
  box.append(h('span', { class: 'toast-title', text: options.title }));
  layer.el.append(box);
  toastLayer = layer;
  toastKind = options.loading ? 'loading' : 'toast';
  if (!options.loading) {
    toastTimer = setTimeout(closeToast, options.duration ?? 1500);
  }
}

export function hideToast(kind: 'toast' | 'loading') {
  if (toastKind === kind) closeToast();
}

// ---------- modal ----------

export interface ModalOptions {
  title?: string;
  content?: string;
  showCancel?: boolean;
  cancelText?: string;
  cancelColor?: string;
  confirmText?: string;
  confirmColor?: string;
  editable?: boolean;
  placeholderText?: string;
}

/** wx.showModal's dialog; resolves with what the person chose (and typed, when editable). */
export function showModal(options: ModalOptions): Promise<{
  confirm: boolean;
  cancel: boolean;
  content?: string;
}> {
  return new Promise((resolve) => {
    const showCancel = options.showCancel !== false;
    const titleId = `modal-title-${Date.now()}`;
    const finish = (confirm: boolean) => {
      layer.close();
      const res: { confirm: boolean; cancel: boolean; content?: string } = {
        confirm,
        cancel: !confirm,
      };
      if (options.editable) res.content = input?.value ?? '';
      gesture(() => resolve(res));
    };
    const layer = openLayer({
      modal: true,
      kind: 'modal',
      onEscape: showCancel ? () => finish(false) : undefined,
    });
    const input = options.editable
      ? h('input', {
          class: 'dialog-input',
          placeholder: options.placeholderText ?? '',
          'aria-label': options.placeholderText || options.title || '输入内容',
          value: options.content ?? '',
        })
      : null;
    const confirm = h('button', {
      type: 'button',
      class: 'dialog-button confirm',
      text: options.confirmText ?? '确定',
    });
    confirm.style.color = options.confirmColor ?? '';
    confirm.addEventListener('click', () => finish(true));
    const cancel = showCancel
      ? h('button', {
          type: 'button',
          class: 'dialog-button cancel',
          text: options.cancelText ?? '取消',
        })
      : null;
    if (cancel) {
      cancel.style.color = options.cancelColor ?? '';
      cancel.addEventListener('click', () => finish(false));
    }
    const dialog = h(
      'div',
      {
        class: 'dialog',
        role: 'alertdialog',
        'aria-modal': 'true',
        'aria-labelledby': options.title ? titleId : undefined,
        'aria-label': options.title ? undefined : (options.content ?? '提示'),
      },
      h(
        'div',
        { class: 'dialog-body' },
        options.title ? h('h2', { class: 'dialog-title', id: titleId, text: options.title }) : null,
        options.content && !options.editable
          ? h('p', { class: 'dialog-content', text: options.content })
          : null,
        input,
      ),
      h('div', { class: 'dialog-buttons' }, cancel, confirm),
    );
    layer.el.append(dialog);
    focusSoon(input ?? confirm);
  });
}

// ---------- action sheet ----------

/** wx.showActionSheet; resolves with the index tapped, or -1 for 取消. */
export function showActionSheet(options: {
  itemList: string[];
  itemColor?: string;
  alertText?: string;
}): Promise<number> {
  return new Promise((resolve) => {
    const finish = (index: number) => {
      layer.close();
      gesture(() => resolve(index));
    };
    const layer = openLayer({ modal: true, kind: 'action-sheet', onEscape: () => finish(-1) });
    layer.el.querySelector('.mask')?.addEventListener('click', () => finish(-1));
    const items = options.itemList.map((text, i) => {
      const b = h('button', { type: 'button', class: 'sheet-item', text });
      if (options.itemColor) b.style.color = options.itemColor;
      b.addEventListener('click', () => finish(i));
      return b;
    });
    const cancel = h('button', { type: 'button', class: 'sheet-item sheet-cancel', text: '取消' });
    cancel.addEventListener('click', () => finish(-1));
    layer.el.append(
      h(
        'div',
        {
          class: 'sheet',
          role: 'dialog',
          'aria-modal': 'true',
          'aria-label': options.alertText || '操作菜单',
        },
        options.alertText ? h('div', { class: 'sheet-title', text: options.alertText }) : null,
        ...items,
        cancel,
      ),
    );
    focusSoon(items[0] ?? cancel);
  });
}

// ---------- picker sheet ----------

export interface PickerSheet {
  /** Replaces the columns and the selection (a page changing `range` or `value` while open). */
  update(columns: string[][], selection: number[]): void;
  close(): void;
}

const OPTION_HEIGHT = 48;

/**
 * The bottom sheet of `<picker>`: one wheel per column (scroll to choose, or tap an option), 取消 and
 * 确定. `onColumnChange` fires when a column settles on a new row (multiSelector's columnchange).
 */
export function openPickerSheet(options: {
  label: string;
  headerText?: string;
  columns: string[][];
  selection: number[];
  onColumnChange?: (column: number, index: number) => void;
  onConfirm: (selection: number[]) => void;
  onCancel: () => void;
}): PickerSheet {
  let columns = options.columns;
  const selection = options.selection.slice();
  const finish = (ok: boolean) => {
    layer.close();
    if (ok) gesture(() => options.onConfirm(selection.slice()));
    else options.onCancel();
  };
  const layer = openLayer({ modal: true, kind: 'picker', onEscape: () => finish(false) });
  layer.el.querySelector('.mask')?.addEventListener('click', () => finish(false));
  const cancel = h('button', { type: 'button', class: 'sheet-action', text: '取消' });
  const confirm = h('button', { type: 'button', class: 'sheet-action confirm', text: '确定' });
  cancel.addEventListener('click', () => finish(false));
  confirm.addEventListener('click', () => finish(true));
  const body = h('div', { class: 'picker-body' }, h('div', { class: 'picker-indicator' }));
  layer.el.append(
    h(
      'div',
      { class: 'sheet', role: 'dialog', 'aria-modal': 'true', 'aria-label': options.label },
      h(
        'div',
        { class: 'picker-head' },
        cancel,
        h('div', { class: 'picker-header-text', text: options.headerText ?? '' }),
        confirm,
      ),
      body,
    ),
  );

  const lists: HTMLUListElement[] = [];
  const settleTimers: ReturnType<typeof setTimeout>[] = [];
  let programmatic = 0;

  const mark = (col: number) => {
    const list = lists[col];
    list.querySelectorAll<HTMLElement>('.picker-option').forEach((o, i) => {
      o.setAttribute('aria-selected', String(i === selection[col]));
      o.tabIndex = i === selection[col] ? 0 : -1;
    });
    list.setAttribute('aria-activedescendant', `${list.id}-${selection[col]}`);
  };

  const scrollTo = (col: number, smooth: boolean) => {
    programmatic++;
    lists[col].scrollTo({
      top: selection[col] * OPTION_HEIGHT,
      behavior: smooth ? 'smooth' : 'auto',
    });
    setTimeout(() => programmatic--, smooth ? 400 : 50);
  };

  const choose = (col: number, index: number, smooth: boolean) => {
    const max = (columns[col]?.length ?? 1) - 1;
    const next = Math.max(0, Math.min(max, index));
    const changed = next !== selection[col];
    selection[col] = next;
    mark(col);
    scrollTo(col, smooth);
    if (changed) options.onColumnChange?.(col, next);
  };

  const render = () => {
    body.querySelectorAll('.picker-column').forEach((l) => l.remove());
    lists.length = 0;
    columns.forEach((items, col) => {
      if (selection[col] === undefined || selection[col] >= items.length) selection[col] = 0;
      const list = h('ul', {
        class: 'picker-column',
        role: 'listbox',
        id: `picker-col-${col}`,
        'aria-label': columns.length > 1 ? `${options.label}，第${col + 1}列` : options.label,
      });
      items.forEach((text, i) => {
        const li = h('li', {
          class: 'picker-option',
          role: 'option',
          id: `picker-col-${col}-${i}`,
          text,
        });
        li.addEventListener('click', () => {
          // A tap decides: a settle pending from the scroll that brought the option into view
          // (or a tap landing mid-scroll) must not pick another option after it.
          clearTimeout(settleTimers[col]);
          choose(col, i, true);
        });
        list.append(li);
      });
      list.addEventListener('scroll', () => {
        if (programmatic) return;
        clearTimeout(settleTimers[col]);
        settleTimers[col] = setTimeout(() => {
          // Our own smooth scroll to a chosen option is still running: it is not a swipe.
          if (programmatic) return;
          choose(col, Math.round(list.scrollTop / OPTION_HEIGHT), false);
        }, 120);
      });
      list.addEventListener('keydown', (e) => {
        const delta = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
        if (delta) {
          e.preventDefault();
          choose(col, selection[col] + delta, true);
          (list.querySelector(`#${list.id}-${selection[col]}`) as HTMLElement | null)?.focus();
        } else if (e.key === 'Enter') {
          e.preventDefault();
          finish(true);
        }
      });
      body.append(list);
      lists.push(list);
      mark(col);
    });
    requestAnimationFrame(() => lists.forEach((_l, col) => scrollTo(col, false)));
  };
  render();
  focusSoon(lists[0]?.querySelector<HTMLElement>('[aria-selected="true"]') ?? confirm);

  return {
    update(next, nextSelection) {
      const same =
        next.length === columns.length &&
        next.every((c, i) => c.join('\u0000') === columns[i].join('\u0000'));
      columns = next;
      nextSelection.forEach((v, i) => (selection[i] = v));
      if (same) {
        lists.forEach((_l, col) => {
          mark(col);
          scrollTo(col, false);
        });
      } else {
        const focusedCol = lists.findIndex((l) => l.contains(document.activeElement));
        render();
        if (focusedCol >= 0)
          lists[focusedCol]?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
      }
    },
    close() {
      layer.close();
    },
  };
}

/** A sheet with one native control (date and time pickers). */
export function openNativePickerSheet(options: {
  label: string;
  type: 'date' | 'time' | 'month';
  value: string;
  min?: string;
  max?: string;
  onConfirm: (value: string) => void;
  onCancel: () => void;
}) {
  const finish = (ok: boolean) => {
    layer.close();
    if (ok) gesture(() => options.onConfirm(input.value));
    else options.onCancel();
  };
  const layer = openLayer({ modal: true, kind: 'picker', onEscape: () => finish(false) });
  layer.el.querySelector('.mask')?.addEventListener('click', () => finish(false));
  const input = h('input', {
    type: options.type,
    value: options.value,
    min: options.min,
    max: options.max,
    'aria-label': options.label,
  });
  const cancel = h('button', { type: 'button', class: 'sheet-action', text: '取消' });
  const confirm = h('button', { type: 'button', class: 'sheet-action confirm', text: '确定' });
  cancel.addEventListener('click', () => finish(false));
  confirm.addEventListener('click', () => finish(true));
  layer.el.append(
    h(
      'div',
      { class: 'sheet', role: 'dialog', 'aria-modal': 'true', 'aria-label': options.label },
      h(
        'div',
        { class: 'picker-head' },
        cancel,
        h('div', { class: 'picker-header-text' }),
        confirm,
      ),
      h('div', { class: 'picker-body' }, h('div', { class: 'picker-native' }, input)),
    ),
  );
  focusSoon(input);
}
