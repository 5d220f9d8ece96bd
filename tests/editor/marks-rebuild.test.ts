/**
 * Re-decoration in proportion to the edit: after a re-parse the state field maps the marks of the
 * previous parse through the edits and rebuilds only the edited stories' marks (and the diagnostics
 * there). Checked against a from-scratch build after random edits, and by object identity: the
 * marks of untouched stories are the very same objects.
 */
import { EditorState } from '@codemirror/state';
import fc from 'fast-check';
import { epicField, epicMarksBetween, setEpicParse, type EpicEditorState } from '../../src/editor/epic-field';
import { compactEpicMarks, type EpicMark } from '../../src/editor/marks';
import { parseEpic } from '../../src/model';
import { generateEpicNote, storyId } from '../e2e/generate-note';

// 80 random edit sequences per note, each re-parsed and re-decorated several times: about 5 s on a
// quiet 2-core machine and several times that when it is busy, past the unit tests' 20 s default.
jest.setTimeout(120_000);
import { DEMO_NOTE, offsetOf } from './helpers';

/** Every mark of the field at its current position, with its whole spec, in document order. */
function marksOf(value: EpicEditorState, length: number): string[] {
  const out: string[] = [];
  epicMarksBetween(value, 0, length, (from, to, mark) => { out.push(`${String(from)}-${String(to)} ${JSON.stringify(mark.spec)}`); });
  return out.sort();
}

function parsed(text: string): EditorState {
  const created = EditorState.create({ doc: text, extensions: [epicField] });
  return created.field(epicField).stale ? created.update({ effects: setEpicParse.of(parseEpic(text)) }).state : created;
}

/** The editor's re-parse: the current text, incrementally from the field's last parse. */
function reparse(state: EditorState): EditorState {
  const field = state.field(epicField);
  return state.update({ effects: setEpicParse.of(parseEpic(state.doc.toString(), field.result ?? undefined)) }).state;
}

// Pieces that change the structure: story headers (also a duplicate id), phase and section
// headings, statuses, subtask rows, issue lines, story separators, and plain characters.
const PIECES = [
  'x', ' ', '\n', '#', '|', '-', '\n\n',
  '\n### 🔧 US-0002: A duplicate\n',
  '\n### 📋 US-0099: New story\n\n| **Status** | ✅ Done |\n',
  '\n## Phase 9: Late\n',
  '\n#### Subtasks\n\n| # | Subtask | Status |\n|---|---|---|\n| 1 | A | ✅ Done |\n',
  '| **Status** | 🔄 In Progress |\n',
  '| **Story Points** | 13 |\n',
  '> **Issue:** [PROJ-7](https://tracker.invalid/browse/PROJ-7)\n',
  '\n---\n',
  '✅ Done',
  '```\n',
];

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat(60),
  insert: fc.oneof(fc.constantFrom(...PIECES), fc.stringMatching(/^[a-z #|:\n-]{0,8}$/)),
});

describe('marks after a re-parse equal a fresh build', () => {
  for (const [name, note] of [['generated', generateEpicNote(4)], ['demo', DEMO_NOTE]] as const) {
    test(`random edits, re-parsed now and then (${name} note)`, () => {
      fc.assert(fc.property(fc.array(fc.array(edit, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rounds) => {
        let state = parsed(note);
        for (const round of rounds) {
          for (const e of round) {
            const length = state.doc.length;
            const from = Math.min(length, Math.floor(e.at * length));
            const to = Math.min(length, from + e.remove);
            state = state.update({ changes: { from, to, insert: e.insert } }).state;
          }
          state = reparse(state);
          const text = state.doc.toString();
          expect(marksOf(state.field(epicField), text.length)).toEqual(marksOf(parsed(text).field(epicField), text.length));
        }
      }), { numRuns: 80 });
    }, 90_000);
  }
});

describe('an edit that changes how far-away text reads', () => {
  // Found by the property above (seed -1314513872): `---` typed at the top opened frontmatter over
  // the first story, whose marks were kept although it was no story any more.
  for (const [name, at, insert] of [
    ['`---` typed at the top opens frontmatter over the first stories', 0, '---\n'],
    ['a fence opened in the first story swallows the stories after it', -1, '\n```\n'],
  ] as const) {
    test(name, () => {
      const note = generateEpicNote(4);
      let state = parsed(note);
      const pos = at >= 0 ? at : note.indexOf('\n', note.indexOf(`### `)) ;
      state = reparse(state.update({ changes: { from: pos, insert } }).state);
      const text = state.doc.toString();
      expect(marksOf(state.field(epicField), text.length)).toEqual(marksOf(parsed(text).field(epicField), text.length));
    });
  }
});

describe('only the edited story gets new marks', () => {
  const text = generateEpicNote(300);

  function marksById(state: EditorState): Map<string, EpicMark[]> {
    const value = state.field(epicField);
    const out = new Map<string, EpicMark[]>();
    for (const story of value.result?.epic.stories ?? []) {
      const marks: EpicMark[] = [];
      epicMarksBetween(value, story.range.from, story.range.to, (from, _to, mark) => {
        if (from >= story.range.from && mark.spec.kind !== 'totals') marks.push(mark);
      });
      out.set(story.id, marks);
    }
    return out;
  }

  test('typing in one story keeps every other story\'s mark objects', () => {
    const before = parsed(text);
    const at = offsetOf(text, '| **Status** |', offsetOf(text, `### 🔧 ${storyId(150)}:`)) + '| **Status** | '.length;
    const after = reparse(before.update({ changes: { from: at, to: at + 1, insert: '✅ Done x' } }).state);
    const old = marksById(before);
    const now = marksById(after);
    let kept = 0;
    for (const [id, marks] of now) {
      const same = marks.every((mark, i) => mark === old.get(id)?.[i]);
      if (id === storyId(150)) expect(same).toBe(false);
      else if (same) kept += 1;
    }
    expect(kept).toBe(299);
  });
});

describe('a note parsed in slices', () => {
  /** Every mark of a range set with its place, in set order. */
  function placesOf(set: import('@codemirror/state').RangeSet<EpicMark>): [number, number, EpicMark][] {
    const out: [number, number, EpicMark][] = [];
    set.between(0, 1e9, (from, to, mark) => { out.push([from, to, mark]); });
    return out;
  }

  test('ends with the marks of a fresh parse, its range set packed again with the same mark objects', () => {
    const text = generateEpicNote(60);
    let state = EditorState.create({ doc: text, extensions: [epicField] });
    const at = (n: number): number => { const h = text.indexOf('\n## ', n); return h === -1 ? text.length : h + 1; };
    for (let end = at(1500); ; end = at(end + 1500)) {
      const field = state.field(epicField);
      const result = parseEpic(text.slice(0, end), field.result ?? undefined);
      state = state.update({ effects: setEpicParse.of(result) }).state;
      if (end >= text.length) break;
      expect(state.field(epicField).partial).toBe(true);
    }
    const field = state.field(epicField);
    expect(field.partial).toBe(false);
    expect(marksOf(field, text.length)).toEqual(marksOf(parsed(text).field(epicField), text.length));
    // The same mark objects at the same places (marks at one place may come in another order).
    const packed = placesOf(compactEpicMarks(field.parsedMarks).local);
    const before = new Map(placesOf(field.parsedMarks.local).map(([from, to, mark]) => [mark, `${String(from)}-${String(to)}`]));
    expect(packed).toHaveLength(before.size);
    for (const [from, to, mark] of packed) expect(before.get(mark)).toBe(`${String(from)}-${String(to)}`);
  });
});
