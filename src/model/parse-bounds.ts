/**
 * Bounds on the markdown parser's work for one section, found by a cheap line scan before
 * micromark sees the section (the plugin parses on the UI thread, so hostile text must not freeze it).
 *
 * micromark (4.0) is superlinear on three shapes, measured with bench/hostile.bench.ts:
 * - containers opened on one line (`- - - … x`, `> > > …`, `1. 1. …`): each new container re-walks
 *   the open ones, so 8,000 markers on a line take tens of seconds. Capped: from the
 *   `MAX_NESTING + 1`-th marker of a line on, the line is plain text.
 * - many emphasis, strikethrough and link marks in one inline block (`**a**a**a…`, `[a](…`):
 *   each match splices the block's whole event list. Below about a thousand marks per block the
 *   cost is that of ordinary text; capped: from the `MAX_MARKS + 1`-th mark of a block on, marks
 *   are plain text.
 * - size and indentation: a section's events live in memory at once (a 1 MB table: gigabytes), and
 *   each line of a list nested by indentation costs its depth times its indentation. Budgeted: a
 *   section whose estimated work exceeds `SECTION_BUDGET` is not parsed beyond its heading line
 *   (or frontmatter), and a diagnostic says so; the rest of the note parses as usual.
 *
 * The work is estimated from the text's size and shape, never from a clock, so a note always
 * gives the same result. A capped text keeps its length: every offset micromark reports still
 * indexes the section's own text. Notes written by people never reach a cap.
 */
import type { LocalDiagnostic } from './diagnostics';
import type { LineIndex } from './source-range';
import { closesFence, opensFence } from './line-pass';

/** Containers (list items, block quotes) one line may open before the rest is read as text. */
export const MAX_NESTING = 32;

/** Emphasis, strikethrough and link marks (`*`, `_`, `~`, `[`, `]`) read in one inline block. */
export const MAX_MARKS = 1024;

/**
 * Work one section may cost the parser, in estimated character steps: its length, plus for every
 * line its container depth times its indentation (characters). 200,000 ≈ a section of 200,000
 * ordinary characters (about 3,000 lines of prose), a few hundred MB of parser memory at most.
 */
export const SECTION_BUDGET = 200_000;

/**
 * What a capped character becomes: a middle dot (one UTF-16 unit, so offsets hold) starts no
 * construct and costs what a letter costs; a backslash escape would cost about twenty times more.
 */
const INERT = '\u00b7';

/** A line (or block) where a cap applied: section-relative offsets. */
export interface CappedSpan {
  readonly from: number;
  readonly to: number;
}

/** What the parser is given for one section, and why it differs from the section's text. */
export interface ParseBounds {
  /**
   * The text for micromark: the section's text with capped characters made literal (same length),
   * or, over budget, only the part before `overBudget.from` (heading line or frontmatter).
   */
  readonly text: string;
  /** Lines where containers past `MAX_NESTING` were made text. */
  readonly nesting: readonly CappedSpan[];
  /** Inline blocks where marks past `MAX_MARKS` were made text. */
  readonly marks: readonly CappedSpan[];
  /** Set when the estimated work exceeds `SECTION_BUDGET`: what is not parsed, and why. */
  readonly overBudget: {
    readonly from: number;
    readonly to: number;
    readonly cost: number;
    /** The deepest container depth seen (indentation and markers). */
    readonly depth: number;
  } | null;
}

/** A thematic break (`- - -`, `***`): its markers are not containers. */
const THEMATIC_BREAK = /^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*\r?$/;

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13;
}

/** The end of a list marker starting at `at` (`-`, `*`, `+`, or 1–9 digits and `.`/`)`), followed by a space, tab or the line end; -1 when there is none. */
function listMarkerEnd(line: string, at: number): number {
  const code = line.charCodeAt(at);
  let end = at;
  if (code === 45 || code === 42 || code === 43) {
    end = at + 1;
  } else {
    while (end - at < 9 && line.charCodeAt(end) >= 48 && line.charCodeAt(end) <= 57) end += 1;
    if (end === at || (line.charCodeAt(end) !== 46 && line.charCodeAt(end) !== 41)) return -1;
    end += 1;
  }
  return end >= line.length || isBlank(line.charCodeAt(end)) ? end : -1;
}

/** A line's container prefix: markers, where the one past the cap is, and where content starts. */
interface Prefix {
  readonly markers: number;
  /** Line offset of the marker character to make literal, or -1. */
  readonly cap: number;
  /** Whether the last container is a list item (a new inline block starts). */
  readonly listItem: boolean;
  /** Line offset of the first character that is not a space or tab. */
  readonly start: number;
  /** Line offset of the content after the prefix. */
  readonly content: number;
}

function scanPrefix(line: string): Prefix {
  let at = 0;
  let markers = 0;
  let cap = -1;
  let listItem = false;
  let start = -1;
  for (;;) {
    while (at < line.length && (line.charCodeAt(at) === 32 || line.charCodeAt(at) === 9)) at += 1;
    if (start === -1) start = at;
    if (cap !== -1) break;
    if (line.charCodeAt(at) === 62) {
      markers += 1;
      if (markers > MAX_NESTING) cap = at;
      at += 1;
      continue;
    }
    const end = listMarkerEnd(line, at);
    if (end === -1) break;
    markers += 1;
    listItem = true;
    if (markers > MAX_NESTING) cap = end - 1;
    at = end;
  }
  return { markers, cap, listItem, start, content: at };
}

/** The mark characters micromark pairs up in inline text. */
function isMark(code: number): boolean {
  return code === 42 || code === 95 || code === 126 || code === 91 || code === 93;
}

/**
 * Scans one section and bounds what micromark will be given.
 * @param text the section's text (heading line to the next heading)
 * @param keep section-relative offset before which the text is always parsed as it is: the end of
 *   the heading line, or of the frontmatter in the first section (0 when there is neither)
 */
export function boundSection(text: string, keep: number): ParseBounds {
  let chars: string[] | null = null;
  const nesting: CappedSpan[] = [];
  const marks: CappedSpan[] = [];
  let cost = keep;
  let depth = 0;
  // Content offsets of list items opened on earlier lines: a cheap model of the lists a line
  // indented that far is nested in (what makes indentation costly).
  const lists: number[] = [];
  let fence: ReturnType<typeof opensFence> = null;
  let blockMarks = 0;
  let blockFrom = keep;
  let blockCapped = false;
  const endBlock = (at: number): void => {
    if (blockCapped) marks.push({ from: blockFrom, to: at });
    blockMarks = 0;
    blockCapped = false;
  };
  let lineStart = keep;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    cost += line.length + 1;
    if (fence !== null) {
      if (closesFence(line, fence)) fence = null;
      lineStart = lineEnd + 1;
      continue;
    }
    const prefix = THEMATIC_BREAK.test(line) ? { markers: 0, cap: -1, listItem: false, start: 0, content: line.length } : scanPrefix(line);
    const blank = prefix.content >= line.trimEnd().length;
    if (!blank) {
      // A line starting left of an open item's content column is outside that item.
      while (lists.length > 0 && (lists[lists.length - 1] ?? 0) > prefix.start) lists.pop();
      const lineDepth = lists.length + prefix.markers;
      depth = Math.max(depth, lineDepth);
      // Each open container walks the line's leading whitespace again.
      cost += Math.min(lineDepth, MAX_NESTING * 4) * prefix.content;
      if (prefix.listItem && lists.length < MAX_NESTING * 4) lists.push(prefix.content);
    }
    if (prefix.cap !== -1) {
      chars ??= text.split('');
      chars[lineStart + prefix.cap] = INERT;
      nesting.push({ from: lineStart, to: lineEnd });
    }
    const opened = opensFence(line);
    // A blank line, a fence, a list item or a table row starts a new inline block.
    if (blank || opened !== null || prefix.listItem || line.charCodeAt(prefix.content) === 124) endBlock(lineStart);
    if (blockMarks === 0 && !blockCapped) blockFrom = lineStart;
    if (opened !== null) {
      fence = opened;
    } else {
      for (let at = prefix.cap === -1 ? prefix.content : prefix.cap + 1; at < line.length; at += 1) {
        if (!isMark(line.charCodeAt(at)) || line.charCodeAt(at - 1) === 92) continue;
        blockMarks += 1;
        if (blockMarks > MAX_MARKS) {
          chars ??= text.split('');
          chars[lineStart + at] = INERT;
          blockCapped = true;
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  endBlock(text.length);
  if (cost > SECTION_BUDGET) {
    return { text: text.slice(0, keep), nesting: [], marks: [], overBudget: { from: keep, to: text.length, cost, depth } };
  }
  return { text: chars === null ? text : chars.join(''), nesting, marks, overBudget: null };
}

function lines(index: LineIndex, spans: readonly CappedSpan[]): string {
  const first = spans[0];
  const last = spans[spans.length - 1];
  if (first === undefined || last === undefined) return '';
  const from = index.range(first.from, first.from).line;
  const to = index.range(Math.max(last.from, last.to - 1), last.to).line;
  return from === to ? `line ${from}` : `lines ${from}–${to}`;
}

/**
 * The diagnostics of a section's bounds: what was not parsed, or read as plain text, and why
 * (warnings: the note itself is never changed).
 */
export function boundsDiagnostics(bounds: ParseBounds, index: LineIndex): LocalDiagnostic[] {
  const out: LocalDiagnostic[] = [];
  const over = bounds.overBudget;
  if (over !== null) {
    const range = index.trimmedRange(over.from, over.to);
    const why = over.cost - index.text.length > index.text.length
      ? `its lists are nested up to ${over.depth} deep by indentation`
      : `it is ${index.text.length.toLocaleString('en-US')} characters long`;
    const where = range.line === range.endLine ? `Line ${range.line} is` : `Lines ${range.line}–${range.endLine} are`;
    out.push({
      severity: 'warning',
      code: 'section-not-parsed',
      message: `${where} not read: ${why}, over the ${SECTION_BUDGET.toLocaleString('en-US')} steps one section may cost; split it under more headings.`,
      range,
    });
    return out;
  }
  const first = (spans: readonly CappedSpan[]): CappedSpan | null => spans[0] ?? null;
  const nested = first(bounds.nesting);
  if (nested !== null) {
    out.push({
      severity: 'warning',
      code: 'markdown-capped',
      message: `More than ${MAX_NESTING} lists or quotes nested on one line (${lines(index, bounds.nesting)}); the rest of each such line is read as plain text.`,
      range: index.range(nested.from, nested.to),
    });
  }
  const marked = first(bounds.marks);
  if (marked !== null) {
    out.push({
      severity: 'warning',
      code: 'markdown-capped',
      message: `More than ${MAX_MARKS.toLocaleString('en-US')} emphasis or link marks in one paragraph (${lines(index, bounds.marks)}); the marks past that are read as plain text.`,
      range: index.range(marked.from, marked.to),
    });
  }
  return out;
}
