/**
 * The quick story-header check shares the parser's grammar (issue 10): when it says no, `parseEpic`
 * finds no story; and it says yes to the headers the old editor copy missed.
 */
import fc from 'fast-check';
import { looksLikeStoryHeader, parseEpic, textHasStoryHeader } from '../../src/model';

test.each([
  '### US-001: Title', '## 🔧 PROJ-123: Title', '#### FEAT_3: x', '### #42: Answer', '### us-7: lower case', '### 🔧 US-001:',
  '## US-001', '## 🔄US-001: Title', '### 🧪🧪 US-7: T', '### Story US-001: Title', '### US-SF-001: Multi-part', '# PROJ-001: Standalone Story ✅',
  '### US-001: Title ###', '   ### US-001: indented',
])('%s looks like a story header', (line) => {
  expect(looksLikeStoryHeader(line)).toBe(true);
});

test.each([
  '##### US-001: level five', '### Summary', '## Phase 1: Preparation', 'US-001: not a heading', '###US-001: no space', '    ### US-001: code',
  '### us-1 lower without colon', '### US-001 - Title',
])('%s does not', (line) => {
  expect(looksLikeStoryHeader(line)).toBe(false);
});

test.each(['## US-001', '## 🔄US-001: Title'])('a note with only "%s" has a story, and the quick check says so', (header) => {
  const text = `# Epic\n\n${header}\n\n| **Story Points** | 3 |\n`;
  expect(parseEpic(text).epic.stories).toHaveLength(1);
  expect(textHasStoryHeader(text)).toBe(true);
});

test('when the quick check says no, parseEpic finds no story', () => {
  const piece = fc.oneof(
    fc.constantFrom('#', '##', '###', '####', '#####', ' ', '   ', '\t', '🔄', '🧪', '✅', 'US', 'us', '-', '_', '/', '001', '7', ':', '#42', 'Story ', '**', '[', ']', 'Title', 'SF-'),
    fc.string({ maxLength: 4 }),
  );
  const line = fc.oneof(fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('')), fc.constantFrom('```', '~~~', '---', '', 'text', '| a | b |'));
  fc.assert(fc.property(fc.array(line, { maxLength: 14 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
    const text = lines.join(eol);
    if (!textHasStoryHeader(text)) expect(parseEpic(text).epic.stories).toEqual([]);
  }), { numRuns: 500 });
});
