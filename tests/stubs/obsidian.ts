/**
 * A small hand-written stand-in for the `obsidian` module at test time (the real package has no
 * runtime code). It grows only when a test needs something. Types still come from obsidian.d.ts.
 * What it shares with the sandbox's browser stand-in (demo/obsidian-shim) it imports from there.
 */

// The DOM helpers Obsidian adds to every element (createEl, createDiv, setText, addClass, …) and
// the globals activeDocument/activeWindow: one implementation, the sandbox's (demo/obsidian-shim),
// so the two stand-ins cannot drift apart there. The node (integration) tests have no DOM.
import { installDomHelpers, type DomElementInfo } from '../../demo/obsidian-shim/dom';

if (typeof HTMLElement !== 'undefined') installDomHelpers();

export type { DomElementInfo };

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
  /** Test helper: how many callbacks are attached (to `name`, or in all). */
  listenerCount(name?: string): number { return name === undefined ? [...this.handlers.values()].reduce((n, set) => n + set.size, 0) : this.handlers.get(name)?.size ?? 0; }
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

// --- Editor (added by the editor helper) ---
import { StateField } from '@codemirror/state';

/**
 * Obsidian's live-preview flag (true = live preview, false = source mode). Tests pick the mode
 * with `editorLivePreviewField.init(() => false)`.
 */
export const editorLivePreviewField = StateField.define<boolean>({ create: () => true, update: (value) => value });

/** One item of a `Menu`: the fluent setters Obsidian has, rendered as a `.menu-item` element. */
export class MenuItem {
  title = '';
  icon: string | null = null;
  checked: boolean | null = null;
  disabled = false;
  section = '';
  callback: ((evt: MouseEvent | KeyboardEvent) => unknown) | null = null;
  setTitle(title: string | DocumentFragment): this { this.title = typeof title === 'string' ? title : title.textContent ?? ''; return this; }
  setIcon(icon: string | null): this { this.icon = icon; return this; }
  setChecked(checked: boolean | null): this { this.checked = checked; return this; }
  setDisabled(disabled: boolean): this { this.disabled = disabled; return this; }
  setWarning(_isWarning: boolean): this { return this; }
  setIsLabel(_isLabel: boolean): this { return this; }
  setSection(section: string): this { this.section = section; return this; }
  onClick(callback: (evt: MouseEvent | KeyboardEvent) => unknown): this { this.callback = callback; return this; }
}

/**
 * Obsidian's `Menu`, rendered as a plain `div.menu` of `div.menu-item`s in the document (so jsdom
 * and browser tests click items like a user); clicking an item runs its callback and closes it.
 */
export class Menu extends Component {
  items: MenuItem[] = [];
  dom: HTMLElement | null = null;
  private hideCallbacks: (() => unknown)[] = [];
  addItem(cb: (item: MenuItem) => unknown): this { const item = new MenuItem(); cb(item); this.items.push(item); return this; }
  addSeparator(): this { return this; }
  setNoIcon(): this { return this; }
  setUseNativeMenu(_native: boolean): this { return this; }
  showAtMouseEvent(evt: MouseEvent): this { return this.showAtPosition({ x: evt.clientX, y: evt.clientY }); }
  showAtPosition(position: { x: number; y: number }, doc: Document = document): this {
    this.hide();
    const dom = doc.body.createDiv({ cls: 'menu', attr: { 'data-x': position.x, 'data-y': position.y } });
    dom.style.setProperty('left', `${position.x}px`);
    dom.style.setProperty('top', `${position.y}px`);
    for (const item of this.items) {
      const el = dom.createDiv({ cls: 'menu-item', attr: { 'data-checked': item.checked ? 'true' : null } });
      el.createDiv({ cls: 'menu-item-title', text: item.title });
      el.addEventListener('click', (event) => { this.hide(); item.callback?.(event); });
    }
    this.dom = dom;
    return this;
  }
  hide(): this {
    if (this.dom) { this.dom.remove(); this.dom = null; for (const cb of this.hideCallbacks) cb(); }
    return this;
  }
  close(): void { this.hide(); }
  onHide(callback: () => unknown): void { this.hideCallbacks.push(callback); }
}

// ---- Plugin-helper additions: workspace, views, modals, settings (minimal, behaviour as documented) ----

// Obsidian's path rule, the sandbox's implementation.
export { normalizePath } from '../../demo/obsidian-shim/vault';
import { MemoryAdapter } from '../../demo/obsidian-shim/vault';

/** Vault entries: a path, a name and a parent folder. */
export abstract class TAbstractFile {
  path: string;
  name: string;
  parent: TFolder | null = null;
  constructor(path: string) { this.path = path; this.name = path.split('/').pop() ?? path; }
}

/** A folder of the vault. */
export class TFolder extends TAbstractFile {
  children: TAbstractFile[] = [];
  isRoot(): boolean { return this.path === '/' || this.path === ''; }
}

/** A file of the vault; `new TFile('dir/Note.md')` fills basename, extension and parent. */
export class TFile extends TAbstractFile {
  basename: string;
  extension: string;
  stat = { ctime: 0, mtime: 0, size: 0 };
  constructor(path: string) {
    super(path);
    const dot = this.name.lastIndexOf('.');
    this.basename = dot > 0 ? this.name.slice(0, dot) : this.name;
    this.extension = dot > 0 ? this.name.slice(dot + 1) : '';
    const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '/';
    this.parent = new TFolder(folder);
  }
}

/** A leaf holds one view. */
export class WorkspaceLeaf extends Events {
  view: View | null = null;
  async openFile(_file: TFile, _state?: unknown): Promise<void> { /* nothing to open in tests */ }
}

/** Base of every view: a container with a header and a content element. */
export abstract class View extends Component {
  app: App;
  leaf: WorkspaceLeaf;
  containerEl: HTMLElement;
  icon = '';
  navigation = false;
  constructor(leaf: WorkspaceLeaf) {
    super();
    this.leaf = leaf;
    this.app = (leaf as unknown as { app?: App }).app ?? new App();
    this.containerEl = document.createElement('div');
    this.containerEl.addClass('workspace-leaf-content');
  }
  abstract getViewType(): string;
  abstract getDisplayText(): string;
  getIcon(): string { return this.icon; }
  protected async onOpen(): Promise<void> { /* overridden */ }
  protected async onClose(): Promise<void> { /* overridden */ }
  /** Test helper mirroring what the workspace does when it shows a view. */
  async open(): Promise<void> { this.load(); await this.onOpen(); }
  /** Test helper mirroring what the workspace does when it closes a view. */
  async close(): Promise<void> { await this.onClose(); this.unload(); }
}

/** A view with header actions and a content element. */
export abstract class ItemView extends View {
  contentEl: HTMLElement;
  /** Header actions added with `addAction`, for assertions. */
  actions: { icon: string; title: string; el: HTMLElement }[] = [];
  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
    this.containerEl.createDiv({ cls: 'view-header' });
    this.contentEl = this.containerEl.createDiv({ cls: 'view-content' });
  }
  addAction(icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
    const el = this.containerEl.createEl('a', { cls: 'view-action', attr: { 'aria-label': title, 'data-icon': icon } });
    el.addEventListener('click', (evt) => { callback(evt); });
    this.actions.push({ icon, title, el });
    return el;
  }
}

/** A view showing one file. */
export abstract class FileView extends ItemView {
  file: TFile | null = null;
  allowNoFile = false;
}

/** A markdown editor view with a minimal `editor`. */
export class MarkdownView extends FileView {
  editor = {
    value: '',
    cursor: { line: 0, ch: 0 },
    getValue(): string { return this.value; },
    getCursor(): { line: number; ch: number } { return this.cursor; },
    setCursor(pos: { line: number; ch: number }): void { this.cursor = pos; },
    scrollIntoView(): void { /* no layout in jsdom */ },
  };
  mode: 'source' | 'preview' = 'source';
  previewMode = { rerenders: 0, rerender(): void { this.rerenders += 1; } };
  /** Every ephemeral state set (`{ line }` scrolls to a line in either mode), for assertions. */
  ephemeralStates: unknown[] = [];
  setEphemeralState(state: unknown): void { this.ephemeralStates.push(state); }
  getEphemeralState(): Record<string, unknown> { return {}; }
  getMode(): 'source' | 'preview' { return this.mode; }
  getViewType(): string { return 'markdown'; }
  getDisplayText(): string { return this.file?.basename ?? ''; }
}

/** The workspace: leaves, the active leaf and the few calls the plugin makes. */
export class Workspace extends Events {
  leaves: WorkspaceLeaf[] = [];
  activeLeaf: WorkspaceLeaf | null = null;
  getActiveViewOfType<T>(type: abstract new (...args: never[]) => T): T | null {
    const view = this.activeLeaf?.view;
    return view instanceof type ? view : null;
  }
  getLeavesOfType(type: string): WorkspaceLeaf[] { return this.leaves.filter((l) => l.view?.getViewType() === type); }
  getLeaf(): WorkspaceLeaf { const leaf = new WorkspaceLeaf(); this.leaves.push(leaf); return leaf; }
  setActiveLeaf(leaf: WorkspaceLeaf): void { this.activeLeaf = leaf; }
  async revealLeaf(_leaf: WorkspaceLeaf): Promise<void> { /* nothing to reveal */ }
  async ensureSideLeaf(): Promise<WorkspaceLeaf> { return this.getLeaf(); }
  onLayoutReady(callback: () => void): void { callback(); }
  updateOptions(): void { /* no editors in tests */ }
}

/** Secret storage: an in-memory map of id → secret. */
export class SecretStorage extends Events {
  private secrets = new Map<string, string>();
  setSecret(id: string, secret: string): void {
    if (!/^[a-z0-9-]+$/.test(id)) throw new Error('Invalid secret id');
    this.secrets.set(id, secret);
  }
  getSecret(id: string): string | null { return this.secrets.get(id) ?? null; }
  listSecrets(): string[] { return [...this.secrets.keys()]; }
}

/** An in-memory vault: files by path with their text. */
export class Vault extends Events {
  files = new Map<string, { file: TFile; text: string }>();
  /** Files outside the index (the sync record under `.spectryn/`). */
  adapter = new MemoryAdapter();
  getFileByPath(path: string): TFile | null { return this.files.get(path)?.file ?? null; }
  async create(path: string, data: string): Promise<TFile> {
    if (this.files.has(path)) throw new Error('File already exists.');
    const file = new TFile(path);
    this.files.set(path, { file, text: data });
    return file;
  }
  async modify(file: TFile, data: string): Promise<void> { this.files.set(file.path, { file, text: data }); }
  async read(file: TFile): Promise<string> { return this.files.get(file.path)?.text ?? ''; }
  async cachedRead(file: TFile): Promise<string> { return this.read(file); }
}

/** The app: workspace, vault, secret storage. */
export class App {
  workspace = new Workspace();
  vault = new Vault();
  secretStorage = new SecretStorage();
}

/** A modal: title and content elements; `open` calls `onOpen`, `close` calls `onClose`. */
export class Modal {
  app: App;
  containerEl: HTMLElement;
  modalEl: HTMLElement;
  titleEl: HTMLElement;
  contentEl: HTMLElement;
  isOpen = false;
  /** Every modal opened, for assertions. */
  static opened: Modal[] = [];
  constructor(app: App) {
    this.app = app;
    this.containerEl = document.createElement('div');
    this.modalEl = this.containerEl.createDiv({ cls: 'modal' });
    this.titleEl = this.modalEl.createDiv({ cls: 'modal-title' });
    this.contentEl = this.modalEl.createDiv({ cls: 'modal-content' });
  }
  setTitle(title: string): this { this.titleEl.setText(title); return this; }
  setContent(content: string | DocumentFragment): this { this.contentEl.empty(); if (typeof content === 'string') this.contentEl.setText(content); else this.contentEl.appendChild(content); return this; }
  open(): void { this.isOpen = true; Modal.opened.push(this); void this.onOpen(); }
  close(): void { if (!this.isOpen) return; this.isOpen = false; this.onClose(); }
  onOpen(): Promise<void> | void { /* overridden */ }
  onClose(): void { /* overridden */ }
}

/** The plugin base: app, manifest, and every registration recorded for assertions. */
export abstract class Plugin extends Component {
  app: App;
  manifest: { id: string; name: string; version: string; minAppVersion: string };
  commands: { id: string; name: string }[] = [];
  views = new Map<string, (leaf: WorkspaceLeaf) => View>();
  editorExtensions: unknown[] = [];
  postProcessors: unknown[] = [];
  ribbonIcons: { icon: string; title: string; el: HTMLElement }[] = [];
  statusBarItems: HTMLElement[] = [];
  settingTabs: PluginSettingTab[] = [];
  data: unknown = null;
  constructor(app: App, manifest: { id: string; name: string; version: string; minAppVersion: string }) { super(); this.app = app; this.manifest = manifest; }
  addCommand<T extends { id: string; name: string }>(command: T): T { this.commands.push(command); return command; }
  registerView(type: string, creator: (leaf: WorkspaceLeaf) => View): void { this.views.set(type, creator); this.register(() => this.views.delete(type)); }
  registerEditorExtension(extension: unknown): void { this.editorExtensions.push(extension); }
  registerMarkdownPostProcessor<T>(processor: T): T { this.postProcessors.push(processor); return processor; }
  addRibbonIcon(icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
    const el = document.createElement('div');
    el.setAttribute('aria-label', title);
    el.addEventListener('click', (evt) => { callback(evt); });
    this.ribbonIcons.push({ icon, title, el });
    this.register(() => el.remove());
    return el;
  }
  addStatusBarItem(): HTMLElement {
    const el = document.body.createDiv({ cls: 'status-bar-item' });
    this.statusBarItems.push(el);
    this.register(() => el.remove());
    return el;
  }
  addSettingTab(tab: PluginSettingTab): void { this.settingTabs.push(tab); }
  async loadData(): Promise<unknown> { return this.data; }
  async saveData(data: unknown): Promise<void> { this.data = JSON.parse(JSON.stringify(data)) as unknown; }
}

/** The settings tab base of Obsidian 1.13: declarative definitions plus value accessors. */
export abstract class PluginSettingTab {
  app: App;
  plugin: Plugin;
  containerEl: HTMLElement = document.createElement('div');
  domRefreshes = 0;
  constructor(app: App, plugin: Plugin) { this.app = app; this.plugin = plugin; }
  getSettingDefinitions(): unknown[] { return []; }
  getControlValue(key: string): unknown { return (this.plugin as unknown as { settings?: Record<string, unknown> }).settings?.[key]; }
  setControlValue(_key: string, _value: unknown): void | Promise<void> { /* overridden */ }
  refreshDomState(): void { this.domRefreshes += 1; }
  /** How many times `update()` asked for the definitions to be read and drawn again. */
  updates = 0;
  update(): void { this.updates += 1; }
}

/** The secret picker: remembers its value and change callback. */
export class SecretComponent {
  app: App;
  containerEl: HTMLElement;
  value = '';
  changeCallback: ((value: string) => unknown) | null = null;
  constructor(app: App, containerEl: HTMLElement) { this.app = app; this.containerEl = containerEl; }
  setValue(value: string): this { this.value = value; return this; }
  onChange(cb: (value: string) => unknown): this { this.changeCallback = cb; return this; }
}

/** A text field: a real `<input>`; typing in it (an `input` event) calls `onChange`, as in Obsidian. */
export class TextComponent {
  inputEl: HTMLInputElement;
  private changeCallbacks: ((value: string) => unknown)[] = [];
  constructor(containerEl: HTMLElement) {
    this.inputEl = containerEl.createEl('input', { type: 'text' });
    this.inputEl.addEventListener('input', () => { for (const cb of this.changeCallbacks) cb(this.inputEl.value); });
  }
  getValue(): string { return this.inputEl.value; }
  setValue(value: string): this { this.inputEl.value = value; return this; }
  setPlaceholder(placeholder: string): this { this.inputEl.placeholder = placeholder; return this; }
  onChange(cb: (value: string) => unknown): this { this.changeCallbacks.push(cb); return this; }
}

/** A dropdown: a real `<select>`; choosing an option (a `change` event) calls `onChange`. */
export class DropdownComponent {
  selectEl: HTMLSelectElement;
  private changeCallbacks: ((value: string) => unknown)[] = [];
  constructor(containerEl: HTMLElement) {
    this.selectEl = containerEl.createEl('select', { cls: 'dropdown' });
    this.selectEl.addEventListener('change', () => { for (const cb of this.changeCallbacks) cb(this.selectEl.value); });
  }
  addOption(value: string, display: string): this { this.selectEl.createEl('option', { value, text: display }); return this; }
  addOptions(options: Record<string, string>): this { for (const [value, display] of Object.entries(options)) this.addOption(value, display); return this; }
  getValue(): string { return this.selectEl.value; }
  setValue(value: string): this { this.selectEl.value = value; return this; }
  onChange(cb: (value: string) => unknown): this { this.changeCallbacks.push(cb); return this; }
}

/** A settings row: `addComponent` runs the factory on the row's control element; `addText`/`addDropdown` add real fields. */
export class Setting {
  settingEl: HTMLElement;
  controlEl: HTMLElement;
  components: unknown[] = [];
  constructor(containerEl: HTMLElement) {
    this.settingEl = containerEl.createDiv({ cls: 'setting-item' });
    this.controlEl = this.settingEl.createDiv({ cls: 'setting-item-control' });
  }
  addComponent<T>(cb: (el: HTMLElement) => T): this { this.components.push(cb(this.controlEl)); return this; }
  addText(cb: (component: TextComponent) => unknown): this { const c = new TextComponent(this.controlEl); this.components.push(c); cb(c); return this; }
  addDropdown(cb: (component: DropdownComponent) => unknown): this { const c = new DropdownComponent(this.controlEl); this.components.push(c); cb(c); return this; }
}

/**
 * Obsidian's `editorInfoField`: the note an editor shows. Tests give an editor its file with
 * `editorInfoField.init(() => ({ file }))`; the default is no file.
 */
export const editorInfoField = StateField.define<{ file: TFile | null }>({ create: () => ({ file: null }), update: (value) => value });

/** `requestUrl` is not reachable in unit tests: network goes through injected functions. */
export function requestUrl(): Promise<never> { return Promise.reject(new Error('requestUrl is not available in tests')); }
