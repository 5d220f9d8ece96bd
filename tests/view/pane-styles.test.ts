/**
 * The pane's story rows, by styles.css (read like the browser would cascade it): the title stays
 * on one line and ends in an ellipsis, while the badge, id, points and issue chip keep their size,
 * so a short title next to a chip ("Schema / Migrations") no longer wraps.
 */
import { declaredValue, readPluginStyles } from '../editor/css-cascade';
import { renderProgressPane } from '../../src/view/progress-render';
import { snapshotOf } from './helpers';

const RULES = readPluginStyles();

test('a story row keeps its title on one line, with an ellipsis, and its other parts whole', () => {
  const note = ['# Epic', '## Phase 1: Build', '### US-001: Schema / Migrations', '> **Issue:** [DB-12](https://jira.example.com/browse/DB-12)', '', '**Story Points**: 5', '**Status**: Open', ''].join('\n');
  const pane = document.body.createDiv();
  renderProgressPane(pane, snapshotOf(note).snapshot);
  const row = pane.querySelector('[data-story="US-001"]');
  const title = row?.querySelector('.spectryn-story-title');
  if (!row || !title) throw new Error('no story row');
  expect(declaredValue(RULES, row, 'flex-wrap')).toBe('nowrap');
  expect(declaredValue(RULES, title, 'white-space')).toBe('nowrap');
  expect(declaredValue(RULES, title, 'overflow')).toBe('hidden');
  expect(declaredValue(RULES, title, 'text-overflow')).toBe('ellipsis');
  expect(declaredValue(RULES, title, 'min-width')).toBe('0');
  expect(declaredValue(RULES, title, 'flex')).toBe('1 1 0');
  for (const part of ['.spectryn-status-badge', '.spectryn-story-id', '.spectryn-story-points', '.spectryn-issue-chip']) {
    const el = row.querySelector(part);
    expect(el).not.toBeNull();
    if (el) expect(declaredValue(RULES, el, 'flex')).toBe('none');
  }
  pane.remove();
});
