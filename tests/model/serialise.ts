/**
 * The parse result as golden-fixture JSON: epic (mdast nodes dropped), diagnostics, progress
 * (stories by id, phases by name), so a change in the parser shows in review as a JSON diff.
 */
import type { ParseResult } from '../../src/model';
import { progress } from '../../src/model';

/** The JSON-able view of a parse result. */
export function serialise(result: ParseResult): unknown {
  const summary = progress(result.epic);
  const json = JSON.stringify(
    {
      epic: result.epic,
      diagnostics: result.diagnostics,
      progress: {
        phases: summary.phases.map((phase) => ({
          name: phase.name,
          headingLine: phase.phase?.headingRange.line ?? null,
          stories: phase.stories.map((story) => story.id),
          counts: phase.counts,
        })),
        totals: summary.totals,
      },
    },
    (key, value: unknown) => (key === 'nodes' ? undefined : value),
    2,
  );
  return JSON.parse(json) as unknown;
}
