/**
 * The command line, runnable in-process: flags in, text or JSON out, an exit code back
 * (docs/cli.md). Everything outside (streams, files, environment, clock) is passed in.
 */
import { resolve } from 'node:path';
import { parseEpic } from '../model';
import type { Clock } from '../sync/clock';
import type { ParseResult } from '../model';
import { buildReport } from '../model/report';
import type { EpicReport } from '../model/report';
import { readArgs, TRACKER_NAMES } from './args';
import { trackerNamed } from '../sync/tracker-name';
import type { CliOptions, TrackerName } from './args';
import { EXIT } from '../sync/exit-codes';
import { CLI_VERSION, HELP_TEXT } from './help';
import type { OutputStream, ReadFile, RunControl, WriteFile } from './io';
import { formatBytes, isSameFile, NOTE_SIZE_LIMIT_BYTES, UnreadableFileError } from './note-file';
import { decodeNote } from './note-text';
import { redactSecrets } from './redact';
import { runSync } from './sync-command';
import type { RunSummary } from './outcome-text';
import type { PlanPreview } from '../sync/plan-words';
import { resolveTrackerConfig, TRACKER_VARIABLES } from './tracker-config';
import { GITHUB_EPIC_FORMS, resolveGitHubEpic } from '../sync/github/epic-ref';
import type { Environment } from './tracker-config';
import { formatReportText } from './text-output';

/** What a run of the command line is given. */
export interface RunCliInput {
  /** The arguments after the program name. */
  readonly argv: readonly string[];
  readonly env: Environment;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Relative paths (`-m`, `--export`) resolve against this directory. */
  readonly cwd: string;
  readonly readFile: ReadFile;
  readonly writeFile: WriteFile;
  /** The clock (for sync stamps). */
  readonly now: () => Date;
  /** Waits between retries and label searches of a sync; default Node's timers. */
  readonly clock?: Clock;
  /** Ctrl-C and SIGTERM (./cancellation.ts); default: never cancelled. */
  readonly control?: RunControl;
}

/** Runs the command line once and resolves to its exit code. Never rejects. */
export async function runCli(input: RunCliInput): Promise<number> {
  const fail = (code: number, message: string): number => {
    input.stderr.write(`spectryn: ${redactSecrets(message, input.env)}\n`);
    return code;
  };
  try {
    return await run(input, fail);
  } catch (error) {
    const detail = error instanceof Error ? error.stack ?? error.message : String(error);
    return fail(EXIT.unexpected, `unexpected error: ${detail}`);
  }
}

type Fail = (code: number, message: string) => number;

async function run(input: RunCliInput, fail: Fail): Promise<number> {
  const args = readArgs(input.argv);
  if (!args.ok) return fail(EXIT.configuration, `${args.error}\nRun spectryn --help for the flags.`);
  const { options } = args;
  if (options.help) {
    input.stdout.write(HELP_TEXT);
    return EXIT.ok;
  }
  if (options.version) {
    input.stdout.write(`${CLI_VERSION}\n`);
    return EXIT.ok;
  }
  if (options.notePath === null) return fail(EXIT.configuration, 'no note given: pass -m NOTE.md.\nRun spectryn --help for the flags.');
  if (options.validate && options.execute) return fail(EXIT.configuration, '--validate checks the note only; it cannot be combined with -x/--execute.');

  const shownPath = options.notePath;
  const notePath = resolve(input.cwd, shownPath);
  if (options.exportPath !== null && (resolve(input.cwd, options.exportPath) === notePath || await isSameFile(resolve(input.cwd, options.exportPath), notePath))) {
    return fail(EXIT.configuration, `--export ${options.exportPath} is the note itself; the JSON would replace it. Choose another file.`);
  }
  const read = await readNote(notePath, shownPath, input.readFile);
  if (!read.ok) return fail(EXIT.noteNotFound, read.message);
  const note = parseEpic(read.text);

  const emit = async (report: EpicReport, exitCode: number, sync?: { summary: RunSummary; preview: PlanPreview | null }, sideChanges: readonly string[] = []): Promise<number> => {
    // Tracker messages inside the report pass through here too: no token leaves in any of them.
    const json = redactSecrets(`${JSON.stringify(report, null, 2)}\n`, input.env);
    if (options.exportPath !== null) {
      try {
        await input.writeFile(resolve(input.cwd, options.exportPath), json);
      } catch (error) {
        return fail(EXIT.configuration, `cannot write the export file ${options.exportPath}: ${errorText(error)}`);
      }
    }
    if (options.output === 'json') {
      input.stdout.write(json);
    } else {
      const color = options.color && input.stdout.isTTY === true && (input.env.NO_COLOR ?? '') === '';
      input.stdout.write(redactSecrets(formatReportText(report, {
        color, verbose: options.verbose, quiet: options.quiet, notePath: shownPath,
        mode: options.validate ? 'validate' : 'report', sync, sideChanges,
      }), input.env));
    }
    return exitCode;
  };

  const tracker = chooseTracker(options, note);
  const offlineReport = (): EpicReport =>
    buildReport({ result: note, tracker: null, dryRun: true, epicKey: options.epicKey, warnings: tracker.warnings });

  if (options.validate) {
    const hasErrors = note.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
    return emit(offlineReport(), hasErrors ? EXIT.invalidNote : EXIT.ok);
  }

  const unknownStories = options.stories.filter((id) => !note.epic.stories.some((story) => story.id === id));
  if (unknownStories.length > 0) {
    const known = note.epic.stories.map((story) => story.id).join(', ') || 'none';
    return fail(EXIT.configuration, `--story ${unknownStories.join(', ')}: not in the note (its stories: ${known}).`);
  }

  // A GitHub epic may name its repository (`-e acme/infra#1`): read it before the settings, which it completes.
  const epicText = options.epicKey ?? note.epic.key;
  const githubEpic = tracker.name === 'github' && epicText !== null ? resolveGitHubEpic(epicText, null) : null;
  const resolution = resolveTrackerConfig(tracker.name, input.env, githubEpic?.ok === true ? githubEpic.epic.repository : null);
  // Without GitHub settings the note is reported alone, whatever its epic says; with them the epic must be an issue.
  if (resolution.kind !== 'none' && githubEpic !== null && !githubEpic.ok && githubEpic.problem === 'notAReference') {
    return fail(EXIT.configuration, `the GitHub epic "${epicText ?? ''}" is not an issue: name it ${GITHUB_EPIC_FORMS}.`);
  }
  if (resolution.kind === 'incomplete') {
    return fail(EXIT.configuration, `incomplete ${tracker.name} settings: missing ${resolution.missing.join(', ')}. Set ${TRACKER_VARIABLES[tracker.name]}.`);
  }
  if (resolution.kind === 'none') {
    if (options.execute) {
      return fail(EXIT.configuration, `-x/--execute needs ${tracker.name} settings in the environment: ${TRACKER_VARIABLES[tracker.name]}.`);
    }
    return emit(offlineReport(), EXIT.ok);
  }

  if (epicText === null) {
    return fail(EXIT.configuration, 'no epic key: pass -e KEY or add `epic: KEY` to the note\'s frontmatter.');
  }
  const outcome = await runSync({
    note, notePath, epicKey: epicText, config: resolution.config, options,
    updateSource: options.updateSource ?? options.execute,
    env: input.env,
    stderr: { write: (text: string) => input.stderr.write(redactSecrets(text, input.env)), isTTY: input.stderr.isTTY },
    readFile: input.readFile, writeFile: input.writeFile, now: input.now, clock: input.clock,
    control: input.control, shownPath, cwd: input.cwd,
  });
  return emit(outcome.report, outcome.exitCode, { summary: outcome.summary, preview: outcome.preview }, outcome.sideChanges);
}

/** `--tracker`, else a known frontmatter `tracker`, else jira; an unknown frontmatter value warns. */
function chooseTracker(options: CliOptions, note: ParseResult): { name: TrackerName; warnings: string[] } {
  if (options.tracker !== null) return { name: options.tracker, warnings: [] };
  const written = note.epic.tracker?.trim().toLowerCase() ?? null;
  if (written === null || written === '') return { name: 'jira', warnings: [] };
  const known = trackerNamed(written);
  if (known !== null) return { name: known, warnings: [] };
  return {
    name: 'jira',
    warnings: [`The note's frontmatter tracker "${written}" is not one of ${TRACKER_NAMES.join(', ')}; using jira.`],
  };
}

async function readNote(
  absolutePath: string,
  shownPath: string,
  readFile: ReadFile,
): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(absolutePath);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, message: `note not found: ${shownPath}` };
    if (code === 'EISDIR') return { ok: false, message: `${shownPath} is a directory; -m needs a note file.` };
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, message: `cannot read ${shownPath}: permission denied.` };
    if (error instanceof UnreadableFileError && error.code === 'notRegular') {
      return { ok: false, message: `${shownPath} is not a regular file (a FIFO, device or socket); -m needs a note file.` };
    }
    if (error instanceof UnreadableFileError && error.code === 'tooLarge') {
      return { ok: false, message: `${shownPath} is larger than ${formatBytes(NOTE_SIZE_LIMIT_BYTES)}, the largest note spectryn reads.` };
    }
    return { ok: false, message: `cannot read ${shownPath}: ${errorText(error)}` };
  }
  // Invalid UTF-8 becomes U+FFFD rather than an error: a damaged note still gets a report (and
  // is never written back: ./note-text.ts).
  return { ok: true, text: decodeNote(bytes).text };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
