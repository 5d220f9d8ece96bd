import { EditorState } from '@codemirror/state';
import { parseEpic } from '../../src/model';
import { timerClock } from '../../src/sync/clock';
import { editorNoteWriter } from '../../src/sync/note-writer';
import { writeBackEdits } from '../../src/sync/writeback';
import { seedNote } from './helpers';

test('write-back edits apply as one CodeMirror transaction, on the editor text of that moment', async () => {
  let state = EditorState.create({ doc: seedNote() });
  let transactions = 0;
  const writer = editorNoteWriter({
    currentText: () => state.doc.toString(),
    dispatch: (changes) => { state = state.update({ changes: [...changes] }).state; transactions++; },
  });
  // The user types at the top before the keys arrive.
  state = state.update({ changes: { from: 0, insert: 'typed\n' } }).state;
  const options = { browseUrl: (key: string) => `https://acme.atlassian.net/browse/${key}`, now: new Date('2026-11-24T09:44:00Z') };
  await writer.apply((text) => writeBackEdits(text, parseEpic(text).epic, [
    { kind: 'story', storyId: 'US-001', key: 'INFRA-101' },
    { kind: 'subtask', storyId: 'US-001', number: 1, key: 'INFRA-108' },
  ], options));
  expect(transactions).toBe(1);
  const text = state.doc.toString();
  expect(text.startsWith('typed\n---\nepic: INFRA-100')).toBe(true);
  const story = parseEpic(text).epic.stories[0];
  expect(story?.issueKey).toBe('INFRA-101');
  expect(story?.subtasks[0]?.issueKey).toBe('INFRA-108');
  // Nothing to write: no transaction at all.
  await writer.apply(() => []);
  expect(transactions).toBe(1);
});

test('timerClock sleeps through the timer function it is given', async () => {
  const delays: number[] = [];
  const clock = timerClock((callback, ms) => { delays.push(ms); callback(); });
  await clock.sleep(1500);
  expect(delays).toEqual([1500]);
  const before = Date.now();
  const now = clock.now();
  expect(now).toBeGreaterThanOrEqual(before);
  expect(now).toBeLessThanOrEqual(Date.now());
});
