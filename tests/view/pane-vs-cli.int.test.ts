/**
 * @jest-environment jsdom
 *
 * The pane's numbers against the real command line: the CLI is bundled and spawned on every
 * example and fixture, its JSON read as the seed's dashboard reads it (through jq when installed),
 * and every phase row and the overall row of the rendered pane must say the same.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EpicReport } from '../../src/model/report';
import { renderProgressPane } from '../../src/view/progress-render';
import { allNotes, seedNote, snapshotOf } from './helpers';

const ROOT = join(__dirname, '..', '..');
const hasJq = spawnSync('jq', ['--version']).status === 0;
let dir = '';
let cli = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spectryn-pane-cli-'));
  cli = join(dir, 'cli.js');
  // esbuild refuses to run inside jsdom (its TextEncoder check); build in a child process instead.
  const built = spawnSync(join(ROOT, 'node_modules/.bin/esbuild'), [join(ROOT, 'src/cli.ts'),
    '--bundle', '--platform=node', '--format=cjs', '--target=node20', `--outfile=${cli}`, '--log-level=error'], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(built.stderr);
}, 60_000);
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

function cliJson(text: string): { report: EpicReport; stdout: string } {
  const note = join(dir, 'note.md');
  writeFileSync(note, text);
  const run = spawnSync(process.execPath, [cli, '-m', note, '--output', 'json'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  // Exit 6 = validation errors in the note: the JSON is still printed.
  if (run.status !== 0 && run.status !== 6) throw new Error(`cli exited ${run.status}: ${run.stderr}`);
  return { report: JSON.parse(run.stdout) as EpicReport, stdout: run.stdout };
}

function jq(filter: string, input: string): unknown {
  const run = spawnSync('jq', ['-c', filter], { input, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as unknown;
}

function pane(text: string): HTMLElement {
  const el = document.createElement('div');
  renderProgressPane(el, snapshotOf(text).snapshot);
  return el;
}

const attrs = (el: Element | null | undefined) => el && ({
  stories_done: Number(el.getAttribute('data-stories-done')),
  stories: Number(el.getAttribute('data-stories-total')),
  points_done: Number(el.getAttribute('data-points-done')),
  points: Number(el.getAttribute('data-points-total')),
});

describe('pane vs the spawned CLI', () => {
  it.each(allNotes().map((n) => [n.name, n.text] as const))('%s', (_name, text) => {
    const { report, stdout } = cliJson(text);
    const el = pane(text);
    const rows = [...el.querySelectorAll('.spectryn-phase')];
    expect(rows.map((r) => r.getAttribute('data-phase'))).toEqual(report.stories.length ? report.phases.map((p) => p.name) : []);
    expect(rows.map(attrs)).toEqual(report.stories.length
      ? report.phases.map((p) => ({ stories_done: p.stories_done, stories: p.stories, points_done: p.points_done, points: p.points }))
      : []);
    if (report.stories.length) {
      const { stories_done, stories, points_done, points } = report.totals;
      expect(attrs(el.querySelector('.spectryn-overall'))).toEqual({ stories_done, stories, points_done, points });
    }
    if (!hasJq) return;
    // The dashboard's own reading of the JSON, generalised to whatever phases the note has.
    const perPhase = jq('.stories | map(select(.phase != null)) | group_by(.phase) | map({name: .[0].phase, complete: (map(select(.status == "done")) | length), total: length})', stdout) as { name: string; complete: number; total: number }[];
    for (const phase of perPhase) {
      expect(attrs(rows.find((r) => r.getAttribute('data-phase') === phase.name))).toMatchObject({ stories_done: phase.complete, stories: phase.total });
    }
    const overall = jq('{complete: (.stories | map(select(.status == "done")) | length), total: (.stories | length)}', stdout) as { complete: number; total: number };
    if (report.stories.length) expect(attrs(el.querySelector('.spectryn-overall'))).toMatchObject({ stories_done: overall.complete, stories: overall.total });
  });

  (hasJq ? it : it.skip)('agrees with the seed dashboard script, run by jq as written', () => {
    const { stdout } = cliJson(seedNote());
    const filter = `{
      epic: .epic_key,
      phases: [
        {name: "Preparation", complete: (.stories | map(select(.phase == "Preparation" and .status == "done")) | length), total: (.stories | map(select(.phase == "Preparation")) | length)},
        {name: "Development", complete: (.stories | map(select(.phase == "Development" and .status == "done")) | length), total: (.stories | map(select(.phase == "Development")) | length)},
        {name: "Testing", complete: (.stories | map(select(.phase == "Testing" and .status == "done")) | length), total: (.stories | map(select(.phase == "Testing")) | length)},
        {name: "Migration", complete: (.stories | map(select(.phase == "Migration" and .status == "done")) | length), total: (.stories | map(select(.phase == "Migration")) | length)}
      ],
      overall: { complete: (.stories | map(select(.status == "done")) | length), total: (.stories | length) }
    }`;
    const dashboard = jq(filter, stdout) as { phases: { name: string; complete: number; total: number }[]; overall: { complete: number; total: number } };
    expect(dashboard.phases.map((p) => `${p.name} ${p.complete}/${p.total}`)).toEqual(['Preparation 2/2', 'Development 0/2', 'Testing 0/2', 'Migration 0/1']);
    expect(dashboard.overall).toEqual({ complete: 2, total: 7 });
    const el = pane(seedNote());
    for (const phase of dashboard.phases) {
      expect(attrs(el.querySelector(`[data-phase="${phase.name}"]`))).toMatchObject({ stories_done: phase.complete, stories: phase.total });
    }
    expect(attrs(el.querySelector('.spectryn-overall'))).toMatchObject({ stories_done: 2, stories: 7 });
  });
});
