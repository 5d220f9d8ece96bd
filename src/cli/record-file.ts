/**
 * The sync record as the command line finds, reads and writes it (docs/sync-record.md "Where the
 * record lives"): `.spectryn/sync/<EPIC-KEY>.jsonl` under the first folder above the note that
 * holds `.spectryn/` or `.obsidian/` (the vault the plugin writes to), else the repository root
 * (`.git`), else the note's own folder; `--record PATH` overrides. Written atomically through the
 * command line's file writer (./note-file.ts), its folder created when missing.
 */
import { promises as fs } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import type { RecordStore } from '../sync/two-way';
import type { ReadFile, WriteFile } from './io';

/** True when `path` exists (any kind of file). */
export type PathExists = (path: string) => Promise<boolean>;

/** Node's check, for `recordPath`. */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** The record file of `epicKey` for the note at `notePath` (absolute), by the rule in the file comment. */
export async function recordPath(notePath: string, epicKey: string, exists: PathExists = pathExists): Promise<string> {
  const noteFolder = dirname(notePath);
  const file = join('.spectryn', 'sync', `${epicKey.replace(/[^A-Za-z0-9_.-]/g, '_')}.jsonl`);
  const folders: string[] = [];
  for (let folder = noteFolder; ; folder = dirname(folder)) {
    folders.push(folder);
    if (folder === parse(folder).root) break;
  }
  for (const folder of folders) {
    if (await exists(join(folder, '.spectryn')) || await exists(join(folder, '.obsidian'))) return join(folder, file);
  }
  for (const folder of folders) if (await exists(join(folder, '.git'))) return join(folder, file);
  return join(noteFolder, file);
}

/** The record at `path` as a `RecordStore`: a missing file is no record; the folder is created on write. */
export function recordFile(path: string, files: { readFile: ReadFile; writeFile: WriteFile }, shownPath: string = path): RecordStore {
  /** The text the run read (null: no file yet); undefined until read. */
  let read: string | null | undefined;
  const current = async (): Promise<string | null> => {
    try {
      return new TextDecoder('utf-8').decode(await files.readFile(path));
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
      if (code === 'ENOENT') return null;
      throw error;
    }
  };
  return {
    target: shownPath,
    read: async () => {
      read = await current();
      return read;
    },
    write: async (text) => {
      // Every write knows what it overwrites: a record changed meanwhile (a teammate's pull, another
      // run) is left alone; the run reports it and the next sync compares against that record.
      if (read !== undefined && (await current()) !== read) throw new Error('it changed on disk during this sync, so it was not overwritten');
      await fs.mkdir(dirname(path), { recursive: true });
      await files.writeFile(path, text);
      read = text;
    },
  };
}
