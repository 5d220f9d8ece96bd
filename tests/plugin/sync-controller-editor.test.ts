/**
 * Write-back through the editor (property test): whatever the user typed before a batch arrives,
 * the batch is one transaction on a real CodeMirror view, computed from the editor's current text,
 * equal to the pure string write-back of that text, and every typed fragment survives.
 */
import fc from 'fast-check';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { EditorPosition, EditorTransaction } from 'obsidian';
import { parseEpic } from '../../src/model';
import type { KeyAssignment } from '../../src/sync/tracker';
import { applyTextEdits, writeBackEdits, type WriteBackOptions } from '../../src/sync/writeback';
import { editorWriter, type SyncEditor } from '../../src/plugin/sync-controller';
import { seedNote } from '../sync/helpers';

const OPTIONS: WriteBackOptions = { browseUrl: (key) => `https://jira.example.com/browse/${key}`, now: new Date('2026-11-24T09:44:00Z') };

/** Every story and table subtask of the seed note gets a key. */
function allKeys(text: string): KeyAssignment[] {
  const keys: KeyAssignment[] = [];
  let next = 200;
  for (const story of parseEpic(text).epic.stories) {
    keys.push({ kind: 'story', storyId: story.id, key: `INFRA-${next++}` });
    for (const subtask of story.subtasks) if (subtask.form === 'table') keys.push({ kind: 'subtask', storyId: story.id, number: subtask.number, key: `INFRA-${next++}` });
  }
  return keys;
}

function cmEditor(view: EditorView): SyncEditor & { transactions: number } {
  const offset = (pos: EditorPosition): number => view.state.doc.line(pos.line + 1).from + pos.ch;
  const editor = {
    transactions: 0,
    getValue: (): string => view.state.doc.toString(),
    offsetToPos: (at: number): EditorPosition => { const line = view.state.doc.lineAt(at); return { line: line.number - 1, ch: at - line.from }; },
    transaction: (tx: EditorTransaction): void => {
      editor.transactions += 1;
      view.dispatch({ changes: (tx.changes ?? []).map((change) => ({ from: offset(change.from), to: change.to ? offset(change.to) : undefined, insert: change.text })) });
    },
  };
  return editor;
}

/** Text a user might type at the end of a prose line: no line breaks, no table pipes, no markup at the start. */
const typedText = fc.string({ unit: fc.constantFrom(...Array.from('abc xyz 123 .,;:!?()éü🚀')), minLength: 1, maxLength: 12 }).map((text) => ` ${text.trim() || 'x'}`);

test('an editor batch equals the string write-back of the current text and keeps every typed fragment', async () => {
  const seed = seedNote();
  const keys = allKeys(seed);
  const proseLines = seed.split('\n').map((line, index) => ({ line, index })).filter(({ line }) => /^[A-Za-z*]/.test(line) && !line.startsWith('**Story Points') && !line.includes('|')).map(({ index }) => index);
  await fc.assert(fc.asyncProperty(
    fc.array(fc.record({ line: fc.constantFrom(...proseLines), text: typedText }), { minLength: 0, maxLength: 6 }),
    fc.integer({ min: 1, max: 3 }),
    async (typing, batches) => {
      const view = new EditorView({ state: EditorState.create({ doc: seed }) });
      const editor = cmEditor(view);
      const writer = editorWriter(editor);
      const size = Math.ceil(keys.length / batches);
      for (let batch = 0; batch < batches; batch += 1) {
        // The user types at line ends before each batch comes back.
        for (const { line, text } of typing.filter((_, index) => index % batches === batch)) {
          const doc = view.state.doc;
          const target = doc.line(Math.min(line + 1, doc.lines));
          view.dispatch({ changes: { from: target.to, insert: text } });
        }
        const current = view.state.doc.toString();
        const slice = keys.slice(batch * size, (batch + 1) * size);
        const expected = applyTextEdits(current, writeBackEdits(current, parseEpic(current).epic, slice, OPTIONS));
        const before = editor.transactions;
        await writer.apply((text) => writeBackEdits(text, parseEpic(text).epic, slice, OPTIONS));
        expect(editor.transactions - before).toBe(expected === current ? 0 : 1);
        expect(view.state.doc.toString()).toBe(expected);
      }
      const final = view.state.doc.toString();
      for (const { text } of typing) expect(final).toContain(text);
      const { epic } = parseEpic(final);
      expect(epic.stories.every((story) => story.issueKey !== null)).toBe(true);
      view.destroy();
    },
  ), { numRuns: 30 });
});
