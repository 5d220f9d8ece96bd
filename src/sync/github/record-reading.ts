/**
 * The GitHub adapter's `TrackerReading` for the sync record's three-way plan: every answer comes
 * from the function the push itself uses (status mapping in `status.ts`, labels in `labels.ts`, the
 * body in `body.ts`, the matching of `../jira/match.ts`), so pull and push never disagree.
 */
import { matchPriority } from '../../model/vocabulary';
import type { Priority, Status, Story } from '../../model/types';
import type { TrackerReading } from '../record/reading';
import { textHash } from '../record/hash';
import type { RemoteStatus } from '../tracker';
import { matchStories, matchSubtasks } from '../jira/match';
import { normaliseBody, storyBody } from './body';
import { gitHubLabel, isSyncLabel, priorityOfName } from './labels';
import { noteStatusOf, statusAgrees } from './status';

/** The hash of a body as the record keeps it, or null when empty. */
function bodyHash(body: unknown): string | null {
  const text = normaliseBody(typeof body === 'string' ? body : null);
  return text === '' ? null : textHash(text);
}

/** Labels that are the user's (not identity, points, priority or status labels), unique, sorted. */
function userLabels(labels: readonly string[]): string[] {
  return [...new Set(labels.map(gitHubLabel).filter((label) => label !== '' && !isSyncLabel(label)))].sort();
}

/** The reading of a GitHub repository (the mapping is fixed: nothing to configure). */
export function gitHubRecordReading(): TrackerReading {
  return {
    noteStatusOf: (remote: RemoteStatus, current: Status | null) => noteStatusOf(remote, current),
    statusAgrees: (note: Status, remote: RemoteStatus) => statusAgrees(note, remote),
    notePriorityOf: (name: string): Priority | null => {
      const exact = priorityOfName(name);
      if (exact !== null) return exact;
      const word = matchPriority(name);
      return word.known ? word.priority : null;
    },
    priorityAgrees: (note: Priority, remoteName: string | null) => (remoteName ?? '').trim().toLowerCase() === note,
    noteDescriptionHash: (story: Story) => bodyHash(storyBody(story)),
    trackerDescriptionHash: bodyHash,
    noteLabels: (story: Story) => userLabels(story.labels),
    trackerLabels: userLabels,
    matchStories,
    matchSubtasks,
  };
}
