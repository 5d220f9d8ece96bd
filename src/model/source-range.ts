/**
 * Offsets to `SourceRange`s. A section of the note is analysed on its own; `LineIndex` turns
 * offsets inside that section into note-absolute ranges with 1-based line numbers.
 * Lines are separated by `\n` (a `\r` before it belongs to the line, as in CodeMirror's
 * `\r\n`-aware documents the offsets still index the original text).
 */
import type { SourceRange } from './types';

/** Line starts of one piece of text, for offset → line look-ups by binary search. */
export class LineIndex {
  /** Offsets (relative to the text) at which each line starts; always begins with 0. */
  private readonly starts: number[];

  /**
   * @param text the analysed text (a section of the note)
   * @param base note offset of `text[0]`
   * @param baseLine 1-based note line of `text[0]`
   */
  constructor(readonly text: string, readonly base: number, readonly baseLine: number) {
    const starts = [0];
    let at = text.indexOf('\n');
    while (at !== -1) {
      starts.push(at + 1);
      at = text.indexOf('\n', at + 1);
    }
    this.starts = starts;
  }

  /** 0-based line of a text-relative offset (offsets past the end count as the last line). */
  lineOf(offset: number): number {
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Text-relative offset where a 0-based line starts. */
  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  /** Text-relative offset of the end of a 0-based line, before its `\r\n` / `\n`. */
  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next - 1;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end -= 1;
    return end;
  }

  /** Number of lines (a trailing `\n` starts a last, empty line). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** The note-absolute range of text-relative `[from, to)`. */
  range(from: number, to: number): SourceRange {
    const line = this.lineOf(from);
    const endLine = to > from ? this.lineOf(to - 1) : line;
    return { from: this.base + from, to: this.base + to, line: this.baseLine + line, endLine: this.baseLine + endLine };
  }

  /** The range of `[from, to)` with surrounding whitespace (spaces, tabs, `\r`, `\n`) excluded. */
  trimmedRange(from: number, to: number): SourceRange {
    const [start, end] = trimBounds(this.text, from, to);
    return this.range(start, end);
  }
}

/** `[from, to)` narrowed to exclude leading and trailing whitespace of `text`. */
export function trimBounds(text: string, from: number, to: number): [number, number] {
  let start = from;
  let end = to;
  while (start < end && isSpace(text.charCodeAt(start))) start += 1;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end -= 1;
  return [start, end];
}

/** Space, tab, `\n`, `\r`, form feed or vertical tab. */
export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11;
}

/** A range moved by `offset` characters and `lines` lines (the same object when both are 0). */
export function shiftRange(range: SourceRange, offset: number, lines: number): SourceRange {
  if (offset === 0 && lines === 0) return range;
  return { from: range.from + offset, to: range.to + offset, line: range.line + lines, endLine: range.endLine + lines };
}
