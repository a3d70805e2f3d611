// The few changes j-component needs to render pages as WeChat does, applied while esbuild bundles it.
// Each patch names the exact source text it replaces, and the build fails when that text is gone (a
// j-component upgrade), instead of the preview silently rendering wrong.
import { readFileSync } from 'node:fs';

const PATCHES = {
  // rpx follows the phone frame (PREVIEW.md pitfall 1): `--rpx` is the frame width / 750. Decimals
  // and negatives included. Then inline font sizes follow the font setting (attrs.ts).
  'j-component/src/tool/utils.js': [
    [
      "return style.replace(/(\\d+)rpx/ig, '$1px')",
      "return (window.__previewInlineStyle || String)(style.replace(/(-?(?:\\d+\\.?\\d*|\\.\\d+))rpx\\b/gi, (all, n) => 'calc(' + Number(n) + ' * var(--rpx))'))",
    ],
  ],
  'j-component/src/render/render.js': [
    // Attributes j-component drops (aria-*, hidden, hover-*) go to the runtime's hook first.
    [
      'for (const {name, value} of attrs) {',
      'for (const {name, value} of attrs) {\n    if (window.__previewAttr && window.__previewAttr(exparserNode, name, value)) continue',
    ],
    // A bindinput handler's return value replaces the input's value, as in WeChat.
    ['caller[handler]({', 'evt.__handlerResult = caller[handler]({'],
  ],
  // Element ids reach the DOM, so `#id` WXSS, scroll-into-view and tests can find them.
  'j-component/src/componentmanager.js': [['writeIdToDOM: false,', 'writeIdToDOM: true,']],
};

export function patchesPlugin() {
  return {
    name: 'j-component-patches',
    setup(build) {
      build.onLoad({ filter: /j-component[\\/]src[\\/].*\.js$/ }, (args) => {
        const path = args.path.split('\\').join('/');
        const key = Object.keys(PATCHES).find((k) => path.endsWith(k));
        if (!key) return undefined;
        let text = readFileSync(args.path, 'utf8');
        for (const [from, to] of PATCHES[key]) {
          if (!text.includes(from)) {
            throw new Error(`preview: cannot patch ${key}: "${from}" not found (j-component changed?)`);
          }
          text = text.split(from).join(to);
        }
        return { contents: text, loader: 'js' };
      });
    },
  };
}
