/**
 * Story points and the project's screens, on the fake Jira: a points field that the create screen
 * does not show is named in a plan warning and left out of creates and updates (instead of being
 * dropped silently on create and refused on every later update); a site whose points field is
 * "Story point estimate" and whose subtask type is "Subtask" syncs fully.
 */
import { parseEpic } from '../../../src/model';
import { planNote } from '../../../src/sync/run';
import { resultText } from '../../../src/view/sync-summary';
import type { FakeJira } from '../../../testing/fake-jira';
import { issuesOf, MemoryNote, seedNote, startFake, sync, trackerFor } from '../helpers';

let fake: FakeJira;
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

const WARNING = 'field Story Points is not on the create screen of project INFRA: points are not synced; add it to the screen or set the field in settings';

describe('the story points field is not on the screens of the project', () => {
  beforeEach(async () => { fake = await startFake({ hiddenFields: { create: ['customfield_10042'], edit: ['customfield_10042'] } }); });

  test('the plan warns, naming the field and the project, and plans no points', async () => {
    const planned = await planNote({ note: parseEpic(seedNote()), epicKey: null, tracker: trackerFor(fake), options: { execute: false, updateSource: false, phase: 'all' } });
    expect(planned.exitCode).toBe(0);
    expect(planned.warnings).toContain(WARNING);
    expect(planned.warnings.some((warning) => warning.startsWith('field Story Points is not on the create screen of Sub-task issues in project INFRA'))).toBe(true);
    const creates = planned.plan?.operations.filter((operation) => operation.action.startsWith('create_')) ?? [];
    expect(creates).toHaveLength(35);
    expect(creates.flatMap((operation) => operation.changes.map((change) => change.field))).not.toContain('story_points');
    expect(fake.writes()).toEqual([]);
  });

  test('the first sync says so instead of claiming the points; a later sync plans no update that Jira would refuse', async () => {
    const note = new MemoryNote(seedNote());
    const first = await sync(note, trackerFor(fake));
    expect(first.exitCode).toBe(0);
    expect(first.errors).toEqual([]);
    expect(first.warnings).toContain(WARNING);
    expect(issuesOf(fake, 'Story')).toHaveLength(7);
    expect(issuesOf(fake, 'Story').every((story) => story.storyPoints === null)).toBe(true);
    // The result notice shows the warning next to what was created.
    const notice = resultText(first, 'INFRA-100');
    expect(notice).toMatch(/^Synced INFRA-100: 7 stories created, 28 subtasks created/);
    expect(notice).toContain(`Warning: ${WARNING}`);

    const writes = fake.writes().length;
    const second = await sync(note, trackerFor(fake));
    expect(second.exitCode).toBe(0);
    expect(second.operations).toEqual([]);
    expect(second.warnings).toContain(WARNING);
    expect(fake.writes()).toHaveLength(writes);
  });
});

test('a points field from the settings that the site does not have: a warning, and no write Jira would refuse', async () => {
  fake = await startFake();
  const note = new MemoryNote(seedNote());
  await sync(note, trackerFor(fake));
  const writes = fake.writes().length;
  const result = await sync(note, trackerFor(fake, { storyPointsField: 'customfield_99999' }));
  expect(result.exitCode).toBe(0);
  expect(result.operations).toEqual([]);
  expect(result.warnings.join(' ')).toContain('customfield_99999 from the settings does not exist on this site');
  expect(result.warnings).toContain('field customfield_99999 is not on the create screen of project INFRA: points are not synced; add it to the screen or set the field in settings');
  expect(fake.writes()).toHaveLength(writes);
});

test('a site whose points field is "Story point estimate" and whose subtask type is "Subtask": a full sync, then nothing to do', async () => {
  fake = await startFake({ storyPointsFieldId: 'customfield_10016', storyPointsFieldName: 'Story point estimate', subtaskIssueType: 'Subtask' });
  const note = new MemoryNote(seedNote());
  const result = await sync(note, trackerFor(fake));
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  expect(result.warnings).toEqual([]);
  const stories = issuesOf(fake, 'Story');
  const subtasks = issuesOf(fake, 'Subtask');
  expect(stories).toHaveLength(7);
  expect(subtasks).toHaveLength(28);
  expect(issuesOf(fake, 'Sub-task')).toHaveLength(0);
  expect(stories.map((story) => story.storyPoints).reduce((sum, points) => (sum ?? 0) + (points ?? 0), 0)).toBe(parseEpic(seedNote()).epic.stories.reduce((sum, story) => sum + (story.storyPoints ?? 0), 0));
  expect(subtasks.find((subtask) => subtask.summary === 'Fix SERIAL to UUID')?.storyPoints).toBe(2);
  const bulk = fake.requests.filter((request) => request.path.endsWith('/issue/bulk'));
  expect(JSON.stringify(bulk[0]?.body)).toContain('"customfield_10016":5');
  expect(JSON.stringify(bulk)).not.toContain('customfield_10042');
  const before = fake.requests.length;
  const again = await sync(note, trackerFor(fake));
  expect(again.operations).toEqual([]);
  expect(fake.requests.length - before).toBe(4);
});
