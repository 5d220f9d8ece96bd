/**
 * What the commands, the ribbon button and the pane's header buttons do to the active epic: sync
 * (through the plan modal), export the JSON of docs/cli.md, validate, and go to a line. Each action
 * first takes the latest text (the open editors' parse, skipping the typing pause), so it never acts
 * on a model older than what is on screen.
 */
import { App, MarkdownView, Notice, TFile, normalizePath } from 'obsidian';
import { buildReport } from '../model/report';
import { missingTrackerSettings, noteTracker, tokenSecretNameOf, type SpectrynSettings } from '../settings/settings';
import type { TrackerName } from '../sync/tracker-name';
import type { ActiveEpic } from './active-epic';
import type { ActiveEpicSnapshot } from '../view/epic-snapshot';
import type { ExportTarget } from '../view/progress-view';
import { DiagnosticsModal } from '../view/diagnostics-modal';
import { flushEditorsOf } from './open-editors';
import { PlanModal, type PlanProvider, type SyncScope } from '../view/plan-modal';

/** Constructor options of {@link EpicActions}. */
export interface EpicActionsOptions {
  readonly app: App;
  readonly activeEpic: ActiveEpic<TFile>;
  readonly settings: () => SpectrynSettings;
  /** Opens the plugin's settings tab. */
  readonly openSettings: () => void;
  /** The sync engine's plan provider (the plugin's sync controller). */
  readonly planProvider: () => PlanProvider;
}

/** The path of the JSON saved next to `file`: same folder, same name, `.json`. */
export function jsonPathFor(file: TFile): string {
  const folder = file.parent?.path ?? '';
  return normalizePath(folder === '/' || folder === '' ? `${file.basename}.json` : `${folder}/${file.basename}.json`);
}

/** The actions on the active epic. */
export class EpicActions {
  private readonly options: EpicActionsOptions;

  constructor(options: EpicActionsOptions) {
    this.options = options;
  }

  /** True when the API token's secret (of `tracker`; default Jira) is set and holds a value. */
  hasToken(tracker: TrackerName = 'jira'): boolean {
    const name = tokenSecretNameOf(this.options.settings(), tracker);
    return name !== '' && Boolean(this.options.app.secretStorage.getSecret(name));
  }

  /**
   * The active note's snapshot of what is on screen now: its open editors parse at once (they hand
   * the parse to the shared model) and a pending parse of the model runs. Costs nothing when fresh.
   */
  freshSnapshot(): ActiveEpicSnapshot<TFile> {
    const { activeEpic, app } = this.options;
    const { file } = activeEpic.current();
    if (file) flushEditorsOf(app.workspace, file.path);
    activeEpic.flush();
    return activeEpic.current();
  }

  /** Opens the plan modal for `scope` (a dry run first; nothing is written before confirming). */
  sync(scope: SyncScope): void {
    const snapshot = this.freshSnapshot();
    if (!snapshot.isEpic) {
      new Notice('Open an epic note to sync it.');
      return;
    }
    // The note's frontmatter `tracker` says whose settings it needs.
    const tracker = noteTracker(this.options.settings(), snapshot.result?.epic.tracker);
    new PlanModal(this.options.app, {
      scope,
      missing: missingTrackerSettings(this.options.settings(), this.hasToken(tracker), tracker),
      openSettings: this.options.openSettings,
      provider: this.options.planProvider(),
    }).open();
  }

  /** The JSON of docs/cli.md for the active note, as the CLI prints it offline; null when no note. */
  reportJson(): string | null {
    const { result } = this.freshSnapshot();
    if (!result) return null;
    return `${JSON.stringify(buildReport({ result, tracker: null, dryRun: true }), null, 2)}\n`;
  }

  /** Saves the JSON next to the note (`Note.json`) or copies it to the clipboard. */
  async exportJson(target: ExportTarget): Promise<void> {
    const json = this.reportJson();
    const { file } = this.options.activeEpic.current();
    if (!file || json === null) {
      new Notice('Open an epic note to export it.');
      return;
    }
    if (target === 'clipboard') {
      try {
        await navigator.clipboard.writeText(json);
        new Notice('Epic JSON copied.');
      } catch {
        new Notice('Could not copy to the clipboard: save the JSON next to the note instead.');
      }
      return;
    }
    const path = jsonPathFor(file);
    const { vault } = this.options.app;
    try {
      const existing = vault.getFileByPath(path);
      if (existing) await vault.modify(existing, json); else await vault.create(path, json);
      new Notice(`Epic JSON saved to ${path}.`);
    } catch (error) {
      new Notice(`Could not save ${path}: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
  }

  /** Opens the diagnostics modal for the active note. */
  validate(): void {
    // Any note can be validated: one without stories is parsed now (the model keeps such notes unparsed).
    this.freshSnapshot();
    const { file, result } = this.options.activeEpic.parseNow();
    if (!file || !result) {
      new Notice('Open a note to validate it.');
      return;
    }
    new DiagnosticsModal(this.options.app, {
      noteName: file.basename,
      diagnostics: result.diagnostics,
      goToLine: (line) => { void this.goToLine(file, line); },
    }).open();
  }

  /**
   * Shows the 1-based `line` of `file`: in the view already showing the note (editing: the cursor
   * moves there; reading view: it scrolls there), or by opening the note at that line.
   */
  async goToLine(file: TFile, line: number): Promise<void> {
    const { workspace } = this.options.app;
    const leaf = workspace.getLeavesOfType('markdown').find((l) => l.view instanceof MarkdownView && l.view.file?.path === file.path);
    if (!leaf) {
      await workspace.getLeaf(false).openFile(file, { active: true, eState: { line: line - 1 } });
      return;
    }
    await workspace.revealLeaf(leaf);
    workspace.setActiveLeaf(leaf, { focus: true });
    if (!(leaf.view instanceof MarkdownView)) return;
    // The ephemeral line is what a link to the line uses: it works in reading view as in editing.
    leaf.view.setEphemeralState({ line: line - 1 });
    if (leaf.view.getMode() === 'source') {
      const position = { line: line - 1, ch: 0 };
      leaf.view.editor.setCursor(position);
      leaf.view.editor.scrollIntoView({ from: position, to: position }, true);
    }
  }
}
