/** `#### Related Commits`: a `| Commit | Message |` table, the hash in backticks. */
import type { RootContent } from 'mdast';
import type { Commit } from './types';
import type { LineIndex } from './source-range';
import { plainName, readTable } from './tables';

/** Reads the commit rows of a section body (first table only). */
export function readCommits(nodes: readonly RootContent[], text: string, index: LineIndex): Commit[] {
  for (const node of nodes) {
    if (node.type !== 'table') continue;
    const table = readTable(node, text);
    if (table === null) continue;
    const names = table.header.cells.map((cell) => plainName(cell.text).toLowerCase());
    let hashAt = names.findIndex((name) => ['commit', 'hash', 'sha', 'id'].includes(name));
    let messageAt = names.findIndex((name) => ['message', 'description', 'summary', 'title'].includes(name));
    if (hashAt === -1) hashAt = 0;
    if (messageAt === -1) messageAt = hashAt === 0 ? 1 : 0;
    return table.rows.map((row) => ({
      hash: (row.cells[hashAt]?.text ?? '').replace(/`/g, '').trim(),
      message: row.cells[messageAt]?.text ?? '',
      range: index.range(row.from, row.to),
    }));
  }
  return [];
}
