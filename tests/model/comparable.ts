/**
 * The comparable value of a parse result: text, epic and diagnostics as JSON data. A re-parse
 * hands out moved stories (ranges shifted on first read) where a fresh parse builds plain
 * objects; both must give the same data, which is what this compares.
 */
import type { ParseResult } from '../../src/model';

/** `result` as plain JSON data (mdast nodes included: their positions are section-relative). */
export function comparable(result: ParseResult): unknown {
  return JSON.parse(JSON.stringify({ text: result.text, epic: result.epic, diagnostics: result.diagnostics })) as unknown;
}
