/**
 * `#### Description`: the `**As a** / **I want** / **So that**` parts (separate lines, one line,
 * or a blockquote; `**As an**` too) and every other paragraph kept as `extra`.
 */
import type { RootContent } from 'mdast';
import type { Description } from './types';
import type { LineIndex } from './source-range';
import { trimBounds } from './source-range';

/** A part marker: `**As a**`, `**As an:**`, `**I want**`, `**So that**` (bold, optional colon/comma). */
const PART_MARKER = /\*\*[ \t]*(as an?|i want(?: to)?|so that)[ \t]*[:,]?[ \t]*\*\*[ \t]*[:,]?/gi;

/** Text of a source slice with blockquote markers removed and lines joined by single spaces. */
function partText(source: string): string {
  return source
    .split('\n')
    .map((line) => line.replace(/^[ \t]*>[ \t]?/, '').trim())
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim()
    // `**As a:** tester, **I want:** …`: the comma separates parts, it is not part of the value.
    .replace(/[ \t]*[,;]$/, '');
}

/** Reads a description body: `nodes` are the body's nodes, positions offsets into `text`. */
export function readDescription(nodes: readonly RootContent[], text: string, index: LineIndex, bodyFrom: number, bodyTo: number): Description {
  const [from, to] = trimBounds(text, bodyFrom, bodyTo);
  const markdown = text.slice(from, to).replace(/\r/g, '');
  let asA: string | null = null;
  let iWant: string | null = null;
  let soThat: string | null = null;
  let partsNode: RootContent | null = null;
  for (const node of nodes) {
    if (node.type !== 'paragraph' && node.type !== 'blockquote') continue;
    const nodeFrom = node.position?.start.offset ?? 0;
    const nodeTo = node.position?.end.offset ?? 0;
    const source = text.slice(nodeFrom, nodeTo);
    const markers = [...source.matchAll(PART_MARKER)];
    if (markers.length === 0) continue;
    markers.forEach((marker, at) => {
      const next = markers[at + 1];
      const value = partText(source.slice(marker.index + marker[0].length, next === undefined ? source.length : next.index));
      const which = (marker[1] ?? '').toLowerCase();
      if (which.startsWith('as')) asA ??= value;
      else if (which.startsWith('i')) iWant ??= value;
      else soThat ??= value;
    });
    partsNode = node;
    break;
  }
  let extra = markdown;
  if (partsNode !== null) {
    const nodeFrom = partsNode.position?.start.offset ?? from;
    const nodeTo = partsNode.position?.end.offset ?? from;
    const before = text.slice(from, nodeFrom).trim();
    const after = text.slice(nodeTo, to).trim();
    extra = [before, after].filter((part) => part !== '').join('\n\n').replace(/\r/g, '');
  }
  return { asA, iWant, soThat, extra, markdown, range: index.range(from, to) };
}
