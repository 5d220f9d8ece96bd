/**
 * A story that an edit above it moved, without copying it. Typing one character moves every story
 * after it; re-creating their ranges eagerly (about a hundred small objects per seed-style story)
 * made an incremental re-parse linear in the stories below the cursor. A moved story copies its
 * plain values and shifts each range-bearing part on first read, once: a consumer that reads the
 * ranges of a few visible stories pays for those few.
 *
 * It reads exactly like the story a fresh parse builds (same values, same ranges, the points field
 * is one of `fields`), and `JSON.stringify` gives the same JSON. It is not a plain object: compare
 * stories by their JSON, not with a structural `toEqual` on the instance.
 */
import type {
  AcceptanceCriterion, Comment, Commit, Description, IssueLine, Link, MetaField, Priority, PriorityValue,
  SourceRange, Status, StatusValue, Story, StorySection, Subtask, SubtaskTable,
} from './types';
import {
  shiftComment, shiftCommit, shiftCriterion, shiftDescription, shiftField, shiftIssueLine, shiftLink,
  shiftPriorityValue, shiftStatusValue, shiftStorySection, shiftSubtask, shiftSubtaskTable,
} from './shift';
import { shiftRange } from './source-range';

/**
 * The parts of a moved story shifted so far (absent: not read yet; a shifted part may be null).
 * One object made on the first read, not a slot each in every moved story: most moved stories are
 * never read before the next edit moves them again.
 */
interface Shifted {
  headerRange?: SourceRange;
  idRange?: SourceRange;
  range?: SourceRange;
  statusField?: StatusValue | null;
  priorityField?: PriorityValue | null;
  issueLine?: IssueLine | null;
  fields?: readonly MetaField[];
  description?: Description | null;
  acceptanceCriteria?: readonly AcceptanceCriterion[];
  subtasks?: readonly Subtask[];
  subtaskTable?: SubtaskTable | null;
  commits?: readonly Commit[];
  comments?: readonly Comment[];
  links?: readonly Link[];
  sections?: readonly StorySection[];
}

class MovedStory implements Story {
  readonly id: string;
  readonly title: string;
  readonly type: string | null;
  readonly level: number;
  readonly phase: string | null;
  readonly status: Status;
  readonly priority: Priority | null;
  readonly storyPoints: number | null;
  readonly assignee: string | null;
  readonly labels: readonly string[];
  readonly sprint: string | null;
  readonly issueKey: string | null;
  readonly technicalNotes: string | null;

  /** The story as built (never itself a moved story) and how far it has moved since. */
  readonly #base: Story;
  readonly #offset: number;
  readonly #lines: number;

  #shifted: Shifted | null = null;

  constructor(base: Story, offset: number, lines: number) {
    this.id = base.id;
    this.title = base.title;
    this.type = base.type;
    this.level = base.level;
    this.phase = base.phase;
    this.status = base.status;
    this.priority = base.priority;
    this.storyPoints = base.storyPoints;
    this.assignee = base.assignee;
    this.labels = base.labels;
    this.sprint = base.sprint;
    this.issueKey = base.issueKey;
    this.technicalNotes = base.technicalNotes;
    this.#base = base;
    this.#offset = offset;
    this.#lines = lines;
  }

  /** The story as built (the story itself when it is not a moved one). */
  static baseOf(story: Story): Story {
    return story instanceof MovedStory ? story.#base : story;
  }

  /** How far the story has moved since it was built, in characters. */
  static offsetOf(story: Story): number {
    return story instanceof MovedStory ? story.#offset : 0;
  }

  /** Where the story starts, without shifting (and keeping) its range. */
  static startOf(story: Story): number {
    return story instanceof MovedStory ? story.#base.range.from + story.#offset : story.range.from;
  }

  /** The parts shifted so far (made on the first read). */
  #memo(): Shifted {
    this.#shifted ??= {};
    return this.#shifted;
  }

  /** The same story moved `offset` characters and `lines` lines further. */
  movedBy(offset: number, lines: number): Story {
    return new MovedStory(this.#base, this.#offset + offset, this.#lines + lines);
  }

  get headerRange(): SourceRange {
    const shifted = this.#memo();
    return shifted.headerRange ??= shiftRange(this.#base.headerRange, this.#offset, this.#lines);
  }

  get idRange(): SourceRange {
    const shifted = this.#memo();
    return shifted.idRange ??= shiftRange(this.#base.idRange, this.#offset, this.#lines);
  }

  get range(): SourceRange {
    const shifted = this.#memo();
    return shifted.range ??= shiftRange(this.#base.range, this.#offset, this.#lines);
  }

  get statusField(): StatusValue | null {
    const shifted = this.#memo();
    return shifted.statusField ??= shiftStatusValue(this.#base.statusField, this.#offset, this.#lines);
  }

  get priorityField(): PriorityValue | null {
    const shifted = this.#memo();
    return shifted.priorityField ??= shiftPriorityValue(this.#base.priorityField, this.#offset, this.#lines);
  }

  get pointsField(): MetaField | null {
    const base = this.#base.pointsField;
    if (base === null) return null;
    // One of `fields`, as in a built story.
    return this.fields[this.#base.fields.indexOf(base)] ?? shiftField(base, this.#offset, this.#lines);
  }

  get issueLine(): IssueLine | null {
    const shifted = this.#memo();
    return shifted.issueLine ??= shiftIssueLine(this.#base.issueLine, this.#offset, this.#lines);
  }

  get fields(): readonly MetaField[] {
    const shifted = this.#memo();
    return shifted.fields ??= this.#base.fields.map((f) => shiftField(f, this.#offset, this.#lines));
  }

  get description(): Description | null {
    const shifted = this.#memo();
    return shifted.description ??= shiftDescription(this.#base.description, this.#offset, this.#lines);
  }

  get acceptanceCriteria(): readonly AcceptanceCriterion[] {
    const shifted = this.#memo();
    return shifted.acceptanceCriteria ??= this.#base.acceptanceCriteria.map((c) => shiftCriterion(c, this.#offset, this.#lines));
  }

  get subtasks(): readonly Subtask[] {
    const shifted = this.#memo();
    return shifted.subtasks ??= this.#base.subtasks.map((t) => shiftSubtask(t, this.#offset, this.#lines));
  }

  get subtaskTable(): SubtaskTable | null {
    const shifted = this.#memo();
    return shifted.subtaskTable ??= shiftSubtaskTable(this.#base.subtaskTable, this.#offset, this.#lines);
  }

  get commits(): readonly Commit[] {
    const shifted = this.#memo();
    return shifted.commits ??= this.#base.commits.map((c) => shiftCommit(c, this.#offset, this.#lines));
  }

  get comments(): readonly Comment[] {
    const shifted = this.#memo();
    return shifted.comments ??= this.#base.comments.map((c) => shiftComment(c, this.#offset, this.#lines));
  }

  get links(): readonly Link[] {
    const shifted = this.#memo();
    return shifted.links ??= this.#base.links.map((k) => shiftLink(k, this.#offset, this.#lines));
  }

  get sections(): readonly StorySection[] {
    const shifted = this.#memo();
    return shifted.sections ??= this.#base.sections.map((s) => shiftStorySection(s, this.#offset, this.#lines));
  }

  /** The plain story, keys in the order a built story has them: what `JSON.stringify` writes. */
  toJSON(): Story {
    return {
      id: this.id,
      title: this.title,
      type: this.type,
      level: this.level,
      headerRange: this.headerRange,
      idRange: this.idRange,
      range: this.range,
      phase: this.phase,
      status: this.status,
      statusField: this.statusField,
      priority: this.priority,
      priorityField: this.priorityField,
      storyPoints: this.storyPoints,
      pointsField: this.pointsField,
      assignee: this.assignee,
      labels: this.labels,
      sprint: this.sprint,
      issueKey: this.issueKey,
      issueLine: this.issueLine,
      fields: this.fields,
      description: this.description,
      acceptanceCriteria: this.acceptanceCriteria,
      subtasks: this.subtasks,
      subtaskTable: this.subtaskTable,
      commits: this.commits,
      comments: this.comments,
      links: this.links,
      technicalNotes: this.technicalNotes,
      sections: this.sections,
    };
  }
}

/**
 * How many characters `later` stands after `earlier` when it is the same built story moved (by an
 * edit above it) or the same object (0); NaN when they are not the same story. O(1), reads no range:
 * the editor compares the stories after an edit with it, without shifting their ranges.
 */
export function storyMoveBetween(earlier: Story, later: Story): number {
  if (earlier === later) return 0;
  return MovedStory.baseOf(earlier) === MovedStory.baseOf(later) ? MovedStory.offsetOf(later) - MovedStory.offsetOf(earlier) : NaN;
}

/** Where a story starts (`story.range.from`), without shifting the ranges of a moved story. O(1). */
export function storyStart(story: Story): number {
  return MovedStory.startOf(story);
}

/**
 * A story moved by `offset` characters and `lines` lines (the same object when both are 0). O(1):
 * the ranges are shifted when first read.
 */
export function shiftStory(story: Story, offset: number, lines: number): Story {
  if (offset === 0 && lines === 0) return story;
  if (story instanceof MovedStory) return story.movedBy(offset, lines);
  return new MovedStory(story, offset, lines);
}

/**
 * `story` with `changes`, as a plain object. A spread (`{ ...story }`) is not enough: a moved
 * story keeps its ranges and prose behind getters of its class, which a spread drops.
 */
export function storyWith(story: Story, changes: Partial<Story>): Story {
  return { ...(story instanceof MovedStory ? story.toJSON() : story), ...changes };
}
