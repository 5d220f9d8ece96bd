/**
 * What the editor decorates, as positions in the note: one `RangeSet` built from a parse and then
 * mapped through every edit until the next parse. Mapping a `RangeSet` touches only the chunks an
 * edit falls in, so a keystroke costs the same in a 20-story and a 2,000-story note.
 */
import { MapMode, RangeSet, RangeValue, type ChangeDesc, type Range, type Text } from '@codemirror/state';
import { PARSE_CACHE, progress, type Diagnostic, type DiagnosticCode, type ParseResult, type Severity, type SourceRange, type Status, type StatusValue, type Story } from '../model';
import { storyMoveBetween, storyStart } from '../model/moved-story';
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
 * The marks of a parse, in two sets: `local` holds what belongs to one place of the note (each
 * story's totals, statuses and issue chip, and the diagnostics), `groups` what sums up the whole
 * note (the epic's status and totals, each phase's totals). A re-parse rebuilds `local` only
 * where the note changed and `groups` always (a handful of marks).
 */
export interface EpicMarks {
  readonly local: RangeSet<EpicMark>;
  readonly groups: RangeSet<EpicMark>;
}

/** No marks: a note without stories. */
export const NO_EPIC_MARKS: EpicMarks = Object.freeze({ local: RangeSet.empty, groups: RangeSet.empty });

/** The end of the line holding `pos` (clamped to the document). */
function lineEnd(doc: Text, pos: number): number {
  return doc.lineAt(Math.min(pos, doc.length)).to;
}

/** A point mark of `view` at the end of the heading line starting at `pos`. */
function totalsMark(doc: Text, pos: number, view: TotalsView): Range<EpicMark> {
  return new EpicMark({ kind: 'totals', ...view }).range(lineEnd(doc, pos));
}

/** The marks of one story: its totals, its status, its subtasks' statuses, its issue chip. */
function pushStoryMarks(story: Story, doc: Text, out: Range<EpicMark>[]): void {
  out.push(totalsMark(doc, story.headerRange.from, storyTotals(story)));
  if (story.statusField) out.push(statusMark(story.statusField));
  for (const subtask of story.subtasks) {
    if (subtask.statusField) out.push(statusMark(subtask.statusField));
  }
  const issue = story.issueLine;
  if (issue && issue.range.to > issue.range.from) {
    out.push(new EpicMark({ kind: 'issue', key: issue.key, url: issue.url, synced: issue.synced }).range(issue.range.from, issue.range.to));
  }
}

/** True when a diagnostic gets no mark: the note-wide "no stories" and one past the end of `doc`. */
function unmarked(d: Diagnostic, doc: Text): boolean {
  return d.code === 'no-stories' || d.from > doc.length;
}

/** The mark of a diagnostic, or null (see `unmarked`, and nothing to underline). */
function diagnosticMark(d: Diagnostic, doc: Text): Range<EpicMark> | null {
  if (unmarked(d, doc)) return null;
  // Underline only the first line: a story-wide problem would otherwise underline the whole story.
  const from = Math.max(0, d.from);
  const to = Math.min(Math.max(d.to, from), lineEnd(doc, from));
  const end = to > from ? to : lineEnd(doc, from);
  if (end <= from) return null;
  return new EpicMark({ kind: 'diagnostic', severity: d.severity, code: d.code, message: d.message }).range(from, end);
}

/** The marks that sum up the note: the epic's status and totals, each phase's totals. */
function buildGroupMarks(result: ParseResult, doc: Text): RangeSet<EpicMark> {
  const { epic } = result;
  const ranges: Range<EpicMark>[] = [];
  if (epic.status) ranges.push(statusMark(epic.status));
  const overall = progress(epic);
  if (epic.titleRange) ranges.push(totalsMark(doc, epic.titleRange.from, groupTotals('epic', overall.totals)));
  for (const phase of overall.phases) {
    if (phase.phase) ranges.push(totalsMark(doc, phase.phase.headingRange.from, groupTotals('phase', phase.counts)));
  }
  return RangeSet.of(ranges, true);
}

/**
 * Every mark of a parse, positioned in `doc` (the text that was parsed). Pure; costs the size of
 * the epic, so it runs for a note's first parse; later parses go through `rebuildEpicMarks`.
 */
export function buildEpicMarks(result: ParseResult, doc: Text): EpicMarks {
  if (result.epic.stories.length === 0) return NO_EPIC_MARKS;
  const ranges: Range<EpicMark>[] = [];
  for (const story of result.epic.stories) pushStoryMarks(story, doc, ranges);
  for (const d of result.diagnostics) {
    const mark = diagnosticMark(d, doc);
    if (mark) ranges.push(mark);
  }
  return { local: RangeSet.of(ranges, true), groups: buildGroupMarks(result, doc) };
}

/** One set of the same marks, built again in one pass (the fewest, largest chunks). */
function compacted(set: RangeSet<EpicMark>): RangeSet<EpicMark> {
  const ranges: Range<EpicMark>[] = [];
  // `iter` yields every layer's marks in set order, which `RangeSet.of` takes as they come.
  for (const cursor = set.iter(); cursor.value !== null; cursor.next()) ranges.push(cursor.value.range(cursor.from, cursor.to));
  return RangeSet.of(ranges);
}

/**
 * The same marks (the same mark objects at the same places), their range sets packed again: a
 * set updated piece by piece (a note parsed in slices) holds many small chunks, which every
 * later map and update walks. Costs one pass over the marks.
 */
export function compactEpicMarks(marks: EpicMarks): EpicMarks {
  return { local: compacted(marks.local), groups: marks.groups };
}

/** Index of the first story whose range ends at or after `pos` (stories are in note order and disjoint). */
function firstStoryEndingFrom(stories: readonly Story[], pos: number): number {
  let low = 0;
  let high = stories.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((stories[mid]?.range.to ?? Infinity) < pos) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index of the first diagnostic starting at or after `pos` (diagnostics are in note order). */
function firstDiagnosticFrom(diagnostics: readonly Diagnostic[], pos: number): number {
  let low = 0;
  let high = diagnostics.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((diagnostics[mid]?.from ?? Infinity) < pos) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The stories touching `from`..`to` (ends included), as an index range `[first, end)`. */
function storiesTouching(stories: readonly Story[], from: number, to: number): [number, number] {
  const first = firstStoryEndingFrom(stories, from);
  let end = first;
  while (end < stories.length && (stories[end]?.range.from ?? Infinity) <= to) end += 1;
  return [first, end];
}

/**
 * True when the diagnostics of `before` outside the region (`changes` mapping them into the new
 * text) are exactly those of `after` outside it: then only the region's diagnostics need new marks.
 * A note-wide diagnostic (a duplicate id, a line number in a message) that changed fails it.
 */
function diagnosticsAgreeOutside(before: ParseResult, after: ParseResult, changes: ChangeDesc, region: DocSpan, oldDoc: number, doc: Text, firstChange: number): boolean {
  const outside = (from: number): boolean => from < region.from || from > region.to;
  const fresh = after.diagnostics;
  let next = 0;
  // The next diagnostic of `after` with a mark outside the region, or undefined.
  const nextFresh = (): Diagnostic | undefined => {
    while (next < fresh.length) {
      const d = fresh[next++];
      if (d !== undefined && !unmarked(d, doc) && outside(d.from)) return d;
    }
    return undefined;
  };
  for (const d of before.diagnostics) {
    if (d.code === 'no-stories' || d.from > oldDoc) continue;
    // Before the first change nothing moved: a diagnostic the re-parse kept as it was (the same
    // object, from a reused story) is equal without mapping it.
    const from = d.to < firstChange ? d.from : changes.mapPos(d.from, 1);
    if (!outside(from)) continue;
    const other = nextFresh();
    if (other === d && d.to < firstChange) continue;
    if (other === undefined || other.from !== from || other.to !== changes.mapPos(d.to, 1) || other.code !== d.code
      || other.severity !== d.severity || other.message !== d.message) return false;
  }
  return nextFresh() === undefined;
}

/** A span of the document. */
interface DocSpan {
  readonly from: number;
  readonly to: number;
}

/**
 * The marks of `after`, from the marks of `before` (`marks`, positioned in `before.text`) and the
 * changes from `before.text` to `after.text` (`doc`): the marks are mapped through the changes and
 * only those of the stories the changes touch (before or after) and of the diagnostics there are
 * built again, as CodeMirror's lint maps its diagnostics. Equal to `buildEpicMarks(after, doc)`;
 * costs the edited stories plus the note's phases and diagnostics (compared, not rebuilt).
 */
export function rebuildEpicMarks(marks: EpicMarks, before: ParseResult, after: ParseResult, changes: ChangeDesc, doc: Text): EpicMarks {
  if (before.epic.stories.length === 0 || after.epic.stories.length === 0) return buildEpicMarks(after, doc);
  let fromA = Infinity; let toA = -Infinity; let fromB = Infinity; let toB = -Infinity;
  changes.iterChangedRanges((a0, a1, b0, b1) => {
    fromA = Math.min(fromA, a0); toA = Math.max(toA, a1); fromB = Math.min(fromB, b0); toB = Math.max(toB, b1);
  });
  let local = marks.local.map(changes);
  if (fromB !== Infinity) {
    // The region to rebuild: every story the changes touch, as it stands after them and (mapped)
    // as it stood before, in whole lines. Outside it, every story is the same text with the same
    // bounds, so its mapped marks are its marks.
    let from = fromB;
    let to = toB;
    const olds = before.epic.stories;
    const news = after.epic.stories;
    const [oldFirst, oldEnd] = storiesTouching(olds, fromA, toA);
    const [newFirst, newEnd] = storiesTouching(news, fromB, toB);
    // An edit can change how text far from it reads (a `---` typed at the top opens frontmatter
    // over the first stories; a fence swallows the headings after it): the stories outside the
    // touched ones keep their marks only while they are the same stories at their mapped places.
    // Walked from both ends; reused stories are the same objects, so this is a comparison each.
    // A story wholly after the changes moved by their length; one the re-parse reused moved by that
    // much is at its place without reading its ranges (reading them would shift each one).
    const delta = changes.newLength - changes.length;
    const samePlace = (old: Story | undefined, fresh: Story | undefined): boolean => {
      if (old === undefined || fresh === undefined) return false;
      if (old === fresh) return true;
      if (storyStart(old) > toA && storyMoveBetween(old, fresh) === delta) return true;
      const range = old.range;
      if (range.to < fromA) return range.from === fresh.range.from && range.to === fresh.range.to;
      return changes.mapPos(range.from, -1) === fresh.range.from && changes.mapPos(range.to, 1) === fresh.range.to;
    };
    // The re-parse tells which stories it kept of `before`'s: the walks start past those.
    const kept = after[PARSE_CACHE]?.kept;
    const known = kept !== undefined && kept.from !== null && kept.from === before[PARSE_CACHE]?.groups ? kept : null;
    let head = known === null ? 0 : Math.min(known.head, oldFirst, newFirst);
    while (head < oldFirst && head < newFirst && samePlace(olds[head], news[head])) head += 1;
    const keptTail = known === null || known.offset !== delta ? 0 : Math.min(known.tail, olds.length - oldEnd, news.length - newEnd);
    const tailStart = olds[olds.length - keptTail];
    let tail = keptTail > 0 && tailStart !== undefined && storyStart(tailStart) > toA ? keptTail : 0;
    while (tail < olds.length - oldEnd && tail < news.length - newEnd && samePlace(olds[olds.length - 1 - tail], news[news.length - 1 - tail])) tail += 1;
    for (let i = head; i < olds.length - tail; i += 1) {
      const range = olds[i]?.range;
      if (range) { from = Math.min(from, changes.mapPos(range.from, -1)); to = Math.max(to, changes.mapPos(range.to, 1)); }
    }
    for (let i = head; i < news.length - tail; i += 1) {
      const range = news[i]?.range;
      if (range) { from = Math.min(from, range.from); to = Math.max(to, range.to); }
    }
    const region = { from: doc.lineAt(Math.min(from, doc.length)).from, to: lineEnd(doc, to) };
    const inRegion = (pos: number): boolean => pos >= region.from && pos <= region.to;
    const rebuilt: Range<EpicMark>[] = [];
    const [first, end] = storiesTouching(after.epic.stories, region.from, region.to);
    for (let i = first; i < end; i += 1) {
      const story = after.epic.stories[i];
      if (story) pushStoryMarks(story, doc, rebuilt);
    }
    const allDiagnostics = !diagnosticsAgreeOutside(before, after, changes, region, before.text.length, doc, fromA);
    // Diagnostics are in note order: only those from the region's start on are looked at.
    const found = after.diagnostics;
    for (let k = allDiagnostics ? 0 : firstDiagnosticFrom(found, region.from); k < found.length; k += 1) {
      const d = found[k];
      if (d === undefined || (!allDiagnostics && d.from > region.to)) break;
      const mark = diagnosticMark(d, doc);
      if (mark) rebuilt.push(mark);
    }
    local = local.update({
      add: rebuilt.filter((r) => inRegion(r.from) || (allDiagnostics && r.value.spec.kind === 'diagnostic')),
      sort: true,
      filter: (pos, _to, mark) => !inRegion(pos) && !(allDiagnostics && mark.spec.kind === 'diagnostic'),
      ...(allDiagnostics ? {} : { filterFrom: region.from, filterTo: region.to }),
    });
  }
  const groups = fromB === Infinity || groupsUnchanged(before, after, changes, doc, [fromA, toA], [fromB, toB]) ? marks.groups.map(changes) : buildGroupMarks(after, doc);
  return { local, groups };
}

/** What a story adds to its phase's and the epic's totals (format.md "Progress"). */
function countsOf(story: Story): string {
  let subtasks = '';
  for (const subtask of story.subtasks) subtasks += `${subtask.status},`;
  return `${String(story.storyPoints)}|${story.status}|${story.phase === null ? '\u0000' : `:${story.phase}`}|${subtasks}`;
}

/** The end of the line holding `pos` in a string. */
function lineEndIn(text: string, pos: number): number {
  const at = text.indexOf('\n', pos);
  return at === -1 ? text.length : at;
}

/**
 * True when `changes` moves the heading line at `before` (in `oldText`) to the line at `after` (in `doc`), its end with it.
 * `[fromA, toA]` spans the changes in `oldText`: a line wholly before or after them keeps its text, so only its start is compared.
 */
function headingMoved(before: SourceRange, after: SourceRange, changes: ChangeDesc, oldText: string, doc: Text, fromA: number, toA: number): boolean {
  if (before.from > toA) return after.from === before.from + changes.newLength - changes.length;
  const end = lineEndIn(oldText, before.from);
  if (end < fromA) return after.from === before.from;
  return changes.mapPos(before.from, 1) === after.from && changes.mapPos(end, 1) === lineEnd(doc, after.from);
}

/**
 * True when the group marks of `before`, mapped through `changes`, are those of `after`: the
 * stories the changes touch count the same (points, status, phase, subtask statuses), the same
 * phase headings and title stand where the changes moved them, and the epic's status is the same.
 * Typing prose then costs the touched stories, not a recount of the note (which would read every
 * story's subtasks). Anything else: the group marks are built again.
 */
function groupsUnchanged(before: ParseResult, after: ParseResult, changes: ChangeDesc, doc: Text, [fromA, toA]: [number, number], [fromB, toB]: [number, number]): boolean {
  const old = before.epic;
  const now = after.epic;
  if (old.phases.length !== now.phases.length || (old.titleRange === null) !== (now.titleRange === null)) return false;
  if (old.titleRange && now.titleRange && !headingMoved(old.titleRange, now.titleRange, changes, before.text, doc, fromA, toA)) return false;
  for (let i = 0; i < old.phases.length; i += 1) {
    const a = old.phases[i];
    const b = now.phases[i];
    if (!a || !b || a.name !== b.name || !headingMoved(a.headingRange, b.headingRange, changes, before.text, doc, fromA, toA)) return false;
  }
  const [s, t] = [old.status, now.status];
  if ((s === null) !== (t === null)) return false;
  if (s && t && (s.raw !== t.raw || s.value !== t.value || s.known !== t.known
    || changes.mapPos(s.range.from, 1) !== t.range.from || changes.mapPos(s.range.to, 1) !== t.range.to)) return false;
  const [oldFirst, oldEnd] = storiesTouching(old.stories, fromA, toA);
  const [newFirst, newEnd] = storiesTouching(now.stories, fromB, toB);
  if (oldEnd - oldFirst !== newEnd - newFirst || old.stories.length - oldEnd !== now.stories.length - newEnd) return false;
  for (let i = 0; i < newEnd - newFirst; i += 1) {
    const a = old.stories[oldFirst + i];
    const b = now.stories[newFirst + i];
    if (!a || !b || countsOf(a) !== countsOf(b)) return false;
  }
  return true;
}
