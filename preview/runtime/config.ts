// What the build emits about the mini program (build/preview/mp/*.js), as the runtime reads it.

export interface WindowConfig {
  navigationBarTitleText?: string;
  navigationBarBackgroundColor?: string;
  navigationBarTextStyle?: 'white' | 'black';
  navigationStyle?: 'default' | 'custom';
  backgroundColor?: string;
  backgroundTextStyle?: 'dark' | 'light';
  enablePullDownRefresh?: boolean;
  onReachBottomDistance?: number;
}

export interface TabBarItem {
  pagePath: string;
  text: string;
  iconPath?: string;
  selectedIconPath?: string;
}

export interface AppJson {
  pages?: string[];
  window?: WindowConfig;
  tabBar?: {
    color?: string;
    selectedColor?: string;
    backgroundColor?: string;
    borderStyle?: 'black' | 'white';
    list: TabBarItem[];
  };
  entryPagePath?: string;
  [key: string]: unknown;
}

export interface OwnerConfig {
  json: WindowConfig & { usingComponents?: Record<string, string>; component?: boolean };
  /** The host element tag, also the class prefix of its template. */
  tag: string;
  css: string;
  /** usingComponents resolved: tag → component path (no extension). */
  using: Record<string, string>;
}

export interface TemplateInfo {
  key: string;
  title: string;
  fields: Record<string, string>;
}

export interface PrivacyGuide {
  name?: string;
  summary?: string;
  sections?: { title: string; text: string }[];
  updated?: string;
}

export interface MpConfig {
  app: AppJson;
  appName: string;
  pages: Record<string, OwnerConfig>;
  components: Record<string, OwnerConfig>;
  templates: Record<string, TemplateInfo>;
  privacy: PrivacyGuide;
}

type GenerateFunction = (data: unknown) => unknown;

interface BuiltWindow {
  __MP__?: MpConfig;
  __MP_GWX__?: (path: string) => GenerateFunction;
  __MP_MODULES__?: Record<string, string>;
}

const built = window as unknown as BuiltWindow;

export function mpConfig(): MpConfig {
  if (!built.__MP__) throw new Error('mp/app-config.js did not load');
  return built.__MP__;
}

/** The compiled template of `path.wxml` (a generate function), from wcc's $gwx. */
export function templateOf(path: string): GenerateFunction {
  const gwx = built.__MP_GWX__;
  if (!gwx) throw new Error('mp/wxml.js did not load');
  const fn = gwx(`./${path}.wxml`);
  if (typeof fn !== 'function') throw new Error(`no compiled template for ${path}.wxml`);
  return fn;
}

export function moduleSources(): Record<string, string> {
  return built.__MP_MODULES__ ?? {};
}
