/**
 * Writing tracker keys back into the note as pure text edits (docs/cli.md "Written back"):
 * - under each story header, one line `> **Issue:** [KEY](SITE/browse/KEY) · **Synced:** YYYY-MM-DD HH:MM UTC`,
 *   replaced in place on later syncs;
 * - subtask keys into an `Issue` column of the subtasks table (added when missing, in the table's
 *   own delimiter style);
 * - the epic key into frontmatter `epic` (frontmatter added when missing).
 * Edits are computed from a parse of the CURRENT text, so what the user typed meanwhile stays;
 * a key the user already wrote is never replaced; the note's line endings are kept. The edits are
 * `{from, to, insert}` in the coordinates of that text: apply them with `applyTextEdits`, or
 * dispatch them as one CodeMirror transaction (`view.dispatch({ changes: edits })`).
 */
import type { Epic, Story, Subtask } from '../model/types';
import type { KeyAssignment } from './tracker';

/** One replacement in the note: `[from, to)` becomes `insert`. */
export interface TextEdit {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

/** How write-back spells links and stamps. */
export interface WriteBackOptions {
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
export function issueLineText(key: string, options: WriteBackOptions): string {
  return `> **Issue:** [${key}](${options.browseUrl(key)}) · **Synced:** ${syncedStamp(options.now)}`;
}

/**
 * Edits that put `keys` into `text`, whose parse is `epic` (parse the current text right before:
 * the edits are only valid for it). Non-overlapping, in document order.
 */
export function writeBackEdits(text: string, epic: Epic, keys: readonly KeyAssignment[], options: WriteBackOptions): TextEdit[] {
  return writeBackPlan(text, epic, keys, options).edits;
}

/** What write-back does to one text: its edits, and the keys they newly put into the note. */
export interface WriteBackPlan {
  readonly edits: TextEdit[];
  /**
   * Keys that are not in the note yet and that the edits add (a refreshed `Synced:` stamp, a key
   * the user already wrote, or a subtask written as a task-list item, which has no place for a
   * key, are not counted).
   */
  readonly placed: KeyAssignment[];
}

/** Like `writeBackEdits`, also telling which keys the edits newly place. */
export function writeBackPlan(text: string, epic: Epic, keys: readonly KeyAssignment[], options: WriteBackOptions): WriteBackPlan {
  const edits: TextEdit[] = [];
  const placed: KeyAssignment[] = [];
  const storyKeys = new Map<string, KeyAssignment & { kind: 'story' }>();
  const subtaskKeys = new Map<string, Map<number, KeyAssignment & { kind: 'subtask' }>>();
  let epicKey: string | null = null;
  for (const assignment of keys) {
    if (assignment.kind === 'epic') epicKey = assignment.key;
    else if (assignment.kind === 'story') storyKeys.set(assignment.storyId.toUpperCase(), assignment);
    else {
      const id = assignment.storyId.toUpperCase();
      const map = subtaskKeys.get(id) ?? new Map<number, KeyAssignment & { kind: 'subtask' }>();
      map.set(assignment.number, assignment);
      subtaskKeys.set(id, map);
    }
  }
  if (epicKey !== null) {
    const epicEdit = epicEdits(text, epic, epicKey);
    edits.push(...epicEdit);
    if (epicEdit.length > 0) placed.push({ kind: 'epic', key: epicKey });
  }
  for (const story of epic.stories) {
    const id = story.id.toUpperCase();
    const assignment = storyKeys.get(id);
    if (assignment !== undefined) {
      const storyEdit = storyEdits(text, story, assignment.key, options);
      edits.push(...storyEdit);
      if (storyEdit.length > 0 && story.issueLine === null) placed.push(assignment);
    }
    const subtasks = subtaskKeys.get(id);
    if (subtasks !== undefined) {
      const keysByNumber = new Map([...subtasks].map(([number, entry]) => [number, entry.key]));
      const result = subtaskEdits(text, story, keysByNumber);
      edits.push(...result.edits);
      for (const number of result.filled) {
        const entry = subtasks.get(number);
        if (entry !== undefined) placed.push(entry);
      }
    }
    // A story id written twice gets its keys once, in its first occurrence.
    storyKeys.delete(id);
    subtaskKeys.delete(id);
  }
  return { edits: edits.sort((a, b) => a.from - b.from), placed };
}

/**
 * True when write-back has a place for this subtask's key: a row of a real subtasks table (task-list
 * items and rows of a table without a delimiter row have none).
 */
export function hasKeyPlace(story: Story, subtask: Subtask): boolean {
  return subtask.form === 'table' && story.subtaskTable !== null;
}

/** Applies non-overlapping edits (any order) to a string. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.from - a.from)) result = result.slice(0, edit.from) + edit.insert + result.slice(edit.to);
  return result;
}

/** The line break of the line at `position` (or of the note), `\r\n`, `\n`, or `\r` in a note with no `\n` at all. */
function lineBreakAt(text: string, position: number): string {
  const end = text.indexOf('\n', position);
  if (end > 0) return text[end - 1] === '\r' ? '\r\n' : '\n';
  if (text.includes('\r\n')) return '\r\n';
  // Old Mac line endings: what is added uses them too.
  return !text.includes('\n') && text.includes('\r') ? '\r' : '\n';
}

function lineStart(text: string, position: number): number {
  return text.lastIndexOf('\n', position - 1) + 1;
}

/** End of the line content (before `\r\n` / `\n`). */
function lineEnd(text: string, position: number): number {
  const end = text.indexOf('\n', position);
  if (end === -1) return text.length;
  return text[end - 1] === '\r' ? end - 1 : end;
}

function storyEdits(text: string, story: Story, key: string, options: WriteBackOptions): TextEdit[] {
  const line = issueLineText(key, options);
  if (story.issueLine !== null) {
    // Our own line: refresh it, unless the user put another key there meanwhile.
    if (story.issueLine.key.toUpperCase() !== key.toUpperCase()) return [];
    const from = lineStart(text, story.issueLine.range.from);
    return [{ from, to: lineEnd(text, from), insert: line }];
  }
  // The note names the issue its own way (an `Issue` field): leave it.
  if (story.issueKey !== null) return [];
  const eol = lineBreakAt(text, story.headerRange.from);
  const headerEnd = text.indexOf('\n', story.headerRange.from);
  if (headerEnd === -1) return [{ from: text.length, to: text.length, insert: `${eol}${line}` }];
  const next = headerEnd + 1;
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

function appendCell(row: RowCells, content: string): TextEdit {
  return appendCells(row, [content]);
}

/** New cells at the end of a row, in the row's own style (with or without a trailing pipe). */
function appendCells(row: RowCells, contents: readonly string[]): TextEdit {
  const cell = (content: string): string => {
    if (row.trailingPipe) return content === '' ? ' |' : ` ${content} |`;
    return content === '' ? ' |' : ` | ${content}`;
  };
  return { from: row.appendAt, to: row.appendAt, insert: contents.map(cell).join('') };
}

function subtaskEdits(text: string, story: Story, keys: ReadonlyMap<number, string>): { edits: TextEdit[]; filled: number[] } {
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
    edits.push(appendCell(header, 'Issue'));
    const delimiter = rowCells(text, table.delimiterRange.from);
    const last = delimiter.cells[delimiter.cells.length - 1];
    const padded = last !== undefined && /^\s/.test(text.slice(last.from, last.to));
    const cell = padded ? '---' : '-'.repeat(' Issue '.length);
    edits.push(padded ? appendCell(delimiter, cell) : { from: delimiter.appendAt, to: delimiter.appendAt, insert: delimiter.trailingPipe ? `${cell}|` : `|${cell}` });
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

function epicEdits(text: string, epic: Epic, key: string): TextEdit[] {
  if (epic.key !== null) return [];
  const eol = lineBreakAt(text, 0);
  if (epic.frontmatter !== null) {
    const openEnd = text.indexOf('\n', epic.frontmatter.range.from);
    if (openEnd === -1) return [];
    return [{ from: openEnd + 1, to: openEnd + 1, insert: `epic: ${key}${eol}` }];
  }
  return [{ from: 0, to: 0, insert: `---${eol}epic: ${key}${eol}---${eol}` }];
}
