/**
 * Tolerant reading of tracker JSON (style.md 9): unknown fields are ignored, missing ones read as
 * null/empty, unknown enum values pass through as strings. Nothing here throws.
 */

/** The value as a record, or an empty one. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The value as an array, or an empty one. */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** The value as a string (numbers converted), or null. */
export function asString(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** The value as a finite number (numeric strings converted), or null. */
export function asNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}


/**
 * The shape a successful tracker answer must have for the adapter to trust it: a JSON list, or a JSON
 * object holding every one of `keys` (the tracker always sends them; a sign-in page, `{}` or another
 * service's JSON does not).
 */
export type AnswerShape = { readonly list: true } | { readonly object: readonly string[] };

/**
 * What is wrong with `body` for `shape` in a few words ("an empty JSON object"), or null when it
 * fits. `tracker` names who sends the shape (default `Jira`; the GitHub client passes `GitHub`).
 */
export function shapeMismatch(body: unknown, shape: AnswerShape, tracker = 'Jira'): string | null {
  if ('list' in shape) return Array.isArray(body) ? null : `${describeJsonValue(body)} where ${tracker} sends a list`;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return `${describeJsonValue(body)} where ${tracker} sends an object`;
  const missing = shape.object.filter((key) => !(key in body));
  if (missing.length === 0) return null;
  return `${describeJsonValue(body)} without ${missing.map((key) => `"${key}"`).join(', ')}`;
}

/** A JSON value described by its type and size only (never its content). */
function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty JSON list' : `a JSON list of ${value.length}`;
  if (typeof value === 'object') {
    const count = Object.keys(value).length;
    return count === 0 ? 'an empty JSON object' : `a JSON object of ${count} ${count === 1 ? 'field' : 'fields'}`;
  }
  return `a JSON ${typeof value}`;
}
