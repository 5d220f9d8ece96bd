/**
 * Re-parsing with `previous` equals a fresh parse, and reuses what did not change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEpic, PARSE_CACHE } from '../../src/model';
import { comparable } from './comparable';

const seed = readFileSync(join(__dirname, '..', '..', 'examples', 'postgres-to-crdb.md'), 'utf8');
const rollout = readFileSync(join(__dirname, '..', '..', 'examples', 'search-rollout.md'), 'utf8');

const view = comparable;

function edit(text: string, from: number, to: number, insert: string): string {
  return text.slice(0, from) + insert + text.slice(to);
}

test('re-parsing the same text returns the previous result', () => {
  const first = parseEpic(seed);
  expect(parseEpic(seed, first)).toBe(first);
});

test.each([
  ['type in a subtask name', (t: string) => edit(t, t.indexOf('Audit raw queries') + 3, t.indexOf('Audit raw queries') + 3, 'x')],
  ['change a status', (t: string) => t.replace('| **Status** | 📋 Planned |', '| **Status** | ✅ Done |')],
  ['delete a story header', (t: string) => t.replace('### 🔧 US-004: Schema Migrations\n', '')],
  ['insert a new story', (t: string) => t.replace('## Phase 3: Testing', '### 🔧 US-099: New\n\n**SP**: 2\n\n## Phase 3: Testing')],
  ['open a fence that swallows the rest', (t: string) => t.replace('## Phase 2: Development', '```\n## Phase 2: Development')],
  ['close that fence again', (t: string) => `${t}\n\`\`\`\n`],
  ['insert text right before a heading', (t: string) => t.replace('\n## Phase 4', '\nloose text\n## Phase 4')],
  ['turn a heading into text', (t: string) => t.replace('#### Subtasks', 'Subtasks')],
  ['break a heading between its hashes', (t: string) => t.replace('#### Subtasks', '##x## Subtasks')],
  ['type at the end of a heading line', (t: string) => t.replace('#### Subtasks\n', '#### Subtasks and more\n')],
  ['join a heading with the line after it', (t: string) => t.replace('#### Subtasks\n', '#### Subtasks')],
  ['type at the start of the line after a heading', (t: string) => t.replace('#### Subtasks\n', '#### Subtasks\n## Phase 9: Sneaky\n')],
  ['add lines at the top', (t: string) => `---\nepic: X-1\n---\n${t}`],
  ['append at the end', (t: string) => `${t}\n### US-100: Tail\n\n**SP**: 1\n`],
  ['delete everything', () => ''],
  ['CRLF everywhere', (t: string) => t.replace(/\n/g, '\r\n')],
])('%s: equals a fresh parse', (_name, change) => {
  for (const base of [seed, rollout]) {
    const previous = parseEpic(base);
    const text = change(base);
    expect(view(parseEpic(text, previous))).toEqual(view(parseEpic(text)));
  }
});

test('a chain of edits stays equal to fresh parses', () => {
  let previous = parseEpic(seed);
  let text = seed;
  for (let i = 0; i < 40; i += 1) {
    const at = (i * 977) % text.length;
    text = i % 3 === 2 ? edit(text, at, Math.min(text.length, at + 7), '') : edit(text, at, at, i % 2 === 0 ? '#' : '\n### US-9: x\n');
    previous = parseEpic(text, previous);
    expect(view(previous)).toEqual(view(parseEpic(text)));
  }
});

test('stories before an edit are reused as the same objects; stories after it are moved', () => {
  const previous = parseEpic(seed);
  const at = seed.indexOf('Audit raw queries');
  const next = parseEpic(edit(seed, at, at, 'x'), previous);
  const [before, , edited, after] = [0, 1, 2, 3].map((i) => next.epic.stories[i]);
  expect(before).toBe(previous.epic.stories[0]);
  expect(edited).not.toBe(previous.epic.stories[2]);
  expect(after?.headerRange.from).toBe((previous.epic.stories[3]?.headerRange.from ?? 0) + 1);
});

test('a moved story reads like a built one: ranges shifted once, points field one of its fields, moved again from its base', () => {
  const previous = parseEpic(seed);
  const next = parseEpic(`\n\n${seed}`, previous);
  const fresh = parseEpic(`\n\n${seed}`);
  const moved = next.epic.stories[0];
  const built = fresh.epic.stories[0];
  if (moved === undefined || built === undefined) throw new Error('the seed has stories');
  expect(moved).not.toBe(previous.epic.stories[0]);
  expect(moved.headerRange).toEqual(built.headerRange);
  expect(moved.headerRange).toBe(moved.headerRange);
  expect(moved.subtasks).toBe(moved.subtasks);
  expect(moved.subtasks[0]?.cells.name).toEqual(built.subtasks[0]?.cells.name);
  expect(moved.pointsField).not.toBeNull();
  expect(moved.fields).toContain(moved.pointsField);
  expect(moved).toMatchObject({ id: built.id, status: built.status, storyPoints: built.storyPoints, range: built.range });
  expect(JSON.stringify(moved)).toBe(JSON.stringify(built));
  // Moved twice: shifted from the story as built, not from the first move.
  const again = parseEpic(`\n\n\n${seed}`, next).epic.stories[0];
  expect(again?.headerRange).toEqual(parseEpic(`\n\n\n${seed}`).epic.stories[0]?.headerRange);
  expect(JSON.stringify(again)).toBe(JSON.stringify(parseEpic(`\n\n\n${seed}`).epic.stories[0]));
});

test('messages that name lines stay true after lines are added above their story (a duplicate subtask number, markdown capped)', () => {
  // Found by the editor's marks property test: a moved story kept "first on line 34" from before the move.
  const note = [
    '# Epic', '', '## Phase 1: Build', '', '### US-001: First', '', '**Story Points:** 3', '',
    '### US-002: Second', '', '**Story Points:** 2', '', '#### Description', '', `${'- '.repeat(40)}deep`, '',
    '#### Subtasks', '', '| # | Subtask | Status |', '|---|---|---|', '| 1 | A | ✅ Done |', '| 1 | B | ✅ Done |', '',
  ].join('\n');
  const previous = parseEpic(note);
  const codes = previous.diagnostics.map((d) => d.code);
  expect(codes).toEqual(expect.arrayContaining(['duplicate-subtask-number', 'markdown-capped']));
  for (const added of ['> **Issue:** [PROJ-7](https://tracker.invalid/browse/PROJ-7)\n', 'a\nb\nc\n']) {
    const text = note.replace('### US-001: First\n', `### US-001: First\n${added}`);
    expect(view(parseEpic(text, previous))).toEqual(view(parseEpic(text)));
  }
});

test('a story id typed into another one is reported as a duplicate, and no longer when typed back (the kept id set)', () => {
  const first = parseEpic(seed);
  expect(first.diagnostics.filter((d) => d.code === 'duplicate-story-id')).toEqual([]);
  // Typing inside a story keeps the ids: the next re-parses start from a result that kept the set.
  const typed = parseEpic(edit(seed, seed.indexOf('Audit raw queries') + 3, seed.indexOf('Audit raw queries') + 3, 'x'), first);
  const duplicated = parseEpic(typed.text.replace('US-004: Schema Migrations', 'US-003: Schema Migrations'), typed);
  expect(view(duplicated)).toEqual(view(parseEpic(duplicated.text)));
  expect(duplicated.diagnostics.filter((d) => d.code === 'duplicate-story-id')).toHaveLength(1);
  const back = parseEpic(duplicated.text.replace('US-003: Schema Migrations', 'US-004: Schema Migrations'), duplicated);
  expect(view(back)).toEqual(view(parseEpic(back.text)));
  expect(back.diagnostics.filter((d) => d.code === 'duplicate-story-id')).toEqual([]);
  // Two ids swapped in one edit: the same ids, still all different.
  const swapped = parseEpic(back.text.replace('US-004: Schema Migrations', 'US-00X: Schema Migrations').replace('US-003:', 'US-004:').replace('US-00X:', 'US-003:'), back);
  expect(view(swapped)).toEqual(view(parseEpic(swapped.text)));
});

test('a re-parse tells which stories it kept: the ones before the edit as they were, the ones after it moved', () => {
  const first = parseEpic(seed);
  const at = seed.indexOf('Audit raw queries') + 3;
  const typed = parseEpic(edit(seed, at, at, 'xy'), first, { from: at, toA: at, toB: at + 2 });
  const kept = typed[PARSE_CACHE]?.kept;
  expect(kept?.from).toBe(first[PARSE_CACHE]?.groups);
  const olds = first.epic.stories;
  const news = typed.epic.stories;
  const edited = news.findIndex((story) => story.range.from <= at && story.range.to >= at);
  expect(kept?.head).toBe(edited);
  expect(kept?.tail).toBe(news.length - edited - 1);
  expect(kept?.offset).toBe(2);
  for (let k = 0; k < edited; k += 1) expect(news[k]).toBe(olds[k]);
  for (let k = edited + 1; k < news.length; k += 1) expect(news[k]?.range.from).toBe((olds[k]?.range.from ?? 0) + 2);
  // A fresh parse kept nothing; a story header typed in changes what follows it.
  expect(first[PARSE_CACHE]?.kept).toMatchObject({ from: null, head: 0, tail: 0 });
  const header = parseEpic(edit(typed.text, at, at, '\n### US-777: Split\n'), typed);
  expect(header[PARSE_CACHE]?.kept.head).toBe(edited);
  expect(header.epic.stories.length).toBe(news.length + 1);
  expect(header[PARSE_CACHE]?.kept.tail).toBe(news.length - edited - 1);
});
