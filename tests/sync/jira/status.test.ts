import { categoryOf, chooseTransition, readTransitions, statusMatches, type Transition } from '../../../src/sync/jira/status';

/** A workflow whose transition names differ from its status names (like the fake's and many real ones). */
const transitions: Transition[] = readTransitions({
  transitions: [
    { id: '11', name: 'Plan it', to: { name: 'Backlog', statusCategory: { key: 'new' } } },
    { id: '21', name: 'Select', to: { name: 'Selected for Development', statusCategory: { key: 'new' } } },
    { id: '31', name: 'Start work', to: { name: 'In Progress', statusCategory: { key: 'indeterminate' } } },
    { id: '41', name: 'Send to review', to: { name: 'In Review', statusCategory: { key: 'indeterminate' } } },
    { id: '51', name: 'Put on hold', to: { name: 'Blocked', statusCategory: { key: 'indeterminate' } } },
    { id: '61', name: 'Finish', to: { name: 'Done', statusCategory: { key: 'done' } } },
    { id: '71', name: 'Abandon', to: { name: "Won't Do", statusCategory: { key: 'done' } } },
    { name: 'broken entry' },
  ],
});

test('transitions read tolerantly', () => {
  expect(transitions).toHaveLength(7);
});

test.each([
  ['done', '61'], ['cancelled', '71'], ['in_progress', '31'], ['in_review', '41'], ['blocked', '51'], ['planned', '11'], ['open', '21'],
] as const)('%s goes through transition %s (chosen by target status, not by name or id)', (status, id) => {
  expect(chooseTransition(status, transitions, { name: 'Nowhere', category: 'new' })?.id).toBe(id);
});

test('the settings mapping wins over the vocabulary', () => {
  expect(chooseTransition('done', transitions, null, { done: ["Won't Do"] })?.id).toBe('71');
  expect(chooseTransition('in_review', transitions, null, { in_review: ['Selected for Development'] })?.id).toBe('21');
});

test('an unknown status name falls back to its category; a known word never does', () => {
  const custom = readTransitions({ transitions: [
    { id: '1', name: 'x', to: { name: 'Shipped', statusCategory: { key: 'done' } } },
    { id: '2', name: 'y', to: { name: 'Closed', statusCategory: { key: 'done' } } },
  ] });
  expect(chooseTransition('done', custom, null)?.id).toBe('2');
  expect(chooseTransition('cancelled', custom, null)?.id).toBe('1');
  expect(chooseTransition('in_progress', custom, null)).toBeNull();
});

test('the current status is never chosen', () => {
  expect(chooseTransition('done', transitions, { name: 'Done', category: 'done' })).toBeNull();
});

test('statusMatches: vocabulary, mapping, category', () => {
  expect(statusMatches('done', { name: 'Done', category: 'done' })).toBe(true);
  expect(statusMatches('done', { name: "Won't Do", category: 'done' })).toBe(false);
  expect(statusMatches('cancelled', { name: "Won't Do", category: 'done' })).toBe(true);
  expect(statusMatches('planned', { name: 'Selected for Development', category: 'new' })).toBe(true);
  expect(statusMatches('open', { name: 'Backlog', category: 'new' })).toBe(true);
  expect(statusMatches('in_progress', { name: 'In Review', category: 'indeterminate' })).toBe(false);
  expect(statusMatches('in_progress', { name: 'Implementing', category: 'indeterminate' })).toBe(true);
  expect(statusMatches('done', { name: 'Shipped', category: 'done' }, { done: ['Released'] })).toBe(true);
  expect(statusMatches('done', { name: 'Released', category: 'done' }, { cancelled: ['Released'] })).toBe(false);
});

test('categories of note statuses', () => {
  expect([categoryOf('done'), categoryOf('cancelled'), categoryOf('open'), categoryOf('planned'), categoryOf('blocked'), categoryOf('in_review')])
    .toEqual(['done', 'done', 'new', 'new', 'indeterminate', 'indeterminate']);
});
