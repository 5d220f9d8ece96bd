/**
 * Matching note stories and subtasks to remote issues, one to one, in three passes over all of
 * them: (1) the issue key in the note, (2) the `spectryn-<id>` label, (3) the normalised title.
 * A pass never takes an issue an earlier pass took, so a title can never steal a labelled issue.
 */
import type { Story, Subtask } from '../../model/types';
import type { RemoteIssue } from '../tracker';

/** How a note item found its remote issue. */
export type MatchedBy = 'key' | 'label' | 'title';

/** A note item with its remote issue (or null: to be created). */
export interface Match<N, R> {
  readonly item: N;
  readonly remote: R | null;
  readonly by: MatchedBy | null;
  /** The note names a key that is not among the remote children (nothing is created for it). */
  readonly keyNotFound: boolean;
}

/** The label a re-run finds a story by: `spectryn-` + its id, lower case, safe for Jira labels. */
export function storyLabel(storyId: string): string {
  return `spectryn-${labelPart(storyId)}`;
}

/** The label of a subtask: the story label + `-` + the subtask number (`spectryn-us-001-2`). */
export function subtaskLabel(storyId: string, number: number): string {
  return `${storyLabel(storyId)}-${number}`;
}

function labelPart(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** A title for comparison: case, punctuation, emoji and spacing ignored. */
export function normaliseTitle(title: string): string {
  return title.toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

interface Candidate<N> {
  readonly item: N;
  readonly key: string | null;
  readonly label: string;
  readonly title: string;
}

function matchAll<N, R extends RemoteIssue>(candidates: readonly Candidate<N>[], remote: readonly R[]): { matches: Match<N, R>[]; unmatched: R[] } {
  const taken = new Set<string>();
  const found = new Map<number, { remote: R; by: MatchedBy }>();
  const keyNotFound = new Set<number>();
  candidates.forEach((candidate, index) => {
    if (candidate.key === null) return;
    const hit = remote.find((issue) => issue.key.toUpperCase() === candidate.key?.toUpperCase() && !taken.has(issue.key));
    if (hit) {
      taken.add(hit.key);
      found.set(index, { remote: hit, by: 'key' });
    } else {
      keyNotFound.add(index);
    }
  });
  const pass = (by: MatchedBy, fits: (candidate: Candidate<N>, issue: R) => boolean): void => {
    candidates.forEach((candidate, index) => {
      if (found.has(index) || keyNotFound.has(index)) return;
      const hit = remote.find((issue) => !taken.has(issue.key) && fits(candidate, issue));
      if (hit) {
        taken.add(hit.key);
        found.set(index, { remote: hit, by });
      }
    });
  };
  pass('label', (candidate, issue) => issue.labels.some((label) => label.toLowerCase() === candidate.label));
  pass('title', (candidate, issue) => candidate.title !== '' && normaliseTitle(issue.summary) === candidate.title);
  const matches = candidates.map((candidate, index) => {
    const hit = found.get(index);
    return { item: candidate.item, remote: hit?.remote ?? null, by: hit?.by ?? null, keyNotFound: keyNotFound.has(index) };
  });
  return { matches, unmatched: remote.filter((issue) => !taken.has(issue.key)) };
}

/** Matches the note's stories to the epic's remote stories. */
export function matchStories<R extends RemoteIssue>(stories: readonly Story[], remote: readonly R[]): { matches: Match<Story, R>[]; unmatched: R[] } {
  return matchAll(stories.map((story) => ({ item: story, key: story.issueKey, label: storyLabel(story.id), title: normaliseTitle(story.title) })), remote);
}

/** Matches one story's subtasks to the remote subtasks of its issue. */
export function matchSubtasks(storyId: string, subtasks: readonly Subtask[], remote: readonly RemoteIssue[]): { matches: Match<Subtask, RemoteIssue>[]; unmatched: RemoteIssue[] } {
  return matchAll(subtasks.map((subtask) => ({ item: subtask, key: subtask.issueKey, label: subtaskLabel(storyId, subtask.number), title: normaliseTitle(subtask.name) })), remote);
}
