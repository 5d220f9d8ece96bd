/**
 * Totals text: story, phase and epic, from the real parser.
 */
import { parseEpic, progress } from '../../src/model';
import { pointsWithUnit } from '../../src/model';
import { groupTotals, storyTotals } from '../../src/editor/totals';
import { DEMO_NOTE } from './helpers';

test('points are written with their unit', () => {
  expect([0, 0.5, 1, 2, 13, 1.25, 1 / 3].map(pointsWithUnit)).toEqual(['0 pts', '0.5 pts', '1 pt', '2 pts', '13 pts', '1.25 pts', '0.33 pts']);
});

test('story totals: points, subtasks and flags', () => {
  const { epic } = parseEpic(DEMO_NOTE);
  const [first, second, third] = epic.stories.map(storyTotals);
  expect(first).toMatchObject({ scope: 'story', text: '4 pts · 2/4 subtasks', pointsDone: 4, pointsTotal: 4 });
  expect(first?.flags.map((f) => [f.code, f.label])).toEqual([['subtask-points-exceed', 'Subtasks 5 > 4 pts']]);
  expect(first?.flags[0]?.message).toBe("Subtask points (5) add up to more than the story's 4.");
  expect(second).toMatchObject({ text: '3 pts', pointsDone: 0, pointsTotal: 3, flags: [] });
  expect(third).toMatchObject({ text: '? pts', pointsTotal: 0 });
  expect(third?.flags.map((f) => f.code)).toEqual(['unestimated']);
});

test('phase and epic totals', () => {
  const overall = progress(parseEpic(DEMO_NOTE).epic);
  expect(groupTotals('epic', overall.totals).text).toBe('4 of 17 pts done · 1/5 stories · 1 cancelled');
  expect(overall.phases.map((p) => groupTotals('phase', p.counts).text)).toEqual([
    '4 of 7 pts done · 1/3 stories · 1 cancelled',
    '0 of 10 pts done · 0/2 stories',
  ]);
});

test('the over-budget flag rounds its sums like the totals do (no float noise)', () => {
  const note = [
    '# Epic',
    '### US-001: Small story',
    '**Story Points**: 0.25',
    '**Status**: Open',
    '#### Subtasks',
    '| # | Subtask | Description | SP | Status |',
    '|---|---------|-------------|----|--------|',
    '| 1 | One | First | 0.1 | Open |',
    '| 2 | Two | Second | 0.2 | Open |',
    '',
  ].join('\n');
  const [story] = parseEpic(note).epic.stories;
  if (!story) throw new Error('no story');
  expect(story.subtasks.map((s) => s.storyPoints)).toEqual([0.1, 0.2]);
  const flag = storyTotals(story).flags[0];
  expect(flag?.label).toBe('Subtasks 0.3 > 0.25 pts');
  expect(flag?.message).toBe("Subtask points (0.3) add up to more than the story's 0.25.");
});
