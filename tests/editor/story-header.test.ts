/**
 * The model's quick story-header check over a CodeMirror document and its changes: never misses a
 * header the parser would take (the line grammar itself is tested in tests/model/story-header.test.ts).
 */
import { EditorState, Text } from '@codemirror/state';
import fc from 'fast-check';
import { parseEpic, textHasStoryHeader } from '../../src/model';
import { changesAddStoryHeader, docHasStoryHeader } from '../../src/editor/story-header';

test('whenever the parser finds a story, the quick look says yes', () => {
  const line = fc.oneof(
    fc.constantFrom('### US-001: A', '## 🚀 AB-2: B', '#### #9: C', '### x-1: d', '```', '# Title', '## Phase 1: P', '| a | b |', '', 'text'),
    fc.string({ maxLength: 12 }),
  );
  fc.assert(fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
    const text = lines.join('\n');
    if (parseEpic(text).epic.stories.length > 0) {
      expect(textHasStoryHeader(text)).toBe(true);
      expect(docHasStoryHeader(Text.of(lines.length ? lines : ['']))).toBe(true);
    }
  }));
});

test('changed lines are checked, not the whole note', () => {
  const state = EditorState.create({ doc: '### US-001: Old\n\nplain\n' });
  const plainEdit = state.update({ changes: { from: 17, insert: 'more ' } });
  expect(changesAddStoryHeader(plainEdit.changes, plainEdit.newDoc)).toBe(false);
  const header = state.update({ changes: { from: 17, insert: '### US-002: New\n' } });
  expect(changesAddStoryHeader(header.changes, header.newDoc)).toBe(true);
  // Typing the colon that completes a header on an existing line.
  const partial = EditorState.create({ doc: 'a\n### US-3 title\n' });
  const colon = partial.update({ changes: { from: 10, insert: ':' } });
  expect(changesAddStoryHeader(colon.changes, colon.newDoc)).toBe(true);
});
