/**
 * Issues the note names by key that the epic's searches do not return, on the fake Jira: a search
 * index that lags behind the writes of the run before (the fake's `searchLag`), and an issue moved
 * to another epic or story in Jira. They are fetched by key and matched, never created again.
 */
import { parseEpic } from '../../../src/model';
import type { FakeJira } from '../../../testing/fake-jira';
import { issuesOf, MemoryNote, seedNote, startFake, sync, trackerFor } from '../helpers';

let fake: FakeJira;
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

const gets = (from: number): string[] => fake.requests.slice(from).filter((request) => request.method === 'GET' && /\/issue\/INFRA-\d+$/.test(request.path)).map((request) => request.path.replace(/.*\//, ''));

test('a re-run while the index still hides the new issues fetches the keys of the note one by one and changes nothing', async () => {
  fake = await startFake({ searchLag: 2 });
  const note = new MemoryNote(seedNote());
  expect((await sync(note, trackerFor(fake))).exitCode).toBe(0);
  const text = note.text;
  const { epic } = parseEpic(text);
  const storyKeys = epic.stories.map((story) => story.issueKey);
  const subtaskKeys = epic.stories.flatMap((story) => story.subtasks.map((subtask) => subtask.issueKey));
  const writes = fake.writes().length;
  const before = fake.requests.length;

  const second = await sync(note, trackerFor(fake));
  expect(second.exitCode).toBe(0);
  expect(second.operations).toEqual([]);
  expect(second.warnings).toEqual([]);
  expect(fake.writes()).toHaveLength(writes);
  expect(note.text).toBe(text);
  // The searches returned nothing yet: every key of the note was read by key, nothing else.
  expect(gets(before).sort()).toEqual(['INFRA-100', ...storyKeys, ...subtaskKeys].sort());
  expect(issuesOf(fake, 'Story')).toHaveLength(7);
  expect(issuesOf(fake, 'Sub-task')).toHaveLength(28);

  // Once the index has caught up, a re-run is the usual four requests.
  const caughtUp = fake.requests.length;
  expect((await sync(note, trackerFor(fake))).operations).toEqual([]);
  expect(fake.requests.length - caughtUp).toBe(4);
});

test('a story and a subtask moved elsewhere in Jira are still matched by their keys, with a warning; nothing is created twice', async () => {
  fake = await startFake({ epics: [{ key: 'INFRA-100', summary: 'Database Migration: PostgreSQL to CockroachDB' }, { key: 'INFRA-90', summary: 'Another epic' }] });
  const note = new MemoryNote(seedNote());
  expect((await sync(note, trackerFor(fake))).exitCode).toBe(0);
  const { epic } = parseEpic(note.text);
  const us001 = epic.stories[0];
  const us002 = epic.stories[1];
  const moved = fake.issues.get(us001?.issueKey ?? '');
  const movedSubtask = fake.issues.get(us002?.subtasks[0]?.issueKey ?? '');
  if (!moved || !movedSubtask || !us001) throw new Error('the first sync did not write the keys');
  // Someone moves US-001 to another epic and a subtask of US-002 under US-001.
  moved.parent = 'INFRA-90';
  movedSubtask.parent = moved.key;
  // …and edits US-001's title in the note, so the story has something to sync.
  note.text = note.text.replace('US-001: Schema Compatibility Analysis', 'US-001: Schema Compatibility Review');

  const result = await sync(note, trackerFor(fake));
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  expect(result.warnings).toEqual([
    `US-001: ${moved.key} is not under the epic INFRA-100 in Jira (it is under INFRA-90); it is synced where it is and not moved.`,
    `US-002 subtask 1: ${movedSubtask.key} is not under ${us002?.issueKey ?? ''} in Jira (it is under ${moved.key}); it is synced where it is and not moved.`,
  ]);
  expect(result.operations.map((operation) => [operation.action, operation.story, operation.issue_key, operation.status])).toEqual([['update_story', 'US-001', moved.key, 'done']]);
  expect(moved).toMatchObject({ summary: 'Schema Compatibility Review', parent: 'INFRA-90' });
  expect(issuesOf(fake, 'Story')).toHaveLength(7);
  expect(issuesOf(fake, 'Sub-task')).toHaveLength(28);
});
