import { parseEpic } from '../../../src/model';
import { additionEdits, nextStoryIds } from '../../../src/sync/record/addition-edits';
import type { RemoteAddition } from '../../../src/sync/record/three-way';
import { applyTextEdits, writeBackEdits } from '../../../src/sync/writeback';
import { epicNote } from '../../model/builder';
import { seedNote } from '../helpers';
import { JIRA_STATUS, mirror, plan, recordOf } from './helpers';

const options = { browseUrl: (key: string) => `https://acme.atlassian.net/browse/${key}`, now: new Date('2026-12-06T10:15:00Z') };

function subtask(key: string, storyId: string | null, summary: string, extra: Partial<RemoteAddition> = {}): RemoteAddition {
  return { kind: 'subtask', key, storyId, summary, status: 'planned', statusName: 'Backlog', storyPoints: null, priority: null, labels: [], subtasks: [], ...extra };
}

describe('issues created in Jira are added to the note', () => {
  test('a new story goes after the last story (after its rule), with the next id, its issue line and the note\'s metadata form', () => {
    const text = seedNote();
    const epic = parseEpic(text).epic;
    const addition: RemoteAddition = {
      kind: 'story', key: 'INFRA-200', storyId: null, summary: 'Decommission PostgreSQL', status: 'in_progress', statusName: 'In Progress', storyPoints: 3, priority: 'high', labels: ['db'],
      subtasks: [subtask('INFRA-201', null, 'Final snapshot', { status: 'done', storyPoints: 1 })],
    };
    const result = additionEdits(text, epic, [addition], options);
    const after = applyTextEdits(text, result.edits);
    expect(result.storyIds.get('INFRA-200')).toBe('US-008');
    expect(after).toContain([
      '| 5 | Communication | Update stakeholders | 1 | 📋 Planned |', '', '---', '',
      '### US-008: Decommission PostgreSQL',
      '> **Issue:** [INFRA-200](https://acme.atlassian.net/browse/INFRA-200) · **Synced:** 2026-12-06 10:15 UTC',
      '',
      '| Field | Value |', '|-------|-------|', '| **Story Points** | 3 |', '| **Priority** | 🟡 High |', '| **Status** | 🔄 In Progress |', '| **Labels** | db |',
      '', '#### Subtasks', '', '| # | Subtask | SP | Status | Issue |', '|---|---------|----|--------|-------|', '| 1 | Final snapshot | 1 | ✅ Done | INFRA-201 |',
      '', '---', '', '## Risks & Mitigations',
    ].join('\n'));
    // Read back: the story is in the last phase, with its key; the subtask with its key.
    const reread = parseEpic(after).epic;
    const added = reread.stories.find((story) => story.id === 'US-008');
    expect(added).toMatchObject({ title: 'Decommission PostgreSQL', issueKey: 'INFRA-200', status: 'in_progress', priority: 'high', storyPoints: 3, labels: ['db'], phase: epic.stories[epic.stories.length - 1]?.phase });
    expect(added?.subtasks.map((row) => [row.name, row.issueKey, row.status])).toEqual([['Final snapshot', 'INFRA-201', 'done']]);
    expect(reread.stories).toHaveLength(epic.stories.length + 1);
  });

  test('after adding, the three-way plan sees the added issues as the note\'s own: nothing more to add', () => {
    const text = seedNote();
    const epic = parseEpic(text).epic;
    const remote = mirror(epic.stories);
    const record = recordOf(plan(epic, remote, null));
    const newStory = { ...remote[0], key: 'INFRA-300', summary: 'Turn off the old cluster', labels: [], status: JIRA_STATUS.blocked, storyPoints: 2, priority: 'Low', subtasks: [] } as (typeof remote)[number];
    const newSub = { ...(remote[1]?.subtasks[0] as (typeof remote)[number]['subtasks'][number]), key: 'INFRA-301', summary: 'Check replication lag', labels: [], status: JIRA_STATUS.in_review, storyPoints: 1 };
    const moved = [remote[0], { ...remote[1], subtasks: [...(remote[1]?.subtasks ?? []), newSub] }, ...remote.slice(2), newStory] as typeof remote;
    const first = plan(epic, moved, record);
    expect(first.additions.map((addition) => addition.key)).toEqual(['INFRA-301', 'INFRA-300']);
    const after = applyTextEdits(text, additionEdits(text, epic, first.additions, options).edits);
    const again = plan(parseEpic(after).epic, moved, recordOf(first, record));
    expect(again.additions).toEqual([]);
    expect(again.fields.filter((field) => field.decision !== 'nothing')).toEqual([]);
  });

  test('a new subtask is a row at the end of its story\'s table, in the table\'s columns, with its key', () => {
    const text = seedNote();
    const epic = parseEpic(text).epic;
    const result = additionEdits(text, epic, [subtask('INFRA-250', 'US-001', 'Review | sign off', { status: 'in_progress', storyPoints: 2 })], options);
    const after = applyTextEdits(text, result.edits);
    expect(after).toContain('| 4 | Estimate effort | Story point estimates for fixes | 1 | ✅ Done |\n| 5 | Review \\| sign off |  | 2 | 🔄 In Progress |\n');
    // The seed's table has no Issue column: the key goes to the write-back, which adds the column.
    expect(result.keys).toEqual([{ kind: 'subtask', storyId: 'US-001', number: 5, key: 'INFRA-250' }]);
    const reread = parseEpic(after).epic;
    const withKeys = applyTextEdits(after, writeBackEdits(after, reread, result.keys, options));
    expect(parseEpic(withKeys).epic.stories[0]?.subtasks.map((row) => row.issueKey)).toEqual([null, null, null, null, 'INFRA-250']);
  });

  test('a story without subtasks gets a Subtasks table; a task list gets an item; CRLF is kept', () => {
    const text = epicNote({ stories: [{}, { extra: '#### Subtasks\r\n\r\n- [ ] Export' }], eol: '\r\n' });
    const epic = parseEpic(text).epic;
    const after = applyTextEdits(text, additionEdits(text, epic, [subtask('INFRA-150', 'US-001', 'Plan'), subtask('INFRA-151', 'US-002', 'Import', { status: 'done' })], options).edits);
    expect(after.replace(/\r\n/g, '').includes('\n')).toBe(false);
    const reread = parseEpic(after).epic;
    expect(reread.stories[0]?.subtasks.map((row) => [row.name, row.issueKey])).toEqual([['Plan', 'INFRA-150']]);
    expect(reread.stories[1]?.subtasks.map((row) => [row.name, row.status])).toEqual([['Export', 'open'], ['Import', 'done']]);
  });

  test('next story ids follow the note\'s scheme', () => {
    expect(nextStoryIds([{ id: 'US-001' }, { id: 'US-009' }, { id: 'PROJ-3' }], 2)).toEqual(['US-010', 'US-011']);
    expect(nextStoryIds([], 1)).toEqual(['US-001']);
    expect(nextStoryIds([{ id: '#41' }, { id: '#42' }], 1)).toEqual(['#43']);
  });
});
