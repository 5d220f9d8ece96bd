/**
 * The editor tells its parser where the note changed since the last parse (`changedSince`, from
 * its change set), so the parse need not compare the two texts: after typing, and for every slice
 * of a long note opening. The span covers every edit, and the parse it gives equals a fresh one.
 */
import { ChangeSet, EditorState } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import fc from 'fast-check';
import { parseEpic, type ParseResult, type TextChange } from '../../src/model';
import { flushEpicParse } from '../../src/editor';
import { changedSince, currentText, EAGER_PARSE_LIMIT, epicField, setEpicParse } from '../../src/editor/epic-field';
import { comparable } from '../model/comparable';
import { DEMO_NOTE, mountEditor } from './helpers';

const views: EditorView[] = [];
afterEach(() => {
  for (const view of views.splice(0)) view.destroy();
  jest.useRealTimers();
});

/** True when `text` equals `before` outside the span (as `TextChange` promises). */
function covers(change: TextChange, before: string, text: string): boolean {
  return text.length - change.toB === before.length - change.toA
    && text.slice(0, change.from) === before.slice(0, change.from)
    && text.slice(change.toB) === before.slice(change.toA);
}

const editArb = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  span: fc.nat({ max: 40 }),
  insert: fc.constantFrom('', 'x', '\n', '### US-9: new\n', '| **Status** | ✅ Done |', '#', '```\n', '## Phase 9: Late\n'),
});

test('after random edits, the span told covers them and the parse it gives equals a fresh parse', () => {
  fc.assert(fc.property(fc.array(fc.array(editArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), (transactions) => {
    const parsed = parseEpic(DEMO_NOTE);
    let state = EditorState.create({ doc: DEMO_NOTE, extensions: [epicField] });
    state = state.update({ effects: setEpicParse.of(parsed) }).state;
    for (const edits of transactions) {
      const length = state.doc.length;
      // One transaction of non-overlapping changes, in document order.
      const specs = edits.map((e) => Math.floor(e.at * length)).sort((a, b) => a - b).map((from, i, all) => {
        const to = Math.min(length, from + (edits[i]?.span ?? 0), all[i + 1] ?? length);
        return { from, to, insert: edits[i]?.insert ?? '' };
      });
      state = state.update({ changes: ChangeSet.of(specs, length) }).state;
    }
    const field = state.field(epicField);
    const text = currentText(field, state.doc);
    const change = changedSince(field, state.doc);
    expect(change).toBeDefined();
    if (change === undefined) return;
    expect(covers(change, parsed.text, text)).toBe(true);
    expect(comparable(parseEpic(text, parsed, change))).toEqual(comparable(parseEpic(text)));
  }), { numRuns: 40 });
});

test('the re-parse after typing is told the typed span', () => {
  jest.useFakeTimers();
  const told: (TextChange | undefined)[] = [];
  const view = mountEditor({ text: DEMO_NOTE, onParsed: (_result, _partial, change) => told.push(change) });
  views.push(view);
  const at = DEMO_NOTE.indexOf('Done story') + 3;
  view.dispatch({ changes: { from: at, insert: 'xy' } });
  view.dispatch({ changes: { from: at + 2, insert: 'z' } });
  flushEpicParse(view);
  expect(told.at(-1)).toEqual({ from: at, toA: at, toB: at + 3 });
});

test('each slice of a long note opening is told what it appends, or from the first edit on', () => {
  jest.useFakeTimers();
  const parses: { result: ParseResult; change: TextChange | undefined }[] = [];
  const filler = Array.from({ length: Math.ceil(EAGER_PARSE_LIMIT / 1000) }, (_, i) => `\n## Notes ${String(i)}\n\n${'Lorem ipsum dolor sit amet. '.repeat(40)}\n`).join('');
  const text = DEMO_NOTE + filler;
  const view = mountEditor({ text, onParsed: (result, _partial, change) => parses.push({ result, change }) });
  views.push(view);
  jest.advanceTimersToNextTimer();
  jest.advanceTimersToNextTimer();
  // An edit in the part already parsed: the next slice re-parses from there.
  const edit = DEMO_NOTE.indexOf('Planned story');
  view.dispatch({ changes: { from: edit, insert: 'x' } });
  jest.runAllTimers();
  expect(parses.length).toBeGreaterThanOrEqual(3);
  expect(parses[0]?.change).toBeUndefined();
  let edited = false;
  for (let i = 1; i < parses.length; i += 1) {
    const before = parses[i - 1]?.result.text ?? '';
    const after = parses[i]?.result.text ?? '';
    const change = parses[i]?.change;
    expect(change).toBeDefined();
    if (change === undefined) continue;
    expect(covers(change, before, after)).toBe(true);
    if (!edited && change.from <= edit) edited = true;
    else expect(change).toEqual({ from: before.length, toA: before.length, toB: after.length });
  }
  expect(edited).toBe(true);
  expect(parses.at(-1)?.result.text).toBe(view.state.doc.toString());
  expect(comparable(parses.at(-1)?.result ?? parseEpic(''))).toEqual(comparable(parseEpic(view.state.doc.toString())));
});
