import fc from 'fast-check';
import { parseEpic } from '../../src/model';
import { buildReport, type EpicReport, type ReportCounts } from '../../src/model/report';
import { renderProgressPane, statusBarText } from '../../src/view/progress-render';
import { renderStatusBar } from '../../src/view/status-bar';
import { allNotes, seedNote, snapshotOf } from './helpers';
import { browseUrlOf } from '../../src/settings/browse-url';
import { migrateSettings } from '../../src/settings/settings';

const jiraBrowse = browseUrlOf(migrateSettings({ siteUrl: 'https://jira.example.com/' }));

function render(text: string): HTMLElement {
  const el = document.createElement('div');
  renderProgressPane(el, snapshotOf(text).snapshot);
  return el;
}

function numbersOf(el: Element): Record<string, number> {
  const n = (name: string): number => Number(el.getAttribute(name));
  return {
    storiesDone: n('data-stories-done'), storiesTotal: n('data-stories-total'),
    pointsDone: n('data-points-done'), pointsTotal: n('data-points-total'),
  };
}

function reportNumbers(counts: ReportCounts): Record<string, number> {
  return { storiesDone: counts.stories_done, storiesTotal: counts.stories, pointsDone: counts.points_done, pointsTotal: counts.points };
}

/** The seed's jq dashboard, in TypeScript: per named phase and overall, done/total stories. */
function jqDashboard(report: EpicReport, phases: readonly string[]): { phases: { name: string; complete: number; total: number }[]; overall: { complete: number; total: number } } {
  return {
    phases: phases.map((name) => ({
      name,
      complete: report.stories.filter((s) => s.phase === name && s.status === 'done').length,
      total: report.stories.filter((s) => s.phase === name).length,
    })),
    overall: { complete: report.stories.filter((s) => s.status === 'done').length, total: report.stories.length },
  };
}

describe('progress pane numbers', () => {
  const notes = allNotes();

  it('has notes to check (both examples at least)', () => {
    expect(notes.map((n) => n.name)).toEqual(expect.arrayContaining(['examples/postgres-to-crdb.md', 'examples/search-rollout.md']));
  });

  it.each(notes.map((n) => [n.name, n.text] as const))('%s: rows agree with the CLI JSON and the jq dashboard', (_name, text) => {
    const report = buildReport({ result: parseEpic(text), tracker: null, dryRun: true });
    const el = render(text);
    const rows = [...el.querySelectorAll('.spectryn-phase')];
    if (report.stories.length === 0) {
      expect(rows).toHaveLength(0);
      expect(el.querySelector('.spectryn-format-link')).not.toBeNull();
      return;
    }
    expect(rows.map((row) => row.getAttribute('data-phase'))).toEqual(report.phases.map((p) => p.name));
    expect(rows.map(numbersOf)).toEqual(report.phases.map(reportNumbers));
    rows.forEach((row, i) => {
      const phase = report.phases[i];
      expect(Number(row.getAttribute('data-subtasks-done'))).toBe(phase?.subtasks_done);
      expect(Number(row.getAttribute('data-subtasks-total'))).toBe(phase?.subtasks);
      expect(row.querySelectorAll('.spectryn-story')).toHaveLength(phase?.stories ?? -1);
      const bar = row.querySelector('[role="progressbar"]');
      expect(bar?.getAttribute('aria-valuenow')).toBe(String(phase?.points_done));
      expect(bar?.getAttribute('aria-valuemax')).toBe(String(phase?.points));
    });
    const overall = el.querySelector('.spectryn-overall');
    expect(overall && numbersOf(overall)).toEqual(reportNumbers(report.totals));

    const named = report.phases.map((p) => p.name).filter((name) => report.stories.some((s) => s.phase === name));
    const dashboard = jqDashboard(report, named);
    for (const phase of dashboard.phases) {
      const row = rows.find((r) => r.getAttribute('data-phase') === phase.name);
      expect(row && numbersOf(row)).toMatchObject({ storiesDone: phase.complete, storiesTotal: phase.total });
    }
    expect(overall && numbersOf(overall)).toMatchObject({ storiesDone: dashboard.overall.complete, storiesTotal: dashboard.overall.total });
  });

  it('shows the seed dashboard numbers for the seed note', () => {
    const el = render(seedNote());
    const rows = Object.fromEntries([...el.querySelectorAll('.spectryn-phase')].map((r) => [r.getAttribute('data-phase'), numbersOf(r)]));
    expect(rows.Preparation).toMatchObject({ storiesDone: 2, storiesTotal: 2 });
    expect(rows.Development).toMatchObject({ storiesDone: 0, storiesTotal: 2 });
    expect(rows.Testing).toMatchObject({ storiesDone: 0, storiesTotal: 2 });
    expect(rows.Migration).toMatchObject({ storiesDone: 0, storiesTotal: 1 });
    expect(numbersOf(el.querySelector('.spectryn-overall') as Element)).toEqual({ storiesDone: 2, storiesTotal: 7, pointsDone: 8, pointsTotal: 37 });
    expect(el.querySelector('.spectryn-epic-title')?.textContent).toBe('Database Migration: PostgreSQL to CockroachDB');
  });

  it('puts the seed totals in the status bar as "Epic 8/37 pts"', () => {
    const el = document.createElement('div');
    renderStatusBar(el, snapshotOf(seedNote()).snapshot);
    expect(el.textContent).toBe('Epic 8/37 pts');
    expect(el.classList.contains('is-hidden')).toBe(false);
    renderStatusBar(el, snapshotOf('# Shopping list\n\n- milk\n').snapshot);
    expect(el.textContent).toBe('');
    expect(el.classList.contains('is-hidden')).toBe(true);
  });
});

describe('progress pane content', () => {
  const note = [
    '---', 'epic: SHOP-1', '---',
    '# 🚀 Shop',
    '## Phase 1: Alpha',
    '### 🔧 US-001: Dropped idea',
    '| Field | Value |', '|---|---|',
    '| **Story Points** | 3 |',
    '| **Status** | ❌ Cancelled |',
    '### US-002: Unsized',
    '**Story Points**: TBD',
    '**Status**: Done',
    '**Issue**: SHOP-7',
    '### US-003: Half',
    '**Story Points**: 2.5',
    '**Status**: 🔄 In Progress',
    '',
  ].join('\n');

  it('shows title, key, badges, points, chips; strikes cancelled and flags unestimated stories', () => {
    const el = render(note);
    expect(el.querySelector('.spectryn-key-chip')?.textContent).toBe('SHOP-1');
    const cancelled = el.querySelector('[data-story="US-001"]');
    expect(cancelled?.classList.contains('is-cancelled')).toBe(true);
    expect(cancelled?.querySelector('.spectryn-status-badge')?.textContent).toBe('Cancelled');
    const unsized = el.querySelector('[data-story="US-002"]');
    expect(unsized?.classList.contains('is-unestimated')).toBe(true);
    expect(unsized?.querySelector('.spectryn-unestimated-flag')?.textContent).toBe('Not estimated');
    expect(unsized?.querySelector('.spectryn-issue-chip')?.textContent).toBe('SHOP-7');
    expect(el.querySelector('[data-story="US-003"] .spectryn-story-points')?.textContent).toBe('2.5 pts');
    expect(el.querySelector('[data-story="US-003"]')?.getAttribute('data-line')).toBe('15');
    const row = el.querySelector('[data-phase="Alpha"]');
    expect(row && numbersOf(row)).toEqual({ storiesDone: 1, storiesTotal: 3, pointsDone: 0, pointsTotal: 5.5 });
    expect(row?.getAttribute('data-stories-cancelled')).toBe('1');
    expect(row?.querySelector('.spectryn-unestimated-count')?.textContent).toBe('1 not estimated');
    expect(row?.querySelector('.spectryn-bar-label')?.textContent).toBe('0/5.5 pts');
    expect(row?.querySelector('[role="progressbar"]')?.getAttribute('aria-valuetext')).toBe('0 of 5.5 points done');
  });

  it('says each count once: stories in the phase head, not again in its count line', () => {
    const el = render(note);
    const phase = el.querySelector('[data-phase="Alpha"]');
    expect(phase?.querySelector('.spectryn-phase-stories')?.textContent).toBe('1/3 stories');
    expect(phase?.textContent?.match(/stories/g)).toHaveLength(1);
    expect(Array.from(phase?.querySelectorAll('.spectryn-counts span') ?? []).map((s) => s.textContent)).toEqual(['0/5.5 pts', '0/0 subtasks', '1 cancelled', '1 not estimated']);
    // The overall block has no head: its count line keeps the stories.
    expect(el.querySelector('.spectryn-overall .spectryn-counts')?.textContent).toContain('1/3 stories done');
  });

  it('links issue chips to the tracker when the note or the settings give its address', () => {
    const withUrl = note.replace('**Issue**: SHOP-7\n', '').replace('### US-002: Unsized\n', '### US-002: Unsized\n> **Issue:** [SHOP-7](https://shop.example/browse/SHOP-7)\n');
    const linked = document.createElement('div');
    renderProgressPane(linked, snapshotOf(withUrl).snapshot);
    expect(linked.querySelector('[data-story="US-002"] a.spectryn-issue-chip')?.getAttribute('href')).toBe('https://shop.example/browse/SHOP-7');
    const el = document.createElement('div');
    renderProgressPane(el, snapshotOf(note).snapshot, { browseUrl: jiraBrowse });
    const chip = el.querySelector('[data-story="US-002"] .spectryn-issue-chip');
    expect(chip?.tagName).toBe('A');
    expect(chip?.getAttribute('href')).toBe('https://jira.example.com/browse/SHOP-7');
    expect(chip?.getAttribute('target')).toBe('_blank');
    // Without an address: a plain chip.
    expect(render(note).querySelector('[data-story="US-002"] .spectryn-issue-chip')?.tagName).toBe('SPAN');
  });

  it('links the epic key under the title to the tracker\'s page of the epic when the settings give its address', () => {
    const withEpic = `---\nepic: SHOP-1\n---\n${note}`;
    const el = document.createElement('div');
    renderProgressPane(el, snapshotOf(withEpic).snapshot, { browseUrl: jiraBrowse });
    const chip = el.querySelector('.spectryn-pane-header .spectryn-key-chip');
    expect(chip?.tagName).toBe('A');
    expect(chip?.textContent).toBe('SHOP-1');
    expect(chip?.getAttribute('href')).toBe('https://jira.example.com/browse/SHOP-1');
    expect(chip?.getAttribute('target')).toBe('_blank');
    expect(render(withEpic).querySelector('.spectryn-pane-header .spectryn-key-chip')?.tagName).toBe('SPAN');
  });

  it('never links a chip to a note-written address that is not http(s)', () => {
    const hostile = note.replace('**Issue**: SHOP-7\n', '').replace('### US-002: Unsized\n', '### US-002: Unsized\n> **Issue:** [SHOP-7](javascript:alert(1))\n');
    expect(hostile).toContain('javascript:');
    const chip = render(hostile).querySelector('[data-story="US-002"] .spectryn-issue-chip');
    expect(chip?.tagName).toBe('SPAN');
    expect(chip?.textContent).toBe('SHOP-7');
    // With a tracker address in the settings the chip links there, never to the note's target.
    const el = document.createElement('div');
    renderProgressPane(el, snapshotOf(hostile).snapshot, { browseUrl: jiraBrowse });
    expect(el.querySelector('[data-story="US-002"] .spectryn-issue-chip')?.getAttribute('href')).toBe('https://jira.example.com/browse/SHOP-7');
  });

  it('gives each story title its full text on hover (the row cuts it to one line)', () => {
    expect(render(note).querySelector('[data-story="US-003"] .spectryn-story-title')?.getAttribute('title')).toBe('Half');
  });

  it('explains a note that is not an epic, with a link to the format', () => {
    const el = render('# Groceries\n\nMilk and bread.\n');
    expect(el.querySelector('.spectryn-pane-empty')?.textContent).toContain('is not an epic');
    expect(el.querySelector('.spectryn-format-link')?.getAttribute('data-action')).toBe('show-format');
    expect(el.querySelector('.spectryn-phase')).toBeNull();
  });

  it('asks for a note when none is open', () => {
    const el = document.createElement('div');
    renderProgressPane(el, { file: null, result: null, progress: null, isEpic: false });
    expect(el.textContent).toBe('Open an epic note to see its progress.');
  });

  it('renders any text without throwing, and its rows always sum to the overall numbers', () => {
    fc.assert(fc.property(fc.array(fc.oneof(
      fc.constantFrom('## Phase 1: A', '## Phase 2: B', '### US-1: x', '### US-2: y', '**Status**: Done', '**Story Points**: 3', '| **Story Points** | 2 |', '**Status**: ❌ Cancelled', '# T', '---'),
      fc.string(),
    ), { maxLength: 25 }), (lines) => {
      const el = render(lines.join('\n'));
      const rows = [...el.querySelectorAll('.spectryn-phase')].map(numbersOf);
      const overall = el.querySelector('.spectryn-overall');
      if (!overall) { expect(rows).toHaveLength(0); return; }
      const sum = (key: string): number => rows.reduce((acc, r) => acc + (r[key] ?? 0), 0);
      const totals = numbersOf(overall);
      expect(sum('storiesTotal')).toBe(totals.storiesTotal);
      expect(sum('storiesDone')).toBe(totals.storiesDone);
      expect(sum('pointsTotal')).toBeCloseTo(totals.pointsTotal ?? NaN);
    }), { numRuns: 150 });
  });

  it('formats the status bar text from totals', () => {
    expect(statusBarText({ stories: 3, storiesDone: 1, storiesCancelled: 0, points: 10.25, pointsDone: 2.5, subtasks: 0, subtasksDone: 0, unestimated: 0 })).toBe('Epic 2.5/10.25 pts');
  });
});
