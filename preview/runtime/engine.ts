// The rendering engine: j-component over exparser (what miniprogram-simulate runs on), typed by hand
// for the parts the preview uses. j-component's own typings pull in an older miniprogram-api-typings
// whose globals clash with the project's, so both are required untyped and described here.

/** An exparser node: element, component, virtual node (block, wx:if) or text. */
export interface ExNode {
  readonly $$: HTMLElement | undefined;
  readonly is?: string;
  id: string;
  dataset: Record<string, unknown>;
  readonly parentNode: ExNode | null;
  readonly childNodes: ExNode[];
  readonly shadowRoot?: ExNode;
  readonly ownerShadowRoot?: ExNode | null;
  readonly __wxHost?: ExNode;
  readonly __virtual?: boolean;
  readonly __componentOptions?: { classPrefix?: string };
  readonly __attached?: boolean;
  triggerLifeTime(name: string, args?: unknown[]): void;
  triggerPageLifeTime(name: string, args?: unknown[]): void;
  querySelector(selector: string): ExNode | null;
  querySelectorAll(selector: string): ExNode[];
  // What the preview keeps on nodes.
  __hoverClass?: string;
  __hoverStop?: boolean;
  __hoverStart?: number;
  __hoverStay?: number;
  /** Where aria-* attributes go instead of the host (a built-in's native control). */
  __ariaTarget?: HTMLElement;
  /** Called after an aria-* attribute changed, for built-ins that mirror it. */
  __onAria?: (name: string, value: string | null) => void;
}

export interface ExEvent {
  type: string;
  detail: unknown;
  __handlerResult?: unknown;
}

export interface Exparser {
  Element: {
    getMethodCaller(node: ExNode): Record<string, unknown> | undefined;
    pretendAttached(node: ExNode): void;
    pretendDetached(node: ExNode): void;
  };
  Component: {
    hasPublicProperty(node: ExNode, name: string): boolean;
    getDataProxy(node: ExNode): {
      scheduleReplace(path: (string | number)[], value: unknown): void;
      doUpdates(force?: boolean): void;
    };
  };
  Event: {
    create(
      name: string,
      detail: unknown,
      options: { bubbles?: boolean; composed?: boolean; capturePhase?: boolean },
    ): ExEvent;
    dispatchEvent(target: ExNode | EventTarget, event: ExEvent): void;
  };
  TextNode: new (...args: unknown[]) => ExNode;
  VirtualNode: new (...args: unknown[]) => ExNode;
}

/** A rendered root component (a page), as j-component's create() returns it. */
export interface RootComponent {
  readonly dom: HTMLElement;
  readonly instance: PageInstance;
  readonly _exparserNode: ExNode;
  parentNode: HTMLElement | null;
}

/** The `this` of a page or component: data, setData and whatever its definition adds. */
export interface PageInstance {
  data: Record<string, unknown>;
  setData(data: Record<string, unknown>, callback?: () => void): void;
  route?: string;
  options?: Record<string, string>;
  __wxWebviewId__?: number;
  _exparserNode: ExNode;
  selectComponent(selector: string): unknown;
  createSelectorQuery(): unknown;
  [key: string]: unknown;
}

export interface ComponentDefinition {
  id?: string;
  path?: string;
  tagName?: string;
  template?: string | ((data: unknown) => unknown);
  usingComponents?: Record<string, string>;
  options?: Record<string, unknown>;
  properties?: Record<string, unknown>;
  data?: Record<string, unknown>;
  methods?: Record<string, unknown>;
  behaviors?: unknown[];
  lifetimes?: Record<string, unknown>;
  pageLifetimes?: Record<string, unknown>;
  observers?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface JComponent {
  register(definition: ComponentDefinition): string;
  behavior(definition: Record<string, unknown>): string;
  create(id: string, properties?: Record<string, unknown>): RootComponent | undefined;
}

export const exparser: Exparser = require('miniprogram-exparser');
export const jComponent: JComponent = require('j-component');

/** The method caller (`this` of handlers) of a node, or undefined for plain elements. */
export function callerOf(node: ExNode): Record<string, unknown> | undefined {
  return exparser.Element.getMethodCaller(node);
}

/** The component whose template a node belongs to (its owner), or null at a root. */
export function ownerOf(node: ExNode): ExNode | null {
  return node.ownerShadowRoot?.__wxHost ?? null;
}

/** The class prefix of a node's owner: the page or component tag its template classes carry. */
export function ownerPrefix(node: ExNode): string {
  return ownerOf(node)?.__componentOptions?.classPrefix ?? '';
}

/** The exparser node a DOM element belongs to, walking up the DOM. */
export function nodeOfDom(el: Node | null): ExNode | null {
  for (let n: Node | null = el; n; n = n.parentNode) {
    const wx = (n as Node & { __wxElement?: ExNode }).__wxElement;
    if (wx) return wx;
  }
  return null;
}

/** Every node below `node` (composed tree: light children, then shadow trees), depth first. */
export function walkTree(node: ExNode, visit: (n: ExNode) => void) {
  visit(node);
  if (node.shadowRoot) walkTree(node.shadowRoot, visit);
  for (const child of node.childNodes ?? []) {
    if (child instanceof exparser.TextNode) continue;
    walkTree(child, visit);
  }
}
