/**
 * A sync plan in the note's words, as the plugin's plan modal and the command line's dry run both
 * show it: one entry per operation with its target and title, each field as `label: before → after`
 * (labels as the note writes them: "Story points", "Title"), long values summarised as a count of
 * lines with a line diff to expand. Pure: no Obsidian, no DOM (docs/sync.md).
 */
import { statusLabel } from '../model';
import { STATUSES, type Status } from '../model/types';
import { lineDiff } from './line-diff';
import type { FieldChange, PlannedOperation, SyncPlan } from './tracker';

/** Longest value shown as it is in the plan, in characters; longer or multi-line values are summarised. */
const LONGEST_SHOWN_VALUE = 120;

/** One field an operation changes; `null` = absent on that side. */
export interface PlanFieldChange {
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
  /** Shown instead of before → after when set ("Description: 8 lines changed"). */
  readonly summary?: string;
  /** Descriptions: the lines of before → after, shown when the summary is expanded; default none. */
  readonly diff?: readonly PlanDiffLine[];
}

/** One line of a description's before → after: kept, removed or added. */
export interface PlanDiffLine {
  readonly kind: 'same' | 'removed' | 'added';
  readonly text: string;
}

/** One planned tracker operation, as the modal lists it. */
export interface PlanOperationPreview {
  /** The operation kind (`create_story`, `transition_subtask`, … as in the JSON result). */
  readonly kind: string;
  /** What it applies to in the note: `US-003`, `US-003 #2`. */
  readonly target: string;
  /** The story title or subtask name; default none. */
  readonly title?: string;
  /** The tracker issue, or null for a create. */
  readonly issueKey: string | null;
  readonly changes: readonly PlanFieldChange[];
}

/** A dry-run plan. */
export interface PlanPreview {
  /** The tracker epic; default none (not shown). */
  readonly epicKey?: string;
  readonly operations: readonly PlanOperationPreview[];
  /** Plain-words warnings (remote issues matching nothing in the note, field discovery); default none. */
  readonly warnings?: readonly string[];
  /** Issue keys found in the tracker that executing writes into the note (no tracker change); default 0. */
  readonly keysToWrite?: number;
  /** Problems in the note that change what the sync does (a table read without its `|---|` row…); default none. */
  readonly problems?: readonly PlanProblem[];
  /** A statuses-only sync: ids of the note's stories not in the tracker yet (no status to set); default none. */
  readonly notInTracker?: readonly string[];
  /** The tracker as people name it (`Jira`, `GitHub`: `trackerTitle`); default `Jira`. */
  readonly tracker?: string;
}

/** A problem of the note the plan shows before its confirm button: its 1-based line and message. */
export interface PlanProblem {
  readonly line: number;
  readonly message: string;
}

/** The modal's preview of a `planNote` result: every operation, the warnings and the keys to write. */
export function previewOfPlan(args: { plan: SyncPlan; warnings: readonly string[] }): PlanPreview {
  const { plan, warnings } = args;
  return {
    epicKey: plan.epicKey,
    operations: plan.operations.map((operation) => previewOfOperation(operation)),
    warnings,
    keysToWrite: plan.discoveredKeys.length,
  };
}

/** One operation for the modal. Story operations target `US-003`, subtask ones `US-003 #2`. */
export function previewOfOperation(operation: PlannedOperation): PlanOperationPreview {
  return {
    kind: operation.action,
    target: operation.subtaskNumber === null ? operation.storyId : `${operation.storyId} #${operation.subtaskNumber}`,
    title: operation.summary,
    issueKey: operation.issueKey,
    changes: operation.changes.map((change) => previewOfChange(change)),
  };
}

/**
 * One change as text. Status targets read as the note's words ("In progress"); a description, or
 * any multi-line or long value, becomes a one-line summary instead of its full text; a description
 * whose whole text the plan carries also gets a line diff of before → after (shown on demand).
 */
export function previewOfChange(change: FieldChange): PlanFieldChange {
  const before = asText(change.before);
  const after = change.field === 'status' ? statusText(change.after) : asText(change.after);
  if (change.field === 'description' || isLong(before) || isLong(after)) {
    const wholeBefore = change.text?.before ?? before;
    const wholeAfter = change.text?.after ?? after;
    const summary = summariseLongChange(change.field, wholeBefore, wholeAfter);
    if (change.field !== 'description') return { field: change.field, before, after, summary };
    return { field: change.field, before, after, summary, diff: lineDiff(wholeBefore, wholeAfter) };
  }
  return { field: change.field, before, after };
}

/** The note's word for a tracker field ("Story points" for `story_points`, "Title" for `summary`). */
export function fieldLabel(field: string): string {
  const known: Readonly<Record<string, string>> = { summary: 'Title', story_points: 'Story points' };
  const words = known[field] ?? field.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * In the note's words, without the tracker's storage format: "Description: 8 lines changed",
 * "Description: 15 lines" (new), "Description removed (12 lines)".
 */
export function summariseLongChange(field: string, before: string | null, after: string | null): string {
  const label = fieldLabel(field);
  if (before === null && after !== null) return `${label}: ${lineCount(after)}`;
  if (before !== null && after === null) return `${label} removed (${lineCount(before)})`;
  const changed = lineDiff(before, after).filter((line) => line.kind !== 'same').length;
  return `${label}: ${changed} ${changed === 1 ? 'line' : 'lines'} changed`;
}

/**
 * The text of one change line: `label: before → after`, `label: after` for a create, or its
 * summary. The label is the note's word for the field (`fieldLabel`).
 */
export function changeText(kind: string, change: PlanFieldChange): { field: string; before: string | null; after: string } | { summary: string } {
  if (change.summary !== undefined) return { summary: change.summary };
  const creating = kind.startsWith('create_') || kind === 'add_comment';
  return { field: fieldLabel(change.field), before: creating && change.before === null ? null : change.before ?? '(none)', after: change.after ?? '(none)' };
}

/** The label of an operation kind in the counts ("create story", "comment"). */
export function kindLabel(kind: string): string {
  return kind === 'add_comment' ? 'comment' : kind.replace(/_/g, ' ');
}

function asText(value: FieldChange['before']): string | null {
  if (value === null) return null;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return value.join(', ');
}

function statusText(value: FieldChange['after']): string | null {
  const text = asText(value);
  return text !== null && (STATUSES as readonly string[]).includes(text) ? statusLabel(text as Status) : text;
}

function isLong(text: string | null): boolean {
  return text !== null && (text.length > LONGEST_SHOWN_VALUE || text.includes('\n'));
}

function countLines(text: string): number {
  return text.split('\n').filter((line) => line.trim() !== '').length;
}

function lineCount(text: string): string {
  const lines = countLines(text);
  return `${lines} ${lines === 1 ? 'line' : 'lines'}`;
}
