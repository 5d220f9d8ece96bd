/**
 * Pull: the tracker's values written into the note as text edits, in the note's own forms
 * (docs/sync-record.md "Pull"): a metadata table cell stays a cell, an inline `**Status**: x` or
 * Dataview `Status:: x` stays inline, a status or priority is spelled as the note spells it, a new
 * title replaces only the heading's title, a subtask's cell stays a cell, a task-list subtask's
 * checkbox is ticked or cleared. A field the story does not have yet is added after its last
 * metadata field, in that field's form.
 * Edits are computed from `text` and its parse `epic` (the current text: the write-back's
 * `compute(currentText)` contract, `src/sync/writeback.ts`), and each one first checks that the
 * note still holds the value the plan read: a field typed over since the plan is skipped, never
 * overwritten. Pure.
 */
import { pointsText } from '../../model/points';
import type { Epic, MetaField, Story, Subtask } from '../../model/types';
import type { TextEdit } from '../writeback';
import { prioritySpelling, statusSpelling } from './spelling';
import type { TrackerReading } from './reading';
import type { FieldDecision } from './three-way';
import type { FieldValue } from './types';

/** A pull that was not written, and why (in plain words). */
export interface SkippedPull {
  readonly decision: FieldDecision;
  readonly reason: string;
}

/** The edits of a pull, and the pulls that could not be written. */
export interface PullEdits {
  /** Non-overlapping, in document order. */
  readonly edits: TextEdit[];
  readonly skipped: SkippedPull[];
}

/** Field names used when a field is added (the names format.md lists first). */
const FIELD_NAMES = { status: 'Status', story_points: 'Story Points', priority: 'Priority', labels: 'Labels' } as const;

/**
 * Edits that write each pull's tracker value into `text` (whose parse is `epic`); `reading` is the
 * plan's, to tell whether the note's labels still are the ones the plan read.
 */
export function pullEdits(text: string, epic: Epic, pulls: readonly FieldDecision[], reading: Pick<TrackerReading, 'noteLabels'>): PullEdits {
  const edits: TextEdit[] = [];
  const skipped: SkippedPull[] = [];
  for (const pull of pulls) {
    const story = epic.stories.find((candidate) => candidate.id.toUpperCase() === pull.storyId.toUpperCase());
    const outcome = story === undefined
      ? 'the story is no longer in the note'
      : pull.subtask === null ? storyEdit(text, epic, story, pull, reading) : subtaskEdit(text, epic, story, pull);
    if (typeof outcome === 'string') skipped.push({ decision: pull, reason: outcome });
    else if (outcome !== null) edits.push(outcome);
  }
  return { edits: coalesced(edits), skipped };
}

/**
 * Edits in document order, with inserts at one position joined into one edit in plan order: hosts
 * apply same-position inserts in different orders (CodeMirror as given, `applyTextEdits` last
 * first), and one edit reads the same everywhere.
 */
function coalesced(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.from - b.from);
  const result: TextEdit[] = [];
  for (const edit of sorted) {
    const previous = result[result.length - 1];
    if (previous !== undefined && previous.from === edit.from && previous.to === previous.from && edit.to === edit.from) {
      result[result.length - 1] = { from: edit.from, to: edit.to, insert: previous.insert + edit.insert };
    } else {
      result.push(edit);
    }
  }
  return result;
}

/** An edit, null when the note already reads as the pulled value, or the reason it cannot be written. */
type Outcome = TextEdit | null | string;

const CHANGED_SINCE_PLAN = 'the note changed this field after the plan was made: it is left as you wrote it';

function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return [...(a as string[])].sort().join('\n') === [...(b as string[])].sort().join('\n');
  return a === b;
}

function storyEdit(text: string, epic: Epic, story: Story, pull: FieldDecision, reading: Pick<TrackerReading, 'noteLabels'>): Outcome {
  const value = pull.tracker;
  switch (pull.field) {
    case 'status': {
      if (!sameValue(story.status, pull.note)) return CHANGED_SINCE_PLAN;
      if (typeof value !== 'string') return 'the tracker status has no note spelling';
      const field = story.statusField ?? emptyField(story, 'status');
      const spelled = statusSpelling(epic, value as Story['status'], field?.raw ?? '');
      return field === null ? addField(text, story, FIELD_NAMES.status, spelled) : replace(field.range, spelled);
    }
    case 'priority': {
      if (!sameValue(story.priority, pull.note)) return CHANGED_SINCE_PLAN;
      if (typeof value !== 'string') return `the tracker priority ${String(pull.trackerRaw)} has no note spelling (check the priority mapping)`;
      const field = story.priorityField ?? emptyField(story, 'priority');
      const spelled = prioritySpelling(epic, value as NonNullable<Story['priority']>, field?.raw ?? '');
      return field === null ? addField(text, story, FIELD_NAMES.priority, spelled) : replace(field.range, spelled);
    }
    case 'story_points': {
      if (!sameValue(story.storyPoints, pull.note)) return CHANGED_SINCE_PLAN;
      const field = story.pointsField;
      if (field === null) return value === null ? null : addField(text, story, FIELD_NAMES.story_points, pointsText(value as number));
      return replace(field.valueRange, pointsValue(field.value, value));
    }
    case 'labels': {
      if (!sameValue(reading.noteLabels(story), pull.note)) return CHANGED_SINCE_PLAN;
      if (!Array.isArray(value)) return 'the tracker labels are unreadable';
      const field = story.fields.find((candidate) => candidate.key === 'labels');
      const labels = (value as readonly string[]).join(', ');
      if (field === undefined) return labels === '' ? null : addField(text, story, FIELD_NAMES.labels, cellSafe(field, labels));
      return replace(field.valueRange, cellSafe(field, labels));
    }
    case 'title': {
      if (!sameValue(story.title === '' ? null : story.title, pull.note)) return CHANGED_SINCE_PLAN;
      if (typeof value !== 'string' || value.trim() === '') return 'the tracker summary is empty';
      return titleEdit(text, story, oneLine(value));
    }
    case 'description':
      return 'a description changed in the tracker is not written into the note yet (the note keeps its own; resolve it by hand or keep the note\'s)';
    default:
      return `${pull.field} is not a story field`;
  }
}

function subtaskEdit(text: string, epic: Epic, story: Story, pull: FieldDecision): Outcome {
  const subtask = story.subtasks.find((candidate) => candidate.number === pull.subtask);
  if (subtask === undefined) return 'the subtask is no longer in the note';
  const value = pull.tracker;
  if (pull.field === 'status') {
    if (!sameValue(subtask.status, pull.note)) return CHANGED_SINCE_PLAN;
    if (typeof value !== 'string') return 'the tracker status has no note spelling';
    if (subtask.form === 'tasklist') return checkboxEdit(text, subtask, value === 'done');
    const cell = subtask.statusField?.range ?? subtask.cells.status;
    if (cell === undefined) return 'the subtasks table has no Status column';
    return replace(cell, statusSpelling(epic, value as Subtask['status'], subtask.statusField?.raw ?? ''));
  }
  if (subtask.form === 'tasklist') return `a task-list subtask has no place for its ${pull.field === 'name' ? 'name to change' : 'points'}: use a subtasks table`;
  if (pull.field === 'story_points') {
    if (!sameValue(subtask.storyPoints, pull.note)) return CHANGED_SINCE_PLAN;
    const cell = subtask.cells.points;
    if (cell === undefined) return 'the subtasks table has no SP column';
    return replace(cell, pointsValue(text.slice(cell.from, cell.to), value));
  }
  if (pull.field === 'name') {
    if (!sameValue(subtask.name === '' ? null : subtask.name, pull.note)) return CHANGED_SINCE_PLAN;
    const cell = subtask.cells.name;
    if (cell === undefined || typeof value !== 'string' || value.trim() === '') return 'no subtask name to write';
    return replace(cell, escapeCell(oneLine(value)));
  }
  return `${pull.field} is not a subtask field`;
}

function replace(range: { readonly from: number; readonly to: number }, insert: string): TextEdit {
  return { from: range.from, to: range.to, insert };
}

/** A field of that kind written with an empty value (the model reads it as absent). */
function emptyField(story: Story, key: 'status' | 'priority'): { raw: string; range: MetaField['valueRange'] } | null {
  const field = story.fields.find((candidate) => candidate.key === key);
  return field === undefined ? null : { raw: field.value, range: field.valueRange };
}

/** The points value text with its number replaced, keeping unit and emphasis (`**5** SP` → `**8** SP`); `TBD` for none. */
function pointsValue(written: string, value: FieldValue): string {
  const number = typeof value === 'number' ? pointsText(value) : 'TBD';
  const found = /\d+(?:[.,]\d+)?|[.,]\d+/.exec(written);
  if (found === null || typeof value !== 'number') return number;
  return written.slice(0, found.index) + number + written.slice(found.index + found[0].length);
}

/** A value on one line: line breaks and runs of white space become one space. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** A table cell cannot hold an unescaped pipe. */
function escapeCell(value: string): string {
  return value.replace(/(?<!\\)\|/g, '\\|');
}

function cellSafe(field: MetaField | undefined, value: string): string {
  return field?.form === 'table' ? escapeCell(value) : value;
}

/** Replaces only the title of the story heading (id, emoji and closing hashes stay). */
function titleEdit(text: string, story: Story, title: string): Outcome {
  const after = story.idRange.to;
  const lineEnd = lineEndOf(text, story.headerRange.from);
  if (story.title === '') return { from: after, to: after, insert: `: ${title}` };
  const at = text.indexOf(story.title, after);
  if (at === -1 || at + story.title.length > lineEnd) return 'the heading could not be read back';
  return { from: at, to: at + story.title.length, insert: title };
}

function checkboxEdit(text: string, subtask: Subtask, done: boolean): Outcome {
  const line = text.slice(subtask.range.from, lineEndOf(text, subtask.range.from));
  const box = /\[([ xX])\]/.exec(line);
  if (box === null) return 'the task-list item has no checkbox';
  const checked = box[1] !== ' ';
  if (checked === done) return null;
  const at = subtask.range.from + box.index + 1;
  return { from: at, to: at + 1, insert: done ? 'x' : ' ' };
}

function lineEndOf(text: string, position: number): number {
  const end = text.indexOf('\n', position);
  if (end === -1) return text.length;
  return text[end - 1] === '\r' ? end - 1 : end;
}

/**
 * A new metadata field after the story's last one, in that field's form: a table row copies the
 * row's cell layout, an inline or Dataview field its line prefix (`> ` in a blockquote).
 */
function addField(text: string, story: Story, name: string, value: string): Outcome {
  const last = story.fields[story.fields.length - 1];
  if (last === undefined) return `the story has no metadata to add ${name} to: add a ${name} field and sync again`;
  const lineStart = text.lastIndexOf('\n', last.range.from - 1) + 1;
  const lineEnd = lineEndOf(text, last.range.to);
  const eol = text[lineEnd] === '\r' ? '\r\n' : text.includes('\r\n') ? '\r\n' : '\n';
  const head = text.slice(last.range.from, last.valueRange.from);
  const at = head.indexOf(last.name);
  if (at === -1) return `the story's metadata could not be read back to add ${name}`;
  const prefix = text.slice(lineStart, last.range.from);
  // A second field on an inline line keeps only the line's quote marker, not the fields before it.
  const linePrefix = /^[\s>]*$/.test(prefix) ? prefix : (/^[\s>]*/.exec(prefix)?.[0] ?? '');
  const line = linePrefix + head.slice(0, at) + name + head.slice(at + last.name.length) + (last.form === 'table' ? escapeCell(value) : value) + text.slice(last.valueRange.to, last.range.to);
  return { from: lineEnd, to: lineEnd, insert: `${eol}${line}` };
}
