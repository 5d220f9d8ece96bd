/**
 * The plugin's sync flow, as the plan modal's `PlanProvider`:
 * settings → token from `app.secretStorage` (by the secret's name) → the tracker `main.ts` composes
 * (`trackerFor`) → two-way dry run (`planTwoWay`: reads the vault's sync record and the tracker
 * only, docs/sync-record.md) → the modal shows the pending sync (pushes, pulls, additions,
 * conflicts) → on confirm its `execute` runs exactly that plan with the user's conflict choices
 * (`executeTwoWay`): Jira's changes written into the note in one edit, then the pushes with a
 * progress notice, writing issue keys back batch by batch, then the record → a result notice. Write-back goes through the editor (one transaction per batch,
 * computed from the editor's current text) when the note is open, `Vault.process` otherwise.
 * Every message shown is redacted of the token.
 */
import { App, MarkdownView, Notice, type Editor, type TFile } from 'obsidian';
import { parseEpic, type ParseResult } from '../model';
import type { SpectrynSettings } from '../settings/settings';
import { syncTargetOf, type SyncTarget } from '../settings/sync-target';
import { NO_RECORD_WARNING, editorNoteWriter, executeTwoWay, notInTrackerWarning, planTwoWay, processNoteWriter, redact, resolveConflicts, secretsOf, trackerTitle, type NoteWriter, type RecordStore, type SyncRunOptions, type SyncRunResult, type TextEdit, type Tracker, type TwoWayInput, type TwoWayPlanned } from '../sync';
import type { TrackerReading } from '../sync/record/reading';
import type { SyncPlan } from '../sync/tracker';
import type { ActiveEpicSnapshot } from '../view/epic-snapshot';
import type { ConflictChoices, ExecutionControl, PendingSync, PlanPreview, PlanProvider, SyncScope } from '../view/plan-preview';
import { previewOfPlan, progressText, resultText } from '../view/sync-summary';
import { twoWayPreview, twoWayResultText } from '../view/two-way-summary';
import { VaultRecordStore, recordPathFor } from './sync-record-store';
import type { SyncStatus } from './sync-status';

/** How long a successful result notice stays, in ms; failures stay until dismissed. */
const RESULT_NOTICE_MS = 10_000;

/** How many note errors a refused dry run names. */
const NOTE_ERRORS_NAMED = 3;

/** The part of Obsidian's `Editor` write-back uses (a CodeMirror view can be wrapped as one in tests). */
export type SyncEditor = Pick<Editor, 'getValue' | 'offsetToPos' | 'transaction'>;

/** A tracker the two-way run can use: how its values read in the note's vocabulary, and its site. */
export type TwoWayTracker = Tracker & { readonly reading: TrackerReading; readonly siteUrl: string };

/** Constructor options of {@link SyncController}. */
export interface SyncControllerOptions {
  readonly app: App;
  /** The current settings (read at the start of each dry run). */
  readonly settings: () => SpectrynSettings;
  /** The active note and its parse. */
  readonly snapshot: () => ActiveEpicSnapshot<TFile>;
  /**
   * The tracker of one sync (plan and execute on the same instance), composed in `main.ts`: the
   * note's (`target`, ../settings/sync-target.ts; Jira when absent).
   */
  readonly trackerFor: (settings: SpectrynSettings, token: string, target?: SyncTarget) => TwoWayTracker;
  /** Where the sync records are; default the vault's `.spectryn/sync/` through `app.vault.adapter`. */
  readonly records?: VaultRecordStore;
  /** Told of each dry run's and sync's open conflicts and of each record written; default none. */
  readonly status?: SyncStatus;
  /** The time stamped into `Synced:`; default the system time. */
  readonly now?: () => Date;
  /** Parses a note's text (the plugin's parse store); default `parseEpic`, from the snapshot's parse. */
  readonly parse?: (path: string, text: string) => ParseResult;
}

/** A dry run waiting for the user's decision. */
interface PendingRun {
  readonly file: TFile;
  readonly note: ParseResult;
  readonly tracker: Tracker;
  readonly options: SyncRunOptions;
  /** The dry run's push plan (conflicts left), for the progress count. */
  readonly planned: SyncRunResult;
  /** The two-way run's inputs and its three-way plan. */
  readonly input: Omit<TwoWayInput, 'writer' | 'onProgress' | 'isCancelled'>;
  readonly twoWay: TwoWayPlanned;
  readonly epicKey: string;
  /** The token in every form it may take, for redaction. */
  readonly secrets: readonly string[];
  /** How many executions had started when this dry run began; another one since makes it stale. */
  readonly generation: number;
}

/** A failure already shown to the user in a notice; the modal shows its message too. */
export class SyncRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyncRefused';
  }
}

/** The sync flow; one per plugin, one run at a time. See the file comment. */
export class SyncController implements PlanProvider {
  private readonly options: SyncControllerOptions;
  private readonly now: () => Date;
  private readonly records: VaultRecordStore;
  private running = false;
  /** Executions started so far: a dry run made before the latest one no longer describes Jira. */
  private generation = 0;

  constructor(options: SyncControllerOptions) {
    this.options = options;
    this.now = options.now ?? ((): Date => new Date());
    this.records = options.records ?? new VaultRecordStore(options.app.vault.adapter);
  }

  /** True while a sync executes. */
  isRunning(): boolean {
    return this.running;
  }

  /**
   * The dry run: reads the tracker and plans; writes nothing. Resolves with the pending sync whose
   * `execute` runs exactly that plan; rejects with a `SyncRefused` (already shown).
   */
  async plan(scope: SyncScope): Promise<PendingSync> {
    if (this.running) throw this.refuse('A sync is already running: wait for it to finish.', []);
    const generation = this.generation;
    const snapshot = this.options.snapshot();
    const file = snapshot.file;
    if (!file) throw this.refuse('Open an epic note to sync it.', []);
    const settings = this.options.settings();
    const previous = snapshot.result !== null && snapshot.file?.path === file.path ? snapshot.result : undefined;
    let text: string;
    try {
      text = await this.readNote(file);
    } catch {
      throw this.refuse(`Could not read ${file.path}: is it still in the vault?`, []);
    }
    const note = this.options.parse?.(file.path, text) ?? parseEpic(text, previous);
    // The note's frontmatter `tracker` chooses the tracker, hence which token is read.
    const target = syncTargetOf(settings, note.epic);
    if ('problem' in target) throw this.refuse(target.problem, []);
    const token = target.secretName ? this.options.app.secretStorage.getSecret(target.secretName) : null;
    if (!token) {
      throw this.refuse(target.tracker === 'github'
        ? 'No GitHub token: choose the secret that holds it in the Spectryn settings (GitHub).'
        : 'No API token: choose the secret that holds it in the Spectryn settings.', []);
    }
    const secrets = secretsOf({ email: target.tracker === 'jira' ? settings.email : undefined, token });
    const tracker = this.options.trackerFor(settings, token, target);
    const options: SyncRunOptions = { execute: true, updateSource: true, ...planOptionsOf(scope) };
    const input = { note, epicKey: target.epicKey, tracker, options, record: vaultRecord(this.records, target.recordKey), site: tracker.siteUrl, reading: tracker.reading, now: this.now };
    let twoWay: TwoWayPlanned;
    let planned: SyncRunResult;
    try {
      twoWay = await planTwoWay(input);
      // The dry run of the push with every conflict left: what the modal lists before any choice.
      planned = await executeTwoWay({ ...input, options: { ...options, execute: false }, planned: twoWay, resolved: leaveConflicts(twoWay) });
    } catch {
      // The run reports tracker problems as results; anything thrown is a bug whose text may quote a request.
      throw this.refuse('Unexpected failure while reading the tracker. Report this problem.', secrets);
    }
    if (planned.plan === null || twoWay.threeWay === null) throw this.refuse(dryRunFailureText(planned), secrets);
    const titles = new Map(note.epic.stories.map((story) => [story.id.toUpperCase(), story.title]));
    const warnings = withoutNoRecordWarning(planned.warnings);
    const trackerName = trackerTitle(tracker.name);
    const preview = {
      ...previewOfPlan({ plan: planned.plan, warnings }),
      ...noteFacts(note, planned.plan, scope, warnings),
      tracker: trackerName,
      twoWay: twoWayPreview(twoWay.threeWay, { titles, tracker: trackerName }),
    };
    // The status bar knows an epic by its record's name (`INFRA-100`, `acme/infra#1`, never a bare
    // `#1`); a Jira note without a key in its frontmatter has the one the plan read.
    const epicKey = target.recordKey ?? planned.plan.epicKey;
    this.options.status?.setOpenConflicts(epicKey, preview.twoWay.conflicts.length);
    const run: PendingRun = { file, note, tracker, options, planned, input, twoWay, epicKey, secrets, generation };
    let started = false;
    return {
      preview,
      execute: (control?: ExecutionControl, choices?: ConflictChoices): Promise<void> => {
        // A pending sync runs once: a second click would apply the same plan again.
        const stale = started;
        started = true;
        return this.execute(run, stale, control, choices);
      },
    };
  }

  /**
   * Executes exactly the plan of `run`, with a progress notice, then shows the result notice.
   * Resolves when done, also when operations failed (the notice says which).
   */
  private async execute(run: PendingRun, alreadyStarted: boolean, control?: ExecutionControl, choices?: ConflictChoices): Promise<void> {
    if (this.running) throw this.refuse('A sync is already running: wait for it to finish.', []);
    if (alreadyStarted || run.generation !== this.generation) throw this.refuse('Another sync ran since this plan was made: sync again to see what it changed.', []);
    this.running = true;
    this.generation += 1;
    const total = run.planned.plan?.operations.length ?? 0;
    const { parse } = this.options;
    const progress = new Notice(progressText(0, total), 0);
    const threeWay = run.twoWay.threeWay;
    // A conflict without a choice is left: written nowhere, listed again by the next sync.
    const resolved = threeWay === null ? undefined : resolveConflicts(threeWay, (conflict) => choices?.get(conflict.id) ?? 'leave');
    let result: Awaited<ReturnType<typeof executeTwoWay>>;
    try {
      result = await executeTwoWay({
        ...run.input,
        planned: run.twoWay,
        resolved,
        writer: this.writerFor(run.file),
        onProgress: (done, all) => { progress.setMessage(progressText(done, all)); },
        isCancelled: () => control?.isCancelled() ?? false,
        parse: parse ? (text: string): ParseResult => parse(run.file.path, text) : undefined,
      });
    } finally {
      this.running = false;
      progress.hide();
    }
    const { status } = this.options;
    if (status) {
      status.setOpenConflicts(run.epicKey, result.conflicts.length);
      await status.reload(run.epicKey);
    }
    const text = [resultText({ ...result, warnings: withoutNoRecordWarning(result.warnings) }, run.epicKey), twoWayResultText(result, trackerTitle(run.tracker.name))].filter((line) => line !== '').join('\n');
    new Notice(redact(text, run.secrets), result.ending === 'synced' ? RESULT_NOTICE_MS : 0);
  }

  /** Writes into the note through its editor when open (at write time), else through `Vault.process`. */
  private writerFor(file: TFile): NoteWriter {
    return {
      target: file.path,
      apply: (compute: (currentText: string) => readonly TextEdit[]): Promise<void> => {
        const editor = this.editorOf(file);
        if (editor) return editorWriter(editor).apply(compute);
        return processNoteWriter((update) => this.options.app.vault.process(file, update)).apply(compute);
      },
    };
  }

  /** The editor showing `file`, if one is open. */
  private editorOf(file: TFile): SyncEditor | null {
    for (const leaf of this.options.app.workspace.getLeavesOfType('markdown')) {
      const view = leaf.view;
      if (view instanceof MarkdownView && view.file?.path === file.path) return view.editor;
    }
    return null;
  }

  private async readNote(file: TFile): Promise<string> {
    return this.editorOf(file)?.getValue() ?? this.options.app.vault.read(file);
  }

  /** Shows `message` (redacted) in a notice and returns the error the modal displays. */
  private refuse(message: string, secrets: readonly string[]): SyncRefused {
    const text = redact(message, secrets);
    new Notice(text, 0);
    return new SyncRefused(text);
  }
}

/**
 * A `NoteWriter` over an editor: one transaction per batch, computed from the editor's current text
 * right before dispatching (nothing can be typed in between), so the user's edits stay.
 */
export function editorWriter(editor: SyncEditor): NoteWriter {
  return editorNoteWriter({
    currentText: () => editor.getValue(),
    dispatch: (edits) => {
      editor.transaction({
        changes: edits.map((edit) => ({ from: editor.offsetToPos(edit.from), to: editor.offsetToPos(edit.to), text: edit.insert })),
      }, 'spectryn-sync');
    },
  });
}

/**
 * The sync record of `epicKey` in the vault as the run's `RecordStore`: the write replaces the file
 * only if it still holds the text this run read (docs/sync-record.md; `VaultRecordStore.replace`).
 */
export function vaultRecord(records: VaultRecordStore, epicKey: string | null): RecordStore {
  let read: string | null = null;
  return {
    target: recordTarget(epicKey),
    read: async () => {
      if (epicKey === null) return null;
      read = await records.read(epicKey);
      return read;
    },
    write: async (text) => {
      if (epicKey === null) throw new Error('the note names no epic');
      await records.replace(epicKey, read, text);
      read = text;
    },
  };
}

/** The record's path for messages; "the sync record" when the note names no usable epic key. */
function recordTarget(epicKey: string | null): string {
  try {
    return epicKey === null ? 'the sync record' : recordPathFor(epicKey);
  } catch {
    return 'the sync record';
  }
}

/**
 * The warnings without the run's `NO_RECORD_WARNING`: the modal says so in its own section
 * (`TwoWayPreview.noRecord`), and after the sync the record exists.
 */
function withoutNoRecordWarning(warnings: readonly string[]): string[] {
  return warnings.filter((warning) => warning !== NO_RECORD_WARNING);
}

/** Every conflict of a planned run left (the modal's starting point: nothing chosen). */
function leaveConflicts(planned: TwoWayPlanned): ReturnType<typeof resolveConflicts> | undefined {
  return planned.threeWay === null ? undefined : resolveConflicts(planned.threeWay, () => 'leave');
}

/** The plan limits of a scope: statuses only (`phase: 'statuses'`), one story (`stories: [id]`) or all. */
export function planOptionsOf(scope: SyncScope): Pick<SyncRunOptions, 'phase' | 'stories'> {
  switch (scope.kind) {
    case 'all': return { phase: 'all' };
    case 'statuses': return { phase: 'statuses' };
    case 'story': return { phase: 'all', stories: [scope.storyId] };
  }
}

/**
 * What the plan modal adds from the note: its warnings (each changes what the sync does, since
 * errors refuse it: a subtask table read without its `|---|` row, a status or points value read
 * otherwise), and for a statuses-only sync the stories not in the tracker yet (the plan's
 * `notInTracker`), said once in the plugin's words instead of the engine's per-story warnings
 * (`notInTrackerWarning`, which name the CLI's `--phase`).
 */
export function noteFacts(note: ParseResult, plan: SyncPlan, scope: SyncScope, warnings: readonly string[]): Pick<PlanPreview, 'problems' | 'notInTracker' | 'warnings'> {
  const problems = note.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').map(({ line, message }) => ({ line, message }));
  if (scope.kind !== 'statuses') return { problems };
  const notInTracker = plan.notInTracker ?? [];
  // The engine's warning for each of them is replaced by the one line the modal shows.
  const replaced = new Set(notInTracker.map(notInTrackerWarning));
  return { problems, notInTracker, warnings: warnings.filter((warning) => !replaced.has(warning)) };
}

/** Why a dry run produced no plan, in the plugin's words (the CLI's mention of `-e` left out). */
function dryRunFailureText(planned: SyncRunResult): string {
  if (planned.ending === 'noEpicKey') {
    return 'No epic key: add `epic: KEY` (the Jira epic) to the note\'s frontmatter.';
  }
  if (planned.failure !== null) return `${planned.failure.message} ${planned.failure.hint}`;
  const [first, ...rest] = planned.errors;
  const named = rest.slice(0, NOTE_ERRORS_NAMED);
  const more = rest.length > NOTE_ERRORS_NAMED ? [`…and ${rest.length - NOTE_ERRORS_NAMED} more.`] : [];
  return [first ?? 'The dry run failed.', ...named, ...more].join('\n');
}
