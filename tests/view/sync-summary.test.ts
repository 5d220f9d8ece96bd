/**
 * The texts of a sync: plan entries (status words, long values summarised), progress, and the
 * result notice for success, failures (grouped by the tracker's message) and a stopped run.
 */
import type { SyncRunResult } from '../../src/sync/run';
import type { OperationResult, PlannedOperation, SyncPlan } from '../../src/sync/tracker';
import { changeText, fieldLabel, kindLabel, previewOfChange, previewOfPlan, progressText, resultText, summariseLongChange } from '../../src/view/sync-summary';

function operation(action: PlannedOperation['action'], storyId: string, subtaskNumber: number | null = null): PlannedOperation {
  return { id: `${action}:${storyId}#${subtaskNumber ?? ''}`, action, storyId, subtaskNumber, issueKey: null, summary: `Title of ${storyId}`, changes: [], request: null };
}

function run(results: OperationResult[], overrides: Partial<SyncRunResult> = {}): SyncRunResult {
  return { ending: 'synced', exitCode: 0, plan: null, outcome: { results, keys: [] }, operations: [], errors: [], warnings: [], failure: null, keysWritten: 0, ...overrides };
}

const done = (op: PlannedOperation): OperationResult => ({ operation: op, status: 'done', issueKey: 'INFRA-1' });

describe('plan preview', () => {
  it('keeps short values, shows note statuses in words, and summarises descriptions and long values', () => {
    expect(previewOfChange({ field: 'story_points', before: 3, after: 5 })).toEqual({ field: 'story_points', before: '3', after: '5' });
    expect(previewOfChange({ field: 'labels', before: ['a'], after: ['a', 'spectryn-us-001'] })).toEqual({ field: 'labels', before: 'a', after: 'a, spectryn-us-001' });
    expect(previewOfChange({ field: 'status', before: 'To Do', after: 'in_progress' })).toEqual({ field: 'status', before: 'To Do', after: 'In progress' });
    const longBefore = Array.from({ length: 12 }, (_, i) => `line ${i}`).join('\n\n');
    const longAfter = Array.from({ length: 15 }, (_, i) => `line ${i}`).join('\n');
    expect(previewOfChange({ field: 'description', before: longBefore, after: longAfter }).summary).toBe('Description: 3 lines changed');
    expect(previewOfChange({ field: 'description', before: null, after: 'One line' }).summary).toBe('Description: 1 line');
    expect(previewOfChange({ field: 'comment', before: null, after: 'x'.repeat(500) }).summary).toBe('Comment: 1 line');
    expect(summariseLongChange('description', 'a\nb', null)).toBe('Description removed (2 lines)');
  });

  it('speaks the note\'s words: field labels, no storage format, the count of lines changed', () => {
    expect(fieldLabel('story_points')).toBe('Story points');
    expect(fieldLabel('summary')).toBe('Title');
    expect(fieldLabel('priority')).toBe('Priority');
    expect(changeText('update_story', { field: 'story_points', before: '3', after: '5' })).toEqual({ field: 'Story points', before: '3', after: '5' });
    const before = Array.from({ length: 12 }, (_, i) => `line ${i}`).join('\n');
    const after = before.replace('line 3', 'line three').replace('line 7', 'line seven');
    const summary = summariseLongChange('description', before, after);
    expect(summary).toBe('Description: 4 lines changed');
    expect(summary).not.toMatch(/ADF|wiki/);
  });

  it('a changed description carries a line diff of its whole text, not of the 300 characters the JSON keeps', () => {
    const before = ['As a DBA', 'I want migrations', ...Array.from({ length: 40 }, (_, i) => `criterion ${i} is long enough to pass the limit`)].join('\n');
    const after = before.replace('I want migrations', 'I want reversible migrations').replace('criterion 39 is', 'criterion 39 now is');
    const preview = previewOfChange({ field: 'description', before: `${before.slice(0, 300)}…`, after: `${after.slice(0, 300)}…`, text: { before, after } });
    expect(preview.summary).toBe('Description: 4 lines changed');
    expect(preview.diff?.filter((line) => line.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'I want migrations' },
      { kind: 'added', text: 'I want reversible migrations' },
      { kind: 'removed', text: 'criterion 39 is long enough to pass the limit' },
      { kind: 'added', text: 'criterion 39 now is long enough to pass the limit' },
    ]);
    expect(preview.diff?.filter((line) => line.kind === 'same')).toHaveLength(40);
    // A new description is all added lines.
    expect(previewOfChange({ field: 'description', before: null, after: 'a\n\nb', text: { before: null, after: 'a\n\nb' } }).diff).toEqual([{ kind: 'added', text: 'a' }, { kind: 'added', text: 'b' }]);
  });

  it('maps a plan: targets, titles, keys, warnings and keys to write', () => {
    const plan: SyncPlan = {
      epicKey: 'INFRA-100',
      operations: [operation('create_story', 'US-001'), { ...operation('transition_subtask', 'US-002', 3), issueKey: 'INFRA-7', changes: [{ field: 'status', before: 'Backlog', after: 'done' }] }],
      discoveredKeys: [{ kind: 'story', storyId: 'US-009', key: 'INFRA-9' }],
      unmatched: [],
      warnings: [],
    };
    expect(previewOfPlan({ plan, warnings: ['w'] })).toEqual({
      epicKey: 'INFRA-100',
      operations: [
        { kind: 'create_story', target: 'US-001', title: 'Title of US-001', issueKey: null, changes: [] },
        { kind: 'transition_subtask', target: 'US-002 #3', title: 'Title of US-002', issueKey: 'INFRA-7', changes: [{ field: 'status', before: 'Backlog', after: 'Done' }] },
      ],
      warnings: ['w'],
      keysToWrite: 1,
    });
    expect(kindLabel('add_comment')).toBe('comment');
    expect(kindLabel('create_subtask')).toBe('create subtask');
    expect(progressText(3, 12)).toBe('Syncing… 3/12');
  });
});

describe('result notice', () => {
  it('says what changed', () => {
    const results = [
      ...['US-1', 'US-2'].map((id) => done(operation('create_story', id))),
      done(operation('create_subtask', 'US-1', 1)),
      done(operation('update_story', 'US-3')), done(operation('update_subtask', 'US-3', 1)),
      done(operation('transition_story', 'US-3')),
      done(operation('add_comment', 'US-3')),
    ];
    expect(resultText(run(results), 'INFRA-100')).toBe('Synced INFRA-100: 2 stories created, 1 subtask created, 2 issues updated, 1 transition, 1 comment added.');
    // Keys are claimed only when some were written.
    expect(resultText(run([]), 'INFRA-100')).toBe('Synced INFRA-100: nothing changed.');
    // A two-way run that only took Jira's changes into the note changed something: its next line says what.
    expect(resultText({ ...run([]), pulls: [{}], additions: [] }, 'INFRA-100')).toBe('Synced INFRA-100.');
    expect(resultText({ ...run([]), pulls: [], additions: [{}] }, 'INFRA-100')).not.toMatch(/nothing changed/);
    expect(resultText(run([], { keysWritten: 2 }), 'INFRA-100')).toBe('Synced INFRA-100: 2 issue keys written into the note.');
  });

  it('operations skipped for a reason of the tracker: counted, each reason named, and the warnings after', () => {
    const reason = 'no transition of INFRA-101 leads to a status meaning "done" (reachable: In Progress); map one in the settings or move it in Jira';
    const results = [
      done(operation('create_story', 'US-1')),
      { operation: operation('transition_story', 'US-1'), status: 'skipped' as const, issueKey: 'INFRA-101', reason },
      { operation: operation('transition_story', 'US-2'), status: 'skipped' as const, issueKey: 'INFRA-102', reason },
    ];
    const warnings = ['field Story Points is not on the create screen of project INFRA: points are not synced; add it to the screen or set the field in settings', 'w2', 'w3', 'w4'];
    expect(resultText(run(results, { exitCode: 64, warnings }), 'INFRA-100')).toBe([
      'Synced INFRA-100 with operations not run: 1 done, 2 not run.',
      `US-1 (transition story), US-2 (transition story) not run: ${reason}`,
      `Warning: ${warnings[0] ?? ''}`,
      'Warning: w2',
      'Warning: w3',
      '…and 1 more warnings.',
    ].join('\n'));
  });

  it('a note that could not be written: what was done in the tracker, then where the write failed and the keys to add', () => {
    const failure = { kind: 'noteWrite' as const, message: 'Could not write the issue keys into Epics/Seed.md: disk full. Keys to add by hand: US-1: INFRA-101.', hint: 'Add the issue keys to the note by hand.' };
    expect(resultText(run([done(operation('create_story', 'US-1'))], { exitCode: 1, failure }), 'INFRA-100')).toBe([
      'Synced INFRA-100: 1 story created.',
      'Could not write the issue keys into Epics/Seed.md: disk full. Keys to add by hand: US-1: INFRA-101. Add the issue keys to the note by hand.',
    ].join('\n'));
  });

  it('on failures: counts, then each distinct tracker message with its hint and the operations it hit', () => {
    const error = { kind: 'validation' as const, message: 'create 2 issues failed (HTTP 400): issue 1: priority: Specify a valid priority', hint: 'Fix the priority mapping in the settings.' };
    const failed = (op: PlannedOperation): OperationResult => ({ operation: op, status: 'failed', issueKey: null, error });
    const results = [
      done(operation('create_story', 'US-1')),
      ...['US-2', 'US-3', 'US-4', 'US-5'].map((id) => failed(operation('create_story', id))),
      { operation: operation('transition_subtask', 'US-6', 2), status: 'failed' as const, issueKey: 'INFRA-6', error: { kind: 'forbidden' as const, message: 'transition INFRA-6 failed (HTTP 403)', hint: 'Permission denied: ask a Jira admin.' } },
      { operation: operation('create_subtask', 'US-2', 1), status: 'skipped' as const, issueKey: null, reason: 'its story US-2 was not created', afterFailure: true },
    ];
    expect(resultText(run(results, { exitCode: 64 }), 'INFRA-100')).toBe([
      'Synced INFRA-100 with errors: 1 done, 5 failed, 1 not run.',
      'US-2 (create story), US-3 (create story), US-4 (create story) and 1 more: create 2 issues failed (HTTP 400): issue 1: priority: Specify a valid priority Fix the priority mapping in the settings.',
      'US-6 #2 (transition subtask): transition INFRA-6 failed (HTTP 403) Permission denied: ask a Jira admin.',
    ].join('\n'));
  });

  it('a run stopped by the user, and a run stopped by an error', () => {
    const stopped = [done(operation('create_story', 'US-1')), { operation: operation('create_subtask', 'US-1', 1), status: 'skipped' as const, issueKey: null, reason: 'cancelled' }];
    expect(resultText(run(stopped, { exitCode: 80 }), 'INFRA-100')).toBe('Sync of INFRA-100 stopped: 1 done, 1 not run. 1 story created.');
    const failure = { kind: 'auth' as const, message: 'read epic INFRA-100 failed (HTTP 401)', hint: 'Authentication refused: check the email and the API token.' };
    expect(resultText(run([], { exitCode: 5, outcome: null, failure }), 'INFRA-100')).toBe('Sync of INFRA-100 failed: read epic INFRA-100 failed (HTTP 401) Authentication refused: check the email and the API token.');
  });
});
