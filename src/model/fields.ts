/**
 * Metadata fields: the canonical names with their aliases, and the readers of every written
 * form (table rows, inline `**Name**: value`, blockquote, Dataview `Name:: value`).
 */
import type { RootContent } from 'mdast';
import type { FieldForm, FieldKey, MetaField } from './types';
import type { LineIndex } from './source-range';
import { trimBounds } from './source-range';
import type { SourceTable } from './tables';
import { looksLikeTable, plainName, readPipeParagraph, readTable } from './tables';

/** Field names and aliases (lower case) → canonical key. Anything else is kept with key null. */
export const FIELD_ALIASES: ReadonlyMap<string, FieldKey> = new Map<string, FieldKey>([
  ['story points', 'story_points'],
  ['story point', 'story_points'],
  ['story_points', 'story_points'],
  ['storypoints', 'story_points'],
  ['points', 'story_points'],
  ['sp', 'story_points'],
  ['estimate', 'story_points'],
  ['priority', 'priority'],
  ['prio', 'priority'],
  ['status', 'status'],
  ['state', 'status'],
  ['phase', 'phase'],
  ['assignee', 'assignee'],
  ['owner', 'assignee'],
  ['labels', 'labels'],
  ['label', 'labels'],
  ['tags', 'labels'],
  ['sprint', 'sprint'],
  ['issue', 'issue'],
  ['issue key', 'issue'],
]);

/** The canonical key of a field name as written (case-insensitive, bold and colon ignored). */
export function fieldKey(name: string): FieldKey | null {
  return FIELD_ALIASES.get(plainName(name).replace(/\s+/g, ' ').toLowerCase()) ?? null;
}

const KNOWN_NAMES = [...FIELD_ALIASES.keys()].filter((name) => !name.includes('_')).sort((a, b) => b.length - a.length).join('|').replace(/ /g, '[ \\t]+');

/**
 * A field start at the current position (sticky): `**Name**:`, `**Name:**`, `Name::` (Dataview),
 * or a known name without bold `Status:`. Group 1/2: bold name, 3: Dataview name, 4: plain name.
 */
const FIELD_START = new RegExp(
  `\\*\\*([^*\\n]{1,60}?)\\*\\*[ \\t]*:(?!:)|\\*\\*([^*\\n]{1,60}?):\\*\\*|([^\\s:*|>\\[][^:\\n]{0,60}?)::|(${KNOWN_NAMES})[ \\t]*:(?!:)`,
  'iy',
);

/** Where the next field of the same line starts: two or more spaces (or a tab) before a field start. */
const NEXT_FIELD = new RegExp(
  `(?:[ \\t]{2,}|\\t)(?=\\*\\*[^*\\n]{1,60}?(?:\\*\\*[ \\t]*:(?!:)|:\\*\\*)|[^\\s:*|>\\[][^:\\n]{0,60}?::|(?:${KNOWN_NAMES})[ \\t]*:(?!:))`,
  'gi',
);

/**
 * Fields written inline on one line of `text` (`[from, to)` is the line without its break),
 * several per line when separated by two spaces. Only lines that start with a field count.
 */
export function readInlineFields(text: string, from: number, to: number, form: FieldForm, index: LineIndex): MetaField[] {
  const fields: MetaField[] = [];
  // Work on the line alone so the sticky/global searches never scan past its end.
  const line = text.slice(from, to);
  const end = line.length;
  let at = 0;
  while (at < end && (line.charCodeAt(at) === 32 || line.charCodeAt(at) === 9)) at += 1;
  while (at < end) {
    FIELD_START.lastIndex = at;
    const start = FIELD_START.exec(line);
    if (start === null) break;
    const dataview = start[3] !== undefined;
    const name = (start[1] ?? start[2] ?? start[3] ?? start[4] ?? '').trim();
    const valueFrom = at + start[0].length;
    NEXT_FIELD.lastIndex = valueFrom;
    const next = NEXT_FIELD.exec(line);
    const valueTo = next === null ? end : next.index;
    const [a, b] = trimBounds(line, valueFrom, valueTo);
    if (name !== '') {
      fields.push({
        name,
        key: fieldKey(name),
        value: line.slice(a, b),
        form: dataview && form === 'inline' ? 'dataview' : form,
        range: index.range(from + at, from + b),
        valueRange: index.range(from + a, from + b),
      });
    }
    if (next === null) break;
    at = next.index + next[0].length;
  }
  return fields;
}

/** Splits `[from, to)` of `text` into lines: `[lineFrom, lineTo)` pairs without breaks. */
export function linesOf(text: string, from: number, to: number): [number, number][] {
  const lines: [number, number][] = [];
  let lineFrom = from;
  while (lineFrom <= to) {
    let lineTo = text.indexOf('\n', lineFrom);
    if (lineTo === -1 || lineTo > to) lineTo = to;
    let end = lineTo;
    if (end > lineFrom && text.charCodeAt(end - 1) === 13) end -= 1;
    lines.push([lineFrom, end]);
    if (lineTo >= to) break;
    lineFrom = lineTo + 1;
  }
  return lines;
}

/** Offset just after a blockquote marker (`>` and one optional space) on a line, or -1. */
export function afterQuoteMarker(text: string, from: number, to: number): number {
  let at = from;
  while (at < to && text.charCodeAt(at) === 32) at += 1;
  if (text.charCodeAt(at) !== 62) return -1;
  at += 1;
  while (at < to && text.charCodeAt(at) === 62) at += 1;
  if (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at += 1;
  return at;
}

/** Table rows as fields: first cell the name, second the value. The header row counts only when it names a known field. */
export function readTableFields(node: RootContent, text: string, index: LineIndex): MetaField[] {
  if (node.type !== 'table') return [];
  const table = readTable(node, text);
  return table === null ? [] : tableFields(table, index);
}

/**
 * Rows of a table as fields. Also for rows written without a `| Field | Value |` header and
 * `|---|` row (issue 12 class 1): then the "header" is the first metadata row itself.
 */
function tableFields(table: SourceTable, index: LineIndex): MetaField[] {
  const fields: MetaField[] = [];
  const rows = fieldKey(table.header.cells[0]?.text ?? '') === null ? table.rows : [table.header, ...table.rows];
  for (const row of rows) {
    const nameCell = row.cells[0];
    const valueCell = row.cells[1];
    if (nameCell === undefined || valueCell === undefined) continue;
    const name = plainName(nameCell.text);
    if (name === '') continue;
    fields.push({
      name,
      key: fieldKey(name),
      value: valueCell.text,
      form: 'table',
      range: index.range(row.from, row.to),
      valueRange: index.range(valueCell.from, valueCell.to),
    });
  }
  return fields;
}

/**
 * Every metadata field in a run of body nodes, in note order: tables, paragraph lines, and
 * blockquote lines. Lines inside `[skipFrom, skipTo)` (the written-back issue line) are ignored.
 */
export function readFields(nodes: readonly RootContent[], text: string, index: LineIndex, skip: readonly [number, number] | null): MetaField[] {
  const fields: MetaField[] = [];
  for (const node of nodes) {
    const from = node.position?.start.offset;
    const to = node.position?.end.offset;
    if (from === undefined || to === undefined) continue;
    if (node.type === 'table') {
      fields.push(...readTableFields(node, text, index));
    } else if (node.type === 'paragraph' && looksLikeTable(node, text)) {
      const table = readPipeParagraph(node, text);
      if (table !== null) fields.push(...tableFields(table, index));
    } else if (node.type === 'paragraph') {
      for (const [lineFrom, lineTo] of linesOf(text, from, to)) fields.push(...readInlineFields(text, lineFrom, lineTo, 'inline', index));
    } else if (node.type === 'blockquote') {
      for (const [lineFrom, lineTo] of linesOf(text, from, to)) {
        if (skip !== null && lineFrom >= skip[0] && lineFrom < skip[1]) continue;
        const content = afterQuoteMarker(text, lineFrom, lineTo);
        if (content === -1) continue;
        fields.push(...readInlineFields(text, content, lineTo, 'blockquote', index));
      }
    }
  }
  return fields;
}
