/**
 * The three-way plan (docs/sync-record.md "Three-way"): per synced field of every story and
 * subtask the note and the tracker both have, compare the note's value and the tracker's value
 * with the record of their last agreement.
 *   changed only in the note            → push
 *   changed only in the tracker         → pull
 *   changed on both, to different values → conflict
 *   both now agree (whoever changed)    → nothing (the record catches up)
 *   no record of the field              → push when they differ, flagged `noRecord` (a first sync
 *                                         pushes the note as before the record existed)
 * Besides, remote stories and subtasks the note lacks are offered for the note ("add to note"),
 * issues the record knows that are gone from the epic are reported as vanished, and issues the
 * user deleted from the note are reported (never deleted in the tracker). Pure: no request, no
 * clock; what a remote value means comes from the adapter's `TrackerReading`.
 */
import type { Priority, Status, Story, Subtask } from '../../model/types';
import type { RemoteEpic, RemoteIssue, RemoteStory } from '../tracker';
import type { TrackerReading } from './reading';
import type { AgreedField, FieldValue, RecordEntry, SyncField, SyncRecord } from './types';

/** What to do with one field. */
export type Decision = 'push' | 'pull' | 'conflict' | 'nothing';

/** Which side moved since the record; null without a record of the field. */
export type ChangedSide = 'note' | 'tracker' | 'both' | 'none' | null;

/** The plan for one field of one story or subtask. */
export interface FieldDecision {
  /** Stable within a plan: `US-001:status`, `US-001#2:story_points`. */
  readonly id: string;
  readonly storyId: string;
  /** The subtask number, or null for a story field. */
  readonly subtask: number | null;
  readonly issueKey: string;
  readonly field: SyncField;
  readonly decision: Decision;
  /** True when the record holds nothing for this field (the push is "as on a first sync"). */
  readonly noRecord: boolean;
  readonly changed: ChangedSide;
  /** The note's value, in the JSON result's vocabulary (`done`, `5`, `critical`, a title, `h:…`, labels). */
  readonly note: FieldValue;
  /** The tracker's value in the same vocabulary (a status name read as a note status, …); null when it reads as none. */
  readonly tracker: FieldValue;
  /** The tracker's own spelling (`Done`, `Highest`, …): what the record keeps. */
  readonly trackerRaw: FieldValue;
  /** The values last agreed, or null without a record of the field. */
  readonly recorded: AgreedField | null;
}

/** A remote issue the note does not have and never had: offered to be added to the note. */
export interface RemoteAddition {
  readonly kind: 'story' | 'subtask';
  readonly key: string;
  /** The story the subtask belongs to (note id); null for a story. */
  readonly storyId: string | null;
  readonly summary: string;
  readonly status: Status;
  /** The remote status name, as Jira shows it. */
  readonly statusName: string;
  readonly storyPoints: number | null;
  readonly priority: Priority | null;
  readonly labels: readonly string[];
  /** A new story's subtasks (empty for a subtask). */
  readonly subtasks: readonly RemoteAddition[];
}

/** An issue the plan reports but never acts on. */
export interface ReportedIssue {
  readonly key: string;
  /** The note story id it belongs to, when known. */
  readonly storyId: string | null;
  readonly subtask: number | null;
  /** `vanished`: no longer under the epic (moved or deleted); `removed_from_note`: still in the tracker, gone from the note. */
  readonly reason: 'vanished' | 'removed_from_note';
}

/** The three-way plan. */
export interface ThreeWayPlan {
  /** Fields that changed on a side, or have no record yet; in note order, fields in record order. */
  readonly fields: readonly FieldDecision[];
  readonly additions: readonly RemoteAddition[];
  readonly reported: readonly ReportedIssue[];
  /** True when there was no usable record at all (first sync, or a note that came from elsewhere). */
  readonly noRecord: boolean;
}

/** Everything the three-way plan reads. */
export interface ThreeWayInput {
  readonly epic: { readonly stories: readonly Story[] };
  readonly remote: Pick<RemoteEpic, 'stories' | 'storyPointsField'>;
  /** The record, or null when there is none (or it was of no use: another epic, damaged). */
  readonly record: SyncRecord | null;
  readonly reading: TrackerReading;
}

/** One field's values on both sides, before the record is consulted. */
interface Sides {
  readonly field: SyncField;
  readonly note: FieldValue;
  readonly tracker: FieldValue;
  readonly trackerRaw: FieldValue;
  /** The two sides mean the same now. */
  readonly agree: boolean;
  /**
   * Without a record: true when the push of today would write (default: the note says something
   * and the sides differ; labels: the note has a label the tracker lacks, as labels only grow).
   */
  readonly firstPush?: boolean;
  /** The note value equals the recorded note value. */
  sameNote(recorded: FieldValue): boolean;
  /** The tracker's raw value equals the recorded tracker value. */
  sameTracker(recorded: FieldValue): boolean;
}

/** Compares the note, the tracker and the record; see the file comment. */
export function planThreeWay(input: ThreeWayInput): ThreeWayPlan {
  const { epic, remote, record, reading } = input;
  const byKey = new Map<string, RecordEntry>((record?.entries ?? []).map((entry) => [entry.key.toUpperCase(), entry]));
  const recorded = (key: string): RecordEntry | undefined => byKey.get(key.toUpperCase());
  const pointsSynced = remote.storyPointsField !== null;
  const fields: FieldDecision[] = [];
  const additions: RemoteAddition[] = [];
  const reported: ReportedIssue[] = [];
  const seen = new Set<string>();
  for (const story of remote.stories) {
    seen.add(story.key.toUpperCase());
    for (const subtask of story.subtasks) seen.add(subtask.key.toUpperCase());
  }

  const stories = reading.matchStories(epic.stories, remote.stories);
  for (const match of stories.matches) {
    const story = match.item;
    const remoteStory = match.remote;
    if (remoteStory === null) continue;
    const entry = recorded(remoteStory.key);
    for (const sides of storySides(story, remoteStory, reading, pointsSynced)) {
      const decision = decide(sides, entry?.fields[sides.field]);
      if (decision !== null) fields.push({ ...decision, id: `${story.id}:${sides.field}`, storyId: story.id, subtask: null, issueKey: remoteStory.key });
    }
    const subtasks = reading.matchSubtasks(story.id, story.subtasks, remoteStory.subtasks);
    for (const subMatch of subtasks.matches) {
      if (subMatch.remote === null) continue;
      const subEntry = recorded(subMatch.remote.key);
      for (const sides of subtaskSides(subMatch.item, subMatch.remote, reading, pointsSynced)) {
        const decision = decide(sides, subEntry?.fields[sides.field]);
        if (decision !== null) fields.push({ ...decision, id: `${story.id}#${subMatch.item.number}:${sides.field}`, storyId: story.id, subtask: subMatch.item.number, issueKey: subMatch.remote.key });
      }
    }
    for (const issue of subtasks.unmatched) {
      const known = recorded(issue.key);
      if (known !== undefined) reported.push({ key: issue.key, storyId: known.story, subtask: known.subtask, reason: 'removed_from_note' });
      else additions.push(addition('subtask', issue, story.id, reading));
    }
  }
  for (const issue of stories.unmatched) {
    const known = recorded(issue.key);
    if (known !== undefined) {
      reported.push({ key: issue.key, storyId: known.story, subtask: null, reason: 'removed_from_note' });
      continue;
    }
    // Subtasks the record knows stay reported as the user's deletions, not offered again.
    const fresh = issue.subtasks.filter((subtask) => recorded(subtask.key) === undefined);
    additions.push({ ...addition('story', issue, null, reading), subtasks: fresh.map((subtask) => addition('subtask', subtask, null, reading)) });
  }
  for (const entry of record?.entries ?? []) {
    if (!seen.has(entry.key.toUpperCase())) reported.push({ key: entry.key, storyId: entry.story, subtask: entry.subtask, reason: 'vanished' });
  }
  return { fields, additions, reported, noRecord: record === null };
}

/** The decision for one field, or null when neither side moved since the record. */
function decide(sides: Sides, recorded: AgreedField | undefined): Omit<FieldDecision, 'id' | 'storyId' | 'subtask' | 'issueKey'> | null {
  const base = { field: sides.field, note: sides.note, tracker: sides.tracker, trackerRaw: sides.trackerRaw };
  if (recorded === undefined) {
    // As before the record: the note is pushed where it says something and differs.
    const push = sides.firstPush ?? (!sides.agree && sides.note !== null);
    const decision: Decision = push ? 'push' : 'nothing';
    return { ...base, decision, noRecord: true, changed: null, recorded: null };
  }
  const noteMoved = !sides.sameNote(recorded.note);
  const trackerMoved = !sides.sameTracker(recorded.tracker);
  if (!noteMoved && !trackerMoved) return null;
  const changed: ChangedSide = noteMoved && trackerMoved ? 'both' : noteMoved ? 'note' : 'tracker';
  const decision: Decision = sides.agree ? 'nothing' : changed === 'both' ? 'conflict' : changed === 'note' ? 'push' : 'pull';
  return { ...base, decision, noRecord: false, changed, recorded };
}

function sameText(a: FieldValue, b: FieldValue): boolean {
  return typeof a === 'string' && typeof b === 'string' ? a.trim() === b.trim() : a === b;
}

function sameName(a: FieldValue, b: FieldValue): boolean {
  return typeof a === 'string' && typeof b === 'string' ? a.trim().toLowerCase() === b.trim().toLowerCase() : a === b;
}

function sameList(a: FieldValue, b: FieldValue): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return a === b;
  const left = [...(a as readonly string[])].sort();
  const right = [...(b as readonly string[])].sort();
  return left.length === right.length && left.every((label, index) => label === right[index]);
}

function statusSides(note: Status, remote: RemoteIssue, reading: TrackerReading): Sides {
  return {
    field: 'status',
    note,
    tracker: reading.noteStatusOf(remote.status, note),
    trackerRaw: remote.status.name,
    agree: reading.statusAgrees(note, remote.status),
    sameNote: (recorded) => recorded === note,
    sameTracker: (recorded) => sameName(remote.status.name, recorded),
  };
}

function pointsSides(note: number | null, remote: RemoteIssue): Sides {
  return {
    field: 'story_points',
    note,
    tracker: remote.storyPoints,
    trackerRaw: remote.storyPoints,
    agree: note === remote.storyPoints,
    sameNote: (recorded) => recorded === note,
    sameTracker: (recorded) => recorded === remote.storyPoints,
  };
}

function titleSides(field: 'title' | 'name', note: string, remote: RemoteIssue): Sides {
  const value = note.trim() === '' ? null : note;
  return {
    field,
    note: value,
    tracker: remote.summary,
    trackerRaw: remote.summary,
    agree: value !== null && value.trim() === remote.summary.trim(),
    sameNote: (recorded) => sameText(value, recorded),
    sameTracker: (recorded) => sameText(remote.summary, recorded),
  };
}

function storySides(story: Story, remote: RemoteStory, reading: TrackerReading, pointsSynced: boolean): Sides[] {
  const noteDescription = reading.noteDescriptionHash(story);
  const trackerDescription = reading.trackerDescriptionHash(remote.description);
  const noteLabels = reading.noteLabels(story);
  const trackerLabels = reading.trackerLabels(remote.labels);
  const sides: Sides[] = [statusSides(story.status, remote, reading)];
  if (pointsSynced) sides.push(pointsSides(story.storyPoints, remote));
  sides.push(
    {
      field: 'priority',
      note: story.priority,
      tracker: remote.priority === null ? null : reading.notePriorityOf(remote.priority),
      trackerRaw: remote.priority,
      agree: story.priority === null ? remote.priority === null : reading.priorityAgrees(story.priority, remote.priority),
      sameNote: (recorded) => recorded === story.priority,
      sameTracker: (recorded) => sameName(remote.priority, recorded),
    },
    titleSides('title', story.title, remote),
    {
      field: 'description',
      note: noteDescription,
      tracker: trackerDescription,
      trackerRaw: trackerDescription,
      agree: noteDescription === trackerDescription,
      sameNote: (recorded) => recorded === noteDescription,
      sameTracker: (recorded) => recorded === trackerDescription,
    },
    {
      field: 'labels',
      note: noteLabels,
      tracker: trackerLabels,
      trackerRaw: trackerLabels,
      agree: sameList(noteLabels, trackerLabels),
      firstPush: noteLabels.some((label) => !trackerLabels.includes(label)),
      sameNote: (recorded) => sameList(noteLabels, recorded),
      sameTracker: (recorded) => sameList(trackerLabels, recorded),
    },
  );
  return sides;
}

function subtaskSides(subtask: Subtask, remote: RemoteIssue, reading: TrackerReading, pointsSynced: boolean): Sides[] {
  const sides: Sides[] = [statusSides(subtask.status, remote, reading)];
  if (pointsSynced) sides.push(pointsSides(subtask.storyPoints, remote));
  sides.push(titleSides('name', subtask.name, remote));
  return sides;
}

function addition(kind: 'story' | 'subtask', issue: RemoteIssue, storyId: string | null, reading: TrackerReading): RemoteAddition {
  return {
    kind,
    key: issue.key,
    storyId,
    summary: issue.summary,
    status: reading.noteStatusOf(issue.status, null),
    statusName: issue.status.name,
    storyPoints: issue.storyPoints,
    priority: issue.priority === null ? null : reading.notePriorityOf(issue.priority),
    labels: reading.trackerLabels(issue.labels),
    subtasks: [],
  };
}

/** The agreed values a field will have once `decision` is carried out (push or pull), or now (nothing). Null for a conflict. */
export function agreedAfter(decision: FieldDecision): AgreedField | null {
  if (decision.decision === 'conflict') return null;
  if (decision.decision === 'pull') return { note: decision.tracker, tracker: decision.trackerRaw };
  if (decision.decision === 'nothing') return { note: decision.note, tracker: decision.trackerRaw };
  // A push writes the note's value; the tracker's own spelling of it is known only once written
  // (a status name is the transition's target): the caller records what the tracker answered.
  return null;
}

/**
 * True when the note holds exactly what the record says it held at the last sync: every story
 * and subtask is a recorded one (same key, same story id and number; nothing added or removed)
 * and every synced field equals its recorded note value, compared as the plan compares it
 * (`sameNote` of `storySides`/`subtaskSides`). Then nothing is to be pushed, and a tracker that
 * proves it did not change either (`Tracker.unchangedSince`) makes the plan empty without a read.
 * Any doubt (a field never recorded, a key missing, an entry nothing matches) answers false.
 */
export function noteUnchangedSince(epic: { readonly stories: readonly Story[] }, record: SyncRecord, reading: TrackerReading): boolean {
  const byKey = new Map<string, RecordEntry>();
  for (const entry of record.entries) byKey.set(entry.key.toUpperCase(), entry);
  if (byKey.size !== record.entries.length) return false;
  const used = new Set<RecordEntry>();
  // A field the note leaves empty and the record never agreed (points on a site without them) is no change.
  const same = (entry: RecordEntry, field: SyncField, value: FieldValue, equal: (a: FieldValue, b: FieldValue) => boolean): boolean => {
    const recorded = entry.fields[field];
    return recorded === undefined ? field === 'story_points' && value === null : equal(value, recorded.note);
  };
  const exact = (a: FieldValue, b: FieldValue): boolean => a === b;
  for (const story of epic.stories) {
    const entry = story.issueKey === null ? undefined : byKey.get(story.issueKey.toUpperCase());
    if (entry === undefined || used.has(entry) || entry.subtask !== null || entry.story !== story.id.toUpperCase()) return false;
    used.add(entry);
    const title = story.title.trim() === '' ? null : story.title;
    const unchanged = same(entry, 'status', story.status, exact)
      && same(entry, 'story_points', story.storyPoints, exact)
      && same(entry, 'priority', story.priority, exact)
      && same(entry, 'title', title, sameText)
      && same(entry, 'description', reading.noteDescriptionHash(story), exact)
      && same(entry, 'labels', reading.noteLabels(story), sameList);
    if (!unchanged) return false;
    for (const subtask of story.subtasks) {
      const subEntry = record.entries.find((candidate) => candidate.story === entry.story && candidate.subtask === subtask.number);
      if (subEntry === undefined || used.has(subEntry) || (subtask.issueKey !== null && subtask.issueKey.toUpperCase() !== subEntry.key.toUpperCase())) return false;
      const name = subtask.name.trim() === '' ? null : subtask.name;
      used.add(subEntry);
      if (!(same(subEntry, 'status', subtask.status, exact) && same(subEntry, 'story_points', subtask.storyPoints, exact) && same(subEntry, 'name', name, sameText))) return false;
    }
  }
  return used.size === record.entries.length;
}
