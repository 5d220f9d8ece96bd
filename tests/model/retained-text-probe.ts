/**
 * Run by retained-text.int.test.ts in a fresh Node process (bundled by esbuild): parses a note, then
 * edits it ten times, and prints how many whole copies of the note are alive at each step, as JSON
 * `{ before, once, afterTen, stories }`. A fresh process: its heap holds little else, so a heap
 * snapshot is quick and nothing from other tests is counted.
 */
import { getHeapSnapshot } from 'node:v8';
import { parseEpic, type ParseResult } from '../../src/model';
import { epicNote } from './builder';

interface HeapSnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** A fresh flat copy of `text` (what an editor hands over after an edit). */
const copy = (text: string): string => [text.slice(0, text.length >> 1), text.slice(text.length >> 1)].join('');

/** `text` without its non-ASCII characters: a snapshot names a string by its first 1,024 characters, emoji left out. */
const asciiOf = (text: string): string => text.replace(/[^\x20-\x7e\n]/g, '');

/**
 * How many live flat strings are versions of the note: at least `minChars` long and starting with
 * `prefix` (a snapshot collects garbage first). A sliced string is small itself and points at the
 * flat string it was cut from, which is counted.
 */
async function liveNoteCopies(prefix: string, minChars: number): Promise<number> {
  const chunks: string[] = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(String(chunk));
  const snapshot = JSON.parse(chunks.join('')) as HeapSnapshotJson;
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  let count = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    if (types[snapshot.nodes[i + typeAt] ?? -1] !== 'string' || (snapshot.nodes[i + sizeAt] ?? 0) < minChars) continue;
    if (asciiOf(snapshot.strings[snapshot.nodes[i + nameAt] ?? -1] ?? '').startsWith(asciiOf(prefix))) count += 1;
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

async function main(): Promise<void> {
  const story = { status: 'Done', points: 3, criteria: [['a', true], ['b', false]] as [string, boolean][], subtasks: [{ name: 'x', status: 'Done' }] };
  const base = epicNote({ stories: Array.from({ length: 300 }, () => story) });
  // Edits land past the first tenth of the note: every version starts the same.
  const prefix = base.slice(0, 200);
  const before = await liveNoteCopies(prefix, base.length);
  const once = parseAfter(base, 0);
  const heldOnce = await liveNoteCopies(prefix, base.length);
  const tenEdits = parseAfter(base, 10);
  const afterTen = await liveNoteCopies(prefix, base.length);
  process.stdout.write(`${JSON.stringify({ before, once: heldOnce, afterTen, stories: [once.epic.stories.length, tenEdits.epic.stories.length] })}\n`);
}

void main();
