/**
 * The sync path of the command line (`-x`, or a dry run with tracker settings). A placeholder
 * until the sync engine lands: the sync helper owns this file from then on. The command line
 * prints whatever report this returns (text or JSON, and `--export`) and exits with its code.
 */
import type { ParseResult } from '../model';
import type { EpicReport } from '../model/report';
import type { CliOptions } from './args';
import { EXIT } from './exit-codes';
import type { OutputStream, ReadFile, WriteFile } from './io';
import type { Environment, TrackerConfig } from './tracker-config';

/** Everything a sync run needs; paths are absolute. */
export interface SyncCommandInput {
  /** The note as parsed. */
  readonly note: ParseResult;
  /** Absolute path of the note (for `--update-source`). */
  readonly notePath: string;
  /** `-e`, else the note's frontmatter `epic`. */
  readonly epicKey: string;
  /** Tracker settings; holds the token: never print it. */
  readonly config: TrackerConfig;
  readonly options: CliOptions;
  /** `--update-source` resolved: on by default with `-x`. */
  readonly updateSource: boolean;
  readonly env: Environment;
  /** For progress and error messages; the caller masks secret values as a safety net, but never write a token. */
  readonly stderr: OutputStream;
  readonly readFile: ReadFile;
  readonly writeFile: WriteFile;
  /** The clock, for the `Synced:` stamp. */
  readonly now: () => Date;
}

/** The exit code, and the report to print (null when there is nothing to report). */
export interface SyncCommandResult {
  readonly exitCode: number;
  readonly report: EpicReport | null;
}

/** Runs a sync (dry run unless `options.execute`). Placeholder: says sync is not available yet. */
export async function runSync(input: SyncCommandInput): Promise<SyncCommandResult> {
  input.stderr.write(`spectryn: sync is not available yet (tracker ${input.config.tracker}). Unset the tracker settings to report the note alone.\n`);
  return { exitCode: EXIT.configuration, report: null };
}
