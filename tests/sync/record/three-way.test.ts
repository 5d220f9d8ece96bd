import fc from 'fast-check';
import { parseEpic } from '../../../src/model';
import type { Status } from '../../../src/model/types';
import { STATUSES } from '../../../src/model/types';
import { jiraRecordReading } from '../../../src/sync/jira/record-reading';
import { noteStatusOf } from '../../../src/sync/jira/status';
import { applyConflictStrategy, limitPlan, resolveConflicts } from '../../../src/sync/record/conflicts';
import { planThreeWay } from '../../../src/sync/record/three-way';
import type { RemoteStory } from '../../../src/sync/tracker';
import { epicNote, type StorySpec } from '../../model/builder';
import { seedNote } from '../helpers';
import { issue, JIRA_PRIORITY, JIRA_STATUS, mirror, plan, recordOf } from './helpers';

const seed = parseEpic(seedNote()).epic;

/** The seed, its mirror in Jira, and the record a first sync leaves. */
function synced(): { remote: RemoteStory[]; record: ReturnType<typeof recordOf> } {
  const remote = mirror(seed.stories);
  return { remote, record: recordOf(plan(seed, remote, null)) };
}

function change(remote: RemoteStory[], key: string, patch: Partial<RemoteStory>): RemoteStory[] {
  return remote.map((story) => (story.key === key ? { ...story, ...patch } : { ...story, subtasks: story.subtasks.map((subtask) => (subtask.key === key ? { ...subtask, ...patch } : subtask)) }));
}

const decisions = (result: ReturnType<typeof plan>): string[] => result.fields.filter((field) => field.decision !== 'nothing').map((field) => `${field.id}:${field.decision}`);

describe('the three-way plan', () => {
  test('without a record: the note is pushed where it differs, and the plan says there was no record', () => {
    const remote = change(mirror(seed.stories), 'INFRA-101', { storyPoints: 8 });
    const result = plan(seed, remote, null);
    expect(result.noRecord).toBe(true);
    expect(decisions(result)).toEqual(['US-001:story_points:push']);
    expect(result.fields.find((field) => field.decision === 'push')).toMatchObject({ noRecord: true, note: 5, tracker: 8, recorded: null });
  });

  test('nothing changed since the record: the plan is empty', () => {
    const { remote, record } = synced();
    expect(plan(seed, remote, record)).toEqual({ fields: [], additions: [], reported: [], noRecord: false });
  });

  test("a teammate's changes in Jira are pulled; the note's own changes are pushed; both → conflict", () => {
    const { remote, record } = synced();
    // Jira: US-003 (INFRA-111) done, US-004 13 points, US-006 renamed; a subtask of US-001 reopened.
    const us003 = remote.find((story) => story.summary === seed.stories[2]?.title)?.key ?? '';
    let moved = change(remote, us003, { status: JIRA_STATUS.done });
    const us004 = moved.find((story) => story.summary === seed.stories[3]?.title)?.key ?? '';
    const us006 = moved.find((story) => story.summary === seed.stories[5]?.title)?.key ?? '';
    moved = change(moved, us004, { storyPoints: 13 });
    moved = change(moved, us006, { summary: 'Cutover rehearsal' });
    moved = change(moved, 'INFRA-102', { status: JIRA_STATUS.in_progress });
    // Note: US-002's priority lowered; US-004's points also changed, to another value.
    const text = seedNote()
      .replace(/(### [^\n]*US-002[\s\S]*?\*\*Priority\*\* \| )[^|]+/, '$1🟢 Medium ')
      .replace(/(### [^\n]*US-004[\s\S]*?\*\*Story Points\*\* \| )\d+/, '$18');
    const note = parseEpic(text).epic;
    const result = plan(note, moved, record);
    expect(seed.stories[2]?.id).toBe('US-003');
    expect(result.fields.map((field) => [field.id, field.decision, field.note, field.tracker])).toEqual(expect.arrayContaining([
      ['US-001#1:status', 'pull', 'done', 'in_progress'],
      ['US-002:priority', 'push', 'medium', 'critical'],
      ['US-003:status', 'pull', note.stories[2]?.status, 'done'],
      ['US-004:story_points', 'conflict', 8, 13],
      ['US-006:title', 'pull', seed.stories[5]?.title, 'Cutover rehearsal'],
    ]));
    expect(result.fields).toHaveLength(5);
    const conflict = result.fields.find((field) => field.decision === 'conflict');
    expect(conflict?.recorded).toEqual({ note: seed.stories[3]?.storyPoints, tracker: seed.stories[3]?.storyPoints });
    expect(conflict?.changed).toBe('both');
  });

  test('both sides moved to the same value: nothing to do (the record catches up)', () => {
    const { remote, record } = synced();
    const moved = change(remote, 'INFRA-101', { storyPoints: 8 });
    const note = parseEpic(seedNote().replace(/(\*\*Story Points\*\* \| )5/, '$18')).epic;
    expect(plan(note, moved, record).fields.map((field) => [field.id, field.decision, field.changed])).toEqual([['US-001:story_points', 'nothing', 'both']]);
  });

  test('a status name that means two note statuses is not a change (the note keeps open for To Do)', () => {
    const mapped = jiraRecordReading({ flavor: 'cloud', statusMapping: { planned: ['Backlog', 'To Do'], open: ['To Do', 'Open'] } });
    const note = parseEpic(epicNote({ stories: [{ status: '📂 Open' }] })).epic;
    const remote = mirror(note.stories);
    const run = (record: ReturnType<typeof recordOf> | null): ReturnType<typeof planThreeWay> => planThreeWay({ epic: note, remote: { stories: remote, storyPointsField: 'f' }, record, reading: mapped });
    const first = run(null);
    expect(first.fields.find((field) => field.field === 'status')).toMatchObject({ decision: 'nothing', tracker: 'open', trackerRaw: 'To Do' });
    expect(run(recordOf(first)).fields).toEqual([]);
  });

  test('Jira renaming a status to another name of the same note status is a tracker change that agrees: nothing', () => {
    const { remote, record } = synced();
    const moved = change(remote, 'INFRA-101', { status: { name: 'Closed', category: 'done' } });
    expect(plan(seed, moved, record).fields.map((field) => [field.id, field.decision])).toEqual([['US-001:status', 'nothing']]);
  });

  test('points are not compared when the site has no story points field', () => {
    const remote = change(mirror(seed.stories), 'INFRA-101', { storyPoints: null });
    const result = planThreeWay({ epic: seed, remote: { stories: remote, storyPointsField: null }, record: null, reading: jiraRecordReading({ flavor: 'cloud' }) });
    expect(result.fields.some((field) => field.field === 'story_points')).toBe(false);
  });

  test('new issues in Jira are offered for the note; issues gone from the epic and from the note are reported', () => {
    const { remote, record } = synced();
    const lastStory = remote[remote.length - 1] as RemoteStory;
    const added: RemoteStory = { ...issue('INFRA-200', { summary: 'Decommission PostgreSQL', status: JIRA_STATUS.open, priority: 'High', storyPoints: 3, labels: ['db', 'spectryn-x'], parentKey: 'INFRA-100' }), subtasks: [issue('INFRA-201', { summary: 'Snapshot', issueType: 'Sub-task', parentKey: 'INFRA-200' })] };
    const newSubtask = issue('INFRA-202', { summary: 'Verify row counts', issueType: 'Sub-task', status: JIRA_STATUS.done, storyPoints: 2, parentKey: remote[0]?.key ?? null });
    const moved = [
      { ...(remote[0] as RemoteStory), subtasks: [...(remote[0]?.subtasks ?? []), newSubtask] },
      ...remote.slice(1, -1),
      { ...lastStory, subtasks: lastStory.subtasks.slice(1) },
      added,
    ];
    // The user deleted US-002 from the note; INFRA-10x of it stays in Jira.
    const note = { stories: seed.stories.filter((story) => story.id !== 'US-002') };
    const result = plan(note, moved, record);
    expect(result.fields).toEqual([]);
    expect(result.additions).toEqual([
      { kind: 'subtask', key: 'INFRA-202', storyId: 'US-001', summary: 'Verify row counts', status: 'done', statusName: 'Done', storyPoints: 2, priority: null, labels: [], subtasks: [] },
      expect.objectContaining({ kind: 'story', key: 'INFRA-200', storyId: null, status: 'open', priority: 'high', storyPoints: 3, labels: ['db'], subtasks: [expect.objectContaining({ key: 'INFRA-201', kind: 'subtask' })] }),
    ]);
    const us002 = remote[1] as RemoteStory;
    expect(result.reported).toEqual([
      ...[us002, ...us002.subtasks].map((gone, index) => ({ key: gone.key, storyId: 'US-002', subtask: index === 0 ? null : index, reason: 'removed_from_note' })).slice(0, 1),
      { key: lastStory.subtasks[0]?.key, storyId: seed.stories[seed.stories.length - 1]?.id, subtask: 1, reason: 'vanished' },
    ]);
  });
});

describe('conflict strategies, choices and limits', () => {
  const { remote, record } = synced();
  const moved = change(change(remote, 'INFRA-101', { storyPoints: 13, priority: 'Low' }), 'INFRA-102', { summary: 'Export the schema' });
  const note = parseEpic(seedNote().replace(/(\*\*Story Points\*\* \| )5/, '$18')).epic;
  const result = plan(note, moved, record);
  const ids = (fields: readonly { id: string; decision: string }[]): string[] => fields.map((field) => `${field.id}:${field.decision}`);

  test('the plan: one conflict, two pulls', () => {
    expect(ids(result.fields)).toEqual(['US-001:story_points:conflict', 'US-001:priority:pull', 'US-001#1:name:pull']);
  });

  test('skip: everything else is applied, the conflict is listed in the JSON vocabulary', () => {
    const resolved = applyConflictStrategy(result, 'skip');
    expect(ids(resolved.actions)).toEqual(['US-001:priority:pull', 'US-001#1:name:pull']);
    expect(resolved.conflicts).toEqual([{ story: 'US-001', subtask: null, field: 'story_points', note: 8, tracker: 13 }]);
    expect(resolved.aborted).toBe(false);
  });

  test('force-local pushes the conflict, force-remote pulls it', () => {
    expect(ids(applyConflictStrategy(result, 'force-local').actions)).toEqual(['US-001:story_points:push', 'US-001:priority:pull', 'US-001#1:name:pull']);
    expect(ids(applyConflictStrategy(result, 'force-remote').actions)).toEqual(['US-001:story_points:pull', 'US-001:priority:pull', 'US-001#1:name:pull']);
    expect(applyConflictStrategy(result, 'force-remote').conflicts).toEqual([]);
  });

  test('abort: nothing is written when there is a conflict; without one it is like skip', () => {
    expect(applyConflictStrategy(result, 'abort')).toEqual({ actions: [], additions: [], conflicts: [{ story: 'US-001', subtask: null, field: 'story_points', note: 8, tracker: 13 }], aborted: true });
    const calm = plan(seed, remote, record);
    expect(applyConflictStrategy(calm, 'abort').aborted).toBe(false);
  });

  test('a choice per conflict; nothing is chosen for the user', () => {
    const asked: string[] = [];
    const resolved = resolveConflicts(result, (conflict) => {
      asked.push(conflict.id);
      return 'tracker';
    });
    expect(asked).toEqual(['US-001:story_points']);
    expect(ids(resolved.actions)).toContain('US-001:story_points:pull');
  });

  test('--phase limits both directions to its kind; --pull drops pushes', () => {
    expect(ids(limitPlan(result, { phase: 'subtasks' }).fields)).toEqual(['US-001#1:name:pull']);
    expect(ids(limitPlan(result, { phase: 'descriptions' }).fields)).toEqual(['US-001:story_points:conflict', 'US-001:priority:pull']);
    expect(limitPlan(result, { phase: 'statuses' }).fields).toEqual([]);
    expect(ids(limitPlan(result, { phase: 'all', stories: ['us-002'] }).fields)).toEqual([]);
    const pushing = plan(note, remote, record);
    expect(ids(pushing.fields)).toEqual(['US-001:story_points:push']);
    expect(limitPlan(pushing, { phase: 'all', pullOnly: true }).fields).toEqual([]);
  });
});

describe('properties', () => {
  const statusWords: Record<Status, string> = { planned: '📋 Planned', open: '📂 Open', in_progress: '🔄 In Progress', in_review: '👀 In Review', blocked: '⏸️ Blocked', done: '✅ Done', cancelled: '❌ Cancelled' };
  const storyArb: fc.Arbitrary<StorySpec> = fc.record({
    points: fc.option(fc.constantFrom(1, 2, 3, 5, 8), { nil: null }),
    status: fc.constantFrom(...STATUSES).map((status) => statusWords[status]),
    priority: fc.option(fc.constantFrom('🔴 Critical', '🟡 High', 'Medium', 'Low'), { nil: null }),
    metadata: fc.constantFrom('table', 'inline', 'blockquote', 'dataview'),
    title: fc.constantFrom('Schema work', 'Replica setup', 'Cutover', 'Rollback drill'),
    extraFields: fc.constantFrom([], [['Labels', 'db, infra']] as [string, string][]),
    subtasks: fc.array(fc.record({ name: fc.constantFrom('Export', 'Import', 'Verify'), points: fc.constantFrom(1, 2), status: fc.constantFrom('✅ Done', '📋 Planned', '🔄 In Progress') }), { maxLength: 3 }),
  });
  const noteArb = fc.array(storyArb, { minLength: 1, maxLength: 4 }).map((stories) => epicNote({ stories: stories.map((story, index) => ({ ...story, title: `${story.title ?? ''} ${index + 1}` })) }));

  test('no change on either side since the record: the plan is empty', () => {
    fc.assert(fc.property(noteArb, (text) => {
      const epic = parseEpic(text).epic;
      const remote = mirror(epic.stories);
      const first = plan(epic, remote, null);
      expect(first.fields.filter((field) => field.decision !== 'nothing')).toEqual([]);
      expect(plan(epic, remote, recordOf(first))).toEqual({ fields: [], additions: [], reported: [], noRecord: false });
    }), { numRuns: 40 });
  }, 60_000);

  test('a change on one side only is a push or a pull of exactly that field; on both to different values a conflict', () => {
    fc.assert(fc.property(noteArb, fc.constantFrom(...STATUSES), fc.constantFrom('note', 'tracker', 'both'), (text, status, side) => {
      const epic = parseEpic(text).epic;
      const story = epic.stories[0];
      // Statuses of one category agree in Jira (planned and open are both "new"): take another category.
      fc.pre(story !== undefined && JIRA_STATUS[story.status].category !== JIRA_STATUS[status].category && story.statusField !== null);
      const remote = mirror(epic.stories);
      const record = recordOf(plan(epic, remote, null));
      const other = STATUSES.find((candidate) => ![status, story?.status].some((taken) => taken !== undefined && JIRA_STATUS[taken].category === JIRA_STATUS[candidate].category)) ?? 'blocked';
      const noteStatus = side === 'tracker' ? story?.status : status;
      const trackerStatus = side === 'note' ? story?.status : side === 'both' ? other : status;
      const field = story?.statusField as NonNullable<typeof story>['statusField'] & object;
      const newText = text.slice(0, field.range.from) + statusWords[noteStatus as Status] + text.slice(field.range.to);
      const moved = change(remote, 'INFRA-101', { status: JIRA_STATUS[trackerStatus as Status] });
      const result = plan(parseEpic(newText).epic, moved, record);
      const expected = side === 'note' ? 'push' : side === 'tracker' ? 'pull' : 'conflict';
      expect(result.fields.map((entry) => `${entry.id}:${entry.decision}`)).toEqual([`${story?.id ?? ''}:status:${expected}`]);
    }), { numRuns: 60 });
  }, 60_000);
});

test('priority names read through the mapping, then the vocabulary', () => {
  const mapped = jiraRecordReading({ flavor: 'cloud', priorityMapping: { critical: 'P0' } });
  expect(mapped.notePriorityOf('p0')).toBe('critical');
  expect(mapped.notePriorityOf('Highest')).toBe('critical');
  expect(mapped.notePriorityOf('Whenever')).toBeNull();
  expect(mapped.priorityAgrees('critical', 'P0')).toBe(true);
  expect(mapped.priorityAgrees('critical', 'Highest')).toBe(false);
  expect(JIRA_PRIORITY.critical).toBe('Highest');
});

test('a Jira status reads as a note status by the mapping, then the words, then the category; the note\'s own status wins a tie', () => {
  const mapping = { planned: ['Backlog', 'To Do'], open: ['To Do'], done: ['Shipped'] };
  expect(noteStatusOf({ name: 'Shipped', category: 'indeterminate' }, mapping)).toBe('done');
  expect(noteStatusOf({ name: 'To Do', category: 'new' }, mapping)).toBe('planned');
  expect(noteStatusOf({ name: 'To Do', category: 'new' }, mapping, 'open')).toBe('open');
  expect(noteStatusOf({ name: 'In Review', category: 'indeterminate' })).toBe('in_review');
  // A name that is not wholly a phrase of the vocabulary decides nothing (docs/format.md): its category does.
  expect(noteStatusOf({ name: 'Waiting for QA deploy', category: 'indeterminate' }, {}, 'done')).toBe('in_progress');
  expect(noteStatusOf({ name: 'Waiting', category: 'indeterminate' }, {}, 'done')).toBe('blocked');
  expect(noteStatusOf({ name: 'Gamma', category: 'done' })).toBe('done');
  expect(noteStatusOf({ name: 'Gamma', category: '' })).toBe('planned');
});
