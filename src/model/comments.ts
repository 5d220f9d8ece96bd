/**
 * `#### Comments`: blockquotes `> **@user** (2025-01-15):` followed by `>` lines, and Obsidian
 * callouts `> [!comment] @user (2025-01-15)`. A blockquote may hold several comments.
 */
import type { RootContent } from 'mdast';
import type { Comment } from './types';
import type { LineIndex } from './source-range';
import { afterQuoteMarker, linesOf } from './fields';

/** An author line: `**@user** (date):`, `@user (date)`, with optional bold and colon; text may follow. */
const AUTHOR_LINE = /^(?:\*\*)?@([^\s*()]+)(?:\*\*)?(?:[ \t]*\(([^)]*)\))?[ \t]*:?[ \t]*(.*)$/;
/** A callout header: `[!comment]` (optionally `+`/`-`) then the author line. */
const CALLOUT = /^\[!comment\][+-]?[ \t]*(.*)$/i;

/** Reads the comments of a section body. */
export function readComments(nodes: readonly RootContent[], text: string, index: LineIndex): Comment[] {
  const comments: Comment[] = [];
  for (const node of nodes) {
    if (node.type !== 'blockquote') continue;
    const from = node.position?.start.offset ?? 0;
    const to = node.position?.end.offset ?? 0;
    let current: { author: string | null; date: string | null; form: Comment['form']; lines: string[]; from: number; to: number } | null = null;
    const finish = (): void => {
      if (current === null) return;
      comments.push({
        author: current.author,
        date: current.date,
        body: current.lines.join('\n').trim(),
        form: current.form,
        range: index.range(current.from, current.to),
      });
      current = null;
    };
    for (const [lineFrom, lineTo] of linesOf(text, from, to)) {
      const contentFrom = afterQuoteMarker(text, lineFrom, lineTo);
      const content = contentFrom === -1 ? text.slice(lineFrom, lineTo).trim() : text.slice(contentFrom, lineTo);
      const callout = CALLOUT.exec(content);
      const authorText = callout === null ? content : (callout[1] ?? '');
      const author = AUTHOR_LINE.exec(authorText.trim());
      if (callout !== null || author !== null) {
        finish();
        current = {
          author: author === null ? null : (author[1] ?? null),
          date: author?.[2]?.trim() || null,
          form: callout === null ? 'blockquote' : 'callout',
          lines: author?.[3] ? [author[3]] : [],
          from: lineFrom,
          to: lineTo,
        };
        continue;
      }
      current ??= { author: null, date: null, form: 'blockquote', lines: [], from: lineFrom, to: lineTo };
      current.lines.push(content);
      current.to = lineTo;
    }
    finish();
  }
  return comments;
}
