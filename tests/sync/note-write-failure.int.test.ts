/**
 * A note that cannot be written while keys come back: the tracker changes stand and are reported
 * as done, the run ends with the write error kind (exit 1, not "cannot reach the tracker"), the
 * message says where the write failed and which keys to add by hand, and a re-run finds the issues
 * by their labels and writes the keys.
 */
import { parseEpic } from '../../src/model';
import type { NoteWriter } from '../../src/sync/run';
import { resultText } from '../../src/view/sync-summary';
import type { FakeJira } from '../../testing/fake-jira';
import { issuesOf, MemoryNote, seedNote, startFake, sync, trackerFor } from './helpers';

let fake: FakeJira;
beforeEach(async () => { fake = await startFake(); });
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

/** A note on a disk that refuses writes after `allowed` of them (reading still works). */
class FullDiskNote extends MemoryNote implements NoteWriter {
  readonly target = 'Epics/Seed.md';
  constructor(text: string, private readonly allowed: number) {
    super(text);
  }

  override async apply(compute: (currentText: string) => readonly { from: number; to: number; insert: string }[]): Promise<void> {
    if (this.applied >= this.allowed) {
      compute(this.text);
      throw new Error('ENOSPC: no space left on device, write');
    }
    await super.apply(compute);
  }
}

test('the keys of the subtask batch cannot be written: exit 1 with the place and the keys to add; the issues are reported as created', async () => {
  const note = new FullDiskNote(seedNote(), 1);
  const result = await sync(note, trackerFor(fake));
  expect(result.exitCode).toBe(1);
  expect(result.failure?.kind).toBe('noteWrite');
  expect(result.failure?.message).toMatch(/^Could not write the issue keys into Epics\/Seed\.md: ENOSPC: no space left on device, write\. Keys to add by hand: US-001 subtask 1: INFRA-\d+, /);
  // Every subtask key that has a place in the note is named; the story keys were written.
  const subtaskKeys = issuesOf(fake, 'Sub-task').map((subtask) => subtask.key);
  expect(subtaskKeys).toHaveLength(28);
  for (const key of subtaskKeys) expect(result.failure?.message).toContain(`: ${key}`);
  expect(result.operations.every((operation) => operation.status === 'done')).toBe(true);
  expect(result.operations.filter((operation) => operation.action === 'create_subtask').every((operation) => operation.issue_key !== null)).toBe(true);
  expect(result.errors[0]).toContain('Keys to add by hand');
  expect(resultText(result, 'INFRA-100')).toMatch(/^Synced INFRA-100: 7 stories created, 28 subtasks created, 13 transitions\.\nCould not write the issue keys into Epics\/Seed\.md/);
  const written = parseEpic(note.text).epic;
  expect(written.stories.every((story) => story.issueKey !== null)).toBe(true);
  expect(written.stories.flatMap((story) => story.subtasks).every((subtask) => subtask.issueKey === null)).toBe(true);

  // Once the note can be written, a re-run finds the subtasks by label and writes their keys.
  const healthy = new MemoryNote(note.text);
  const again = await sync(healthy, trackerFor(fake));
  expect(again.exitCode).toBe(0);
  expect(again.operations).toEqual([]);
  expect(again.keysWritten).toBe(28);
  expect(issuesOf(fake, 'Sub-task')).toHaveLength(28);
  expect(parseEpic(healthy.text).epic.stories.flatMap((story) => story.subtasks).every((subtask) => subtask.issueKey !== null)).toBe(true);
});
