/**
 * Since when a re-sync must read: the latest tracker `updated` stamp the record holds. It is the
 * tracker's own time (no clock of this machine is compared with it), and it moves only when an
 * issue changed, so a sync that changes nothing leaves the record untouched (docs/sync-record.md
 * "Reading only what changed").
 */
import type { SyncRecord } from './types';

/** The latest `updated` stamp of the record's entries, or null when it has none (then read everything). */
export function recordWatermark(record: SyncRecord | null): Date | null {
  let latest: number | null = null;
  for (const entry of record?.entries ?? []) {
    const at = entry.updated === null ? Number.NaN : Date.parse(entry.updated);
    if (Number.isFinite(at) && (latest === null || at > latest)) latest = at;
  }
  return latest === null ? null : new Date(latest);
}
