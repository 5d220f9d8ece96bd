/**
 * The epic model: what a note in the spectryn format means, with the place in the note every part
 * came from. Pure data: produced by `parseEpic`, read by the editor, the pane, sync and the CLI.
 * Everything here is immutable once returned; an incremental re-parse shares unchanged objects.
 */
/**
 * A span of the note. `from`/`to` are UTF-16 offsets into the note text (0-based, `to` exclusive),
 * `line`/`endLine` are 1-based line numbers of `from` and of the last character of the span.
 */
export interface SourceRange {
  readonly from: number;
  readonly to: number;
  readonly line: number;
  readonly endLine: number;
}

/** Normalised story/subtask status, as written into the JSON result. */
export type Status = 'done' | 'in_progress' | 'in_review' | 'open' | 'planned' | 'blocked' | 'cancelled';

/** Every status, in workflow order (the order menus and legends use). */
export const STATUSES: readonly Status[] = ['planned', 'open', 'in_progress', 'in_review', 'blocked', 'done', 'cancelled'];

/** Normalised priority, as written into the JSON result. */
export type Priority = 'critical' | 'high' | 'medium' | 'low';

/** Every priority, highest first. */
export const PRIORITIES: readonly Priority[] = ['critical', 'high', 'medium', 'low'];

/** Canonical metadata field names (format.md "Metadata"); `null` for a field we keep but do not interpret. */
export type FieldKey = 'story_points' | 'priority' | 'status' | 'phase' | 'assignee' | 'labels' | 'sprint' | 'issue';

/** How a metadata field was written. */
export type FieldForm = 'table' | 'inline' | 'blockquote' | 'dataview';

/** One metadata field as written in the note (story metadata or the epic summary table). */
export interface MetaField {
  /** The field name as written, without bold markers and colons, e.g. `Story Points`. */
  readonly name: string;
  /** The canonical field this name (or alias) means, or null for a field kept as text. */
  readonly key: FieldKey | null;
  /** The value text, trimmed, markdown kept (e.g. `🔴 Critical`). */
  readonly value: string;
  readonly form: FieldForm;
  /** The whole field: the table row, or the `**Name**: value` / `Name:: value` span. */
  readonly range: SourceRange;
  /** The value text only: what an edit of this field replaces. */
  readonly valueRange: SourceRange;
}

/** A status as written and as understood. */
export interface StatusValue {
  readonly value: Status;
  /** The text as written, trimmed (e.g. `✅ Done`). */
  readonly raw: string;
  /** False when the text matched no vocabulary entry (then `value` is `planned` and a warning exists). */
  readonly known: boolean;
  /** Where the raw text stands in the note: what a status edit replaces. */
  readonly range: SourceRange;
}

/** A priority as written and as understood. */
export interface PriorityValue {
  readonly value: Priority;
  readonly raw: string;
  /** False when the text matched no vocabulary entry (then `value` is `medium` and a warning exists). */
  readonly known: boolean;
  readonly range: SourceRange;
}

/** One acceptance criterion: a task-list item under `#### Acceptance Criteria`. */
export interface AcceptanceCriterion {
  /** Item text as markdown source, trimmed, without the `[ ]` marker. */
  readonly text: string;
  readonly done: boolean;
  /** 0 for a top-level item, 1 for an item nested once, and so on. */
  readonly depth: number;
  readonly range: SourceRange;
  /** The `[ ]` / `[x]` marker. */
  readonly checkboxRange: SourceRange;
}

/** Subtask table columns the parser recognises by header name. */
export type SubtaskColumn = 'number' | 'name' | 'description' | 'points' | 'status' | 'assignee' | 'issue';

/** One subtask: a row of the Subtasks table, or an item of a task list under Subtasks. */
export interface Subtask {
  /** The `#` column as a number, or the 1-based position when absent or not a number. */
  readonly number: number;
  readonly name: string;
  readonly description: string;
  /** Points, or null when not given / not estimated / invalid (a diagnostic says which). */
  readonly storyPoints: number | null;
  /** `done`/`open` for a task-list item, from the Status cell for a row (`planned` when absent). */
  readonly status: Status;
  /** The status cell as written, or null when the row has none (task-list subtasks: null). */
  readonly statusField: StatusValue | null;
  readonly assignee: string | null;
  /** Tracker key from the `Issue` column, or null. */
  readonly issueKey: string | null;
  readonly form: 'table' | 'tasklist';
  /** The table row or list item. */
  readonly range: SourceRange;
  /** Ranges of this row's cells by recognised column (table form only). */
  readonly cells: Readonly<Partial<Record<SubtaskColumn, SourceRange>>>;
}

/** The Subtasks table itself: what sync needs to add or fill the `Issue` column. */
export interface SubtaskTable {
  /** Recognised column of each header cell, in order (null for a column kept as text). */
  readonly columns: readonly (SubtaskColumn | null)[];
  /** Header cell texts as written. */
  readonly headers: readonly string[];
  readonly range: SourceRange;
  /** The header row line. */
  readonly headerRange: SourceRange;
  /** The `|---|---|` delimiter row line. */
  readonly delimiterRange: SourceRange;
}

/** A row of `#### Related Commits`. */
export interface Commit {
  readonly hash: string;
  readonly message: string;
  readonly range: SourceRange;
}

/** A comment under `#### Comments`: `> **@user** (2025-01-15):` or `> [!comment] @user (2025-01-15)`. */
export interface Comment {
  /** Author without the `@`, or null when not written. */
  readonly author: string | null;
  /** The date as written (usually YYYY-MM-DD), or null. */
  readonly date: string | null;
  /** The comment text as markdown, without the `>` markers and the author line. */
  readonly body: string;
  readonly form: 'blockquote' | 'callout';
  readonly range: SourceRange;
}

/** A relation under `#### Links` / `#### Dependencies`: `blocks PROJ-9`, `depends on [[US-004]]`. */
export interface Link {
  /** Relation as written, lower case (`blocks`, `depends on`, `relates to`…). */
  readonly type: string;
  /** Target key or story id, without `[[ ]]`. */
  readonly target: string;
  readonly range: SourceRange;
}

/** `#### Description` (alias `#### User Story`). */
export interface Description {
  readonly asA: string | null;
  readonly iWant: string | null;
  readonly soThat: string | null;
  /** Paragraphs and blocks after (or without) the three parts, as markdown source. */
  readonly extra: string;
  /** The whole section body as markdown source. */
  readonly markdown: string;
  readonly range: SourceRange;
}

/**
 * The line sync writes under a story header: `> **Issue:** [KEY](url) · **Synced:** ...` (ours),
 * or spectryn's `> **Jira:** [PROJ-100](url)`, `> **Linear:** [TEAM-456](url)`, `> **GitHub:** [#12](url)`.
 */
export interface IssueLine {
  readonly key: string;
  /**
   * The tracker the line names, lower case (`jira`, `linear`, `github`, `gitlab`, `azure devops`, …),
   * or null for our own `**Issue:**` line (the note's tracker).
   */
  readonly tracker: string | null;
  readonly url: string | null;
  /** The Synced stamp as written, or null. */
  readonly synced: string | null;
  /** The whole line, without its line break. */
  readonly range: SourceRange;
}

/** Kinds of story subsection the parser interprets; `other` is kept as markdown only. */
export type StorySectionKind =
  | 'description' | 'acceptance_criteria' | 'subtasks' | 'commits' | 'comments' | 'links'
  | 'technical_notes' | 'other';

/** A subsection of a story (`#### Description`, `#### Subtasks`, …). */
export interface StorySection {
  /** Heading text as written. */
  readonly name: string;
  readonly kind: StorySectionKind;
  /** From the heading to the end of the section. */
  readonly range: SourceRange;
  readonly headingRange: SourceRange;
  /** Body as markdown source (heading excluded), trimmed: what sync converts to ADF. */
  readonly markdown: string;
}

/** One user story. */
export interface Story {
  /** Story id, upper-cased (`US-001`, `PROJ-123`, `#42`). */
  readonly id: string;
  /** Title without id and emoji; empty when the header has none (an error diagnostic exists). */
  readonly title: string;
  /** Leading emoji of the header (the story type), or null. */
  readonly type: string | null;
  /** ATX level of the header: 2, 3 or 4. */
  readonly level: number;
  /** The header line. */
  readonly headerRange: SourceRange;
  /** The id as written in the header. */
  readonly idRange: SourceRange;
  /** The whole story, header to the last line before the next story or higher heading. */
  readonly range: SourceRange;
  /** `Phase` field if present, else the nearest `## Phase N: Name` above, else null. */
  readonly phase: string | null;
  /** `planned` when no status is written. */
  readonly status: Status;
  readonly statusField: StatusValue | null;
  readonly priority: Priority | null;
  readonly priorityField: PriorityValue | null;
  /** Points, or null when absent or not estimated (`TBD`, `?`, `-`) or invalid. */
  readonly storyPoints: number | null;
  /** The points field as written, or null when absent. */
  readonly pointsField: MetaField | null;
  readonly assignee: string | null;
  readonly labels: readonly string[];
  readonly sprint: string | null;
  /**
   * Tracker key (`PROJ-12`, or `#12` for GitHub): the `Issue` field, else the written-back issue
   * line when it is ours or names Jira or GitHub (a line naming another tracker keeps its key in
   * `issueLine` only).
   */
  readonly issueKey: string | null;
  readonly issueLine: IssueLine | null;
  /** Every metadata field in note order, first one of each name wins for interpretation. */
  readonly fields: readonly MetaField[];
  readonly description: Description | null;
  readonly acceptanceCriteria: readonly AcceptanceCriterion[];
  readonly subtasks: readonly Subtask[];
  readonly subtaskTable: SubtaskTable | null;
  readonly commits: readonly Commit[];
  readonly comments: readonly Comment[];
  readonly links: readonly Link[];
  /** `#### Technical Notes` body as markdown, or null. */
  readonly technicalNotes: string | null;
  readonly sections: readonly StorySection[];
}

/** A `## Phase N: Name` heading. */
export interface Phase {
  /** Text after the colon (`Preparation`), trimmed. */
  readonly name: string;
  /** N, or null when the heading has no number. */
  readonly number: number | null;
  readonly headingRange: SourceRange;
  /** Heading to the next H1/H2. */
  readonly range: SourceRange;
}

/** An epic-level section kept as markdown (`### Summary`, `### Rollback Plan`, …). */
export interface EpicSection {
  readonly name: string;
  readonly markdown: string;
  readonly range: SourceRange;
}

/** `## Risks & Mitigations`: its table rows (header name → cell text) and its markdown. */
export interface Risks {
  readonly markdown: string;
  readonly rows: readonly Readonly<Record<string, string>>[];
  readonly range: SourceRange;
}

/** Parsed YAML frontmatter. */
export interface Frontmatter {
  /** The YAML as an object; `{}` when it is not a mapping or does not parse (a diagnostic says so). */
  readonly data: Readonly<Record<string, unknown>>;
  readonly raw: string;
  /** From the opening `---` to the end of the closing `---`. */
  readonly range: SourceRange;
}

/** The whole note. */
export interface Epic {
  /** Tracker key of the epic from frontmatter (`epic`, `epic-key`, `epic_key`, `jira-epic`), or null. */
  readonly key: string | null;
  /** Frontmatter `tracker`, or null. */
  readonly tracker: string | null;
  /** H1 text without its leading emoji, or null when there is no H1. */
  readonly title: string | null;
  /** Leading emoji of the H1, or null. */
  readonly type: string | null;
  readonly titleRange: SourceRange | null;
  /** `> **Epic: ...**` under the H1, without the markup, or null. */
  readonly tagline: string | null;
  readonly frontmatter: Frontmatter | null;
  /** Rows of the `## Epic Summary` table. */
  readonly fields: readonly MetaField[];
  readonly status: StatusValue | null;
  readonly priority: PriorityValue | null;
  /** Epic-level sections in note order (Summary, Migration Phases, Rollback Plan, …). */
  readonly sections: readonly EpicSection[];
  readonly risks: Risks | null;
  /** Phase headings in note order. */
  readonly phases: readonly Phase[];
  /** Stories in note order. */
  readonly stories: readonly Story[];
}

/** Diagnostic severities, as CodeMirror's lint uses them. */
export type Severity = 'error' | 'warning' | 'info';

/** Stable diagnostic codes (format.md "Diagnostics"). */
export type DiagnosticCode =
  | 'no-stories'
  | 'duplicate-story-id'
  | 'missing-points'
  | 'unestimated'
  | 'invalid-points'
  | 'unknown-status'
  | 'unknown-priority'
  | 'subtasks-without-name-column'
  | 'subtask-points-exceed-story'
  | 'invalid-subtask-row'
  | 'done-with-open-criteria'
  | 'done-with-open-subtasks'
  | 'story-without-title'
  | 'lowercase-story-id'
  | 'story-header-not-read'
  | 'duplicate-subtask-number'
  | 'title-too-long'
  | 'invalid-frontmatter'
  | 'malformed-table'
  | 'invalid-characters'
  | 'unsafe-issue-link'
  | 'section-not-parsed'
  | 'markdown-capped';

/** A problem found in the note. Never thrown: returned beside the epic. */
export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  /** One sentence for a person, naming the story and the fix where there is one. */
  readonly message: string;
  /** 1-based line of `from`. */
  readonly line: number;
  readonly from: number;
  readonly to: number;
  /** The story the problem is in, when it is in one. */
  readonly storyId?: string;
}

/** Stories, points and subtasks counted as format.md "Progress" defines. */
export interface Counts {
  readonly stories: number;
  readonly storiesDone: number;
  readonly storiesCancelled: number;
  /** Sum of story points (unestimated stories count 0). */
  readonly points: number;
  /** Points of stories whose status is `done`. */
  readonly pointsDone: number;
  readonly subtasks: number;
  readonly subtasksDone: number;
  /** Stories without points (not estimated, missing or invalid). */
  readonly unestimated: number;
}

/** One phase's progress; the phase named `No phase` gathers stories without one. */
export interface PhaseProgress {
  readonly name: string;
  /** The phase heading, or null for `No phase` and for phases named only by story fields. */
  readonly phase: Phase | null;
  readonly stories: readonly Story[];
  readonly counts: Counts;
}

/** Progress of the whole epic: phases in note order, and the totals. */
export interface Progress {
  readonly phases: readonly PhaseProgress[];
  readonly totals: Counts;
}

/** Name of the group of stories that have no phase. */
export const NO_PHASE = 'No phase';
