/**
 * Task-list items (`- [ ]`, `* [x]`, `+ [X]`, nested) read as acceptance criteria, and the
 * same items read as checkbox subtasks.
 */
import type { List, ListItem, RootContent } from 'mdast';
import type { AcceptanceCriterion } from './types';
import type { LineIndex } from './source-range';
import { trimBounds } from './source-range';

/** The bullet and checkbox at the start of a task item: `- [x] `, `1. [ ] `. */
const TASK_MARKER = /^([-*+]|\d{1,9}[.)])[ \t]+\[([ xX])\]/;

/** A task item as source: its text (without the checkbox), state, depth and offsets. */
export interface TaskItem {
  readonly text: string;
  readonly done: boolean;
  readonly depth: number;
  /** Bullet to the end of the item's first paragraph. */
  readonly from: number;
  readonly to: number;
  readonly checkboxFrom: number;
  /** Offsets of `text`. */
  readonly textFrom: number;
  readonly textTo: number;
}

function readItem(item: ListItem, text: string, depth: number): TaskItem | null {
  const from = item.position?.start.offset;
  if (from === undefined || typeof item.checked !== 'boolean') return null;
  const marker = TASK_MARKER.exec(text.slice(from, from + 16));
  if (marker === null) return null;
  const checkboxFrom = from + marker[0].length - 3;
  const first = item.children[0];
  const paragraphTo = first?.type === 'paragraph' ? (first.position?.end.offset ?? checkboxFrom + 3) : checkboxFrom + 3;
  const [textFrom, textTo] = trimBounds(text, checkboxFrom + 3, Math.max(checkboxFrom + 3, paragraphTo));
  return {
    text: text.slice(textFrom, textTo).replace(/\r/g, ''),
    done: item.checked,
    depth,
    from,
    to: Math.max(textTo, checkboxFrom + 3),
    checkboxFrom,
    textFrom,
    textTo,
  };
}

function collect(list: List, text: string, depth: number, into: TaskItem[], nested: boolean): void {
  for (const item of list.children) {
    const task = readItem(item, text, depth);
    if (task !== null) into.push(task);
    if (!nested) continue;
    for (const child of item.children) {
      if (child.type === 'list') collect(child, text, depth + 1, into, nested);
    }
  }
}

/** Task items of the top-level lists among `nodes`; nested items too when `nested`. */
export function readTaskItems(nodes: readonly RootContent[], text: string, nested: boolean): TaskItem[] {
  const items: TaskItem[] = [];
  for (const node of nodes) {
    if (node.type === 'list') collect(node, text, 0, items, nested);
  }
  return items;
}

/** Acceptance criteria of a section body. */
export function readCriteria(nodes: readonly RootContent[], text: string, index: LineIndex): AcceptanceCriterion[] {
  return readTaskItems(nodes, text, true).map((item) => ({
    text: item.text,
    done: item.done,
    depth: item.depth,
    range: index.range(item.from, item.to),
    checkboxRange: index.range(item.checkboxFrom, item.checkboxFrom + 3),
  }));
}
