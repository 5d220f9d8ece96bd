/**
 * `parseEpic`: note text → epic model + diagnostics. Never throws.
 *
 * How: a cheap line pass splits the note into sections at ATX headings; each section is parsed
 * with mdast on its own (one call over a whole large note is superlinear, one call per section is
 * linear) and analysed; a structural pass assembles the epic. With `previous`, only the sections
 * whose text changed are parsed again: unchanged sections before the edit are reused as they are,
 * those after it are reused moved by the edit's length and line delta, and so are their stories.
 */
import type { Diagnostic, Epic } from './types';
import type { EditWindow, KeptStories, StoryGroups } from './assemble';
import type { SectionAnalysis } from './section';
import { assemble } from './assemble';
import { splitSections } from './line-pass';
import { PlacedSections } from './placed-section';
import { analyseSection } from './section';
import { commonPrefix, commonSuffix } from './text-diff';

/** The key of a parse result's cache (not enumerable, so it never shows in JSON or equality checks). */
export const PARSE_CACHE: unique symbol = Symbol('spectryn.parseCache');

/** What an incremental re-parse reuses: every section's analysis and every story group. */
export interface ParseCache {
  readonly sections: PlacedSections;
  readonly groups: StoryGroups;
  /** What the stories kept of the previous parse's (`kept.from` is that parse's `groups`). */
  readonly kept: KeptStories;
  /** True when the text reads the same with line feeds only (no lone `\r`): a re-parse told the edit's span then looks at the span only. */
  readonly lineFeedsOnly: boolean;
}

/** The result of `parseEpic`. Immutable; a re-parse shares unchanged parts with its `previous`. */
export interface ParseResult {
  /** The parsed note text. */
  readonly text: string;
  readonly epic: Epic;
  /** Problems in note order. */
  readonly diagnostics: readonly Diagnostic[];
  /** Internal: what a re-parse with this result as `previous` reuses. */
  readonly [PARSE_CACHE]?: ParseCache;
}

/**
 * `text.slice(from, to)` as a string of its own. In V8 a slice of a long string keeps all of it
 * alive: a section kept across re-parses (and the values read from it) would keep the whole note
 * of every version it was cut from, a copy per edit or per slice of an opening note (hundreds of
 * MiB for a 2,000-story note). Copying costs the section's length, once.
 */
function ownSlice(text: string, from: number, to: number): string {
  return ` ${text.slice(from, to)}`.slice(1);
}

function analyseAll(text: string): PlacedSections {
  return PlacedSections.fresh(splitSections(text).slices.map((slice) => analyseSection(ownSlice(text, slice.from, slice.to), slice.from, slice.line, slice.level)));
}

/** Index of the last section starting at or before `offset` (sections are in note order). */
function sectionAt(sections: PlacedSections, offset: number): number {
  let low = 0;
  let high = sections.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (sections.startOf(mid) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Offset of the line break ending section `index`'s heading line (Infinity when it has none). */
function headingBreak(text: string, sections: PlacedSections, index: number): number {
  const heading = sections.analyses[index]?.headingRange;
  if (heading === null || heading === undefined) return Infinity;
  const at = text.indexOf('\n', heading.to + (sections.offsets[index] ?? 0));
  return at === -1 ? Infinity : at;
}

/**
 * Where a text differs from the one parsed before, as the editor knows it from its changes:
 * `text` equals the previous text except `[from, toA)` of the previous text, which became
 * `[from, toB)` of `text` (so `text.length - toB` equals the previous length less `toA`). Any span
 * covering every change is right (a wider one re-parses more); with it the parse skips comparing
 * the two texts (a linear pass over the whole note, twice per parse).
 */
export interface TextChange {
  readonly from: number;
  readonly toA: number;
  readonly toB: number;
}

/** True when `change` fits texts of these lengths (else the texts are compared instead). */
function fits(change: TextChange, length: number, previousLength: number): boolean {
  const { from, toA, toB } = change;
  return from >= 0 && from <= toA && toA <= previousLength && from <= toB && toB <= length && length - toB === previousLength - toA;
}

/** The sections of a re-parse and how they relate to the previous ones (no window: all new). */
interface Reanalysis {
  readonly sections: PlacedSections;
  readonly window?: EditWindow;
}

/** The sections of `text`, reusing those of the previous parse that did not change. */
function analyseChanged(text: string, previousText: string, old: PlacedSections, change: TextChange | undefined): Reanalysis {
  const count = old.length;
  if (count === 0) return { sections: analyseAll(text) };
  const delta = text.length - previousText.length;
  const known = change !== undefined && fits(change, text.length, previousText.length) ? change : undefined;
  // One before the span: a line break typed right after a lone `\r` turns it from `\n` into `\r`
  // in the line-feed-only text (`\r\n` stays), a change one character before the span.
  const prefix = known === undefined ? commonPrefix(text, previousText) : Math.max(0, known.from - 1);
  const suffix = known === undefined ? commonSuffix(text, previousText, Math.min(text.length, previousText.length) - prefix) : previousText.length - known.toA;
  // The line pass restarts at the section holding the first change when the change starts past
  // the line break of its heading: everything before is unchanged, the heading still opens a
  // section. A change in the heading line may turn it into text that the section before takes
  // in, so then it restarts one section earlier. A section start is always outside fences and
  // frontmatter, so the line pass can restart there.
  const changed = sectionAt(old, prefix);
  const restart = prefix > headingBreak(previousText, old, changed) ? changed : Math.max(0, changed - 1);
  const restartAnalysis = old.analyses[restart];
  if (restartAnalysis === undefined) return { sections: analyseAll(text) };
  const restartFrom = old.startOf(restart);
  // Sections wholly inside the common suffix are unchanged; they are candidates to resume at.
  const unchangedFrom = previousText.length - suffix;
  let candidate = restart + 1;
  while (candidate < count && old.startOf(candidate) < unchangedFrom) candidate += 1;
  let reuseFrom = -1;
  let lineDelta = 0;
  const { slices } = splitSections(text, restartFrom, old.lineOf(restart), (offset, line) => {
    // Boundaries come in increasing order; so do the moved starts of the unchanged tail.
    while (candidate < count && old.startOf(candidate) + delta < offset) candidate += 1;
    if (candidate >= count || old.startOf(candidate) + delta !== offset) return false;
    reuseFrom = candidate;
    lineDelta = line - old.lineOf(candidate);
    return true;
  });
  // Parallel arrays: the sections before the edit and the moved ones after it are copied as
  // references and numbers, no object per section.
  const movedFrom = restart + slices.length;
  const analyses: SectionAnalysis[] = old.analyses.slice(0, restart);
  const offsets: number[] = old.offsets.slice(0, restart);
  const lines: number[] = old.lines.slice(0, restart);
  for (const slice of slices) {
    const same = slice.from === restartFrom && slice.to - slice.from === restartAnalysis.text.length && slice.to <= prefix;
    analyses.push(same ? restartAnalysis : analyseSection(ownSlice(text, slice.from, slice.to), slice.from, slice.line, slice.level));
    offsets.push(same ? old.offsets[restart] ?? 0 : 0);
    lines.push(same ? old.lines[restart] ?? 0 : 0);
  }
  if (reuseFrom !== -1) {
    for (let i = reuseFrom; i < count; i += 1) {
      analyses.push(old.analyses[i] as SectionAnalysis);
      offsets.push((old.offsets[i] ?? 0) + delta);
      lines.push((old.lines[i] ?? 0) + lineDelta);
    }
  }
  const sections = new PlacedSections(analyses, offsets, lines);
  const window: EditWindow = reuseFrom === -1
    ? { unchangedBefore: restart, movedFrom: -1, indexDelta: 0, offset: 0, lines: 0 }
    : { unchangedBefore: restart, movedFrom, indexDelta: movedFrom - reuseFrom, offset: delta, lines: lineDelta };
  return { sections, window };
}

/**
 * The text with every lone `\r` (a CR-only line break, as old Mac files and some exports have)
 * turned into `\n`. Same length, so every offset still indexes the original text; `\r\n` stays.
 * Everything after this reads `\n` (optionally after `\r`) as the line break.
 */
function lineFeedsOnly(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/**
 * Parses an epic note. Never throws: problems come back as diagnostics.
 *
 * @param text the whole note (LF, CRLF and CR-only line breaks read the same; ranges index this exact text)
 * @param previous the result for an earlier version of the same note: when given, only the changed
 *   sections are parsed again, and the result equals a fresh parse
 * @param change where `text` differs from `previous.text` (see `TextChange`), when the caller
 *   knows it; a span that does not fit the two lengths is ignored. Without it the texts are compared.
 */
export function parseEpic(text: string, previous?: ParseResult, change?: TextChange): ParseResult {
  const cache = previous?.[PARSE_CACHE];
  if (previous !== undefined && cache !== undefined && previous.text === text) return previous;
  // Told the edit's span, a text whose previous version read the same with line feeds only has a
  // lone `\r` only in the span or just before it (a line feed deleted after a `\r`): the whole note
  // is not searched (a megabyte per re-parse).
  const known = previous !== undefined && change !== undefined && cache?.lineFeedsOnly === true && fits(change, text.length, previous.text.length) ? change : undefined;
  const source = known === undefined || text.slice(Math.max(0, known.from - 1), known.toB).includes('\r') ? lineFeedsOnly(text) : text;
  const previousSource = previous === undefined || cache?.lineFeedsOnly === true ? previous?.text ?? '' : lineFeedsOnly(previous.text);
  const { sections, window } = previous === undefined || cache === undefined ? { sections: analyseAll(source), window: undefined } : analyseChanged(source, previousSource, cache.sections, change);
  const { epic, diagnostics, groups, kept } = assemble(sections, cache?.groups, window);
  const result: ParseResult = { text, epic, diagnostics };
  Object.defineProperty(result, PARSE_CACHE, { value: { sections, groups, kept, lineFeedsOnly: source === text } satisfies ParseCache, enumerable: false });
  return result;
}
