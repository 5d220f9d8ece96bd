/** The record's path rule (docs/sync-record.md "Where the record lives"), with an injected file check. */
import { recordPath } from '../../src/cli/record-file';

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
