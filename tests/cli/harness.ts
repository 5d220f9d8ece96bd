/**
 * Runs the command line in-process with real files: captured stdout/stderr, a chosen environment
 * and working directory. Only the streams are replaced (so a test can read them and pick TTY-ness).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli';
import type { ReadFile, RunControl, WriteFile } from '../../src/cli/io';
import { readRegularFile, writeFileAtomic } from '../../src/cli/note-file';
import { instantClock } from '../sync/helpers';
import { startFakeJira, type FakeJira, type FakeJiraOptions } from '../../testing/fake-jira';

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

/** The API token the CLI tests give the fake Jira (which accepts any token but `wrong-token`). */
export const FAKE_JIRA_TOKEN = 'fake-token-123';

/** The environment that points the CLI at `jira` as Jira Cloud (email and API token). */
export function jiraCloudEnv(jira: FakeJira, token = FAKE_JIRA_TOKEN): Record<string, string> {
  return { JIRA_URL: jira.url, JIRA_EMAIL: 'dev@example.com', JIRA_API_TOKEN: token };
}

/** One CLI sync test's world: a fresh fake Jira, a temporary directory, the note's path in it. */
export interface SeedCase {
  readonly jira: FakeJira;
  readonly dir: string;
  readonly note: string;
  readonly cleanup: () => void;
}

/**
 * Starts a fresh fake Jira (with `options`) and a temporary directory holding the seed note
 * `examples/postgres-to-crdb.md` under the same name; with `copySeed` false the note path is
 * `note.md` and nothing is written there (the test writes its own bytes).
 */
export async function startSeedCase(options: FakeJiraOptions, copySeed = true): Promise<SeedCase> {
  const jira = await startFakeJira(options);
  const { dir, cleanup } = tempDir();
  const note = join(dir, copySeed ? 'postgres-to-crdb.md' : 'note.md');
  if (copySeed) copyFileSync(join(REPO_ROOT, 'examples/postgres-to-crdb.md'), note);
  return { jira, dir, note, cleanup };
}

/** Ends a {@link startSeedCase}: every request the fake Jira got was valid; then closes and cleans up. */
export async function endSeedCase(jira: FakeJira, cleanup: () => void): Promise<void> {
  expect(jira.violations).toEqual([]);
  await jira.close();
  cleanup();
}
