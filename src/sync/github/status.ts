/**
 * What a note status is on GitHub, and back (issue 16's mapping, a contract):
 *   done        → closed, state_reason `completed`
 *   cancelled   → closed, state_reason `not_planned`
 *   in progress → open, label `status: in progress` (in review, blocked alike)
 *   planned, open → open, no status label
 * A GitHub issue has no status of its own beyond open/closed, so the adapter names its `RemoteStatus`
 * after what it sees: `open`, `open: in review`, `closed: completed`, `closed: not planned`,
 * `closed: duplicate`, `closed`; the category follows Jira's keys: `new` (open without a status
 * label), `indeterminate` (open with one), `done` (closed). The sync record keeps that name.
 */
import type { Status } from '../../model/types';
import type { RemoteStatus } from '../tracker';
import { statusLabel, statusWordsOfLabel } from './labels';

/** What an issue's state says, as `PATCH /repos/{owner}/{repo}/issues/{n}` takes it. */
export interface GitHubState {
  readonly state: 'open' | 'closed';
  /** For a closed issue: `completed` or `not_planned`; null for an open one. */
  readonly stateReason: 'completed' | 'not_planned' | null;
  /** The status label an open issue carries (`status: in progress`), or null. */
  readonly label: string | null;
}

/** The words of the three status labels, by note status. */
const LABEL_WORDS: Partial<Record<Status, string>> = { in_progress: 'in progress', in_review: 'in review', blocked: 'blocked' };

/** Status label words in the order one wins when an issue carries several (the furthest from done first). */
const LABEL_PRECEDENCE: readonly Status[] = ['blocked', 'in_review', 'in_progress'];

/** The GitHub state that stands for `status`. */
export function gitHubStateOf(status: Status): GitHubState {
  if (status === 'done') return { state: 'closed', stateReason: 'completed', label: null };
  if (status === 'cancelled') return { state: 'closed', stateReason: 'not_planned', label: null };
  const words = LABEL_WORDS[status];
  return { state: 'open', stateReason: null, label: words === undefined ? null : statusLabel(words) };
}

/** True for the three status labels the mapping writes (any case). */
export function isStatusLabel(label: string): boolean {
  const words = statusWordsOfLabel(label);
  return words !== null && Object.values(LABEL_WORDS).includes(words);
}

/**
 * The `RemoteStatus` of an issue from its `state`, `state_reason` and labels (see the file
 * comment). Of several status labels, the one furthest from done wins (blocked, in review, in progress).
 */
export function remoteStatusOf(state: string, stateReason: string | null, labels: readonly string[]): RemoteStatus {
  if (state === 'closed') {
    const reason = stateReason === null || stateReason === '' ? null : stateReason.replace(/_/g, ' ');
    return { name: reason === null ? 'closed' : `closed: ${reason}`, category: 'done' };
  }
  const words = labels.map(statusWordsOfLabel);
  const found = LABEL_PRECEDENCE.find((status) => words.includes(LABEL_WORDS[status] ?? null));
  return found === undefined ? { name: 'open', category: 'new' } : { name: `open: ${LABEL_WORDS[found] ?? ''}`, category: 'indeterminate' };
}

/** The `RemoteStatus` name an issue gets once it is in `target` state (what a done transition reached). */
export function reachedName(target: GitHubState): string {
  return remoteStatusOf(target.state, target.stateReason, target.label === null ? [] : [target.label]).name;
}

/**
 * The note status a remote status stands for. `current` (the note's status now) is kept when the
 * remote status stands for it too: an open issue without a status label is both `planned` and
 * `open`. Read without `current`: `open`. A closed issue reads `cancelled` for `not planned` and
 * `duplicate`, else `done`.
 */
export function noteStatusOf(remote: RemoteStatus, current: Status | null): Status {
  const name = remote.name.trim().toLowerCase();
  if (name.startsWith('closed')) return /not planned|not_planned|duplicate/.test(name) ? 'cancelled' : 'done';
  const words = name.startsWith('open:') ? name.slice('open:'.length).trim() : '';
  const labelled = LABEL_PRECEDENCE.find((status) => LABEL_WORDS[status] === words);
  if (labelled !== undefined) return labelled;
  return current === 'planned' || current === 'open' ? current : 'open';
}

/** True when the remote status already stands for the note status (what the push compares). */
export function statusAgrees(note: Status, remote: RemoteStatus): boolean {
  return noteStatusOf(remote, note) === note;
}
