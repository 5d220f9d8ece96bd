/**
 * How a pulled status or priority is spelled in the note: the way the note already spells it
 * (`🔄 In Progress` if that is what the note writes elsewhere, in the same form: with an emoji
 * where the replaced text has one, without where it has none), else the canonical emoji and word
 * of the vocabulary (format.md "Status vocabulary"), through the editor's status replacement.
 */
import { LEADING_EMOJI } from '../../model/headings';
import { priorityEmoji, priorityLabel } from '../../model/vocabulary';
import type { Epic, Priority, PriorityValue, Status, StatusValue } from '../../model/types';
import { statusReplacement } from '../../model';

/** Every status the note writes, as written (stories, subtasks, the epic summary). */
function statusValues(epic: Pick<Epic, 'stories' | 'status'>): StatusValue[] {
  const values: StatusValue[] = [];
  if (epic.status !== null) values.push(epic.status);
  for (const story of epic.stories) {
    if (story.statusField !== null) values.push(story.statusField);
    for (const subtask of story.subtasks) if (subtask.statusField !== null) values.push(subtask.statusField);
  }
  return values;
}

function priorityValues(epic: Pick<Epic, 'stories' | 'priority'>): PriorityValue[] {
  const values: PriorityValue[] = [];
  if (epic.priority !== null) values.push(epic.priority);
  for (const story of epic.stories) if (story.priorityField !== null) values.push(story.priorityField);
  return values;
}

/** The spelling the note uses most for `value` in the given form (with or without emoji); null when it has none. */
function mostUsed(values: readonly { readonly value: string; readonly raw: string; readonly known: boolean }[], value: string, withEmoji: boolean): string | null {
  const counts = new Map<string, number>();
  for (const entry of values) {
    if (!entry.known || entry.value !== value || hasEmoji(entry.raw) !== withEmoji) continue;
    counts.set(entry.raw, (counts.get(entry.raw) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [raw, count] of counts) {
    if (count > bestCount) {
      best = raw;
      bestCount = count;
    }
  }
  return best;
}

/** True when the text starts with an emoji (the form `✅ Done` rather than `Done`). */
export function hasEmoji(text: string): boolean {
  return LEADING_EMOJI.test(text.trim());
}

/** The text that writes `status` where the note now has `replaced` (empty for a new field: the note's usual form). */
export function statusSpelling(epic: Pick<Epic, 'stories' | 'status'>, status: Status, replaced: string): string {
  const values = statusValues(epic);
  const withEmoji = replaced.trim() === '' ? usuallyEmoji(values) : hasEmoji(replaced);
  // The editor's replacement keeps the form of the text it is given: any emoji asks for the emoji form.
  return mostUsed(values, status, withEmoji) ?? statusReplacement(withEmoji ? '✅' : '', status);
}

/** The text that writes `priority` where the note now has `replaced` (empty for a new field). */
export function prioritySpelling(epic: Pick<Epic, 'stories' | 'priority'>, priority: Priority, replaced: string): string {
  const values = priorityValues(epic);
  const withEmoji = replaced.trim() === '' ? usuallyEmoji(values) : hasEmoji(replaced);
  return mostUsed(values, priority, withEmoji) ?? (withEmoji ? `${priorityEmoji(priority)} ${priorityLabel(priority)}` : priorityLabel(priority));
}

/** True when most of the note's values are written with an emoji (true for a note without any). */
function usuallyEmoji(values: readonly { readonly raw: string }[]): boolean {
  const withEmoji = values.filter((entry) => hasEmoji(entry.raw)).length;
  return values.length === 0 || withEmoji * 2 >= values.length;
}
