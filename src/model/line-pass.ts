/**
 * The cheap line pass: splits a note into sections at every ATX heading, without a markdown
 * parser. Fence-aware (``` and ~~~ with CommonMark's open/close rules) and frontmatter-aware, so
 * a `# comment` in YAML or a heading inside a code block never starts a section.
 */

/** One section: from an ATX heading line (or the note start) to the next heading line. */
export interface SectionSlice {
  /** Offset of the section start (a heading line start, or 0). */
  readonly from: number;
  /** Offset of the next section start, or the note length. */
  readonly to: number;
  /** 1-based line of `from`. */
  readonly line: number;
  /** Heading level 1–6, or 0 for text before the first heading. */
  readonly level: number;
}

/** `#`…`######` after 0–3 spaces, then a space, tab or the line end. */
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]|\r?$)/;
/** A fence opener: 0–3 spaces, then 3+ backticks or tildes, then the info string (a CRLF's `\r` is not part of it). */
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})([^\r\n]*)\r?$/;
/** The frontmatter fence (micromark-extension-frontmatter: `---` alone on the line). */
const FRONTMATTER_FENCE = /^---[ \t]*\r?$/;

/**
 * End offset of the frontmatter block (after the closing `---` line and its line break), or 0
 * when the note does not start with a closed frontmatter block.
 */
export function frontmatterEnd(text: string): number {
  const firstEnd = lineEndAt(text, 0);
  if (!FRONTMATTER_FENCE.test(text.slice(0, firstEnd))) return 0;
  let start = nextLineStart(text, firstEnd);
  while (start < text.length) {
    const end = lineEndAt(text, start);
    if (FRONTMATTER_FENCE.test(text.slice(start, end))) return nextLineStart(text, end);
    start = nextLineStart(text, end);
  }
  return 0;
}

function lineEndAt(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end === -1 ? text.length : end;
}

function nextLineStart(text: string, lineEnd: number): number {
  return lineEnd >= text.length ? text.length : lineEnd + 1;
}

/**
 * Sections of `text` starting at `start` (which must be 0 or a section start found by an
 * earlier pass). `stopAt(offset, line)` is asked at every new heading boundary after `start`;
 * when it returns true the pass stops there and the last slice ends at that offset.
 *
 * @param startLine 1-based line of `start`
 */
export function splitSections(
  text: string,
  start = 0,
  startLine = 1,
  stopAt?: (offset: number, line: number) => boolean,
): { slices: SectionSlice[]; stoppedAt: number } {
  const slices: SectionSlice[] = [];
  let sectionFrom = start;
  let sectionLine = startLine;
  let sectionLevel = 0;
  let lineStart = start;
  let line = startLine;
  if (start === 0) {
    const end = frontmatterEnd(text);
    if (end > 0) {
      for (let at = text.indexOf('\n'); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) line += 1;
      lineStart = end;
    }
  }
  let fence: { char: string; length: number } | null = null;
  let first = true;
  while (lineStart < text.length || first) {
    const lineEnd = lineEndAt(text, lineStart);
    const content = text.slice(lineStart, lineEnd);
    if (fence !== null) {
      if (closesFence(content, fence)) fence = null;
    } else {
      const heading = content.charCodeAt(0) === 35 || content.startsWith(' ') ? ATX_HEADING.exec(content) : null;
      if (heading !== null) {
        const level = (heading[1] ?? '').length;
        if (lineStart === sectionFrom) {
          sectionLevel = level;
        } else {
          if (stopAt?.(lineStart, line) === true) {
            slices.push({ from: sectionFrom, to: lineStart, line: sectionLine, level: sectionLevel });
            return { slices, stoppedAt: lineStart };
          }
          slices.push({ from: sectionFrom, to: lineStart, line: sectionLine, level: sectionLevel });
          sectionFrom = lineStart;
          sectionLine = line;
          sectionLevel = level;
        }
      } else {
        fence = opensFence(content);
      }
    }
    first = false;
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
    line += 1;
  }
  slices.push({ from: sectionFrom, to: text.length, line: sectionLine, level: sectionLevel });
  return { slices, stoppedAt: text.length };
}

/** The fence `content` opens (its character and length), or null when it opens none. */
export function opensFence(content: string): { char: string; length: number } | null {
  const open = FENCE_OPEN.exec(content);
  if (open === null) return null;
  const marker = open[1] ?? '';
  // A backtick fence's info string may not contain a backtick (CommonMark 4.5).
  if (marker.startsWith('`') && (open[2] ?? '').includes('`')) return null;
  return { char: marker.charAt(0), length: marker.length };
}

/** Whether `content` closes `fence` (same character, at least as long, nothing after it). */
export function closesFence(content: string, fence: { char: string; length: number }): boolean {
  let at = 0;
  while (at < 3 && content.charCodeAt(at) === 32) at += 1;
  let run = 0;
  while (content.charAt(at + run) === fence.char) run += 1;
  if (run < fence.length) return false;
  return content.slice(at + run).trim() === '';
}
