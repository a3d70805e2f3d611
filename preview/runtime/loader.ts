// The mini program's code as WeChat runs it: every file a module (`define`d at start, run on its
// first `require`), the global constructors App / Page / Component / Behavior, and pages and
// components registered with j-component on first use, with their compiled template and scoped CSS.
import { mpConfig, moduleSources, templateOf, type OwnerConfig } from './config';
import { jComponent, type ComponentDefinition } from './engine';

// ---------- modules ----------

interface Module {
  exports: unknown;
  loaded: boolean;
}

const modules = new Map<string, Module>();

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return `../${path}`; // leaves the package: reported by require
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

function dirOf(id: string): string {
  const i = id.lastIndexOf('/');
  return i < 0 ? '' : id.slice(0, i);
}

/** The module id (`utils/api.js`) a require in `from` names, or null when there is none. */
export function resolveModule(from: string, spec: string): string | null {
  const sources = moduleSources();
  let base: string;
  if (spec.startsWith('/')) base = normalize(spec);
  else if (spec.startsWith('.')) base = normalize(`${dirOf(from)}/${spec}`);
  else base = `miniprogram_npm/${spec}`;
  const candidates = [base, `${base}.js`, `${base}/index.js`];
  return candidates.find((c) => c in sources) ?? null;
}

/** WeChat's require: runs the module on first use, then answers its exports. */
export function requireModule(id: string): unknown {
  const cached = modules.get(id);
  if (cached) return cached.exports;
  const source = moduleSources()[id];
  if (source === undefined) throw new Error(`module "${id}" is not defined`);
  const module: Module = { exports: {}, loaded: false };
  modules.set(id, module);
  const localRequire = (spec: string) => {
    const target = resolveModule(id, spec);
    if (!target) {
      throw new Error(
        `module "${spec}" required by ${id} is not defined (outside the mini program?)`,
      );
    }
    return requireModule(target);
  };
  try {
    const factory = new Function('require', 'module', 'exports', source) as (
      r: typeof localRequire,
      m: Module,
      e: unknown,
    ) => void;
    factory.call(module.exports, localRequire, module, module.exports);
  } catch (e) {
    modules.delete(id);
    throw e;
  }
  module.loaded = true;
  return module.exports;
}

// ---------- pages and components ----------

interface Loading {
  id: string;
  path: string;
  kind: 'page' | 'component';
  config: OwnerConfig;
  using: Record<string, string>;
  registered: boolean;
}

let loading: Loading | null = null;
const registered = new Map<string, { path: string; kind: 'page' | 'component' }>();

/** The page or component path behind a registered id (its host tag), e.g. for `<image src>`. */
export function pathOfOwner(id: string | undefined): string | undefined {
  return id ? registered.get(id)?.path : undefined;
}

function injectStyle(tag: string, css: string) {
  if (!css.trim() || document.querySelector(`style[data-owner="${tag}"]`)) return;
  const style = document.createElement('style');
  style.dataset.owner = tag;
  style.textContent = css;
  document.head.appendChild(style);
}

/**
 * Registers a page (`citizen/suggestion-submit/index`) or a component with j-component, running its
 * JS once, and answers its id. The id is its host tag, also its class prefix.
 */
export function registerOwner(kind: 'page' | 'component', path: string): string {
  const mp = mpConfig();
  const config = kind === 'page' ? mp.pages[path] : mp.components[path];
  if (!config) throw new Error(`${kind} ${path} is not in app.json`);
  const id = config.tag;
  if (registered.has(id)) return id;
  const using: Record<string, string> = {};
  for (const [tag, target] of Object.entries(config.using)) {
    using[tag] = registerOwner('component', target);
  }
  const ctx: Loading = { id, path, kind, config, using, registered: false };
  const previous = loading;
  loading = ctx;
  try {
    const js = resolveModule('', `/${path}`);
    if (!js) throw new Error(`${path}.js (or .ts) is missing`);
    requireModule(js);
  } finally {
    loading = previous;
  }
  if (!ctx.registered) {
    throw new Error(
      `${path}: its JS did not call ${kind === 'page' ? 'Page() or ' : ''}Component()`,
    );
  }
  injectStyle(config.tag, config.css);
  registered.set(id, { path, kind });
  return id;
}

// ---------- the global constructors ----------

type Options = Record<string, unknown>;

function Component(options: Options = {}) {
  const ctx = loading;
  if (!ctx) {
    throw new Error('Component() must be called by a page or component JS file as it loads');
  }
  if (ctx.registered) throw new Error(`${ctx.path}: Component() called twice`);
  const definition: ComponentDefinition = {
    ...options,
    id: ctx.id,
    path: `/${ctx.path}`,
    template: templateOf(ctx.path),
    usingComponents: ctx.using,
    tagName: ctx.id,
    options: { ...((options.options as Options) ?? {}), classPrefix: ctx.id },
  };
  jComponent.register(definition);
  ctx.registered = true;
}

/** Page(): a page as a Component whose methods are the page's functions (PREVIEW.md pitfall 8). */
function Page(options: Options = {}) {
  const methods: Options = {};
  const fields: Options = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === 'data' || key === 'behaviors' || key === 'options') continue;
    if (typeof value === 'function') methods[key] = value;
    else fields[key] = value;
  }
  Component({
    data: options.data ?? {},
    behaviors: options.behaviors ?? [],
    methods,
    lifetimes: {
      created(this: Options) {
        for (const [key, value] of Object.entries(fields)) {
          this[key] = JSON.parse(JSON.stringify(value ?? null));
        }
      },
    },
  });
}

function Behavior(definition: Options) {
  return jComponent.behavior(definition);
}

let app: Options | undefined;

function App(options: Options = {}) {
  if (app) throw new Error('App() can only be called once');
  app = options;
}

function getApp(opts?: { allowDefault?: boolean }): Options | undefined {
  if (!app && opts?.allowDefault) app = {};
  return app;
}

/** Installs App, Page, Component, Behavior, getApp (getCurrentPages comes from the router). */
export function installGlobals(getCurrentPages: () => unknown[]) {
  Object.assign(window as unknown as Options, {
    Component,
    Page,
    Behavior,
    App,
    getApp,
    getCurrentPages,
    requirePlugin: (name: string) => {
      throw new Error(`plugins are not available in the preview (requirePlugin("${name}"))`);
    },
  });
}

/** Runs app.js, as WeChat does at launch; answers the App() options (the app instance). */
export function launchApp(): Options {
  const js = resolveModule('', '/app');
  if (js) requireModule(js);
  if (!app) app = {};
  return app;
}
