/**
 * Obsidian's additions to the DOM prototypes (`createEl`, `createDiv`, `createSpan`, `empty`,
 * `setText`, `addClass`, `toggleClass`, `setAttr`, …) and the globals `createEl`/`activeDocument`/
 * `activeWindow`, installed once when the shim loads, exactly as the app does before any plugin.
 */

/** Options of the `createEl` family (Obsidian's `DomElementInfo`). */
export interface DomElementInfo {
  cls?: string | string[];
  text?: string | DocumentFragment;
  attr?: Record<string, string | number | boolean | null>;
  title?: string;
  href?: string;
  type?: string;
  value?: string;
  placeholder?: string;
  parent?: Node;
  prepend?: boolean;
}

type Attr = string | number | boolean | null;

function applyInfo(el: HTMLElement, info: DomElementInfo | string | undefined): void {
  if (info === undefined) return;
  if (typeof info === 'string') {
    el.className = info;
    return;
  }
  if (info.cls) el.className = (Array.isArray(info.cls) ? info.cls : [info.cls]).filter((c) => c !== '').join(' ');
  if (info.text !== undefined) {
    if (typeof info.text === 'string') el.textContent = info.text;
    else el.appendChild(info.text);
  }
  if (info.title !== undefined) el.title = info.title;
  if (info.href !== undefined) el.setAttribute('href', info.href);
  if (info.type !== undefined) el.setAttribute('type', info.type);
  if (info.value !== undefined) (el as HTMLInputElement).value = info.value;
  if (info.placeholder !== undefined) el.setAttribute('placeholder', info.placeholder);
  for (const [name, value] of Object.entries(info.attr ?? {})) setAttribute(el, name, value);
}

function setAttribute(el: Element, name: string, value: Attr): void {
  if (value === null || value === false) el.removeAttribute(name);
  else el.setAttribute(name, value === true ? '' : String(value));
}

/** Creates `tag` with `info` inside `parent` (or detached), then runs `callback`. */
export function createElIn<K extends keyof HTMLElementTagNameMap>(
  parent: Node | null,
  tag: K,
  info?: DomElementInfo | string,
  callback?: (el: HTMLElementTagNameMap[K]) => void,
): HTMLElementTagNameMap[K] {
  const doc = parent?.ownerDocument ?? document;
  const el = doc.createElement(tag);
  applyInfo(el, info);
  const target = (typeof info === 'object' ? info.parent : undefined) ?? parent;
  if (target) {
    if (typeof info === 'object' && info.prepend) target.insertBefore(el, target.firstChild);
    else target.appendChild(el);
  }
  callback?.(el);
  return el;
}

/** Installs the helpers; a second call does nothing. */
export function installDomHelpers(): void {
  const nodeProto = Node.prototype as unknown as Record<string, unknown>;
  if ('createEl' in nodeProto) return;
  const elProto = HTMLElement.prototype as unknown as Record<string, unknown>;
  nodeProto.createEl = function createEl(this: Node, tag: keyof HTMLElementTagNameMap, info?: DomElementInfo | string, cb?: (el: HTMLElement) => void) {
    return createElIn(this, tag, info, cb);
  };
  nodeProto.createDiv = function createDiv(this: Node, info?: DomElementInfo | string, cb?: (el: HTMLElement) => void) {
    return createElIn(this, 'div', info, cb);
  };
  nodeProto.createSpan = function createSpan(this: Node, info?: DomElementInfo | string, cb?: (el: HTMLElement) => void) {
    return createElIn(this, 'span', info, cb);
  };
  nodeProto.empty = function empty(this: Node) {
    while (this.firstChild) this.removeChild(this.firstChild);
  };
  nodeProto.setText = function setText(this: Node, text: string | DocumentFragment) {
    if (typeof text === 'string') this.textContent = text;
    else {
      while (this.firstChild) this.removeChild(this.firstChild);
      this.appendChild(text);
    }
  };
  nodeProto.appendText = function appendText(this: Node, text: string) {
    this.appendChild((this.ownerDocument ?? document).createTextNode(text));
  };
  nodeProto.detach = function detach(this: ChildNode) { this.remove(); };
  elProto.addClass = function addClass(this: HTMLElement, ...cls: string[]) { this.classList.add(...cls); };
  elProto.addClasses = function addClasses(this: HTMLElement, cls: string[]) { this.classList.add(...cls); };
  elProto.removeClass = function removeClass(this: HTMLElement, ...cls: string[]) { this.classList.remove(...cls); };
  elProto.toggleClass = function toggleClass(this: HTMLElement, cls: string | string[], value: boolean) {
    for (const c of Array.isArray(cls) ? cls : [cls]) this.classList.toggle(c, value);
  };
  elProto.hasClass = function hasClass(this: HTMLElement, cls: string) { return this.classList.contains(cls); };
  elProto.setAttr = function setAttr(this: HTMLElement, name: string, value: Attr) { setAttribute(this, name, value); };
  elProto.setAttrs = function setAttrs(this: HTMLElement, attrs: Record<string, Attr>) {
    for (const [name, value] of Object.entries(attrs)) setAttribute(this, name, value);
  };
  elProto.getText = function getText(this: HTMLElement) { return this.textContent ?? ''; };
  elProto.show = function show(this: HTMLElement) { this.hidden = false; };
  elProto.hide = function hide(this: HTMLElement) { this.hidden = true; };
  elProto.toggle = function toggle(this: HTMLElement, show: boolean) { this.hidden = !show; };
  elProto.isShown = function isShown(this: HTMLElement) { return !this.hidden; };
  const globals = globalThis as unknown as Record<string, unknown>;
  globals.createEl = (tag: keyof HTMLElementTagNameMap, info?: DomElementInfo | string, cb?: (el: HTMLElement) => void) => createElIn(null, tag, info, cb);
  globals.createDiv = (info?: DomElementInfo | string, cb?: (el: HTMLElement) => void) => createElIn(null, 'div', info, cb);
  globals.createSpan = (info?: DomElementInfo | string, cb?: (el: HTMLElement) => void) => createElIn(null, 'span', info, cb);
  globals.createFragment = (cb?: (el: DocumentFragment) => void) => {
    const fragment = document.createDocumentFragment();
    cb?.(fragment);
    return fragment;
  };
  globals.activeDocument = document;
  globals.activeWindow = window;
}

// Outside a page (the node tests import the jest stand-in, which imports this) there is no DOM.
if (typeof Node !== 'undefined') installDomHelpers();
