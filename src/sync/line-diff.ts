/**
 * A line diff of two texts (longest common subsequence of lines), for showing a description's
 * before → after. Blank lines are ignored: ADF and wiki markup space blocks differently from the
 * note, and a blank line changes nothing a reader cares about.
 */

/** One line of a diff: kept, only in the old text, or only in the new text. */
export interface DiffLine {
  readonly kind: 'same' | 'removed' | 'added';
  readonly text: string;
}

/** Above this many line pairs the diff gives up matching and shows old, then new (cost guard). */
const MAX_PAIRS = 250_000;

/** The lines of `before` and `after` (null = empty) as removed / added / same, in reading order. */
export function lineDiff(before: string | null, after: string | null): DiffLine[] {
  const a = linesOf(before);
  const b = linesOf(after);
  if (a.length * b.length > MAX_PAIRS) {
    return [...a.map((text) => ({ kind: 'removed' as const, text })), ...b.map((text) => ({ kind: 'added' as const, text }))];
  }
  // lengths[i][j]: longest common subsequence of a[i..] and b[j..].
  const lengths: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    const row = lengths[i] ?? [];
    const below = lengths[i + 1] ?? [];
    for (let j = b.length - 1; j >= 0; j--) {
      row[j] = a[i] === b[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const result: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      result.push({ kind: 'same', text: a[i] ?? '' });
      i++;
      j++;
    } else if ((lengths[i + 1]?.[j] ?? 0) >= (lengths[i]?.[j + 1] ?? 0)) {
      result.push({ kind: 'removed', text: a[i++] ?? '' });
    } else {
      result.push({ kind: 'added', text: b[j++] ?? '' });
    }
  }
  while (i < a.length) result.push({ kind: 'removed', text: a[i++] ?? '' });
  while (j < b.length) result.push({ kind: 'added', text: b[j++] ?? '' });
  return result;
}

function linesOf(text: string | null): string[] {
  if (text === null) return [];
  return text.split(/\r?\n/).map((line) => line.trimEnd()).filter((line) => line.trim() !== '');
}
