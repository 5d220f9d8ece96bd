/**
 * A cheap look for "this note may contain a story": a line that looks like a story header
 * (format.md "Stories"). It may say yes to a header inside a code fence (the parse then decides);
 * it never says no to a real header. Used to keep notes without stories free of any work.
 */
import type { ChangeSet, Text } from '@codemirror/state';

/** `## [emoji ]ID: Title` at level 2 to 4; ids case-insensitive (lower case is a warning, still a story). */
const STORY_HEADER_LINE = /^ {0,3}#{2,4}[ \t]+(?:[^\s:]+[ \t]+)?(?:[A-Za-z][A-Za-z0-9]*[-_/]\d+|#\d+)[ \t]*:/;

/** True when `line` (one line, no break) looks like a story header. */
export function looksLikeStoryHeader(line: string): boolean {
  return STORY_HEADER_LINE.test(line);
}

const STORY_HEADER_ANYWHERE = new RegExp(STORY_HEADER_LINE.source, 'm');

/** True when any line of `text` looks like a story header. Scans the whole text. */
export function textHasStoryHeader(text: string): boolean {
  return STORY_HEADER_ANYWHERE.test(text);
}

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
