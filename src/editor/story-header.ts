/**
 * The model's quick story-header check (`looksLikeStoryHeader`, src/model/story-header.ts) over a
 * CodeMirror document and its changes. It never says no to a note in which the parse finds a story.
 */
import type { ChangeSet, Text } from '@codemirror/state';
import { looksLikeStoryHeader } from '../model';

/** True when any line of `doc` looks like a story header. Scans the whole note: call once per note. */
export function docHasStoryHeader(doc: Text): boolean {
  for (const iter = doc.iterLines(); !iter.next().done;) {
    if (looksLikeStoryHeader(iter.value)) return true;
  }
  return false;
}

/**
 * True when a line touched by `changes` in the new document looks like a story header. Costs the
 * size of the change, not of the note: this is the per-keystroke check of notes without stories.
 */
export function changesAddStoryHeader(changes: ChangeSet, newDoc: Text): boolean {
  let found = false;
  changes.iterChangedRanges((_fromA, _toA, fromB, toB) => {
    if (found) return;
    const first = newDoc.lineAt(fromB).number;
    const last = newDoc.lineAt(toB).number;
    for (let n = first; n <= last && !found; n++) found = looksLikeStoryHeader(newDoc.line(n).text);
  });
  return found;
}
