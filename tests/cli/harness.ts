/**
 * Runs the command line in-process with real files: captured stdout/stderr, a chosen environment
 * and working directory. Only the streams are replaced (so a test can read them and pick TTY-ness).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli';
import type { ReadFile, RunControl, WriteFile } from '../../src/cli/io';
import { readRegularFile, writeFileAtomic } from '../../src/cli/note-file';
import { instantClock } from '../sync/helpers';

/** Repository root. */
export const REPO_ROOT = join(__dirname, '../..');

/** Text of an example note. */
export function exampleText(name: string): string {
  return readFileSync(join(REPO_ROOT, 'examples', name), 'utf8');
}

/** Result of one run. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link cli}. */
export interface CliRunOptions {
  readonly env?: Record<string, string>;
  /** Default: the repository root. */
  readonly cwd?: string;
  /** Whether stdout claims to be a terminal; default false. */
  readonly tty?: boolean;
  /** Replaces the real file read (only to reproduce errors root cannot provoke, e.g. EACCES). */
  readonly readFile?: ReadFile;
  /** Replaces the real file write (only to reproduce errors root cannot provoke, e.g. ENOSPC). */
  readonly writeFile?: WriteFile;
  /** Cancellation of the run; default never cancelled. */
  readonly control?: RunControl;
}

/** Runs `spectryn ...argv` in-process. */
export async function cli(argv: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli({
    argv,
    env: options.env ?? {},
    stdout: { write: (text: string) => { stdout += text; }, isTTY: options.tty ?? false },
    stderr: { write: (text: string) => { stderr += text; } },
    cwd: options.cwd ?? REPO_ROOT,
    // The command line's own file functions (bounded reads, atomic replaces), as `main` passes them.
    readFile: options.readFile ?? readRegularFile,
    writeFile: options.writeFile ?? writeFileAtomic,
    control: options.control,
    now: () => new Date('2026-11-24T09:44:00Z'),
    // Retries and label searches wait on a clock that never sleeps.
    clock: instantClock(),
  });
  return { code, stdout, stderr };
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'spectryn-cli-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
