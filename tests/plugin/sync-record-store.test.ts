/**
 * The vault's sync record store, over the stand-in's in-memory `DataAdapter` (the one the sandbox
 * runs): the path rule, a first write, a replace that checks what it overwrites, no write when
 * nothing changed, and a record the real format reads back.
 */
import { MemoryAdapter } from '../../demo/obsidian-shim/vault';
import { parseRecord, serialiseRecord } from '../../src/sync/record/format';
import { updateRecord } from '../../src/sync/record/update';
import { RecordChangedError, VaultRecordStore, recordPathFor } from '../../src/plugin/sync-record-store';

/** The adapter, with every write counted. */
function countedAdapter(): { adapter: MemoryAdapter; writes: string[] } {
  const adapter = new MemoryAdapter();
  const writes: string[] = [];
  const write = adapter.write.bind(adapter);
  adapter.write = (path: string, data: string): Promise<void> => { writes.push(path); return write(path, data); };
  return { adapter, writes };
}

function recordText(status: string): string {
  return serialiseRecord(updateRecord({
    previous: null, epic: 'INFRA-100', tracker: 'jira', site: 'http://127.0.0.1:4317',
    agreements: [{ key: 'INFRA-101', storyId: 'US-001', subtask: null, field: 'status', agreed: { note: status, tracker: status === 'done' ? 'Done' : 'In Progress' } }],
    now: new Date('2026-12-06T10:15:00Z'),
  }));
}

describe('recordPathFor', () => {
  it('keys the record by the epic, upper case, in the dot folder at the vault root', () => {
    expect(recordPathFor('INFRA-100')).toBe('.spectryn/sync/INFRA-100.jsonl');
    expect(recordPathFor(' infra-100 ')).toBe('.spectryn/sync/INFRA-100.jsonl');
  });

  it('keys a GitHub epic by its repository and number, as the CLI does (acme/infra#1 → acme_infra_1)', () => {
    expect(recordPathFor('acme/infra#1')).toBe('.spectryn/sync/acme_infra_1.jsonl');
    expect(recordPathFor('acme/infra.js#12')).toBe('.spectryn/sync/acme_infra.js_12.jsonl');
  });

  it('refuses anything but a key, so no note text can steer where a file is written', () => {
    for (const bad of ['../x-1', 'INFRA-100/../../y', 'INFRA', '', 'IN FRA-1', 'A-1.jsonl', '#1', '../a/b#1', 'a/b/c#1', 'a/b#1/..']) {
      expect(() => recordPathFor(bad)).toThrow(/not an issue key/);
    }
  });
});

describe('VaultRecordStore', () => {
  it('reads no record when the vault has none', async () => {
    const store = new VaultRecordStore(new MemoryAdapter());
    await expect(store.read('INFRA-100')).resolves.toBeNull();
  });

  it('writes a first record into a folder it makes, under its final name only', async () => {
    const { adapter } = countedAdapter();
    const store = new VaultRecordStore(adapter);
    await expect(store.replace('INFRA-100', null, recordText('done'))).resolves.toBe('written');
    const text = await store.read('infra-100');
    expect(text).toBe(recordText('done'));
    expect(parseRecord(text ?? '').record?.entries.map((entry) => entry.fields.status)).toEqual([{ note: 'done', tracker: 'Done' }]);
    await expect(adapter.exists('.spectryn/sync/INFRA-100.jsonl.partial')).resolves.toBe(false);
  });

  it('replaces the record it read', async () => {
    const store = new VaultRecordStore(new MemoryAdapter());
    await store.replace('INFRA-100', null, recordText('in_progress'));
    await expect(store.replace('INFRA-100', recordText('in_progress'), recordText('done'))).resolves.toBe('written');
    await expect(store.read('INFRA-100')).resolves.toBe(recordText('done'));
  });

  it('writes nothing when the text is unchanged (a no-op sync leaves the file alone)', async () => {
    const { adapter, writes } = countedAdapter();
    const store = new VaultRecordStore(adapter);
    await store.replace('INFRA-100', null, recordText('done'));
    writes.length = 0;
    await expect(store.replace('INFRA-100', recordText('done'), recordText('done'))).resolves.toBe('unchanged');
    expect(writes).toEqual([]);
  });

  it('refuses to overwrite a record that changed since it was read, and keeps the other writer\'s text', async () => {
    const store = new VaultRecordStore(new MemoryAdapter());
    await store.replace('INFRA-100', null, recordText('in_progress'));
    const read = await store.read('INFRA-100');
    // The CLI (or git) writes the record meanwhile.
    await store.replace('INFRA-100', read, recordText('done'));
    await expect(store.replace('INFRA-100', read, `${recordText('in_progress')}\n`)).rejects.toBeInstanceOf(RecordChangedError);
    await expect(store.read('INFRA-100')).resolves.toBe(recordText('done'));
  });

  it('refuses a first write when a record appeared since the read', async () => {
    const store = new VaultRecordStore(new MemoryAdapter());
    await store.replace('INFRA-100', null, recordText('done'));
    await expect(store.replace('INFRA-100', null, recordText('in_progress'))).rejects.toThrow(/changed while this sync ran/);
    await expect(store.read('INFRA-100')).resolves.toBe(recordText('done'));
  });
});
