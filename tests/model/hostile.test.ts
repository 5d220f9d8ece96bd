/**
 * Hostile note text (issue 11, items 5 and 9): the parser's work is bounded per section with a
 * diagnostic naming what was not read, the note's other parts are still read, normal notes are
 * untouched by the bounds, and an Issue line's link is kept only when it is http(s).
 * Speed itself is measured by `npm run bench` (bench/hostile.bench.ts), never asserted here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseEpic } from '../../src/model';
import { splitSections } from '../../src/model/line-pass';
import { MAX_MARKS, MAX_NESTING, SECTION_BUDGET, boundSection } from '../../src/model/parse-bounds';
import { comparable } from './comparable';

/** Heavy notes: a generous limit for a busy machine (the work itself is linear and small). */
const HEAVY = 120_000;

const before = '# Epic\n\n## Phase 1: Build\n\n### US-001: Hostile\n\n**Story Points:** 3\n**Status:** ✅ Done\n\n#### Description\n\n';
const after = '\n\n### US-002: Normal\n\n**Story Points:** 5\n**Status:** 🔄 In Progress\n\n#### Acceptance Criteria\n\n- [x] kept\n- [ ] read\n';
const noteWith = (body: string): string => `${before}${body}${after}`;
const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

/** The story after the hostile one is read in full. */
function expectNormalPartsRead(text: string): void {
  const { epic } = parseEpic(text);
  expect(epic.stories.map((s) => [s.id, s.phase, s.storyPoints, s.status])).toEqual([['US-001', 'Build', 3, 'done'], ['US-002', 'Build', 5, 'in_progress']]);
  expect(epic.stories[1]?.acceptanceCriteria.map((c) => [c.text, c.done])).toEqual([['kept', true], ['read', false]]);
}

describe('nesting on one line', () => {
  test.each([
    ['bullets', `${'- '.repeat(8000)}x`],
    ['ordered', `${'1. '.repeat(5000)}x`],
    ['quotes', `${'> '.repeat(20000)}x`],
  ])('8,000-deep %s: capped with a diagnostic on that line, everything else read', (_name, body) => {
    const text = noteWith(body);
    const capped = parseEpic(text).diagnostics.filter((d) => d.code === 'markdown-capped');
    expect(capped).toHaveLength(1);
    expect(capped[0]).toMatchObject({ severity: 'warning', storyId: 'US-001', line: lineOf(text, body.slice(0, 20)) });
    expect(capped[0]?.message).toContain(`More than ${MAX_NESTING} lists or quotes nested on one line (line ${lineOf(text, body.slice(0, 20))})`);
    expectNormalPartsRead(text);
  }, HEAVY);

  test('a thematic break of many markers is not a container run', () => {
    const text = noteWith(`${'- '.repeat(100)}\n\ntext`);
    expect(parseEpic(text).diagnostics.filter((d) => d.code === 'markdown-capped')).toEqual([]);
  });
});

describe('marks in one paragraph', () => {
  test.each([
    ['strong', '**a'.repeat(20000), 'line 12'],
    ['strikethrough', '~~a'.repeat(20000), 'line 12'],
    ['links', '[a]('.repeat(10000), 'line 12'],
    ['over many lines', '*a*a*a*a*a\n'.repeat(2000), 'lines 12–2011'],
  ])('%s: marks past the cap are text, with a diagnostic naming the paragraph', (_name, body, where) => {
    const text = noteWith(body);
    const capped = parseEpic(text).diagnostics.filter((d) => d.code === 'markdown-capped');
    expect(capped).toHaveLength(1);
    expect(capped[0]?.message).toContain(`More than ${MAX_MARKS.toLocaleString('en-US')} emphasis or link marks in one paragraph (${where}); the marks past that are read as plain text.`);
    expectNormalPartsRead(text);
  }, HEAVY);

  test('marks in separate list items, table rows and paragraphs are counted apart', () => {
    const rows = Array.from({ length: 400 }, (_, i) => `| ${i} | **Do** [it](https://x.test/${i}) | 1 | ✅ Done |`).join('\n');
    const items = Array.from({ length: 400 }, (_, i) => `- **item** ${i} _x_`).join('\n');
    const text = noteWith(`${items}\n\n#### Subtasks\n\n| # | Subtask | SP | Status |\n|---|---|---|---|\n${rows}`);
    const result = parseEpic(text);
    expect(result.diagnostics.filter((d) => d.code === 'markdown-capped' || d.code === 'section-not-parsed')).toEqual([]);
    expect(result.epic.stories[0]?.subtasks).toHaveLength(400);
    expect(result.epic.stories[0]?.description?.markdown.split('\n')).toHaveLength(400);
  }, HEAVY);
});

describe('the budget per section', () => {
  test('a 1 MB subtask table: its section is reported, not parsed; the rest of the note is read', () => {
    const rows = Array.from({ length: 20000 }, (_, i) => `| ${i} | Subtask ${i} | Do part ${i} of it | 1 | ✅ Done |`).join('\n');
    const table = `| # | Subtask | Description | SP | Status |\n|---|---|---|---|---|\n${rows}`;
    expect(table.length).toBeGreaterThan(1_000_000);
    const text = `${before}Short.\n\n#### Subtasks\n\n${table}${after}`;
    const result = parseEpic(text);
    const skipped = result.diagnostics.filter((d) => d.code === 'section-not-parsed');
    const first = lineOf(text, '| # | Subtask');
    const last = text.slice(0, text.indexOf(after)).split('\n').length;
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ severity: 'warning', storyId: 'US-001', line: first });
    expect(skipped[0]?.message).toBe(`US-001: Lines ${first}–${last} are not read: it is ${(table.length + '#### Subtasks\n\n'.length + 2).toLocaleString('en-US')} characters long, over the ${SECTION_BUDGET.toLocaleString('en-US')} steps one section may cost; split it under more headings.`);
    // The story keeps its header, fields and description; only the table is not read.
    expect(result.epic.stories[0]?.subtasks).toEqual([]);
    expect(result.epic.stories[0]?.description?.markdown).toBe('Short.');
    expectNormalPartsRead(text);
  }, HEAVY);

  test('lists nested by indentation: the section is reported with its depth', () => {
    const body = Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');
    const text = noteWith(body);
    const skipped = parseEpic(text).diagnostics.filter((d) => d.code === 'section-not-parsed');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.message).toMatch(/its lists are nested up to \d{3} deep by indentation/);
    expectNormalPartsRead(text);
  }, HEAVY);

  test('the result does not depend on the clock: two parses and an incremental one agree', () => {
    const text = noteWith(`${'> '.repeat(5000)}x\n\n${'**a'.repeat(3000)}`);
    const fresh = parseEpic(text);
    expect(comparable(parseEpic(text))).toEqual(comparable(fresh));
    const edited = text.replace('Normal', 'Normal!');
    expect(comparable(parseEpic(edited, fresh))).toEqual(comparable(parseEpic(edited)));
  }, HEAVY);
});

describe('normal notes', () => {
  const notes = [
    ...['postgres-to-crdb.md', 'search-rollout.md'].map((name) => readFileSync(join(__dirname, '..', '..', 'examples', name), 'utf8')),
    ...readdirSync(join(__dirname, '..', 'fixtures')).filter((name) => name.endsWith('.md')).map((name) => readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8')),
  ];

  test('every section of the examples and fixtures reaches micromark unchanged', () => {
    for (const note of notes) {
      for (const slice of splitSections(note).slices) {
        const text = note.slice(slice.from, slice.to);
        const bounds = boundSection(text, 0);
        expect(bounds).toEqual({ text, nesting: [], marks: [], overBudget: null });
      }
    }
  });

  test('a capped text keeps its length, so every offset still indexes the note', () => {
    const unit = fc.constantFrom('- ', '> ', '1. ', '*', '_', '~', '[', ']', '(', 'a', ' ', '\n', '  ', '```', '|');
    fc.assert(fc.property(fc.array(unit, { maxLength: 3000 }), (parts) => {
      const text = parts.join('');
      const bounds = boundSection(text, 0);
      if (bounds.overBudget === null) expect(bounds.text.length).toBe(text.length);
      else expect(bounds.text).toBe('');
    }), { numRuns: 200 });
  }, HEAVY);
});

describe('the Issue line link', () => {
  const noteLinking = (url: string): string => `# E\n\n### US-1: t\n> **Issue:** [P-7](${url}) · **Synced:** 2026-11-24 09:44 UTC\n\n**SP**: 1\n`;

  test.each(['javascript:alert(document.cookie)', 'JavaScript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', '//evil.test/x', 'vbscript:x'])(
    '%s: the key is kept, the link is not, with a warning',
    (url) => {
      const result = parseEpic(noteLinking(url));
      const story = result.epic.stories[0];
      expect(story?.issueKey).toBe('P-7');
      expect(story?.issueLine?.url).toBeNull();
      const warned = result.diagnostics.filter((d) => d.code === 'unsafe-issue-link');
      expect(warned).toHaveLength(1);
      expect(warned[0]).toMatchObject({ severity: 'warning', storyId: 'US-1', line: 4 });
      expect(warned[0]?.message).toContain('is not an http(s) address; it is not linked');
    },
  );

  test('http and https links are kept as written', () => {
    for (const url of ['https://x.test/browse/P-7', 'HTTP://x.test/browse/P-7']) {
      const result = parseEpic(noteLinking(url));
      expect(result.epic.stories[0]?.issueLine?.url).toBe(url);
      expect(result.diagnostics.filter((d) => d.code === 'unsafe-issue-link')).toEqual([]);
    }
  });

  test('whatever the note writes, a kept link is an absolute http(s) address', () => {
    fc.assert(fc.property(fc.oneof(fc.webUrl(), fc.string({ maxLength: 40 }).map((s) => s.replace(/[()\s\]]/g, ''))), (url) => {
      const kept = parseEpic(noteLinking(url)).epic.stories[0]?.issueLine?.url ?? null;
      if (kept !== null) expect(kept).toMatch(/^https?:\/\/\S+$/i);
    }), { numRuns: 300 });
  });
});
