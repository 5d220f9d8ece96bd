/**
 * Where the plugin keeps an epic's sync record: `.spectryn/sync/<EPIC-KEY>.jsonl` at the vault root
 * (docs/sync-record.md "Where the record lives"), read and written through `app.vault.adapter`,
 * because a dot folder is not in the vault index (`Vault.read`/`Vault.process` cannot reach it).
 * Text only: `src/sync/record/format.ts` parses and serialises it.
 *
 * Every write knows what it overwrites: `replace` is given the text it read and refuses when the
 * file holds anything else by then (the CLI, git or another device wrote it meanwhile). The check
 * and the write are one `adapter.process` call (atomic); a new file is written beside its final
 * name and renamed into place, so a reader never sees half a record. A write of the same text
 * writes nothing.
 */
import { normalizePath, type DataAdapter } from 'obsidian';

/** The part of Obsidian's `DataAdapter` the store uses. */
export type RecordAdapter = Pick<DataAdapter, 'exists' | 'read' | 'write' | 'process' | 'mkdir' | 'rename' | 'remove'>;

/** The vault folder of the records (a dot folder: hidden from the file explorer, search and graph). */
export const RECORD_FOLDER = '.spectryn/sync';

/** A tracker key as Jira forms it (`INFRA-100`): a shape allowed into a file name. */
const EPIC_KEY = /^[A-Za-z][A-Za-z0-9_]*-[0-9]+$/;

/** A GitHub epic across repositories (`acme/infra#1`): the other shape, its `/` and `#` named `_` in the file name. */
const GITHUB_EPIC = /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+#[1-9][0-9]*$/;

/** Suffix of a new record's file while it is being written, before it is renamed into place. */
const PARTIAL_SUFFIX = '.partial';

/**
 * The record's path for `epicKey` (upper case: `INFRA-100` and `infra-100` share one record; a
 * GitHub epic `acme/infra#1` is `acme_infra_1.jsonl`, as the CLI names it).
 */
export function recordPathFor(epicKey: string): string {
  const key = epicKey.trim();
  if (GITHUB_EPIC.test(key)) return normalizePath(`${RECORD_FOLDER}/${key.replace(/[^A-Za-z0-9_.-]/g, '_')}.jsonl`);
  // The key names a file: nothing but a key may steer where it is written.
  if (!EPIC_KEY.test(key)) throw new Error(`"${epicKey}" is not an issue key (like INFRA-100): no sync record is kept for it.`);
  return normalizePath(`${RECORD_FOLDER}/${key.toUpperCase()}.jsonl`);
}

/** The record file changed between the read and the write: nothing was written. */
export class RecordChangedError extends Error {
  constructor(path: string) {
    super(`${path} changed while this sync ran (another sync, git or a second device wrote it): sync again.`);
    this.name = 'RecordChangedError';
  }
}

/** What `replace` did. */
export type RecordWrite = 'written' | 'unchanged';

/** Reads and replaces an epic's record text in the vault. */
export class VaultRecordStore {
  constructor(private readonly adapter: RecordAdapter) {}

  /** The record text of `epicKey`, or null when the vault holds none. */
  async read(epicKey: string): Promise<string | null> {
    const path = recordPathFor(epicKey);
    if (!(await this.adapter.exists(path))) return null;
    return this.adapter.read(path);
  }

  /**
   * Replaces the record text of `epicKey` by `next`, if the file still holds `expected` (null: no
   * file); else throws {@link RecordChangedError} and writes nothing. Equal texts: no write.
   */
  async replace(epicKey: string, expected: string | null, next: string): Promise<RecordWrite> {
    const path = recordPathFor(epicKey);
    if (expected === next) return 'unchanged';
    if (expected !== null) {
      await this.adapter.process(path, (current) => {
        if (current !== expected) throw new RecordChangedError(path);
        return next;
      });
      return 'written';
    }
    if (await this.adapter.exists(path)) throw new RecordChangedError(path);
    await this.ensureFolder();
    const partial = `${path}${PARTIAL_SUFFIX}`;
    await this.adapter.write(partial, next);
    // Created meanwhile by someone else: theirs stays, ours is dropped.
    if (await this.adapter.exists(path)) {
      await this.adapter.remove(partial);
      throw new RecordChangedError(path);
    }
    await this.adapter.rename(partial, path);
    return 'written';
  }

  private async ensureFolder(): Promise<void> {
    let folder = '';
    for (const part of RECORD_FOLDER.split('/')) {
      folder = folder === '' ? part : `${folder}/${part}`;
      if (!(await this.adapter.exists(folder))) await this.adapter.mkdir(folder);
    }
  }
}
