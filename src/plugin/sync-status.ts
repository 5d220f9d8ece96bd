/**
 * What the plugin knows of each epic's sync, for the status bar and the pane: when it last synced
 * (the latest `synced` time in its vault record, docs/sync-record.md) and how many conflicts the
 * latest dry run or sync left open (kept in memory: the record holds agreements only). Read once
 * per epic, then again after each sync; listeners hear every change.
 */
import { lastSyncedOf } from '../sync';
import { parseRecord } from '../sync/record/format';
import type { SyncState } from '../view/sync-status-text';
import type { VaultRecordStore } from './sync-record-store';

/** The latest sync time in a record's text (`lastSyncedOf` of the run), or null without a record (or one with no entry). */
export function lastSyncedTime(text: string | null): Date | null {
  if (text === null) return null;
  const latest = lastSyncedOf(parseRecord(text).record);
  const time = latest === null ? Number.NaN : Date.parse(latest);
  return Number.isNaN(time) ? null : new Date(time);
}

/** Sync states by epic key; see the file comment. */
export class SyncStatus {
  private readonly states = new Map<string, SyncState>();
  private readonly loading = new Set<string>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly store: Pick<VaultRecordStore, 'read'>) {}

  /** The state of `epicKey` as known now; null without a key; "not synced yet" until its record is read. */
  current(epicKey: string | null): SyncState | null {
    if (epicKey === null) return null;
    return this.states.get(epicKey.toUpperCase()) ?? { lastSynced: null, openConflicts: 0 };
  }

  /** Reads the record of `epicKey` unless it was read already (call on every note change: it is cheap). */
  ensure(epicKey: string | null): void {
    if (epicKey === null) return;
    const id = epicKey.toUpperCase();
    if (this.states.has(id) || this.loading.has(id)) return;
    void this.reload(id);
  }

  /** Reads the record of `epicKey` again (after a sync wrote it); a record that cannot be read counts as none. */
  async reload(epicKey: string): Promise<void> {
    const id = epicKey.toUpperCase();
    this.loading.add(id);
    let lastSynced: Date | null = null;
    try {
      lastSynced = lastSyncedTime(await this.store.read(id));
    } catch {
      // No record, or an epic key that names no file: shown as never synced; the sync says why.
    } finally {
      this.loading.delete(id);
    }
    this.states.set(id, { lastSynced, openConflicts: this.states.get(id)?.openConflicts ?? 0 });
    this.notify();
  }

  /** Sets the conflicts the latest dry run or sync of `epicKey` left open. */
  setOpenConflicts(epicKey: string, count: number): void {
    const id = epicKey.toUpperCase();
    const state = this.current(id) ?? { lastSynced: null, openConflicts: 0 };
    if (state.openConflicts === count && this.states.has(id)) return;
    this.states.set(id, { ...state, openConflicts: count });
    this.notify();
  }

  /** Calls `listener` after every change; returns the function that unsubscribes it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
