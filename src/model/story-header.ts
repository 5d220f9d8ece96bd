/**
 * The quick "may this note hold a story?" check (issue 10): a line that is an ATX heading of
 * level 1 to 4 whose text reads as a story header, by the very grammar `parseEpic` uses
 * (`readStoryHeader`, format.md "Stories"). It may say yes to a heading inside a code fence, or to
 * an H1 that turns out to be the epic title (the parse then decides); it never says no to a note
 * in which `parseEpic` finds a story. Used to keep notes without stories free of any work.
 */
import { headingText, readStoryHeader } from './headings';

/** A heading line of level 1–4: 0–3 spaces, 1–4 `#`, then a space, a tab or the line end. */
const HEADING_LINE = /^ {0,3}#{1,4}(?:[ \t]|\r?$)/;

/** True when `line` (one line, without its break) is a heading that reads as a story header. */
export function looksLikeStoryHeader(line: string): boolean {
  if (!HEADING_LINE.test(line)) return false;
  const heading = headingText(line);
  return readStoryHeader(line.slice(heading.from, heading.to)) !== null;
}

/** Heading lines of level 1–4 anywhere in a text (`\n`, `\r\n` and `\r` end lines). */
const HEADING_LINES = /^ {0,3}#{1,4}(?:[ \t]|$)/gm;

/** True when any line of `text` looks like a story header. Costs one scan for heading lines. */
export function textHasStoryHeader(text: string): boolean {
  HEADING_LINES.lastIndex = 0;
  for (let found = HEADING_LINES.exec(text); found !== null; found = HEADING_LINES.exec(text)) {
    const from = found.index;
    let to = from;
    while (to < text.length && text.charCodeAt(to) !== 10 && text.charCodeAt(to) !== 13) to += 1;
    if (looksLikeStoryHeader(text.slice(from, to))) return true;
    // An empty heading line matches without consuming anything: step past it.
    HEADING_LINES.lastIndex = Math.max(to, from + 1);
  }
  return false;
}
