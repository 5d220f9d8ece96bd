/**
 * Story points as written: a non-negative number up to `MAX_POINTS` (decimals allowed, `0.5` or
 * `0,5`, an optional `SP`/`pts`/`points` unit), "not estimated" (`TBD`, `?`, `-`, empty), or invalid.
 */

/** The most points a story or subtask may have (format.md "Stories"): more is a typo, not an estimate. */
export const MAX_POINTS = 1000;

/** Why a points value is invalid. */
export type InvalidPoints = 'not-a-number' | 'negative' | 'too-large';

/** What a points value means. */
export type PointsReading =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'unestimated' }
  | { readonly kind: 'invalid'; readonly reason: InvalidPoints };

/**
 * What to tell the user about an invalid points value `raw`, as the end of a sentence:
 * `"-4" are negative; write …`.
 */
export function invalidPointsText(raw: string, reason: InvalidPoints): string {
  if (reason === 'negative') return `"${raw}" are negative; write a number of 0 or more, like 3 or 0.5, or TBD.`;
  if (reason === 'too-large') return `"${raw}" are more than ${MAX_POINTS}; write a number up to ${MAX_POINTS} (split a story that big), or TBD.`;
  return `"${raw}" are not a number; write a number like 3 or 0.5, or TBD.`;
}

/** A number with an optional unit: `5`, `0.5`, `.5`, `3 SP`, `2pts`. */
const POINTS_NUMBER = /^(\d+(?:[.,]\d+)?|[.,]\d+)[ \t]*(?:sp|pts?|points?|story points)?$/i;
/** Spellings of "not estimated". */
const NOT_ESTIMATED = /^(?:tbd|tbc|\?+|-+|–|—|n\/a|none|)$/i;

/** Reads a points value (bold/italic markers and surrounding spaces ignored). */
export function readPoints(raw: string): PointsReading {
  const text = raw.replace(/\*\*|__|`/g, '').trim();
  if (NOT_ESTIMATED.test(text)) return { kind: 'unestimated' };
  const number = POINTS_NUMBER.exec(text);
  if (number === null) return { kind: 'invalid', reason: /^-[ \t]*(?:\d|[.,]\d)/.test(text) && POINTS_NUMBER.test(text.slice(1).trim()) ? 'negative' : 'not-a-number' };
  const value = Number((number[1] ?? '').replace(',', '.'));
  if (!Number.isFinite(value)) return { kind: 'invalid', reason: 'not-a-number' };
  return value > MAX_POINTS ? { kind: 'invalid', reason: 'too-large' } : { kind: 'number', value };
}

/** A number of points as text: rounded to two decimals, trailing zeros dropped (`0.1 + 0.2` → `0.3`). */
export function pointsText(points: number): string {
  return String(Math.round(points * 100) / 100);
}

/** A number of points with its unit, as every view writes it: `1 pt`, `5 pts`, `0.5 pts` (see `pointsText`). */
export function pointsWithUnit(points: number): string {
  const text = pointsText(points);
  return `${text} ${text === '1' ? 'pt' : 'pts'}`;
}
