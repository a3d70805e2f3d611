// WXSS → CSS for the preview, at build time, with what WeChat's own compiler (wcsc) and the page's
// component scoping do:
//
// - `@import "x.wxss"` is inlined (relative to the importing file, or absolute from the root);
// - class selectors get the owner's prefix, `.btn` → `.<prefix>--btn`, because exparser writes every
//   class of a component's shadow tree with its owner's class prefix (j-component, classPrefix);
// - tag selectors of built-in components become their elements, `view` → `wx-view`, and `page` (and
//   `:host` in a component) becomes the page's or component's host element;
// - `rpx` becomes `calc(n * var(--rpx))`, so it follows the phone frame's width (--rpx = width / 750);
// - a font size in an absolute unit (rpx, px, pt, rem, vw…) is multiplied by `var(--font-scale, 1)`,
//   the person's font setting (`?fontScale=1.5`, WeChat's large font), as a WebView's text zoom
//   multiplies every computed font size while other lengths stay: boxes grow only with their text.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';

// postcss and postcss-selector-parser come with miniprogram-ci (a devDependency).
const require = createRequire(import.meta.url);
const postcss = require('postcss');
const selectorParser = require('postcss-selector-parser');

/** The built-in components of WeChat (tags a WXSS tag selector may name). */
export const BUILTIN_TAGS = [
  'view',
  'scroll-view',
  'swiper',
  'swiper-item',
  'movable-area',
  'movable-view',
  'cover-view',
  'cover-image',
  'icon',
  'text',
  'rich-text',
  'progress',
  'button',
  'checkbox',
  'checkbox-group',
  'editor',
  'form',
  'input',
  'label',
  'picker',
  'picker-view',
  'picker-view-column',
  'radio',
  'radio-group',
  'slider',
  'switch',
  'textarea',
  'navigator',
  'functional-page-navigator',
  'audio',
  'image',
  'video',
  'camera',
  'live-player',
  'live-pusher',
  'map',
  'canvas',
  'open-data',
  'web-view',
  'ad',
  'official-account',
  'page-meta',
  'navigation-bar',
  'root-portal',
  'page-container',
  'match-media',
  'grid-view',
  'list-view',
  'sticky-header',
  'sticky-section',
  'share-element',
];
const BUILTIN = new Set(BUILTIN_TAGS);

const RPX = /(-?(?:\d+\.?\d*|\.\d+))rpx\b/gi;

/** `34rpx` → `calc(34 * var(--rpx))`, decimals and negatives included. */
export function rpxToCss(value) {
  return value.replace(RPX, (_all, n) => `calc(${Number(n)} * var(--rpx))`);
}

/** Absolute length units: a font size in one of them does not follow its parent's scaled size. */
const ABSOLUTE_LENGTH = /\d(?:px|pt|pc|cm|mm|in|q|rem|vw|vh|vmin|vmax)\b|var\(--rpx\)/i;

/**
 * A font-size value (rpx already turned into CSS) scaled by the font setting when it is an absolute
 * length: `calc(34 * var(--rpx))` → `calc(calc(34 * var(--rpx)) * var(--font-scale, 1))`. Keywords,
 * `em` and `%` follow the parent, which is scaled already.
 */
export function scaleFontSize(value) {
  const important = /\s*!important\s*$/i.exec(value);
  const v = important ? value.slice(0, important.index) : value;
  if (!ABSOLUTE_LENGTH.test(v) || /var\(--font-scale/.test(v)) return value;
  return `calc(${v.trim()} * var(--font-scale, 1))${important ? ' !important' : ''}`;
}

/** The `font` shorthand's size (the length before an optional `/line-height` and the family). */
function scaleFontShorthand(value) {
  return value.replace(
    /(^|\s)(-?(?:\d+\.?\d*|\.\d+)[a-z]+|calc\(\d+(?:\.\d+)? \* var\(--rpx\)\))(?=\s*\/|\s+[^\s/])/i,
    (all, space, size) => `${space}${scaleFontSize(size)}`,
  );
}

/** A WXSS file with its `@import`s inlined; `seen` stops import cycles. */
export function readWxss(root, file, seen = new Set()) {
  if (!existsSync(file) || seen.has(file)) return '';
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  return text.replace(/@import\s+(?:"([^"]+)"|'([^']+)')\s*;?/g, (_all, a, b) => {
    const target = a || b;
    const path = target.startsWith('/') ? join(root, target) : join(dirname(file), target);
    return `/* ${relative(root, path)} */\n${readWxss(root, path, seen)}`;
  });
}

/**
 * Compiles WXSS for one owner (a page or a component).
 * @param {string} css the WXSS text, imports inlined
 * @param {{ prefix: string, host: string, from?: string }} owner `prefix` for classes, `host` the
 *   owner's element tag (what `page` and `:host` select)
 */
export function compileWxss(css, { prefix, host, from }) {
  const rewrite = selectorParser((selectors) => {
    selectors.walk((node) => {
      if (node.type === 'class') {
        node.value = `${prefix}--${node.value}`;
      } else if (node.type === 'tag') {
        const name = node.value.toLowerCase();
        if (name === 'page') node.value = host;
        else if (BUILTIN.has(name)) node.value = `wx-${name}`;
      } else if (node.type === 'pseudo' && node.value === ':host') {
        node.replaceWith(selectorParser.tag({ value: host }));
      }
    });
  });
  const root = postcss.parse(css, { from });
  root.walkRules((rule) => {
    // Keyframe steps (`from`, `50%`) are not selectors.
    if (rule.parent && rule.parent.type === 'atrule' && /keyframes$/i.test(rule.parent.name)) return;
    rule.selector = rewrite.processSync(rule.selector);
  });
  root.walkDecls((decl) => {
    if (/rpx/i.test(decl.value)) decl.value = rpxToCss(decl.value);
    const prop = decl.prop.toLowerCase();
    if (prop === 'font-size') decl.value = scaleFontSize(decl.value);
    else if (prop === 'font') decl.value = scaleFontShorthand(decl.value);
  });
  return root.toString();
}
