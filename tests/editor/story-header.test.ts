/**
 * The cheap "may this note hold a story" look: never misses a header the parser would take.
 */
import { EditorState, Text } from '@codemirror/state';
import fc from 'fast-check';
import { parseEpic } from '../../src/model';
import { changesAddStoryHeader, docHasStoryHeader, looksLikeStoryHeader, textHasStoryHeader } from '../../src/editor/story-header';

test.each([
  '### US-001: Title', '## 🔧 PROJ-123: Title', '#### FEAT_3: x', '### #42: Answer', '### us-7: lower case', '### 🔧 US-001:',
])('%s looks like a story header', (line) => {
  expect(looksLikeStoryHeader(line)).toBe(true);
});

test.each([
  '# US-001: level one', '##### US-001: level five', '### Summary', '## Phase 1: Preparation', 'US-001: not a heading', '###US-001: no space',
])('%s does not', (line) => {
  expect(looksLikeStoryHeader(line)).toBe(false);
});

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
