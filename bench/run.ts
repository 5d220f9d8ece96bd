/**
 * `npm run bench`: every benchmark of the project, one JSON line per figure on stdout,
 * `{"bench": NAME, "value": N, "unit": "ms"}`. Each area owns one module exporting `run(report)`.
 */
import { runModelBench } from './model.bench';
import { runEditorBench } from './editor.bench';
import { runRedactBench } from './redact.bench';
import { runHostileBench, runHostileCase } from './hostile.bench';
import { runMemoryBench } from './memory.bench';
import { runGitHubBench } from './github.bench';
import type { Report } from './report';

const report: Report = (bench, value, unit = 'ms') => {
  process.stdout.write(`${JSON.stringify({ bench, value: Math.round(value * 1000) / 1000, unit })}\n`);
};

async function main(): Promise<void> {
  const only = process.argv[2];
  // `hostile-case NAME`: one hostile note in this process (the hostile suite runs each in a child).
  if (only === 'hostile-case') {
    runHostileCase(process.argv[3] ?? '');
    return;
  }
  const suites: [string, (r: Report) => Promise<void>][] = [['model', runModelBench], ['hostile', runHostileBench], ['editor', runEditorBench], ['redact', runRedactBench], ['memory', runMemoryBench], ['github', runGitHubBench]];
  for (const [name, run] of suites) {
    if (only && only !== name) continue;
    await run(report);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
