/**
 * One sync run, shared by the CLI and the plugin: read → plan → (dry run: stop) → execute with
 * write-back batch by batch → the cli.md `operations` JSON and exit code. The note is written only
 * through a `NoteWriter`, which computes its edits from the note's CURRENT text, so typing during a
 * sync is kept.
 */
import { parseEpic, type ParseResult } from '../model/index';
import type { ReportOperation } from '../model/report';
import { EXIT } from './exit-codes';
import { hintFor, TrackerError, type ErrorKind } from './errors';
import { skippedUnexpectedly, trackerTitle, type KeyAssignment, type OperationResult, type PlannedOperation, type PlanOptions, type SyncOutcome, type SyncPlan, type Tracker } from './tracker';
import { writeBackPlan, type TextEdit } from './writeback';

/** Writes into the note: `compute` gets the current text and returns edits for exactly that text. */
export interface NoteWriter {
  /** Rejects when the note cannot be read or written (the error's message says why). */
  apply(compute: (currentText: string) => readonly TextEdit[]): Promise<void>;
  /** Where the note is, for messages ("Epics/Seed.md", a file path); default "the note". */
  readonly target?: string;
}

/** Options of one run. */
export interface SyncRunOptions extends PlanOptions {
  /** Apply the plan (`-x`); default false: dry run. */
  readonly execute: boolean;
  /** Write keys back into the note (default on with `execute`). */
  readonly updateSource: boolean;
}

/** Inputs of `syncNote`. */
export interface SyncRunInput {
  /** The note as parsed when the run starts. */
  readonly note: ParseResult;
  /** `-e`, else the note's frontmatter `epic`. */
  readonly epicKey: string | null;
  readonly tracker: Tracker;
  readonly options: SyncRunOptions;
  /** Required when `execute && updateSource`. */
  readonly writer?: NoteWriter;
  /** The clock for `Synced:` stamps. */
  readonly now: () => Date;
  /** Progress of the execution (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** True stops the execution between requests (exit 80); keys already created are still written. */
  readonly isCancelled?: () => boolean;
  /**
   * Parses the note's current text before each write-back batch (the plugin's parse store).
   * Default: `parseEpic`, incremental from the previous batch's parse (the first from `note`).
   */
  readonly parse?: (text: string) => ParseResult;
}

/**
 * How a run ended, as a value: `planned` (a dry run that made its plan), `synced` (every operation
 * done), `partial` (some failed or were skipped), `cancelled`, `noEpicKey`, `noteErrors` (the note
 * has error diagnostics), `failed` (`failure` says why). The CLI turns it into its exit code.
 */
export type RunEnding = 'planned' | 'synced' | 'partial' | 'cancelled' | 'noEpicKey' | 'noteErrors' | 'failed';

/** What a run produced. `operations` is the cli.md JSON; `exitCode` the cli.md code of `ending`. */
export interface SyncRunResult {
  readonly ending: RunEnding;
  readonly exitCode: number;
  readonly plan: SyncPlan | null;
  readonly outcome: SyncOutcome | null;
  readonly operations: readonly ReportOperation[];
  /** Run-level errors in plain words (never a token). */
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  /**
   * The error that stopped the run, when one did; kind `noteWrite` when the tracker changes were
   * made but their keys could not all be written into the note (`operations` say what was done).
   */
  readonly failure: { readonly kind: ErrorKind; readonly message: string; readonly hint: string } | null;
  /** Issue keys newly written into the note by this run (a refreshed `Synced:` stamp is not one); 0 for a dry run. */
  readonly keysWritten: number;
}

/** Runs one sync (read, plan, and with `execute` the execution). Never throws for tracker problems. */
export async function syncNote(input: SyncRunInput): Promise<SyncRunResult> {
  const planned = await planNote(input);
  if (!input.options.execute || planned.plan === null) return planned;
  return executePlan({ ...input, planned });
}

/**
 * The dry run: checks the note, reads the tracker, plans. The plugin shows `plan` in its modal and
 * passes the same result to `executePlan` (with the same tracker instance) when the user accepts.
 */
export async function planNote(input: Omit<SyncRunInput, 'writer' | 'now' | 'onProgress' | 'isCancelled'>): Promise<SyncRunResult> {
  const { note, tracker, options } = input;
  const checked = checkNote(note, input.epicKey);
  if (!checked.ok) return checked.result;
  let plan: SyncPlan;
  try {
    const remote = await tracker.read(checked.epicKey, note);
    plan = await tracker.plan(note, remote, { phase: options.phase, stories: options.stories });
  } catch (error) {
    return stoppedRun(error);
  }
  return plannedRun(plan, tracker.name);
}

/** The epic key to sync, or the run's ending when the note cannot be synced (no epic key, note errors). */
export function checkNote(note: ParseResult, epicKey: string | null): { readonly ok: true; readonly epicKey: string } | { readonly ok: false; readonly result: SyncRunResult } {
  const key = epicKey ?? note.epic.key;
  const stop = (ending: RunEnding, errors: readonly string[]): SyncRunResult => ({ ending, exitCode: runExitCode(ending, null), plan: null, outcome: null, operations: [], errors, warnings: [], failure: null, keysWritten: 0 });
  if (key === null || key.trim() === '') return { ok: false, result: stop('noEpicKey', ['No epic key: add `epic: KEY` to the frontmatter or pass -e KEY.']) };
  const noteErrors = note.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (noteErrors.length > 0) {
    return { ok: false, result: stop('noteErrors', ['The note has errors; fix them before syncing.', ...noteErrors.map((diagnostic) => `line ${diagnostic.line}: ${diagnostic.message}`)]) };
  }
  return { ok: true, epicKey: key };
}

/** The ending of a run stopped by `error` before anything was written. */
export function stoppedRun(error: unknown): SyncRunResult {
  const failure = describeFailure(error);
  return { ending: 'failed', exitCode: runExitCode('failed', failure), plan: null, outcome: null, operations: [], errors: [`${failure.message} ${failure.hint}`], warnings: [], failure, keysWritten: 0 };
}

/**
 * The warning of a story a phase without creates leaves out (`SyncPlan.notInTracker`), as the CLI
 * prints it. The one wording: callers that say it in their own words drop exactly this text.
 */
export function notInTrackerWarning(storyId: string): string {
  return `${storyId} is not in the tracker yet: sync with --phase all or descriptions first.`;
}

/** The dry-run result of a plan: its operations as planned, its warnings and unmatched issues (`tracker`: its `Tracker.name`, default `jira`). */
export function plannedRun(plan: SyncPlan, tracker = 'jira'): SyncRunResult {
  const warnings = [...plan.warnings, ...(plan.notInTracker ?? []).map(notInTrackerWarning), ...plan.unmatched.map((issue) => `${issue.key} (${issue.summary}) is under ${issue.parentKey ?? 'the epic'} in ${trackerTitle(tracker)} but not in the note; it is left alone.`)];
  return { ending: 'planned', exitCode: runExitCode('planned', null), plan, outcome: null, operations: plan.operations.map((operation) => reportOperation(operation, null)), errors: [], warnings, failure: null, keysWritten: 0 };
}

/**
 * Executes the plan of a `planNote` result exactly, writing keys into the note batch by batch
 * (when `options.updateSource`), then the epic key and the `Synced:` stamps of changed stories.
 * A write into the note that fails does not stop the run: the tracker changes go on, every
 * operation reports what it did, and the result (kind `noteWrite`, exit 1) lists the keys to add
 * by hand.
 */
export async function executePlan(input: SyncRunInput & { readonly planned: SyncRunResult }): Promise<SyncRunResult> {
  const { note, tracker, options, planned } = input;
  const plan = planned.plan;
  if (plan === null) return planned;
  const epicKey = plan.epicKey;
  const warnings = planned.warnings;
  const writer = options.updateSource ? input.writer : undefined;
  const written = new Set<string>();
  let keysWritten = 0;
  const unwritten: KeyAssignment[] = [];
  let writeFailure: string | null = null;
  let lastParse = note;
  const parse = input.parse ?? ((text: string): ParseResult => (lastParse = parseEpic(text, lastParse)));
  const write = async (batch: readonly KeyAssignment[]): Promise<void> => {
    if (writer === undefined || batch.length === 0) return;
    for (const assignment of batch) if (assignment.kind === 'story') written.add(assignment.storyId.toUpperCase());
    let placed: readonly KeyAssignment[] | null = null;
    try {
      await writer.apply((text) => {
        const result = writeBackPlan(text, parse(text).epic, batch, { browseUrl: (key) => tracker.browseUrl(key), now: input.now() });
        placed = result.placed;
        return result.edits;
      });
    } catch (error) {
      // The issues exist in the tracker now: keep going, and say which keys the note lacks.
      writeFailure ??= error instanceof Error && error.message ? error.message : 'the write was refused';
      unwritten.push(...(placed ?? batch));
      return;
    }
    keysWritten += (placed ?? []).length;
  };
  let outcome: SyncOutcome;
  try {
    outcome = await tracker.execute(plan, { onKeys: write, onProgress: input.onProgress, isCancelled: input.isCancelled });
    // The epic key and the Synced stamps of stories changed without a new key.
    const final: KeyAssignment[] = [];
    if (note.epic.key === null) final.push({ kind: 'epic', key: epicKey });
    for (const result of outcome.results) {
      const operation = result.operation;
      if (result.status !== 'done' || operation.subtaskNumber !== null || result.issueKey === null || written.has(operation.storyId.toUpperCase())) continue;
      written.add(operation.storyId.toUpperCase());
      final.push({ kind: 'story', storyId: operation.storyId, key: result.issueKey });
    }
    await write(final);
  } catch (error) {
    const failure = describeFailure(error);
    return { ending: 'failed', exitCode: runExitCode('failed', failure), plan, outcome: null, operations: plan.operations.map((operation) => reportOperation(operation, null)), errors: [`${failure.message} ${failure.hint}`], warnings, failure, keysWritten };
  }
  const failed = outcome.results.filter((result) => result.status === 'failed');
  const errors = failed.map((result) => `${result.operation.id}: ${result.error?.message ?? 'failed'} ${result.error?.hint ?? ''}`.trim());
  const cancelled = outcome.results.some((result) => result.status === 'skipped' && result.reason === 'cancelled');
  const skipped = outcome.results.some(skippedUnexpectedly);
  const operations = outcome.results.map((result) => reportOperation(result.operation, result));
  if (writeFailure !== null) {
    const failure = noteWriteFailure(writer?.target ?? 'the note', writeFailure, unwritten);
    return { ending: 'failed', exitCode: runExitCode('failed', failure), plan, outcome, operations, errors: [`${failure.message} ${failure.hint}`, ...errors], warnings, failure, keysWritten };
  }
  // The tracker stopped answering (or answered unlike itself) mid-run: the run stopped there.
  if (outcome.stoppedBy !== undefined) {
    const failure = outcome.stoppedBy;
    return { ending: 'failed', exitCode: runExitCode('failed', failure), plan, outcome, operations, errors: [`Stopped: ${failure.message} ${failure.hint}`, ...errors.filter((error) => !error.includes(failure.message))], warnings, failure, keysWritten };
  }
  const ending: RunEnding = cancelled ? 'cancelled' : failed.length > 0 || skipped ? 'partial' : 'synced';
  return {
    ending,
    exitCode: runExitCode(ending, null),
    plan,
    outcome,
    operations,
    errors,
    warnings,
    failure: null,
    keysWritten,
  };
}

/** The failure of a write-back: where it failed, why, and the keys to add by hand. */
function noteWriteFailure(target: string, reason: string, keys: readonly KeyAssignment[]): { kind: ErrorKind; message: string; hint: string } {
  const named = keys.map((assignment) => {
    if (assignment.kind === 'epic') return `epic: ${assignment.key}`;
    if (assignment.kind === 'story') return `${assignment.storyId}: ${assignment.key}`;
    return `${assignment.storyId} subtask ${assignment.number}: ${assignment.key}`;
  });
  const list = named.length > 0 ? ` Keys to add by hand: ${named.join(', ')}.` : '';
  return { kind: 'noteWrite', message: `Could not write the issue keys into ${target}: ${reason}.${list}`, hint: hintFor('noteWrite') };
}

/** The cli.md JSON of one operation: planned (no result) or as executed. */
export function reportOperation(operation: PlannedOperation, result: OperationResult | null): ReportOperation {
  const fields: Record<string, unknown> = {};
  for (const change of operation.changes) fields[change.field] = change.after;
  const base = {
    action: operation.action,
    story: operation.storyId,
    issue_key: result?.issueKey ?? operation.issueKey,
    fields,
    status: result?.status ?? 'planned',
  } as const;
  const withSubtask = operation.subtaskNumber !== null ? { ...base, subtask: operation.subtaskNumber } : base;
  if (result?.status === 'failed') return { ...withSubtask, error: `${result.error?.message ?? 'failed'}` };
  if (result?.status === 'skipped') return { ...withSubtask, reason: result.reason ?? 'skipped' };
  return withSubtask;
}

function describeFailure(error: unknown): { kind: ErrorKind; message: string; hint: string } {
  if (error instanceof TrackerError) return { kind: error.kind, message: error.message, hint: error.hint };
  // Anything else is a bug of ours; its message may quote a request, so it is not shown.
  return { kind: 'server', message: 'Unexpected failure during sync.', hint: 'Report this problem.' };
}

/** The cli.md exit code of a run's ending (`failure` decides it for `failed`). */
export function runExitCode(ending: RunEnding, failure: { readonly kind: ErrorKind } | null): number {
  switch (ending) {
    case 'planned':
    case 'synced': return EXIT.ok;
    case 'partial': return EXIT.partialSuccess;
    case 'cancelled': return EXIT.cancelled;
    case 'noEpicKey': return EXIT.configuration;
    case 'noteErrors': return EXIT.invalidNote;
    case 'failed': return failure === null ? EXIT.unexpected : exitCodeOf(failure.kind);
  }
}

/** The exit code for a run stopped by an error of this kind. */
export function exitCodeOf(kind: ErrorKind): number {
  switch (kind) {
    case 'auth':
    case 'forbidden':
      return EXIT.authenticationRefused;
    case 'notFound':
      return EXIT.invalidNote;
    case 'network':
    case 'timeout':
    case 'server':
    case 'rateLimit':
    case 'notTracker':
      return EXIT.trackerUnreachable;
    // A refusal that stops a whole run comes from the reads and the site metadata: the settings
    // (site, kind of Jira, project, issue types) or the epic key are wrong, not the note's values.
    case 'configuration':
    case 'validation':
      return EXIT.configuration;
    case 'noteWrite':
    default:
      return EXIT.unexpected;
  }
}
