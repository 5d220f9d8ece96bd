/**
 * `parseEpic(text, previous, change)`: a re-parse told where the text changed (as the editor knows
 * it from its change set) equals a fresh parse, for the exact span and for any wider one, and a
 * span that does not fit the two texts is ignored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseEpic, type TextChange } from '../../src/model';
import { comparable } from './comparable';

const examples = ['postgres-to-crdb.md', 'search-rollout.md'].map((name) => readFileSync(join(__dirname, '..', '..', 'examples', name), 'utf8'));

const insertArb = fc.oneof(
  fc.constantFrom('', 'x', '\n', '\r', '\r\n', '### US-9: new\n', '## Phase 7: Late\n', '```\n', '| **Status** | ✅ Done |\n', '#'),
  fc.string({ unit: fc.constantFrom('\n', '\r', '#', ' ', 'a', '|', '`', '-', '✅'), maxLength: 30 }),
);

/** A replacement of `[from, to)` (fractions of the text's length), and how much wider the span told is. */
const editArb = fc.record({
  from: fc.double({ min: 0, max: 1, noNaN: true }),
  span: fc.double({ min: 0, max: 0.1, noNaN: true }),
  insert: insertArb,
  widenBefore: fc.nat({ max: 300 }),
  widenAfter: fc.nat({ max: 300 }),
});

test('a re-parse told the changed span (exact or wider) equals a fresh parse', () => {
  fc.assert(fc.property(fc.constantFrom(...examples), fc.boolean(), fc.array(editArb, { minLength: 1, maxLength: 4 }), (base, crlf, edits) => {
    let text = crlf ? base.replace(/\n/g, '\r\n') : base;
    let previous = parseEpic(text);
    for (const e of edits) {
      const from = Math.floor(e.from * text.length);
      const to = Math.min(text.length, from + Math.floor(e.span * text.length));
      const next = text.slice(0, from) + e.insert + text.slice(to);
      // Widened on both sides, as far as both texts allow.
      const before = Math.min(e.widenBefore, from);
      const after = Math.min(e.widenAfter, text.length - to);
      const change: TextChange = { from: from - before, toA: to + after, toB: from + e.insert.length + after };
      const incremental = parseEpic(next, previous, change);
      expect(comparable(incremental)).toEqual(comparable(parseEpic(next)));
      previous = incremental;
      text = next;
    }
  }), { numRuns: 60 });
});

test('appending slices of a note, each told it was appended, ends equal to a fresh parse', () => {
  const text = examples[0] ?? '';
  let previous = parseEpic(text.slice(0, 500));
  for (let end = 1500; end < text.length + 1000; end += 1000) {
    const upTo = Math.min(end, text.length);
    const length = previous.text.length;
    previous = parseEpic(text.slice(0, upTo), previous, { from: length, toA: length, toB: upTo });
    expect(comparable(previous)).toEqual(comparable(parseEpic(text.slice(0, upTo))));
  }
});

test('a line break typed after a lone CR (one before the span) re-parses like a fresh parse', () => {
  const text = `${examples[0] ?? ''}`.replace('#### Subtasks\n', '#### Subtasks\r');
  const at = text.indexOf('#### Subtasks\r') + '#### Subtasks\r'.length;
  const previous = parseEpic(text);
  const next = `${text.slice(0, at)}\n${text.slice(at)}`;
  expect(comparable(parseEpic(next, previous, { from: at, toA: at, toB: at + 1 }))).toEqual(comparable(parseEpic(next)));
});

test('a line feed deleted after a CR (the CR stays, one before the span) re-parses like a fresh parse', () => {
  // The previous text reads the same with line feeds only; the lone CR the deletion leaves is
  // outside the span told, just before it.
  const text = `${examples[0] ?? ''}`.replace('#### Subtasks\n\n', '#### Subtasks\r\n\n');
  const at = text.indexOf('#### Subtasks\r\n\n') + '#### Subtasks\r'.length;
  const previous = parseEpic(text);
  // `\r\n\n|` becomes `\r|`: the CR alone now ends the heading line.
  const next = `${text.slice(0, at)}${text.slice(at + 2)}`;
  expect(comparable(parseEpic(next, previous, { from: at, toA: at + 2, toB: at }))).toEqual(comparable(parseEpic(next)));
});

test('a CR typed into a note of line feeds only, told the span, re-parses like a fresh parse', () => {
  const text = examples[0] ?? '';
  const at = text.indexOf('#### Subtasks\n') + '#### Subtasks'.length;
  const previous = parseEpic(text);
  const next = `${text.slice(0, at)}\r${text.slice(at + 1)}`;
  expect(comparable(parseEpic(next, previous, { from: at, toA: at + 1, toB: at + 1 }))).toEqual(comparable(parseEpic(next)));
});

test('a span that does not fit the two texts is ignored: the texts are compared', () => {
  const text = examples[0] ?? '';
  const previous = parseEpic(text);
  const at = text.indexOf('| **Status** | 📋 Planned |');
  const next = text.replace('| **Status** | 📋 Planned |', '| **Status** | ✅ Done |');
  const delta = next.length - text.length;
  // Told the change is at the end (lengths off by one): a wrong span must not be trusted.
  for (const wrong of [{ from: text.length, toA: text.length, toB: text.length + delta + 1 }, { from: at + 5, toA: at + 4, toB: at + 4 + delta }, { from: -1, toA: 0, toB: delta }]) {
    expect(comparable(parseEpic(next, previous, wrong))).toEqual(comparable(parseEpic(next)));
  }
});
