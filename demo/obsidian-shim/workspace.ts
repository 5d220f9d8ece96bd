/**
 * The workspace: one main leaf (the note) and a right sidebar of leaves (plugin views), the
 * active leaf, the registered view types and editor extensions, and the events
 * `active-leaf-change`, `file-open`, `editor-change`, `layout-change`.
 */
import type { Extension } from '@codemirror/state';
import { Events } from './component';
import type { PostProcessor } from './reading-view';
import type { TFile, Vault } from './vault';
import { MarkdownView, WorkspaceLeaf, type LeafHost, type View, type ViewState } from './views';

/** Where the workspace draws: the main area and the right sidebar. */
export interface WorkspaceElements {
  readonly main: HTMLElement;
  readonly right: HTMLElement;
}

/** Obsidian's `Workspace`, for one window. */
export class Workspace extends Events implements LeafHost {
  activeLeaf: WorkspaceLeaf | null = null;
  layoutReady = false;
  readonly containerEl: HTMLElement;
  private readonly leaves: WorkspaceLeaf[] = [];
  private readonly creators = new Map<string, (leaf: WorkspaceLeaf) => View>();
  private readonly extensions: Extension[] = [];
  private readonly processors: PostProcessor[] = [];
  private readonly readyCallbacks: (() => unknown)[] = [];

  constructor(readonly app: { readonly vault: Vault }, private readonly elements: WorkspaceElements) {
    super();
    this.containerEl = elements.main;
  }

  viewCreator(type: string): ((leaf: WorkspaceLeaf) => View) | undefined {
    return this.creators.get(type);
  }

  editorExtensions(): Extension[] {
    return [...this.extensions];
  }

  activate(leaf: WorkspaceLeaf): void {
    this.setActiveLeaf(leaf);
  }

  /** Sandbox (Plugin.registerView): returns the function that unregisters it. */
  registerViewType(type: string, creator: (leaf: WorkspaceLeaf) => View): () => void {
    this.creators.set(type, creator);
    return () => {
      this.creators.delete(type);
      this.detachLeavesOfType(type);
    };
  }

  /** Sandbox (Plugin.registerEditorExtension): adds to every editor, now and later. */
  registerEditorExtension(extension: Extension): () => void {
    this.extensions.push(extension);
    this.updateOptions();
    return () => {
      const at = this.extensions.indexOf(extension);
      if (at >= 0) this.extensions.splice(at, 1);
      this.updateOptions();
    };
  }

  postProcessors(): PostProcessor[] {
    return [...this.processors];
  }

  /** Sandbox (Plugin.registerMarkdownPostProcessor): runs on every reading view render. */
  registerPostProcessor(processor: PostProcessor): () => void {
    this.processors.push(processor);
    return () => {
      const at = this.processors.indexOf(processor);
      if (at >= 0) this.processors.splice(at, 1);
    };
  }

  /** Re-applies the registered editor extensions to every editor. */
  updateOptions(): void {
    for (const leaf of this.leaves) if (leaf.view instanceof MarkdownView) leaf.view.reconfigure(this.editorExtensions());
  }

  getActiveViewOfType<T>(type: abstract new (...args: never[]) => T): T | null {
    const view = this.activeLeaf?.view;
    return view instanceof type ? view : null;
  }

  getActiveFile(): TFile | null {
    const view = this.activeLeaf?.view;
    if (view instanceof MarkdownView) return view.file;
    return this.getMostRecentMarkdownView()?.file ?? null;
  }

  getLeavesOfType(type: string): WorkspaceLeaf[] {
    return this.leaves.filter((leaf) => leaf.view?.getViewType() === type);
  }

  iterateAllLeaves(callback: (leaf: WorkspaceLeaf) => unknown): void {
    for (const leaf of [...this.leaves]) callback(leaf);
  }

  /** The main leaf (the sandbox has one tab; `newLeaf` is ignored). */
  getLeaf(_newLeaf?: boolean | string): WorkspaceLeaf {
    const main = this.leaves.find((leaf) => leaf.side === 'main');
    if (main) return main;
    return this.addLeaf('main');
  }

  getRightLeaf(_split: boolean): WorkspaceLeaf {
    return this.addLeaf('right');
  }

  async ensureSideLeaf(type: string, side: 'left' | 'right', options: { active?: boolean; split?: boolean; reveal?: boolean; state?: Record<string, unknown> } = {}): Promise<WorkspaceLeaf> {
    if (side !== 'right') throw new Error('The sandbox has only a right sidebar.');
    const leaf = this.getLeavesOfType(type)[0] ?? this.addLeaf('right');
    await leaf.setViewState({ type, active: options.active ?? false, state: options.state });
    if (options.reveal !== false) await this.revealLeaf(leaf);
    return leaf;
  }

  revealLeaf(leaf: WorkspaceLeaf): Promise<void> {
    if (leaf.side === 'right') this.elements.right.removeClass('is-collapsed');
    leaf.containerEl.scrollIntoView({ block: 'nearest' });
    return Promise.resolve();
  }

  setActiveLeaf(leaf: WorkspaceLeaf, params?: { focus?: boolean }): void {
    const changed = this.activeLeaf !== leaf;
    this.activeLeaf = leaf;
    for (const other of this.leaves) other.containerEl.toggleClass('mod-active', other === leaf);
    if (params?.focus && leaf.view instanceof MarkdownView) leaf.view.editor.focus();
    if (changed) this.trigger('active-leaf-change', leaf);
  }

  detachLeavesOfType(type: string): void {
    for (const leaf of this.getLeavesOfType(type)) this.removeLeaf(leaf);
  }

  onLayoutReady(callback: () => unknown): void {
    if (this.layoutReady) callback();
    else this.readyCallbacks.push(callback);
  }

  /** Sandbox: the layout is built; runs the `onLayoutReady` callbacks. */
  markLayoutReady(): void {
    this.layoutReady = true;
    for (const callback of this.readyCallbacks.splice(0)) callback();
    this.trigger('layout-change');
  }

  getMostRecentMarkdownView(): MarkdownView | null {
    const leaf = this.leaves.find((l) => l.view instanceof MarkdownView);
    return leaf?.view instanceof MarkdownView ? leaf.view : null;
  }

  /** Sandbox: a leaf's state, as `setViewState` takes it. */
  viewStateOf(leaf: WorkspaceLeaf): ViewState {
    return leaf.getViewState();
  }

  private addLeaf(side: 'main' | 'right'): WorkspaceLeaf {
    const leaf = new WorkspaceLeaf(this, side === 'main' ? this.elements.main : this.elements.right, side);
    this.leaves.push(leaf);
    this.trigger('layout-change');
    return leaf;
  }

  private removeLeaf(leaf: WorkspaceLeaf): void {
    const at = this.leaves.indexOf(leaf);
    if (at >= 0) this.leaves.splice(at, 1);
    leaf.detach();
    if (this.activeLeaf === leaf) this.activeLeaf = null;
    this.trigger('layout-change');
  }
}
