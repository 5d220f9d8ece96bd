/**
 * The sync path of the command line (`-x`, or a dry run with tracker settings): the same engine
 * as the plugin (`syncNote` over the Jira adapter), with Node's fetch as the transport and the
 * note file as the place keys are written back. The command line prints the report this returns
 * (text or JSON, and `--export`) and exits with its code.
 */
import { parseEpic, type ParseResult } from '../model';
import { buildReport, type EpicReport } from '../model/report';
import { JiraTracker, fileNoteWriter, nodeFetchHttp, syncNote, timerClock, type Clock, type JiraConfig as JiraSiteConfig } from '../sync';
import type { CliOptions } from './args';
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
  /** Waits between retries and label searches; default Node's timers. */
  readonly clock?: Clock;
}

/** The exit code, and the report to print. */
export interface SyncCommandResult {
  readonly exitCode: number;
  readonly report: EpicReport;
}

/** Runs a sync: a dry run (reads the tracker only) unless `options.execute`. */
export async function runSync(input: SyncCommandInput): Promise<SyncCommandResult> {
  const { config, options } = input;
  const tracker = new JiraTracker({
    config: jiraSiteConfig(config, input.epicKey),
    http: nodeFetchHttp({ fetch }),
    clock: input.clock ?? timerClock(setTimeout),
  });
  const decoder = new TextDecoder('utf-8');
  const readNote = async (): Promise<string> => decoder.decode(await input.readFile(input.notePath));
  const result = await syncNote({
    note: input.note,
    epicKey: input.epicKey,
    tracker,
    options: { execute: options.execute, updateSource: input.updateSource, phase: options.phase, stories: options.stories },
    // Keys are computed against the file as it is when each batch returns, so an edit saved
    // meanwhile by an editor is kept.
    writer: fileNoteWriter({ read: readNote, write: (text) => input.writeFile(input.notePath, text), target: input.notePath }),
    now: input.now,
    onProgress: options.verbose ? (done, total) => { input.stderr.write(`spectryn: ${done}/${total} operations\n`); } : undefined,
  });
  // After an executed run with write-back the report shows the note as it now is (with its keys).
  const written = options.execute && input.updateSource && result.outcome !== null;
  const note: ParseResult = written ? await readNote().then(parseEpic, () => input.note) : input.note;
  const report = buildReport({
    result: note,
    tracker: 'jira',
    dryRun: !options.execute,
    epicKey: input.epicKey,
    operations: result.operations,
    errors: result.errors,
    warnings: result.warnings,
  });
  return { exitCode: result.exitCode, report };
}

/** The adapter's settings from the environment's; the project defaults to the epic key's prefix. */
function jiraSiteConfig(config: TrackerConfig, epicKey: string): JiraSiteConfig {
  const projectFromEpic = epicKey.includes('-') ? epicKey.slice(0, epicKey.lastIndexOf('-')) : epicKey;
  return {
    flavor: config.deployment,
    siteUrl: config.siteUrl,
    email: config.email ?? undefined,
    token: config.token,
    projectKey: config.projectKey ?? projectFromEpic,
    storyPointsField: config.storyPointsField ?? undefined,
  };
}
