/**
 * issue 12 class 8: every phrase of docs/format.md's status table reads as its status, alone, with
 * its emoji and in any case; near-misses (doubtful or decorated words) are not read as any status,
 * so they are a warning on their line and never count as done.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchStatus, parseEpic } from '../../src/model';
import type { Status } from '../../src/model';

/** The rows of format.md's "Status vocabulary" table: status, emoji, words. */
function formatTable(): { status: Status; emoji: string[]; words: string[] }[] {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'format.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Status vocabulary'), doc.indexOf('## Priority vocabulary'));
  return section.split('\n').filter((line) => /^\| `/.test(line)).map((line) => {
    const [status, emoji, words] = line.split('|').slice(1, 4).map((cell) => cell.trim());
    return { status: (status ?? '').replace(/`/g, '') as Status, emoji: (emoji ?? '').split(/\s+/), words: (words ?? '').split(',').map((word) => word.trim()) };
  });
}

const table = formatTable();
const phrases = table.flatMap((row) => row.words.map((word) => [word, row.status, row.emoji[0] ?? ''] as const));

test('format.md lists the seven statuses', () => {
  expect(table.map((row) => row.status).sort()).toEqual(['blocked', 'cancelled', 'done', 'in_progress', 'in_review', 'open', 'planned']);
  expect(phrases.length).toBeGreaterThanOrEqual(30);
});

test.each(phrases)('"%s" is %s, alone, upper case, bold and with its emoji %s', (word, status, emoji) => {
  for (const text of [word, word.toUpperCase(), word.toLowerCase(), `**${word}**`, `${emoji} ${word}`, `${emoji}${word}`, ` ${word} `]) {
    expect({ text, read: matchStatus(text) }).toEqual({ text, read: { status, known: true } });
  }
});

test.each(table.flatMap((row) => row.emoji.map((emoji) => [emoji, row.status] as const)))('the emoji %s alone is %s', (emoji, status) => {
  expect(matchStatus(emoji)).toEqual({ status, known: true });
});

const NEAR_MISSES = [
  'Almost done', 'Nearly done', 'Done?', 'Not done', 'Done-ish', 'Doneish', 'Undone', 'Mostly complete', 'Incomplete', '✅ Almost done',
  'Done (pending review)', 'Done / In Progress', '📋 Planned / 🔄 In Progress / ✅ Done', 'Unresolved', 'Not closed', 'Reopen?', 'Half done',
  'Done soon', 'Should be done', 'Ready?', 'In progress?', 'Progressing', 'Not yet started', 'Blocked?', 'Unblocked', 'Maybe cancelled',
  'Cancelled?', 'Review pending', 'Done done', 'TBD', '???', '-', 'Finished', 'WIP', 'Done.',
];

test('there are at least 30 near-misses', () => {
  expect(NEAR_MISSES.length).toBeGreaterThanOrEqual(30);
});

test.each(NEAR_MISSES)('"%s" is no status: planned, not known', (text) => {
  expect(matchStatus(text)).toEqual({ status: 'planned', known: false });
});

test.each(['Almost done', 'Nearly done', 'Done?'])('a story with status "%s" is not done, and its line says what to write', (value) => {
  const text = `# Epic\n\n### US-001: Story\n\n| **Story Points** | 3 |\n| **Status** | ${value} |\n`;
  const result = parseEpic(text);
  expect(result.epic.stories[0]?.status).toBe('planned');
  const warning = result.diagnostics.find((diagnostic) => diagnostic.code === 'unknown-status');
  expect(warning?.line).toBe(6);
  expect(warning?.message).toContain('is not one we know (the whole value must be one status); it counts as planned, not done. Write one of Done, In Progress, In Review, Open, Planned, Blocked or Cancelled');
});

test('a subtask with a doubtful status is not done and is warned about on its row', () => {
  const text = '# Epic\n\n### US-001: Story\n\n| **Story Points** | 3 |\n\n#### Subtasks\n\n| # | Subtask | Status |\n|---|---|---|\n| 1 | A | Nearly done |\n';
  const result = parseEpic(text);
  expect(result.epic.stories[0]?.subtasks[0]?.status).toBe('planned');
  expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([['unknown-status', 11]]);
});
