/**
 * Leaves and views: `WorkspaceLeaf` (holds one view in a `.workspace-leaf` element), `View`,
 * `ItemView` (header with actions, `contentEl`), `FileView` and `MarkdownView` (an `Editor` over a
 * real CodeMirror view with the plugins' registered editor extensions).
 */
import { history, historyKeymap } from '@codemirror/commands';
import { Annotation, Compartment, Transaction, type Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { Component } from './component';
import { Editor, editorInfoField, editorLivePreviewField, markdownHeadings, setLivePreview } from './editor';
import { setIcon } from './icons';
import { renderReadingView, type PostProcessor, type RenderedNote } from './reading-view';
import type { TFile, Vault } from './vault';

/** What a leaf needs from the workspace (implemented by `Workspace`). */
export interface LeafHost {
  readonly app: { readonly vault: Vault };
  /** The view factory registered for `type`, if any. */
  viewCreator(type: string): ((leaf: WorkspaceLeaf) => View) | undefined;
  /** The editor extensions registered by plugins. */
  editorExtensions(): Extension[];
  /** Makes `leaf` the active one. */
  activate(leaf: WorkspaceLeaf): void;
  /** The markdown post processors registered by plugins (reading view). */
  postProcessors(): PostProcessor[];
  /** Events a markdown view reports: `file-open`, `editor-change`. */
  trigger(name: string, ...args: unknown[]): void;
}

/** A view state, as `setViewState` takes it. */
export interface ViewState {
  type: string;
  active?: boolean;
  state?: Record<string, unknown>;
}

/** One pane: a container that holds a view. */
export class WorkspaceLeaf {
  view: View | null = null;
  readonly containerEl: HTMLElement;
  readonly app: LeafHost['app'];

  constructor(readonly host: LeafHost, parentEl: HTMLElement, readonly side: 'main' | 'right') {
    this.app = host.app;
    this.containerEl = parentEl.createDiv({ cls: 'workspace-leaf' });
  }

  getViewState(): ViewState {
    return { type: this.view?.getViewType() ?? 'empty' };
  }

  /** Replaces the view with a new one of `state.type` (the plugin's factory, or `markdown`). */
  async setViewState(state: ViewState): Promise<void> {
    if (this.view?.getViewType() === state.type) return;
    const creator = state.type === 'markdown' ? (leaf: WorkspaceLeaf) => new MarkdownView(leaf) : this.host.viewCreator(state.type);
    if (!creator) throw new Error(`No view is registered for "${state.type}".`);
    await this.closeView();
    const view = creator(this);
    this.view = view;
    this.containerEl.appendChild(view.containerEl);
    view.containerEl.setAttr('data-type', state.type);
    await view.open();
    if (state.active) this.host.activate(this);
  }

  /** Opens `file` in a markdown view here. */
  async openFile(file: TFile, state?: { active?: boolean; eState?: { line?: number } }): Promise<void> {
    await this.setViewState({ type: 'markdown' });
    const view = this.view;
    if (!(view instanceof MarkdownView)) return;
    await view.loadFile(file);
    this.host.trigger('file-open', file);
    if (state?.active !== false) this.host.activate(this);
    const line = state?.eState?.line;
    if (line !== undefined) {
      // Opening at a line also places the cursor there, as Obsidian does for links to a line.
      if (view.getMode() === 'source') view.editor.setCursor({ line, ch: 0 });
      view.setEphemeralState({ line });
    }
  }

  getDisplayText(): string {
    return this.view?.getDisplayText() ?? '';
  }

  detach(): void {
    void this.closeView();
    this.containerEl.remove();
  }

  private async closeView(): Promise<void> {
    const old = this.view;
    if (!old) return;
    this.view = null;
    await old.close();
    old.containerEl.remove();
  }
}

/** Base of every view. */
export abstract class View extends Component {
  app: unknown;
  leaf: WorkspaceLeaf;
  containerEl: HTMLElement;
  icon = '';
  navigation = false;

  constructor(leaf: WorkspaceLeaf) {
    super();
    this.leaf = leaf;
    this.app = leaf.app;
    this.containerEl = createDiv({ cls: 'workspace-leaf-content' });
  }

  abstract getViewType(): string;
  abstract getDisplayText(): string;

  getIcon(): string {
    return this.icon;
  }

  getState(): Record<string, unknown> {
    return {};
  }

  /** Stand-in: what the workspace calls when it shows the view: loads it (once), then `onOpen`. */
  async open(): Promise<void> {
    await this.load();
    await this.onOpen();
  }

  /** Stand-in: what the workspace calls when it closes the view: `onClose`, then unloads it. */
  async close(): Promise<void> {
    await this.onClose();
    this.unload();
  }

  protected onOpen(): Promise<void> {
    return Promise.resolve();
  }

  protected onClose(): Promise<void> {
    return Promise.resolve();
  }
}

/** A view with a header (title and actions) and a content element. */
export abstract class ItemView extends View {
  contentEl: HTMLElement;
  private readonly headerEl: HTMLElement;
  private readonly titleEl: HTMLElement;
  private readonly actionsEl: HTMLElement;

  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
    this.headerEl = this.containerEl.createDiv({ cls: 'view-header' });
    this.titleEl = this.headerEl.createDiv({ cls: 'view-header-title' });
    this.actionsEl = this.headerEl.createDiv({ cls: 'view-actions' });
    this.contentEl = this.containerEl.createDiv({ cls: 'view-content' });
  }

  override async open(): Promise<void> {
    this.updateHeader();
    await super.open();
  }

  /** Sandbox: shows the current display text in the header. */
  updateHeader(): void {
    this.titleEl.setText(this.getDisplayText());
  }

  addAction(icon: string, title: string, callback: (event: MouseEvent) => unknown): HTMLElement {
    const el = this.actionsEl.createEl('a', { cls: ['clickable-icon', 'view-action'], attr: { 'aria-label': title, title, role: 'button', href: '#', 'data-icon': icon } });
    setIcon(el, icon);
    el.addEventListener('click', (event) => {
      event.preventDefault();
      callback(event);
    });
    return el;
  }
}

/** A view of one file. */
export abstract class FileView extends ItemView {
  file: TFile | null = null;
  allowNoFile = false;
}

/** Marks transactions that load the file's saved text (not an edit to save back). */
const loadedFromVault = Annotation.define<boolean>();

/** How long after the last edit the editor saves its text to the vault, in ms (Obsidian: about 2 s). */
export const SAVE_DELAY_MS = 300;

/** A markdown note in a CodeMirror editor (live preview). */
export class MarkdownView extends FileView {
  readonly editor: Editor;
  /** Obsidian's reading view handle: `rerender` draws the note again (when shown). */
  readonly previewMode = { rerender: (_full?: boolean): void => { if (this.mode === 'preview') this.renderPreview(); } };
  private readonly extensions = new Compartment();
  private readonly sourceView: HTMLElement;
  private readonly previewEl: HTMLElement;
  private rendered: RenderedNote | null = null;
  private mode: 'source' | 'preview' = 'source';
  private saveTimer: number | null = null;

  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
    this.navigation = true;
    this.sourceView = this.contentEl.createDiv({ cls: ['markdown-source-view', 'cm-s-obsidian', 'mod-cm6', 'is-live-preview', 'is-readable-line-width'] });
    const cm = new EditorView({
      parent: this.sourceView,
      extensions: [
        editorInfoField.init(() => this),
        editorLivePreviewField,
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ spellcheck: 'false', 'aria-label': 'Note editor' }),
        markdownHeadings,
        // Undo and redo as in Obsidian: a badge change is one undoable edit.
        history(),
        keymap.of(historyKeymap),
        this.extensions.of(leaf.host.editorExtensions()),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          leaf.host.trigger('editor-change', this.editor, this);
          if (!update.transactions.some((tr) => tr.annotation(loadedFromVault))) this.scheduleSave();
        }),
      ],
    });
    this.editor = new Editor(cm);
    this.previewEl = this.contentEl.createDiv({ cls: ['markdown-preview-view', 'markdown-rendered', 'is-readable-line-width'] });
    this.previewEl.hide();
    this.registerEvent(leaf.host.app.vault.on('modify', (file: TFile, source: unknown) => {
      if (file === this.file && source !== this) void this.reload();
    }));
    this.register(() => {
      this.flushSave();
      cm.destroy();
    });
  }

  getViewType(): string {
    return 'markdown';
  }

  getDisplayText(): string {
    return this.file?.basename ?? 'No file';
  }

  getMode(): 'source' | 'preview' {
    return this.mode;
  }

  /** Sandbox: shows the editor (`source`, live preview or source mode) or the reading view (`preview`). */
  setMode(mode: 'source' | 'preview'): void {
    this.mode = mode;
    this.sourceView.toggle(mode === 'source');
    this.previewEl.toggle(mode === 'preview');
    if (mode === 'preview') this.renderPreview();
  }

  private renderPreview(): void {
    this.rendered = renderReadingView(this.previewEl, { text: this.editor.getValue(), sourcePath: this.file?.path ?? '', processors: this.leaf.host.postProcessors() });
  }

  /**
   * Obsidian's ephemeral state: `line` (0-based) scrolls the shown mode to that line, centred in
   * the editor, to its block in the reading view. The cursor is not moved (callers set it).
   */
  setEphemeralState(state: { line?: number } & Record<string, unknown>): void {
    const { line } = state;
    if (typeof line !== 'number' || !Number.isFinite(line)) return;
    if (this.mode === 'preview') {
      this.rendered?.blockAt(line)?.scrollIntoView({ block: 'start' });
      return;
    }
    const at = Math.min(Math.max(Math.trunc(line), 0), this.editor.lastLine());
    this.editor.scrollIntoView({ from: { line: at, ch: 0 }, to: { line: at, ch: 0 } }, true);
  }

  /** Obsidian's ephemeral state; the sandbox keeps none beyond what is on screen. */
  getEphemeralState(): Record<string, unknown> {
    return {};
  }

  /** True in live preview, false in source mode. */
  isLivePreview(): boolean {
    return this.editor.cm.state.field(editorLivePreviewField);
  }

  /** Sandbox: live preview (true) or source mode (false), as Obsidian's "Toggle Live Preview/Source mode". */
  setLivePreview(on: boolean): void {
    this.sourceView.toggleClass('is-live-preview', on);
    this.editor.cm.dispatch({ effects: setLivePreview.of(on) });
  }

  getViewData(): string {
    return this.editor.getValue();
  }

  /** Sandbox: shows `file`'s saved text. */
  async loadFile(file: TFile): Promise<void> {
    this.flushSave();
    this.file = file;
    this.updateHeader();
    const text = await this.leaf.host.app.vault.read(file);
    const cm = this.editor.cm;
    cm.dispatch({ changes: { from: 0, to: cm.state.doc.length, insert: text }, selection: { anchor: 0 }, annotations: [loadedFromVault.of(true), Transaction.addToHistory.of(false)] });
  }

  /** Sandbox: re-applies the registered editor extensions (Obsidian's `updateOptions`). */
  reconfigure(extensions: Extension[]): void {
    this.editor.cm.dispatch({ effects: this.extensions.reconfigure(extensions) });
  }

  /** The file changed elsewhere (vault.process, modify): apply the difference, keeping the cursor. */
  private async reload(): Promise<void> {
    if (!this.file) return;
    const text = await this.leaf.host.app.vault.read(this.file);
    const cm = this.editor.cm;
    const current = cm.state.doc.toString();
    if (current === text) return;
    if (this.mode === 'preview') window.setTimeout(() => this.previewMode.rerender(true), 0);
    let start = 0;
    while (start < current.length && start < text.length && current[start] === text[start]) start += 1;
    let end = 0;
    while (end < current.length - start && end < text.length - start && current[current.length - 1 - end] === text[text.length - 1 - end]) end += 1;
    cm.dispatch({ changes: { from: start, to: current.length - end, insert: text.slice(start, text.length - end) }, annotations: [loadedFromVault.of(true), Transaction.addToHistory.of(false)] });
  }

  private scheduleSave(): void {
    if (this.saveTimer !== null) window.clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => this.flushSave(), SAVE_DELAY_MS);
  }

  private flushSave(): void {
    if (this.saveTimer !== null) window.clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.file) this.leaf.host.app.vault.save(this.file, this.editor.getValue(), this);
  }
}
