/**
 * Property tests over user text: random strings, line soups of note fragments, and mutations of
 * the examples. The parser never throws, every range is inside the note with line numbers that
 * match its offsets, and a re-parse with `previous` after an edit equals a fresh parse.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { ParseResult } from '../../src/model';
import { parseEpic } from '../../src/model';
import { comparable } from './comparable';

const examples = ['postgres-to-crdb.md', 'search-rollout.md'].map((name) => readFileSync(join(__dirname, '..', '..', 'examples', name), 'utf8'));

const FRAGMENTS = [
  '# 🔄 Epic: Title', '> **Epic: tagline**', '## Epic Summary', '| Field | Value |', '|-------|-------|', '| **Status** | 🔄 In Progress |',
  '## Phase 1: Preparation', '## Phase: X', '### 🔧 US-001: Story', '### us-2: lower', '#### #42: hash', '### FEAT_3:', '### BUG-1',
  '| **Story Points** | 5 |', '| **Story Points** | TBD |', '**Story Points**: 3  **Priority**: High  **Status**: Planned', '> **Status**: Done',
  'Status:: Blocked', '#### Description', '**As a** user', '**I want** x **So that** y', '#### Acceptance Criteria', '- [ ] open', '  - [x] nested', '* [X] star',
  '#### Subtasks', '| # | Subtask | Description | SP | Status |', '|---|---------|-------------|:--:|--------|', '| 1 | Do | it | 1 | ✅ Done |', '| x | | | abc | Hmm |',
  '- [x] Name (2 SP)', '#### Comments', '> **@dana** (2026-11-20):', '> [!comment] @eli (2026-01-01)', '#### Links', '- blocks PROJ-9', '- depends on [[US-004]]',
  '#### Related Commits', '| `abc` | msg |', '> **Issue:** [P-1](https://x.test) · **Synced:** now', '```', '~~~', '````md', '---', '', '', '   ### indented', '    ### code',
  '## Risks & Mitigations', '| Risk | Impact |', 'text', '\u0000', '\uD800', '✔️ ☑ ⏸', '\r',
];

const lineSoup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol)));
const junk = fc.string({ unit: fc.constantFrom('\u0000', '\uD83D', '\uDE00', '\r', '\n', '|', '#', '`', '~', '>', '*', '-', ' ', 'a', '✅', '[', ']', ':') , maxLength: 200 });
const anyText = fc.oneof(fc.string({ maxLength: 300, unit: 'binary' }), junk, lineSoup);

/** An edit of a text: replace `[from, to)` (fractions of its length) with some text. */
const editArb = fc.record({ from: fc.double({ min: 0, max: 1, noNaN: true }), span: fc.double({ min: 0, max: 0.2, noNaN: true }), insert: fc.oneof(junk, lineSoup, fc.constantFrom('', 'x', '\n', '### US-9: new\n', '```\n')) });

function applyEdit(text: string, e: { from: number; span: number; insert: string }): string {
  const from = Math.floor(e.from * text.length);
  const to = Math.min(text.length, from + Math.floor(e.span * text.length));
  return text.slice(0, from) + e.insert + text.slice(to);
}

const mutatedExample = fc.tuple(fc.constantFrom(...examples), fc.array(editArb, { maxLength: 4 }), fc.boolean()).map(([text, edits, crlf]) => {
  const edited = edits.reduce(applyEdit, text);
  return crlf ? edited.replace(/\n/g, '\r\n') : edited;
});

function checkRanges(result: ParseResult): void {
  // Lines as CodeMirror counts them: `\r\n`, `\n` and a lone `\r` each end one.
  const text = result.text.replace(/\r(?!\n)/g, '\n');
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  const lineOf = (offset: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.from === 'number' && typeof record.to === 'number' && typeof record.line === 'number') {
      const { from, to, line } = record as { from: number; to: number; line: number };
      if (!(from >= 0 && from <= to && to <= text.length)) throw new Error(`range out of the note: ${JSON.stringify(record)}`);
      if (line !== lineOf(from)) throw new Error(`line ${line} does not match offset ${from}`);
      if (typeof record.endLine === 'number' && record.endLine !== lineOf(Math.max(from, to - 1))) throw new Error(`endLine ${String(record.endLine)} does not match ${to}`);
    }
    for (const [key, child] of Object.entries(record)) if (key !== 'nodes') visit(child);
  };
  visit(result.epic);
  visit(result.diagnostics);
}

const view = comparable;

test('never throws; ranges inside the note; lines match offsets', () => {
  fc.assert(fc.property(fc.oneof(anyText, mutatedExample), (text) => {
    checkRanges(parseEpic(text));
  }), { numRuns: 300 });
});

test('re-parse with previous after a random edit equals a fresh parse', () => {
  fc.assert(fc.property(fc.oneof(lineSoup, mutatedExample, junk), fc.array(editArb, { minLength: 1, maxLength: 3 }), (text, edits) => {
    let previous = parseEpic(text);
    let current = text;
    for (const e of edits) {
      current = applyEdit(current, e);
      const incremental = parseEpic(current, previous);
      expect(view(incremental)).toEqual(view(parseEpic(current)));
      checkRanges(incremental);
      previous = incremental;
    }
  }), { numRuns: 200 });
});
