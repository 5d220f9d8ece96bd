/**
 * The JSON result of docs/cli.md: what `--output json`, `--export` and the plugin's "Export JSON"
 * write. Field names are a contract (the seed's jq dashboard reads them): add fields, never rename.
 * Pure: a function of the parse result and of what a sync did; phase and total counts come from
 * `progress()` so the pane, the decorations and this JSON always agree.
 */
import { progress } from './progress';
import type { ParseResult } from './parse';
import type {
  AcceptanceCriterion, Counts, Diagnostic, DiagnosticCode, Priority, Severity, Status, Story, Subtask,
} from './types';

/** Stories, points and subtasks of a phase or of the whole epic (format.md "Progress"). */
export interface ReportCounts {
  readonly stories: number;
  readonly stories_done: number;
  readonly stories_cancelled: number;
  /** Sum of story points; unestimated stories count 0. */
  readonly points: number;
  /** Points of stories whose status is `done`. */
  readonly points_done: number;
  readonly subtasks: number;
  readonly subtasks_done: number;
  /** Added field: stories without points (not estimated, missing or invalid). */
  readonly unestimated: number;
}

/** One phase, in note order; `name` is the phase name or `No phase`. */
export interface ReportPhase extends ReportCounts {
  readonly name: string;
}

/** One acceptance criterion. */
export interface ReportCriterion {
  readonly text: string;
  readonly done: boolean;
}

/** One subtask row (or task-list item) of a story. */
export interface ReportSubtask {
  readonly number: number;
  readonly name: string;
  readonly description: string;
  /** A number, or null when not estimated. */
  readonly story_points: number | null;
  readonly status: Status;
  readonly issue_key: string | null;
  /** Added field: the Assignee column, or null. */
  readonly assignee: string | null;
}

/** One story. */
export interface ReportStory {
  readonly id: string;
  readonly title: string;
  /** The header's leading emoji (the story type), or null. */
  readonly type: string | null;
  /** The story's phase name, or null when it has none (it is counted under `No phase`). */
  readonly phase: string | null;
  readonly status: Status;
  readonly priority: Priority | null;
  readonly story_points: number | null;
  readonly issue_key: string | null;
  /** 1-based line of the story header. */
  readonly line: number;
  readonly acceptance_criteria: readonly ReportCriterion[];
  readonly subtasks: readonly ReportSubtask[];
  /** Added field: the Labels field, split at commas; empty when none. */
  readonly labels: readonly string[];
  /** Added field: the Assignee field, or null. */
  readonly assignee: string | null;
  /** Added field: the Sprint field, or null. */
  readonly sprint: string | null;
}

/** What a sync does to the tracker, one entry per change. */
export type ReportAction =
  | 'create_story' | 'update_story' | 'transition_story'
  | 'create_subtask' | 'update_subtask' | 'transition_subtask'
  | 'add_comment';

/** `planned` in a dry run; after executing `done`, `failed` (with `error`) or `skipped` (with `reason`). */
export type ReportOperationStatus = 'planned' | 'done' | 'failed' | 'skipped';

/** One tracker operation of a sync (planned or executed). */
export interface ReportOperation {
  readonly action: ReportAction;
  /** The story id in the note (`US-003`). */
  readonly story: string;
  /** The tracker issue the operation applies to; null for a create that has not run. */
  readonly issue_key: string | null;
  /** The tracker fields written (for a transition: `{status: "Done"}`). */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly status: ReportOperationStatus;
  /** With `failed`: the tracker's own message, never a token. */
  readonly error?: string;
  /** With `skipped`: why. */
  readonly reason?: string;
  /** Added field: the subtask number for subtask operations. */
  readonly subtask?: number;
}

/** A diagnostic of the note, without its offsets. */
export interface ReportDiagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  /** 1-based line. */
  readonly line: number;
  /** Added field: the story the problem is in, or null. */
  readonly story: string | null;
}

/** The whole JSON result (docs/cli.md). */
export interface EpicReport {
  readonly epic_key: string | null;
  readonly epic_title: string | null;
  /** The tracker synced or read (`jira`), or null for a report of the note alone. */
  readonly tracker: string | null;
  readonly dry_run: boolean;
  readonly phases: readonly ReportPhase[];
  readonly totals: ReportCounts;
  readonly stories: readonly ReportStory[];
  readonly operations: readonly ReportOperation[];
  readonly diagnostics: readonly ReportDiagnostic[];
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  /**
   * Added field (two-way sync, docs/sync-record.md): fields changed on both sides since the last
   * sync and left unresolved; `subtask` null for a story field; values in this result's vocabulary.
   * Present after a sync with a tracker, absent from a report of the note alone.
   */
  readonly conflicts?: readonly ReportConflict[];
}

/** One unresolved conflict of a two-way sync. */
export interface ReportConflict {
  readonly story: string;
  readonly subtask: number | null;
  readonly field: string;
  readonly note: string | number | readonly string[] | null;
  readonly tracker: string | number | readonly string[] | null;
}

/** Inputs of {@link buildReport}. */
export interface BuildReportOptions {
  readonly result: ParseResult;
  /** The tracker name, or null when the note is reported alone (offline). */
  readonly tracker: string | null;
  /** True for a dry run (and for an offline report). */
  readonly dryRun: boolean;
  /** Tracker operations; default none. */
  readonly operations?: readonly ReportOperation[];
  /** Run-level errors (not note diagnostics); default none. */
  readonly errors?: readonly string[];
  /** Run-level warnings; default none. */
  readonly warnings?: readonly string[];
  /** Overrides the note's frontmatter epic key (the CLI's `-e`); default: the note's key. */
  readonly epicKey?: string | null;
  /** Unresolved conflicts of a two-way sync; absent: the field is left out of the result. */
  readonly conflicts?: readonly ReportConflict[];
}

/** Builds the JSON result of docs/cli.md from a parse result and, after a sync, its operations. */
export function buildReport(options: BuildReportOptions): EpicReport {
  const { result } = options;
  const { epic } = result;
  const { phases, totals } = progress(epic);
  return {
    epic_key: options.epicKey ?? epic.key,
    epic_title: epic.title,
    tracker: options.tracker,
    dry_run: options.dryRun,
    phases: phases.map((phase) => ({ name: phase.name, ...reportCounts(phase.counts) })),
    totals: reportCounts(totals),
    stories: epic.stories.map(reportStory),
    operations: [...(options.operations ?? [])],
    diagnostics: [...result.diagnostics].sort(byLine).map(reportDiagnostic),
    errors: [...(options.errors ?? [])],
    warnings: [...(options.warnings ?? [])],
    ...(options.conflicts === undefined ? {} : { conflicts: [...options.conflicts] }),
  };
}

/** Converts model counts to the report's snake_case counts. */
export function reportCounts(counts: Counts): ReportCounts {
  return {
    stories: counts.stories,
    stories_done: counts.storiesDone,
    stories_cancelled: counts.storiesCancelled,
    points: counts.points,
    points_done: counts.pointsDone,
    subtasks: counts.subtasks,
    subtasks_done: counts.subtasksDone,
    unestimated: counts.unestimated,
  };
}

function reportStory(story: Story): ReportStory {
  return {
    id: story.id,
    title: story.title,
    type: story.type,
    phase: story.phase,
    status: story.status,
    priority: story.priority,
    story_points: story.storyPoints,
    issue_key: story.issueKey,
    line: story.headerRange.line,
    acceptance_criteria: story.acceptanceCriteria.map(reportCriterion),
    subtasks: story.subtasks.map(reportSubtask),
    labels: [...story.labels],
    assignee: story.assignee,
    sprint: story.sprint,
  };
}

function reportCriterion(criterion: AcceptanceCriterion): ReportCriterion {
  return { text: criterion.text, done: criterion.done };
}

function reportSubtask(subtask: Subtask): ReportSubtask {
  return {
    number: subtask.number,
    name: subtask.name,
    description: subtask.description,
    story_points: subtask.storyPoints,
    status: subtask.status,
    issue_key: subtask.issueKey,
    assignee: subtask.assignee,
  };
}

function reportDiagnostic(diagnostic: Diagnostic): ReportDiagnostic {
  return {
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
    line: diagnostic.line,
    story: diagnostic.storyId ?? null,
  };
}

// Array.prototype.sort is stable, so diagnostics on one line keep the parser's order.
function byLine(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line;
}
