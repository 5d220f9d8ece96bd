/**
 * A re-parse keeps no earlier version of the note alive. Sections reused from the previous parse
 * were cut from the previous text; as V8 slices of it they kept all of it, so every edit (and
 * every slice of an opening note) left a whole copy of the note in memory. Counted in a heap
 * snapshot (whole copies of the note among the live strings), not from heap totals: those move
 * by tens of MB with compiled code and collector timing on a busy machine. Node only.
 */
import { getHeapSnapshot } from 'node:v8';
import { parseEpic, type ParseResult } from '../../src/model';
import { epicNote } from './builder';

/** A fresh flat copy of `text` (what an editor hands over after an edit). */
const copy = (text: string): string => [text.slice(0, text.length >> 1), text.slice(text.length >> 1)].join('');

interface HeapSnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
}

/** How many live flat strings are at least `minChars` characters long (a snapshot collects garbage first). */
async function liveStringsOfAtLeast(minChars: number): Promise<number> {
  const chunks: string[] = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(String(chunk));
  const snapshot = JSON.parse(chunks.join('')) as HeapSnapshotJson;
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  let count = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    // A flat string's own size holds its characters (one or two bytes each): a sliced or
    // concatenated string is small itself and points at the flat one, which is counted.
    if (types[snapshot.nodes[i + typeAt] ?? -1] === 'string' && (snapshot.nodes[i + sizeAt] ?? 0) >= minChars) count += 1;
  }
  return count;
}

/** The parse of a fresh copy of `base` after `edits` edits, each in another story and each a new copy of the note. */
function parseAfter(base: string, edits: number): ParseResult {
  let result: ParseResult = parseEpic(copy(base));
  for (let edit = 0; edit < edits; edit += 1) {
    // Each edit in another story: the section parsed again is cut from that edit's text.
    const at = result.text.indexOf('\n', Math.floor((result.text.length * (edit + 1)) / (edits + 1)));
    result = parseEpic(copy(`${result.text.slice(0, at)}x${result.text.slice(at)}`), result);
  }
  return result;
}

test('ten edits in ten places, each a new copy of the note, keep one note alive, not ten more', async () => {
  const story = { status: 'Done', points: 3, criteria: [['a', true], ['b', false]] as [string, boolean][], subtasks: [{ name: 'x', status: 'Done' }] };
  const base = epicNote({ stories: Array.from({ length: 300 }, () => story) });
  const noteChars = base.length;
  const heldBefore = await liveStringsOfAtLeast(noteChars);
  const once = parseAfter(base, 0);
  const heldOnce = await liveStringsOfAtLeast(noteChars);
  const tenEdits = parseAfter(base, 10);
  const heldAfterTen = await liveStringsOfAtLeast(noteChars);
  expect(once.epic.stories).toHaveLength(300);
  expect(tenEdits.epic.stories).toHaveLength(300);
  // `base` itself is held throughout; each parse result holds its own text, and nothing older.
  expect(heldOnce - heldBefore).toBe(1);
  expect(heldAfterTen - heldOnce).toBe(1);
}, 120_000);
