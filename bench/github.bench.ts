/**
 * GitHub sync costs (issue 16 "Report"): requests and rate-limit points used by the seed note's
 * first sync and by a no-op re-sync, against the fake GitHub (pages of 5, every request checked
 * against GitHub's OpenAPI operations). Lines: `github.<run>.requests`, `.rate-limit-points`
 * (primary limit: requests that counted; 304s are free), `.not-modified`, `.writes`,
 * `.secondary-points` (GitHub's secondary-limit costs: 1 per read, 5 per write) and `.ms`.
 * Run from the repository root (the contract is read from testing/contracts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitHubTrackerFor } from '../tests/sync/github/helpers';
import { GitHubNote, MemoryRecord, startGitHub, twoWaySync } from '../tests/testing/fake-github/sync-harness';
import type { Report } from './report';

/** Runs the seed's first sync and a no-op re-sync and reports what each cost. */
export async function runGitHubBench(report: Report): Promise<void> {
  const fake = await startGitHub();
  try {
    // The scenario tests' seed note (`gitHubSeedNote`), read from the working directory: the bundle has no tests' __dirname.
    const note = new GitHubNote(`---\ntracker: github\nepic: "acme/infra#1"\n---\n${readFileSync(join(process.cwd(), 'examples/postgres-to-crdb.md'), 'utf8')}`);
    const record = new MemoryRecord();
    for (const run of ['first-sync', 'noop-resync']) {
      fake.resetUsage();
      const started = performance.now();
      const result = await twoWaySync(note, gitHubTrackerFor(fake), record);
      const ms = performance.now() - started;
      if (result.errors.length > 0) throw new Error(`github ${run}: ${result.errors.join('; ')}`);
      const usage = fake.usage();
      report(`github.${run}.requests`, usage.requests, 'requests');
      report(`github.${run}.rate-limit-points`, usage.rateLimitUsed, 'points');
      report(`github.${run}.not-modified`, usage.notModified, 'requests');
      report(`github.${run}.writes`, usage.writes, 'requests');
      report(`github.${run}.secondary-points`, usage.secondaryPoints, 'points');
      report(`github.${run}.ms`, ms);
    }
    if (fake.violations.length > 0) throw new Error(`github bench: contract violations: ${fake.violations.join('; ')}`);
  } finally {
    await fake.close();
  }
}
