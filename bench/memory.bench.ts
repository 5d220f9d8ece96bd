/**
 * Memory of the command line: the peak resident set of `node dist/cli.js` on seed-style notes of
 * 20 and 2,000 stories (`--output json`, no tracker), read from the child's own
 * `process.resourceUsage().maxRSS` at exit. Figures `cli.peak-rss.<n>` in MiB. Goal: within 150 MiB
 * at 2,000 stories. (The plugin's retained heap per open note is in the editor benchmark.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedStyleNote } from './model.bench';
import type { Report } from './report';

/** Runs the memory benchmark and reports its lines. */
export async function runMemoryBench(report: Report): Promise<void> {
  execFileSync(process.execPath, ['esbuild.config.mjs', 'production'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const dir = mkdtempSync(join(tmpdir(), 'spectryn-memory-'));
  try {
    // Preloaded into the CLI: writes its peak resident set (KiB) when it exits, however it exits.
    const preload = join(dir, 'peak-rss.cjs');
    const out = join(dir, 'peak-rss.txt');
    writeFileSync(preload, `process.on('exit', () => { require('node:fs').writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)); });\n`);
    for (const stories of [20, 2000]) {
      const note = join(dir, `epic-${String(stories)}.md`);
      writeFileSync(note, seedStyleNote(stories));
      const run = spawnSync(process.execPath, ['--require', preload, join('dist', 'cli.js'), '-m', note, '--output', 'json'], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
      if (run.status !== 0) throw new Error(`cli exited ${String(run.status)}: ${run.stderr.toString()}`);
      report(`cli.peak-rss.${String(stories)}`, Number(readFileSync(out, 'utf8')) / 1024, 'MiB');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return Promise.resolve();
}
