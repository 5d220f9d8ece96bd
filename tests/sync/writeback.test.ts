import fc from 'fast-check';
import { parseEpic } from '../../src/model';
import type { KeyAssignment } from '../../src/sync/tracker';
import { applyTextEdits, issueLineText, syncedStamp, writeBackEdits } from '../../src/sync/writeback';

const options = { browseUrl: (key: string) => `https://acme.atlassian.net/browse/${key}`, now: new Date('2026-11-24T09:44:31Z') };
const LINE = (key: string): string => issueLineText(key, options);

function writeBack(text: string, keys: KeyAssignment[]): string {
  return applyTextEdits(text, writeBackEdits(text, parseEpic(text).epic, keys, options));
}

const note = [
  '---',
  'epic: INFRA-100',
  '---',
  '# Epic',
  '',
  '### 🔧 US-001: Schema Compatibility Analysis',
  '',
  '| Field | Value |',
  '|-------|-------|',
  '| **Story Points** | 5 |',
  '',
  '#### Subtasks',
  '',
  '| # | Subtask | Description | SP | Status |',
  '|---|---------|-------------|:--:|--------|',
  '| 1 | Export schema | pg_dump schema only | 1 | ✅ Done |',
  '| 2 | Run tool | CockroachDB migration tool | 1 | ✅ Done |',
  '',
  '### 🚀 US-002: Second',
  '**Story Points**: 3',
  '',
].join('\n');

test('the stamp is UTC to the minute', () => {
  expect(syncedStamp(options.now)).toBe('2026-11-24 09:44 UTC');
  expect(LINE('INFRA-101')).toBe('> **Issue:** [INFRA-101](https://acme.atlassian.net/browse/INFRA-101) · **Synced:** 2026-11-24 09:44 UTC');
});

test('an issue line goes directly under the header; a following text line is kept out of the quote', () => {
  const result = writeBack(note, [{ kind: 'story', storyId: 'US-001', key: 'INFRA-101' }, { kind: 'story', storyId: 'US-002', key: 'INFRA-102' }]);
  expect(result).toContain(`### 🔧 US-001: Schema Compatibility Analysis\n${LINE('INFRA-101')}\n\n| Field | Value |`);
  expect(result).toContain(`### 🚀 US-002: Second\n${LINE('INFRA-102')}\n\n**Story Points**: 3`);
  const { epic } = parseEpic(result);
  expect(epic.stories.map((story) => story.issueKey)).toEqual(['INFRA-101', 'INFRA-102']);
  expect(epic.stories[1]?.storyPoints).toBe(3);
});

test('an existing issue line is replaced in place; another key the user wrote is kept', () => {
  const once = writeBack(note, [{ kind: 'story', storyId: 'US-001', key: 'INFRA-101' }]);
  const later = applyTextEdits(once, writeBackEdits(once, parseEpic(once).epic, [{ kind: 'story', storyId: 'US-001', key: 'INFRA-101' }], { ...options, now: new Date('2026-12-01T10:00:00Z') }));
  expect(later).toBe(once.replace('2026-11-24 09:44 UTC', '2026-12-01 10:00 UTC'));
  expect(writeBack(once, [{ kind: 'story', storyId: 'US-001', key: 'INFRA-999' }])).toBe(once);
});

test('a story with an Issue field is left alone', () => {
  const withField = note.replace('| **Story Points** | 5 |', '| **Story Points** | 5 |\n| **Issue** | INFRA-7 |');
  expect(writeBack(withField, [{ kind: 'story', storyId: 'US-001', key: 'INFRA-101' }])).toBe(withField);
});

test('a missing Issue column is added to the whole table in its own style', () => {
  const result = writeBack(note, [{ kind: 'subtask', storyId: 'US-001', number: 2, key: 'INFRA-103' }]);
  expect(result).toContain([
    '| # | Subtask | Description | SP | Status | Issue |',
    '|---|---------|-------------|:--:|--------|-------|',
    '| 1 | Export schema | pg_dump schema only | 1 | ✅ Done | |',
    '| 2 | Run tool | CockroachDB migration tool | 1 | ✅ Done | INFRA-103 |',
  ].join('\n'));
  const subtasks = parseEpic(result).epic.stories[0]?.subtasks ?? [];
  expect(subtasks.map((subtask) => subtask.issueKey)).toEqual([null, 'INFRA-103']);
  // A later batch fills the empty cell.
  const later = writeBack(result, [{ kind: 'subtask', storyId: 'US-001', number: 1, key: 'INFRA-104' }]);
  expect(later).toContain('| 1 | Export schema | pg_dump schema only | 1 | ✅ Done | INFRA-104 |');
  expect(parseEpic(later).epic.stories[0]?.subtasks.map((subtask) => subtask.issueKey)).toEqual(['INFRA-104', 'INFRA-103']);
});

test('padded delimiter rows and rows without outer pipes keep their style', () => {
  const padded = note.replace('|---|---------|-------------|:--:|--------|', '| --- | --- | --- | :-: | --- |');
  expect(writeBack(padded, [{ kind: 'subtask', storyId: 'US-001', number: 1, key: 'INFRA-5' }])).toContain('| --- | --- | --- | :-: | --- | --- |');
  const bare = note
    .replace('| # | Subtask | Description | SP | Status |', 'No | Subtask | Description | SP | Status')
    .replace('|---|---------|-------------|:--:|--------|', '---|---|---|---|---')
    .replace('| 1 | Export schema | pg_dump schema only | 1 | ✅ Done |', '1 | Export schema | pg_dump schema only | 1 | ✅ Done')
    .replace('| 2 | Run tool | CockroachDB migration tool | 1 | ✅ Done |', '2 | Run tool | CockroachDB migration tool | 1 | ✅ Done');
  const result = writeBack(bare, [{ kind: 'subtask', storyId: 'US-001', number: 1, key: 'INFRA-5' }]);
  expect(result).toContain('1 | Export schema | pg_dump schema only | 1 | ✅ Done | INFRA-5\n');
  expect(parseEpic(result).epic.stories[0]?.subtasks[0]?.issueKey).toBe('INFRA-5');
});

test('a filled Issue cell is never overwritten', () => {
  const withColumn = writeBack(note, [{ kind: 'subtask', storyId: 'US-001', number: 1, key: 'INFRA-104' }]);
  expect(writeBack(withColumn, [{ kind: 'subtask', storyId: 'US-001', number: 1, key: 'INFRA-555' }])).toBe(withColumn);
});

test('the epic key goes into frontmatter, which is added when missing', () => {
  const without = note.replace('---\nepic: INFRA-100\n---\n', '');
  expect(writeBack(without, [{ kind: 'epic', key: 'INFRA-100' }])).toBe(`---\nepic: INFRA-100\n---\n${without}`);
  const other = note.replace('epic: INFRA-100', 'tags: [x]');
  expect(writeBack(other, [{ kind: 'epic', key: 'INFRA-100' }])).toBe(note.replace('epic: INFRA-100', 'epic: INFRA-100\ntags: [x]'));
  expect(writeBack(note, [{ kind: 'epic', key: 'OTHER-1' }])).toBe(note);
  expect(parseEpic(writeBack(without, [{ kind: 'epic', key: 'INFRA-100' }])).epic.key).toBe('INFRA-100');
});

test('CRLF notes stay CRLF', () => {
  const crlf = note.replace(/\n/g, '\r\n');
  const result = writeBack(crlf, [
    { kind: 'story', storyId: 'US-001', key: 'INFRA-101' },
    { kind: 'subtask', storyId: 'US-001', number: 1, key: 'INFRA-102' },
    { kind: 'story', storyId: 'US-002', key: 'INFRA-103' },
  ]);
  expect(result.replace(/\r\n/g, '')).not.toContain('\n');
  expect(result).toContain(`Analysis\r\n${LINE('INFRA-101')}\r\n\r\n| Field`);
  expect(result).toContain('| Status | Issue |\r\n|---|');
  expect(parseEpic(result).epic.stories.map((story) => story.issueKey)).toEqual(['INFRA-101', 'INFRA-103']);
});

test('edits are computed on the current text: a story moved or edited meanwhile still gets its key', () => {
  const edited = note.replace('# Epic\n', '# Epic\n\nA paragraph typed during the sync.\n\n### 🐛 US-003: New story typed meanwhile\n');
  const result = writeBack(edited, [{ kind: 'story', storyId: 'US-001', key: 'INFRA-101' }, { kind: 'story', storyId: 'US-009', key: 'INFRA-109' }]);
  expect(result).toContain('A paragraph typed during the sync.');
  expect(result).toContain(`### 🔧 US-001: Schema Compatibility Analysis\n${LINE('INFRA-101')}`);
  expect(result).not.toContain('INFRA-109');
});

test('write-back only inserts our text: removing it gives back the note (property)', () => {
  const word = fc.stringMatching(/^[a-z ]{0,12}$/);
  fc.assert(fc.property(fc.array(word, { maxLength: 4 }), fc.boolean(), (extra, crlf) => {
    let text = note.replace('# Epic\n', `# Epic\n\n${extra.join('\n')}\n`);
    if (crlf) text = text.replace(/\n/g, '\r\n');
    const result = writeBack(text, [
      { kind: 'story', storyId: 'US-001', key: 'INFRA-101' },
      { kind: 'story', storyId: 'US-002', key: 'INFRA-102' },
      { kind: 'subtask', storyId: 'US-001', number: 2, key: 'INFRA-103' },
    ]);
    const eol = crlf ? '\r\n' : '\n';
    const stripped = result
      .split(`${LINE('INFRA-101')}${eol}`).join('')
      .split(`${LINE('INFRA-102')}${eol}${eol}`).join('')
      .replace(/ \| Issue \|/, ' |').replace('|--------|-------|', '|--------|')
      .replace(' | ✅ Done | |', ' | ✅ Done |').replace(' | ✅ Done | INFRA-103 |', ' | ✅ Done |');
    expect(stripped).toBe(text);
  }), { numRuns: 100 });
});
