/**
 * A re-parse keeps no earlier version of the note alive. Sections reused from the previous parse
 * were cut from the previous text; as V8 slices of it they kept all of it, so every edit (and
 * every slice of an opening note) left a whole copy of the note in memory. Node only: needs `gc`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseEpic, type ParseResult } from '../../src/model';
import { epicNote } from './builder';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A fresh flat copy of `text` (what an editor hands over after an edit). */
const copy = (text: string): string => [text.slice(0, text.length >> 1), text.slice(text.length >> 1)].join('');

/** Heap kept (bytes, after a collection) by the parse of `base` after `edits` edits, and the note's size. */
function keptAfter(base: string, edits: number): { kept: number; noteBytes: number } {
  gc();
  const before = process.memoryUsage().heapUsed;
  let result: ParseResult = parseEpic(copy(base));
  for (let edit = 0; edit < edits; edit += 1) {
    // Each edit in another story: the section parsed again is cut from that edit's text.
    const at = result.text.indexOf('\n', Math.floor((result.text.length * (edit + 1)) / (edits + 1)));
    result = parseEpic(copy(`${result.text.slice(0, at)}x${result.text.slice(at)}`), result);
  }
  gc();
  const kept = process.memoryUsage().heapUsed - before;
  expect(result.epic.stories.length).toBeGreaterThan(0);
  return { kept, noteBytes: result.text.length * 2 };
}

test('ten edits in ten places, each a new copy of the note, keep about what one parse keeps, not ten more notes', () => {
  const story = { status: 'Done', points: 3, criteria: [['a', true], ['b', false]] as [string, boolean][], subtasks: [{ name: 'x', status: 'Done' }] };
  const base = epicNote({ stories: Array.from({ length: 1500 }, () => story) });
  // Warm up on a smaller note first: the code an incremental parse runs (and V8's compiled and
  // optimised versions of it) is heap too, and would otherwise be counted as kept by the edits.
  keptAfter(epicNote({ stories: Array.from({ length: 200 }, () => story) }), 10);
  const once = keptAfter(base, 0);
  const tenEdits = keptAfter(base, 10);
  // Kept copies of earlier texts would add ten notes' bytes.
  expect(tenEdits.kept - once.kept).toBeLessThan(tenEdits.noteBytes * 3);
}, 120_000);
