/**
 * The human-readable output of the command line (`--output text`, the default): the epic, a table
 * of progress per phase, the operations of a sync, then the diagnostics with their line numbers.
 * Built from the same `EpicReport` the JSON output prints, so both always say the same thing.
 */
import type { EpicReport, ReportConflict, ReportCounts, ReportDiagnostic, ReportOperation } from '../model/report';
import { changeText, kindLabel, type PlanPreview } from '../sync/plan-words';
import { STORY_FIELDS, SUBTASK_FIELDS, type SyncField } from '../sync/record/types';
import { fieldWords, noteValueText } from '../sync/record/field-words';
import { outcomeLines, type RunSummary } from './outcome-text';

/** How to render. */
export interface TextOutputOptions {
  /** ANSI colours; the caller decides (terminal, `--no-color`, `NO_COLOR`). */
  readonly color: boolean;
  /** Also list every story and info diagnostics. */
  readonly verbose: boolean;
  /** Only errors: error diagnostics and run errors. */
  readonly quiet: boolean;
  /** `report` (default run) or `validate` (`--validate`: diagnostics only). */
  readonly mode: 'report' | 'validate';
  /** The note path as given, for the headline of `validate`. */
  readonly notePath: string;
  /** Two-way sync: each field change with before → after and which side changed; default none. */
  readonly sideChanges?: readonly string[];
  /**
   * A run against the tracker: how it ended (said first, once) and, for a dry run, the plan in the
   * plugin's words; default none (the note alone).
   */
  readonly sync?: { readonly summary: RunSummary; readonly preview: PlanPreview | null };
}

interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
}

function makePaint(enabled: boolean): Paint {
  const wrap = (open: number, close: number) => (text: string): string =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return { bold: wrap(1, 22), dim: wrap(2, 22), green: wrap(32, 39), yellow: wrap(33, 39), red: wrap(31, 39), cyan: wrap(36, 39) };
}

/** Renders a report as text; the result ends with a line break unless it is empty. */
export function formatReportText(report: EpicReport, options: TextOutputOptions): string {
  const paint = makePaint(options.color);
  const lines: string[] = [];
  const outcome = options.sync === undefined ? null : outcomeLines(options.sync.summary);
  const stopped = options.sync !== undefined && STOPPING_ENDINGS.has(options.sync.summary.ending);
  // A run's outcome replaces its run-level errors: the same failure is never said twice.
  const errorLines = outcome === null
    ? report.errors.map((error) => paint.red(`Error: ${error}`))
    : stopped ? [paint.red(`Error: ${outcome[0] ?? ''}`), ...outcome.slice(1)] : [];
  if (options.quiet) {
    if (stopped) lines.push(...errorLines);
    lines.push(...diagnosticLines(report.diagnostics.filter((d) => d.severity === 'error'), paint));
    if (!stopped) lines.push(...errorLines);
    // Skipped operations make the exit code 64 like failures: say why even when quiet.
    lines.push(...skippedLines(report, paint));
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  }

  if (options.mode === 'validate') {
    lines.push(`${paint.bold(options.notePath)}: ${severitySummary(report.diagnostics)}`);
  } else {
    if (outcome !== null) {
      // The outcome first, once; then what the note holds.
      lines.push(...(stopped ? errorLines : outcome.map((line, index) => (index === 0 ? paint.bold(line) : line))), '');
      lines.push(headline(report, paint));
    } else {
      lines.push(headline(report, paint));
      lines.push(paint.dim(runDescription(report)));
    }
    lines.push('');
    lines.push(...progressTable(report, paint));
    if (options.verbose) lines.push('', ...storyLines(report, paint));
    const preview = options.sync?.preview ?? null;
    if (preview !== null && preview.operations.length > 0) lines.push('', ...planLines(preview, paint));
    else if (report.operations.length > 0) lines.push('', ...operationLines(report, paint));
    if ((options.sideChanges ?? []).length > 0) lines.push('', paint.bold('Changes by side:'), ...(options.sideChanges ?? []).map((line) => `  ${line}`));
    if ((report.conflicts ?? []).length > 0) lines.push('', ...conflictLines(report, paint));
    const skipped = skippedLines(report, paint);
    if (skipped.length > 0) lines.push('', ...skipped);
    lines.push('');
  }

  const shown = report.diagnostics.filter((d) => options.verbose || d.severity !== 'info');
  const hiddenInfo = report.diagnostics.length - shown.length;
  if (report.diagnostics.length === 0) {
    lines.push(paint.green('No problems found in the note.'));
  } else {
    if (options.mode === 'report') lines.push(paint.bold(`Diagnostics: ${severitySummary(report.diagnostics)}`));
    lines.push(...diagnosticLines(shown, paint));
    if (hiddenInfo > 0) lines.push(paint.dim(`  (${hiddenInfo} info hidden; -v shows them)`));
  }
  lines.push(...report.warnings.map((warning) => paint.yellow(`Warning: ${warning}`)));
  if (outcome === null) lines.push(...errorLines);
  return `${lines.join('\n')}\n`;
}

/** "Conflicts: N" then one line per conflict left unresolved (two-way sync). */
function conflictLines(report: EpicReport, paint: Paint): string[] {
  const conflicts = report.conflicts ?? [];
  // In the note's words ("Story points: note 5 pts"); the JSON keeps the field ids.
  const synced = (field: string): field is SyncField => (STORY_FIELDS as readonly string[]).includes(field) || (SUBTASK_FIELDS as readonly string[]).includes(field);
  const value = (field: string, side: ReportConflict['note']): string => (synced(field) ? noteValueText(field, side) : side === null ? '(none)' : typeof side === 'object' ? side.join(', ') : String(side));
  return [
    paint.yellow(paint.bold(`Conflicts: ${conflicts.length} (left as they are)`)),
    ...conflicts.map((conflict) => `  ${conflict.story}${conflict.subtask === null ? '' : ` subtask ${conflict.subtask}`} ${synced(conflict.field) ? fieldWords(conflict.field) : conflict.field}: note ${value(conflict.field, conflict.note)}, Jira ${value(conflict.field, conflict.tracker)}`),
  ];
}

/** Endings whose outcome is an error: said first as `Error: …` (and alone with `-q`). */
const STOPPING_ENDINGS: ReadonlySet<RunSummary['ending']> = new Set(['failed', 'noEpicKey', 'noteErrors']);

/**
 * A dry run's plan as the plugin's modal lists it: each operation with its target, title and
 * issue key, then each field as `label: before → after` (a create: `label: value`).
 */
function planLines(preview: PlanPreview, paint: Paint): string[] {
  const count = preview.operations.length;
  const lines = [paint.bold(`Planned ${count === 1 ? 'change' : 'changes'}: ${count}`)];
  for (const operation of preview.operations) {
    const title = operation.title === undefined || operation.title === '' ? '' : `  ${operation.title}`;
    const key = operation.issueKey === null ? '' : `  ${paint.cyan(operation.issueKey)}`;
    lines.push(`  ${kindLabel(operation.kind)}  ${operation.target}${title}${key}`);
    for (const change of operation.changes) {
      const text = changeText(operation.kind, change);
      if ('summary' in text) lines.push(`      ${text.summary}`);
      else lines.push(`      ${text.field}: ${text.before === null ? '' : `${text.before} → `}${text.after}`);
    }
  }
  return lines;
}

function headline(report: EpicReport, paint: Paint): string {
  const title = report.epic_title ?? '(untitled epic)';
  return report.epic_key === null ? paint.bold(title) : `${paint.bold(title)} ${paint.cyan(report.epic_key)}`;
}

function runDescription(report: EpicReport): string {
  if (report.tracker === null) return 'The note alone: no tracker settings, nothing was read from a tracker.';
  return report.dry_run ? `Dry run against ${report.tracker}: nothing was changed.` : `Synced with ${report.tracker}.`;
}

function progressTable(report: EpicReport, paint: Paint): string[] {
  const header = ['Phase', 'Stories', 'Points', 'Subtasks'];
  const rows = report.phases.map((phase) => [phase.name, ...countCells(phase)]);
  const overall = ['Overall', ...countCells(report.totals)];
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows, overall].map((row) => (row[column] ?? '').length)));
  const render = (row: readonly string[]): string =>
    row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('   ').trimEnd();
  const finished = (counts: ReportCounts): boolean => counts.stories > 0 && counts.stories_done + counts.stories_cancelled === counts.stories;
  return [
    paint.bold(render(header)),
    ...rows.map((row, index) => {
      const phase = report.phases[index];
      return phase !== undefined && finished(phase) ? paint.green(render(row)) : render(row);
    }),
    paint.bold(render(overall)),
  ];
}

function countCells(counts: ReportCounts): string[] {
  const cancelled = counts.stories_cancelled > 0 ? ` (${counts.stories_cancelled} cancelled)` : '';
  const unestimated = counts.unestimated > 0 ? ` (${counts.unestimated} unestimated)` : '';
  return [
    `${counts.stories_done}/${counts.stories}${cancelled}`,
    `${formatNumber(counts.points_done)}/${formatNumber(counts.points)}${unestimated}`,
    `${counts.subtasks_done}/${counts.subtasks}`,
  ];
}

// Points may be fractional (0.5); avoid printing binary noise such as 0.30000000000000004.
function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function storyLines(report: EpicReport, paint: Paint): string[] {
  if (report.stories.length === 0) return [paint.bold('Stories: none')];
  const idWidth = Math.max(...report.stories.map((story) => story.id.length));
  const statusWidth = Math.max(...report.stories.map((story) => statusText(story.status).length));
  return [
    paint.bold('Stories'),
    ...report.stories.map((story) => {
      const points = story.story_points === null ? '? SP' : `${formatNumber(story.story_points)} SP`;
      const status = statusText(story.status).padEnd(statusWidth);
      const key = story.issue_key === null ? '' : `  ${paint.cyan(story.issue_key)}`;
      const painted = story.status === 'done' ? paint.green(status) : story.status === 'blocked' ? paint.yellow(status) : status;
      return `  ${story.id.padEnd(idWidth)}  ${painted}  ${points.padStart(6)}  ${story.title}${key}`;
    }),
  ];
}

function statusText(status: string): string {
  return status.replace(/_/g, ' ');
}

function operationLines(report: EpicReport, paint: Paint): string[] {
  const heading = report.dry_run ? `Planned changes: ${report.operations.length}` : `Changes: ${report.operations.length}`;
  return [paint.bold(heading), ...report.operations.map((operation) => operationLine(operation, paint))];
}

function operationLine(operation: ReportOperation, paint: Paint): string {
  const target = operation.subtask === undefined ? operation.story : `${operation.story} #${operation.subtask}`;
  const key = operation.issue_key === null ? '' : ` ${operation.issue_key}`;
  const detail = operation.error ?? operation.reason;
  const padded = operation.status.padEnd(7);
  const status = operation.status === 'failed' ? paint.red(padded) : operation.status === 'done' ? paint.green(padded) : padded;
  return `  ${status}  ${operation.action.replace(/_/g, ' ')}  ${target}${key}${detail === undefined ? '' : `: ${detail}`}`;
}

/** How many operations one skip reason names before counting the rest. */
const SKIPPED_TARGETS_NAMED = 5;

/**
 * Operations skipped for a reason other than the user's (a cancelled run), grouped by reason:
 * "Skipped 2 operations:" then "  <reason>: US-001 (transition story), US-004 (transition story)".
 */
function skippedLines(report: EpicReport, paint: Paint): string[] {
  const groups = new Map<string, string[]>();
  for (const operation of report.operations) {
    if (operation.status !== 'skipped' || operation.reason === undefined || operation.reason === 'cancelled') continue;
    const target = `${operation.subtask === undefined ? operation.story : `${operation.story} #${operation.subtask}`} (${operation.action.replace(/_/g, ' ')})`;
    groups.set(operation.reason, [...(groups.get(operation.reason) ?? []), target]);
  }
  if (groups.size === 0) return [];
  const count = [...groups.values()].reduce((sum, targets) => sum + targets.length, 0);
  return [
    paint.yellow(paint.bold(`Skipped ${count} ${count === 1 ? 'operation' : 'operations'}:`)),
    ...[...groups].map(([reason, targets]) => {
      const shown = targets.slice(0, SKIPPED_TARGETS_NAMED).join(', ');
      const more = targets.length > SKIPPED_TARGETS_NAMED ? ` and ${targets.length - SKIPPED_TARGETS_NAMED} more` : '';
      return `  ${reason}: ${shown}${more}`;
    }),
  ];
}

function diagnosticLines(diagnostics: readonly ReportDiagnostic[], paint: Paint): string[] {
  const lineWidth = Math.max(0, ...diagnostics.map((d) => String(d.line).length));
  return diagnostics.map((diagnostic) => {
    const severity = diagnostic.severity.padEnd(7);
    const colored = diagnostic.severity === 'error' ? paint.red(severity) : diagnostic.severity === 'warning' ? paint.yellow(severity) : paint.dim(severity);
    return `  line ${String(diagnostic.line).padStart(lineWidth)}  ${colored}  ${diagnostic.message} ${paint.dim(`(${diagnostic.code})`)}`;
  });
}

function severitySummary(diagnostics: readonly ReportDiagnostic[]): string {
  const count = (severity: string): number => diagnostics.filter((d) => d.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  const infos = count('info');
  return `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, ${infos} info`;
}
