import fc from 'fast-check';
import { parseEpic } from '../../../src/model';
import { STATUSES, type Epic, type Status } from '../../../src/model/types';
import { pullEdits } from '../../../src/sync/record/pull-edits';
import type { FieldDecision } from '../../../src/sync/record/three-way';
import { applyTextEdits } from '../../../src/sync/writeback';
import type { RemoteStory } from '../../../src/sync/tracker';
import { epicNote, type StorySpec } from '../../model/builder';
import { seedNote } from '../helpers';
import { JIRA_PRIORITY, JIRA_STATUS, mirror, plan, reading, recordOf } from './helpers';

/** The pulls of a plan where only Jira changed: `patch` applied to the remote issue `key`. */
function pullsAfter(text: string, key: string, patch: Partial<RemoteStory>): { epic: Epic; pulls: FieldDecision[] } {
  const epic = parseEpic(text).epic;
  const remote = mirror(epic.stories);
  const record = recordOf(plan(epic, remote, null));
  const moved = remote.map((story) => (story.key === key ? { ...story, ...patch } : { ...story, subtasks: story.subtasks.map((subtask) => (subtask.key === key ? { ...subtask, ...patch } : subtask)) }));
  const result = plan(epic, moved, record);
  expect(result.fields.every((field) => field.decision === 'pull')).toBe(true);
  return { epic, pulls: [...result.fields] };
}

function pulled(text: string, key: string, patch: Partial<RemoteStory>): string {
  const { epic, pulls } = pullsAfter(text, key, patch);
  const { edits, skipped } = pullEdits(text, epic, pulls, reading);
  expect(skipped).toEqual([]);
  return applyTextEdits(text, edits);
}

/** The lines of `after` that differ from `before` (same line count expected). */
function changedLines(before: string, after: string): string[] {
  const old = before.split('\n');
  return after.split('\n').filter((line, index) => line !== old[index]);
}

describe('pull keeps the note\'s own forms', () => {
  const seed = seedNote();

  test('a table cell stays a cell, spelled as the note spells the status elsewhere', () => {
    const after = pulled(seed, 'INFRA-101', { status: JIRA_STATUS.in_progress });
    // US-001 was "✅ Done"; the seed writes In Progress as "🔄 In Progress" (not the vocabulary's "In progress").
    expect(changedLines(seed, after)).toEqual(['| **Status** | 🔄 In Progress |']);
  });

  test('points keep their unit and emphasis; priority keeps its emoji form', () => {
    const text = epicNote({ stories: [{ points: '**3** SP', priority: 'High', metadata: 'inline' }] });
    const after = pulled(text, 'INFRA-101', { storyPoints: 8, priority: JIRA_PRIORITY.critical });
    expect(changedLines(text, after)).toEqual(['**Story Points**: **8** SP  **Priority**: Critical  **Status**: 📋 Planned']);
  });

  test.each([
    ['inline', '**Status**: ✅ Done'],
    ['blockquote', '> **Status**: ✅ Done'],
    ['dataview', 'Status:: ✅ Done'],
  ] as const)('%s fields stay %s', (metadata, line) => {
    const text = epicNote({ stories: [{ metadata, points: null, priority: null }] });
    expect(changedLines(text, pulled(text, 'INFRA-101', { status: JIRA_STATUS.done }))).toEqual([line]);
  });

  test('a new title rewrites only the heading\'s title', () => {
    const after = pulled(seed, 'INFRA-101', { summary: 'Schema Compatibility Review' });
    expect(changedLines(seed, after)).toEqual(['### 🔧 US-001: Schema Compatibility Review']);
  });

  test('a subtask cell stays a cell: status, points and name', () => {
    const after = pulled(seed, 'INFRA-102', { status: JIRA_STATUS.blocked, storyPoints: 3, summary: 'Export schema | data' });
    expect(changedLines(seed, after)).toEqual(['| 1 | Export schema \\| data | pg_dump schema only | 3 | ⏸️ Blocked |']);
  });

  test('a task-list subtask gets its checkbox ticked', () => {
    const text = epicNote({ stories: [{ extra: '#### Subtasks\n\n- [ ] Export\n- [x] Import' }] });
    const epic = parseEpic(text).epic;
    expect(epic.stories[0]?.subtasks.map((subtask) => subtask.form)).toEqual(['tasklist', 'tasklist']);
    const after = pulled(text, 'INFRA-102', { status: JIRA_STATUS.done });
    expect(changedLines(text, after)).toEqual(['- [x] Export']);
  });

  test('a field the story lacks is added after its last field, in that field\'s form', () => {
    const table = epicNote({ stories: [{ priority: null }] });
    const afterTable = pulled(table, 'INFRA-101', { priority: JIRA_PRIORITY.low, labels: ['spectryn-us-001', 'db'] });
    expect(afterTable).toContain('| **Status** | 📋 Planned |\n| **Priority** | ⚪ Low |\n| **Labels** | db |\n');
    const inline = epicNote({ stories: [{ priority: null, metadata: 'blockquote' }] });
    expect(pulled(inline, 'INFRA-101', { priority: JIRA_PRIORITY.high })).toContain('> **Status**: 📋 Planned\n> **Priority**: 🟡 High\n');
  });

  test('CRLF notes get CRLF lines', () => {
    const text = epicNote({ stories: [{ priority: null }], eol: '\r\n' });
    expect(pulled(text, 'INFRA-101', { priority: JIRA_PRIORITY.low })).toContain('| **Status** | 📋 Planned |\r\n| **Priority** | ⚪ Low |\r\n');
  });

  test('a field typed over since the plan is skipped, never overwritten; a description is not pulled yet', () => {
    const { pulls } = pullsAfter(seed, 'INFRA-101', { status: JIRA_STATUS.in_progress, description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'New words' }] }] } });
    const typed = seed.replace('| **Status** | ✅ Done |', '| **Status** | ⏸️ Blocked |');
    const { edits, skipped } = pullEdits(typed, parseEpic(typed).epic, pulls, reading);
    expect(edits).toEqual([]);
    expect(skipped.map((skip) => [skip.decision.field, skip.reason])).toEqual([
      ['status', expect.stringMatching(/changed this field after the plan/)],
      ['description', expect.stringMatching(/not written into the note yet/)],
    ]);
  });
});

test('labels typed over since the plan are kept; a pull of no points writes TBD', () => {
  const text = epicNote({ stories: [{ extraFields: [['Labels', 'db']] }] });
  const { epic, pulls } = pullsAfter(text, 'INFRA-101', { labels: ['spectryn-us-001', 'db', 'ops'], storyPoints: null });
  expect(pulls.map((pull) => pull.field)).toEqual(['story_points', 'labels']);
  expect(changedLines(text, applyTextEdits(text, pullEdits(text, epic, pulls, reading).edits))).toEqual(['| **Story Points** | TBD |', '| **Labels** | db, ops |']);
  const typed = text.replace('| **Labels** | db |', '| **Labels** | db, infra |');
  const { edits, skipped } = pullEdits(typed, parseEpic(typed).epic, pulls, reading);
  expect(edits).toHaveLength(1);
  expect(skipped.map((skip) => skip.decision.field)).toEqual(['labels']);
});

describe('property: applying a pull\'s edits then re-reading gives the pulled values', () => {
  const statusWords: Record<Status, string> = { planned: '📋 Planned', open: 'Open', in_progress: '🔄 In Progress', in_review: '👀 In Review', blocked: 'Blocked', done: '✅ Done', cancelled: '❌ Cancelled' };
  const storyArb: fc.Arbitrary<StorySpec> = fc.record({
    points: fc.option(fc.constantFrom(1, 3, '5 SP', '**8**'), { nil: null }),
    status: fc.option(fc.constantFrom(...STATUSES).map((status) => statusWords[status]), { nil: null }),
    priority: fc.option(fc.constantFrom('🔴 Critical', '🟡 High', 'Medium', 'Low'), { nil: null }),
    metadata: fc.constantFrom('table', 'inline', 'blockquote', 'dataview'),
    extraFields: fc.constantFrom([], [['Labels', 'db, infra']] as [string, string][]),
    subtasks: fc.array(fc.record({ name: fc.constantFrom('Export', 'Import', 'Verify'), points: fc.constantFrom(1, 2), status: fc.constantFrom('✅ Done', '📋 Planned', 'In Progress') }), { maxLength: 3 }),
  });
  const remotePatch = fc.record({
    status: fc.constantFrom(...STATUSES),
    storyPoints: fc.constantFrom(2, 13, 0.5),
    priority: fc.constantFrom('critical', 'high', 'medium', 'low') as fc.Arbitrary<keyof typeof JIRA_PRIORITY>,
    summary: fc.constantFrom('Renamed in Jira', 'Cutover | rehearsal', 'Ünïcode ✅ title'),
    labels: fc.constantFrom([], ['db'], ['ops', 'db']),
  }, { requiredKeys: [] });

  test('story fields and subtask fields, every metadata form', () => {
    fc.assert(fc.property(fc.array(storyArb, { minLength: 1, maxLength: 3 }), remotePatch, remotePatch, fc.boolean(), (stories, storyPatch, subtaskPatch, crlf) => {
      const text = epicNote({ stories: stories.map((story, index) => ({ ...story, title: `Story ${index + 1}` })), eol: crlf ? '\r\n' : '\n' });
      const epic = parseEpic(text).epic;
      const remote = mirror(epic.stories);
      const record = recordOf(plan(epic, remote, null));
      const toRemote = (patch: typeof storyPatch, subtask: boolean): Partial<RemoteStory> => ({
        ...(patch.status === undefined ? {} : { status: JIRA_STATUS[patch.status] }),
        ...(patch.storyPoints === undefined ? {} : { storyPoints: patch.storyPoints }),
        ...(patch.summary === undefined ? {} : { summary: patch.summary }),
        ...(subtask || patch.priority === undefined ? {} : { priority: JIRA_PRIORITY[patch.priority] }),
        ...(subtask || patch.labels === undefined ? {} : { labels: ['spectryn-us-001', ...patch.labels] }),
      });
      const first = remote[0] as RemoteStory;
      const moved: RemoteStory[] = [{ ...first, ...toRemote(storyPatch, false), subtasks: first.subtasks.map((subtask, index) => (index === 0 ? { ...subtask, ...toRemote(subtaskPatch, true) } : subtask)) }, ...remote.slice(1)];
      const result = plan(epic, moved, record);
      const pulls = result.fields.filter((field) => field.decision === 'pull');
      const { edits, skipped } = pullEdits(text, epic, pulls, reading);
      const after = applyTextEdits(text, edits);
      const reread = parseEpic(after).epic;
      // The other stories and the line endings are untouched.
      expect(reread.stories.slice(1).map((story) => story.range.to - story.range.from)).toEqual(epic.stories.slice(1).map((story) => story.range.to - story.range.from));
      if (crlf) expect(after.replace(/\r\n/g, '').includes('\n')).toBe(false);
      // Every pull that was written reads back as the tracker's value: the next plan has no pull left.
      const again = plan(reread, moved, record);
      const left = again.fields.filter((field) => field.decision === 'pull').map((field) => field.id);
      const skippedIds = skipped.map((skip) => skip.decision.id);
      // Task-list subtasks only hold done / not done; a story without metadata has nowhere to add a field.
      for (const id of left) expect(skippedIds.includes(id) || /#\d+:status$/.test(id)).toBe(true);
      for (const skip of skipped) expect(skip.reason).toMatch(/description|no metadata/);
      expect(reread.stories.map((story) => story.id)).toEqual(epic.stories.map((story) => story.id));
    }), { numRuns: 80 });
  }, 60_000);
});
