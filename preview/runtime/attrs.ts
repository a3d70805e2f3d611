// Attributes j-component drops, put where WeChat puts them (installed as window.__previewAttr, which
// the patched j-component calls for every attribute before its own handling; see build/patches.mjs):
//
// - `aria-*` reach the DOM, `aria-role` as `role`, so screen readers and axe see what pages declare;
//   an element given an interactive role becomes focusable, and Enter/Space tap it (touch.ts);
// - `hidden` hides the element;
// - `hover-class`, `hover-stop-propagation`, `hover-start-time`, `hover-stay-time` are kept on the node
//   for the touch layer, which applies the class while the element is pressed.
//
// Inline `style` font sizes follow the person's font setting (installed as window.__previewInlineStyle,
// which the patched j-component applies to every inline style), as build/wxss.mjs does for WXSS.
//
// wcc writes attribute names in camelCase (`ariaLabel`, `hoverClass`); `data-*` stay dashed.
import { exparser, type ExNode } from './engine';

const INTERACTIVE_ROLES = new Set([
  'button',
  'link',
  'tab',
  'checkbox',
  'radio',
  'switch',
  'menuitem',
  'option',
  'slider',
  'spinbutton',
  'combobox',
  'searchbox',
  'textbox',
  'treeitem',
]);

const dashed = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const camel = (name: string) => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return String(value);
}

/** Elements made focusable because of their role, so they stop being when the role goes. */
const focusableByRole = new WeakSet<HTMLElement>();

/** Sets an aria attribute as WeChat maps it onto the element (or the built-in's native control). */
export function setAria(node: ExNode, name: string, value: unknown) {
  const el = node.__ariaTarget ?? node.$$;
  if (!el) return;
  const attr = name === 'aria-role' ? 'role' : name;
  const v = text(value);
  if (v === null) el.removeAttribute(attr);
  else el.setAttribute(attr, v);
  if (attr === 'role') {
    if (v && INTERACTIVE_ROLES.has(v)) {
      if (!el.hasAttribute('tabindex')) {
        el.setAttribute('tabindex', '0');
        focusableByRole.add(el);
      }
    } else if (focusableByRole.delete(el)) {
      // The node now plays another part (j-component reuses nodes across wx:if branches).
      el.removeAttribute('tabindex');
    }
  }
  node.__onAria?.(attr, v);
}

function previewAttr(node: ExNode, rawName: string, value: unknown): boolean {
  if (!node || !node.$$ || rawName.startsWith('data-')) return false;
  const name = dashed(rawName);
  if (exparser.Component.hasPublicProperty(node, camel(name))) return false;
  if (name.startsWith('aria-')) {
    setAria(node, name, value);
    return true;
  }
  switch (name) {
    case 'hidden':
      if (value === undefined || value === null || value === false || value === 'false') {
        node.$$.removeAttribute('hidden');
      } else node.$$.setAttribute('hidden', '');
      return true;
    case 'hover-class':
      node.__hoverClass = text(value) ?? undefined;
      return true;
    case 'hover-stop-propagation':
      node.__hoverStop = !!value && value !== 'false';
      return true;
    case 'hover-start-time':
      node.__hoverStart = Number(value);
      return true;
    case 'hover-stay-time':
      node.__hoverStay = Number(value);
      return true;
    default:
      return false;
  }
}

const ABSOLUTE_LENGTH = /\d(?:px|pt|pc|cm|mm|in|q|rem|vw|vh|vmin|vmax)\b|var\(--rpx\)/i;

/** `font-size: calc(30 * var(--rpx))` → scaled by `--font-scale`; keywords, em and % follow the parent. */
function previewInlineStyle(style: string): string {
  return style.replace(
    /(^|;)(\s*font-size\s*:\s*)([^;!]*)/gi,
    (all, sep: string, prop: string, value: string) =>
      ABSOLUTE_LENGTH.test(value) && !value.includes('--font-scale')
        ? `${sep}${prop}calc(${value.trim()} * var(--font-scale, 1))`
        : all,
  );
}

export function installAttributeHook() {
  const w = window as unknown as {
    __previewAttr: typeof previewAttr;
    __previewInlineStyle: typeof previewInlineStyle;
  };
  w.__previewAttr = previewAttr;
  w.__previewInlineStyle = previewInlineStyle;
}
