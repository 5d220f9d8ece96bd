/** The Jira client's guards and error reporting, on the fake Jira. */
import { type FakeJira } from '../../../testing/fake-jira';
import { JiraClient } from '../../../src/sync/jira/client';
import { TrackerError } from '../../../src/sync/errors';
import { parseEpic } from '../../../src/model';
import { syncNote } from '../../../src/sync/run';
import { http, instantClock, issuesOf, MemoryNote, seedNote, sync, trackerFor, startFake } from '../helpers';

let fake: FakeJira;
beforeEach(async () => { fake = await startFake(); });
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

test('the token never travels over plain http to another host', async () => {
  const client = new JiraClient({ config: { flavor: 'cloud', siteUrl: 'http://jira.example.com', email: 'a@b.c', token: 'secret-token-1', projectKey: 'INFRA' }, http, clock: instantClock() });
  const attempt = client.request({ method: 'GET', path: '/myself', what: 'read the account' });
  await expect(attempt).rejects.toBeInstanceOf(TrackerError);
  await expect(attempt).rejects.toThrow(/https/);
});

test('a priority the site does not have fails those creates before sending; the others are created (exit 64)', async () => {
  const note = new MemoryNote(seedNote());
  const result = await sync(note, trackerFor(fake, { priorityMapping: { critical: 'Urgent' } }));
  expect(result.exitCode).toBe(64);
  const failed = result.operations.filter((operation) => operation.status === 'failed');
  expect(failed.map((operation) => operation.story)).toEqual(['US-001', 'US-002', 'US-003', 'US-005', 'US-006', 'US-007']);
  expect(failed[0]?.error).toBe('The priority "Urgent" does not exist on this site (it has Highest, High, Medium, Low, Lowest).');
  expect(fake.writes().filter((request) => request.path.endsWith('/issue/bulk'))).toHaveLength(2);
  expect(issuesOf(fake, 'Story').map((story) => story.summary)).toEqual(['Schema Migrations']);
  // Subtasks of stories that were not created are skipped, not sent.
  const skipped = result.operations.filter((operation) => operation.status === 'skipped' && operation.action === 'create_subtask');
  expect(skipped.length).toBe(28 - 4);
  expect(issuesOf(fake, 'Sub-task')).toHaveLength(4);
});

test('an unreachable site: exit 4', async () => {
  await fake.close();
  const note = new MemoryNote(seedNote());
  const result = await sync(note, trackerFor(fake));
  expect(result.exitCode).toBe(4);
  expect(result.failure?.kind).toBe('network');
  fake = await startFake();
});

test('a field Jira refuses: its message field by field, exit 64, nothing else lost', async () => {
  // The points field is on the create screen but not on the edit screen: creates carry points,
  // a later points update is refused by Jira itself.
  await fake.close();
  fake = await startFake({ hiddenFields: { edit: ['customfield_10042'] } });
  const note = new MemoryNote(seedNote());
  await sync(note, trackerFor(fake));
  note.text = note.text
    .replace('| **Story Points** | 5 |', '| **Story Points** | 6 |')
    .replace('US-002: Development Environment Setup', 'US-002: Development Environment Ready');
  const result = await sync(note, trackerFor(fake));
  expect(result.exitCode).toBe(64);
  const failed = result.operations.filter((operation) => operation.status === 'failed');
  expect(failed.map((operation) => [operation.action, operation.story])).toEqual([['update_story', 'US-001']]);
  expect(failed[0]?.error).toContain("customfield_10042: Field 'customfield_10042' cannot be set");
  const renamed = result.operations.find((operation) => operation.story === 'US-002');
  expect(renamed).toMatchObject({ action: 'update_story', status: 'done' });
  expect([...fake.issues.values()].some((issue) => issue.summary === 'Development Environment Ready')).toBe(true);
});

test('cancelled after the first batch: exit 80, the keys created so far are in the note, a re-run finishes', async () => {
  const note = new MemoryNote(seedNote());
  const result = await syncNote({
    note: parseEpic(note.text), epicKey: null, tracker: trackerFor(fake), writer: note, now: () => new Date('2026-11-24T09:44:00Z'),
    options: { execute: true, updateSource: true, phase: 'all' },
    isCancelled: () => note.applied > 0,
  });
  expect(result.exitCode).toBe(80);
  expect(issuesOf(fake, 'Story')).toHaveLength(7);
  expect(issuesOf(fake, 'Sub-task')).toHaveLength(0);
  expect(result.operations.filter((operation) => operation.status === 'skipped').every((operation) => operation.reason === 'cancelled')).toBe(true);
  expect(parseEpic(note.text).epic.stories.every((story) => story.issueKey !== null)).toBe(true);
  const again = await sync(note, trackerFor(fake));
  expect(again.exitCode).toBe(0);
  expect(issuesOf(fake, 'Story')).toHaveLength(7);
  expect(issuesOf(fake, 'Sub-task')).toHaveLength(28);
});
