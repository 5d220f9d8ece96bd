/**
 * The seed note against the fake GitHub (issue 16 "Tests"), run as the CLI runs it (two-way, with a
 * sync record): the first sync creates every story and subtask as sub-issues with their labels and
 * states and writes `#N` keys into the note; a no-op re-sync writes nothing and leaves the note as
 * it was. Also the report of requests and rate-limit points both runs cost (printed as bench lines).
 */
import type { FakeGitHub, FakeGitHubIssue, FakeGitHubUsage } from '../../../testing/fake-github';
import { gitHubSeedNote, gitHubTrackerFor } from './helpers';
import { GitHubNote, identityIssue, issuesByIdentity, MemoryRecord, startGitHub, twoWaySync } from '../../testing/fake-github/sync-harness';

let fake: FakeGitHub;
beforeEach(async () => { fake = await startGitHub(); });
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

const SUBTASKS: Readonly<Record<string, number>> = { 'US-001': 4, 'US-002': 3, 'US-003': 5, 'US-004': 4, 'US-005': 4, 'US-006': 3, 'US-007': 5 };
const label = (storyId: string, subtask?: number): string => `spectryn-${storyId.toLowerCase()}${subtask === undefined ? '' : `-${subtask}`}`;

/** Every story and subtask is one issue, linked as sub-issues epic → story → subtask. */
function expectHierarchy(): void {
  const byLabel = issuesByIdentity(fake);
  expect([...byLabel.values()].every((issues) => issues.length === 1)).toBe(true);
  expect(byLabel.size).toBe(7 + 28);
  const stories = Object.keys(SUBTASKS).map((id) => identityIssue(fake, label(id)));
  expect(fake.issues.get(1)?.subIssues).toEqual(stories.map((story) => story.number));
  for (const [id, count] of Object.entries(SUBTASKS)) {
    const story = identityIssue(fake, label(id));
    const subtasks = Array.from({ length: count }, (_, i) => identityIssue(fake, label(id, i + 1)));
    expect(story.subIssues).toEqual(subtasks.map((subtask) => subtask.number));
    expect(subtasks.every((subtask) => subtask.parent === story.number)).toBe(true);
  }
}

/**
 * The record's lines as values. GitHub stamps whole seconds, so a stamp read in its own second is
 * not recorded (null): a later run in a later second may record it. That one difference from
 * `before` is taken back (on a quiet machine both runs fall in the same second; on a busy one not).
 */
function recordLines(text: string, before: string): unknown[] {
  const old = before.split('\n');
  return text.split('\n').map((line, index) => {
    if (!line.startsWith('{')) return line;
    const entry = JSON.parse(line) as Record<string, unknown>;
    const was = old[index]?.startsWith('{') === true ? JSON.parse(old[index] ?? '') as Record<string, unknown> : null;
    return was !== null && was.updated === null && was.key === entry.key ? { ...entry, updated: null } : entry;
  });
}

const reportUsage = (run: string, usage: FakeGitHubUsage): void => {
  for (const [name, value] of Object.entries(usage)) process.stdout.write(`${JSON.stringify({ bench: `github.${run}.${name}`, value, unit: /points|Used/i.test(name) ? 'points' : 'requests' })}\n`);
};

test('the first sync creates 7 stories and 28 subtasks as sub-issues, with labels, states, bodies and keys in the note', async () => {
  const note = new GitHubNote(gitHubSeedNote());
  const result = await twoWaySync(note, gitHubTrackerFor(fake), new MemoryRecord());
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  expectHierarchy();
  const us001 = identityIssue(fake, 'spectryn-us-001');
  expect(us001).toMatchObject({ title: 'Schema Compatibility Analysis', state: 'closed', stateReason: 'completed' });
  expect(us001.labels).toEqual(expect.arrayContaining(['spectryn-us-001', 'points: 5', 'priority: critical']));
  expect(us001.body).toContain('- [x] All tables analyzed for compatibility');
  expect(identityIssue(fake, 'spectryn-us-003')).toMatchObject({ title: 'ORM Compatibility Changes', state: 'open' });
  expect(identityIssue(fake, 'spectryn-us-003').labels).toContain('status: in progress');
  expect(identityIssue(fake, 'spectryn-us-004').labels).toEqual(expect.arrayContaining(['priority: high', 'points: 5']));
  expect(identityIssue(fake, 'spectryn-us-004').labels.some((l) => l.startsWith('status:'))).toBe(false);
  const retry = identityIssue(fake, 'spectryn-us-003-3');
  expect(retry).toMatchObject({ title: 'Add retry logic', state: 'open' });
  expect(retry.labels).toEqual(expect.arrayContaining(['status: in progress', 'points: 2']));
  expect(identityIssue(fake, 'spectryn-us-003-2')).toMatchObject({ title: 'Fix SERIAL to UUID', state: 'closed', stateReason: 'completed' });
  const subtasks = [...issuesByIdentity(fake).entries()].filter(([l]) => /-\d+-\d+$/.test(l)).map(([, [issue]]) => issue as FakeGitHubIssue);
  expect(subtasks.filter((subtask) => subtask.state === 'closed')).toHaveLength(9);
  // The pull request sharing the number sequence is left alone.
  expect(fake.issues.get(2)).toMatchObject({ pullRequest: true, title: 'Bump dependencies', labels: [], parent: null });
  // Keys are written back as `#N` links to the issue pages.
  for (const id of Object.keys(SUBTASKS)) {
    const number = identityIssue(fake, label(id)).number;
    expect(note.section(id)).toContain(`[#${number}](${fake.webUrl}/acme/infra/issues/${number})`);
  }
  expect(note.section('US-003')).toContain(`| 🔄 In Progress | #${retry.number} |`);
});

test('a no-op re-sync writes nothing and leaves the note and the record as they were; its cost is reported', async () => {
  const note = new GitHubNote(gitHubSeedNote());
  const record = new MemoryRecord();
  const first = await twoWaySync(note, gitHubTrackerFor(fake), record);
  expect(first.errors).toEqual([]);
  reportUsage('first-sync', fake.usage());
  const firstUsage = fake.usage();
  const text = note.text;
  const recordText = record.text;
  fake.resetUsage();

  const again = await twoWaySync(note, gitHubTrackerFor(fake), record);
  expect(again.errors).toEqual([]);
  expect(again.exitCode).toBe(0);
  expect(again.operations).toEqual([]);
  expect(again.conflicts).toEqual([]);
  expect(fake.writes()).toEqual([]);
  expect(note.text).toBe(text);
  expect(recordLines(record.text ?? '', recordText ?? '')).toEqual(recordLines(recordText ?? '', recordText ?? ''));
  expect(record.text).not.toBeNull();
  const usage = fake.usage();
  reportUsage('noop-resync', usage);
  // A no-op re-sync must stay cheap: a fraction of the first sync's requests and points.
  expect(usage.rateLimitUsed).toBeLessThan(firstUsage.rateLimitUsed / 4);
  expect(usage.writes).toBe(0);
});
