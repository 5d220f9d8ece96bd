/**
 * The sync path of the command line (`-x`, or a dry run with tracker settings): the same engine
 * as the plugin (`syncNote` over the Jira or the GitHub adapter), with Node's fetch as the transport and the
 * note file as the place keys are written back. The command line prints the report this returns
 * (text or JSON, and `--export`) and exits with its code.
 */
import { dirname, relative, resolve } from 'node:path';
import { parseEpic, type ParseResult } from '../model';
import { buildReport, type EpicReport } from '../model/report';
import { GitHubTracker, JiraTracker, fileNoteWriter, nodeFetchHttp, timerClock, type Clock, type JiraConfig as JiraSiteConfig } from '../sync';
import { resolveGitHubEpic } from '../sync/github/epic-ref';
import { applyConflictStrategy, executeTwoWay, planTwoWay } from '../sync/two-way';
import { previewOfPlan, type PlanPreview } from '../sync/plan-words';
import { recordFile, recordPath } from './record-file';
import { sideChangeLines } from './two-way-text';
import type { CliOptions } from './args';
import type { RunSummary } from './outcome-text';
import { UNCANCELLABLE } from './cancellation';
import type { OutputStream, ReadFile, RunControl, WriteFile } from './io';
import { noteText } from './note-text';
import type { Environment, JiraConfig as JiraEnvConfig, TrackerConfig } from './tracker-config';

/** Everything a sync run needs; paths are absolute. */
export interface SyncCommandInput {
  /** The note as parsed. */
  readonly note: ParseResult;
  /** Absolute path of the note (for `--update-source`). */
  readonly notePath: string;
  /** The directory paths are shown relative to (the record's); default the note's folder. */
  readonly cwd?: string;
  /** The note's path as given (`-m`), for messages; default `notePath`. */
  readonly shownPath?: string;
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
  /** Ctrl-C and SIGTERM (./cancellation.ts); default: never cancelled. */
  readonly control?: RunControl;
}

/** The exit code, the report to print, how the run ended, the plan in the plugin's words and the two-way lines. */
export interface SyncCommandResult {
  readonly exitCode: number;
  readonly report: EpicReport;
  /** How the run ended, for the text output's first lines. */
  readonly summary: RunSummary;
  /** The plan as the plugin's modal shows it (a dry run that made a plan), else null. */
  readonly preview: PlanPreview | null;
  /** Each field change with before → after and which side changed (./two-way-text.ts). */
  readonly sideChanges: readonly string[];
}

/**
 * Runs a two-way sync (docs/sync-record.md): a dry run (reads the record and the tracker only)
 * unless `options.execute`. The record is found by `recordPath` (or `--record`).
 */
export async function runSync(input: SyncCommandInput): Promise<SyncCommandResult> {
  const { config, options } = input;
  const { tracker, epicKey, recordKey } = trackerOf(input);
  const control = input.control ?? UNCANCELLABLE;
  const note = noteText(input.notePath, input, input.shownPath ?? input.notePath);
  const runOptions = { execute: options.execute, updateSource: input.updateSource, phase: options.phase, stories: options.stories };
  const path = options.recordPath !== null ? resolve(input.cwd ?? dirname(input.notePath), options.recordPath) : await recordPath(input.notePath, recordKey);
  const relativeRecord = relative(input.cwd ?? dirname(input.notePath), path);
  const shownRecord = options.recordPath ?? (relativeRecord.startsWith('..') ? path : relativeRecord);
  const twoWay = {
    note: input.note,
    epicKey,
    tracker,
    options: runOptions,
    record: recordFile(path, input, shownRecord),
    site: tracker.siteUrl,
    reading: tracker.reading,
    pullOnly: options.pullOnly,
    // Keys and Jira's changes are computed against the file as it is when each write happens, and
    // the file is replaced only if it still holds that text, so an edit saved meanwhile is kept.
    writer: fileNoteWriter({ read: () => note.read(), write: (text) => note.replace(text), target: input.shownPath ?? input.notePath }),
    readNote: () => note.read(),
    now: input.now,
    onProgress: options.verbose ? (done: number, total: number) => { input.stderr.write(`spectryn: ${done}/${total} operations\n`); } : undefined,
    isCancelled: () => control.isCancelled(),
  };
  const planned = await planTwoWay(twoWay);
  const resolved = planned.threeWay === null ? undefined : applyConflictStrategy(planned.threeWay, options.conflictStrategy);
  const result = !options.execute || planned.threeWay === null
    ? await executeTwoWay({ ...twoWay, planned, resolved })
    : await control.whileChanging(() => executeTwoWay({ ...twoWay, planned, resolved }));
  // After an executed run with write-back the report shows the note as it now is (with its keys).
  const written = options.execute && input.updateSource && result.outcome !== null;
  const shown: ParseResult = written ? await note.read().then(parseEpic, () => input.note) : input.note;
  const report = buildReport({
    result: shown,
    tracker: tracker.name,
    dryRun: !options.execute,
    epicKey: input.epicKey,
    operations: result.operations,
    errors: result.errors,
    warnings: result.warnings,
    conflicts: result.threeWay === null ? undefined : result.conflicts,
  });
  const results = result.outcome?.results ?? [];
  const summary: RunSummary = {
    ending: result.ending,
    failure: result.failure,
    deployment: config.tracker === 'jira' ? config.deployment : 'github',
    siteUrl: config.tracker === 'jira' ? config.siteUrl : config.apiUrl,
    noteErrors: input.note.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length,
    done: results.filter((item) => item.status === 'done').length,
    failed: results.filter((item) => item.status === 'failed').length,
    notRun: results.filter((item) => item.status === 'skipped').length,
    planned: result.plan?.operations.length ?? 0,
    fromTracker: result.pulls.length + result.additions.length,
    notInTracker: result.plan?.notInTracker?.length ?? 0,
    keysWritten: result.keysWritten,
  };
  const preview = !options.execute && result.plan !== null ? previewOfPlan({ plan: result.plan, warnings: result.warnings }) : null;
  return { exitCode: result.exitCode, report, summary, preview, sideChanges: sideChangeLines(result) };
}

/**
 * The adapter of the run, the epic key it reads (`INFRA-100`; GitHub `#1`) and the name of the
 * sync record (`INFRA-100`; GitHub `acme/infra#1`, so two repositories' `#1` never share a record).
 */
function trackerOf(input: SyncCommandInput): { tracker: JiraTracker | GitHubTracker; epicKey: string; recordKey: string } {
  const { config } = input;
  const common = {
    http: nodeFetchHttp({ fetch }),
    clock: input.clock ?? timerClock(setTimeout),
    // Long waits are said as they start (docs/cli.md "Exit codes"): never minutes of silence.
    notice: (message: string) => { input.stderr.write(`spectryn: ${message}\n`); },
  };
  if (config.tracker === 'jira') {
    return { tracker: new JiraTracker({ ...common, config: jiraSiteConfig(config, input.epicKey) }), epicKey: input.epicKey, recordKey: input.epicKey };
  }
  // The run checked the reference before (./run.ts); the repository it names is already in `config`.
  const resolved = resolveGitHubEpic(input.epicKey, config.repository);
  if (!resolved.ok) throw new Error(`the GitHub epic "${input.epicKey}" is not an issue`);
  const { epic } = resolved;
  const tracker = new GitHubTracker({ ...common, config: { apiUrl: config.apiUrl, owner: epic.repository.owner, repo: epic.repository.repo, token: config.token } });
  return { tracker, epicKey: epic.key, recordKey: epic.recordKey };
}

/** The adapter's settings from the environment's; the project defaults to the epic key's prefix. */
function jiraSiteConfig(config: JiraEnvConfig, epicKey: string): JiraSiteConfig {
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
