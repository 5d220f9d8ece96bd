/**
 * Counts with their noun for the sandbox's own text (tracker panel, issue pages): "1 issue",
 * "2 issues", "0 issues" (points: `pointsWithUnit` of src/model). Pure: no DOM.
 */

/** `count` and the noun: `singular` for exactly 1, else `plural` (default: `singular` + "s"). */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${String(count)} ${count === 1 ? singular : plural}`;
}
