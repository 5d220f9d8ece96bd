/**
 * "Add to note" (docs/sync-record.md "New and vanished issues"): a story created in the tracker
 * under the epic becomes a story block after the note's last story (the end of its phase), with
 * the next free story id, the written-back issue line and the note's own metadata form; a subtask
 * created under a synced story becomes a row at the end of that story's subtasks table (or a task
 * item, or a new Subtasks table) with its key. Pure text edits against `text` and its parse `epic`.
 */
import { pointsText } from '../../model/points';
import type { Epic, FieldForm, Story } from '../../model/types';
import type { KeyAssignment } from '../tracker';
import { issueLineText, type TextEdit, type WriteBackOptions } from '../writeback';
import { prioritySpelling, statusSpelling } from './spelling';
import type { RemoteAddition } from './three-way';

/** The edits that add issues, and what they mean for the note. */
export interface AdditionEdits {
  /** Non-overlapping, in document order. */
  readonly edits: TextEdit[];
  /** The story id each new story got, by tracker key. */
  readonly storyIds: ReadonlyMap<string, string>;
  /**
   * Keys the edits could not place (a subtasks table without an `Issue` column): hand them to the
   * write-back after re-parsing, which adds the column in the table's own style.
   */
  readonly keys: KeyAssignment[];
  /** Additions that were not made, and why. */
  readonly skipped: { readonly addition: RemoteAddition; readonly reason: string }[];
}

/** Edits that add `additions` to `text` (whose parse is `epic`). */
export function additionEdits(text: string, epic: Epic, additions: readonly RemoteAddition[], options: WriteBackOptions): AdditionEdits {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const edits: TextEdit[] = [];
  const keys: KeyAssignment[] = [];
  const skipped: AdditionEdits['skipped'] = [];
  const storyIds = new Map<string, string>();

  const bySubtaskStory = new Map<string, RemoteAddition[]>();
  for (const addition of additions) {
    if (addition.kind !== 'subtask') continue;
    if (addition.storyId === null) {
      skipped.push({ addition, reason: 'the subtask belongs to no story of the note' });
      continue;
    }
    const list = bySubtaskStory.get(addition.storyId.toUpperCase()) ?? [];
    list.push(addition);
    bySubtaskStory.set(addition.storyId.toUpperCase(), list);
  }
  for (const [storyId, subtasks] of bySubtaskStory) {
    const story = epic.stories.find((candidate) => candidate.id.toUpperCase() === storyId);
    if (story === undefined) {
      for (const addition of subtasks) skipped.push({ addition, reason: `the story ${storyId} is no longer in the note` });
      continue;
    }
    const result = subtaskRows(text, epic, story, subtasks, eol);
    edits.push(result.edit);
    keys.push(...result.keys);
  }

  const stories = additions.filter((addition) => addition.kind === 'story');
  if (stories.length > 0) {
    const ids = nextStoryIds(epic.stories, stories.length);
    const last = epic.stories[epic.stories.length - 1];
    // A note that closes each story with a `---` rule (the seed's style) gets the new stories after
    // the last rule, each closed by one too.
    const rule = last === undefined ? null : /^(?:[ \t]*\r?\n)*[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*(?=\r?\n|$)/.exec(text.slice(last.range.to));
    const ruled = rule !== null;
    const at = last === undefined ? text.length : last.range.to + (rule?.[0].length ?? 0);
    const blocks = stories.map((addition, index) => {
      const id = ids[index] ?? `US-${index + 1}`;
      storyIds.set(addition.key, id);
      return storyBlock(epic, addition, id, last, options, eol) + (ruled ? `${eol}${eol}---` : '');
    });
    const before = text.slice(0, at);
    const lead = before === '' ? '' : before.endsWith(`${eol}${eol}`) ? '' : before.endsWith(eol) ? eol : `${eol}${eol}`;
    const after = text.slice(at);
    const tail = after === '' ? eol : after.startsWith(`${eol}${eol}`) ? '' : after.startsWith(eol) ? eol : `${eol}${eol}`;
    edits.push({ from: at, to: at, insert: `${lead}${blocks.join(`${eol}${eol}`)}${tail}` });
  }
  return { edits: edits.sort((a, b) => a.from - b.from), storyIds, keys, skipped };
}

/** The next `count` story ids in the note's own scheme (`US-007` after `US-006`); `US-001` for a note without one. */
export function nextStoryIds(stories: readonly Pick<Story, 'id'>[], count: number): string[] {
  const schemes = new Map<string, { width: number; max: number; uses: number }>();
  for (const story of stories) {
    const found = /^(.*?)(\d+)$/.exec(story.id);
    if (found === null) continue;
    const prefix = found[1] ?? '';
    const digits = found[2] ?? '';
    const scheme = schemes.get(prefix) ?? { width: 0, max: 0, uses: 0 };
    schemes.set(prefix, { width: Math.max(scheme.width, digits.length), max: Math.max(scheme.max, Number(digits)), uses: scheme.uses + 1 });
  }
  const taken = new Set(stories.map((story) => story.id.toUpperCase()));
  let best: [string, { width: number; max: number }] = ['US-', { width: 3, max: 0 }];
  let bestUses = 0;
  for (const [prefix, scheme] of schemes) {
    if (scheme.uses > bestUses) {
      best = [prefix, scheme];
      bestUses = scheme.uses;
    }
  }
  const [prefix, { width, max }] = best;
  const ids: string[] = [];
  for (let number = max + 1; ids.length < count; number++) {
    const id = `${prefix}${String(number).padStart(width, '0')}`;
    if (!taken.has(id.toUpperCase())) ids.push(id);
  }
  return ids;
}

/** The metadata form the note uses most (its first story's), table when it has none. */
function metadataForm(epic: Epic): FieldForm {
  for (const story of epic.stories) {
    const first = story.fields[0];
    if (first !== undefined) return first.form;
  }
  return 'table';
}

function escapeCell(value: string): string {
  return value.replace(/\s+/g, ' ').trim().replace(/(?<!\\)\|/g, '\\|');
}

function storyBlock(epic: Epic, addition: RemoteAddition, id: string, last: Story | undefined, options: WriteBackOptions, eol: string): string {
  const level = last?.level ?? 3;
  const title = addition.summary.replace(/\s+/g, ' ').trim();
  const fields: [string, string][] = [];
  if (addition.storyPoints !== null) fields.push(['Story Points', pointsText(addition.storyPoints)]);
  if (addition.priority !== null) fields.push(['Priority', prioritySpelling(epic, addition.priority, '')]);
  fields.push(['Status', statusSpelling(epic, addition.status, '')]);
  if (addition.labels.length > 0) fields.push(['Labels', addition.labels.join(', ')]);
  const form = metadataForm(epic);
  const metadata = form === 'table'
    ? ['| Field | Value |', '|-------|-------|', ...fields.map(([name, value]) => `| **${name}** | ${escapeCell(value)} |`)]
    : fields.map(([name, value]) => (form === 'dataview' ? `${name}:: ${value}` : form === 'blockquote' ? `> **${name}**: ${value}` : `**${name}**: ${value}`));
  const lines = [`${'#'.repeat(level)} ${id}: ${title}`, issueLineText(addition.key, options), '', ...metadata];
  if (addition.subtasks.length > 0) {
    lines.push('', '#### Subtasks', '', '| # | Subtask | SP | Status | Issue |', '|---|---------|----|--------|-------|');
    addition.subtasks.forEach((subtask, index) => {
      lines.push(`| ${index + 1} | ${escapeCell(subtask.summary)} | ${subtask.storyPoints === null ? '' : pointsText(subtask.storyPoints)} | ${statusSpelling(epic, subtask.status, '')} | ${subtask.key} |`);
    });
  }
  return lines.join(eol);
}

function lineEndOf(text: string, position: number): number {
  const end = text.indexOf('\n', position);
  if (end === -1) return text.length;
  return text[end - 1] === '\r' ? end - 1 : end;
}

/** Rows (or items, or a new table) for the story's new subtasks, and the keys left for write-back. */
function subtaskRows(text: string, epic: Epic, story: Story, subtasks: readonly RemoteAddition[], eol: string): { edit: TextEdit; keys: KeyAssignment[] } {
  let number = story.subtasks.reduce((max, subtask) => Math.max(max, subtask.number), 0);
  const table = story.subtaskTable;
  const tableRows = story.subtasks.filter((subtask) => subtask.form === 'table');
  if (table !== null && tableRows.length === story.subtasks.length) {
    const header = text.slice(table.headerRange.from, lineEndOf(text, table.headerRange.from)).trim();
    const leading = header.startsWith('|');
    const trailing = header.endsWith('|') && header.length > 1;
    const sample = tableRows.find((subtask) => subtask.statusField !== null)?.statusField?.raw ?? '';
    const keys: KeyAssignment[] = [];
    const rows = subtasks.map((subtask) => {
      number += 1;
      const cells = table.columns.map((column) => {
        switch (column) {
          case 'number': return String(number);
          case 'name': return escapeCell(subtask.summary);
          case 'points': return subtask.storyPoints === null ? '' : pointsText(subtask.storyPoints);
          case 'status': return statusSpelling(epic, subtask.status, sample);
          case 'issue': return subtask.key;
          default: return '';
        }
      });
      if (!table.columns.includes('issue')) keys.push({ kind: 'subtask', storyId: story.id, number, key: subtask.key });
      return `${leading ? '| ' : ''}${cells.join(' | ')}${trailing ? ' |' : ''}`;
    });
    const end = lineEndOf(text, table.range.to === 0 ? 0 : table.range.to - 1);
    return { edit: { from: end, to: end, insert: rows.map((row) => `${eol}${row}`).join('') }, keys };
  }
  const last = story.subtasks[story.subtasks.length - 1];
  if (last !== undefined && last.form === 'tasklist') {
    // Task items have no place for a key: the re-run matches them by title.
    const line = text.slice(text.lastIndexOf('\n', last.range.from - 1) + 1, lineEndOf(text, last.range.from));
    const marker = /^[ \t]*[-*+][ \t]+/.exec(line)?.[0] ?? '- ';
    const end = lineEndOf(text, last.range.to === 0 ? 0 : last.range.to - 1);
    const items = subtasks.map((subtask) => `${eol}${marker}[${subtask.status === 'done' ? 'x' : ' '}] ${subtask.summary.replace(/\s+/g, ' ').trim()}`);
    return { edit: { from: end, to: end, insert: items.join('') }, keys: [] };
  }
  const rows = subtasks.map((subtask) => {
    number += 1;
    return `| ${number} | ${escapeCell(subtask.summary)} | ${subtask.storyPoints === null ? '' : pointsText(subtask.storyPoints)} | ${statusSpelling(epic, subtask.status, '')} | ${subtask.key} |`;
  });
  const section = ['#### Subtasks', '', '| # | Subtask | SP | Status | Issue |', '|---|---------|----|--------|-------|', ...rows].join(eol);
  const end = story.range.to;
  const before = text.slice(0, end);
  const lead = before.endsWith(`${eol}${eol}`) ? '' : before.endsWith(eol) ? eol : `${eol}${eol}`;
  return { edit: { from: end, to: end, insert: `${lead}${section}${eol}` }, keys: [] };
}
