/**
 * `#### Subtasks`: a table whose columns are found by header name, or a task list
 * `- [x] Name (2 SP)`. A row with a bad value is kept and reported.
 */
import type { RootContent } from 'mdast';
import type { SourceRange, StatusValue, Subtask, SubtaskColumn, SubtaskTable } from './types';
import { listOrNone, NO_ITEMS } from './empty-list';
import type { LocalDiagnostic } from './diagnostics';
import type { LineIndex } from './source-range';
import type { SourceTable } from './tables';
import { readTaskItems } from './criteria';
import { invalidPointsText, readPoints } from './points';
import { looksLikeTable, plainName, readPipeParagraph, readTable } from './tables';
import { STATUS_WORDS_HINT, matchStatus } from './vocabulary';
import { MAX_SUMMARY_LENGTH } from './story';
import { issueKeyIn } from './issue-key';

/** Subtask column header names (lower case) → column. */
export const SUBTASK_COLUMNS: ReadonlyMap<string, SubtaskColumn> = new Map<string, SubtaskColumn>([
  ['#', 'number'], ['no', 'number'], ['no.', 'number'], ['nr', 'number'], ['id', 'number'], ['number', 'number'],
  ['subtask', 'name'], ['sub-task', 'name'], ['task', 'name'], ['name', 'name'], ['title', 'name'], ['summary', 'name'],
  ['description', 'description'], ['details', 'description'],
  ['sp', 'points'], ['points', 'points'], ['story points', 'points'], ['estimate', 'points'], ['pts', 'points'],
  ['status', 'status'], ['state', 'status'],
  ['assignee', 'assignee'], ['owner', 'assignee'],
  ['issue', 'issue'], ['key', 'issue'], ['issue key', 'issue'],
]);

/** `(2 SP)` / `(3 pts)` / `(1 point)` at the end of a checkbox subtask. */
const TASK_POINTS = /[ \t]*\((\d+(?:[.,]\d+)?)[ \t]*(?:sp|pts?|points?)\)[ \t]*$/i;

/** A checkbox subtask `**Name** - description` (or `: description`, or a bold name alone). */
const BOLD_NAME = /^(?:\*\*([^*]+?)\*\*|__([^_]+?)__)(?:[ \t]*[-–—:][ \t]*|[ \t]*$)(.*)$/s;

/** The cells of a task-list subtask (it has none): one shared, frozen object. */
const NO_CELLS: Subtask['cells'] = Object.freeze({});

/** What the Subtasks section holds. */
export interface SubtasksReading {
  readonly subtasks: readonly Subtask[];
  readonly table: SubtaskTable | null;
  readonly diagnostics: readonly LocalDiagnostic[];
}

/** The column a header cell names, or null. */
export function subtaskColumn(header: string): SubtaskColumn | null {
  return SUBTASK_COLUMNS.get(plainName(header).replace(/\s+/g, ' ').toLowerCase()) ?? null;
}

function readFromTable(table: SourceTable, text: string, index: LineIndex, diagnostics: LocalDiagnostic[]): Subtask[] {
  const columns = table.header.cells.map((cell) => subtaskColumn(cell.text));
  const at = (column: SubtaskColumn): number => columns.indexOf(column);
  const nameAt = at('name');
  if (nameAt === -1) {
    diagnostics.push({
      severity: 'warning',
      code: 'subtasks-without-name-column',
      message: 'The Subtasks table has no Subtask (or Task, Name, Title) column, so its rows are not read as subtasks.',
      range: index.range(table.header.from, table.header.to),
    });
    return [];
  }
  const subtasks: Subtask[] = [];
  // Subtask number → line of its first row.
  const numbers = new Map<number, number>();
  table.rows.forEach((row, position) => {
    const cell = (column: SubtaskColumn): { text: string; from: number; to: number } | undefined => {
      const i = at(column);
      return i === -1 ? undefined : row.cells[i];
    };
    const cells: Partial<Record<SubtaskColumn, SourceRange>> = {};
    columns.forEach((column, i) => {
      const found = row.cells[i];
      if (column !== null && found !== undefined && cells[column] === undefined) cells[column] = index.range(found.from, found.to);
    });
    const rowRange = index.range(row.from, row.to);
    const name = cell('name')?.text ?? '';
    if (name === '') {
      diagnostics.push({ severity: 'warning', code: 'invalid-subtask-row', message: `Subtask row ${position + 1} has no name.`, range: rowRange });
    }
    const numberText = (cell('number')?.text ?? '').replace(/\*\*/g, '').trim();
    const number = /^\d+$/.test(numberText) ? Number(numberText) : position + 1;
    const firstRow = numbers.get(number);
    if (firstRow === undefined) numbers.set(number, position + 1);
    else {
      // Two rows with one number share one identity in the tracker: one issue would be orphaned.
      // The first row is named by its place in the table, not its line: a story reused by the
      // incremental parse is shifted without re-reading its messages, and lines above it move.
      diagnostics.push({
        severity: 'error',
        code: 'duplicate-subtask-number',
        message: `Subtask number ${number} is used twice (first in row ${firstRow} of the table); give each row its own number (two issues would share one identity in the tracker; the sync waits until then).`,
        range: rowRange,
      });
    }
    if (name.length > MAX_SUMMARY_LENGTH) {
      diagnostics.push({
        severity: 'error',
        code: 'title-too-long',
        message: `Subtask ${number}'s name is ${name.length} characters; Jira's summary holds at most ${MAX_SUMMARY_LENGTH}, so the sync would fail. Shorten it and put the rest in the Description column.`,
        range: rowRange,
      });
    }
    let storyPoints: number | null = null;
    const pointsCell = cell('points');
    if (pointsCell !== undefined) {
      const reading = readPoints(pointsCell.text);
      if (reading.kind === 'number') storyPoints = reading.value;
      else if (reading.kind === 'invalid') {
        diagnostics.push({
          severity: 'warning',
          code: 'invalid-subtask-row',
          message: `Subtask "${name}": its points ${invalidPointsText(pointsCell.text, reading.reason)}`,
          range: index.range(pointsCell.from, pointsCell.to),
        });
      }
    }
    let statusField: StatusValue | null = null;
    const statusCell = cell('status');
    if (statusCell !== undefined && statusCell.text !== '') {
      const match = matchStatus(statusCell.text);
      // The status cell's range is already in `cells`: one object, not two equal ones.
      statusField = { value: match.status, raw: statusCell.text, known: match.known, range: cells.status ?? index.range(statusCell.from, statusCell.to) };
      if (!match.known) {
        diagnostics.push({
          severity: 'warning',
          code: 'unknown-status',
          message: `Subtask "${name}" has a status "${statusCell.text}" that is not one we know (the whole cell must be one status); it counts as planned, not done. Write one of ${STATUS_WORDS_HINT}.`,
          range: statusField.range,
        });
      }
    }
    const assignee = cell('assignee')?.text ?? '';
    // A key bare or in a link: `PROJ-12`, `#13`, `[#13](https://github.com/acme/infra/issues/13)`.
    const issue = issueKeyIn(cell('issue')?.text ?? '');
    subtasks.push({
      number,
      name,
      description: cell('description')?.text ?? '',
      storyPoints,
      status: statusField?.value ?? 'planned',
      statusField,
      assignee: assignee === '' ? null : assignee,
      issueKey: issue,
      form: 'table',
      range: rowRange,
      cells,
    });
  });
  return subtasks;
}

/** Reads a Subtasks section body (`nodes` positions are offsets into `text`). */
export function readSubtasks(nodes: readonly RootContent[], text: string, index: LineIndex): SubtasksReading {
  const diagnostics: LocalDiagnostic[] = [];
  for (const node of nodes) {
    if (node.type === 'table') {
      const table = readTable(node, text);
      if (table === null || table.delimiter === null) continue;
      const subtasks = readFromTable(table, text, index, diagnostics);
      return {
        subtasks: listOrNone(subtasks),
        table: {
          columns: table.header.cells.map((cell) => subtaskColumn(cell.text)),
          headers: table.header.cells.map((cell) => cell.text),
          range: index.range(table.from, table.to),
          headerRange: index.range(table.header.from, table.header.to),
          delimiterRange: index.range(table.delimiter.from, table.delimiter.to),
        },
        diagnostics: listOrNone(diagnostics),
      };
    }
    if (node.type === 'paragraph' && looksLikeTable(node, text)) {
      const table = readPipeParagraph(node, text);
      if (table === null) continue;
      const bad = table.badDelimiter;
      diagnostics.push(bad === undefined ? {
        severity: 'warning',
        code: 'malformed-table',
        message: 'The Subtasks table has no |---| row under its header, so it is not a table; its rows are read anyway. Add the delimiter row.',
        range: index.range(table.from, table.to),
      } : {
        severity: 'warning',
        code: 'malformed-table',
        message: `The Subtasks table's |---| row has ${bad.cells} cells (an empty one, as in "||", counts) but the header has ${table.header.cells.length}, so it is not a table; its rows are read anyway. Write one |---| cell per column, e.g. "|${table.header.cells.map(() => '---').join('|')}|".`,
        range: index.range(bad.from, bad.to),
      });
      return { subtasks: listOrNone(readFromTable(table, text, index, diagnostics)), table: null, diagnostics };
    }
    if (node.type === 'list') {
      // Changing the bullet (`-`, `*`, `+`) starts a new list: read the items of every list.
      const items = readTaskItems(nodes, text, false);
      if (items.length === 0) continue;
      const subtasks = items.map((item, position): Subtask => {
        const points = TASK_POINTS.exec(item.text);
        const text = points === null ? item.text : item.text.slice(0, points.index).trim();
        // `**Task 1** - First task description`: the bold part is the name (issue 12 class 10).
        const named = BOLD_NAME.exec(text);
        return {
          number: position + 1,
          name: named === null ? text : (named[1] ?? named[2] ?? '').trim(),
          description: named === null ? '' : (named[3] ?? '').trim(),
          storyPoints: points === null ? null : Number((points[1] ?? '').replace(',', '.')),
          status: item.done ? 'done' : 'open',
          statusField: null,
          assignee: null,
          issueKey: null,
          form: 'tasklist',
          range: index.range(item.from, item.to),
          cells: NO_CELLS,
        };
      });
      return { subtasks, table: null, diagnostics: listOrNone(diagnostics) };
    }
  }
  return { subtasks: NO_ITEMS, table: null, diagnostics: listOrNone(diagnostics) };
}
