/**
 * A re-parse keeps no earlier version of the note alive. Sections reused from the previous parse
 * were cut from the previous text; as V8 slices of it they kept all of it, so every edit (and
 * every slice of an opening note) left a whole copy of the note in memory. Counted as whole copies
 * of the note among the live strings of a heap snapshot (retained-text-probe.ts, in a fresh Node
 * process), not from heap totals: those move by tens of MB with compiled code and collector
 * timing on a busy machine, and a jest worker's heap holds every earlier test's strings too.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { tempDir } from '../cli/harness';

test('ten edits in ten places, each a new copy of the note, keep one note alive, not ten more', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const probe = join(dir, 'retained-text-probe.cjs');
    await build({ entryPoints: [join(__dirname, 'retained-text-probe.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: probe, logLevel: 'silent' });
    const counts = JSON.parse(execFileSync(process.execPath, [probe], { encoding: 'utf8' })) as { before: number; once: number; afterTen: number; stories: number[] };
    expect(counts.stories).toEqual([300, 300]);
    // `base` itself is held throughout; each parse result holds its own text, and nothing older.
    expect(counts.before).toBe(1);
    expect(counts.once - counts.before).toBe(1);
    expect(counts.afterTen - counts.once).toBe(1);
  } finally {
    cleanup();
  }
}, 60_000);
