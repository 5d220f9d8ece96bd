/**
 * What the editor decorates, as positions in the note: one `RangeSet` built from a parse and then
 * mapped through every edit until the next parse. Mapping a `RangeSet` touches only the chunks an
 * edit falls in, so a keystroke costs the same in a 20-story and a 2,000-story note.
 */
import { MapMode, RangeSet, RangeValue, type Range, type Text } from '@codemirror/state';
import { progress, type DiagnosticCode, type ParseResult, type Severity, type Status, type StatusValue } from '../model';
import { groupTotals, storyTotals, type TotalsView } from './totals';

/** A status value written in the note (story, subtask cell, epic summary, inline or dataview field). */
export interface StatusMarkSpec {
  readonly kind: 'status';
  readonly status: Status;
  /** False when the text matched no vocabulary entry (`status` is then `planned`). */
  readonly known: boolean;
  /** The text as written. */
  readonly raw: string;
}

/** Point totals at the end of a story, phase or epic heading line. */
export interface TotalsMarkSpec extends TotalsView {
  readonly kind: 'totals';
}

/** The `> **Issue:** [KEY](url)` line that sync writes under a story header. */
export interface IssueMarkSpec {
  readonly kind: 'issue';
  readonly key: string;
  readonly url: string | null;
  readonly synced: string | null;
}

/** A model diagnostic, on the first line of its range. */
export interface DiagnosticMarkSpec {
  readonly kind: 'diagnostic';
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
}

/** Everything the editor can decorate. */
export type EpicMarkSpec = StatusMarkSpec | TotalsMarkSpec | IssueMarkSpec | DiagnosticMarkSpec;

/**
 * One decorated place. Status marks are inclusive at both ends, so a status rewritten in one
 * replacement (or typed at its edges) stays covered until the next parse; totals are points that
 * stay after text typed at the end of the heading.
 */
export class EpicMark extends RangeValue {
  constructor(readonly spec: EpicMarkSpec) {
    super();
    if (spec.kind === 'status') { this.startSide = -1; this.endSide = 1; }
    if (spec.kind === 'totals') { this.point = true; this.startSide = 1; this.endSide = 1; this.mapMode = MapMode.Simple; }
  }

  override eq(other: RangeValue): boolean {
    return other === this;
  }
}

/** The marks of a status value. */
export function statusMark(field: StatusValue): Range<EpicMark> {
  return new EpicMark({ kind: 'status', status: field.value, known: field.known, raw: field.raw }).range(field.range.from, field.range.to);
}

/**
 * Every mark of a parse, positioned in `doc` (the text that was parsed). Pure; costs the size of
 * the epic, so it runs once per parse, never per keystroke.
 */
export function buildEpicMarks(result: ParseResult, doc: Text): RangeSet<EpicMark> {
  const { epic } = result;
  if (epic.stories.length === 0) return RangeSet.of<EpicMark>([]);
  const ranges: Range<EpicMark>[] = [];
  const lineEnd = (pos: number): number => doc.lineAt(Math.min(pos, doc.length)).to;
  const totals = (pos: number, view: TotalsView): void => {
    ranges.push(new EpicMark({ kind: 'totals', ...view }).range(lineEnd(pos)));
  };

  if (epic.status) ranges.push(statusMark(epic.status));
  const overall = progress(epic);
  if (epic.titleRange) totals(epic.titleRange.from, groupTotals('epic', overall.totals));
  for (const phase of overall.phases) {
    if (phase.phase) totals(phase.phase.headingRange.from, groupTotals('phase', phase.counts));
  }
  for (const story of epic.stories) {
    totals(story.headerRange.from, storyTotals(story));
    if (story.statusField) ranges.push(statusMark(story.statusField));
    for (const subtask of story.subtasks) {
      if (subtask.statusField) ranges.push(statusMark(subtask.statusField));
    }
    const issue = story.issueLine;
    if (issue && issue.range.to > issue.range.from) {
      ranges.push(new EpicMark({ kind: 'issue', key: issue.key, url: issue.url, synced: issue.synced }).range(issue.range.from, issue.range.to));
    }
  }
  for (const d of result.diagnostics) {
    if (d.code === 'no-stories' || d.from > doc.length) continue;
    // Underline only the first line: a story-wide problem would otherwise underline the whole story.
    const from = Math.max(0, d.from);
    const to = Math.min(Math.max(d.to, from), lineEnd(from));
    const end = to > from ? to : lineEnd(from);
    if (end <= from) continue;
    ranges.push(new EpicMark({ kind: 'diagnostic', severity: d.severity, code: d.code, message: d.message }).range(from, end));
  }
  return RangeSet.of(ranges, true);
}
