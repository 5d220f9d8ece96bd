/**
 * What the command line touches outside itself, passed in so tests run it in-process: output
 * streams and file access. `main` passes Node's; tests pass buffers and temporary files.
 */

/** A writable text stream (`process.stdout` fits). */
export interface OutputStream {
  write(text: string): unknown;
  /** True when the stream is a terminal: colours are used only then. */
  readonly isTTY?: boolean;
}

/** Reads a whole file as bytes; rejects with a Node-style error (`code` ENOENT, EISDIR, EACCES…). */
export type ReadFile = (absolutePath: string) => Promise<Uint8Array>;

/** Writes a whole file as UTF-8 text, replacing it. */
export type WriteFile = (absolutePath: string, text: string) => Promise<void>;
