/**
 * `#### Links` / `#### Dependencies`: a table `| blocks | PROJ-9 |` (header `| Type | Issue |`
 * or itself a link) or bullets `- blocks PROJ-9`, `- depends on [[US-004]]`.
 */
import type { RootContent } from 'mdast';
import type { Link } from './types';
import type { LineIndex } from './source-range';
import { plainName, readTable } from './tables';

/** A link target: `[[US-004]]`, `[[US-004|alias]]`, `[PROJ-9](url)`, a key or story id. */
const TARGET = /\[\[([^\]|#]+)(?:[#|][^\]]*)?\]\]|\[([^\]]+)\]\([^)]*\)|([A-Za-z][A-Za-z0-9]*[-_/]\d+|#\d+)/;
/** A bullet `relation target`: `blocks PROJ-9`, `depends on: [[US-004]]`. */
const BULLET_LINK = /^[ \t]*[-*+][ \t]+(.+?)[ \t]*:?[ \t]+(\[\[[^\]]+\]\]|\[[^\]]+\]\([^)]*\)|[A-Za-z][A-Za-z0-9]*[-_/]\d+|#\d+)[ \t]*\r?$/;
/** Header cells that name the relation column and the target column. */
const TYPE_HEADERS = ['type', 'relation', 'link', 'link type'];

function targetOf(text: string): string | null {
  const target = TARGET.exec(text);
  if (target === null) return null;
  return (target[1] ?? target[2] ?? target[3] ?? '').trim();
}

/** Reads the links of a section body. */
export function readLinks(nodes: readonly RootContent[], text: string, index: LineIndex): Link[] {
  const links: Link[] = [];
  for (const node of nodes) {
    if (node.type === 'table') {
      const table = readTable(node, text);
      if (table === null) continue;
      const headerIsLink = !TYPE_HEADERS.includes(plainName(table.header.cells[0]?.text ?? '').toLowerCase());
      for (const row of headerIsLink ? [table.header, ...table.rows] : table.rows) {
        const target = targetOf(row.cells[1]?.text ?? '');
        const type = plainName(row.cells[0]?.text ?? '').toLowerCase();
        if (target === null || type === '') continue;
        links.push({ type, target, range: index.range(row.from, row.to) });
      }
    } else if (node.type === 'list') {
      for (const item of node.children) {
        const from = item.position?.start.offset ?? 0;
        let to = item.position?.end.offset ?? 0;
        const lineEnd = text.indexOf('\n', from);
        if (lineEnd !== -1 && lineEnd < to) to = lineEnd;
        const bullet = BULLET_LINK.exec(text.slice(from, to));
        if (bullet === null) continue;
        const target = targetOf(bullet[2] ?? '');
        if (target === null) continue;
        links.push({ type: plainName(bullet[1] ?? '').toLowerCase(), target, range: index.range(from, to - (text.charCodeAt(to - 1) === 13 ? 1 : 0)) });
      }
    }
  }
  return links;
}
