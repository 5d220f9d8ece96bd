import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NO_PHASE, parseEpic, progress } from '../../src/model';
import { epicNote } from './builder';

const seed = readFileSync(join(__dirname, '..', '..', 'examples', 'postgres-to-crdb.md'), 'utf8');

test('the seed: 7 stories, 28 subtasks, 37 points, four phases as the jq dashboard counts them', () => {
  const result = progress(parseEpic(seed).epic);
  expect(result.totals).toEqual({ stories: 7, storiesDone: 2, storiesCancelled: 0, points: 37, pointsDone: 8, subtasks: 28, subtasksDone: 9, unestimated: 0 });
  expect(result.phases.map((phase) => [phase.name, phase.counts.stories, phase.counts.storiesDone, phase.counts.points, phase.counts.pointsDone, phase.counts.subtasks, phase.counts.subtasksDone])).toEqual([
    ['Preparation', 2, 2, 8, 8, 7, 7],
    ['Development', 2, 0, 13, 0, 9, 2],
    ['Testing', 2, 0, 8, 0, 7, 0],
    ['Migration', 1, 0, 8, 0, 5, 0],
  ]);
  expect(result.phases.map((phase) => phase.phase?.headingRange.line)).toEqual([39, 101, 165, 227]);
});

test('cancelled stories stay in the totals; unestimated count 0 points and are flagged; no phase comes last', () => {
  const note = epicNote({
    stories: [{ points: 'TBD', status: 'Done' }],
    phases: [['Build', [{ points: 3, status: '❌ Cancelled' }, { points: 2, status: '✅ Done', phase: 'Ship' }]]],
  });
  const result = progress(parseEpic(note).epic);
  expect(result.phases.map((phase) => [phase.name, phase.counts])).toEqual([
    ['Build', { stories: 1, storiesDone: 0, storiesCancelled: 1, points: 3, pointsDone: 0, subtasks: 0, subtasksDone: 0, unestimated: 0 }],
    ['Ship', { stories: 1, storiesDone: 1, storiesCancelled: 0, points: 2, pointsDone: 2, subtasks: 0, subtasksDone: 0, unestimated: 0 }],
    [NO_PHASE, { stories: 1, storiesDone: 1, storiesCancelled: 0, points: 0, pointsDone: 0, subtasks: 0, subtasksDone: 0, unestimated: 1 }],
  ]);
  expect(result.totals).toEqual({ stories: 3, storiesDone: 2, storiesCancelled: 1, points: 5, pointsDone: 2, subtasks: 0, subtasksDone: 0, unestimated: 1 });
});

test('subtasks done are subtasks whose status is done, whatever the story status', () => {
  const note = epicNote({ stories: [{ status: 'In Progress', subtasks: [{ name: 'a', status: 'Done' }, { name: 'b', status: '❌ Cancelled' }, { name: 'c' }] }] });
  const { totals } = progress(parseEpic(note).epic);
  expect([totals.subtasks, totals.subtasksDone]).toEqual([3, 1]);
});

test('an empty note has no phases and zero totals', () => {
  expect(progress(parseEpic('').epic)).toEqual({
    phases: [],
    totals: { stories: 0, storiesDone: 0, storiesCancelled: 0, points: 0, pointsDone: 0, subtasks: 0, subtasksDone: 0, unestimated: 0 },
  });
});
