/**
 * @jest-environment node
 */
/** The record's path rule (docs/sync-record.md "Where the record lives"), with an injected file check. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordFile, recordPath } from '../../src/cli/record-file';

const existing = (paths: readonly string[]) => (path: string): Promise<boolean> => Promise.resolve(paths.includes(path));

describe('recordPath', () => {
  test('the vault (.obsidian) above the note wins over the repository root', async () => {
    const exists = existing(['/repo/.git', '/repo/vault/.obsidian']);
    await expect(recordPath('/repo/vault/Epics/db/note.md', 'INFRA-100', exists)).resolves.toBe('/repo/vault/.spectryn/sync/INFRA-100.jsonl');
  });

  test('a .spectryn folder marks the place too (a repository without a vault)', async () => {
    await expect(recordPath('/repo/docs/note.md', 'INFRA-100', existing(['/repo/docs/.spectryn', '/repo/.git']))).resolves.toBe('/repo/docs/.spectryn/sync/INFRA-100.jsonl');
  });

  test('else the repository root, else the note\'s folder', async () => {
    await expect(recordPath('/repo/a/b/note.md', 'INFRA-100', existing(['/repo/.git']))).resolves.toBe('/repo/.spectryn/sync/INFRA-100.jsonl');
    await expect(recordPath('/tmp/x/note.md', 'INFRA-100', existing([]))).resolves.toBe('/tmp/x/.spectryn/sync/INFRA-100.jsonl');
  });

  test('an epic key never leaves the record folder', async () => {
    await expect(recordPath('/tmp/x/note.md', '../../etc/passwd', existing([]))).resolves.toBe('/tmp/x/.spectryn/sync/.._.._etc_passwd.jsonl');
  });
});

describe('recordFile', () => {
  /** The record's file in memory; the folder is a real temporary one (the store creates it). */
  function memoryFiles(initial: string | null) {
    let text = initial;
    return {
      set: (next: string) => { text = next; },
      get: () => text,
      readFile: (): Promise<Uint8Array> => (text === null ? Promise.reject(Object.assign(new Error('missing'), { code: 'ENOENT' })) : Promise.resolve(new TextEncoder().encode(text))),
      writeFile: (_path: string, next: string): Promise<void> => { text = next; return Promise.resolve(); },
    };
  }
  const path = join(mkdtempSync(join(tmpdir(), 'spectryn-record-')), '.spectryn', 'sync', 'INFRA-100.jsonl');

  test('writes over the record it read, and creates it when there was none', async () => {
    const files = memoryFiles(null);
    const store = recordFile(path, files);
    await expect(store.read()).resolves.toBeNull();
    await store.write('one\n');
    await store.write('two\n');
    expect(files.get()).toBe('two\n');
  });

  test('a record changed on disk during the sync is not overwritten', async () => {
    const files = memoryFiles('ours\n');
    const store = recordFile(path, files);
    await expect(store.read()).resolves.toBe('ours\n');
    files.set('a teammate\'s\n');
    await expect(store.write('next\n')).rejects.toThrow(/changed on disk during this sync/);
    expect(files.get()).toBe('a teammate\'s\n');
  });
});
