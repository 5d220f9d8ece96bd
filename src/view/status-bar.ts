/**
 * The status bar item: `Epic 8/37 pts` (points done / total) for the active epic note, hidden
 * otherwise. Clicking it opens the progress pane (wired in main.ts).
 */
import type { ActiveEpicSnapshot } from './epic-snapshot';
import { problemCount, problemText, statusBarText } from './progress-render';

/** Class of the status bar's problem count: a click on it opens the list of problems (main.ts). */
export const STATUS_BAR_PROBLEMS_CLASS = 'spectryn-status-problems';

/** Shows `snapshot`'s totals in the status bar item `el`, or hides it when the note is no epic. */
export function renderStatusBar(el: HTMLElement, snapshot: ActiveEpicSnapshot): void {
  el.addClass('spectryn-status-bar');
  const totals = snapshot.isEpic ? snapshot.progress?.totals : undefined;
  if (!totals) {
    el.setText('');
    el.toggleClass('is-hidden', true);
    return;
  }
  el.toggleClass('is-hidden', false);
  el.setText(statusBarText(totals));
  el.setAttr('aria-label', `${totals.storiesDone} of ${totals.stories} stories done; open epic progress`);
  renderStatusBarProblems(el, snapshot);
}

/** After the totals: `· 2 problems` when the note has errors or warnings (a click shows the list). */
function renderStatusBarProblems(el: HTMLElement, snapshot: ActiveEpicSnapshot): void {
  const count = problemCount(snapshot.result?.diagnostics ?? []);
  if (count === 0) return;
  el.createSpan({ cls: STATUS_BAR_PROBLEMS_CLASS, text: ` · ${problemText(count)}`, attr: { 'data-count': count, 'aria-label': `${problemText(count)}: show the list` } });
}
