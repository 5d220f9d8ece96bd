/**
 * The decoration builder as a pure function over EditorState (jsdom lays out only ~36 lines, so
 * long notes are checked here), and the mapping of marks through edits between parses.
 */
import { EditorState } from '@codemirror/state';
import type { Decoration, DecorationSet } from '@codemirror/view';
import fc from 'fast-check';
import { editorLivePreviewField } from 'obsidian';
import { buildEpicDecorations, issueHref, type DecorationContext } from '../../src/editor/decorations';
import { epicField, epicMarkCount, epicMarksBetween, setEpicParse } from '../../src/editor/epic-field';
import { parseEpic } from '../../src/model';
import { IssueChipWidget } from '../../src/editor/widgets';
import { generateEpicNote, storyId } from '../e2e/generate-note';
import { DEMO_NOTE, offsetOf } from './helpers';

const LIVE: DecorationContext = { livePreview: true, display: { livePreview: true, sourceMode: true }, browseUrl: null };

function stateOf(text: string, cursor = 0): EditorState {
  const created = EditorState.create({ doc: text, selection: { anchor: cursor }, extensions: [epicField, editorLivePreviewField] });
  // Long notes are parsed by the view plugin after creation; here the test hands the parse in.
  return created.field(epicField).stale ? created.update({ effects: setEpicParse.of(parseEpic(text)) }).state : created;
}

function list(set: DecorationSet): { from: number; to: number; value: Decoration }[] {
  const out: { from: number; to: number; value: Decoration }[] = [];
  set.between(0, 1e9, (from, to, value) => { out.push({ from, to, value }); });
  return out;
}

function marksOf(state: EditorState): string[] {
  const out: string[] = [];
  epicMarksBetween(state.field(epicField), 0, state.doc.length, (from, to, m) => { out.push(`${m.spec.kind}:${from}-${to}`); });
  return out;
}

describe('a 2,000-story note', () => {
  const text = generateEpicNote(2000);
  const state = stateOf(text);

  test('decorations cover only the requested range, the same number at the end as at the start', () => {
    const span = (id: string): { from: number; to: number } => {
      const from = offsetOf(text, `### 🔧 ${id}:`);
      return { from, to: offsetOf(text, '---', from) };
    };
    const first = list(buildEpicDecorations(state, [span(storyId(8))], LIVE));
    const last = list(buildEpicDecorations(state, [span(storyId(1994))], LIVE));
    expect(first.length).toBeGreaterThan(0);
    expect(last.length).toBe(first.length);
    const range = span(storyId(1994));
    for (const d of last) {
      expect(d.from).toBeGreaterThanOrEqual(range.from);
      expect(d.to).toBeLessThanOrEqual(range.to);
    }
  });

  test('an edit composes its changes; the marks of the parse are kept as they are', () => {
    const before = state.field(epicField);
    const tr = state.update({ changes: { from: offsetOf(text, '**I want** story 1000 done'), insert: 'x' } });
    const after = tr.state.field(epicField);
    expect(after.result).toBe(before.result);
    expect(after.stale).toBe(true);
    expect(after.parsedMarks).toBe(before.parsedMarks);
    expect(epicMarkCount(after)).toBeGreaterThan(2000 * 4);
  });
});

describe('mapped marks equal a fresh parse', () => {
  test('for any typing inside descriptions', () => {
    const anchors = ['**I want** to', '**So that** we', 'Migrate primary'];
    const note = DEMO_NOTE.replace('### 🚀 US-002: Inline story\n', '### 🚀 US-002: Inline story\n\n**I want** to test\n**So that** we know\n');
    fc.assert(fc.property(
      fc.array(fc.record({ anchor: fc.constantFrom(...anchors.slice(0, 2)), offset: fc.nat(4), text: fc.stringMatching(/^[a-z ]{1,6}$/) }), { minLength: 1, maxLength: 5 }),
      (edits) => {
        let state = stateOf(note);
        for (const edit of edits) {
          const at = state.doc.toString().indexOf(edit.anchor) + edit.anchor.length + edit.offset;
          state = state.update({ changes: { from: Math.min(at, state.doc.lineAt(at).to), insert: edit.text } }).state;
        }
        const mapped = marksOf(state);
        const fresh = state.update({ effects: setEpicParse.of(parseEpic(state.doc.toString())) }).state;
        expect(mapped).toEqual(marksOf(fresh));
      },
    ), { numRuns: 60 });
  });
});

describe('modes and cursor', () => {
  test('a status touched by the selection is left as source', () => {
    const at = offsetOf(DEMO_NOTE, '📂 Open');
    const all = list(buildEpicDecorations(stateOf(DEMO_NOTE), [{ from: 0, to: DEMO_NOTE.length }], LIVE));
    const near = list(buildEpicDecorations(stateOf(DEMO_NOTE, at + '📂 Open'.length), [{ from: 0, to: DEMO_NOTE.length }], LIVE));
    expect(all.some((d) => d.from === at)).toBe(true);
    expect(near.some((d) => d.from === at)).toBe(false);
  });

  test('with both modes off only diagnostics remain', () => {
    const off: DecorationContext = { livePreview: true, display: { livePreview: false, sourceMode: false }, browseUrl: null };
    const decorations = list(buildEpicDecorations(stateOf(DEMO_NOTE), [{ from: 0, to: DEMO_NOTE.length }], off));
    expect(decorations.length).toBeGreaterThan(0);
    for (const d of decorations) expect(d.value.spec.class).toMatch(/spectryn-diagnostic/);
  });
});

test('issue links: written URL, else the tracker\'s page of the key, else none', () => {
  const browse = (key: string): string => `https://y.invalid/browse/${key}`;
  expect(issueHref('A-1', 'https://x.invalid/browse/A-1', browse)).toBe('https://x.invalid/browse/A-1');
  expect(issueHref('A-1', null, browse)).toBe('https://y.invalid/browse/A-1');
  expect(issueHref('#12', null, () => null)).toBeNull();
  expect(issueHref('A-1', null, null)).toBeNull();
});

test('an Issue line linking to javascript: gives a live-preview chip without an href', () => {
  const hostile = DEMO_NOTE.replace('(https://tracker.invalid/browse/DEMO-7)', '(javascript:alert(document.cookie))');
  expect(hostile).not.toBe(DEMO_NOTE);
  const chips = list(buildEpicDecorations(stateOf(hostile), [{ from: 0, to: hostile.length }], LIVE))
    .map((d) => d.value.spec.widget as unknown)
    .filter((w): w is IssueChipWidget => w instanceof IssueChipWidget);
  expect(chips.map((c) => [c.key, c.href])).toEqual([['DEMO-7', null]]);
  const dom = chips[0]?.toDOM();
  expect(dom?.querySelector('[href]')).toBeNull();
  expect(dom?.querySelector('.spectryn-issue-chip')?.textContent).toBe('DEMO-7');
});
