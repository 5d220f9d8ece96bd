import type { SourceRange } from '../../src/model';
import { parseEpic } from '../../src/model';
import { epicNote } from './builder';

const slice = (text: string, range: Pick<SourceRange, 'from' | 'to'> | null | undefined): string => (range ? text.slice(range.from, range.to) : '<none>');
const codes = (text: string): string[] => parseEpic(text).diagnostics.map((d) => d.code);

describe('stories', () => {
  test('header parts: emoji type, id, title, level, exact ranges', () => {
    const text = epicNote({ stories: [{ id: 'PROJ-123', title: 'Do it', type: '🐛', level: 4 }] });
    const [story] = parseEpic(text).epic.stories;
    expect(story).toMatchObject({ id: 'PROJ-123', title: 'Do it', type: '🐛', level: 4 });
    expect(slice(text, story?.headerRange)).toBe('#### 🐛 PROJ-123: Do it');
    expect(slice(text, story?.idRange)).toBe('PROJ-123');
  });

  test('a story never swallows the trailing ---, the next phase heading or later sections', () => {
    const text = epicNote({ phases: [['One', [{ id: 'A-1' }]], ['Two', [{ id: 'A-2' }]]], footer: '## Risks & Mitigations\n\n| Risk | Impact |\n|---|---|\n| x | High |\n' });
    const { epic } = parseEpic(text);
    for (const story of epic.stories) {
      const body = slice(text, story.range);
      expect(body).not.toMatch(/^---$/m);
      expect(body).not.toContain('## Phase');
      expect(body).not.toContain('Risks');
      expect(story.description?.extra).toBe('');
    }
    expect(epic.risks?.rows).toEqual([{ Risk: 'x', Impact: 'High' }]);
    expect(epic.stories.map((story) => story.phase)).toEqual(['One', 'Two']);
  });

  test('headings inside code fences are never stories', () => {
    const text = '# E\n\n```\n### US-1: fake\n```\n\n~~~\n### US-2: fake\n~~~\n\n### US-3: real\n\n**Story Points**: 1\n';
    expect(parseEpic(text).epic.stories.map((story) => story.id)).toEqual(['US-3']);
  });

  test('lower-case ids are upper-cased with a warning on the id', () => {
    const text = '# E\n\n### us-12: lower\n\n**SP**: 1\n';
    const result = parseEpic(text);
    expect(result.epic.stories[0]?.id).toBe('US-12');
    const warning = result.diagnostics.find((d) => d.code === 'lowercase-story-id');
    expect(slice(text, warning)).toBe('us-12');
    expect(warning).toMatchObject({ severity: 'warning', storyId: 'US-12', line: 3 });
  });

  test('duplicate ids and headers without title are errors', () => {
    const text = '# E\n\n### US-1: a\n\n**SP**: 1\n\n### US-1: b\n\n**SP**: 1\n\n### US-2:\n\n**SP**: 1\n';
    const result = parseEpic(text);
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ['error', 'duplicate-story-id', 7],
      ['error', 'story-without-title', 11],
    ]);
  });

  test('no stories is a warning', () => {
    expect(codes('# Only a title\n\nText.\n')).toEqual(['no-stories']);
  });
});

describe('metadata', () => {
  test.each(['table', 'inline', 'blockquote', 'dataview'] as const)('%s form: values and value ranges', (form) => {
    const text = epicNote({ stories: [{ metadata: form, points: 5, status: '✅ Done', priority: '🟢 Low', extraFields: [['Owner', 'kim'], ['Tags', 'a, b']] }] });
    const [story] = parseEpic(text).epic.stories;
    expect(story).toMatchObject({ storyPoints: 5, status: 'done', priority: 'low', assignee: 'kim', labels: ['a', 'b'] });
    expect(slice(text, story?.statusField?.range)).toBe('✅ Done');
    expect(slice(text, story?.priorityField?.range)).toBe('🟢 Low');
    expect(slice(text, story?.pointsField?.valueRange)).toBe('5');
    expect(story?.fields.every((field) => field.form === form)).toBe(true);
  });

  test('inline fields: colon inside or outside the bold, several per line', () => {
    const text = '# E\n\n### US-1: t\n\n**Story Points:** 2  **Status**: In Review  **Sprint:** S1\n';
    const [story] = parseEpic(text).epic.stories;
    expect(story?.fields.map((field) => [field.name, field.value, slice(text, field.range)])).toEqual([
      ['Story Points', '2', '**Story Points:** 2'],
      ['Status', 'In Review', '**Status**: In Review'],
      ['Sprint', 'S1', '**Sprint:** S1'],
    ]);
    expect(story?.sprint).toBe('S1');
  });

  test('the first field of a name wins; unknown rows are kept', () => {
    const text = epicNote({ stories: [{ status: 'Open', extraFields: [['Status', 'Done'], ['Component', 'db']] }] });
    const [story] = parseEpic(text).epic.stories;
    expect(story?.status).toBe('open');
    expect(story?.fields.find((field) => field.name === 'Component')).toMatchObject({ key: null, value: 'db' });
  });

  test('points: decimals, not estimated (info), invalid (warning), missing (warning)', () => {
    const note = (points: string | null): string => epicNote({ stories: [{ points }] });
    expect(parseEpic(note('0.5')).epic.stories[0]?.storyPoints).toBe(0.5);
    for (const unestimated of ['TBD', '?', '-']) {
      const result = parseEpic(note(unestimated));
      expect(result.epic.stories[0]?.storyPoints).toBeNull();
      expect(result.diagnostics.map((d) => [d.severity, d.code])).toEqual([['info', 'unestimated']]);
    }
    expect(parseEpic(note('many')).diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'invalid-points']]);
    expect(parseEpic(note(null)).diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'missing-points']]);
  });

  test('unknown status and priority warn on the value and read as planned / medium', () => {
    const text = epicNote({ stories: [{ status: 'Someday', priority: 'Whenever' }] });
    const result = parseEpic(text);
    expect(result.epic.stories[0]).toMatchObject({ status: 'planned', priority: 'medium' });
    // Note order: the builder writes Priority before Status.
    expect(result.diagnostics.map((d) => [d.code, slice(text, d)])).toEqual([['unknown-priority', 'Whenever'], ['unknown-status', 'Someday']]);
    expect(result.diagnostics.every((d) => d.message.startsWith('US-001: ') && d.storyId === 'US-001')).toBe(true);
  });

  test('phase: field, else nearest phase heading, else none', () => {
    const text = epicNote({ stories: [{ id: 'A-1' }], phases: [['Build', [{ id: 'A-2' }, { id: 'A-3', phase: 'Ship' }]]] });
    expect(parseEpic(text).epic.stories.map((story) => story.phase)).toEqual([null, 'Build', 'Ship']);
  });

  test('the written-back issue line gives the issue key', () => {
    const text = '# E\n\n### US-1: t\n> **Issue:** [P-7](https://x.test/browse/P-7) · **Synced:** 2026-11-24 09:44 UTC\n\n**SP**: 1\n';
    const [story] = parseEpic(text).epic.stories;
    expect(story?.issueKey).toBe('P-7');
    expect(story?.issueLine).toMatchObject({ key: 'P-7', url: 'https://x.test/browse/P-7', synced: '2026-11-24 09:44 UTC' });
    expect(slice(text, story?.issueLine?.range)).toBe('> **Issue:** [P-7](https://x.test/browse/P-7) · **Synced:** 2026-11-24 09:44 UTC');
    expect(story?.fields.map((field) => field.key)).toEqual(['story_points']);
  });
});

describe('story sections', () => {
  test('description parts and extra paragraphs', () => {
    const text = epicNote({ stories: [{ description: ['dev', 'speed', 'joy'], extra: 'More words.' }] });
    const [story] = parseEpic(text).epic.stories;
    expect(story?.description).toMatchObject({ asA: 'dev', iWant: 'speed', soThat: 'joy', extra: 'More words.' });
  });

  test('acceptance criteria with checkbox ranges', () => {
    const text = epicNote({ stories: [{ criteria: [['one', true], ['two', false]] }] });
    const [story] = parseEpic(text).epic.stories;
    expect(story?.acceptanceCriteria.map((c) => [c.text, c.done, slice(text, c.checkboxRange), slice(text, c.range)])).toEqual([
      ['one', true, '[x]', '- [x] one'],
      ['two', false, '[ ]', '- [ ] two'],
    ]);
  });

  test('subtask table: cells by column, table ranges for write-back', () => {
    const text = epicNote({ stories: [{ points: 5, subtasks: [{ name: 'Alpha', points: 2, status: '✅ Done' }, { name: 'Beta', points: 'x' }] }] });
    const result = parseEpic(text);
    const [story] = result.epic.stories;
    expect(story?.subtasks.map((t) => [t.number, t.name, t.storyPoints, t.status])).toEqual([[1, 'Alpha', 2, 'done'], [2, 'Beta', null, 'planned']]);
    expect(slice(text, story?.subtasks[0]?.cells.status)).toBe('✅ Done');
    expect(slice(text, story?.subtaskTable?.headerRange)).toBe('| # | Subtask | Description | SP | Status |');
    expect(slice(text, story?.subtaskTable?.delimiterRange)).toBe('|---|---------|-------------|:--:|--------|');
    expect(result.diagnostics.map((d) => [d.code, slice(text, d)])).toEqual([['invalid-subtask-row', 'x']]);
  });

  test('done stories with open criteria or subtasks are flagged', () => {
    const text = epicNote({ stories: [{ status: 'Done', criteria: [['a', false]], subtasks: [{ name: 'b', status: 'Open' }] }] });
    expect(codes(text)).toEqual(['done-with-open-criteria', 'done-with-open-subtasks']);
  });

  test('subtask points adding up to more than the story warn', () => {
    const text = epicNote({ stories: [{ points: 1, subtasks: [{ name: 'a', points: 1 }, { name: 'b', points: 1 }] }] });
    expect(codes(text)).toEqual(['subtask-points-exceed-story']);
  });

  test('story sections keep their markdown (for ADF conversion), not the mdast nodes it was read from', () => {
    const text = epicNote({ stories: [{ criteria: [['a', true]] }] });
    const sections = parseEpic(text).epic.stories[0]?.sections ?? [];
    expect(sections.map((section) => [section.kind, section.markdown])).toEqual([
      ['description', expect.stringContaining('**As a**')],
      ['acceptance_criteria', '- [x] a'],
    ]);
  });
});

describe('robustness', () => {
  test('CRLF: values have no carriage return and ranges index the original text', () => {
    const text = epicNote({ eol: '\r\n', stories: [{ status: 'Done', criteria: [['a', true]], subtasks: [{ name: 'x', status: 'Done' }] }] });
    const result = parseEpic(text);
    expect(JSON.stringify(result.epic, (key, value: unknown) => (key === 'nodes' ? undefined : value))).not.toContain('\\r');
    const [story] = result.epic.stories;
    expect(slice(text, story?.statusField?.range)).toBe('Done');
    expect(slice(text, story?.headerRange)).toBe('### 🔧 US-001: Story 1');
    expect(result.diagnostics).toEqual([]);
  });

  test('NUL, control characters and lone surrogates: one info diagnostic, no exception', () => {
    const text = `# E\u0000\n\n### US-1: a\uD800b\u0001\n\n**SP**: 1\n`;
    const result = parseEpic(text);
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.from])).toEqual([['info', 'invalid-characters', 3]]);
    expect(result.epic.stories).toHaveLength(1);
  });

  test('invalid frontmatter warns and keeps parsing', () => {
    const result = parseEpic('---\nepic: [oops\n---\n# E\n\n### US-1: a\n\n**SP**: 1\n');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['invalid-frontmatter']);
    expect(result.epic.frontmatter?.data).toEqual({});
  });

  test('frontmatter epic key spellings and tracker', () => {
    for (const key of ['epic', 'epic-key', 'epic_key', 'jira-epic']) {
      const { epic } = parseEpic(`---\n${key}: K-1\ntracker: jira\n---\n# E\n`);
      expect([epic.key, epic.tracker]).toEqual(['K-1', 'jira']);
    }
  });
});

test('subtask points over the story points are named without float noise', () => {
  const note = '# E\n\n### US-1: a\n\n**SP**: 0.25\n\n#### Subtasks\n| # | Subtask | SP | Status |\n|---|---|---|---|\n| 1 | x | 0.1 | Open |\n| 2 | y | 0.2 | Open |\n';
  const messages = parseEpic(note).diagnostics.filter((d) => d.code === 'subtask-points-exceed-story').map((d) => d.message);
  expect(messages).toEqual(["US-1: The subtasks add up to 0.3 points, more than the story's 0.25."]);
});
