// Attributes j-component drops, put where WeChat puts them (installed as window.__previewAttr, which
// the patched j-component calls for every attribute before its own handling; see build/patches.mjs):
//
// - `aria-*` reach the DOM, `aria-role` as `role`, so screen readers and axe see what pages declare;
//   an element given an interactive role becomes focusable, and Enter/Space tap it (touch.ts);
// - `hidden` hides the element;
// - `hover-class`, `hover-stop-propagation`, `hover-start-time`, `hover-stay-time` are kept on the node
//   for the touch layer, which applies the class while the element is pressed.
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

/** Sets an aria attribute as WeChat maps it onto the element (or the built-in's native control). */
export function setAria(node: ExNode, name: string, value: unknown) {
  const el = node.__ariaTarget ?? node.$$;
  if (!el) return;
  const attr = name === 'aria-role' ? 'role' : name;
  const v = text(value);
  if (v === null) el.removeAttribute(attr);
  else el.setAttribute(attr, v);
  if (attr === 'role' && v && INTERACTIVE_ROLES.has(v) && !el.hasAttribute('tabindex')) {
    el.setAttribute('tabindex', '0');
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

export function installAttributeHook() {
  (window as unknown as { __previewAttr: typeof previewAttr }).__previewAttr = previewAttr;
}
