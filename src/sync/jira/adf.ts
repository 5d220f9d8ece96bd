/**
 * mdast → ADF, one mdast construct per case. Headings, paragraphs, emphasis/strong/strike/code
 * marks, links, hard and soft line breaks (both become `hardBreak`: a line in the note stays a
 * line in Jira), bullet/ordered/task lists, tables, code blocks, blockquotes and rules.
 * Images become links (no upload), raw HTML stays as text. Output validates against
 * @atlaskit/adf-schema `full.json` (tests check every golden file).
 */
import type { ListItem, PhrasingContent, Root, RootContent, Table } from 'mdast';
import type { AdfMark, AdfNode } from './adf-types';
import { parseMarkdown } from '../../model';

/** Deterministic `localId`s for task lists within one document (`task-1`, `task-2`, …). */
export class LocalIds {
  private next = 1;

  /** A fresh id. */
  take(prefix: string): string {
    return `${prefix}-${this.next++}`;
  }
}

/** Markdown source → ADF block nodes. */
export function markdownToAdf(markdown: string, ids: LocalIds = new LocalIds()): AdfNode[] {
  return mdastToAdf(parseMarkdown(markdown), ids);
}

/** Inline markdown (one line or paragraph) → ADF inline nodes. */
export function inlineMarkdownToAdf(markdown: string): AdfNode[] {
  const blocks = parseMarkdown(markdown).children;
  const inlines: AdfNode[] = [];
  for (const block of blocks) {
    if (inlines.length > 0) inlines.push({ type: 'hardBreak' });
    inlines.push(...(block.type === 'paragraph' || block.type === 'heading' ? phrasing(block.children, []) : textOf(block) ? [text(textOf(block), [])] : []));
  }
  return inlines;
}

/** An mdast tree → ADF block nodes. */
export function mdastToAdf(root: Root, ids: LocalIds = new LocalIds()): AdfNode[] {
  return blocks(root.children, ids);
}

function blocks(nodes: readonly RootContent[], ids: LocalIds): AdfNode[] {
  return nodes.flatMap((node) => block(node, ids));
}

function block(node: RootContent, ids: LocalIds): AdfNode[] {
  switch (node.type) {
    case 'paragraph':
      return [paragraph(phrasing(node.children, []))];
    case 'heading':
      return [{ type: 'heading', attrs: { level: node.depth }, content: phrasing(node.children, []) }];
    case 'thematicBreak':
      return [{ type: 'rule' }];
    case 'blockquote':
      return [{ type: 'blockquote', content: quoteContent(blocks(node.children, ids)) }];
    case 'code':
      return [codeBlock(node.value, node.lang ?? null)];
    case 'list':
      return [list(node.children, node.ordered === true, node.start ?? 1, ids)];
    case 'table':
      return [table(node)];
    case 'html':
      return node.value.trim() ? [paragraph([text(node.value, [])])] : [];
    default:
      // Definitions, footnotes, frontmatter: nothing a tracker description shows.
      return [];
  }
}

function paragraph(content: AdfNode[]): AdfNode {
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

function codeBlock(value: string, language: string | null): AdfNode {
  const attrs = language ? { attrs: { language } } : {};
  return value ? { type: 'codeBlock', ...attrs, content: [{ type: 'text', text: value }] } : { type: 'codeBlock', ...attrs };
}

/** Blockquotes hold paragraphs, lists and code blocks only: headings and rules become paragraphs. */
function quoteContent(nodes: AdfNode[]): AdfNode[] {
  const allowed = new Set(['paragraph', 'bulletList', 'orderedList', 'codeBlock']);
  const result = nodes.map((node) => (allowed.has(node.type) ? node : paragraph(node.content ? [...node.content].filter(isInline) : [])));
  return result.length > 0 ? result : [paragraph([])];
}

function isInline(node: AdfNode): boolean {
  return node.type === 'text' || node.type === 'hardBreak';
}

function list(items: readonly ListItem[], ordered: boolean, start: number, ids: LocalIds): AdfNode {
  if (items.some((item) => typeof item.checked === 'boolean')) return taskList(items, ids);
  const content = items.map((item) => listItem(item, ids));
  if (ordered) return start !== 1 ? { type: 'orderedList', attrs: { order: start }, content } : { type: 'orderedList', content };
  return { type: 'bulletList', content };
}

/** List items start with a paragraph; headings, tables and quotes inside become paragraphs. */
function listItem(item: ListItem, ids: LocalIds): AdfNode {
  const allowed = new Set(['paragraph', 'bulletList', 'orderedList', 'codeBlock', 'taskList']);
  const content: AdfNode[] = [];
  for (const node of blocks(item.children, ids)) {
    if (allowed.has(node.type)) content.push(node);
    else content.push(paragraph(flattenInlines(node)));
  }
  if (content.length === 0 || content[0]?.type !== 'paragraph') content.unshift(paragraph([]));
  return { type: 'listItem', content };
}

/** Task items hold inline content only; nested task lists follow their item inside the list. */
function taskList(items: readonly ListItem[], ids: LocalIds): AdfNode {
  const content: AdfNode[] = [];
  for (const item of items) {
    const inlines: AdfNode[] = [];
    const nested: AdfNode[] = [];
    for (const child of item.children) {
      if (child.type === 'paragraph') {
        if (inlines.length > 0) inlines.push({ type: 'hardBreak' });
        inlines.push(...phrasing(child.children, []));
      } else if (child.type === 'list') {
        const sub = list(child.children, child.ordered === true, child.start ?? 1, ids);
        nested.push(sub.type === 'taskList' ? sub : taskListOf(sub, ids));
      } else {
        if (inlines.length > 0) inlines.push({ type: 'hardBreak' });
        inlines.push(...flattenInlines(block(child, ids)[0] ?? { type: 'paragraph' }));
      }
    }
    const state = item.checked === true ? 'DONE' : 'TODO';
    const attrs = { localId: ids.take('task'), state };
    content.push(inlines.length > 0 ? { type: 'taskItem', attrs, content: inlines } : { type: 'taskItem', attrs });
    content.push(...nested);
  }
  return { type: 'taskList', attrs: { localId: ids.take('tasks') }, content };
}

/** A plain list nested under a task item, as unchecked task items (task lists nest only task lists). */
function taskListOf(listNode: AdfNode, ids: LocalIds): AdfNode {
  const content = (listNode.content ?? []).map((item) => ({
    type: 'taskItem',
    attrs: { localId: ids.take('task'), state: 'TODO' },
    content: flattenInlines(item),
  }));
  return { type: 'taskList', attrs: { localId: ids.take('tasks') }, content };
}

/** The inline content of any block, depth first, blocks separated by hard breaks. */
function flattenInlines(node: AdfNode): AdfNode[] {
  if (isInline(node)) return [node];
  const result: AdfNode[] = [];
  for (const child of node.content ?? []) {
    const inner = flattenInlines(child);
    if (inner.length === 0) continue;
    if (result.length > 0 && !isInline(child)) result.push({ type: 'hardBreak' });
    result.push(...inner);
  }
  return result;
}

function table(node: Table): AdfNode {
  const rows = node.children.map((row, index) => ({
    type: 'tableRow',
    content: row.children.map((cell) => ({
      type: index === 0 ? 'tableHeader' : 'tableCell',
      attrs: {},
      content: [paragraph(phrasing(cell.children, []))],
    })),
  }));
  return { type: 'table', attrs: { isNumberColumnEnabled: false, layout: 'default' }, content: rows };
}

function phrasing(nodes: readonly PhrasingContent[], marks: readonly AdfMark[]): AdfNode[] {
  return nodes.flatMap((node) => inline(node, marks));
}

function inline(node: PhrasingContent, marks: readonly AdfMark[]): AdfNode[] {
  switch (node.type) {
    case 'text':
      return textWithBreaks(node.value, marks);
    case 'emphasis':
      return phrasing(node.children, withMark(marks, { type: 'em' }));
    case 'strong':
      return phrasing(node.children, withMark(marks, { type: 'strong' }));
    case 'delete':
      return phrasing(node.children, withMark(marks, { type: 'strike' }));
    case 'inlineCode':
      // The code mark combines only with links in ADF.
      return node.value ? [text(node.value, [...marks.filter((mark) => mark.type === 'link'), { type: 'code' }])] : [];
    case 'link':
      return phrasing(node.children, withMark(marks, { type: 'link', attrs: { href: node.url } }));
    case 'image':
      return [text(node.alt || node.url, withMark(marks, { type: 'link', attrs: { href: node.url } }))];
    case 'break':
      return [{ type: 'hardBreak' }];
    case 'html':
      return textWithBreaks(node.value, marks);
    default:
      return textOf(node) ? [text(textOf(node), marks)] : [];
  }
}

function withMark(marks: readonly AdfMark[], mark: AdfMark): AdfMark[] {
  if (marks.some((existing) => existing.type === 'code')) return [...marks];
  return [...marks.filter((existing) => existing.type !== mark.type), mark];
}

/** Soft line breaks inside a paragraph become hard breaks; empty pieces vanish (ADF text is never empty). */
function textWithBreaks(value: string, marks: readonly AdfMark[]): AdfNode[] {
  const result: AdfNode[] = [];
  value.split('\n').forEach((piece, index) => {
    if (index > 0) result.push({ type: 'hardBreak' });
    if (piece) result.push(text(piece, marks));
  });
  return result;
}

function text(value: string, marks: readonly AdfMark[]): AdfNode {
  return marks.length > 0 ? { type: 'text', text: value, marks: [...marks] } : { type: 'text', text: value };
}

function textOf(node: unknown): string {
  const record = node as { value?: unknown; children?: unknown };
  if (typeof record.value === 'string') return record.value;
  if (Array.isArray(record.children)) return (record.children as unknown[]).map(textOf).join('');
  return '';
}
