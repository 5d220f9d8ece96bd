/**
 * What a person reads about a sync: the plan as the plan modal lists it (built in
 * src/sync/plan-words.ts, which the command line shares; re-exported here), the progress notice
 * text and the result notice text. Pure: no Obsidian, no DOM.
 */
import { kindLabel } from '../sync/plan-words';
import type { SyncRunResult } from '../sync/run';
import { skippedUnexpectedly, type OperationAction, type OperationResult } from '../sync/tracker';

export { changeText, fieldLabel, kindLabel, previewOfChange, previewOfOperation, previewOfPlan, summariseLongChange } from '../sync/plan-words';

/** How many different errors the result notice names; the rest are counted. */
const FAILURES_NAMED = 3;

/** How many operations one error of the result notice names; the rest are counted. */
const TARGETS_NAMED = 3;

/** How many warnings the result notice names; the rest are counted. */
const WARNINGS_NAMED = 3;

/** The progress notice text: "Syncing… 3/12". */
export function progressText(done: number, total: number): string {
  return `Syncing… ${done}/${total}`;
}

/**
 * The result notice of an executed sync: what changed ("Synced INFRA-100: 7 stories created,
 * 28 subtasks created, 2 transitions"), or, when operations failed or were skipped, the counts and,
 * for the first few, the tracker's own message (or the skip reason) with what to do; then a note
 * that could not be written (with the keys to add by hand) and the plan's warnings. A two-way run's
 * `pulls` and `additions` (said by `twoWayResultText` on the next line) are changes too: with
 * them, a run that wrote nothing to the tracker never says "nothing changed".
 */
export function resultText(result: SyncRunResult & { readonly pulls?: readonly unknown[]; readonly additions?: readonly unknown[] }, epicKey: string): string {
  if (result.failure !== null && result.failure.kind !== 'noteWrite') return `Sync of ${epicKey} failed: ${result.failure.message} ${result.failure.hint}`;
  const results = result.outcome?.results ?? [];
  const done = results.filter((item) => item.status === 'done');
  const failed = results.filter((item) => item.status === 'failed');
  const skipped = results.filter((item) => item.status === 'skipped');
  const unexpected = skipped.filter(skippedUnexpectedly);
  // Skips that only follow from a failure listed above would repeat it: they are counted, not named.
  const ownReasons = unexpected.filter((item) => item.afterFailure !== true);
  const changed = changeParts(done.map((item) => item.operation.action));
  const lines: string[] = [];
  if (failed.length > 0 || unexpected.length > 0) {
    const groups = [
      ...groupsOf(failed, (item) => (item.error ? `${item.error.message} ${item.error.hint}`.trim() : 'failed')).map(({ targets, message }) => `${listTargets(targets)}: ${message}`),
      ...groupsOf(ownReasons, (item) => item.reason ?? 'skipped').map(({ targets, message }) => `${listTargets(targets)} not run: ${message}`),
    ];
    const named = groups.slice(0, FAILURES_NAMED);
    const more = groups.length > FAILURES_NAMED ? [`…and ${groups.length - FAILURES_NAMED} other problems.`] : [];
    const head = failed.length > 0
      ? `Synced ${epicKey} with errors: ${done.length} done, ${failed.length} failed${skipped.length > 0 ? `, ${skipped.length} not run` : ''}.`
      : `Synced ${epicKey} with operations not run: ${done.length} done, ${skipped.length} not run.`;
    lines.push(head, ...named, ...more);
  } else if (skipped.some((item) => item.reason === 'cancelled')) {
    lines.push(`Sync of ${epicKey} stopped: ${done.length} done, ${skipped.length} not run.${changed.length > 0 ? ` ${capitalise(changed.join(', '))}.` : ''}`);
  } else if (changed.length > 0) {
    lines.push(`Synced ${epicKey}: ${changed.join(', ')}.`);
  } else if (result.keysWritten > 0) {
    lines.push(`Synced ${epicKey}: ${result.keysWritten} issue ${result.keysWritten === 1 ? 'key' : 'keys'} written into the note.`);
  } else if ((result.pulls?.length ?? 0) + (result.additions?.length ?? 0) > 0) {
    lines.push(`Synced ${epicKey}.`);
  } else {
    lines.push(`Synced ${epicKey}: nothing changed.`);
  }
  if (result.failure !== null) lines.push(`${result.failure.message} ${result.failure.hint}`);
  const warnings = result.warnings;
  lines.push(...warnings.slice(0, WARNINGS_NAMED).map((warning) => `Warning: ${warning}`));
  if (warnings.length > WARNINGS_NAMED) lines.push(`…and ${warnings.length - WARNINGS_NAMED} more warnings.`);
  return lines.join('\n');
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

/** Operations grouped by a message (an error with its hint, a skip reason), in first-seen order. */
function groupsOf(items: readonly OperationResult[], messageOf: (item: OperationResult) => string): { targets: string[]; message: string }[] {
  const groups = new Map<string, string[]>();
  for (const item of items) {
    const { operation } = item;
    const target = `${operation.subtaskNumber === null ? operation.storyId : `${operation.storyId} #${operation.subtaskNumber}`} (${kindLabel(operation.action)})`;
    const message = messageOf(item);
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
