/**
 * Problems are seen before a sync (issue 14): the pane and the status bar show the count of the
 * note's errors and warnings, a click on it opens the list (the Validate action, whose items go to
 * their line), and stories that share an id are marked in the pane.
 */
import { WorkspaceLeaf, type TFile } from 'obsidian';
import { renderProgressPane } from '../../src/view/progress-render';
import { EpicProgressView } from '../../src/view/progress-view';
import { renderStatusBar, STATUS_BAR_PROBLEMS_CLASS } from '../../src/view/status-bar';
import { seedNote, snapshotOf } from './helpers';

const DUPLICATE = ['# Epic', '## Phase 1: A', '### US-001: First', '**Story Points**: 1', '### US-001: Copy', '**Story Points**: 2', '### US-002: Other', '**Story Points**: 3', '**Status**: Sideways', ''].join('\n');

test('the pane counts the note\'s errors and warnings and marks both stories of a duplicate id', () => {
  const pane = document.createElement('div');
  renderProgressPane(pane, snapshotOf(DUPLICATE).snapshot);
  const count = pane.querySelector('.spectryn-problem-count');
  expect(count?.textContent).toBe('2 problems');
  expect(count?.classList.contains('is-error')).toBe(true);
  const rows = [...pane.querySelectorAll('[data-story]')];
  expect(rows.map((row) => [row.getAttribute('data-story'), row.classList.contains('is-duplicate'), row.querySelector('.spectryn-duplicate-flag')?.textContent ?? null])).toEqual([
    ['US-001', true, 'Duplicate id'], ['US-001', true, 'Duplicate id'], ['US-002', false, null],
  ]);
  // A clean note shows no count.
  const clean = document.createElement('div');
  renderProgressPane(clean, snapshotOf(seedNote()).snapshot);
  expect(clean.querySelector('.spectryn-problem-count')).toBeNull();
});

test('the status bar adds the problem count after the totals, only when there are problems', () => {
  const el = document.createElement('div');
  renderStatusBar(el, snapshotOf(DUPLICATE).snapshot);
  expect(el.textContent).toBe('Epic 0/6 pts · 2 problems');
  expect(el.querySelector(`.${STATUS_BAR_PROBLEMS_CLASS}`)?.getAttribute('data-count')).toBe('2');
  renderStatusBar(el, snapshotOf(seedNote()).snapshot);
  expect(el.textContent).toBe('Epic 8/37 pts');
});

test('clicking the pane\'s problem count opens the list of problems', async () => {
  const { activeEpic } = snapshotOf(DUPLICATE, 'Epics/Dup.md');
  const calls: string[] = [];
  const actions = {
    sync: (): void => { calls.push('sync'); },
    exportJson: (): Promise<void> => Promise.resolve(),
    validate: (): void => { calls.push('validate'); },
    goToLine: (_file: TFile, line: number): Promise<void> => { calls.push(`goto:${line}`); return Promise.resolve(); },
  };
  const view = new EpicProgressView(new WorkspaceLeaf(), { activeEpic, actions, showFormat: () => undefined });
  await (view as unknown as { open(): Promise<void> }).open();
  view.contentEl.querySelector<HTMLElement>('.spectryn-problem-count')?.click();
  expect(calls).toEqual(['validate']);
});
