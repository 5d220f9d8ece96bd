/**
 * ADF → Jira wiki markup, for Jira Data Center (REST v2 takes descriptions and comments as wiki
 * strings). Rendering the same ADF keeps one mapping from markdown; this file only spells it.
 */
import type { AdfMark, AdfNode } from './adf-types';
import { asArray, asRecord, asString } from '../json';

/** Renders an ADF document (or any node) as wiki markup, blocks separated by blank lines. */
export function adfToWiki(value: unknown): string {
  const node = value as AdfNode;
  return blocks(node.content ?? [], '').trim();
}

function blocks(nodes: readonly AdfNode[], listPrefix: string): string {
  return nodes.map((node) => block(node, listPrefix)).filter((text) => text !== '').join('\n\n');
}

function block(node: AdfNode, listPrefix: string): string {
  switch (node.type) {
    case 'paragraph':
      return inlines(node.content ?? []);
    case 'heading':
      return `h${asString(asRecord(node.attrs).level) ?? '1'}. ${inlines(node.content ?? [])}`;
    case 'rule':
      return '----';
    case 'blockquote':
      return `{quote}\n${blocks(node.content ?? [], '')}\n{quote}`;
    case 'codeBlock': {
      const language = asString(asRecord(node.attrs).language);
      return `{code${language ? `:${language}` : ''}}\n${(node.content ?? []).map((child) => child.text ?? '').join('')}\n{code}`;
    }
    case 'bulletList':
    case 'orderedList':
    case 'taskList':
      return listLines(node, listPrefix).join('\n');
    case 'table':
      return (node.content ?? []).map(tableRow).join('\n');
    default:
      return inlines(node.content ?? []);
  }
}

function listLines(list: AdfNode, listPrefix: string): string[] {
  const marker = list.type === 'orderedList' ? '#' : '*';
  const prefix = `${listPrefix}${marker}`;
  const lines: string[] = [];
  for (const item of list.content ?? []) {
    if (item.type === 'taskList' || item.type === 'bulletList' || item.type === 'orderedList') {
      lines.push(...listLines(item, prefix));
      continue;
    }
    if (item.type === 'taskItem') {
      const done = asRecord(item.attrs).state === 'DONE';
      lines.push(`${prefix} ${done ? '☑' : '☐'} ${inlines(item.content ?? [])}`.trimEnd());
      continue;
    }
    const children = item.content ?? [];
    const first = children[0];
    lines.push(`${prefix} ${first?.type === 'paragraph' ? inlines(first.content ?? []) : ''}`.trimEnd());
    for (const child of children.slice(first?.type === 'paragraph' ? 1 : 0)) {
      if (child.type === 'bulletList' || child.type === 'orderedList' || child.type === 'taskList') lines.push(...listLines(child, prefix));
      else lines.push(block(child, ''));
    }
  }
  return lines;
}

function tableRow(row: AdfNode): string {
  const cells = row.content ?? [];
  const header = cells.some((cell) => cell.type === 'tableHeader');
  const separator = header ? '||' : '|';
  const texts = cells.map((cell) => (cell.content ?? []).map((child) => block(child, '')).join(' ') || ' ');
  return `${separator}${texts.join(separator)}${separator}`;
}

/** Inline nodes; consecutive nodes under the same link become one `[text|href]`. */
function inlines(nodes: readonly AdfNode[]): string {
  let result = '';
  for (let index = 0; index < nodes.length;) {
    const href = linkOf(nodes[index]);
    if (href === null) {
      result += inline(nodes[index] ?? { type: 'text' });
      index++;
      continue;
    }
    let label = '';
    while (index < nodes.length && linkOf(nodes[index]) === href) label += inline(nodes[index++] ?? { type: 'text' });
    result += `[${label}|${href}]`;
  }
  return result;
}

function linkOf(node: AdfNode | undefined): string | null {
  const link = node?.marks?.find((mark) => mark.type === 'link');
  return link ? asString(asRecord(link.attrs).href) ?? '' : null;
}

function inline(node: AdfNode): string {
  if (node.type === 'hardBreak') return '\n';
  if (node.type !== 'text') return inlines(node.content ?? []);
  const marks: readonly AdfMark[] = node.marks ?? [];
  const code = marks.some((mark) => mark.type === 'code');
  // Brackets, braces and pipes would open links, macros and table cells.
  let text = code ? `{{${node.text ?? ''}}}` : (node.text ?? '').replace(/([{}[\]|\\])/g, '\\$1');
  for (const mark of marks) {
    if (mark.type === 'strong') text = `*${text}*`;
    else if (mark.type === 'em') text = `_${text}_`;
    else if (mark.type === 'strike') text = `-${text}-`;
  }
  return text;
}

/** Canonical form of a wiki string for comparison: line endings, trailing spaces, outer blank lines. */
export function normaliseWiki(value: unknown): string {
  return (asString(value) ?? '').replace(/\r\n?/g, '\n').split('\n').map((line) => line.trimEnd()).join('\n').trim();
}

/** Every string inside an ADF value, for callers that need plain words from a wiki renderer. */
export function collectText(value: unknown): string {
  const record = asRecord(value);
  const own = asString(record.text) ?? '';
  return own + asArray(record.content).map(collectText).join('');
}
