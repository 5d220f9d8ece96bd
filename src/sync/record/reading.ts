/**
 * How a tracker's values read in the note's vocabulary: the one place the three-way plan learns
 * what a remote status or priority name means, how a description is hashed on each side, which
 * labels count, and how note items are matched to remote issues. The Jira adapter builds it from
 * its own functions (`src/sync/jira/record-reading.ts`), so a status name maps exactly as the push
 * does; another tracker supplies its own.
 */
import type { Priority, Status, Story, Subtask } from '../../model/types';
import type { RemoteIssue, RemoteStatus } from '../tracker';

/** A note item matched to its remote issue (null: not in the tracker), as the adapter's matcher finds it. */
export interface ItemMatch<N, R> {
  readonly item: N;
  readonly remote: R | null;
  /** The note names a key that is not among the remote children. */
  readonly keyNotFound: boolean;
}

/** The matches and the remote children nothing in the note matched. */
export interface Matching<N, R> {
  readonly matches: readonly ItemMatch<N, R>[];
  readonly unmatched: readonly R[];
}

/** What the three-way plan asks of the tracker adapter. Pure functions only. */
export interface TrackerReading {
  /**
   * The note status a remote status stands for. `current` (the note's status now, or null) wins
   * when the remote status also stands for it, so `open` is not rewritten as `planned` for a
   * `To Do` that means both.
   */
  noteStatusOf(remote: RemoteStatus, current: Status | null): Status;
  /** True when the remote status already stands for the note status (the push's own test). */
  statusAgrees(note: Status, remote: RemoteStatus): boolean;
  /** The note priority a remote priority name stands for, or null when it stands for none. */
  notePriorityOf(name: string): Priority | null;
  /** True when the remote priority name is what the push writes for `note`. */
  priorityAgrees(note: Priority, remoteName: string | null): boolean;
  /** Hash (`h:…`) of the story's description as the push would write it; null when the note has none. */
  noteDescriptionHash(story: Story): string | null;
  /** Hash (`h:…`) of a remote description in the same canonical form; null when it is empty. */
  trackerDescriptionHash(description: unknown): string | null;
  /** The story's labels as the tracker spells them, without identity labels, sorted. */
  noteLabels(story: Story): readonly string[];
  /** A remote issue's labels without identity labels, sorted. */
  trackerLabels(labels: readonly string[]): readonly string[];
  /** Matches the note's stories to the epic's remote stories (key, identity label, title). */
  matchStories<R extends RemoteIssue>(stories: readonly Story[], remote: readonly R[]): Matching<Story, R>;
  /** Matches one story's subtasks to its remote subtasks. */
  matchSubtasks(storyId: string, subtasks: readonly Subtask[], remote: readonly RemoteIssue[]): Matching<Subtask, RemoteIssue>;
}
