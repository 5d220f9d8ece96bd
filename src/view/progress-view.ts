/**
 * The epic progress pane: an `ItemView` in the right sidebar that shows the active note's progress
 * (see progress-render.ts) and re-renders on every change of the shared model. Clicking a story
 * shows its header line (the cursor moves there when editing, reading view scrolls there).
 * Header buttons: sync (dry run), export JSON, validate.
 */
import type { BrowseUrl } from '../model/issue-key';
import { ItemView, Menu, type TFile, type Workspace, type WorkspaceLeaf } from 'obsidian';
import type { EpicSource } from './epic-snapshot';
import type { SyncScope } from './plan-modal';
import { SHOW_FORMAT_ACTION, SHOW_PROBLEMS_ACTION, renderProgressPane } from './progress-render';
import { renderSyncState } from './sync-status-render';
import { SYNC_AGE_REFRESH_MS, type SyncStateSource } from './sync-status-text';

/** The view type id of the pane. */
export const PROGRESS_VIEW_TYPE = 'spectryn-epic-progress';

/** Opens the pane in the right sidebar (or reveals the open one). */
export async function openProgressPane(workspace: Workspace): Promise<void> {
  const leaf = await workspace.ensureSideLeaf(PROGRESS_VIEW_TYPE, 'right', { active: true, reveal: true });
  await workspace.revealLeaf(leaf);
}

/** Where Export JSON puts the JSON. */
export type ExportTarget = 'file' | 'clipboard';

/** What the pane's header buttons and story rows trigger (the plugin's `EpicActions`). */
export interface PaneActions {
  sync(scope: SyncScope): void;
  exportJson(target: ExportTarget): Promise<void>;
  validate(): void;
  goToLine(file: TFile, line: number): Promise<void>;
}

/** What the pane reads and triggers. */
export interface ProgressViewOptions {
  /** The active note's model (the plugin's `ActiveEpic`). */
  readonly activeEpic: EpicSource<TFile>;
  readonly actions: PaneActions;
  /** Opens the guide to the note format. */
  readonly showFormat: () => void;
  /** The tracker's page of an issue key, for chips (read at each render). Default: none (no link). */
  readonly browseUrl?: () => BrowseUrl;
  /** When the active epic last synced and its open conflicts, shown under the title; default none. */
  readonly syncState?: SyncStateSource;
}

/** The progress pane; see the file comment. */
export class EpicProgressView extends ItemView {
  private readonly options: ProgressViewOptions;

  constructor(leaf: WorkspaceLeaf, options: ProgressViewOptions) {
    super(leaf);
    this.options = options;
  }

  override getViewType(): string {
    return PROGRESS_VIEW_TYPE;
  }

  override getDisplayText(): string {
    return 'Epic progress';
  }

  override getIcon(): string {
    return 'list-checks';
  }

  override onOpen(): Promise<void> {
    const { actions, activeEpic } = this.options;
    this.addAction('check', 'Validate', () => actions.validate());
    this.addAction('download', 'Export JSON', (event) => this.showExportMenu(event));
    this.addAction('refresh-cw', 'Sync (dry run)', () => actions.sync({ kind: 'all' }));
    this.register(activeEpic.subscribe(() => this.render()));
    const { syncState } = this.options;
    if (syncState) {
      this.register(syncState.subscribe(() => this.renderSyncState()));
      // "synced 5 min ago" ages while nothing else changes.
      this.registerInterval(window.setInterval(() => this.renderSyncState(), SYNC_AGE_REFRESH_MS));
    }
    this.registerDomEvent(this.contentEl, 'click', (event) => this.onClick(event));
    this.registerDomEvent(this.contentEl, 'keydown', (event) => {
      // Story rows act as buttons; links handle Enter themselves.
      const onStory = event.target instanceof Element && event.target.closest('[data-story]') !== null;
      if (onStory && (event.key === 'Enter' || event.key === ' ')) this.onClick(event);
    });
    this.render();
    return Promise.resolve();
  }

  /** Renders the current snapshot, keeping the scroll position and the focused story. */
  render(): void {
    const scroll = this.contentEl.scrollTop;
    const focused = this.contentEl.contains(activeDocument.activeElement)
      ? activeDocument.activeElement?.closest('[data-story]')?.getAttribute('data-story') ?? null
      : null;
    renderProgressPane(this.contentEl, this.options.activeEpic.current(), { browseUrl: this.options.browseUrl?.() ?? null });
    this.renderSyncState();
    this.contentEl.scrollTop = scroll;
    if (focused !== null) {
      for (const el of Array.from(this.contentEl.querySelectorAll<HTMLElement>('[data-story]'))) {
        if (el.getAttribute('data-story') === focused) el.focus();
      }
    }
  }

  /** The sync line under the epic's title ("synced 5 min ago · 1 conflict"), when the pane shows an epic. */
  private renderSyncState(): void {
    const source = this.options.syncState;
    const header = this.contentEl.querySelector<HTMLElement>('.spectryn-pane-header');
    if (!source || !header) return;
    const line = header.querySelector<HTMLElement>('.spectryn-pane-sync') ?? header.createDiv({ cls: 'spectryn-pane-sync' });
    renderSyncState(line, source.current(), new Date());
  }

  private onClick(event: Event): void {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (target.closest(`[data-action="${SHOW_FORMAT_ACTION}"]`)) {
      event.preventDefault();
      this.options.showFormat();
      return;
    }
    if (target.closest(`[data-action="${SHOW_PROBLEMS_ACTION}"]`)) {
      event.preventDefault();
      this.options.actions.validate();
      return;
    }
    // An issue link opens the tracker, not the story's line.
    if (target.closest('a.spectryn-issue-chip')) return;
    // The row's own line, not a look-up by id: two stories may share an id (the model warns).
    const line = Number(target.closest('[data-story]')?.getAttribute('data-line'));
    const { file } = this.options.activeEpic.current();
    if (!file || !Number.isInteger(line) || line < 1) return;
    event.preventDefault();
    void this.options.actions.goToLine(file, line);
  }

  private showExportMenu(event: MouseEvent): void {
    const { actions } = this.options;
    new Menu()
      .addItem((item) => item.setTitle('Save JSON next to the note').setIcon('file-down').onClick(() => { void actions.exportJson('file'); }))
      .addItem((item) => item.setTitle('Copy JSON').setIcon('copy').onClick(() => { void actions.exportJson('clipboard'); }))
      .showAtMouseEvent(event);
  }
}
