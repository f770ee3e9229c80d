/**
 * Building the page's DOM safely: text always goes in as text (textContent / text nodes), never
 * as markup, so whatever a cell, a case or an email holds is shown and never run.
 */
export type Child = Node | string | number | null | undefined | false;

export interface Props {
  className?: string;
  testid?: string;
  /** data-* attributes (without the prefix), e.g. { a1: 'B2' } → data-a1="B2". */
  data?: Record<string, string | number>;
  /** Other attributes, set as attributes (never event handlers: use `on`). */
  attrs?: Record<string, string | number | boolean | null | undefined>;
  title?: string;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.className) el.className = props.className;
  if (props.testid) el.dataset.testid = props.testid;
  if (props.title) el.title = props.title;
  for (const [key, value] of Object.entries(props.data ?? {})) el.dataset[key] = String(value);
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (/^on/i.test(name)) throw new Error(`h(): use props.on for ${name}`);
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [type, listener] of Object.entries(props.on ?? {})) {
    el.addEventListener(type, listener as EventListener);
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? text(String(child)) : child);
  }
}

export function text(value: string): Text {
  return document.createTextNode(value);
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export function byTestId<T extends HTMLElement = HTMLElement>(root: ParentNode, id: string): T {
  const el = root.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`missing element ${id}`);
  return el;
}
