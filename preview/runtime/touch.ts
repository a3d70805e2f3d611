// Desktop input as a phone's: j-component makes `tap` and `longpress` only from touchstart/touchend on
// the page (PREVIEW.md §5), so a mouse press inside the phone becomes a synthetic touch sequence on
// the same element. Mouse events that follow a real touch are ignored for 600 ms (touch devices send
// both). Enter or Space on a focused element with an interactive role taps it, so the pages work
// from a keyboard. While an element is pressed, its `hover-class` is applied, as WeChat does.
import { nodeOfDom, ownerPrefix, type ExNode } from './engine';

const KEY_ROLES = new Set([
  'button',
  'link',
  'tab',
  'checkbox',
  'radio',
  'switch',
  'menuitem',
  'option',
]);
const GHOST_MS = 600;

let lastRealTouch = 0;

function touchOf(target: EventTarget, x: number, y: number): Touch {
  return new Touch({
    identifier: 1,
    target,
    clientX: x,
    clientY: y,
    pageX: x,
    pageY: y,
    screenX: x,
    screenY: y,
  });
}

function fire(type: string, target: Element, x: number, y: number, ended = false) {
  const touch = touchOf(target, x, y);
  const event = new TouchEvent(type, {
    bubbles: true,
    cancelable: true,
    composed: true,
    touches: ended ? [] : [touch],
    targetTouches: ended ? [] : [touch],
    changedTouches: [touch],
  });
  target.dispatchEvent(event);
}

// ---------- hover-class ----------

interface Pressed {
  nodes: { el: HTMLElement; classes: string[]; stay: number }[];
  timer: ReturnType<typeof setTimeout> | undefined;
  x: number;
  y: number;
}

let pressed: Pressed | null = null;

function hoverTargets(from: Element): Pressed['nodes'] {
  const out: Pressed['nodes'] = [];
  for (let node: ExNode | null = nodeOfDom(from); node;) {
    const cls = node.__hoverClass;
    const el = node.$$;
    if (cls && cls !== 'none' && el && !el.hasAttribute('disabled')) {
      const builtin = cls === 'button-hover' || cls === 'navigator-hover';
      const prefix = ownerPrefix(node);
      const classes = cls
        .split(/\s+/)
        .filter(Boolean)
        .map((c) => (builtin || !prefix ? c : `${prefix}--${c}`));
      out.push({ el, classes, stay: node.__hoverStay ?? (builtin ? 70 : 400) });
      if (node.__hoverStop) break;
    }
    const parentEl: Element | null = el?.parentElement ?? null;
    node = parentEl ? nodeOfDom(parentEl) : null;
    if (node && node.$$ === el) break;
  }
  return out;
}

function pressStart(target: Element, x: number, y: number) {
  pressEnd(true);
  const nodes = hoverTargets(target);
  if (nodes.length === 0) return;
  pressed = {
    nodes,
    x,
    y,
    timer: setTimeout(() => nodes.forEach((n) => n.el.classList.add(...n.classes)), 50),
  };
}

function pressMove(x: number, y: number) {
  if (pressed && (Math.abs(x - pressed.x) > 10 || Math.abs(y - pressed.y) > 10)) pressEnd(true);
}

function pressEnd(now = false) {
  if (!pressed) return;
  const { nodes, timer } = pressed;
  pressed = null;
  clearTimeout(timer);
  for (const n of nodes) {
    const remove = () => n.el.classList.remove(...n.classes);
    if (now) remove();
    else {
      n.el.classList.add(...n.classes);
      setTimeout(remove, n.stay);
    }
  }
}

// ---------- the bridge ----------

/** Makes mouse presses and keyboard activation inside `area` (the phone's pages) into taps. */
export function installTouchBridge(area: HTMLElement) {
  let down: Element | null = null;

  area.addEventListener(
    'touchstart',
    (e) => {
      if (e.isTrusted) {
        lastRealTouch = Date.now();
        const t = e.touches[0];
        if (t && e.target instanceof Element) pressStart(e.target, t.clientX, t.clientY);
      }
    },
    { capture: true, passive: true },
  );
  area.addEventListener(
    'touchmove',
    (e) => {
      const t = e.touches[0];
      if (e.isTrusted && t) pressMove(t.clientX, t.clientY);
    },
    { capture: true, passive: true },
  );
  area.addEventListener('touchend', (e) => e.isTrusted && pressEnd(), { capture: true });

  area.addEventListener(
    'mousedown',
    (e) => {
      if (e.button !== 0 || Date.now() - lastRealTouch < GHOST_MS) return;
      if (!(e.target instanceof Element)) return;
      down = e.target;
      pressStart(down, e.clientX, e.clientY);
      fire('touchstart', down, e.clientX, e.clientY);
    },
    true,
  );
  window.addEventListener(
    'mousemove',
    (e) => {
      if (!down) return;
      pressMove(e.clientX, e.clientY);
      fire('touchmove', down, e.clientX, e.clientY);
    },
    true,
  );
  window.addEventListener(
    'mouseup',
    (e) => {
      if (!down) return;
      const target = down;
      down = null;
      pressEnd();
      fire('touchend', target, e.clientX, e.clientY, true);
    },
    true,
  );

  area.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const el = e.target as HTMLElement;
    if (el.matches('input, textarea, select, [contenteditable]')) return;
    const role = el.getAttribute('role') ?? '';
    if (!KEY_ROLES.has(role)) return;
    e.preventDefault();
    const box = el.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    fire('touchstart', el, x, y);
    fire('touchend', el, x, y, true);
  });
}
