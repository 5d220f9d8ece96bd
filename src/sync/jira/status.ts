/**
 * Which remote status a note status means, and which transition reaches it. Nothing here names a
 * Jira status or transition: the order is (1) the names in the settings' status mapping, (2) the
 * status vocabulary of format.md applied to the remote status name, (3) the Jira status category
 * (new / indeterminate / done) for remote names the vocabulary does not know.
 */
import { matchStatus } from '../../model/vocabulary';
import { STATUSES, type Status } from '../../model/types';
import type { RemoteStatus } from '../tracker';
import { asArray, asRecord, asString } from '../json';
import type { TransitionsBean } from './rest';

/** Jira status category keys. */
export type StatusCategory = 'new' | 'indeterminate' | 'done';

/** The category a note status belongs to: done/cancelled → done, open/planned → new, else indeterminate. */
export function categoryOf(status: Status): StatusCategory {
  if (status === 'done' || status === 'cancelled') return 'done';
  if (status === 'open' || status === 'planned') return 'new';
  return 'indeterminate';
}

/** How strongly a remote status name means a note status. */
type Strength = 'mapped' | 'word' | 'category' | 'none';

function strength(target: Status, remote: RemoteStatus, mapping: Partial<Record<Status, readonly string[]>>): Strength {
  const name = remote.name.trim().toLowerCase();
  const mapped = mapping[target]?.map((entry) => entry.trim().toLowerCase()) ?? [];
  if (mapped.includes(name)) return 'mapped';
  // A name mapped to another status belongs to that one, whatever its words say.
  for (const [status, names] of Object.entries(mapping)) {
    if (status !== target && names?.some((entry) => entry.trim().toLowerCase() === name)) return 'none';
  }
  const vocabulary = matchStatus(remote.name);
  if (vocabulary.known) return vocabulary.status === target ? 'word' : 'none';
  return remote.category === categoryOf(target) ? 'category' : 'none';
}

/**
 * True when the remote status already stands for `target`. `planned` and `open` accept any status
 * of the `new` category: Jira sites rarely tell them apart, and a new issue starts there.
 */
export function statusMatches(target: Status, remote: RemoteStatus, mapping: Partial<Record<Status, readonly string[]>> = {}): boolean {
  if (strength(target, remote, mapping) !== 'none') return true;
  return categoryOf(target) === 'new' && remote.category === 'new';
}

/**
 * The note status a remote status stands for, by the same rules the push uses: a status the
 * settings map it to, else the vocabulary's reading of its name, else its category. `current`
 * (the note's status now) is kept when the remote status also stands for it, so a `To Do` that
 * means both `planned` and `open` never rewrites one as the other. A category Jira did not name
 * reads as `planned`.
 */
export function noteStatusOf(remote: RemoteStatus, mapping: Partial<Record<Status, readonly string[]>> = {}, current: Status | null = null): Status {
  if (current !== null && statusMatches(current, remote, mapping)) return current;
  for (const wanted of ['mapped', 'word', 'category'] as const) {
    const found = STATUSES.find((status) => strength(status, remote, mapping) === wanted);
    if (found !== undefined) return found;
  }
  return 'planned';
}

/** One transition as Jira lists it. */
export interface Transition {
  readonly id: string;
  readonly name: string;
  readonly to: RemoteStatus;
}

/** Reads `GET /issue/{key}/transitions` tolerantly. */
export function readTransitions(answer: TransitionsBean): Transition[] {
  return asArray(answer.transitions).flatMap((entry) => {
    const record = asRecord(entry);
    const id = asString(record.id);
    const to = asRecord(record.to);
    const toName = asString(to.name);
    if (id === null || toName === null) return [];
    const category = asString(asRecord(to.statusCategory).key) ?? '';
    return [{ id, name: asString(record.name) ?? '', to: { name: toName, category } }];
  });
}

/**
 * The transition to take towards `target`: first one whose target status is mapped to it in the
 * settings, else one the vocabulary reads as `target`, else one whose target is in the right
 * category and unknown to the vocabulary.
 * Null when none fits (the operation is skipped with a reason, never forced elsewhere).
 */
export function chooseTransition(target: Status, transitions: readonly Transition[], current: RemoteStatus | null, mapping: Partial<Record<Status, readonly string[]>> = {}): Transition | null {
  const candidates = transitions.filter((transition) => current === null || transition.to.name !== current.name);
  for (const wanted of ['mapped', 'word', 'category'] as const) {
    const found = candidates.find((transition) => strength(target, transition.to, mapping) === wanted);
    if (found) return found;
  }
  return null;
}
