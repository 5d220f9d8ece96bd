/**
 * The labels the GitHub adapter reads and writes (docs/sync.md "GitHub", issue 16's mapping):
 * identity labels `spectryn-us-001` (story) and `spectryn-us-001-1` (subtask), the same as the
 * Jira adapter's (`../jira/match.ts`); `points: 5`; `priority: high`; `status: in progress`. All
 * other labels are the user's: written from the note's `Labels`, never removed. GitHub compares
 * label names without regard to case, and so does everything here.
 */
import { PRIORITIES, type Priority } from '../../model/types';

/** `spectryn-…`: a story's or subtask's identity label. */
const IDENTITY = /^spectryn-/i;
const POINTS = /^points:\s*(\S+)\s*$/i;
const PRIORITY = /^priority:\s*(.+?)\s*$/i;
const STATUS = /^status:\s*(.+?)\s*$/i;

/** The points label: `points: 5` (`points: 0.5` for fractions). */
export function pointsLabel(points: number): string {
  return `points: ${points}`;
}

/** The priority label: `priority: high`. */
export function priorityLabel(priority: Priority): string {
  return `priority: ${priority}`;
}

/** The status label: `status: in progress` (the words as the label shows them). */
export function statusLabel(words: string): string {
  return `status: ${words}`;
}

/** The points a label states (`points: 5` → 5), or null for any other label. */
export function pointsOfLabel(label: string): number | null {
  const match = POINTS.exec(label.trim());
  if (match === null) return null;
  const value = Number(match[1]);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/** The name after `priority:` (`priority: High` → `High`), or null for any other label. */
export function priorityNameOfLabel(label: string): string | null {
  return PRIORITY.exec(label.trim())?.[1] ?? null;
}

/** The words after `status:` in lower case (`status: In Review` → `in review`), or null. */
export function statusWordsOfLabel(label: string): string | null {
  return STATUS.exec(label.trim())?.[1]?.toLowerCase() ?? null;
}

/** The note priority a remote priority name means (`high`, `High`), or null. */
export function priorityOfName(name: string): Priority | null {
  const lower = name.trim().toLowerCase();
  return PRIORITIES.find((priority) => priority === lower) ?? null;
}

/** True for the labels sync owns: identity, points, priority and status labels. */
export function isSyncLabel(label: string): boolean {
  const trimmed = label.trim();
  return IDENTITY.test(trimmed) || POINTS.test(trimmed) || PRIORITY.test(trimmed) || STATUS.test(trimmed);
}

/** The first points label's value among `labels`, or null. */
export function pointsOf(labels: readonly string[]): number | null {
  for (const label of labels) {
    const points = pointsOfLabel(label);
    if (points !== null) return points;
  }
  return null;
}

/** The first priority label's name among `labels` (as written), or null. */
export function priorityNameOf(labels: readonly string[]): string | null {
  for (const label of labels) {
    const name = priorityNameOfLabel(label);
    if (name !== null) return name;
  }
  return null;
}

/** A note label as GitHub spells it: trimmed, inner spacing kept (GitHub labels may hold spaces). */
export function gitHubLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ');
}

/** True when `labels` holds `label` (case-insensitive, as GitHub compares names). */
export function hasLabel(labels: readonly string[], label: string): boolean {
  const wanted = label.trim().toLowerCase();
  return labels.some((candidate) => candidate.trim().toLowerCase() === wanted);
}

/** `labels` without those `drop` accepts, then with each of `add` that is not there yet; order kept. */
export function editLabels(labels: readonly string[], drop: (label: string) => boolean, add: readonly string[]): string[] {
  const kept = labels.filter((label) => !drop(label));
  for (const label of add) if (!hasLabel(kept, label)) kept.push(label);
  return kept;
}
