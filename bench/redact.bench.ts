/**
 * Redaction benchmark: the command line redacts its whole JSON result (and every message) before
 * writing it (src/sync/redact.ts). Figure: the JSON report of a seed-style note of 2,000 stories.
 */
import { parseEpic } from '../src/model/parse';
import { buildReport } from '../src/model/report';
import { redact, secretsOf } from '../src/sync/redact';
import { seedStyleNote } from './model.bench';

import type { Report } from './report';

/** Reports `redact.report-2000-stories` (ms, best of 5) and the text's size (KB). */
export async function runRedactBench(report: Report): Promise<void> {
  const note = parseEpic(seedStyleNote(2000));
  const json = JSON.stringify(buildReport({ result: note, tracker: null, dryRun: true, epicKey: 'INFRA-100' }), null, 2);
  const secrets = secretsOf({ email: 'dev@example.com', token: 'ATATT3xFfGF0-bench-token-0123456789' });
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    redact(json, secrets);
    best = Math.min(best, performance.now() - start);
  }
  report('redact.report-2000-stories', best);
  report('redact.report-2000-stories.size', json.length / 1024, 'KB');
  return Promise.resolve();
}
