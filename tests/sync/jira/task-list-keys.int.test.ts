/**
 * Subtasks written as a task list have no place for an issue key (write-back fills table cells
 * only, and the model reads no key from a task-list item). On the second example, whose SRCH-3
 * lists its subtasks that way, a second sync must have nothing to write, and a run must only ever
 * claim the keys it really wrote.
 */
import { parseEpic } from '../../../src/model';
import { planNote } from '../../../src/sync/run';
import { previewOfPlan, resultText } from '../../../src/view/sync-summary';
import type { FakeJira } from '../../../testing/fake-jira';
import { example, issuesOf, MemoryNote, startFake, sync, trackerFor } from '../helpers';

let fake: FakeJira;
beforeEach(async () => { fake = await startFake({ projectKey: 'SRCH', epics: [{ key: 'SRCH-40', summary: 'Search Relevance Rollout' }] }); });
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

test('task-list subtasks are found by label on every run without ever counting as keys to write', async () => {
  const note = new MemoryNote(example('search-rollout.md'));
  const first = await sync(note, trackerFor(fake, { projectKey: 'SRCH' }));
  expect(first.exitCode).toBe(0);
  const { epic } = parseEpic(note.text);
  const srch3 = epic.stories.find((story) => story.id === 'SRCH-3');
  expect(srch3?.subtasks.map((subtask) => subtask.form)).toEqual(['tasklist', 'tasklist']);
  // Only the keys that have a place were written: 4 story lines and the 4 table rows of SRCH-2.
  const placeable = epic.stories.length + epic.stories.flatMap((story) => story.subtasks).filter((subtask) => subtask.form === 'table').length;
  expect(first.keysWritten).toBe(placeable);
  expect(issuesOf(fake, 'Sub-task')).toHaveLength(6);

  const text = note.text;
  const planned = await planNote({ note: parseEpic(note.text), epicKey: null, tracker: trackerFor(fake, { projectKey: 'SRCH' }), options: { execute: false, updateSource: true, phase: 'all' } });
  expect(planned.plan?.operations).toEqual([]);
  expect(planned.plan?.discoveredKeys).toEqual([]);
  const preview = previewOfPlan({ plan: planned.plan ?? { epicKey: '', operations: [], discoveredKeys: [], unmatched: [], warnings: [] }, warnings: planned.warnings });
  expect(preview.keysToWrite).toBe(0);
  expect(preview.operations).toEqual([]);

  // Executing anyway writes nothing and says nothing was written.
  const second = await sync(note, trackerFor(fake, { projectKey: 'SRCH' }));
  expect(second.exitCode).toBe(0);
  expect(second.keysWritten).toBe(0);
  expect(note.text).toBe(text);
  expect(resultText(second, 'SRCH-40')).toBe('Synced SRCH-40: nothing changed.');
  expect(issuesOf(fake, 'Sub-task')).toHaveLength(6);
});
