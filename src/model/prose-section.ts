/**
 * Prose sections read lazily. Opening a note needs the headings, the metadata and the subtask
 * tables (the editor's marks, the pane, every diagnostic); a story's prose (Description, Comments,
 * Links, Related Commits, any other subsection) is read only by a sync, the JSON export or
 * whoever asks for it, and so are its acceptance criteria, unless the story is done (then the
 * `done-with-open-criteria` check reads them while the story is built). Such a section keeps its text and runs the markdown
 * parser on the first read of a part that needs it, once.
 *
 * The lazy parts are enumerable getters of plain objects, in the keys' usual order: a value read
 * later is the value an eager read gives, `JSON.stringify` writes the same JSON, and a structural
 * comparison (`toEqual`) sees the same object.
 */
import type { SectionAnalysis } from './section';
import type { AcceptanceCriterion, Comment, Commit, Description, Link, SourceRange, StorySection, StorySectionKind } from './types';

/** Story subsection kinds read lazily: what no diagnostic (but one on done stories) and nothing shown at open reads. */
const LAZY_KINDS: ReadonlySet<StorySectionKind> = new Set<StorySectionKind>(['description', 'acceptance_criteria', 'comments', 'links', 'commits', 'other']);

/**
 * Whether a section's body may be read lazily: a story subsection or epic-level heading (level ≥ 2)
 * that is no story header, Epic Summary or Risks section (their fields and rows are read at open),
 * of a prose kind or acceptance criteria. Subtasks (their diagnostics) and Technical Notes (`Story.technicalNotes` is a plain value that a moved story copies) stay eager.
 */
export function isLazyProse(level: number, storyHeader: boolean, isSummary: boolean, isRisks: boolean, kind: StorySectionKind): boolean {
  return level >= 2 && !storyHeader && !isSummary && !isRisks && LAZY_KINDS.has(kind);
}

/** What reading a prose section's body with the markdown parser gives. */
export interface ProseReading {
  readonly contentRange: SourceRange;
  readonly markdown: string;
  readonly description: Description | null;
  readonly criteria: readonly AcceptanceCriterion[];
  readonly commits: readonly Commit[];
  readonly comments: readonly Comment[];
  readonly links: readonly Link[];
}

/** A section analysis without the parts that need the body parsed. */
export type EagerPart = Omit<SectionAnalysis, keyof ProseReading>;

/**
 * A section analysis whose body parts come from `read`, called on the first read of any of them
 * and only then (memoised). Keys in the order `analyseSection` writes them.
 */
export function lazyProseAnalysis(eager: EagerPart, read: () => ProseReading): SectionAnalysis {
  let reading: ProseReading | null = null;
  const body = (): ProseReading => (reading ??= read());
  return {
    text: eager.text,
    range: eager.range,
    level: eager.level,
    name: eager.name,
    headingRange: eager.headingRange,
    get contentRange() { return body().contentRange; },
    get markdown() { return body().markdown; },
    story: eager.story,
    title: eager.title,
    frontmatter: eager.frontmatter,
    phase: eager.phase,
    isSummary: eager.isSummary,
    isRisks: eager.isRisks,
    kind: eager.kind,
    fields: eager.fields,
    issueLine: eager.issueLine,
    get description() { return body().description; },
    get criteria() { return body().criteria; },
    subtasks: eager.subtasks,
    get commits() { return body().commits; },
    get comments() { return body().comments; },
    get links() { return body().links; },
    rows: eager.rows,
    diagnostics: eager.diagnostics,
    junk: eager.junk,
  };
}

/**
 * A story subsection as `Story.sections` lists it. Its range and markdown are read from the
 * analysis when first asked for, so building a story does not parse its prose.
 */
export function storySectionOf(section: SectionAnalysis): StorySection {
  return {
    name: section.name,
    kind: section.kind,
    get range() { return section.contentRange; },
    headingRange: section.headingRange ?? section.range,
    get markdown() { return section.markdown; },
  };
}

/** A story's prose parts, read from its subsections when first asked for (each once). */
export interface StoryProse {
  /** The first Description section's reading, or null. */
  readonly description: Description | null;
  /** Every Acceptance Criteria section's items, in note order. */
  readonly acceptanceCriteria: readonly AcceptanceCriterion[];
  /** Every Related Commits section's rows, in note order. */
  readonly commits: readonly Commit[];
  readonly comments: readonly Comment[];
  readonly links: readonly Link[];
}

/** The prose parts of a story from its subsections (header excluded), in note order. */
export function storyProse(subsections: readonly SectionAnalysis[]): StoryProse {
  let description: Description | null | undefined;
  let acceptanceCriteria: readonly AcceptanceCriterion[] | undefined;
  let commits: readonly Commit[] | undefined;
  let comments: readonly Comment[] | undefined;
  let links: readonly Link[] | undefined;
  const all = <T>(kind: StorySectionKind, of: (section: SectionAnalysis) => readonly T[]): T[] => {
    const found: T[] = [];
    for (const section of subsections) if (section.kind === kind) found.push(...of(section));
    return found;
  };
  return {
    get description() {
      // Only the first Description section counts (format.md: first one wins).
      if (description === undefined) description = subsections.find((section) => section.kind === 'description')?.description ?? null;
      return description;
    },
    get acceptanceCriteria() { return (acceptanceCriteria ??= all('acceptance_criteria', (section) => section.criteria)); },
    get commits() { return (commits ??= all('commits', (section) => section.commits)); },
    get comments() { return (comments ??= all('comments', (section) => section.comments)); },
    get links() { return (links ??= all('links', (section) => section.links)); },
  };
}
