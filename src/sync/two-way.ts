/**
 * The two-way run (issue 13, docs/sync-record.md "Integration plan"), shared by the CLI and the
 * plugin: read the sync record → read the tracker → three-way plan per field → conflicts resolved
 * by the caller (CLI `--conflict-strategy`, plugin modal: `resolveConflicts`) → pulls and
 * additions written into the note through a `NoteWriter` (computed on its current text) → pushes
 * through the existing plan/execute, limited to the fields decided `push` → the record written
 * once, with only what succeeded. A run that changes nothing writes nothing (not even the record).
 *
 *   const planned = await planTwoWay(input);                   // reads only
 *   const resolved = applyConflictStrategy(planned.threeWay, 'skip')   // or resolveConflicts(…)
 *   const result = await executeTwoWay({ ...input, planned, resolved });
 *
 * With `options.execute` false, `executeTwoWay` is the dry run: it lists what would happen.
 */
import { parseEpic } from '../model/index';
import { additionEdits } from './record/addition-edits';
import { applyConflictStrategy, limitPlan, resolveConflicts, type ConflictChoice, type ConflictReport, type ConflictStrategy, type ResolvedPlan } from './record/conflicts';
import { parseRecord, recordFor, serialiseRecord } from './record/format';
import { pullEdits, type SkippedPull } from './record/pull-edits';
import type { TrackerReading } from './record/reading';
import { agreedAfter, noteUnchangedSince, planThreeWay, type FieldDecision, type RemoteAddition, type ReportedIssue, type ThreeWayPlan } from './record/three-way';
import type { AgreedField, SyncRecord } from './record/types';
import { updateRecord, type Agreement } from './record/update';
import { checkNote, executePlan, plannedRun, runExitCode, stoppedRun, type SyncRunInput, type SyncRunResult } from './run';
import { trackerTitle, type OperationResult, type RemoteEpic, type SyncPlan } from './tracker';
import { writeBackPlan, type TextEdit } from './writeback';

export { applyConflictStrategy, resolveConflicts };
export type { ConflictChoice, ConflictReport, ConflictStrategy, FieldDecision, RemoteAddition, ReportedIssue, ResolvedPlan, ThreeWayPlan };

/**
 * The warning of a run without a sync record (`TwoWayRunResult.noRecord`), as the CLI prints it.
 * The one wording: callers that say it in their own words (the plugin's modal) drop exactly this text.
 */
export const NO_RECORD_WARNING = 'No sync record for this epic yet: the note is pushed as on a first sync, and the record starts with this sync.';

/**
 * Where the run reads and writes the sync record (docs/sync-record.md "Where the record lives"):
 * the CLI's file (`.spectryn/sync/<EPIC>.jsonl`, atomic replace), the plugin's vault adapter.
 */
export interface RecordStore {
  /** The record's text, or null when there is none yet. Rejects when it exists but cannot be read. */
  read(): Promise<string | null>;
  /** Replaces the whole record atomically (creating its folder when needed). */
  write(text: string): Promise<void>;
  /** Where the record is, for messages; default "the sync record". */
  readonly target?: string;
}

/** Inputs of a two-way run: those of `syncNote`, plus the record and how the tracker reads. */
export interface TwoWayInput extends SyncRunInput {
  readonly record: RecordStore;
  /** The tracker's site (`https://acme.atlassian.net`): a record of another site is not used. */
  readonly site: string;
  /** How tracker values read in the note's vocabulary (Jira: `jiraRecordReading(config)`). */
  readonly reading: TrackerReading;
  /** `--pull`: only tracker → note (no tracker write at all); default false. */
  readonly pullOnly?: boolean;
  /**
   * The note's current text, read without writing (CLI: the file; plugin: the editor or
   * `vault.read`). Used after a run that created issues, to record what both sides now hold.
   * Default: read through `writer` with an empty edit.
   */
  readonly readNote?: () => Promise<string>;
}

/** What `planTwoWay` found. When `threeWay` is null the run stopped: `stopped` says why. */
export interface TwoWayPlanned {
  /** The ending of a run that could not plan (no epic key, note errors, tracker failure); null when planned. */
  readonly stopped: SyncRunResult | null;
  /** The three-way plan within `--phase`, `--story` and `--pull`; null when stopped. */
  readonly threeWay: ThreeWayPlan | null;
  readonly remote: RemoteEpic | null;
  /** The record as read (null: none, or of no use); `threeWay.noRecord` says the same. */
  readonly record: SyncRecord | null;
  /** The record's text as read (null: none): the record is written only when its new text differs. */
  readonly recordText: string | null;
  readonly epicKey: string | null;
  /** Problems reading the record, in plain words (the damaged part counts as never synced). */
  readonly warnings: readonly string[];
  /** When the record last changed (the latest entry's `synced`, ISO 8601 UTC), for "synced 5 min ago"; null without a record. */
  readonly lastSynced: string | null;
  /**
   * True when the no-op probe proved that neither side changed since the record: `threeWay` is
   * empty, `remote` holds no stories (the tracker was not read in full) and nothing is executed.
   * Absent or false: a full read.
   */
  readonly unchanged?: boolean;
  /**
   * The tracker's `updated` stamps this read may record, by key: only of issues whose every field
   * this run settles (unchanged, agreeing, or a pull within the run's limits). An issue left with a
   * push, a conflict or a pull outside `--phase`/`--story`/`--pull` keeps its old stamp, so the
   * next run's probe sees it as changed and reads in full. Absent: none.
   */
  readonly stamps?: ReadonlyMap<string, string>;
}

/** What a two-way run did (or, as a dry run, would do), besides the push run's result. */
export interface TwoWayResult extends SyncRunResult {
  /** The three-way plan (null when the run stopped before planning). */
  readonly threeWay: ThreeWayPlan | null;
  /** Conflicts left unresolved (skip, abort, a "leave" choice), in the JSON result's form. */
  readonly conflicts: readonly ConflictReport[];
  /** Fields written (dry run: to write) into the note from the tracker. */
  readonly pulls: readonly FieldDecision[];
  /** Pulls that could not be written (the note changed there meanwhile, descriptions), and why. */
  readonly skippedPulls: readonly SkippedPull[];
  /** Tracker issues added (dry run: to add) to the note. */
  readonly additions: readonly RemoteAddition[];
  /** Issues reported and left alone (moved out of the epic, deleted, removed from the note). */
  readonly reported: readonly ReportedIssue[];
  /** True when there was no usable record: the note is pushed as on a first sync. */
  readonly noRecord: boolean;
  /** True when nothing was written because `abort` met a conflict. */
  readonly aborted: boolean;
  /** True when this run wrote the record. */
  readonly recordWritten: boolean;
}

/** Reads the record and the tracker, and makes the three-way plan. Never writes, never throws for tracker problems. */
export async function planTwoWay(input: Omit<TwoWayInput, 'writer' | 'onProgress' | 'isCancelled'>): Promise<TwoWayPlanned> {
  const { note, tracker, options } = input;
  const none = { threeWay: null, remote: null, record: null, recordText: null, warnings: [], lastSynced: null };
  const checked = checkNote(note, input.epicKey);
  if (!checked.ok) return { ...none, stopped: checked.result, epicKey: null };
  const epicKey = checked.epicKey;
  let recordText: string | null;
  try {
    recordText = await input.record.read();
  } catch (error) {
    const reason = error instanceof Error && error.message ? error.message : 'it cannot be read';
    const failure = { kind: 'noteWrite' as const, message: `Could not read ${input.record.target ?? 'the sync record'}: ${reason}. Nothing was synced.`, hint: 'Check that the file is readable, or move it away to sync as a first time.' };
    return { ...none, stopped: { ending: 'failed', exitCode: runExitCode('failed', failure), plan: null, outcome: null, operations: [], errors: [failure.message], warnings: [], failure, keysWritten: 0 }, epicKey };
  }
  const reading = recordFor(recordText === null ? { record: null, diagnostics: [] } : parseRecord(recordText), { epic: epicKey, tracker: tracker.name, site: input.site });
  const warnings = reading.diagnostics.map((diagnostic) => `${input.record.target ?? 'The sync record'}, line ${diagnostic.line}: ${diagnostic.message}`);
  if (await nothingChanged(input, epicKey, reading.record)) {
    // Neither side moved since the record: the plan is empty, and no full read is needed (docs/sync-record.md "Request budget").
    const threeWay: ThreeWayPlan = { fields: [], additions: [], reported: [], noRecord: false };
    const remote: RemoteEpic = { key: epicKey, summary: '', stories: [], storyPointsField: null, warnings: [] };
    return { stopped: null, threeWay, remote, record: reading.record, recordText, epicKey, warnings, lastSynced: lastSyncedOf(reading.record), unchanged: true };
  }
  let remote: RemoteEpic;
  try {
    remote = await tracker.read(epicKey, note);
  } catch (error) {
    return { ...none, stopped: stoppedRun(error), epicKey, warnings };
  }
  const full = planThreeWay({ epic: note.epic, remote, record: reading.record, reading: input.reading });
  const threeWay = limitPlan(full, { phase: options.phase, stories: options.stories, pullOnly: input.pullOnly });
  return { stopped: null, threeWay, remote, record: reading.record, recordText, epicKey, warnings, lastSynced: lastSyncedOf(reading.record), stamps: settledStamps(remote, full.fields, threeWay.fields) };
}

/**
 * Carries out a planned two-way run with its conflicts resolved (`resolved`: from
 * `applyConflictStrategy` or `resolveConflicts` on `planned.threeWay`; default: `skip`). Dry run
 * unless `options.execute`. Order: pulls and additions into the note (one edit), then the pushes
 * (the existing execution, keys written back batch by batch), then the record. Unresolved
 * conflicts end the run `partial` (exit 64); `abort` with conflicts writes nothing (exit 64).
 */
export async function executeTwoWay(input: TwoWayInput & { readonly planned: TwoWayPlanned; readonly resolved?: ResolvedPlan }): Promise<TwoWayResult> {
  const { planned, tracker, options } = input;
  const threeWay = planned.threeWay;
  const empty = { threeWay, conflicts: [], pulls: [], skippedPulls: [], additions: [], reported: [], noRecord: planned.record === null, aborted: false, recordWritten: false };
  if (planned.stopped !== null || threeWay === null || planned.remote === null || planned.epicKey === null) {
    const stopped = planned.stopped ?? stoppedRun(new Error('not planned'));
    return { ...stopped, ...empty, warnings: [...planned.warnings, ...stopped.warnings] };
  }
  if (planned.unchanged === true) {
    // Nothing to push, pull, add or report: the run ends here, without a tracker request.
    const idle = plannedRun({ epicKey: planned.epicKey, operations: [], discoveredKeys: [], unmatched: [], warnings: [] });
    const ending = options.execute ? 'synced' : 'planned';
    return { ...idle, ...empty, ending, exitCode: runExitCode(ending, null), outcome: options.execute ? { results: [], keys: [] } : null, warnings: planned.warnings };
  }
  const remote = planned.remote;
  const resolved = input.resolved ?? applyConflictStrategy(threeWay, 'skip');
  const reportedWarnings = threeWay.reported.map((issue) => reportedWarning(issue, trackerTitle(tracker.name)));
  const base = { threeWay, conflicts: resolved.conflicts, reported: threeWay.reported, noRecord: threeWay.noRecord, aborted: resolved.aborted, recordWritten: false };
  const pulls = resolved.actions.filter((decision) => decision.decision === 'pull');
  const pushes = resolved.actions.filter((decision) => decision.decision === 'push');
  const noRecordWarning = threeWay.noRecord ? [NO_RECORD_WARNING] : [];
  const warnings = [...planned.warnings, ...noRecordWarning, ...reportedWarnings];

  if (resolved.aborted) {
    const ending = options.execute ? 'partial' : 'planned';
    return { ...base, ending, exitCode: runExitCode(ending, null), plan: null, outcome: null, operations: [], errors: [`${resolved.conflicts.length} ${resolved.conflicts.length === 1 ? 'conflict' : 'conflicts'}: nothing was written (--conflict-strategy abort).`], warnings, failure: null, keysWritten: 0, pulls: [], skippedPulls: [], additions: [] };
  }

  // The push: the existing planner, limited to the fields decided `push` when there is a record.
  const pushIds = new Set(pushes.map((decision) => decision.id.toUpperCase()));
  const writable = threeWay.noRecord ? undefined : (storyId: string, subtask: number | null, field: string): boolean => pushIds.has(fieldId(storyId, subtask, field));
  let plan: SyncPlan;
  try {
    plan = input.pullOnly === true
      ? { epicKey: remote.key, operations: [], discoveredKeys: [], unmatched: [], warnings: [] }
      : await tracker.plan(input.note, remote, { phase: options.phase, stories: options.stories, writable });
  } catch (error) {
    const stopped = stoppedRun(error);
    return { ...stopped, ...base, warnings, pulls: [], skippedPulls: [], additions: [] };
  }
  const preview = plannedRun(plan, tracker.name);
  if (!options.execute) {
    return { ...preview, ...base, warnings: [...warnings, ...preview.warnings], pulls, skippedPulls: [], additions: resolved.additions };
  }

  // 1. Pulls and additions, in one edit of the note's current text.
  const writer = options.updateSource ? input.writer : undefined;
  let skippedPulls: SkippedPull[] = [];
  let added: RemoteAddition[] = [];
  const errors: string[] = [];
  let pullFailed = false;
  if ((pulls.length > 0 || resolved.additions.length > 0) && writer === undefined) {
    skippedPulls = pulls.map((decision) => ({ decision, reason: 'the note is not written (--no-update-source)' }));
  } else if (writer !== undefined && (pulls.length > 0 || resolved.additions.length > 0)) {
    let keysToPlace: Parameters<typeof writeBackPlan>[2] = [];
    try {
      await writer.apply((text) => {
        const epic = parseEpic(text).epic;
        const pulled = pullEdits(text, epic, pulls, input.reading);
        const addition = additionEdits(text, epic, resolved.additions, { browseUrl: (key) => tracker.browseUrl(key), now: input.now() });
        skippedPulls = pulled.skipped;
        const skippedAdditions = new Set(addition.skipped.map((skip) => skip.addition));
        added = resolved.additions.filter((item) => !skippedAdditions.has(item));
        keysToPlace = addition.keys;
        return mergeEdits(pulled.edits, addition.edits);
      });
      if (keysToPlace.length > 0) {
        const keys = keysToPlace;
        await writer.apply((text) => writeBackPlan(text, parseEpic(text).epic, keys, { browseUrl: (key) => tracker.browseUrl(key), now: input.now() }).edits);
      }
    } catch (error) {
      // Nothing of the pull is recorded: the next run sees the same tracker change and pulls it again.
      pullFailed = true;
      skippedPulls = pulls.map((decision) => ({ decision, reason: 'the note could not be written' }));
      added = [];
      errors.push(`Could not write ${trackerTitle(tracker.name)}'s changes into ${writer.target ?? 'the note'}: ${error instanceof Error && error.message ? error.message : 'the write was refused'}. Sync again.`);
    }
  }
  const skippedIds = new Set(skippedPulls.map((skip) => skip.decision.id));
  const pulled = pullFailed ? [] : pulls.filter((decision) => !skippedIds.has(decision.id));

  // 2. The pushes (keys of created issues written back as today).
  const executed = await executePlan({ ...input, planned: preview });

  // 3. The record, with only what succeeded.
  const agreements = recordAgreements(threeWay, pushes, pulled, executed.outcome?.results ?? null, input.reading);
  // A pull that was not written leaves its issue's stamp as it was: the next run must see that change again.
  const unpulled = new Set(pulls.filter((decision) => !pulled.includes(decision)).map((decision) => decision.issueKey.toUpperCase()));
  const updated = new Map([...(planned.stamps ?? [])].filter(([key]) => !unpulled.has(key.toUpperCase())));
  const created = (executed.outcome?.results ?? []).some((result) => result.status === 'done' && result.operation.action.startsWith('create_'));
  // A run the tracker stopped answering (or the user cancelled) sends nothing more: those issues
  // are compared as on a first sync next time, which pushes nothing they already hold.
  const stopped = (executed.outcome?.stoppedBy ?? null) !== null || executed.ending === 'cancelled';
  if (!stopped && (created || (threeWay.noRecord && (executed.outcome?.results ?? []).some((result) => result.status === 'done')))) {
    // New issues (and a first sync's pushes) have no agreement yet: read both sides once more and
    // record the fields they now agree on, and only those.
    try {
      const settled = await settledAgreements(input, planned.epicKey, writer);
      agreements.push(...settled.agreements);
      for (const [key, stamp] of settled.stamps) updated.set(key, stamp);
    } catch (error) {
      errors.push(`Could not read back what this sync wrote (${error instanceof Error && error.message ? error.message : 'the read failed'}): the next sync compares those issues as on a first sync.`);
    }
  }
  let recordWritten = false;
  const next = serialiseRecord(updateRecord({ previous: planned.record, epic: planned.epicKey, tracker: tracker.name, site: input.site, agreements, updated, now: input.now() }));
  // Fresh stamps alone are worth writing: without them every later run would read in full.
  if ((agreements.length > 0 || (planned.record !== null && updated.size > 0)) && next !== planned.recordText) {
    try {
      await input.record.write(next);
      recordWritten = true;
    } catch (error) {
      errors.push(`Could not write ${input.record.target ?? 'the sync record'}: ${error instanceof Error && error.message ? error.message : 'the write was refused'}. The next sync compares without this sync's agreements.`);
    }
  }

  const unresolved = resolved.conflicts.length > 0;
  const ending = executed.ending === 'synced' && (unresolved || errors.length > 0) ? 'partial' : executed.ending;
  const conflictErrors = unresolved ? [`${resolved.conflicts.length} ${resolved.conflicts.length === 1 ? 'conflict was' : 'conflicts were'} left as they are: choose a side (--conflict-strategy force-local or force-remote, or edit the note).`] : [];
  return {
    ...executed,
    ...base,
    ending,
    exitCode: ending === executed.ending ? executed.exitCode : runExitCode(ending, null),
    errors: [...executed.errors, ...errors, ...conflictErrors],
    warnings: [...warnings, ...executed.warnings, ...skippedPulls.map((skip) => `${skip.decision.id} was not taken from ${trackerTitle(tracker.name)}: ${skip.reason}.`)],
    pulls: pulled,
    skippedPulls,
    additions: added,
    recordWritten,
  };
}

/**
 * The no-op fast path's test: a usable record, a note whose epic key is written and whose synced
 * values all equal the record's note side (no request), then the tracker's probe. Any doubt,
 * including a probe that fails, answers false: the full read follows and reports what it meets.
 */
async function nothingChanged(input: Omit<TwoWayInput, 'writer' | 'onProgress' | 'isCancelled'>, epicKey: string, record: SyncRecord | null): Promise<boolean> {
  const tracker = input.tracker;
  if (record === null || tracker.unchangedSince === undefined || input.note.epic.key === null || !noteUnchangedSince(input.note.epic, record, input.reading)) return false;
  try {
    return await tracker.unchangedSince(epicKey, record);
  } catch {
    return false;
  }
}

/** The agreements of every field the note (as it is now) and the tracker (read again) agree on. */
async function settledAgreements(input: TwoWayInput, epicKey: string, writer: TwoWayInput['writer']): Promise<{ agreements: Agreement[]; stamps: ReadonlyMap<string, string> }> {
  let text: string | null = null;
  if (input.readNote !== undefined) text = await input.readNote();
  else if (writer !== undefined) await writer.apply((current) => { text = current; return []; });
  const note = text === null ? input.note : parseEpic(text);
  const remote = await input.tracker.read(epicKey, note);
  const settled = planThreeWay({ epic: note.epic, remote, record: null, reading: input.reading });
  const agreements: Agreement[] = [];
  for (const decision of settled.fields) {
    const agreed = decision.decision === 'nothing' ? agreedAfter(decision) : null;
    if (agreed !== null) agreements.push({ key: decision.issueKey, storyId: decision.storyId, subtask: decision.subtask, field: decision.field, agreed });
  }
  return { agreements, stamps: settledStamps(remote, settled.fields, []) };
}

/**
 * The `updated` stamps of `remote`'s issues whose decisions in `full` are all `nothing`, or a
 * pull that `allowed` (the limited plan) still holds; see `TwoWayPlanned.stamps`.
 */
function settledStamps(remote: RemoteEpic, full: readonly FieldDecision[], allowed: readonly FieldDecision[]): Map<string, string> {
  const pullable = new Set(allowed.filter((decision) => decision.decision === 'pull').map((decision) => decision.id));
  const unsettled = new Set(full.filter((decision) => decision.decision !== 'nothing' && !pullable.has(decision.id)).map((decision) => decision.issueKey.toUpperCase()));
  const stamps = new Map<string, string>();
  for (const issue of remote.stories.flatMap((story) => [story, ...story.subtasks])) {
    if (typeof issue.updated === 'string' && !unsettled.has(issue.key.toUpperCase())) stamps.set(issue.key, issue.updated);
  }
  return stamps;
}

/** The latest `synced` time of the record's entries (ISO strings of one format sort as times). */
export function lastSyncedOf(record: SyncRecord | null): string | null {
  let latest: string | null = null;
  for (const entry of record?.entries ?? []) if (latest === null || entry.synced > latest) latest = entry.synced;
  return latest;
}

/** A three-way field id (`US-001:status`, `US-001#2:name`), upper case. */
function fieldId(storyId: string, subtask: number | null, field: string): string {
  return `${storyId}${subtask === null ? '' : `#${subtask}`}:${field}`.toUpperCase();
}

/** Two sorted edit lists as one, in document order (they never overlap: different parts of the note). */
function mergeEdits(a: readonly TextEdit[], b: readonly TextEdit[]): TextEdit[] {
  return [...a, ...b].sort((left, right) => left.from - right.from || left.to - right.to);
}

function reportedWarning(issue: ReportedIssue, tracker: string): string {
  const where = issue.storyId === null ? '' : ` (${issue.storyId}${issue.subtask === null ? '' : ` subtask ${issue.subtask}`})`;
  return issue.reason === 'vanished'
    ? `${issue.key}${where} is no longer under the epic in ${tracker} (moved or deleted); the note keeps it.`
    : `${issue.key}${where} is in ${tracker} but no longer in the note; it is left alone in ${tracker}.`;
}

/**
 * What the record may now claim: fields both sides agree on (`nothing`), pulls written into the
 * note, pushes the tracker confirmed (the value written, in the tracker's own spelling).
 */
function recordAgreements(threeWay: ThreeWayPlan, pushes: readonly FieldDecision[], pulled: readonly FieldDecision[], results: readonly OperationResult[] | null, reading: TrackerReading): Agreement[] {
  const agreements: Agreement[] = [];
  const add = (decision: FieldDecision, agreed: AgreedField | null): void => {
    if (agreed !== null) agreements.push({ key: decision.issueKey, storyId: decision.storyId, subtask: decision.subtask, field: decision.field, agreed });
  };
  for (const decision of threeWay.fields) if (decision.decision === 'nothing') add(decision, agreedAfter(decision));
  for (const decision of pulled) add(decision, agreedAfter(decision));
  if (results === null) return agreements;
  for (const decision of pushes) {
    const suffix = `${decision.storyId}${decision.subtask === null ? '' : `#${decision.subtask}`}`;
    const action = decision.field === 'status' ? 'transition' : 'update';
    const result = results.find((candidate) => candidate.operation.id === `${action}_${decision.subtask === null ? 'story' : 'subtask'}:${suffix}`);
    if (result === undefined) {
      // The planner found nothing to write (labels only grow: Jira's extra labels stay): both sides stand as they are.
      add(decision, { note: decision.note, tracker: decision.trackerRaw });
      continue;
    }
    if (result.status !== 'done') continue;
    if (decision.field === 'status') {
      if (result.reached !== undefined) add(decision, { note: decision.note, tracker: result.reached });
      continue;
    }
    const change = result.operation.changes.find((candidate) => candidate.field === (decision.field === 'title' || decision.field === 'name' ? 'summary' : decision.field));
    if (change === undefined) {
      add(decision, { note: decision.note, tracker: decision.trackerRaw });
    } else if (decision.field === 'labels') {
      add(decision, { note: decision.note, tracker: reading.trackerLabels(Array.isArray(change.after) ? change.after as readonly string[] : []) });
    } else if (decision.field === 'description') {
      // The hash of what the push wrote is the note's hash (docs/sync-record.md "Format").
      add(decision, { note: decision.note, tracker: decision.note });
    } else {
      add(decision, { note: decision.note, tracker: change.after });
    }
  }
  return agreements;
}
