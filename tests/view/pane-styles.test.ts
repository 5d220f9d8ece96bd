/**
 * The pane's story rows, by styles.css (read like the browser would cascade it): the title takes
 * the rest of the row and wraps between words (never cut with an ellipsis, so it reads whole next
 * to an issue key), while the badge, id, points and issue chip keep their size. The browser check
 * is tests/e2e/demo/pane-cosmetics.e2e.test.ts.
 */
import { declaredValue, readPluginStyles } from '../editor/css-cascade';
import { renderProgressPane } from '../../src/view/progress-render';
import { snapshotOf } from './helpers';

const RULES = readPluginStyles();

test('a story row shows its whole title, wrapping between words, and keeps its other parts whole', () => {
  const note = ['# Epic', '## Phase 1: Build', '### US-001: Schema / Migrations', '> **Issue:** [DB-12](https://jira.example.com/browse/DB-12)', '', '**Story Points**: 5', '**Status**: Open', ''].join('\n');
  const pane = document.body.createDiv();
  renderProgressPane(pane, snapshotOf(note).snapshot);
  const row = pane.querySelector('[data-story="US-001"]');
  const title = row?.querySelector('.spectryn-story-title');
  if (!row || !title) throw new Error('no story row');
  // Too narrow for 10em of title, the title starts a new line rather than breaking words.
  expect(declaredValue(RULES, row, 'flex-wrap')).toBe('wrap');
  expect(declaredValue(RULES, title, 'white-space')).toBe('normal');
  expect(declaredValue(RULES, title, 'overflow')).toBe('');
  expect(declaredValue(RULES, title, 'text-overflow')).toBe('');
  expect(declaredValue(RULES, title, 'min-width')).toBe('0');
  expect(declaredValue(RULES, title, 'flex')).toBe('1 1 10em');
  for (const part of ['.spectryn-status-badge', '.spectryn-story-id', '.spectryn-story-points', '.spectryn-issue-chip']) {
    const el = row.querySelector(part);
    expect(el).not.toBeNull();
    if (el) expect(declaredValue(RULES, el, 'flex')).toBe('none');
  }
  pane.remove();
});
