/**
 * The sync line of the status bar and the progress pane: "synced 5 min ago · 1 conflict" (see
 * sync-status-text.ts). Stable hooks: `data-synced` (ISO time, absent without a record) and
 * `data-conflicts` (count) on the element.
 */
import { syncStateLabel, syncStateText, type SyncState } from './sync-status-text';

/** Shows `state` in `el` (a status bar item or a line of the pane); hides it when `state` is null (no epic). */
export function renderSyncState(el: HTMLElement, state: SyncState | null, now: Date): void {
  el.addClass('spectryn-sync-state');
  el.toggleClass('is-hidden', state === null);
  if (state === null) {
    el.setText('');
    el.setAttr('data-synced', null);
    el.setAttr('data-conflicts', null);
    return;
  }
  el.setText(syncStateText(state, now));
  el.setAttr('aria-label', syncStateLabel(state));
  el.setAttr('data-synced', state.lastSynced?.toISOString() ?? null);
  el.setAttr('data-conflicts', state.openConflicts);
  el.toggleClass('has-conflicts', state.openConflicts > 0);
}
