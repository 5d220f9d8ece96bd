/**
 * The Jira adapter's `TrackerReading` for the sync record's three-way plan: every answer comes from
 * the function the push itself uses (status mapping and vocabulary in `status.ts`, the priority
 * mapping and label spelling in `plan.ts`, the description in `description.ts`, the matching in
 * `match.ts`), so pull and push can never disagree on what a value means.
 */
import { matchPriority } from '../../model/vocabulary';
import { PRIORITIES, type Priority, type Status, type Story } from '../../model/types';
import type { TrackerReading } from '../record/reading';
import { textHash } from '../record/hash';
import type { RemoteStatus } from '../tracker';
import { normaliseAdf } from './adf-normalise';
import type { JiraConfig } from './config';
import { storyDescription } from './description';
import { matchStories, matchSubtasks } from './match';
import { jiraLabel, priorityName, samePriorityName } from './plan';
import { noteStatusOf, statusMatches } from './status';
import { adfToWiki, normaliseWiki } from './wiki';

/** Identity labels (`spectryn-us-001`, docs/sync.md "Matching") are the sync's, not the user's. */
const IDENTITY_LABEL = /^spectryn-/i;

/** The reading of a Jira site configured by `config` (status and priority mappings, flavour). */
export function jiraRecordReading(config: Pick<JiraConfig, 'flavor' | 'statusMapping' | 'priorityMapping'>): TrackerReading {
  const mapping = config.statusMapping ?? {};
  /** The canonical text both sides are hashed from: normalised ADF (cloud) or normalised wiki markup (data center). */
  const canonical = (value: unknown): string | null => {
    if (config.flavor === 'cloud') {
      const doc = normaliseAdf(value);
      return doc.content === undefined || doc.content.length === 0 ? null : JSON.stringify(doc);
    }
    const wiki = normaliseWiki(value);
    return wiki === '' ? null : wiki;
  };
  const hash = (value: unknown): string | null => {
    const text = canonical(value);
    return text === null ? null : textHash(text);
  };
  const sortedLabels = (labels: readonly string[]): string[] => [...new Set(labels.filter((label) => label !== '' && !IDENTITY_LABEL.test(label)))].sort();
  return {
    noteStatusOf: (remote: RemoteStatus, current: Status | null) => noteStatusOf(remote, mapping, current),
    statusAgrees: (note: Status, remote: RemoteStatus) => statusMatches(note, remote, mapping),
    notePriorityOf: (name: string): Priority | null => {
      const mapped = PRIORITIES.find((priority) => samePriorityName(priorityName(priority, config), name));
      if (mapped !== undefined) return mapped;
      const word = matchPriority(name);
      return word.known ? word.priority : null;
    },
    priorityAgrees: (note: Priority, remoteName: string | null) => samePriorityName(priorityName(note, config), remoteName),
    noteDescriptionHash: (story: Story) => {
      const doc = storyDescription(story);
      if (doc === null) return null;
      return hash(config.flavor === 'cloud' ? doc : adfToWiki(doc));
    },
    trackerDescriptionHash: hash,
    noteLabels: (story: Story) => sortedLabels(story.labels.map(jiraLabel)),
    trackerLabels: sortedLabels,
    matchStories,
    matchSubtasks,
  };
}
