/**
 * "synced 5 min ago · 1 conflict": the text at each age, the element the status bar and the pane
 * show, and the plugin's `SyncStatus` reading the latest sync time from a real record in the
 * stand-in's vault adapter.
 */
import { MemoryAdapter } from '../../demo/obsidian-shim/vault';
import { VaultRecordStore } from '../../src/plugin/sync-record-store';
import { SyncStatus, lastSyncedTime } from '../../src/plugin/sync-status';
import { serialiseRecord } from '../../src/sync/record/format';
import { updateRecord } from '../../src/sync/record/update';
import type { SyncRecord } from '../../src/sync/record/types';
import { renderSyncState } from '../../src/view/sync-status-render';
import { conflictCountText, syncAgeText, syncStateLabel, syncStateText } from '../../src/view/sync-status-text';

const NOW = new Date('2026-12-06T10:20:00Z');
const ago = (ms: number): Date => new Date(NOW.getTime() - ms);

function recordSyncedAt(...times: string[]): string {
  let record: SyncRecord | null = null;
  times.forEach((time, index) => {
    record = updateRecord({
      previous: record, epic: 'INFRA-100', tracker: 'jira', site: 'http://127.0.0.1:4317',
      agreements: [{ key: `INFRA-${101 + index}`, storyId: `US-00${index + 1}`, subtask: null, field: 'status', agreed: { note: 'done', tracker: 'Done' } }],
      now: new Date(time),
    });
  });
  return serialiseRecord(record ?? updateRecord({ previous: null, epic: 'INFRA-100', tracker: 'jira', site: 'x', agreements: [], now: NOW }));
}

describe('the sync age text', () => {
  test.each([
    [null, 'not synced yet'],
    [ago(0), 'synced just now'],
    [ago(59_000), 'synced just now'],
    [ago(5 * 60_000), 'synced 5 min ago'],
    [ago(59 * 60_000 + 59_000), 'synced 59 min ago'],
    [ago(3 * 3_600_000), 'synced 3 h ago'],
    [ago(24 * 3_600_000), 'synced 1 day ago'],
    [ago(50 * 3_600_000), 'synced 2 days ago'],
    [new Date(NOW.getTime() + 120_000), 'synced just now'],
  ])('%s → %s', (lastSynced, text) => {
    expect(syncAgeText(lastSynced, NOW)).toBe(text);
  });

  test('the conflicts follow the age, counted in words', () => {
    expect(conflictCountText(0)).toBe('');
    expect(syncStateText({ lastSynced: ago(5 * 60_000), openConflicts: 0 }, NOW)).toBe('synced 5 min ago');
    expect(syncStateText({ lastSynced: ago(5 * 60_000), openConflicts: 1 }, NOW)).toBe('synced 5 min ago · 1 conflict');
    expect(syncStateText({ lastSynced: null, openConflicts: 2 }, NOW)).toBe('not synced yet · 2 conflicts');
    expect(syncStateLabel({ lastSynced: new Date('2026-12-06T10:15:00Z'), openConflicts: 1 })).toBe('Last synced 2026-12-06 10:15 UTC; 1 open conflict');
  });
});

describe('the sync state element', () => {
  test('shows the state with hooks, and hides for a note that is no epic', () => {
    const el = document.createElement('div');
    renderSyncState(el, { lastSynced: new Date('2026-12-06T10:15:00Z'), openConflicts: 1 }, NOW);
    expect(el.textContent).toBe('synced 5 min ago · 1 conflict');
    expect(el.getAttribute('data-synced')).toBe('2026-12-06T10:15:00.000Z');
    expect(el.getAttribute('data-conflicts')).toBe('1');
    expect(el.classList.contains('has-conflicts')).toBe(true);
    renderSyncState(el, null, NOW);
    expect(el.textContent).toBe('');
    expect(el.classList.contains('is-hidden')).toBe(true);
    expect(el.hasAttribute('data-synced')).toBe(false);
  });
});

describe('SyncStatus', () => {
  test('the latest sync is the newest entry of the record', () => {
    expect(lastSyncedTime(recordSyncedAt('2026-12-06T09:00:00Z', '2026-12-06T10:15:00Z', '2026-12-06T08:00:00Z'))).toEqual(new Date('2026-12-06T10:15:00Z'));
    expect(lastSyncedTime(null)).toBeNull();
    expect(lastSyncedTime('not a record')).toBeNull();
  });

  test('reads the record from the vault once, again on reload, and keeps the open conflicts', async () => {
    const adapter = new MemoryAdapter();
    const store = new VaultRecordStore(adapter);
    const status = new SyncStatus(store);
    let told = 0;
    status.subscribe(() => { told += 1; });
    expect(status.current(null)).toBeNull();
    expect(status.current('INFRA-100')).toEqual({ lastSynced: null, openConflicts: 0 });
    await status.reload('INFRA-100');
    expect(status.current('INFRA-100')?.lastSynced).toBeNull();
    await store.replace('INFRA-100', null, recordSyncedAt('2026-12-06T10:15:00Z'));
    status.setOpenConflicts('infra-100', 1);
    await status.reload('INFRA-100');
    expect(status.current('infra-100')).toEqual({ lastSynced: new Date('2026-12-06T10:15:00Z'), openConflicts: 1 });
    expect(told).toBe(3);
  });

  test('an epic key that names no file reads as never synced', async () => {
    const status = new SyncStatus(new VaultRecordStore(new MemoryAdapter()));
    await status.reload('../etc');
    expect(status.current('../etc')).toEqual({ lastSynced: null, openConflicts: 0 });
  });
});
