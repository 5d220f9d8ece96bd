/**
 * Moving a section's analysis to a new place in the note (after an edit above it): every range
 * shifted by an offset and a line delta, with one specialised function per shape (no generic
 * deep walk). Text and markdown are shared, not copied.
 */
import type {
  AcceptanceCriterion, Comment, Commit, Description, Diagnostic, Frontmatter, IssueLine, Link, MetaField,
  PriorityValue, SourceRange, StatusValue, StorySection, Subtask, SubtaskColumn, SubtaskTable,
} from './types';
import type { LocalDiagnostic } from './diagnostics';
import type { SectionAnalysis, StoryHeaderInfo } from './section';
import type { SubtasksReading } from './subtasks';
import { shiftRange } from './source-range';

/** Shorthand: a range moved by `o` characters and `l` lines. */
const move = shiftRange;

/** A metadata field moved by `o` characters and `l` lines. */
export function shiftField(f: MetaField, o: number, l: number): MetaField {
  return { name: f.name, key: f.key, value: f.value, form: f.form, range: move(f.range, o, l), valueRange: move(f.valueRange, o, l) };
}

/** A status value (or null) moved by `o` characters and `l` lines. */
export function shiftStatusValue(v: StatusValue | null, o: number, l: number): StatusValue | null {
  return v === null ? null : { value: v.value, raw: v.raw, known: v.known, range: move(v.range, o, l) };
}

/** A subtask and its cell ranges moved by `o` characters and `l` lines. */
export function shiftSubtask(t: Subtask, o: number, l: number): Subtask {
  const cells: Partial<Record<SubtaskColumn, SourceRange>> = {};
  // The original's own key order: every row of a table has the same, so objects share one shape.
  for (const key of Object.keys(t.cells) as SubtaskColumn[]) {
    const range = t.cells[key];
    if (range !== undefined) cells[key] = move(range, o, l);
  }
  return {
    number: t.number, name: t.name, description: t.description, storyPoints: t.storyPoints, status: t.status,
    statusField: shiftStatusValue(t.statusField, o, l), assignee: t.assignee, issueKey: t.issueKey, form: t.form,
    range: move(t.range, o, l), cells,
  };
}

/** A subtask table (or null) moved by `o` characters and `l` lines. */
export function shiftSubtaskTable(t: SubtaskTable | null, o: number, l: number): SubtaskTable | null {
  return t === null ? null : { columns: t.columns, headers: t.headers, range: move(t.range, o, l), headerRange: move(t.headerRange, o, l), delimiterRange: move(t.delimiterRange, o, l) };
}

function subtasks(reading: SubtasksReading | null, o: number, l: number): SubtasksReading | null {
  if (reading === null) return null;
  return { subtasks: reading.subtasks.map((t) => shiftSubtask(t, o, l)), table: shiftSubtaskTable(reading.table, o, l), diagnostics: reading.diagnostics.map((d) => local(d, o, l)) };
}

/** An acceptance criterion moved by `o` characters and `l` lines. */
export function shiftCriterion(c: AcceptanceCriterion, o: number, l: number): AcceptanceCriterion {
  return { text: c.text, done: c.done, depth: c.depth, range: move(c.range, o, l), checkboxRange: move(c.checkboxRange, o, l) };
}

/** A description (or null) moved by `o` characters and `l` lines. */
export function shiftDescription(d: Description | null, o: number, l: number): Description | null {
  return d === null ? null : { asA: d.asA, iWant: d.iWant, soThat: d.soThat, extra: d.extra, markdown: d.markdown, range: move(d.range, o, l) };
}

/** A related commit moved by `o` characters and `l` lines. */
export function shiftCommit(c: Commit, o: number, l: number): Commit {
  return { hash: c.hash, message: c.message, range: move(c.range, o, l) };
}

/** A comment moved by `o` characters and `l` lines. */
export function shiftComment(c: Comment, o: number, l: number): Comment {
  return { author: c.author, date: c.date, body: c.body, form: c.form, range: move(c.range, o, l) };
}

/** A link moved by `o` characters and `l` lines. */
export function shiftLink(k: Link, o: number, l: number): Link {
  return { type: k.type, target: k.target, range: move(k.range, o, l) };
}

/** A written-back issue line (or null) moved by `o` characters and `l` lines. */
export function shiftIssueLine(i: IssueLine | null, o: number, l: number): IssueLine | null {
  return i === null ? null : { key: i.key, tracker: i.tracker, url: i.url, synced: i.synced, range: move(i.range, o, l) };
}

function frontmatter(f: Frontmatter | null, o: number, l: number): Frontmatter | null {
  return f === null ? null : { data: f.data, raw: f.raw, range: move(f.range, o, l) };
}

/** Codes whose messages name lines of the note (parse-bounds.ts: "line 12", "Lines 40–52 are"). */
const LINE_NAMING_CODES: ReadonlySet<string> = new Set(['markdown-capped', 'section-not-parsed']);

/**
 * The message of a diagnostic moved by `lines` lines: the lines it names moved with it. Those
 * messages hold no text of the note, so only the line numbers they wrote are rewritten.
 */
function movedMessage(code: string, message: string, lines: number): string {
  if (lines === 0 || !LINE_NAMING_CODES.has(code)) return message;
  return message.replace(/\b([Ll]ines?) (\d+)(?:–(\d+))?/g, (_all, word: string, first: string, last: string | undefined) =>
    `${word} ${Number(first) + lines}${last === undefined ? '' : `–${Number(last) + lines}`}`);
}

function local(d: LocalDiagnostic, o: number, l: number): LocalDiagnostic {
  return { severity: d.severity, code: d.code, message: movedMessage(d.code, d.message, l), range: move(d.range, o, l) };
}

/** The analysis of a section moved by `offset` characters and `lines` lines (the same object when both are 0). */
export function shiftSection(a: SectionAnalysis, offset: number, lines: number): SectionAnalysis {
  if (offset === 0 && lines === 0) return a;
  const o = offset;
  const l = lines;
  return {
    text: a.text,
    range: move(a.range, o, l),
    level: a.level,
    name: a.name,
    headingRange: a.headingRange === null ? null : move(a.headingRange, o, l),
    contentRange: move(a.contentRange, o, l),
    markdown: a.markdown,
    story: storyHeader(a.story, o, l),
    title: a.title === null ? null : { title: a.title.title, type: a.title.type, titleRange: move(a.title.titleRange, o, l), tagline: a.title.tagline, story: storyHeader(a.title.story, o, l) },
    frontmatter: frontmatter(a.frontmatter, o, l),
    phase: a.phase,
    isSummary: a.isSummary,
    isRisks: a.isRisks,
    kind: a.kind,
    fields: a.fields.length === 0 ? a.fields : a.fields.map((f) => shiftField(f, o, l)),
    issueLine: shiftIssueLine(a.issueLine, o, l),
    description: shiftDescription(a.description, o, l),
    criteria: a.criteria.length === 0 ? a.criteria : a.criteria.map((c) => shiftCriterion(c, o, l)),
    subtasks: subtasks(a.subtasks, o, l),
    commits: a.commits.length === 0 ? a.commits : a.commits.map((c) => shiftCommit(c, o, l)),
    comments: a.comments.length === 0 ? a.comments : a.comments.map((c) => shiftComment(c, o, l)),
    links: a.links.length === 0 ? a.links : a.links.map((k) => shiftLink(k, o, l)),
    rows: a.rows,
    diagnostics: a.diagnostics.length === 0 ? a.diagnostics : a.diagnostics.map((d) => local(d, o, l)),
    junk: a.junk === null ? null : move(a.junk, o, l),
  };
}

/** A story header moved by `o` characters and `l` lines. */
function storyHeader(header: StoryHeaderInfo | null, o: number, l: number): StoryHeaderInfo | null {
  return header === null ? null : { id: header.id, rawId: header.rawId, title: header.title, type: header.type, lowerCase: header.lowerCase, trailingEmoji: header.trailingEmoji, idRange: move(header.idRange, o, l) };
}

/** A story section moved by `o` characters and `l` lines. */
export function shiftStorySection(section: StorySection, o: number, l: number): StorySection {
  return { name: section.name, kind: section.kind, range: move(section.range, o, l), headingRange: move(section.headingRange, o, l), markdown: section.markdown };
}

/** A priority value (or null) moved by `o` characters and `l` lines. */
export function shiftPriorityValue(v: PriorityValue | null, o: number, l: number): PriorityValue | null {
  return v === null ? null : { value: v.value, raw: v.raw, known: v.known, range: move(v.range, o, l) };
}

/** A diagnostic moved by `offset` characters and `lines` lines (the same object when both are 0). */
export function shiftDiagnostic(d: Diagnostic, offset: number, lines: number): Diagnostic {
  if (offset === 0 && lines === 0) return d;
  const message = movedMessage(d.code, d.message, lines);
  // Two literals, not a spread: this runs for every diagnostic after an edit.
  if (d.storyId === undefined) return { severity: d.severity, code: d.code, message, line: d.line + lines, from: d.from + offset, to: d.to + offset };
  return { severity: d.severity, code: d.code, message, line: d.line + lines, from: d.from + offset, to: d.to + offset, storyId: d.storyId };
}
