/**
 * Hostile-text benchmarks: notes shaped to make micromark superlinear (issue 11, item 5), each a
 * story followed by one hostile body, parsed cold by `parseEpic` in a fresh process so its peak
 * memory is its own. Lines: `hostile.<case>.ms` (wall time of the parse) and
 * `hostile.<case>.peak-mb` (the process's peak resident memory, MB, Node's own footprint included).
 * Without the bounds of src/model/parse-bounds.ts these took 15–48 s and up to 2 GB (issue 11).
 */
import { execFileSync } from 'node:child_process';
import { parseEpic } from '../src/model/parse';
import type { Report } from './report';

const STORY = '# Epic\n\n## Phase 1: Build\n\n### US-001: Story\n\n**Story Points:** 3\n**Status:** ✅ Done\n\n#### Description\n\n';
const AFTER = '\n\n### US-002: After\n\n**Story Points:** 5\n';

function subtaskRows(bytes: number): string {
  const rows = ['#### Subtasks\n\n| # | Subtask | Description | SP | Status |\n|---|---|---|---|---|\n'];
  let size = rows[0]?.length ?? 0;
  for (let i = 1; size < bytes; i += 1) {
    const row = `| ${i} | Subtask ${i} | Do **part** ${i} of the work | 1 | ✅ Done |\n`;
    rows.push(row);
    size += row.length;
  }
  return rows.join('');
}

function indentedLists(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let depth = 0; size < bytes; depth += 1) {
    const line = `${'  '.repeat(depth)}- item ${depth}\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

/** The hostile bodies, by case name. */
export const HOSTILE_CASES: Readonly<Record<string, () => string>> = {
  'list-markers-16k': () => `${'- '.repeat(8000)}x`,
  'ordered-markers-16k': () => `${'1. '.repeat(5400)}x`,
  'nested-quote-64k': () => `${'> '.repeat(32000)}x`,
  'strong-run-128k': () => `**${'a'.repeat(131072)}**`,
  'strong-alternating-128k': () => '**a'.repeat(43690),
  'links-128k': () => '[a]('.repeat(32768),
  'indented-lists-256k': () => indentedLists(262144),
  'subtask-table-1m': () => subtaskRows(1048576),
};

/** Parses one case in this process and prints `{ms, peakMb, stories}` (run by `runHostileBench` in a child). */
export function runHostileCase(name: string): void {
  const body = HOSTILE_CASES[name];
  if (body === undefined) throw new Error(`no hostile case ${name}`);
  const note = `${STORY}${body()}${AFTER}`;
  const start = performance.now();
  const result = parseEpic(note);
  const ms = performance.now() - start;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ ms, peakMb, stories: result.epic.stories.length })}\n`);
}

/** Runs every hostile case in a fresh process and reports its parse time and peak memory. */
export async function runHostileBench(report: Report): Promise<void> {
  const script = process.argv[1] ?? 'dist/bench.js';
  for (const name of Object.keys(HOSTILE_CASES)) {
    const out = execFileSync(process.execPath, [script, 'hostile-case', name], { encoding: 'utf8' });
    const figures = JSON.parse(out) as { ms: number; peakMb: number; stories: number };
    // The note's normal parts must still be read: both stories, whatever happened to the body.
    if (figures.stories !== 2) throw new Error(`hostile case ${name}: ${figures.stories} stories read, expected 2`);
    report(`hostile.${name}.ms`, figures.ms);
    report(`hostile.${name}.peak-mb`, figures.peakMb, 'MB');
    await Promise.resolve();
  }
}
