import fc from 'fast-check';
import { parseEpic } from '../../../src/model';
import { exitCodeOf, reportOperation } from '../../../src/sync/run';
import type { Story } from '../../../src/model/types';
import { sameAdf } from '../../../src/sync/jira/adf-normalise';
import type { JiraConfig } from '../../../src/sync/jira/config';
import { storyDescription, subtaskDescription } from '../../../src/sync/jira/description';
import { matchStories, normaliseTitle, storyLabel, subtaskLabel } from '../../../src/sync/jira/match';
import { planSync } from '../../../src/sync/jira/plan';
import type { RemoteIssue, RemoteStory } from '../../../src/sync/tracker';
import { seedNote } from '../helpers';

const config: JiraConfig = { flavor: 'cloud', siteUrl: 'https://acme.atlassian.net', email: 'a@b.c', token: 't', projectKey: 'INFRA' };
const epic = parseEpic(seedNote()).epic;
const PRIORITY: Record<string, string> = { critical: 'Highest', high: 'High', medium: 'Medium', low: 'Low' };
const STATUS: Record<string, [string, string]> = { done: ['Done', 'done'], in_progress: ['In Progress', 'indeterminate'], planned: ['Backlog', 'new'] };

function issue(key: string, overrides: Partial<RemoteIssue>): RemoteIssue {
  return { id: key, key, issueType: 'Story', summary: '', description: null, status: { name: 'Backlog', category: 'new' }, priority: null, labels: [], storyPoints: null, parentKey: null, comments: [], ...overrides };
}

/** The remote as a perfect first sync would have left it. */
function mirror(stories: readonly Story[]): RemoteStory[] {
  let next = 101;
  return stories.map((story) => {
    const [name, category] = STATUS[story.status] ?? ['Backlog', 'new'];
    const key = `INFRA-${next++}`;
    return {
      ...issue(key, {
        summary: story.title, description: storyDescription(story), status: { name, category }, priority: PRIORITY[story.priority ?? 'medium'] ?? null,
        labels: [storyLabel(story.id)], storyPoints: story.storyPoints, parentKey: 'INFRA-100',
      }),
      subtasks: story.subtasks.map((subtask) => {
        const [subName, subCategory] = STATUS[subtask.status] ?? ['Backlog', 'new'];
        return issue(`INFRA-${next++}`, { issueType: 'Sub-task', summary: subtask.name, description: subtaskDescription(subtask), status: { name: subName, category: subCategory }, labels: [subtaskLabel(story.id, subtask.number)], storyPoints: subtask.storyPoints, parentKey: key });
      }),
    };
  });
}

const remote = (stories: RemoteStory[]): { key: string; stories: RemoteStory[]; storyPointsField: string } => ({ key: 'INFRA-100', stories, storyPointsField: 'customfield_10042' });

test('nothing to do when the remote mirrors the note (found by label and title)', () => {
  const plan = planSync({ epic, remote: remote(mirror(epic.stories)), options: { phase: 'all' }, config });
  expect(plan.operations).toEqual([]);
  expect(plan.discoveredKeys).toHaveLength(7 + 28);
  expect(plan.unmatched).toEqual([]);
});

test('an empty epic: every story and subtask created, transitions only where the status is not new', () => {
  const plan = planSync({ epic, remote: remote([]), options: { phase: 'all' }, config });
  const count = (action: string): number => plan.operations.filter((operation) => operation.action === action).length;
  expect([count('create_story'), count('create_subtask'), count('transition_story'), count('transition_subtask')]).toEqual([7, 28, 3, 10]);
  const first = plan.operations[0];
  expect(first?.changes.map((change) => change.field)).toEqual(['summary', 'description', 'priority', 'labels', 'story_points']);
});

test('only real differences: summary, points, priority; labels only grow; description compared as ADF', () => {
  const stories = mirror(epic.stories);
  const first = stories[0];
  if (!first) throw new Error('no story');
  const second = stories[1];
  if (!first || !second) throw new Error('no story');
  // Found by title (no label yet), and by label (title changed in Jira).
  stories[0] = { ...first, storyPoints: 3, priority: 'Low', labels: ['team-x'] };
  stories[1] = { ...second, summary: 'Old title' };
  const plan = planSync({ epic, remote: remote(stories), options: { phase: 'descriptions' }, config });
  expect(plan.operations).toHaveLength(2);
  expect(plan.operations[1]?.changes).toEqual([{ field: 'summary', before: 'Old title', after: 'Development Environment Setup' }]);
  expect(plan.operations[0]?.changes).toEqual([
    { field: 'priority', before: 'Low', after: 'Highest' },
    { field: 'labels', before: ['team-x'], after: ['team-x', 'spectryn-us-001'] },
    { field: 'story_points', before: 3, after: 5 },
  ]);
});

test('ADF comparison ignores what Jira changes on storage', () => {
  const description = storyDescription(epic.stories[0] as Story);
  const stored = JSON.parse(JSON.stringify(description).replace(/"localId":"[^"]+"/g, '"localId":"8f1c3c0e-uuid"')) as { content: { content?: { text?: string; type: string }[] }[] };
  // Jira may split a text node in two and add an empty trailing paragraph.
  const paragraph = stored.content[0]?.content;
  const last = paragraph?.[paragraph.length - 1];
  if (paragraph && last?.text) paragraph.splice(paragraph.length - 1, 1, { type: 'text', text: last.text.slice(0, 5) }, { type: 'text', text: last.text.slice(5) });
  stored.content.push({ content: undefined, ...{ type: 'paragraph' } } as never);
  expect(sameAdf(description, stored)).toBe(true);
  const list = (attrs?: Record<string, unknown>): unknown => ({ type: 'doc', content: [{ type: 'orderedList', ...(attrs ? { attrs } : {}), content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }] }] }] });
  expect(sameAdf(list(), list({ order: 1 }))).toBe(true);
  expect(sameAdf(list(), list({ order: 3 }))).toBe(false);
  expect(sameAdf({ type: 'doc', content: [{ type: 'paragraph', attrs: { localId: 'x' }, content: [{ type: 'text', text: 'a', marks: [] }] }] }, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }] })).toBe(true);
  expect(sameAdf(description, { ...description, content: description?.content.slice(1) })).toBe(false);
});

test('phases limit the plan; statuses only transitions', () => {
  const stories = mirror(epic.stories).map((story) => ({ ...story, summary: `${story.summary}!`, status: { name: 'Backlog', category: 'new' } }));
  const statuses = planSync({ epic, remote: remote(stories), options: { phase: 'statuses' }, config });
  expect(new Set(statuses.operations.map((operation) => operation.action))).toEqual(new Set(['transition_story']));
  expect(statuses.operations.map((operation) => operation.storyId)).toEqual(['US-001', 'US-002', 'US-003']);
  const descriptions = planSync({ epic, remote: remote(stories), options: { phase: 'descriptions', stories: ['us-002'] }, config });
  expect(descriptions.operations.map((operation) => [operation.action, operation.storyId])).toEqual([['update_story', 'US-002']]);
});

test('remote children that match nothing are reported, never planned for deletion', () => {
  const stories = mirror(epic.stories);
  stories.push({ ...issue('INFRA-900', { summary: 'Made in Jira', parentKey: 'INFRA-100' }), subtasks: [] });
  const plan = planSync({ epic, remote: remote(stories), options: { phase: 'all' }, config });
  expect(plan.unmatched).toEqual([{ key: 'INFRA-900', summary: 'Made in Jira', parentKey: 'INFRA-100' }]);
  expect(plan.operations).toEqual([]);
});

test('matching: key, then label, then title, one to one', () => {
  const text = seedNote().replace('### 🔧 US-002: Development Environment Setup', '### 🔧 US-002: Development Environment Setup\n> **Issue:** [INFRA-7](x)');
  const stories = parseEpic(text).epic.stories.slice(0, 3);
  const remoteStories = [
    issue('INFRA-5', { summary: 'Schema compatibility analysis!' }),
    issue('INFRA-6', { summary: 'Schema Compatibility Analysis', labels: ['spectryn-us-003'] }),
    issue('INFRA-7', { summary: 'Renamed in Jira' }),
  ];
  const { matches, unmatched } = matchStories(stories, remoteStories);
  expect(matches.map((match) => [match.item.id, match.remote?.key, match.by])).toEqual([
    ['US-001', 'INFRA-5', 'title'], ['US-002', 'INFRA-7', 'key'], ['US-003', 'INFRA-6', 'label'],
  ]);
  expect(unmatched).toEqual([]);
  expect(normaliseTitle('  Schema — Compatibility, Analysis! ')).toBe('schema compatibility analysis');
});

test('a key in the note that is not under the epic: a warning, no create', () => {
  const text = seedNote().replace('### 🔧 US-002: Development Environment Setup', '### 🔧 US-002: Development Environment Setup\n> **Issue:** [OTHER-1](x)');
  const plan = planSync({ epic: parseEpic(text).epic, remote: remote([]), options: { phase: 'all', stories: ['US-002'] }, config });
  expect(plan.operations).toEqual([]);
  expect(plan.warnings.join(' ')).toContain('OTHER-1');
});

test('matching is one to one whatever the titles and labels (property)', () => {
  const titles = fc.constantFrom('Schema Compatibility Analysis', 'schema compatibility analysis', 'ORM Compatibility Changes', 'Other', '');
  // At most one spectryn label per issue, as sync writes them.
  const labels = fc.constantFrom([], ['x'], ['spectryn-us-001'], ['x', 'spectryn-us-002'], ['spectryn-us-003']);
  fc.assert(fc.property(fc.array(fc.record({ title: titles, labels }), { maxLength: 8 }), (remoteSpecs) => {
    const remoteStories = remoteSpecs.map((spec, index) => issue(`INFRA-${index + 1}`, { summary: spec.title, labels: spec.labels }));
    const { matches, unmatched } = matchStories(epic.stories, remoteStories);
    const used = matches.flatMap((match) => (match.remote ? [match.remote.key] : []));
    expect(new Set(used).size).toBe(used.length);
    expect(used.length + unmatched.length).toBe(remoteStories.length);
    // A story whose label is on some issue always gets an issue with its label.
    for (const match of matches) {
      const own = remoteStories.find((remoteIssue) => remoteIssue.labels.includes(storyLabel(match.item.id)));
      if (own && match.by !== 'key') expect(match.remote?.labels).toContain(storyLabel(match.item.id));
    }
  }), { numRuns: 200 });
});

test('exit codes by error kind', () => {
  expect(['auth', 'forbidden', 'notFound', 'network', 'timeout', 'server', 'rateLimit', 'notTracker', 'validation', 'configuration', 'conflict'].map((kind) => exitCodeOf(kind as never)))
    .toEqual([5, 5, 6, 4, 4, 4, 4, 4, 2, 2, 1]);
});

test('operations JSON: planned, done, failed with the error, skipped with the reason', () => {
  const plan = planSync({ epic, remote: remote([]), options: { phase: 'all', stories: ['US-002'] }, config });
  const create = plan.operations[0];
  if (!create) throw new Error('no operation');
  expect(reportOperation(create, null)).toMatchObject({ action: 'create_story', story: 'US-002', issue_key: null, status: 'planned', fields: { summary: 'Development Environment Setup', priority: 'Highest', story_points: 3 } });
  expect(reportOperation(create, { operation: create, status: 'done', issueKey: 'INFRA-7' })).toMatchObject({ issue_key: 'INFRA-7', status: 'done' });
  expect(reportOperation(create, { operation: create, status: 'failed', issueKey: null, error: { kind: 'validation', message: 'summary: too long', hint: 'h' } })).toMatchObject({ status: 'failed', error: 'summary: too long' });
  const subtask = plan.operations.find((operation) => operation.action === 'create_subtask');
  if (!subtask) throw new Error('no subtask operation');
  expect(reportOperation(subtask, { operation: subtask, status: 'skipped', issueKey: null, reason: 'cancelled' })).toMatchObject({ subtask: 1, status: 'skipped', reason: 'cancelled' });
});
