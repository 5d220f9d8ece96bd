/**
 * What a person reads about a sync: the plan as the plan modal lists it (one entry per operation,
 * `field: before → after`, long descriptions summarised as a count of lines), the progress notice
 * text and the result notice text. Pure: no Obsidian, no DOM.
 */
import { statusLabel } from '../model';
import { STATUSES, type Status } from '../model/types';
import type { SyncRunResult } from '../sync/run';
import type { FieldChange, OperationAction, OperationResult, PlannedOperation, SyncPlan } from '../sync/tracker';
import type { PlanFieldChange, PlanOperationPreview, PlanPreview } from './plan-modal';

/** Longest value shown as it is in the plan, in characters; longer or multi-line values are summarised. */
const LONGEST_SHOWN_VALUE = 120;

/** How many different errors the result notice names; the rest are counted. */
const FAILURES_NAMED = 3;

/** How many operations one error of the result notice names; the rest are counted. */
const TARGETS_NAMED = 3;

/** How the descriptions of a tracker are stored, for the summary line ("ADF", "wiki markup"). */
export type DescriptionFormat = 'ADF' | 'wiki markup';

/** The modal's preview of a `planNote` result: every operation, the warnings and the keys to write. */
export function previewOfPlan(args: { plan: SyncPlan; warnings: readonly string[]; format: DescriptionFormat }): PlanPreview {
  const { plan, warnings, format } = args;
  return {
    epicKey: plan.epicKey,
    operations: plan.operations.map((operation) => previewOfOperation(operation, format)),
    warnings,
    keysToWrite: plan.discoveredKeys.length,
  };
}

/** One operation for the modal. Story operations target `US-003`, subtask ones `US-003 #2`. */
export function previewOfOperation(operation: PlannedOperation, format: DescriptionFormat): PlanOperationPreview {
  return {
    kind: operation.action,
    target: operation.subtaskNumber === null ? operation.storyId : `${operation.storyId} #${operation.subtaskNumber}`,
    title: operation.summary,
    issueKey: operation.issueKey,
    changes: operation.changes.map((change) => previewOfChange(change, format)),
  };
}

/**
 * One change as text. Status targets read as the note's words ("In progress"); a description, or
 * any multi-line or long value, becomes a one-line summary instead of its full text.
 */
export function previewOfChange(change: FieldChange, format: DescriptionFormat): PlanFieldChange {
  const before = asText(change.before);
  const after = change.field === 'status' ? statusText(change.after) : asText(change.after);
  if (change.field === 'description' || isLong(before) || isLong(after)) {
    return { field: change.field, before, after, summary: summariseLongChange(change.field, before, after, change.field === 'description' ? format : null) };
  }
  return { field: change.field, before, after };
}

/**
 * "description changed (ADF, 12 → 15 lines)", "description: ADF, 15 lines" (new), "description
 * removed (ADF, 12 lines)"; `format` null leaves the format out (a long comment or summary).
 */
export function summariseLongChange(field: string, before: string | null, after: string | null, format: DescriptionFormat | null): string {
  const prefix = format === null ? '' : `${format}, `;
  if (before === null && after !== null) return `${field}: ${prefix}${lineCount(after)}`;
  if (before !== null && after === null) return `${field} removed (${prefix}${lineCount(before)})`;
  const from = before === null ? 0 : countLines(before);
  const to = after === null ? 0 : countLines(after);
  return `${field} changed (${prefix}${from} → ${to} ${to === 1 ? 'line' : 'lines'})`;
}

/** The label of an operation kind in the counts ("create story", "comment"). */
export function kindLabel(kind: string): string {
  return kind === 'add_comment' ? 'comment' : kind.replace(/_/g, ' ');
}

/** The progress notice text: "Syncing… 3/12". */
export function progressText(done: number, total: number): string {
  return `Syncing… ${done}/${total}`;
}

/**
 * The result notice of an executed sync: what changed ("Synced INFRA-100: 7 stories created,
 * 28 subtasks created, 2 transitions"), or, when operations failed, the counts of done and failed
 * and the tracker's own message with what to do for the first few failures.
 */
export function resultText(result: SyncRunResult, epicKey: string): string {
  if (result.failure !== null) return `Sync of ${epicKey} failed: ${result.failure.message} ${result.failure.hint}`;
  const results = result.outcome?.results ?? [];
  const done = results.filter((item) => item.status === 'done');
  const failed = results.filter((item) => item.status === 'failed');
  const skipped = results.filter((item) => item.status === 'skipped');
  const changed = changeParts(done.map((item) => item.operation.action));
  if (failed.length > 0) {
    const groups = failureGroups(failed);
    const named = groups.slice(0, FAILURES_NAMED).map(({ targets, message }) => `${listTargets(targets)}: ${message}`);
    const more = groups.length > FAILURES_NAMED ? [`…and ${groups.length - FAILURES_NAMED} other errors.`] : [];
    return [`Synced ${epicKey} with errors: ${done.length} done, ${failed.length} failed${skipped.length > 0 ? `, ${skipped.length} not run` : ''}.`, ...named, ...more].join('\n');
  }
  if (skipped.some((item) => item.reason === 'cancelled')) {
    return `Sync of ${epicKey} stopped: ${done.length} done, ${skipped.length} not run.${changed.length > 0 ? ` ${capitalise(changed.join(', '))}.` : ''}`;
  }
  if (changed.length === 0) return `Synced ${epicKey}: issue keys written into the note.`;
  return `Synced ${epicKey}: ${changed.join(', ')}.`;
}

/** "7 stories created, 28 subtasks created, 3 issues updated, 2 transitions, 1 comment added". */
function changeParts(actions: readonly OperationAction[]): string[] {
  const count = (...kinds: OperationAction[]): number => actions.filter((action) => kinds.includes(action)).length;
  const parts: [number, string, string][] = [
    [count('create_story'), 'story created', 'stories created'],
    [count('create_subtask'), 'subtask created', 'subtasks created'],
    [count('update_story', 'update_subtask'), 'issue updated', 'issues updated'],
    [count('transition_story', 'transition_subtask'), 'transition', 'transitions'],
    [count('add_comment'), 'comment added', 'comments added'],
  ];
  return parts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
}

/** Failed operations grouped by their message (with the hint), in first-seen order. */
function failureGroups(failed: readonly OperationResult[]): { targets: string[]; message: string }[] {
  const groups = new Map<string, string[]>();
  for (const item of failed) {
    const { operation } = item;
    const target = `${operation.subtaskNumber === null ? operation.storyId : `${operation.storyId} #${operation.subtaskNumber}`} (${kindLabel(operation.action)})`;
    const message = item.error ? `${item.error.message} ${item.error.hint}`.trim() : 'failed';
    groups.set(message, [...(groups.get(message) ?? []), target]);
  }
  return [...groups].map(([message, targets]) => ({ targets, message }));
}

/** "US-001 (create story), US-002 (create story) and 4 more". */
function listTargets(targets: readonly string[]): string {
  const shown = targets.slice(0, TARGETS_NAMED).join(', ');
  return targets.length > TARGETS_NAMED ? `${shown} and ${targets.length - TARGETS_NAMED} more` : shown;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
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
