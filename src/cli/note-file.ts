/**
 * How the command line reads and writes files (the note, `--export`): bounded reads of regular
 * files only, and atomic replaces (a temporary file in the same folder, fsync, rename) that keep
 * the file's mode and owner. A kill at any moment leaves the old file or the new one, never a
 * mix, and the note's bytes outside the keys stay as they were (docs/cli.md "Written back").
 */
import { constants, promises as fs, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ReplaceOptions } from './io';

/** Largest note (or file) the command line reads: 8 MB (8 × 1024 × 1024 bytes). */
export const NOTE_SIZE_LIMIT_BYTES = 8 * 1024 * 1024;

/** A read refused before any byte was taken: not a regular file, or larger than the limit. */
export class UnreadableFileError extends Error {
  /** `notRegular` (a FIFO, device, socket), `tooLarge` (over the size limit). */
  readonly code: 'notRegular' | 'tooLarge';

  constructor(code: 'notRegular' | 'tooLarge', message: string) {
    super(message);
    this.name = 'UnreadableFileError';
    this.code = code;
  }
}

/**
 * Reads a regular file of at most `limit` bytes (default {@link NOTE_SIZE_LIMIT_BYTES}). A FIFO,
 * a device (`/dev/zero`) or a socket is refused without blocking or reading; so is a larger file.
 * Other failures reject with Node's error (`code` ENOENT, EISDIR, EACCES…).
 */
export async function readRegularFile(path: string, limit: number = NOTE_SIZE_LIMIT_BYTES): Promise<Uint8Array> {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
  const handle = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: unknown) => {
    // ENXIO: a socket, or a FIFO opened without a reader on the other side.
    if (isCode(error, 'ENXIO')) throw new UnreadableFileError('notRegular', 'not a regular file (a FIFO, device or socket)');
    throw error;
  });
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!info.isFile()) throw new UnreadableFileError('notRegular', 'not a regular file (a FIFO, device or socket)');
    if (info.size > limit) throw new UnreadableFileError('tooLarge', `larger than ${formatBytes(limit)}`);
    // The file may grow while it is read: never take more than the limit.
    const buffer = new Uint8Array(Math.min(limit + 1, Math.max(info.size + 1, 64 * 1024)));
    let length = 0;
    let chunk = buffer;
    for (;;) {
      if (length === chunk.length) {
        if (chunk.length > limit) break;
        const bigger = new Uint8Array(Math.min(limit + 1, chunk.length * 2));
        bigger.set(chunk);
        chunk = bigger;
      }
      const { bytesRead } = await handle.read(chunk, length, chunk.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > limit) throw new UnreadableFileError('tooLarge', `larger than ${formatBytes(limit)}`);
    return chunk.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** Temporary files of replaces in progress: removed by {@link removePendingTemporaryFiles} on a hard stop. */
const pendingTemporaryFiles = new Set<string>();

/**
 * Replaces `path` with `data` atomically: writes a temporary file next to it, fsyncs it, gives it
 * the file's mode and owner, runs `options.beforeReplace` (which may throw to keep the file as it
 * is), renames it over the file, and fsyncs the folder. A symbolic link is followed: the file it
 * points to is replaced, the link stays. On any failure the temporary file is removed.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: ReplaceOptions = {}): Promise<void> {
  const target = await fs.realpath(path).catch((error: unknown) => {
    if (isCode(error, 'ENOENT')) return path;
    throw error;
  });
  const folder = dirname(target);
  const existing = await fs.stat(target).catch((error: unknown) => {
    if (isCode(error, 'ENOENT')) return null;
    throw error;
  });
  const temporary = join(folder, `.${basename(target)}.spectryn-${process.pid}-${randomSuffix()}.tmp`);
  pendingTemporaryFiles.add(temporary);
  try {
    const handle = await fs.open(temporary, 'wx', existing === null ? 0o666 : existing.mode & 0o7777);
    try {
      if (existing !== null) {
        // open() applies the umask; the note keeps exactly its own mode (and owner, when allowed).
        await handle.chmod(existing.mode & 0o7777);
        await handle.chown(existing.uid, existing.gid).catch(() => undefined);
      }
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeReplace?.();
    await fs.rename(temporary, target);
    pendingTemporaryFiles.delete(temporary);
  } catch (error) {
    await fs.unlink(temporary).catch(() => undefined);
    pendingTemporaryFiles.delete(temporary);
    throw error;
  }
  // The rename is durable only once the folder is on disk too (not possible everywhere: best effort).
  const directory = await fs.open(folder, 'r').catch(() => null);
  if (directory !== null) {
    await directory.sync().catch(() => undefined);
    await directory.close();
  }
}

/** Removes the temporary files of replaces still in progress (for a stop that cannot wait for them). */
export function removePendingTemporaryFiles(): void {
  for (const temporary of pendingTemporaryFiles) {
    try {
      unlinkSync(temporary);
    } catch {
      // Already renamed or never created: nothing to remove.
    }
  }
  pendingTemporaryFiles.clear();
}

/**
 * True when `a` and `b` name the same file (through symbolic links, relative paths or hard
 * links). A path that does not exist names no file yet: false.
 */
export async function isSameFile(a: string, b: string): Promise<boolean> {
  const [first, second] = await Promise.all([fs.stat(a).catch(() => null), fs.stat(b).catch(() => null)]);
  if (first === null || second === null) return false;
  return first.dev === second.dev && first.ino === second.ino;
}

/** `8 MB`, `512 KB`, `100 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/** 8 random hex digits (Web Crypto, global in Node). */
function randomSuffix(): string {
  return [...crypto.getRandomValues(new Uint8Array(4))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
