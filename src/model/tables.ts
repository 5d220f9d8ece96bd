/**
 * Table rows as source text with exact cell offsets: from mdast `table` nodes, and from
 * pipe-looking paragraphs that miss their `|---|` delimiter row (malformed tables, still read).
 */
import type { Paragraph, Table } from 'mdast';
import { trimBounds } from './source-range';

/** One cell: its trimmed source text and text-relative offsets of that text. */
export interface Cell {
  readonly text: string;
  readonly from: number;
  readonly to: number;
}

/** One row: its cells and the row's text-relative offsets (the whole line of the row). */
export interface Row {
  readonly cells: readonly Cell[];
  readonly from: number;
  readonly to: number;
}

/** A table read from source: header row, delimiter row offsets (null when missing), body rows. */
export interface SourceTable {
  readonly header: Row;
  readonly delimiter: { readonly from: number; readonly to: number } | null;
  /**
   * A pipe paragraph's second line when it is a delimiter row that GFM rejected (a cell count
   * that differs from the header's, `||`): not a row, but the reason the table is not a table.
   */
  readonly badDelimiter?: { readonly from: number; readonly to: number; /** Cells of that row, empty ones included. */ readonly cells: number };
  readonly rows: readonly Row[];
  readonly from: number;
  readonly to: number;
}

function cellOf(text: string, from: number, to: number): Cell {
  let start = from;
  let end = to;
  if (text.charCodeAt(start) === 124) start += 1;
  if (end - 1 >= start && text.charCodeAt(end - 1) === 124 && text.charCodeAt(end - 2) !== 92) end -= 1;
  const [a, b] = trimBounds(text, start, end);
  return { text: unescapePipes(text.slice(a, b)), from: a, to: b };
}

/** Cell text with `\\|` read as `|` (GFM: an escaped pipe is part of the cell). */
function unescapePipes(text: string): string {
  return text.includes('\\|') ? text.replace(/\\\|/g, '|') : text;
}

/** A delimiter row: cells of `-` with optional `:` at either end (`|---|:--:|`), extra pipes allowed. */
const DELIMITER_ROW = /^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|+)*[ \t]*:?-+:?[ \t]*\|*[ \t]*$/;

/** Reads an mdast table node whose positions are offsets into `text`. */
export function readTable(table: Table, text: string): SourceTable | null {
  const rows: Row[] = [];
  for (const row of table.children) {
    const rowFrom = row.position?.start.offset;
    const rowTo = row.position?.end.offset;
    if (rowFrom === undefined || rowTo === undefined) continue;
    const cells: Cell[] = [];
    for (const cell of row.children) {
      const from = cell.position?.start.offset;
      const to = cell.position?.end.offset;
      if (from === undefined || to === undefined) continue;
      cells.push(cellOf(text, from, to));
    }
    rows.push({ cells, from: rowFrom, to: rowTo });
  }
  const header = rows[0];
  const tableFrom = table.position?.start.offset;
  const tableTo = table.position?.end.offset;
  if (header === undefined || tableFrom === undefined || tableTo === undefined) return null;
  // The delimiter row is the line after the header row.
  const delimiterFrom = text.indexOf('\n', header.to) + 1;
  let delimiterTo = text.indexOf('\n', delimiterFrom);
  if (delimiterTo === -1) delimiterTo = text.length;
  if (delimiterTo > delimiterFrom && text.charCodeAt(delimiterTo - 1) === 13) delimiterTo -= 1;
  return { header, delimiter: { from: delimiterFrom, to: delimiterTo }, rows: rows.slice(1), from: tableFrom, to: tableTo };
}

/** Splits one source line (offsets into `text`) into cells at unescaped pipes. */
function splitRow(text: string, from: number, to: number): Row {
  const cells: Cell[] = [];
  let [start, end] = trimBounds(text, from, to);
  const rowFrom = start;
  const rowTo = end;
  if (text.charCodeAt(start) === 124) start += 1;
  if (end > start && text.charCodeAt(end - 1) === 124 && text.charCodeAt(end - 2) !== 92) end -= 1;
  let cellFrom = start;
  for (let at = start; at <= end; at += 1) {
    if (at === end || (text.charCodeAt(at) === 124 && text.charCodeAt(at - 1) !== 92)) {
      const [a, b] = trimBounds(text, cellFrom, at);
      cells.push({ text: unescapePipes(text.slice(a, b)), from: a, to: b });
      cellFrom = at + 1;
    }
  }
  return { cells, from: rowFrom, to: rowTo };
}

/** True when every line of a paragraph starts with `|`: a table that lost its delimiter row. */
export function looksLikeTable(paragraph: Paragraph, text: string): boolean {
  const from = paragraph.position?.start.offset;
  const to = paragraph.position?.end.offset;
  if (from === undefined || to === undefined) return false;
  const lines = text.slice(from, to).split('\n');
  return lines.length >= 1 && lines.every((line) => line.trimStart().startsWith('|'));
}

/** Reads a pipe-looking paragraph as a table: first line the header, the rest rows. */
export function readPipeParagraph(paragraph: Paragraph, text: string): SourceTable | null {
  const from = paragraph.position?.start.offset;
  const to = paragraph.position?.end.offset;
  if (from === undefined || to === undefined) return null;
  const rows: Row[] = [];
  let lineFrom = from;
  while (lineFrom < to) {
    let lineTo = text.indexOf('\n', lineFrom);
    if (lineTo === -1 || lineTo > to) lineTo = to;
    rows.push(splitRow(text, lineFrom, lineTo));
    lineFrom = lineTo + 1;
  }
  const header = rows[0];
  if (header === undefined) return null;
  const second = rows[1];
  if (second !== undefined && DELIMITER_ROW.test(text.slice(second.from, second.to))) {
    return { header, delimiter: null, badDelimiter: { from: second.from, to: second.to, cells: second.cells.length }, rows: rows.slice(2), from, to };
  }
  return { header, delimiter: null, rows: rows.slice(1), from, to };
}


/** Cell text without bold/italic markers and a trailing colon: `**Story Points**` → `Story Points`. */
export function plainName(text: string): string {
  return text.replace(/\*\*|__/g, '').replace(/:+\s*$/, '').trim();
}
