/**
 * Moving a section's analysis to a new place in the note (after an edit above it): every range
 * shifted by an offset and a line delta, with one specialised function per shape (no generic
 * deep walk). Text, markdown and mdast nodes are shared, not copied.
 */
import type {
  AcceptanceCriterion, Comment, Commit, Description, Diagnostic, Frontmatter, IssueLine, Link, MetaField,
  PriorityValue, SourceRange, StatusValue, Story, StorySection, Subtask, SubtaskColumn, SubtaskTable,
} from './types';
import type { LocalDiagnostic } from './diagnostics';
import type { SectionAnalysis } from './section';
import type { SubtasksReading } from './subtasks';
import { shiftRange } from './source-range';

/** Shorthand: a range moved by `o` characters and `l` lines. */
const move = shiftRange;

function field(f: MetaField, o: number, l: number): MetaField {
  return { name: f.name, key: f.key, value: f.value, form: f.form, range: move(f.range, o, l), valueRange: move(f.valueRange, o, l) };
}

function statusValue(v: StatusValue | null, o: number, l: number): StatusValue | null {
  return v === null ? null : { value: v.value, raw: v.raw, known: v.known, range: move(v.range, o, l) };
}

function subtask(t: Subtask, o: number, l: number): Subtask {
  const cells: Partial<Record<SubtaskColumn, SourceRange>> = {};
  // The original's own key order: every row of a table has the same, so objects share one shape.
  for (const key of Object.keys(t.cells) as SubtaskColumn[]) {
    const range = t.cells[key];
    if (range !== undefined) cells[key] = move(range, o, l);
  }
  return {
    number: t.number, name: t.name, description: t.description, storyPoints: t.storyPoints, status: t.status,
    statusField: statusValue(t.statusField, o, l), assignee: t.assignee, issueKey: t.issueKey, form: t.form,
    range: move(t.range, o, l), cells,
  };
}

function table(t: SubtaskTable | null, o: number, l: number): SubtaskTable | null {
  return t === null ? null : { columns: t.columns, headers: t.headers, range: move(t.range, o, l), headerRange: move(t.headerRange, o, l), delimiterRange: move(t.delimiterRange, o, l) };
}

function subtasks(reading: SubtasksReading | null, o: number, l: number): SubtasksReading | null {
  if (reading === null) return null;
  return { subtasks: reading.subtasks.map((t) => subtask(t, o, l)), table: table(reading.table, o, l), diagnostics: reading.diagnostics.map((d) => local(d, o, l)) };
}

function criterion(c: AcceptanceCriterion, o: number, l: number): AcceptanceCriterion {
  return { text: c.text, done: c.done, depth: c.depth, range: move(c.range, o, l), checkboxRange: move(c.checkboxRange, o, l) };
}

function description(d: Description | null, o: number, l: number): Description | null {
  return d === null ? null : { asA: d.asA, iWant: d.iWant, soThat: d.soThat, extra: d.extra, markdown: d.markdown, range: move(d.range, o, l) };
}

function commit(c: Commit, o: number, l: number): Commit {
  return { hash: c.hash, message: c.message, range: move(c.range, o, l) };
}

function comment(c: Comment, o: number, l: number): Comment {
  return { author: c.author, date: c.date, body: c.body, form: c.form, range: move(c.range, o, l) };
}

function link(k: Link, o: number, l: number): Link {
  return { type: k.type, target: k.target, range: move(k.range, o, l) };
}

function issueLine(i: IssueLine | null, o: number, l: number): IssueLine | null {
  return i === null ? null : { key: i.key, url: i.url, synced: i.synced, range: move(i.range, o, l) };
}

function frontmatter(f: Frontmatter | null, o: number, l: number): Frontmatter | null {
  return f === null ? null : { data: f.data, raw: f.raw, range: move(f.range, o, l) };
}

function local(d: LocalDiagnostic, o: number, l: number): LocalDiagnostic {
  return { severity: d.severity, code: d.code, message: d.message, range: move(d.range, o, l) };
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
    nodes: a.nodes,
    story: a.story === null ? null : { id: a.story.id, rawId: a.story.rawId, title: a.story.title, type: a.story.type, lowerCase: a.story.lowerCase, idRange: move(a.story.idRange, o, l) },
    title: a.title === null ? null : { title: a.title.title, type: a.title.type, titleRange: move(a.title.titleRange, o, l), tagline: a.title.tagline },
    frontmatter: frontmatter(a.frontmatter, o, l),
    phase: a.phase,
    isSummary: a.isSummary,
    isRisks: a.isRisks,
    kind: a.kind,
    fields: a.fields.length === 0 ? a.fields : a.fields.map((f) => field(f, o, l)),
    issueLine: issueLine(a.issueLine, o, l),
    description: description(a.description, o, l),
    criteria: a.criteria.length === 0 ? a.criteria : a.criteria.map((c) => criterion(c, o, l)),
    subtasks: subtasks(a.subtasks, o, l),
    commits: a.commits.length === 0 ? a.commits : a.commits.map((c) => commit(c, o, l)),
    comments: a.comments.length === 0 ? a.comments : a.comments.map((c) => comment(c, o, l)),
    links: a.links.length === 0 ? a.links : a.links.map((k) => link(k, o, l)),
    rows: a.rows,
    diagnostics: a.diagnostics.length === 0 ? a.diagnostics : a.diagnostics.map((d) => local(d, o, l)),
    junk: a.junk === null ? null : move(a.junk, o, l),
  };
}

function storySection(section: StorySection, o: number, l: number): StorySection {
  return { name: section.name, kind: section.kind, range: move(section.range, o, l), headingRange: move(section.headingRange, o, l), markdown: section.markdown, nodes: section.nodes };
}

function priorityValue(v: PriorityValue | null, o: number, l: number): PriorityValue | null {
  return v === null ? null : { value: v.value, raw: v.raw, known: v.known, range: move(v.range, o, l) };
}

/** A story moved by `offset` characters and `lines` lines (the same object when both are 0). */
export function shiftStory(story: Story, offset: number, lines: number): Story {
  if (offset === 0 && lines === 0) return story;
  const o = offset;
  const l = lines;
  const fields = story.fields.map((f) => field(f, o, l));
  const pointsAt = story.pointsField === null ? -1 : story.fields.indexOf(story.pointsField);
  return {
    id: story.id,
    title: story.title,
    type: story.type,
    level: story.level,
    headerRange: move(story.headerRange, o, l),
    idRange: move(story.idRange, o, l),
    range: move(story.range, o, l),
    phase: story.phase,
    status: story.status,
    statusField: statusValue(story.statusField, o, l),
    priority: story.priority,
    priorityField: priorityValue(story.priorityField, o, l),
    storyPoints: story.storyPoints,
    // Keep the points field the same object as its entry in `fields`, as a fresh parse has it.
    pointsField: story.pointsField === null ? null : (fields[pointsAt] ?? field(story.pointsField, o, l)),
    assignee: story.assignee,
    labels: story.labels,
    sprint: story.sprint,
    issueKey: story.issueKey,
    issueLine: issueLine(story.issueLine, o, l),
    fields,
    description: description(story.description, o, l),
    acceptanceCriteria: story.acceptanceCriteria.map((c) => criterion(c, o, l)),
    subtasks: story.subtasks.map((t) => subtask(t, o, l)),
    subtaskTable: table(story.subtaskTable, o, l),
    commits: story.commits.map((c) => commit(c, o, l)),
    comments: story.comments.map((c) => comment(c, o, l)),
    links: story.links.map((k) => link(k, o, l)),
    technicalNotes: story.technicalNotes,
    sections: story.sections.map((section) => storySection(section, o, l)),
  };
}

/** A diagnostic moved by `offset` characters and `lines` lines (the same object when both are 0). */
export function shiftDiagnostic(d: Diagnostic, offset: number, lines: number): Diagnostic {
  if (offset === 0 && lines === 0) return d;
  const moved = { severity: d.severity, code: d.code, message: d.message, line: d.line + lines, from: d.from + offset, to: d.to + offset };
  return d.storyId === undefined ? moved : { ...moved, storyId: d.storyId };
}
