/**
 * Set-up of the GitHub scenario tests (tests/sync/github/scenarios-*.int.test.ts) and the GitHub
 * bench: a fake GitHub sharing one loaded contract, a `GitHubTracker` on it, an in-memory sync
 * record, and one two-way run driven as the CLI drives it (plan, conflict strategy, execute).
 */
import { parseEpic } from '../../../src/model';
import type { GitHubTracker } from '../../../src/sync/github/tracker';
import type { ConflictStrategy } from '../../../src/sync/record/conflicts';
import { applyConflictStrategy, executeTwoWay, planTwoWay, type RecordStore, type TwoWayResult } from '../../../src/sync/two-way';
import { startGitHub as startAdapterTestGitHub } from '../../sync/github/helpers';
import { MemoryNote } from '../../sync/helpers';
import type { FakeGitHub, FakeGitHubIssue, FakeGitHubOptions } from '../../../testing/fake-github';

/** The seed repository's epic: issue #1. */
export const EPIC_KEY = '#1';

/** A fake GitHub with pages of 5, so that every list is paged by `Link`. */
export function startGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  return startAdapterTestGitHub({ maxPageSize: 5, ...options });
}

/** The sync tests' memory note, with a user's edits and a look at one story's section. */
export class GitHubNote extends MemoryNote {
  /** Replaces the first `from` after the heading of `storyId` (a user's edit). */
  edit(storyId: string, from: string, to: string): void {
    const at = this.text.indexOf(`${storyId}:`);
    const index = this.text.indexOf(from, at);
    if (at < 0 || index < 0) throw new Error(`${from} not found in ${storyId}`);
    this.text = this.text.slice(0, index) + to + this.text.slice(index + from.length);
  }

  /** The text of `storyId`'s section (its heading to the next story heading). */
  section(storyId: string): string {
    const at = this.text.indexOf(`${storyId}:`);
    const next = this.text.indexOf('\n### ', at);
    return this.text.slice(at, next < 0 ? undefined : next);
  }
}

/** The sync record in memory; `writes` counts replacements. */
export class MemoryRecord implements RecordStore {
  text: string | null = null;
  writes = 0;
  readonly target = 'the sync record';

  async read(): Promise<string | null> {
    return this.text;
  }

  async write(text: string): Promise<void> {
    this.text = text;
    this.writes += 1;
  }
}

/** Options of one run: `execute` default true, `strategy` default 'skip' (the CLI's default). */
export interface RunOptions {
  readonly execute?: boolean;
  readonly strategy?: ConflictStrategy;
  readonly epicKey?: string;
}

/** One two-way sync of `note` as the CLI runs it (plan, conflict strategy, execute, record). */
export async function twoWaySync(note: GitHubNote, tracker: GitHubTracker, record: MemoryRecord, options: RunOptions = {}): Promise<TwoWayResult> {
  const input = {
    note: parseEpic(note.text),
    epicKey: options.epicKey ?? EPIC_KEY,
    tracker,
    options: { execute: options.execute ?? true, updateSource: true, phase: 'all' as const },
    record,
    site: tracker.siteUrl,
    reading: tracker.reading,
    writer: note,
    readNote: async () => note.text,
    now: () => new Date('2026-12-06T09:00:00Z'),
  };
  const planned = await planTwoWay(input);
  const resolved = planned.threeWay === null ? undefined : applyConflictStrategy(planned.threeWay, options.strategy ?? 'skip');
  return executeTwoWay({ ...input, planned, resolved });
}

/** The issues (not pull requests) carrying an identity label, by label. */
export function issuesByIdentity(fake: FakeGitHub): Map<string, FakeGitHubIssue[]> {
  const byLabel = new Map<string, FakeGitHubIssue[]>();
  for (const issue of fake.issues.values()) {
    if (issue.pullRequest) continue;
    for (const label of issue.labels.filter((l) => /^spectryn-us-\d+(-\d+)?$/.test(l))) byLabel.set(label, [...(byLabel.get(label) ?? []), issue]);
  }
  return byLabel;
}

/** The one issue with identity label `label` (throws when none or several). */
export function identityIssue(fake: FakeGitHub, label: string): FakeGitHubIssue {
  const found = issuesByIdentity(fake).get(label) ?? [];
  if (found.length !== 1) throw new Error(`${found.length} issues carry ${label}`);
  return found[0] as FakeGitHubIssue;
}
