// Accessibility and large-font audits of the page the preview shows, run inside the browser:
//
// - `axeViolations`: axe-core on the phone's screen (the page, WeChat's bars and dialogs);
// - `unlabelledControls`: every control a person can act on (native fields, anything with an
//   interactive role, anything with a tap handler) has a role, a non-empty accessible name (as axe
//   computes it), and that name contains the text the control shows (WCAG 2.5.3, label in name);
// - `layoutProblems`: no text is cut off by its box, no two pieces of text overlap, nothing reaches
//   past the screen's width — what breaks first when text grows at WeChat's large font.
//
// Each answers readable lines (empty when all is well), so a failing test prints what to fix.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

const AXE = createRequire(__filename).resolve('axe-core');

async function injectAxe(page: Page): Promise<void> {
  const present = await page.evaluate(() => 'axe' in window);
  if (!present) await page.addScriptTag({ path: AXE });
}

/** axe-core's violations on the phone's screen, serious and critical only unless `all`. */
export async function axeViolations(page: Page, options: { all?: boolean } = {}) {
  await injectAxe(page);
  const violations = await page.evaluate(async (selector) => {
    type AxeResult = {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        helpUrl: string;
        nodes: { target: unknown[]; html: string; failureSummary?: string }[];
      }[];
    };
    const axe = (window as unknown as { axe: { run(c: Element, o: object): Promise<AxeResult> } })
      .axe;
    const root = document.querySelector(selector);
    if (!root) throw new Error(`no ${selector}`);
    const result = await axe.run(root, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' '),
        html: n.html.length > 240 ? `${n.html.slice(0, 240)}…` : n.html,
        summary: (n.failureSummary ?? '').replace(/\s*\n\s*/g, ' '),
      })),
    }));
  }, '#screen:not(#viewport *)');
  return options.all
    ? violations
    : violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The whole browser page (the preview's shell around the phone too). */
export async function axeViolationsOfShell(page: Page): Promise<Violation[]> {
  await injectAxe(page);
  const violations = await page.evaluate(async () => {
    type AxeResult = {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        helpUrl: string;
        nodes: { target: unknown[]; html: string; failureSummary?: string }[];
      }[];
    };
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<AxeResult> } })
      .axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' '),
        html: n.html.length > 240 ? `${n.html.slice(0, 240)}…` : n.html,
        summary: (n.failureSummary ?? '').replace(/\s*\n\s*/g, ' '),
      })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One line per offending element: `serious color-contrast: … at <target>: <summary> — <html>`. */
export function describeViolations(violations: Violation[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}) at ${n.target}: ${n.summary} — ${n.html}`),
  );
}

/** A control as the audit saw it. */
export interface Control {
  role: string;
  name: string;
  visible: string;
  html: string;
}

/**
 * Every control of the current page with its role, accessible name and visible text; `problems`
 * names those without a role, without a name, or whose name leaves out what they show.
 */
export async function auditControls(
  page: Page,
): Promise<{ controls: Control[]; problems: string[] }> {
  await injectAxe(page);
  return page.evaluate(() => {
    type Axe = {
      setup(node: Element): void;
      teardown(): void;
      commons: {
        text: { accessibleText(el: Element): string };
        aria: { getRole(el: Element): string | null };
      };
    };
    const axe = (window as unknown as { axe: Axe }).axe;
    const INTERACTIVE = new Set([
      'button',
      'link',
      'tab',
      'checkbox',
      'switch',
      'radio',
      'menuitem',
      'menuitemcheckbox',
      'menuitemradio',
      'option',
      'slider',
      'spinbutton',
      'combobox',
      'searchbox',
      'textbox',
      'treeitem',
    ]);
    // What a person types into: its name is its label, its text is its value.
    const FIELDS = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton', 'slider']);
    const viewport = document.querySelector('#viewport:not(#viewport *)');
    const root = viewport?.querySelector(':scope > .mp-page:not([hidden])');
    if (!root) throw new Error('no page is shown');

    // exparser keeps each event's listeners on the node (`empty` once all are removed).
    type WxNode = { __wxEvents?: Record<string, { empty: boolean } | undefined> };
    const tappable = (el: Element) => {
      const events = (el as Element & { __wxElement?: WxNode }).__wxElement?.__wxEvents;
      return !!events && ['tap', 'longpress', 'longtap'].some((k) => events[k] && !events[k].empty);
    };
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) return false;
      return getComputedStyle(el).visibility !== 'hidden' && !el.closest('[hidden]');
    };
    /** The text a sighted person reads on the control (aria-hidden decoration left out). */
    const visibleText = (el: Element) => {
      let text = '';
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement;
        if (!parent || parent.closest('[aria-hidden="true"]')) continue;
        if (getComputedStyle(parent).display === 'none') continue;
        text += ` ${n.textContent ?? ''}`;
      }
      return text.replace(/\s+/g, ' ').trim();
    };
    // Compared without spaces, punctuation and symbols (“拨打热线 12309” ⊂ “拨打热线12309，…”).
    const curate = (s: string) => s.replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();

    const candidates = new Set<Element>();
    for (const el of Array.from(
      root.querySelectorAll('input, textarea, select, button, a[href], [role], [tabindex]'),
    )) {
      candidates.add(el);
    }
    for (const el of Array.from(root.querySelectorAll('*'))) if (tappable(el)) candidates.add(el);

    axe.setup(root);
    try {
      const controls: Control[] = [];
      const problems: string[] = [];
      for (const el of candidates) {
        if (!shown(el)) continue;
        const role = axe.commons.aria.getRole(el) ?? '';
        const native = el.matches('input, textarea, select, button, a[href]');
        if (!INTERACTIVE.has(role) && !native && !tappable(el)) continue; // headings, alerts…
        const name = axe.commons.text.accessibleText(el).replace(/\s+/g, ' ').trim();
        const visible = FIELDS.has(role) ? '' : visibleText(el);
        const html = el.outerHTML.replace(/>[\s\S]*$/, '>').slice(0, 200);
        controls.push({ role, name, visible, html });
        const what = `${role || 'no role'} “${name}” ${html}`;
        if (!INTERACTIVE.has(role))
          problems.push(`${what}: a tap target without an interactive role`);
        if (!name) problems.push(`${what}: no accessible name`);
        else if (visible && !curate(name).includes(curate(visible))) {
          problems.push(`${what}: the name leaves out the visible text “${visible}”`);
        }
      }
      return { controls, problems };
    } finally {
      axe.teardown();
    }
  });
}

/**
 * What breaks when text grows: text cut off by its box (a block whose content is taller or wider
 * than the box, unless it scrolls by design), text overlapping other text, and anything reaching
 * past the screen's width.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const viewport = document.querySelector('#viewport:not(#viewport *)');
    const root = viewport?.querySelector<HTMLElement>(':scope > .mp-page:not([hidden])');
    if (!viewport || !root) throw new Error('no page is shown');
    const problems: string[] = [];
    const describe = (el: Element) => {
      const cls = (el.getAttribute('class') ?? '').replace(/\S*--/g, '.').replace(/\s+/g, '');
      const id = el.id ? `#${el.id}` : '';
      return `${el.tagName.toLowerCase()}${id}${cls}`;
    };
    const snippet = (s: string) => {
      const t = s.replace(/\s+/g, ' ').trim();
      return t.length > 30 ? `${t.slice(0, 30)}…` : t;
    };
    const scrolls = (el: Element) => {
      const s = getComputedStyle(el);
      return /auto|scroll/.test(s.overflowX + s.overflowY);
    };
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      return (box.width > 0 || box.height > 0) && getComputedStyle(el).visibility !== 'hidden';
    };

    // Every piece of text, with the block that holds it (inline elements have no box of their own).
    const texts: { node: Text; block: HTMLElement }[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      if (!n.textContent?.trim() || !n.parentElement || !shown(n.parentElement)) continue;
      let block: HTMLElement | null = n.parentElement;
      while (block && getComputedStyle(block).display.startsWith('inline') && block !== root) {
        if (getComputedStyle(block).display !== 'inline') break; // inline-block, inline-flex have a box
        block = block.parentElement;
      }
      if (block) texts.push({ node: n, block });
    }

    // 1. Text cut off by its own box.
    const blocks = new Set(texts.map((t) => t.block));
    for (const el of Array.from(root.querySelectorAll('input, textarea')))
      blocks.add(el as HTMLElement);
    for (const el of blocks) {
      if (el === root || scrolls(el)) continue;
      const tooWide = el.scrollWidth > el.clientWidth + 1;
      const tooTall = el.scrollHeight > el.clientHeight + 1;
      if (el instanceof HTMLInputElement) {
        // One line of the input's text must fit its height (it scrolls sideways by design).
        const s = getComputedStyle(el);
        const line = parseFloat(s.fontSize) * 1.2;
        if (el.clientHeight + 1 < line) {
          problems.push(
            `cut off: ${describe(el)} is ${el.clientHeight}px tall for ${Math.round(line)}px of text`,
          );
        }
        continue;
      }
      if (tooWide || tooTall) {
        const text = el instanceof HTMLTextAreaElement ? el.value : (el.textContent ?? '');
        problems.push(
          `cut off: ${describe(el)} “${snippet(text)}” needs ${el.scrollWidth}×${el.scrollHeight}px, has ${el.clientWidth}×${el.clientHeight}px`,
        );
      }
    }

    // 2. Text over text: the rectangles the glyphs of each piece of text take.
    const boxes = texts.flatMap(({ node }) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return Array.from(range.getClientRects())
        .filter((r) => r.width > 0.5 && r.height > 0.5)
        .map((r) => ({ r, node }));
    });
    const overlaps = new Set<string>();
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (a.node === b.node) continue;
        const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (x > 1 && y > 1) {
          overlaps.add(
            `overlap: “${snippet(a.node.textContent ?? '')}” (${describe(a.node.parentElement as Element)}) and “${snippet(b.node.textContent ?? '')}” (${describe(b.node.parentElement as Element)})`,
          );
        }
      }
    }
    problems.push(...overlaps);

    // 3. Nothing past the screen's width: the page does not scroll sideways, no box sticks out.
    if (root.scrollWidth > root.clientWidth + 1) {
      problems.push(
        `horizontal scroll: the page is ${root.scrollWidth}px wide in ${root.clientWidth}px`,
      );
    }
    const frame = viewport.getBoundingClientRect();
    const outside = new Set<Element>();
    for (const el of Array.from(root.querySelectorAll('*'))) {
      if (!shown(el) || (el.parentElement && outside.has(el.parentElement))) {
        if (el.parentElement && outside.has(el.parentElement)) outside.add(el);
        continue;
      }
      let inScroller = false;
      for (let p = el.parentElement; p && p !== root; p = p.parentElement) {
        if (scrolls(p)) inScroller = true;
      }
      if (inScroller) continue;
      const r = el.getBoundingClientRect();
      if (r.right > frame.right + 1 || r.left < frame.left - 1) {
        outside.add(el);
        problems.push(
          `past the screen: ${describe(el)} spans ${Math.round(r.left - frame.left)}…${Math.round(r.right - frame.left)}px of ${Math.round(frame.width)}px`,
        );
      }
    }
    return problems;
  });
}
