/**
 * Two-way sync against the fake GitHub (issue 16 "Tests"): after a first sync, teammates close an
 * issue, drop one as not planned, change a priority label and add an unrelated label in GitHub's
 * web UI, while the note changes a story's points; one story's points change on both sides. The
 * next run pulls GitHub's changes into the note, pushes the note's (leaving other labels alone),
 * and reports the conflict instead of resolving it silently.
 */
import type { FakeGitHub } from '../../../testing/fake-github';
import { gitHubSeedNote, gitHubTrackerFor } from './helpers';
import { GitHubNote, identityIssue, MemoryRecord, startGitHub, twoWaySync } from '../../testing/fake-github/sync-harness';

let fake: FakeGitHub;
let note: GitHubNote;
let record: MemoryRecord;
beforeEach(async () => {
  fake = await startGitHub();
  note = new GitHubNote(gitHubSeedNote());
  record = new MemoryRecord();
  const first = await twoWaySync(note, gitHubTrackerFor(fake), record);
  expect(first.errors).toEqual([]);
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

/** A teammate's change in the web UI to the issue with identity label `label`. */
const teammate = (label: string, change: Parameters<FakeGitHub['teammateChange']>[1]): void => {
  fake.teammateChange(identityIssue(fake, label).number, change);
};

test('GitHub\'s closes and label changes are pulled, the note\'s change is pushed, and the conflict is reported', async () => {
  teammate('spectryn-us-004', { state: 'closed', stateReason: 'completed' });
  teammate('spectryn-us-006-1', { state: 'closed', stateReason: 'not_planned' });
  teammate('spectryn-us-005', { removeLabels: ['priority: critical'], addLabels: ['priority: low'] });
  teammate('spectryn-us-007', { addLabels: ['bug'] });
  teammate('spectryn-us-002', { removeLabels: ['points: 3'], addLabels: ['points: 8'] });
  note.edit('US-007', '| **Story Points** | 8 |', '| **Story Points** | 13 |');
  note.edit('US-002', '| **Story Points** | 3 |', '| **Story Points** | 5 |');

  const writesBefore = fake.writes().length;
  const dry = await twoWaySync(note, gitHubTrackerFor(fake), record, { execute: false });
  expect(fake.writes()).toHaveLength(writesBefore);
  expect(dry.conflicts).toEqual([{ story: 'US-002', subtask: null, field: 'story_points', note: 5, tracker: 8 }]);

  const run = await twoWaySync(note, gitHubTrackerFor(fake), record);
  expect(run.exitCode).toBe(64);
  expect(run.conflicts).toEqual([{ story: 'US-002', subtask: null, field: 'story_points', note: 5, tracker: 8 }]);
  // GitHub's changes are in the note, in its own forms.
  expect(note.section('US-004')).toMatch(/\| \*\*Status\*\* \| ✅ Done \|/);
  expect(note.section('US-005')).toMatch(/\| \*\*Priority\*\* \| .*Low \|/);
  expect(note.section('US-006')).toMatch(/\| 1 \| Row count verification \|.*\| (❌|🚫).*\|/);
  // The note's change is in GitHub; the teammate's unrelated label stays.
  const us007 = identityIssue(fake, 'spectryn-us-007');
  expect(us007.labels).toEqual(expect.arrayContaining(['points: 13', 'bug', 'spectryn-us-007']));
  expect(us007.labels).not.toContain('points: 8');
  expect(fake.writes().length).toBeGreaterThan(writesBefore);
  // The conflict is left as it is on both sides.
  expect(identityIssue(fake, 'spectryn-us-002').labels).toContain('points: 8');
  expect(note.section('US-002')).toContain('| **Story Points** | 5 |');
  // Nothing pulled was pushed back: GitHub still holds the teammate's values.
  expect(identityIssue(fake, 'spectryn-us-004')).toMatchObject({ state: 'closed', stateReason: 'completed' });
  expect(identityIssue(fake, 'spectryn-us-005').labels).toContain('priority: low');

  // Resolving the conflict for GitHub's side settles everything: the run after that writes nothing.
  const settle = await twoWaySync(note, gitHubTrackerFor(fake), record, { strategy: 'force-remote' });
  expect(settle.exitCode).toBe(0);
  expect(note.section('US-002')).toContain('| **Story Points** | 8 |');
  const quiet = fake.writes().length;
  const again = await twoWaySync(note, gitHubTrackerFor(fake), record);
  expect(again.operations).toEqual([]);
  expect(again.conflicts).toEqual([]);
  expect(fake.writes()).toHaveLength(quiet);
});

test('an issue a teammate reopens comes back into the note as open', async () => {
  teammate('spectryn-us-001', { state: 'open' });
  const run = await twoWaySync(note, gitHubTrackerFor(fake), record);
  expect(run.errors).toEqual([]);
  expect(note.section('US-001')).not.toMatch(/\| \*\*Status\*\* \| ✅ Done \|/);
  expect(identityIssue(fake, 'spectryn-us-001').state).toBe('open');
});
