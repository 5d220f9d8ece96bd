/**
 * Comparing the note's ADF with the remote's: both sides are normalised first, so that what Jira
 * adds or reorders on storage (localIds, default attributes, split text nodes, mark order, trailing
 * empty paragraphs) never makes a description look changed.
 */
import { asArray, asRecord, asString } from '../json';
import type { AdfMark, AdfNode } from './adf-types';

/** Attributes that carry no meaning for comparison (generated ids, default layouts). */
const IGNORED_ATTRS = new Set(['localId', 'isNumberColumnEnabled', 'layout', 'width', 'displayMode', '__autoSize', 'colwidth', 'colspan', 'rowspan']);

/** A canonical form of any ADF value (unknown input reads as an empty document). */
export function normaliseAdf(value: unknown): AdfNode {
  const record = asRecord(value);
  return { type: 'doc', content: trimEmptyParagraphs(normaliseChildren(record.content)) };
}

/** True when two ADF documents say the same thing. */
export function sameAdf(a: unknown, b: unknown): boolean {
  return JSON.stringify(normaliseAdf(a)) === JSON.stringify(normaliseAdf(b));
}

function normaliseChildren(value: unknown): AdfNode[] {
  const result: AdfNode[] = [];
  for (const child of asArray(value)) {
    const node = normaliseNode(child);
    if (node === null) continue;
    const previous = result[result.length - 1];
    if (previous && previous.type === 'text' && node.type === 'text' && sameMarks(previous.marks, node.marks)) {
      result[result.length - 1] = { ...previous, text: `${previous.text ?? ''}${node.text ?? ''}` };
    } else {
      result.push(node);
    }
  }
  return result;
}

function normaliseNode(value: unknown): AdfNode | null {
  const record = asRecord(value);
  const type = asString(record.type);
  if (type === null) return null;
  if (type === 'text') {
    const text = asString(record.text) ?? '';
    if (text === '') return null;
    const marks = normaliseMarks(record.marks);
    return marks.length > 0 ? { type, text, marks } : { type, text };
  }
  const node: { type: string; attrs?: Record<string, unknown>; content?: AdfNode[] } = { type };
  const attrs = normaliseAttrs(withoutDefaults(type, asRecord(record.attrs)));
  if (attrs) node.attrs = attrs;
  const content = normaliseChildren(record.content);
  if (content.length > 0) node.content = content;
  return node;
}

/** Attribute values that mean the same as their absence (Jira adds some on storage). */
function withoutDefaults(type: string, attrs: Record<string, unknown>): Record<string, unknown> {
  if (type === 'orderedList' && attrs.order === 1) {
    const { order: _order, ...rest } = attrs;
    return rest;
  }
  return attrs;
}

function normaliseAttrs(value: unknown): Record<string, unknown> | null {
  const entries = Object.entries(asRecord(value))
    .filter(([name, attr]) => !IGNORED_ATTRS.has(name) && attr !== null && attr !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}

function normaliseMarks(value: unknown): AdfMark[] {
  return asArray(value)
    .map((mark) => {
      const record = asRecord(mark);
      const type = asString(record.type) ?? '';
      const attrs = type === 'link' ? { href: asString(asRecord(record.attrs).href) ?? '' } : normaliseAttrs(record.attrs);
      return attrs ? { type, attrs } : { type };
    })
    .sort((a, b) => a.type.localeCompare(b.type));
}

function sameMarks(a: readonly AdfMark[] | undefined, b: readonly AdfMark[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

function trimEmptyParagraphs(nodes: AdfNode[]): AdfNode[] {
  const result = [...nodes];
  while (result.length > 0 && result[result.length - 1]?.type === 'paragraph' && !result[result.length - 1]?.content) result.pop();
  return result;
}

/**
 * The text a person reads in an ADF value: blocks on their own lines, hard breaks as line breaks,
 * task items as `[x] `/`[ ] `. Used for plan display and for recognising posted comments.
 */
export function adfToPlainText(value: unknown): string {
  const lines: string[] = [];
  collect(asRecord(value), lines, '');
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

const BLOCKS = new Set(['paragraph', 'heading', 'codeBlock', 'listItem', 'taskItem', 'tableRow', 'rule', 'blockquote', 'bulletList', 'orderedList', 'taskList', 'table']);

function collect(node: Record<string, unknown>, lines: string[], prefix: string): void {
  const type = asString(node.type) ?? '';
  if (type === 'text') {
    appendInline(lines, asString(node.text) ?? '');
    return;
  }
  if (type === 'hardBreak') {
    lines.push(prefix);
    return;
  }
  if (type === 'taskItem') {
    lines.push(`${prefix}${asString(asRecord(node.attrs).state) === 'DONE' ? '[x] ' : '[ ] '}`);
  } else if (type === 'tableCell' || type === 'tableHeader') {
    appendInline(lines, lines.length > 0 && !lines[lines.length - 1]?.endsWith('| ') && lines[lines.length - 1] !== '' ? ' | ' : '');
  } else if (BLOCKS.has(type) && type !== 'listItem') {
    if (type !== 'bulletList' && type !== 'orderedList' && type !== 'taskList' && type !== 'table') lines.push(prefix);
  } else if (type === 'listItem') {
    lines.push(`${prefix}- `);
  }
  for (const child of asArray(node.content)) {
    const childType = asString(asRecord(child).type);
    // A list item's first paragraph shares the bullet's line.
    if ((type === 'listItem') && childType === 'paragraph' && child === asArray(node.content)[0]) {
      for (const inner of asArray(asRecord(child).content)) collect(asRecord(inner), lines, prefix);
      continue;
    }
    collect(asRecord(child), lines, prefix);
  }
}

function appendInline(lines: string[], text: string): void {
  if (lines.length === 0) lines.push('');
  lines[lines.length - 1] = `${lines[lines.length - 1] ?? ''}${text}`;
}
