/**
 * Story points as written: a non-negative number (decimals allowed, `0.5` or `0,5`, an optional
 * `SP`/`pts`/`points` unit), "not estimated" (`TBD`, `?`, `-`, empty), or invalid.
 */

/** What a points value means. */
export type PointsReading =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'unestimated' }
  | { readonly kind: 'invalid' };

/** A number with an optional unit: `5`, `0.5`, `.5`, `3 SP`, `2pts`. */
const POINTS_NUMBER = /^(\d+(?:[.,]\d+)?|[.,]\d+)[ \t]*(?:sp|pts?|points?|story points)?$/i;
/** Spellings of "not estimated". */
const NOT_ESTIMATED = /^(?:tbd|tbc|\?+|-+|–|—|n\/a|none|)$/i;

/** Reads a points value (bold/italic markers and surrounding spaces ignored). */
export function readPoints(raw: string): PointsReading {
  const text = raw.replace(/\*\*|__|`/g, '').trim();
  if (NOT_ESTIMATED.test(text)) return { kind: 'unestimated' };
  const number = POINTS_NUMBER.exec(text);
  if (number === null) return { kind: 'invalid' };
  const value = Number((number[1] ?? '').replace(',', '.'));
  return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'invalid' };
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
