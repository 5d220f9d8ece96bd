/**
 * A story built from its sections: the header section (id, title, metadata) and the
 * subsections up to the story's end. Diagnostics about the story are made here, named after it.
 */
import type {
  Diagnostic, MetaField, PriorityValue, SourceRange, StatusValue,
  Story, StorySection, Subtask,
} from './types';
import type { SectionAnalysis, StoryHeaderInfo } from './section';
import { diagnostic, placeDiagnostic } from './diagnostics';
import { invalidPointsText, pointsText, readPoints } from './points';
import { STATUS_WORDS_HINT, matchPriority, matchStatus } from './vocabulary';
import { isOwnIssueLine, issueKeyIn } from './issue-key';
import { listOrNone, NO_ITEMS } from './empty-list';
import { criteriaOf, storySectionOf, withStoryProse } from './prose-section';

/** The longest title a tracker summary takes (Jira's summary field: 255 characters). */
export const MAX_SUMMARY_LENGTH = 255;


/** A built story and the diagnostics that belong to it. */
export interface StoryBuild {
  readonly story: Story;
  readonly diagnostics: readonly Diagnostic[];
  /** The section analyses it was built from and the phase it inherited: reuse it when these are unchanged. */
  readonly sections: readonly SectionAnalysis[];
  readonly inheritedPhase: string | null;
  /** How far its sections had moved from where they were analysed (characters, lines) when this was built. */
  readonly offset: number;
  readonly lines: number;
  /** The first invalid-character range in its sections, where they stood when this was built or moved. */
  readonly junk: SourceRange | null;
}

/** The first field of each key (format.md: first one wins). */
function firstOf(fields: readonly MetaField[], key: MetaField['key']): MetaField | null {
  for (const field of fields) if (field.key === key && field.value !== '') return field;
  return null;
}

function statusOf(field: MetaField | null): StatusValue | null {
  if (field === null) return null;
  const match = matchStatus(field.value);
  return { value: match.status, raw: field.value, known: match.known, range: field.valueRange };
}

function priorityOf(field: MetaField | null): PriorityValue | null {
  if (field === null) return null;
  const match = matchPriority(field.value);
  return { value: match.priority, raw: field.value, known: match.known, range: field.valueRange };
}

/** A plain value of a field: emphasis markers removed, or null when empty. */
function textOf(field: MetaField | null): string | null {
  if (field === null) return null;
  const value = field.value.replace(/\*\*|__/g, '').trim();
  return value === '' ? null : value;
}

/** The status and priority of an Epic Summary or story metadata, as read. */
export function readStatusAndPriority(fields: readonly MetaField[]): { status: StatusValue | null; priority: PriorityValue | null } {
  return { status: statusOf(firstOf(fields, 'status')), priority: priorityOf(firstOf(fields, 'priority')) };
}

/**
 * Builds the story headed by `sections[0]`.
 * @param inheritedPhase the name of the nearest phase heading above, or null
 */
export function buildStory(header: StoryHeaderInfo, sections: readonly SectionAnalysis[], inheritedPhase: string | null): Pick<StoryBuild, 'story' | 'diagnostics'> {
  const head = sections[0];
  if (head === undefined) throw new RangeError('a story needs its header section');
  const id = header.id;
  const diagnostics: Diagnostic[] = [];
  const headerRange = head.headingRange ?? head.range;
  const last = sections[sections.length - 1] ?? head;
  const range = { from: head.range.from, to: last.contentRange.to, line: head.range.line, endLine: last.contentRange.endLine };

  if (header.title === '') {
    diagnostics.push(diagnostic('error', 'story-without-title', `The story header has no title; write "${header.rawId}: Title".`, headerRange, id));
  }
  if (header.lowerCase) {
    const how = /[A-Z]/.test(header.rawId) ? 'has lower-case letters' : 'is lower case';
    diagnostics.push(diagnostic('warning', 'lowercase-story-id', `The story id "${header.rawId}" ${how}; it is read as ${id}. Write it in capitals.`, header.idRange, id));
  }
  if (header.title.length > MAX_SUMMARY_LENGTH) {
    diagnostics.push(diagnostic('error', 'title-too-long', `The title is ${header.title.length} characters; Jira's summary holds at most ${MAX_SUMMARY_LENGTH}, so the sync would fail. Shorten it and put the rest in the Description.`, headerRange, id));
  }

  const fields = head.fields;
  const pointsField = fields.find((field) => field.key === 'story_points') ?? null;
  let storyPoints: number | null = null;
  if (pointsField === null) {
    diagnostics.push(diagnostic('warning', 'missing-points', 'The story has no story points; add "| **Story Points** | N |" (or TBD when not estimated).', headerRange, id));
  } else {
    const reading = readPoints(pointsField.value);
    if (reading.kind === 'number') storyPoints = reading.value;
    else if (reading.kind === 'unestimated') {
      diagnostics.push(diagnostic('info', 'unestimated', 'The story is not estimated yet; it counts 0 points.', pointsField.valueRange, id));
    } else {
      diagnostics.push(diagnostic('warning', 'invalid-points', `The story points ${invalidPointsText(pointsField.value, reading.reason)}`, pointsField.valueRange, id));
    }
  }

  const { status: statusField, priority: priorityField } = readStatusAndPriority(fields);
  if (statusField !== null && !statusField.known) {
    diagnostics.push(diagnostic('warning', 'unknown-status', `The status "${statusField.raw}" is not one we know (the whole value must be one status); it counts as planned, not done. Write one of ${STATUS_WORDS_HINT}.`, statusField.range, id));
  }
  if (priorityField !== null && !priorityField.known) {
    diagnostics.push(diagnostic('warning', 'unknown-priority', `The priority "${priorityField.raw}" is not one we know; it reads as medium. Use Critical, High, Medium or Low.`, priorityField.range, id));
  }

  const issueText = textOf(firstOf(fields, 'issue'));
  // A line naming another tracker (`> **Linear:** [TEAM-4](…)`) is that tracker's issue, not ours.
  const line = head.issueLine;
  const lineKey = line !== null && isOwnIssueLine(line) ? line.key : null;
  const issueKey = issueText === null ? lineKey : (issueKeyIn(issueText) ?? issueText);
  const labelsText = textOf(firstOf(fields, 'labels'));

  let subtasks: readonly Subtask[] = NO_ITEMS;
  let subtaskTable = null;
  let subtasksFound = false;
  let technicalNotes: string | null = null;
  const storySections: StorySection[] = [];
  // The header section's own problems (an unsafe issue link, parser bounds) belong to the story too.
  for (const local of head.diagnostics) diagnostics.push(placeDiagnostic(local, id));
  for (let i = 1; i < sections.length; i += 1) {
    const section = sections[i];
    if (section === undefined) continue;
    storySections.push(storySectionOf(section));
    if (section.kind === 'subtasks' && section.subtasks !== null && !subtasksFound) {
      subtasksFound = true;
      subtasks = section.subtasks.subtasks;
      subtaskTable = section.subtasks.table;
    } else if (section.kind === 'technical_notes') technicalNotes ??= section.markdown;
    for (const local of section.diagnostics) diagnostics.push(placeDiagnostic(local, id));
  }

  // A status emoji after the title (`# PROJ-1: Title ✅`) counts only when no Status field is written.
  const status = statusField?.value ?? (header.trailingEmoji === null ? null : matchStatus(header.trailingEmoji).status) ?? 'planned';
  if (storyPoints !== null) {
    const subtaskPoints = subtasks.reduce((sum, subtask) => sum + (subtask.storyPoints ?? 0), 0);
    if (subtaskPoints > storyPoints) {
      const where = subtaskTable?.range ?? subtasks[0]?.range ?? headerRange;
      diagnostics.push(diagnostic('warning', 'subtask-points-exceed-story', `The subtasks add up to ${pointsText(subtaskPoints)} points, more than the story's ${pointsText(storyPoints)}.`, where, id));
    }
  }
  if (status === 'done') {
    const where = statusField?.range ?? headerRange;
    // Only a done story's criteria are read while it is built; others' when asked for.
    const open = criteriaOf(sections).filter((criterion) => !criterion.done).length;
    if (open > 0) {
      diagnostics.push(diagnostic('warning', 'done-with-open-criteria', `The story is done but ${open} acceptance ${open === 1 ? 'criterion is' : 'criteria are'} unchecked.`, where, id));
    }
    // A row without a status (no Status column, or an empty cell) says nothing against "done".
    const unfinished = subtasks.filter((subtask) => (subtask.form === 'tasklist' || subtask.statusField !== null) && subtask.status !== 'done' && subtask.status !== 'cancelled').length;
    if (unfinished > 0) {
      diagnostics.push(diagnostic('warning', 'done-with-open-subtasks', `The story is done but ${unfinished} ${unfinished === 1 ? 'subtask is' : 'subtasks are'} not done.`, where, id));
    }
  }

  // The prose (description, criteria, commits, comments, links) is read when first asked for: see prose-section.ts.
  const story = withStoryProse({
    id,
    title: header.title,
    type: header.type,
    level: head.level,
    headerRange,
    idRange: header.idRange,
    range,
    phase: textOf(firstOf(fields, 'phase')) ?? inheritedPhase,
    status,
    statusField,
    priority: priorityField?.value ?? null,
    priorityField,
    storyPoints,
    pointsField,
    assignee: textOf(firstOf(fields, 'assignee')),
    labels: labelsText === null ? NO_ITEMS : listOrNone(labelsText.split(',').map((label) => label.trim()).filter((label) => label !== '')),
    sprint: textOf(firstOf(fields, 'sprint')),
    issueKey,
    issueLine: head.issueLine,
    fields,
    subtasks,
    subtaskTable,
    technicalNotes,
    sections: storySections,
  }, sections.slice(1));
  return { story, diagnostics: listOrNone(diagnostics) };
}
