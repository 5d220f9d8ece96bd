/**
 * issue 12 (notes spectryn's users already have) and issue 11 item 6 (hostile headers and values):
 * one test per class of failure, each with the smallest note that showed it.
 */
import { parseEpic } from '../../src/model';
import type { Diagnostic } from '../../src/model';

const note = (...lines: string[]): string => ['# Epic', '', ...lines, ''].join('\n');
const found = (text: string): { code: string; line: number; severity: string }[] =>
  parseEpic(text).diagnostics.map((d: Diagnostic) => ({ code: d.code, line: d.line, severity: d.severity }));

test('1. metadata rows without a table header are read', () => {
  const result = parseEpic(note('### US-001: Story', '', '| **Story Points** | 5 |', '| **Status** | ✅ Done |'));
  const [story] = result.epic.stories;
  expect([story?.storyPoints, story?.status]).toEqual([5, 'done']);
  expect(result.diagnostics).toEqual([]);
});

test('3. spectryn\'s written-back lines are read, with their tracker; only Jira\'s is our key', () => {
  const result = parseEpic(note(
    '### US-001: A', '> **Jira:** [PROJ-100](https://acme.atlassian.net/browse/PROJ-100)', '', '| **Story Points** | 1 |', '',
    '### US-002: B', '> **Linear:** [TEAM-456](https://linear.app/t/issue/TEAM-456)', '', '| **Story Points** | 1 |', '',
    '### US-003: C', '> **GitHub:** [#12](https://github.com/o/r/issues/12)', '', '| **Story Points** | 1 |',
  ));
  expect(result.epic.stories.map((story) => [story.issueKey, story.issueLine?.key, story.issueLine?.tracker])).toEqual([
    ['PROJ-100', 'PROJ-100', 'jira'], [null, 'TEAM-456', 'linear'], ['#12', '#12', 'github'],
  ]);
  // The line is not taken for a metadata field.
  expect(result.epic.stories[0]?.fields.map((field) => field.name)).toEqual(['Story Points']);
});

test('4. a standalone story file (the story is the H1) is one story', () => {
  const result = parseEpic(['# PROJ-001: Standalone Story ✅', '', '> **Story Points**: 5', '> **Priority**: High', '', '## Acceptance Criteria', '', '- [x] works', ''].join('\n'));
  expect(result.epic.title).toBeNull();
  const [story] = result.epic.stories;
  expect([story?.id, story?.title, story?.status, story?.storyPoints, story?.priority, story?.acceptanceCriteria.length]).toEqual(['PROJ-001', 'Standalone Story', 'done', 5, 'high', 1]);
  expect(result.diagnostics).toEqual([]);
});

test('4. an H1 story header is the epic title when the note has other stories', () => {
  const result = parseEpic(['# PROJ-1: Payments', '', '### US-001: A', '', '| **Story Points** | 1 |', ''].join('\n'));
  expect(result.epic.title).toBe('PROJ-1: Payments');
  expect(result.epic.stories.map((story) => story.id)).toEqual(['US-001']);
});

test('5. a malformed delimiter row is not a subtask, and the warning names it', () => {
  const text = note('### US-001: A', '', '| **Story Points** | 2 |', '', '#### Subtasks', '', '| # | Subtask | SP |', '|---|---------|---------||', '| 1 | Real | 1 |');
  const result = parseEpic(text);
  expect(result.epic.stories[0]?.subtasks.map((subtask) => subtask.name)).toEqual(['Real']);
  const warning = result.diagnostics.find((d) => d.code === 'malformed-table');
  expect(warning?.line).toBe(10);
  expect(warning?.message).toContain('has 4 cells');
  expect(warning?.message).toContain('"|---|---|---|"');
});

test.each([
  ['### Story US-001: Title', 'US-001', 'Title'],
  ['### US-SF-001: Multi-part', 'US-SF-001', 'Multi-part'],
  ['### 🧪🧪 US-7: T', 'US-7', 'T'],
  ['## US-001', 'US-001', ''],
  ['## 🔄US-001: Title', 'US-001', 'Title'],
])('6. "%s" is a story', (header, id, title) => {
  const [story] = parseEpic(note(header, '', '| **Story Points** | 1 |')).epic.stories;
  expect([story?.id, story?.title]).toEqual([id, title]);
});

test.each([
  ['### US-001 - Title', '### US-001: Title'],
  ['### [US-001] Title', '### US-001: Title'],
  ['### **US-001**: Title', '### US-001: Title'],
  ['#### 🐛 BUG-2 – Crash', '#### 🐛 BUG-2: Crash'],
])('6. "%s" gets a warning on its line saying to write %s', (header, fix) => {
  const result = parseEpic(note(header));
  const warning = result.diagnostics.find((d) => d.code === 'story-header-not-read');
  expect(warning?.line).toBe(3);
  expect(warning?.message).toContain(`"${fix}"`);
});

test('7. escaped pipes in a cell are read as pipes', () => {
  const text = note('### US-001: A', '', '| **Story Points** | 1 |', '', '#### Subtasks', '', '| # | Subtask | Description |', '|---|---|---|', '| 1 | a \\| b | c \\| d |');
  const [subtask] = parseEpic(text).epic.stories[0]?.subtasks ?? [];
  expect([subtask?.name, subtask?.description]).toEqual(['a | b', 'c | d']);
});

test('9. a repeated subtask number is an error on its row', () => {
  const text = note('### US-001: A', '', '| **Story Points** | 2 |', '', '#### Subtasks', '', '| # | Subtask |', '|---|---|', '| 1 | a |', '| 1 | b |');
  expect(found(text)).toEqual([{ code: 'duplicate-subtask-number', line: 12, severity: 'error' }]);
});

test('10. a task-list subtask with a bold name has a name and a description', () => {
  const text = note('### US-001: A', '', '| **Story Points** | 2 |', '', '#### Subtasks', '', '- [ ] **Task 1** - First task description', '- [x] **Task 2**: Second (1 SP)');
  const subtasks = parseEpic(text).epic.stories[0]?.subtasks ?? [];
  expect(subtasks.map((subtask) => [subtask.name, subtask.description, subtask.storyPoints, subtask.status])).toEqual([
    ['Task 1', 'First task description', null, 'open'], ['Task 2', 'Second', 1, 'done'],
  ]);
});

test('11. a mixed-case id is called so, not "lower case"', () => {
  const warning = parseEpic(note('### MyProj-123: A', '', '| **Story Points** | 1 |')).diagnostics.find((d) => d.code === 'lowercase-story-id');
  expect(warning?.message).toContain('"MyProj-123" has lower-case letters; it is read as MYPROJ-123');
});

test('11. a done story whose subtask table has no Status column is not told its subtasks are open', () => {
  const text = note('### US-001: A', '', '| **Story Points** | 2 |', '| **Status** | Done |', '', '#### Subtasks', '', '| # | Subtask |', '|---|---|', '| 1 | a |');
  expect(found(text)).toEqual([]);
});

test('11. a note without stories is an error (so --validate fails)', () => {
  expect(found('# Only a title\n\nText.\n')).toEqual([{ code: 'no-stories', line: 1, severity: 'error' }]);
});

test.each(['**Status**: ???', '> **Status**: ???', '| **Status** | ??? |', 'Status:: ???'])('11. "%s" gets an unknown-status warning', (line) => {
  expect(found(note('### US-001: A', '', '**Story Points**: 1', '', line))).toContainEqual({ code: 'unknown-status', line: 7, severity: 'warning' });
});

test('11. negative points are called negative', () => {
  const warning = parseEpic(note('### US-001: A', '', '| **Story Points** | -4 |')).diagnostics.find((d) => d.code === 'invalid-points');
  expect(warning?.message).toContain('"-4" are negative');
});

test('issue 11 item 6: a title longer than Jira\'s 255-character summary is an error on the header', () => {
  const title = 'x'.repeat(300);
  expect(found(note(`### US-001: ${title}`, '', '| **Story Points** | 1 |'))).toEqual([{ code: 'title-too-long', line: 3, severity: 'error' }]);
  expect(found(note(`### US-001: ${'x'.repeat(255)}`, '', '| **Story Points** | 1 |'))).toEqual([]);
});

test.each(['1e26', '100000000000000000000000000', '1001'])('issue 11 item 6: %s points are bounded with a clear warning', (points) => {
  const result = parseEpic(note('### US-001: A', '', `| **Story Points** | ${points} |`));
  expect(result.epic.stories[0]?.storyPoints).toBeNull();
  expect(found(note('### US-001: A', '', `| **Story Points** | ${points} |`))).toEqual([{ code: 'invalid-points', line: 5, severity: 'warning' }]);
});
