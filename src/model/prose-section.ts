/**
 * Prose sections read lazily. Opening a note needs the headings, the metadata and the subtask
 * tables (the editor's marks, the pane, every diagnostic); a story's prose (Description, Comments,
 * Links, Related Commits, any other subsection) is read only by a sync, the JSON export or
 * whoever asks for it, and so are its acceptance criteria, unless the story is done (then the
 * `done-with-open-criteria` check reads them while the story is built). Such a section keeps its
 * text and runs the markdown parser on the first read of a part that needs it, once. A story's
 * last section is read at open anyway: the story's range ends where its content ends.
 *
 * The lazy parts are enumerable getters of plain objects, in the keys' usual order: a value read
 * later is the value an eager read gives, `JSON.stringify` writes the same JSON, and a structural
 * comparison (`toEqual`) sees the same object. The getters are shared by every object of a kind
 * and read the object's source (a non-enumerable symbol property): a getter made per object
 * (an object literal's `get`) puts each object in V8's dictionary mode, ten times the memory.
 */
import type { SectionAnalysis } from './section';
import type { AcceptanceCriterion, Comment, Commit, Description, Link, SourceRange, Story, StorySection, StorySectionKind } from './types';
import { listOrNone } from './empty-list';

/** Story subsection kinds read lazily: what no diagnostic (but one on done stories) and nothing shown at open reads. */
const LAZY_KINDS: ReadonlySet<StorySectionKind> = new Set<StorySectionKind>(['description', 'acceptance_criteria', 'comments', 'links', 'commits', 'other']);

/**
 * Whether a section's body may be read lazily: a story subsection or epic-level heading (level ≥ 2)
 * that is no story header, Epic Summary or Risks section (their fields and rows are read at open),
 * of a prose kind or acceptance criteria. Subtasks (their diagnostics) and Technical Notes
 * (`Story.technicalNotes` is a plain value that a moved story copies) stay eager.
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

/** Where a lazily read object keeps what its getters read (not enumerable: never in JSON, keys or comparisons). */
const SOURCE: unique symbol = Symbol('spectryn.lazySource');

/** An object whose lazy keys read its source. */
interface Sourced {
  readonly [SOURCE]: object;
}

/** The getter of a lazy key: reads `from` of the object's source. One per key, shared by all objects. */
function sourced(from: string): PropertyDescriptor {
  return {
    get(this: Sourced): unknown {
      return (this[SOURCE] as Record<string, unknown>)[from];
    },
    enumerable: true,
  };
}

const CONTENT_RANGE = sourced('contentRange');
const MARKDOWN = sourced('markdown');
const DESCRIPTION = sourced('description');
const CRITERIA = sourced('criteria');
const ACCEPTANCE_CRITERIA = sourced('acceptanceCriteria');
const COMMITS = sourced('commits');
const COMMENTS = sourced('comments');
const LINKS = sourced('links');

/** Sets the source of a lazily read object (before its lazy keys are defined). */
function setSource(target: object, source: object): void {
  Object.defineProperty(target, SOURCE, { value: source });
}

/** A prose section's body, read on first use and kept. */
class LazyReading implements ProseReading {
  #read: (() => ProseReading) | null;
  #reading: ProseReading | null = null;

  constructor(read: () => ProseReading) {
    this.#read = read;
  }

  get #body(): ProseReading {
    if (this.#reading === null && this.#read !== null) {
      this.#reading = this.#read();
      // The reader (and what it keeps) is not needed again.
      this.#read = null;
    }
    if (this.#reading === null) throw new Error('a lazy reading is read while it is being read');
    return this.#reading;
  }

  get contentRange(): SourceRange { return this.#body.contentRange; }
  get markdown(): string { return this.#body.markdown; }
  get description(): Description | null { return this.#body.description; }
  get criteria(): readonly AcceptanceCriterion[] { return this.#body.criteria; }
  get commits(): readonly Commit[] { return this.#body.commits; }
  get comments(): readonly Comment[] { return this.#body.comments; }
  get links(): readonly Link[] { return this.#body.links; }
}

/**
 * A section analysis whose body parts come from `read`, called on the first read of any of them
 * and only then (memoised). Keys in the order `analyseSection` writes them.
 */
export function lazyProseAnalysis(eager: EagerPart, read: () => ProseReading): SectionAnalysis {
  // A literal, then the lazy keys, then named stores: built the same way, every such object shares
  // one hidden class with fast properties.
  const analysis: { -readonly [K in keyof SectionAnalysis]?: SectionAnalysis[K] } = {
    text: eager.text,
    range: eager.range,
    level: eager.level,
    name: eager.name,
    headingRange: eager.headingRange,
  };
  setSource(analysis, new LazyReading(read));
  Object.defineProperty(analysis, 'contentRange', CONTENT_RANGE);
  Object.defineProperty(analysis, 'markdown', MARKDOWN);
  analysis.story = eager.story;
  analysis.title = eager.title;
  analysis.frontmatter = eager.frontmatter;
  analysis.phase = eager.phase;
  analysis.isSummary = eager.isSummary;
  analysis.isRisks = eager.isRisks;
  analysis.kind = eager.kind;
  analysis.fields = eager.fields;
  analysis.issueLine = eager.issueLine;
  Object.defineProperty(analysis, 'description', DESCRIPTION);
  Object.defineProperty(analysis, 'criteria', CRITERIA);
  analysis.subtasks = eager.subtasks;
  Object.defineProperty(analysis, 'commits', COMMITS);
  Object.defineProperty(analysis, 'comments', COMMENTS);
  Object.defineProperty(analysis, 'links', LINKS);
  analysis.rows = eager.rows;
  analysis.diagnostics = eager.diagnostics;
  analysis.junk = eager.junk;
  return analysis as SectionAnalysis;
}

const SECTION_RANGE = sourced('contentRange');

/**
 * A story subsection as `Story.sections` lists it. A lazy section's range and markdown are read
 * from its analysis when first asked for, so building a story does not parse its prose.
 */
export function storySectionOf(section: SectionAnalysis): StorySection {
  const headingRange = section.headingRange ?? section.range;
  if (!(SOURCE in section)) return { name: section.name, kind: section.kind, range: section.contentRange, headingRange, markdown: section.markdown };
  const lazy: { -readonly [K in keyof StorySection]?: StorySection[K] } = { name: section.name, kind: section.kind };
  setSource(lazy, section);
  Object.defineProperty(lazy, 'range', SECTION_RANGE);
  lazy.headingRange = headingRange;
  Object.defineProperty(lazy, 'markdown', MARKDOWN);
  return lazy as StorySection;
}

/** The parts `of` gives of every section of `kind`, in note order. */
function partsOf<T>(sections: readonly SectionAnalysis[], kind: StorySectionKind, of: (section: SectionAnalysis) => readonly T[]): readonly T[] {
  const found: T[] = [];
  for (const section of sections) if (section.kind === kind) found.push(...of(section));
  return listOrNone(found);
}

/** The acceptance criteria of a story's sections, in note order (reads lazy ones: parses them once). */
export function criteriaOf(sections: readonly SectionAnalysis[]): readonly AcceptanceCriterion[] {
  return partsOf(sections, 'acceptance_criteria', (section) => section.criteria);
}

/** A story's prose parts, read from its subsections when first asked for (each once). */
class StoryProse {
  readonly #subsections: readonly SectionAnalysis[];
  #description: Description | null | undefined;
  #acceptanceCriteria: readonly AcceptanceCriterion[] | undefined;
  #commits: readonly Commit[] | undefined;
  #comments: readonly Comment[] | undefined;
  #links: readonly Link[] | undefined;

  constructor(subsections: readonly SectionAnalysis[]) {
    this.#subsections = subsections;
  }

  #all<T>(kind: StorySectionKind, of: (section: SectionAnalysis) => readonly T[]): readonly T[] {
    return partsOf(this.#subsections, kind, of);
  }

  /** The first Description section's reading, or null (format.md: first one wins). */
  get description(): Description | null {
    if (this.#description === undefined) this.#description = this.#subsections.find((section) => section.kind === 'description')?.description ?? null;
    return this.#description;
  }

  /** Every Acceptance Criteria section's items, in note order. */
  get acceptanceCriteria(): readonly AcceptanceCriterion[] {
    return (this.#acceptanceCriteria ??= criteriaOf(this.#subsections));
  }

  get commits(): readonly Commit[] {
    return (this.#commits ??= this.#all('commits', (section) => section.commits));
  }

  get comments(): readonly Comment[] {
    return (this.#comments ??= this.#all('comments', (section) => section.comments));
  }

  get links(): readonly Link[] {
    return (this.#links ??= this.#all('links', (section) => section.links));
  }
}

/** The keys of a story that its prose sections give (read when first asked for). */
export type ProseKeys = 'description' | 'acceptanceCriteria' | 'commits' | 'comments' | 'links';

/**
 * The story `eager` with its prose parts read from `subsections` (header excluded, in note order)
 * when first asked for. Keys in the order of a built story.
 */
export function withStoryProse(eager: Omit<Story, ProseKeys>, subsections: readonly SectionAnalysis[]): Story {
  // As for analyses: a literal, then the lazy keys, then named stores (one hidden class).
  const story: { -readonly [K in keyof Story]?: Story[K] } = {
    id: eager.id,
    title: eager.title,
    type: eager.type,
    level: eager.level,
    headerRange: eager.headerRange,
    idRange: eager.idRange,
    range: eager.range,
    phase: eager.phase,
    status: eager.status,
    statusField: eager.statusField,
    priority: eager.priority,
    priorityField: eager.priorityField,
    storyPoints: eager.storyPoints,
    pointsField: eager.pointsField,
    assignee: eager.assignee,
    labels: eager.labels,
    sprint: eager.sprint,
    issueKey: eager.issueKey,
    issueLine: eager.issueLine,
    fields: eager.fields,
  };
  setSource(story, new StoryProse(subsections));
  Object.defineProperty(story, 'description', DESCRIPTION);
  Object.defineProperty(story, 'acceptanceCriteria', ACCEPTANCE_CRITERIA);
  story.subtasks = eager.subtasks;
  story.subtaskTable = eager.subtaskTable;
  Object.defineProperty(story, 'commits', COMMITS);
  Object.defineProperty(story, 'comments', COMMENTS);
  Object.defineProperty(story, 'links', LINKS);
  story.technicalNotes = eager.technicalNotes;
  story.sections = eager.sections;
  return story as Story;
}

