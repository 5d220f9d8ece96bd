/**
 * Two-way sync on GitHub against the fake (docs/sync-record.md): the same sync record, the same
 * three-way plan; a no-op re-sync asks only the no-op probe (2 requests); a teammate's close and
 * label change are pulled into the note; a field changed on both sides is a conflict; ETags make a
 * second read of the same pages free (304).
 */
import { parseEpic } from '../../../src/model';
import { executeTwoWay, planTwoWay, type RecordStore, type TwoWayResult } from '../../../src/sync/two-way';
import type { GitHubTracker } from '../../../src/sync/github/tracker';
import type { FakeGitHub } from '../../../testing/fake-github';
import { instantClock, MemoryNote } from '../helpers';
import { childrenOf, gitHubSeedNote, gitHubTrackerFor, startGitHub } from './helpers';

let fake: FakeGitHub;
let now = Date.parse('2026-12-06T11:00:00Z');
beforeEach(async () => {
  now = Date.parse('2026-12-06T11:00:00Z');
  // GitHub's own page size (100): the no-op probe's request count is the one users see.
  fake = await startGitHub({ now: () => new Date(now) });
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

/** A sync record kept in memory. */
class MemoryRecord implements RecordStore {
  text: string | null = null;
  read(): Promise<string | null> { return Promise.resolve(this.text); }
  write(text: string): Promise<void> { this.text = text; return Promise.resolve(); }
}

async function twoWay(note: MemoryNote, record: MemoryRecord, tracker: GitHubTracker = gitHubTrackerFor(fake, {}, instantClock(now))): Promise<TwoWayResult & { unchanged: boolean }> {
  const input = {
    note: parseEpic(note.text),
    epicKey: '#1',
    tracker,
    options: { execute: true, updateSource: true, phase: 'all' as const },
    writer: note,
    now: () => new Date(now),
    record,
    site: tracker.siteUrl,
    reading: tracker.reading,
  };
  const planned = await planTwoWay(input);
  const result = await executeTwoWay({ ...input, planned });
  return { ...result, unchanged: planned.unchanged === true };
}

/** The story issue of the fake carrying `label`. */
function issueLabelled(label: string): NonNullable<ReturnType<FakeGitHub['issues']['get']>> {
  const found = [...fake.issues.values()].find((issue) => issue.labels.includes(label));
  if (found === undefined) throw new Error(`no issue labelled ${label}`);
  return found;
}

test('first sync writes the record; a no-op re-sync costs 2 requests and no write; a teammate\'s close and label are pulled', async () => {
  const note = new MemoryNote(gitHubSeedNote());
  const record = new MemoryRecord();
  const first = await twoWay(note, record);
  expect(first.errors).toEqual([]);
  expect(first.exitCode).toBe(0);
  expect(first.recordWritten).toBe(true);
  expect(record.text).toContain('"tracker":"github"');
  expect(childrenOf(fake, 1)).toHaveLength(7);

  now += 60_000;
  fake.resetUsage();
  const text = note.text;
  const idle = await twoWay(note, record);
  expect(idle.exitCode).toBe(0);
  expect(idle.unchanged).toBe(true);
  expect(fake.usage()).toMatchObject({ requests: 2, writes: 0 });
  expect(note.text).toBe(text);
  process.stdout.write(`github seed no-op two-way re-sync: ${JSON.stringify(fake.usage())}\n`);

  // A teammate closes a planned subtask as completed and marks a story blocked.
  now += 60_000;
  const subtask = issueLabelled('spectryn-us-003-4');
  fake.teammateChange(subtask.number, { state: 'closed', stateReason: 'completed' });
  const story = issueLabelled('spectryn-us-004');
  fake.teammateChange(story.number, { addLabels: ['status: blocked'] });
  fake.resetUsage();
  const pulled = await twoWay(note, record);
  expect(pulled.errors).toEqual([]);
  expect(pulled.unchanged).toBe(false);
  expect(pulled.pulls.map((decision) => [decision.id, decision.tracker])).toEqual(expect.arrayContaining([['US-003#4:status', 'done'], ['US-004:status', 'blocked']]));
  expect(fake.usage().writes).toBe(0);
  const epic = parseEpic(note.text).epic;
  expect(epic.stories.find((entry) => entry.id === 'US-004')?.status).toBe('blocked');
  expect(epic.stories.find((entry) => entry.id === 'US-003')?.subtasks.find((entry) => entry.number === 4)?.status).toBe('done');

  // Both sides agree again: the next run is a no-op.
  now += 60_000;
  fake.resetUsage();
  expect((await twoWay(note, record)).unchanged).toBe(true);
});

test('a field changed on both sides is a conflict, left as it is on both sides', async () => {
  const note = new MemoryNote(gitHubSeedNote());
  const record = new MemoryRecord();
  await twoWay(note, record);
  now += 60_000;
  const story = issueLabelled('spectryn-us-002');
  fake.teammateChange(story.number, { title: 'Test environment on Kubernetes' });
  note.text = note.text.replace('Development Environment Setup', 'Development environment with Docker');
  const result = await twoWay(note, record);
  expect(result.conflicts.map((conflict) => conflict.field)).toEqual(['title']);
  expect(fake.issues.get(story.number)?.title).toBe('Test environment on Kubernetes');
  expect(result.exitCode).toBe(64);
});

test('a second read by the same tracker is answered 304 for the pages that did not change: no rate limit used', async () => {
  const note = new MemoryNote(gitHubSeedNote());
  await twoWay(note, new MemoryRecord());
  const tracker = gitHubTrackerFor(fake);
  fake.resetUsage();
  await tracker.read('#1');
  const first = fake.usage();
  expect(first.notModified).toBe(0);
  fake.resetUsage();
  await tracker.read('#1');
  const second = fake.usage();
  expect(second.requests).toBe(first.requests);
  expect(second.notModified).toBe(second.requests);
  expect(second.rateLimitUsed).toBe(0);
  expect(tracker.client.counts.notModified).toBe(second.requests);
});
