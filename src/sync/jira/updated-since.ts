/**
 * The JQL clause of an incremental read: issues changed since a moment. Jira reads an absolute JQL
 * date in the searching user's time zone, to the minute, so a stamp written as
 * `"2026-12-06 10:15"` means another instant for every user whose zone is not the one it was
 * formatted in. A relative period (`-42m`) is counted by Jira from its own clock, and needs no time
 * zone: that is the form used here.
 */

/** Minutes added to the period (default 10): covers this machine's clock running behind Jira's. */
export const CLOCK_MARGIN_MINUTES = 10;

/**
 * `updated >= -Nm`, N the whole minutes from `since` to `now` plus `marginMinutes` (default
 * `CLOCK_MARGIN_MINUTES`): every issue changed at or after `since`, and possibly a few just before
 * it (harmless: they compare as unchanged).
 */
export function updatedSinceClause(since: Date, now: Date, marginMinutes: number = CLOCK_MARGIN_MINUTES): string {
  const minutes = Math.max(0, Math.ceil((now.getTime() - since.getTime()) / 60_000)) + Math.max(0, Math.ceil(marginMinutes));
  return `updated >= -${minutes}m`;
}
