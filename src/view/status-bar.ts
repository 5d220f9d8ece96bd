/**
 * The status bar item: `Epic 8/37 pts` (points done / total) for the active epic note, hidden
 * otherwise. Clicking it opens the progress pane (wired in main.ts).
 */
import type { ActiveEpicSnapshot } from './epic-snapshot';
import { statusBarText } from './progress-render';

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
}
