/**
 * Writing tracker keys back into the note (docs/cli.md "Written back"): which key goes where.
 * The note syntax itself (the issue line, the Issue column, frontmatter `epic`) is written by
 * src/model/key-edits.ts. Edits are computed from a parse of the CURRENT text, so what the user
 * typed meanwhile stays. The edits are `{from, to, insert}` in the coordinates of that text: apply
 * them with `applyTextEdits`, or dispatch them as one CodeMirror transaction
 * (`view.dispatch({ changes: edits })`).
 */
import type { Epic, Story, Subtask } from '../model/types';
import type { IssueLineOptions, TextEdit } from '../model/key-edits';
import { epicKeyEdits, issueLineText, storyKeyEdits, subtaskKeyEdits } from '../model/key-edits';
import type { KeyAssignment } from './tracker';

export { applyTextEdits, issueLineText, syncedStamp } from '../model/key-edits';
export type { TextEdit } from '../model/key-edits';

/** How write-back spells links and stamps. */
export type WriteBackOptions = IssueLineOptions;

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
    const epicEdit = epicKeyEdits(text, epic, epicKey);
    edits.push(...epicEdit);
    if (epicEdit.length > 0) placed.push({ kind: 'epic', key: epicKey });
  }
  for (const story of epic.stories) {
    const id = story.id.toUpperCase();
    const assignment = storyKeys.get(id);
    if (assignment !== undefined) {
      const storyEdit = storyKeyEdits(text, story, assignment.key, issueLineText(assignment.key, options));
      edits.push(...storyEdit);
      if (storyEdit.length > 0 && story.issueKey === null) placed.push(assignment);
    }
    const subtasks = subtaskKeys.get(id);
    if (subtasks !== undefined) {
      const keysByNumber = new Map([...subtasks].map(([number, entry]) => [number, entry.key]));
      const result = subtaskKeyEdits(text, story, keysByNumber);
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

