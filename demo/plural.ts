/**
 * Counts with their noun for the sandbox's own text (tracker panel, issue pages): "1 issue",
 * "2 issues", "0 issues", "0.5 pts". Pure: no DOM.
 */

/** `count` and the noun: `singular` for exactly 1, else `plural` (default: `singular` + "s"). */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${String(count)} ${count === 1 ? singular : plural}`;
}

/** Story points as the sandbox writes them: "1 pt", "3 pts", "0.5 pts". */
export function pointsText(points: number): string {
  return countOf(points, 'pt');
}
