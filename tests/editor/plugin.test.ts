/**
 * The view plugin moves its decorations instead of rebuilding them while typing away from them.
 * Invariant checked here: whatever the edits and cursor moves, what the plugin holds equals a
 * fresh build over the same visible ranges.
 */
import { RangeSet } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import fc from 'fast-check';
import { buildEpicDecorations } from '../../src/editor/decorations';
import { epicViewPlugin, flushEpicParse } from '../../src/editor/plugin';
import { DEMO_NOTE, mountEditor } from './helpers';


function heldEqualsFresh(view: EditorView, livePreview: boolean): void {
  const held = view.plugin(epicViewPlugin)?.decorations;
  if (!held) throw new Error('plugin missing');
  const fresh = buildEpicDecorations(view.state, view.visibleRanges, { livePreview, display: { livePreview: true, sourceMode: true }, browseUrl: null });
  const list = (set: typeof held): string[] => {
    const out: string[] = [];
    set.between(0, view.state.doc.length, (from, to, value) => { out.push(`${from}-${to}:${String(value.spec.class ?? value.spec.widget?.constructor.name)}`); });
    return out;
  };
  expect(list(held)).toEqual(list(fresh));
  expect(RangeSet.eq([held], [fresh])).toBe(true);
}

const operation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(5000), text: fc.constantFrom('a', 'xy', ' ', '\n', '| ', '✅ Done', '##') }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(5000), length: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('move' as const), at: fc.nat(5000) }),
  fc.record({ kind: fc.constant('parse' as const) }),
);

test.each([['live preview', true], ['source mode', false]])('%s: held decorations always equal a fresh build', (_mode, livePreview) => {
  fc.assert(fc.property(fc.array(operation, { minLength: 1, maxLength: 15 }), (ops) => {
    const view = mountEditor({ text: DEMO_NOTE, livePreview });
    try {
      for (const op of ops) {
        const length = view.state.doc.length;
        const at = op.kind === 'parse' ? 0 : op.at % (length + 1);
        if (op.kind === 'insert') view.dispatch({ changes: { from: at, insert: op.text }, selection: { anchor: at + op.text.length } });
        else if (op.kind === 'delete') view.dispatch({ changes: { from: at, to: Math.min(length, at + op.length) } });
        else if (op.kind === 'move') view.dispatch({ selection: { anchor: at } });
        else flushEpicParse(view);
        heldEqualsFresh(view, livePreview);
      }
    } finally {
      view.destroy();
    }
  }), { numRuns: 80 });
});
