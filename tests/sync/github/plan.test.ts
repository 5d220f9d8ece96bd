/** @jest-environment node */
/** Planning against GitHub (pure): what differs becomes one operation, in issue 16's labels and states. */
import { parseEpic } from '../../../src/model';
import { planGitHubSync, applyLabelEdit, type GitHubRequest } from '../../../src/sync/github/plan';
import { gitHubRecordReading } from '../../../src/sync/github/record-reading';
import { remoteStatusOf } from '../../../src/sync/github/status';
import type { PlanOptions, RemoteIssue, RemoteStory } from '../../../src/sync/tracker';

const NOTE = `# Epic

### US-001: Schema analysis

| Field | Value |
|---|---|
| **Story Points** | 5 |
| **Priority** | 🟡 High |
| **Status** | ✅ Done |
| **Labels** | backend |

#### Subtasks

| # | Subtask | Description | SP | Status |
|---|---|---|---|---|
| 1 | Export schema | pg_dump | 1 | 🔄 In Progress |
`;

const all: PlanOptions = { phase: 'all' };

function issue(key: string, overrides: Partial<RemoteIssue> = {}): RemoteIssue {
  return { id: key.slice(1), key, issueType: 'issue', summary: '', description: null, status: remoteStatusOf('open', null, []), priority: null, labels: [], storyPoints: null, parentKey: '#1', comments: [], updated: '2026-12-06T11:00:00Z', ...overrides };
}

function plan(stories: RemoteStory[], ids = new Map<string, number>(), options = all): ReturnType<typeof planGitHubSync> {
  return planGitHubSync({ epic: parseEpic(NOTE).epic, remote: { key: '#1', stories }, options }, ids);
}

test('a first sync creates the story with its labels, closes it (done), and creates the subtask with its status label', () => {
  const planned = plan([]);
  expect(planned.operations.map((operation) => operation.id)).toEqual(['create_story:US-001', 'transition_story:US-001', 'create_subtask:US-001#1']);
  const story = planned.operations[0]?.request as Extract<GitHubRequest, { kind: 'create' }>;
  expect(story).toMatchObject({ title: 'Schema analysis', parentKey: '#1', label: 'spectryn-us-001' });
  expect(story.labels).toEqual(['backend', 'spectryn-us-001', 'points: 5', 'priority: high']);
  expect(planned.operations[1]?.request).toMatchObject({ kind: 'transition', state: { state: 'closed', stateReason: 'completed' } });
  expect((planned.operations[2]?.request as Extract<GitHubRequest, { kind: 'create' }>).labels).toEqual(['spectryn-us-001-1', 'points: 1', 'status: in progress']);
});

test('an issue that matches: only what differs; points and priority labels replaced, the user\'s labels only added', () => {
  const subtask = issue('#4', { summary: 'Export schema', description: 'pg_dump', labels: ['spectryn-us-001-1', 'points: 1', 'status: in progress'], status: remoteStatusOf('open', null, ['status: in progress']), storyPoints: 1, parentKey: '#3' });
  const story: RemoteStory = { ...issue('#3', { summary: 'Schema analysis', labels: ['spectryn-us-001', 'points: 3', 'priority: low', 'team-x'], storyPoints: 3, priority: 'low', status: remoteStatusOf('closed', 'completed', []) }), subtasks: [subtask] };
  const planned = plan([story]);
  expect(planned.operations.map((operation) => operation.id)).toEqual(['update_story:US-001']);
  const update = planned.operations[0]!;
  expect(update.changes.map((change) => change.field)).toEqual(['priority', 'story_points', 'labels']);
  const request = update.request as Extract<GitHubRequest, { kind: 'update' }>;
  expect(applyLabelEdit(request.currentLabels, request.labels!)).toEqual(['spectryn-us-001', 'team-x', 'priority: high', 'points: 5', 'backend']);
  expect(planned.discoveredKeys).toEqual([{ kind: 'story', storyId: 'US-001', key: '#3' }, { kind: 'subtask', storyId: 'US-001', number: 1, key: '#4' }]);
});

test('a status that differs is one transition; a parentless issue the note names is attached; with a record only writable fields', () => {
  const story: RemoteStory = { ...issue('#3', { summary: 'Schema analysis', labels: ['spectryn-us-001', 'points: 5', 'priority: high', 'backend', 'status: in review'], storyPoints: 5, priority: 'high', status: remoteStatusOf('open', null, ['status: in review']), parentKey: null }), subtasks: [] };
  const planned = plan([story], new Map([['#3', 9003]]));
  const ids = planned.operations.map((operation) => operation.id);
  expect(ids).toEqual(['update_story:US-001', 'transition_story:US-001', 'create_subtask:US-001#1']);
  expect(planned.operations[0]?.request).toMatchObject({ attach: { parentKey: '#1', id: 9003 } });
  expect(planned.operations[1]?.request).toMatchObject({ current: { name: 'open: in review' }, currentLabels: expect.arrayContaining(['status: in review']) });
  const limited = plan([{ ...story, parentKey: '#1', summary: 'Old title' }], new Map(), { phase: 'all', writable: (_story, _subtask, field) => field === 'status' });
  expect(limited.operations.map((operation) => operation.id)).toEqual(['transition_story:US-001', 'create_subtask:US-001#1']);
});

test('the record reading: sync labels are not the user\'s; statuses and priorities read back as the note wrote them', () => {
  const reading = gitHubRecordReading();
  expect(reading.trackerLabels(['spectryn-us-001', 'points: 5', 'priority: high', 'status: blocked', 'backend', 'Backend ', 'api'])).toEqual(['Backend', 'api', 'backend']);
  expect(reading.noteLabels(parseEpic(NOTE).epic.stories[0]!)).toEqual(['backend']);
  expect(reading.notePriorityOf('High')).toBe('high');
  expect(reading.priorityAgrees('critical', 'Critical')).toBe(true);
  expect(reading.noteStatusOf(remoteStatusOf('closed', 'not_planned', []), null)).toBe('cancelled');
  expect(reading.trackerDescriptionHash('a\r\nb  ')).toBe(reading.trackerDescriptionHash('a\nb'));
  expect(reading.trackerDescriptionHash('  ')).toBeNull();
});

test('a key of another tracker (a note once synced to Jira) names no GitHub issue: the story is matched by label or created', () => {
  const jiraNote = NOTE.replace('| **Labels** | backend |', '| **Labels** | backend |\n| **Issue** | INFRA-101 |');
  expect(parseEpic(jiraNote).epic.stories[0]?.issueKey).toBe('INFRA-101');
  const planned = planGitHubSync({ epic: parseEpic(jiraNote).epic, remote: { key: '#1', stories: [] }, options: all }, new Map());
  expect(planned.warnings).toEqual([]);
  expect(planned.operations[0]?.id).toBe('create_story:US-001');
  const labelled: RemoteStory = { ...issue('#3', { summary: 'Other title', labels: ['spectryn-us-001'] }), subtasks: [] };
  expect(gitHubRecordReading().matchStories(parseEpic(jiraNote).epic.stories, [labelled]).matches[0]?.remote?.key).toBe('#3');
});
