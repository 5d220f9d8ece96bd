/**
 * The `obsidian` module at test time (jest maps `obsidian` here; the real package has no runtime
 * code, its types still come from obsidian.d.ts). One stand-in serves the tests and the sandbox:
 * the classes here are demo/obsidian-shim's, the sandbox's browser implementation, so the two
 * cannot drift apart. This file adds only what assertions need (`Notice.shown`, `Modal.opened`)
 * and a recording harness in place of the sandbox's whole window (`App`, `Workspace`,
 * `WorkspaceLeaf`, `MarkdownView`, `Vault`, `Plugin`; see below). Why it is not built on
 * `obsidian-test-mocks`: demo/obsidian-shim/index.ts.
 */
// Obsidian's DOM helpers (createEl, createDiv, …), installed where there is a DOM: the node
// (integration) tests have none.
import '../../demo/obsidian-shim/dom';
import { Component, Events } from '../../demo/obsidian-shim/component';
import { Modal as ShimModal } from '../../demo/obsidian-shim/modal';
import { Notice as ShimNotice } from '../../demo/obsidian-shim/notice';
import { SecretStorage } from '../../demo/obsidian-shim/secret-storage';
import { MemoryAdapter, TFile } from '../../demo/obsidian-shim/vault';
import { FileView, type View } from '../../demo/obsidian-shim/views';

export { type DomElementInfo } from '../../demo/obsidian-shim/dom';
export { Component, Events, type EventRef } from '../../demo/obsidian-shim/component';
export { editorInfoField, editorLivePreviewField } from '../../demo/obsidian-shim/editor';
export { setIcon } from '../../demo/obsidian-shim/icons';
export { Menu, MenuItem } from '../../demo/obsidian-shim/menu';
export { Platform } from '../../demo/obsidian-shim/plugin';
export { requestUrl } from '../../demo/obsidian-shim/request-url';
export { SecretStorage } from '../../demo/obsidian-shim/secret-storage';
export { ButtonComponent, DropdownComponent, SecretComponent, Setting, TextComponent, ToggleComponent } from '../../demo/obsidian-shim/setting';
export { PluginSettingTab } from '../../demo/obsidian-shim/setting-tab';
export { MemoryAdapter, normalizePath, TAbstractFile, TFile, TFolder } from '../../demo/obsidian-shim/vault';
export { FileView, ItemView, View } from '../../demo/obsidian-shim/views';

/** The stand-in's `Notice`, recording every message shown (`Notice.shown`) for assertions. */
export class Notice extends ShimNotice {
  static shown: string[] = [];
  override setMessage(message: string | DocumentFragment): this {
    Notice.shown.push(typeof message === 'string' ? message : message.textContent ?? '');
    return super.setMessage(message);
  }
}

/** The stand-in's `Modal`, recording every modal opened (`Modal.opened`, newest last) for assertions. */
export class Modal extends ShimModal {
  static opened: Modal[] = [];
  override open(): void {
    Modal.opened.push(this);
    super.open();
  }
}

// ---- The recording harness: app, workspace, leaves, vault and plugin ----
// The sandbox's App, Workspace, WorkspaceLeaf, Vault and Plugin draw a whole window (ribbon, panes,
// a live CodeMirror per note, localStorage). The plugin's unit tests instead place notes and leaves
// by hand and count what the plugin registered; these small classes do that, on the shared
// Component and Events.

/** A leaf holds one view. */
export class WorkspaceLeaf extends Events {
  view: View | null = null;
  async openFile(_file: TFile, _state?: unknown): Promise<void> { /* nothing to open in tests */ }
}

/**
 * A markdown view with a plain `editor` (text in `value`, a `cursor`), its reading view's rerender
 * count and every ephemeral state set (`{ line }` scrolls to a line in either mode).
 */
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
  ephemeralStates: unknown[] = [];
  setEphemeralState(state: unknown): void { this.ephemeralStates.push(state); }
  getEphemeralState(): Record<string, unknown> { return {}; }
  getMode(): 'source' | 'preview' { return this.mode; }
  getViewType(): string { return 'markdown'; }
  getDisplayText(): string { return this.file?.basename ?? ''; }
}

/** The workspace: leaves placed by the test, the active leaf and the few calls the plugin makes. */
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

/** An in-memory vault in any folder: files by path with their text (`files`, for assertions). */
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
  settingTabs: unknown[] = [];
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
  addSettingTab(tab: unknown): void { this.settingTabs.push(tab); }
  async loadData(): Promise<unknown> { return this.data; }
  async saveData(data: unknown): Promise<void> { this.data = JSON.parse(JSON.stringify(data)) as unknown; }
}
