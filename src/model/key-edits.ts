/**
 * The note syntax sync writes (docs/cli.md "Written back into the note"), as pure text edits:
 * - under a story header, one line `> **Issue:** [KEY](SITE/browse/KEY) · **Synced:** YYYY-MM-DD HH:MM UTC`,
 *   replaced in place on later syncs;
 * - subtask keys into an `Issue` column of the subtasks table (added when missing, in the table's
 *   own delimiter style);
 * - the epic key into frontmatter `epic` (frontmatter added when missing).
 * Each is computed from a parse of the CURRENT text (its ranges must index that text); a key the
 * user already wrote is never replaced; the note's own line breaks (LF, CRLF or CR) are kept.
 */
import type { Epic, Story } from './types';
import { isOwnIssueLine } from './issue-key';

/** One replacement in the note: `[from, to)` becomes `insert`. */
export interface TextEdit {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

/** How the issue line spells its link and stamp. */
export interface IssueLineOptions {
  /** `SITE/browse/KEY`. */
  browseUrl(key: string): string;
  /** The time stamped into `Synced:` (written in UTC, to the minute). */
  readonly now: Date;
}

/** `YYYY-MM-DD HH:MM UTC`. */
export function syncedStamp(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** The issue line written under a story header (without line break). */
export function issueLineText(key: string, options: IssueLineOptions): string {
  return `> **Issue:** [${key}](${options.browseUrl(key)}) · **Synced:** ${syncedStamp(options.now)}`;
}

/** Applies non-overlapping edits (any order) to a string. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.from - a.from)) result = result.slice(0, edit.from) + edit.insert + result.slice(edit.to);
  return result;
}

function isBreak(code: number): boolean {
  return code === 10 || code === 13;
}

/** Start of the line holding `position` (`\n`, `\r\n` and a lone `\r` end lines). */
function lineStart(text: string, position: number): number {
  let at = position;
  while (at > 0 && !isBreak(text.charCodeAt(at - 1))) at -= 1;
  return at;
}

/** End of the content of the line holding `position` (before its break). */
function lineEnd(text: string, position: number): number {
  let at = position;
  while (at < text.length && !isBreak(text.charCodeAt(at))) at += 1;
  return at;
}

/** The line break at `end` (a line end): `\r\n`, `\r`, `\n`, or `` at the end of the note. */
function breakAt(text: string, end: number): string {
  if (text.charCodeAt(end) === 13) return text.charCodeAt(end + 1) === 10 ? '\r\n' : '\r';
  return text.charCodeAt(end) === 10 ? '\n' : '';
}

/** The note's line break: that of the line at `position`, else the first in the note, else `\n`. */
function lineBreakOf(text: string, position: number): string {
  const own = breakAt(text, lineEnd(text, position));
  if (own !== '') return own;
  const first = /\r\n?|\n/.exec(text);
  return first === null ? '\n' : first[0];
}

/**
 * The edit that puts `line` (from `issueLineText`) under the story's header, or refreshes our
 * line there; none when the user wrote another key there or names the issue in an `Issue` field.
 * A line naming another tracker (`> **Linear:** …`) stays, below ours.
 */
export function storyKeyEdits(text: string, story: Story, key: string, line: string): TextEdit[] {
  const own = story.issueLine !== null && isOwnIssueLine(story.issueLine) ? story.issueLine : null;
  if (own !== null) {
    // Our own line: refresh it, unless the user put another key there meanwhile.
    if (own.key.toUpperCase() !== key.toUpperCase()) return [];
    const from = lineStart(text, own.range.from);
    return [{ from, to: lineEnd(text, from), insert: line }];
  }
  // The note names the issue its own way (an `Issue` field): leave it.
  if (story.issueKey !== null) return [];
  const eol = lineBreakOf(text, story.headerRange.from);
  const headerEnd = lineEnd(text, story.headerRange.from);
  const headerBreak = breakAt(text, headerEnd);
  if (headerBreak === '') return [{ from: text.length, to: text.length, insert: `${eol}${line}` }];
  const next = headerEnd + headerBreak.length;
  const nextLine = text.slice(next, lineEnd(text, next));
  // A non-blank next line would be pulled into the blockquote (lazy continuation): separate it.
  return [{ from: next, to: next, insert: `${line}${eol}${nextLine.trim() === '' ? '' : eol}` }];
}

/** Cells of a table row line: content spans between unescaped pipes. */
interface RowCells {
  readonly cells: { from: number; to: number }[];
  /** Where a new last cell goes, and whether the row ends with a pipe. */
  readonly appendAt: number;
  readonly trailingPipe: boolean;
}

function rowCells(text: string, from: number): RowCells {
  const start = lineStart(text, from);
  const end = lineEnd(text, from);
  const pipes: number[] = [];
  for (let index = start; index < end; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === '|') pipes.push(index);
  }
  const line = text.slice(start, end);
  const contentStart = start + (line.length - line.trimStart().length);
  const contentEnd = start + line.trimEnd().length;
  const leadingPipe = pipes[0] === contentStart;
  const trailingPipe = pipes.length > 0 && pipes[pipes.length - 1] === contentEnd - 1 && (pipes.length > 1 || !leadingPipe);
  const bounds = [leadingPipe ? contentStart : contentStart - 1, ...pipes.filter((pipe) => pipe !== contentStart && !(trailingPipe && pipe === contentEnd - 1)), trailingPipe ? contentEnd - 1 : contentEnd];
  const cells: { from: number; to: number }[] = [];
  for (let index = 0; index + 1 < bounds.length; index++) cells.push({ from: (bounds[index] ?? 0) + 1, to: bounds[index + 1] ?? 0 });
  return { cells, appendAt: contentEnd, trailingPipe };
}

/** New cells at the end of a row, in the row's own style (with or without a trailing pipe). */
function appendCells(row: RowCells, contents: readonly string[]): TextEdit {
  const cell = (content: string): string => {
    if (row.trailingPipe) return content === '' ? ' |' : ` ${content} |`;
    return content === '' ? ' |' : ` | ${content}`;
  };
  return { from: row.appendAt, to: row.appendAt, insert: contents.map(cell).join('') };
}

/**
 * Edits that put subtask keys (by subtask number) into the story's subtasks table: an empty
 * `Issue` cell is filled, a missing `Issue` column is added; a cell the user filled stays.
 * `filled` lists the numbers whose key the edits place.
 */
export function subtaskKeyEdits(text: string, story: Story, keys: ReadonlyMap<number, string>): { edits: TextEdit[]; filled: number[] } {
  const table = story.subtaskTable;
  if (table === null) return { edits: [], filled: [] };
  const rows = story.subtasks.filter((subtask) => subtask.form === 'table');
  const column = table.columns.indexOf('issue');
  const edits: TextEdit[] = [];
  const filled: number[] = [];
  if (column === -1) {
    const wanted = rows.filter((subtask) => keys.has(subtask.number) && subtask.issueKey === null);
    if (wanted.length === 0) return { edits: [], filled: [] };
    const header = rowCells(text, table.headerRange.from);
    edits.push(appendCells(header, ['Issue']));
    const delimiter = rowCells(text, table.delimiterRange.from);
    const last = delimiter.cells[delimiter.cells.length - 1];
    const padded = last !== undefined && /^\s/.test(text.slice(last.from, last.to));
    const cell = padded ? '---' : '-'.repeat(' Issue '.length);
    edits.push(padded ? appendCells(delimiter, [cell]) : { from: delimiter.appendAt, to: delimiter.appendAt, insert: delimiter.trailingPipe ? `${cell}|` : `|${cell}` });
    for (const subtask of rows) {
      const key = subtask.issueKey === null ? keys.get(subtask.number) : undefined;
      const row = rowCells(text, subtask.range.from);
      // Rows shorter than the header get empty cells up to the new column.
      const missing = Math.max(0, table.columns.length - row.cells.length);
      edits.push(appendCells(row, Array.from({ length: missing }, () => '').concat(key ?? '')));
      if (key !== undefined) filled.push(subtask.number);
    }
    return { edits, filled };
  }
  for (const subtask of rows) {
    const key = keys.get(subtask.number);
    if (key === undefined || subtask.issueKey !== null) continue;
    const row = rowCells(text, subtask.range.from);
    const cell = row.cells[column];
    if (cell !== undefined) {
      // Only an empty cell is filled: whatever the user wrote there stays.
      if (text.slice(cell.from, cell.to).trim() !== '') continue;
      edits.push({ from: cell.from, to: cell.to, insert: ` ${key} ` });
    } else {
      edits.push(appendCells(row, Array.from({ length: column - row.cells.length }, () => '').concat(key)));
    }
    filled.push(subtask.number);
  }
  return { edits, filled };
}

/**
 * `key` as a YAML scalar of frontmatter `epic`: bare when it reads back as the same string
 * (`INFRA-1`), double-quoted otherwise (`"#1"`, `"acme/infra#1"`: a bare `#` starts a YAML comment).
 */
export function frontmatterKeyValue(key: string): string {
  return /^[A-Za-z][A-Za-z0-9_.-]*$/.test(key) ? key : JSON.stringify(key);
}

/** The edit that writes the epic key into frontmatter `epic` (adding frontmatter), or none when the note has a key. */
export function epicKeyEdits(text: string, epic: Epic, key: string): TextEdit[] {
  if (epic.key !== null) return [];
  const eol = lineBreakOf(text, 0);
  const value = frontmatterKeyValue(key);
  if (epic.frontmatter !== null) {
    const openEnd = lineEnd(text, epic.frontmatter.range.from);
    const openBreak = breakAt(text, openEnd);
    if (openBreak === '') return [];
    return [{ from: openEnd + openBreak.length, to: openEnd + openBreak.length, insert: `epic: ${value}${eol}` }];
  }
  return [{ from: 0, to: 0, insert: `---${eol}epic: ${value}${eol}---${eol}` }];
}
