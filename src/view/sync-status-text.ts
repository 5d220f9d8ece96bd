/**
 * How the status bar and the pane say when the note last synced and how many conflicts are open
 * (issue 13, docs/sync-record.md): "synced 5 min ago · 1 conflict". Pure: no Obsidian, no DOM.
 */

/** What is known of an epic's sync: the record's latest sync time and the conflicts left open. */
export interface SyncState {
  /** When the record last changed (its latest entry's `synced`), or null without a record. */
  readonly lastSynced: Date | null;
  /** Conflicts the latest dry run or sync left open (0 when none is known). */
  readonly openConflicts: number;
}

/** How often the shown age is refreshed, in ms (30 s: "5 min ago" is never more than half a minute off). */
export const SYNC_AGE_REFRESH_MS = 30_000;

/** Where a view reads the active epic's sync state and hears of its changes (the plugin's `SyncStatus`). */
export interface SyncStateSource {
  /** The active epic's state, or null when the active note is no epic with a key. */
  current(): SyncState | null;
  /** Calls `listener` after every change; returns the function that unsubscribes it. */
  subscribe(listener: () => void): () => void;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * "synced just now" (under a minute), "synced 5 min ago", "synced 3 h ago", "synced 2 days ago",
 * or "not synced yet" without a record. A time ahead of `now` (another device's clock) reads as now.
 */
export function syncAgeText(lastSynced: Date | null, now: Date): string {
  if (lastSynced === null) return 'not synced yet';
  const age = Math.max(0, now.getTime() - lastSynced.getTime());
  if (age < MINUTE_MS) return 'synced just now';
  if (age < HOUR_MS) return `synced ${Math.floor(age / MINUTE_MS)} min ago`;
  if (age < DAY_MS) return `synced ${Math.floor(age / HOUR_MS)} h ago`;
  const days = Math.floor(age / DAY_MS);
  return `synced ${days} ${days === 1 ? 'day' : 'days'} ago`;
}

/** "1 conflict", "3 conflicts"; empty for none. */
export function conflictCountText(count: number): string {
  if (count <= 0) return '';
  return `${count} ${count === 1 ? 'conflict' : 'conflicts'}`;
}

/** The whole line: "synced 5 min ago · 1 conflict". */
export function syncStateText(state: SyncState, now: Date): string {
  const conflicts = conflictCountText(state.openConflicts);
  return conflicts === '' ? syncAgeText(state.lastSynced, now) : `${syncAgeText(state.lastSynced, now)} · ${conflicts}`;
}

/** The line's accessible label, with the exact time: "Last synced 2026-12-06 10:15 UTC; 1 open conflict". */
export function syncStateLabel(state: SyncState): string {
  const when = state.lastSynced === null ? 'Not synced yet' : `Last synced ${state.lastSynced.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const count = state.openConflicts;
  return count <= 0 ? when : `${when}; ${count} open ${count === 1 ? 'conflict' : 'conflicts'}`;
}
