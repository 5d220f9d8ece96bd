/**
 * The command line's flags (docs/cli.md), read with Node's own `parseArgs`: strict, so an unknown
 * flag, a stray argument or a missing value is a usage error rather than silently ignored.
 */
import { parseArgs } from 'node:util';
import { CONFLICT_STRATEGIES, type ConflictStrategy } from '../sync/record/conflicts';
import { TRACKER_NAMES, type TrackerName } from '../sync/tracker-name';

/** Output formats of `--output`. */
export const OUTPUT_FORMATS = ['text', 'json'] as const;
/** `--output` value. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Sync phases of `--phase` (docs/sync.md): which kind of change a sync plans. */
export const SYNC_PHASES = ['all', 'descriptions', 'subtasks', 'comments', 'statuses'] as const;
/** `--phase` value. */
export type SyncPhase = (typeof SYNC_PHASES)[number];

/** Trackers of `--tracker` (and of the note's frontmatter `tracker`): src/sync/tracker-name.ts. */
export { TRACKER_NAMES } from '../sync/tracker-name';
export type { TrackerName } from '../sync/tracker-name';

/** The flags, read and checked. */
export interface CliOptions {
  /** `-m/--markdown` (or `-f/--input`): the note path as given, or null when absent. */
  readonly notePath: string | null;
  /** `-e/--epic` as given (`INFRA-100`; GitHub: `1`, `#1`, `acme/infra#1`), or null: then the note's frontmatter `epic`. */
  readonly epicKey: string | null;
  /** `-x/--execute`; default false (dry run). */
  readonly execute: boolean;
  /** `--phase`; default `all`. */
  readonly phase: SyncPhase;
  /** `--story`, upper-cased, in the order given; empty means every story. */
  readonly stories: readonly string[];
  /** `--update-source` / `--no-update-source`, the last one given wins; null when neither (then: on with -x). */
  readonly updateSource: boolean | null;
  /** `--output`; default `text`. */
  readonly output: OutputFormat;
  /** `--export PATH`, or null. */
  readonly exportPath: string | null;
  /** `--validate`: check the note only. */
  readonly validate: boolean;
  /** `--conflict-strategy`; default `skip` (docs/sync-record.md "Conflicts"). */
  readonly conflictStrategy: ConflictStrategy;
  /** `--pull`: only tracker → note; default false (`--bidirectional`/`--two-way`, the default, are accepted). */
  readonly pullOnly: boolean;
  /** `--record PATH`: the sync record file, or null for the path rule of docs/sync-record.md. */
  readonly recordPath: string | null;
  /** `--tracker`, or null: then the note's frontmatter `tracker`, else `jira`. */
  readonly tracker: TrackerName | null;
  readonly quiet: boolean;
  readonly verbose: boolean;
  /** False with `--no-color`. */
  readonly color: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

/** Either the options or a usage error message (exit code 2). */
export type ArgsOutcome = { readonly ok: true; readonly options: CliOptions } | { readonly ok: false; readonly error: string };

const OPTION_SPEC = {
  markdown: { type: 'string', short: 'm' },
  input: { type: 'string', short: 'f' },
  epic: { type: 'string', short: 'e' },
  execute: { type: 'boolean', short: 'x' },
  phase: { type: 'string' },
  story: { type: 'string', multiple: true },
  'update-source': { type: 'boolean' },
  'no-update-source': { type: 'boolean' },
  output: { type: 'string' },
  export: { type: 'string' },
  validate: { type: 'boolean' },
  tracker: { type: 'string' },
  'conflict-strategy': { type: 'string' },
  pull: { type: 'boolean' },
  bidirectional: { type: 'boolean' },
  'two-way': { type: 'boolean' },
  record: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** Reads the arguments after the program name. Never throws: usage mistakes come back as `ok: false`. */
export function readArgs(argv: readonly string[]): ArgsOutcome {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTION_SPEC, strict: true, allowPositionals: false, tokens: true });
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const { values, tokens } = parsed;

  if (values.markdown !== undefined && values.input !== undefined && values.markdown !== values.input) {
    return { ok: false, error: 'Give the note once: -m/--markdown and -f/--input name different files.' };
  }
  const output = oneOf(values.output, OUTPUT_FORMATS, '--output', 'text');
  if (!output.ok) return output;
  const phase = oneOf(values.phase, SYNC_PHASES, '--phase', 'all');
  if (!phase.ok) return phase;
  const tracker = oneOf(values.tracker, TRACKER_NAMES, '--tracker', null);
  if (!tracker.ok) return tracker;
  const conflictStrategy = oneOf(values['conflict-strategy'], CONFLICT_STRATEGIES, '--conflict-strategy', 'skip');
  if (!conflictStrategy.ok) return conflictStrategy;
  if (values.pull === true && (values.bidirectional === true || values['two-way'] === true)) {
    return { ok: false, error: 'Choose one of --pull and --bidirectional/--two-way.' };
  }
  const recordPath = values.record?.trim() ?? null;
  if (recordPath === '') return { ok: false, error: '--record needs a file path.' };
  const epicKey = values.epic?.trim() ?? null;
  if (epicKey === '') return { ok: false, error: '-e/--epic needs an epic key, e.g. -e INFRA-100 (Jira) or -e acme/infra#1 (GitHub).' };
  if (values.quiet === true && values.verbose === true) {
    return { ok: false, error: 'Choose one of -q/--quiet and -v/--verbose.' };
  }

  // The later of --update-source / --no-update-source wins, as with most command lines.
  let updateSource: boolean | null = null;
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (token.name === 'update-source') updateSource = true;
    if (token.name === 'no-update-source') updateSource = false;
  }

  return {
    ok: true,
    options: {
      notePath: values.markdown ?? values.input ?? null,
      epicKey,
      execute: values.execute === true,
      phase: phase.value,
      stories: (values.story ?? []).map((id) => id.trim().toUpperCase()).filter((id) => id !== ''),
      updateSource,
      output: output.value,
      exportPath: values.export ?? null,
      validate: values.validate === true,
      tracker: tracker.value,
      conflictStrategy: conflictStrategy.value,
      pullOnly: values.pull === true,
      recordPath,
      quiet: values.quiet === true,
      verbose: values.verbose === true,
      color: values['no-color'] !== true,
      help: values.help === true,
      version: values.version === true,
    },
  };
}

function oneOf<T extends string, D extends T | null>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
  fallback: D,
): { ok: true; value: T | D } | { ok: false; error: string } {
  if (value === undefined) return { ok: true, value: fallback };
  const found = allowed.find((candidate) => candidate === value.toLowerCase());
  if (found !== undefined) return { ok: true, value: found };
  return { ok: false, error: `${flag} must be one of ${allowed.join(', ')} (got "${value}").` };
}
