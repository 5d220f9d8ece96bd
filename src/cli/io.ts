/**
 * What the command line touches outside itself, passed in so tests run it in-process: output
 * streams and file access. `main` passes Node's (bounded reads, atomic writes: ./note-file.ts);
 * tests pass buffers and temporary files.
 */

/** A writable text stream (`process.stdout` fits). */
export interface OutputStream {
  write(text: string): unknown;
  /** True when the stream is a terminal: colours are used only then. */
  readonly isTTY?: boolean;
}

/**
 * Reads a whole file as bytes; rejects with a Node-style error (`code` ENOENT, EISDIR, EACCES…) or
 * an `UnreadableFileError` (not a regular file, over the size limit).
 */
export type ReadFile = (absolutePath: string) => Promise<Uint8Array>;

/** Options of a {@link WriteFile}. */
export interface ReplaceOptions {
  /**
   * Runs when the new content is ready, right before it replaces the file; when it throws, the
   * file stays as it is and the write rejects with that error. Default: none.
   */
  readonly beforeReplace?: () => Promise<void>;
}

/** Replaces a whole file with UTF-8 text, atomically (the old file or the new one, never a mix). */
export type WriteFile = (absolutePath: string, text: string, options?: ReplaceOptions) => Promise<void>;

/** Cancellation of a run by the user (Ctrl-C, SIGTERM): see ./cancellation.ts. */
export interface RunControl {
  /** True once the user asked to stop. */
  isCancelled(): boolean;
  /**
   * Runs `work` (the execution of a sync, which changes the tracker and writes keys into the note)
   * so that a stop request waits for the request in flight and the keys' write, then ends the run
   * with exit 80; outside it, a stop request ends the process at once.
   */
  whileChanging<T>(work: () => Promise<T>): Promise<T>;
}
