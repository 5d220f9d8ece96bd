/**
 * A small hand-written stand-in for the `obsidian` module at test time (the real package has no
 * runtime code). It grows only when a test needs something. Types still come from obsidian.d.ts.
 */

/** Options accepted by Obsidian's `createEl` family. */
export interface DomElementInfo {
  cls?: string | string[];
  text?: string;
  attr?: Record<string, string | number | boolean | null>;
  title?: string;
  href?: string;
  type?: string;
  value?: string;
  placeholder?: string;
  parent?: Node;
  prepend?: boolean;
}

function applyInfo(el: HTMLElement, info?: DomElementInfo | string): void {
  if (info === undefined) return;
  if (typeof info === 'string') { el.className = info; return; }
  if (info.cls) el.className = Array.isArray(info.cls) ? info.cls.join(' ') : info.cls;
  if (info.text !== undefined) el.textContent = info.text;
  if (info.title !== undefined) el.title = info.title;
  if (info.href !== undefined) el.setAttribute('href', info.href);
  if (info.type !== undefined) el.setAttribute('type', info.type);
  if (info.value !== undefined) (el as HTMLInputElement).value = info.value;
  if (info.placeholder !== undefined) el.setAttribute('placeholder', info.placeholder);
  for (const [k, v] of Object.entries(info.attr ?? {})) {
    if (v === null || v === false) el.removeAttribute(k); else el.setAttribute(k, String(v));
  }
}

function createElIn<K extends keyof HTMLElementTagNameMap>(parent: Node | null, tag: K, info?: DomElementInfo | string, callback?: (el: HTMLElementTagNameMap[K]) => void): HTMLElementTagNameMap[K] {
  const doc = parent?.ownerDocument ?? document;
  const el = doc.createElement(tag);
  applyInfo(el, info);
  const target = (typeof info === 'object' && info.parent) || parent;
  if (target) {
    if (typeof info === 'object' && info.prepend) target.insertBefore(el, target.firstChild); else target.appendChild(el);
  }
  callback?.(el);
  return el;
}

type Helpers = {
  createEl: typeof createElIn extends (p: Node | null, ...rest: infer R) => infer T ? (...rest: R) => T : never;
};

// Obsidian augments Node/HTMLElement prototypes; do the same once.
const proto = (typeof HTMLElement !== 'undefined' ? HTMLElement.prototype : undefined) as unknown as Record<string, unknown> | undefined;
if (proto && !('createEl' in proto)) {
  const nodeProto = Node.prototype as unknown as Record<string, unknown>;
  nodeProto.createEl = function (this: Node, tag: keyof HTMLElementTagNameMap, info?: DomElementInfo | string, cb?: (el: HTMLElement) => void) { return createElIn(this, tag, info, cb); };
  nodeProto.createDiv = function (this: Node, info?: DomElementInfo | string, cb?: (el: HTMLElement) => void) { return createElIn(this, 'div', info, cb); };
  nodeProto.createSpan = function (this: Node, info?: DomElementInfo | string, cb?: (el: HTMLElement) => void) { return createElIn(this, 'span', info, cb); };
  nodeProto.empty = function (this: Node) { while (this.firstChild) this.removeChild(this.firstChild); };
  nodeProto.setText = function (this: Node, text: string) { this.textContent = text; };
  proto.addClass = function (this: HTMLElement, ...cls: string[]) { this.classList.add(...cls); };
  proto.removeClass = function (this: HTMLElement, ...cls: string[]) { this.classList.remove(...cls); };
  proto.toggleClass = function (this: HTMLElement, cls: string | string[], value: boolean) { for (const c of Array.isArray(cls) ? cls : [cls]) this.classList.toggle(c, value); };
  proto.hasClass = function (this: HTMLElement, cls: string) { return this.classList.contains(cls); };
  proto.setAttr = function (this: HTMLElement, k: string, v: string | number | boolean | null) { if (v === null) this.removeAttribute(k); else this.setAttribute(k, String(v)); };
  proto.setAttrs = function (this: HTMLElement, o: Record<string, string | number | boolean | null>) { for (const [k, v] of Object.entries(o)) (this as unknown as { setAttr(k: string, v: unknown): void }).setAttr(k, v); };
  proto.show = function (this: HTMLElement) { this.hidden = false; };
  proto.hide = function (this: HTMLElement) { this.hidden = true; };
  (globalThis as unknown as Record<string, unknown>).createEl = (tag: keyof HTMLElementTagNameMap, info?: DomElementInfo | string, cb?: (el: HTMLElement) => void) => createElIn(null, tag, info, cb);
  (globalThis as unknown as Record<string, unknown>).createDiv = (info?: DomElementInfo | string, cb?: (el: HTMLElement) => void) => createElIn(null, 'div', info, cb);
  (globalThis as unknown as Record<string, unknown>).createSpan = (info?: DomElementInfo | string, cb?: (el: HTMLElement) => void) => createElIn(null, 'span', info, cb);
  (globalThis as unknown as Record<string, unknown>).activeDocument = document;
}

export type { Helpers };

/** Obsidian's `Component`: owns child components and cleanup callbacks. */
export class Component {
  private children: Component[] = [];
  private cleanups: (() => void)[] = [];
  private loaded = false;
  load(): void { if (this.loaded) return; this.loaded = true; this.onload(); for (const c of this.children) c.load(); }
  onload(): void { /* overridden */ }
  unload(): void {
    if (!this.loaded) return;
    this.loaded = false;
    for (const c of this.children.splice(0)) c.unload();
    for (const fn of this.cleanups.splice(0).reverse()) fn();
    this.onunload();
  }
  onunload(): void { /* overridden */ }
  addChild<T extends Component>(c: T): T { this.children.push(c); if (this.loaded) c.load(); return c; }
  removeChild<T extends Component>(c: T): T { this.children = this.children.filter((x) => x !== c); c.unload(); return c; }
  register(cb: () => void): void { this.cleanups.push(cb); }
  registerEvent(ref: { detach?: () => void }): void { this.cleanups.push(() => ref.detach?.()); }
  registerDomEvent(el: EventTarget, type: string, cb: EventListener, options?: boolean | AddEventListenerOptions): void {
    el.addEventListener(type, cb, options);
    this.cleanups.push(() => el.removeEventListener(type, cb, options));
  }
  registerInterval(id: number): number { this.cleanups.push(() => window.clearInterval(id)); return id; }
}

/** Obsidian's `Events`: named callbacks with detachable references. */
export class Events {
  private handlers = new Map<string, Set<(...args: unknown[]) => unknown>>();
  on(name: string, cb: (...args: unknown[]) => unknown): { detach: () => void } {
    let set = this.handlers.get(name);
    if (!set) { set = new Set(); this.handlers.set(name, set); }
    set.add(cb);
    return { detach: () => set.delete(cb) };
  }
  off(name: string, cb: (...args: unknown[]) => unknown): void { this.handlers.get(name)?.delete(cb); }
  trigger(name: string, ...args: unknown[]): void { for (const cb of [...(this.handlers.get(name) ?? [])]) cb(...args); }
}

/** `Notice`: records every message shown, for assertions. */
export class Notice {
  static shown: string[] = [];
  message: string;
  constructor(message: string | DocumentFragment, _timeout?: number) {
    this.message = typeof message === 'string' ? message : message.textContent ?? '';
    Notice.shown.push(this.message);
  }
  setMessage(message: string | DocumentFragment): this { this.message = typeof message === 'string' ? message : message.textContent ?? ''; Notice.shown.push(this.message); return this; }
  hide(): void { /* nothing to hide in tests */ }
}

/** `setIcon`: marks the element with the icon id so tests can see it. */
export function setIcon(el: HTMLElement, icon: string): void { el.setAttribute('data-icon', icon); }

/** The platform flags the plugin reads. */
export const Platform = { isDesktop: true, isMobile: false, isDesktopApp: true, isMobileApp: false };
