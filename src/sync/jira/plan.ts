/**
 * Planning: compare the note with the remote epic and list only real differences, as operations
 * `execute` carries out unchanged. Pure: no request, no clock.
 */
import type { Epic, Priority, Status, Story, Subtask } from '../../model/types';
import { planScope, type FieldChange, type KeyAssignment, type OperationAction, type PlannedOperation, type PlanOptions, type RemoteIssue, type RemoteStatus, type RemoteStory, type SyncPlan, type UnmatchedRemote } from '../tracker';
import { adfToPlainText, sameAdf } from './adf-normalise';
import { markdownToAdf } from './adf';
import type { AdfDoc, AdfNode } from './adf-types';
import { DEFAULT_PRIORITY_MAPPING, type JiraConfig } from './config';
import { commentBody, commitBody, storyDescription, subtaskDescription } from './description';
import { matchStories, matchSubtasks, normaliseTitle, storyLabel, subtaskLabel } from './match';
import { categoryOf, statusMatches } from './status';
import { adfToWiki, normaliseWiki } from './wiki';
import { hasKeyPlace } from '../writeback';

/** The Jira payload of one planned operation (opaque to callers of the tracker interface). */
export type JiraRequest =
  | {
    readonly kind: 'create';
    readonly level: 'story' | 'subtask';
    readonly label: string;
    readonly fields: Readonly<Record<string, unknown>>;
    /** The parent's key: the epic for stories; the story for subtasks (null while the story is created in the same run). */
    readonly parentKey: string | null;
  }
  | { readonly kind: 'update'; readonly fields: Readonly<Record<string, unknown>> }
  | {
    readonly kind: 'transition';
    readonly target: Status;
    /** The remote status now; null for an issue created in the same run. */
    readonly current: RemoteStatus | null;
    /** The remote issue type name; null for an issue created in the same run. */
    readonly issueType: string | null;
  }
  | { readonly kind: 'comment'; readonly body: unknown; readonly fingerprint: string };

/** A planned Jira operation whose payload is of `kind`. */
export type JiraOperation<Kind extends JiraRequest['kind'] = JiraRequest['kind']> = PlannedOperation<Extract<JiraRequest, { kind: Kind }>>;

/** True when `operation`'s payload is of `kind` (narrows its type). */
export function isJiraOperation<Kind extends JiraRequest['kind']>(operation: PlannedOperation<JiraRequest>, kind: Kind): operation is JiraOperation<Kind> {
  return operation.request.kind === kind;
}

/** Everything planning reads. */
export interface PlanInput {
  readonly epic: Epic;
  readonly remote: { readonly key: string; readonly stories: readonly RemoteStory[]; readonly storyPointsField: string | null };
  readonly options: PlanOptions;
  readonly config: JiraConfig;
}

const DISPLAY_LIMIT = 300;

/** Compares note and remote and lists the operations that make the remote match the note. */
export function planSync(input: PlanInput): SyncPlan<JiraRequest> {
  const { epic, remote, options, config } = input;
  const { descriptions: doDescriptions, subtasks: doSubtasks, statuses: doStatuses, comments: doComments, wanted } = planScope(options);
  const mapping = config.statusMapping ?? {};
  // Without a record every differing field is written; with one, only the fields decided `push`.
  const writable = options.writable ?? ((): boolean => true);
  const pointsField = remote.storyPointsField;
  const operations: PlannedOperation<JiraRequest>[] = [];
  const discoveredKeys: KeyAssignment[] = [];
  const unmatched: UnmatchedRemote[] = [];
  const warnings: string[] = [];
  const notInTracker: string[] = [];
  const text = (doc: AdfDoc | null): unknown => (doc === null ? null : config.flavor === 'cloud' ? doc : adfToWiki(doc));
  const same = (a: unknown, b: unknown): boolean => (config.flavor === 'cloud' ? sameAdf(a, b) : normaliseWiki(a) === normaliseWiki(b));
  const whole = (value: unknown): string | null => {
    if (value === null || value === undefined) return null;
    return typeof value === 'string' ? value : adfToPlainText(value);
  };
  const display = (value: unknown): string | null => {
    const plain = whole(value);
    return plain !== null && plain.length > DISPLAY_LIMIT ? `${plain.slice(0, DISPLAY_LIMIT)}…` : plain;
  };

  const { matches, unmatched: unmatchedStories } = matchStories(epic.stories, remote.stories);
  for (const story of unmatchedStories) unmatched.push({ key: story.key, summary: story.summary, parentKey: remote.key });

  for (const match of matches) {
    const story = match.item;
    if (wanted && !wanted.has(story.id.toUpperCase())) continue;
    if (match.keyNotFound) {
      warnings.push(`${story.id}: the issue ${story.issueKey ?? ''} named in the note is not under the epic ${remote.key}; nothing is done for this story.`);
      continue;
    }
    const remoteStory = match.remote;
    const push = (action: OperationAction, subtask: Subtask | null, issueKey: string | null, changes: FieldChange[], request: JiraRequest, suffix = ''): void => {
      const id = `${action}:${story.id}${subtask ? `#${subtask.number}` : ''}${suffix}`;
      const base = { id, action, storyId: story.id, subtaskNumber: subtask?.number ?? null, issueKey, summary: subtask ? subtask.name : story.title, changes, request };
      operations.push(request.kind === 'transition' ? { ...base, targetStatus: request.target } : base);
    };

    // The story's own fields.
    const desired = storyFields(story, pointsField, config, text(storyDescription(story)));
    if (remoteStory === null) {
      if (!doDescriptions) {
        notInTracker.push(story.id);
        continue;
      }
      push('create_story', null, null, createChanges(desired, display, whole), { kind: 'create', level: 'story', label: storyLabel(story.id), fields: desired, parentKey: remote.key });
    } else {
      if (match.by !== 'key') discoveredKeys.push({ kind: 'story', storyId: story.id, key: remoteStory.key });
      if (doDescriptions) {
        const { changes, fields } = updateChanges(desired, remoteStory, pointsField, same, display, whole, (field) => writable(story.id, null, field === 'summary' ? 'title' : field));
        if (changes.length > 0) push('update_story', null, remoteStory.key, changes, { kind: 'update', fields });
      }
    }
    if (doStatuses && (remoteStory === null ? categoryOf(story.status) !== 'new' : !statusMatches(story.status, remoteStory.status, mapping) && writable(story.id, null, 'status'))) {
      push('transition_story', null, remoteStory?.key ?? null, [{ field: 'status', before: remoteStory?.status.name ?? null, after: story.status }], { kind: 'transition', target: story.status, current: remoteStory?.status ?? null, issueType: remoteStory?.issueType ?? null });
    }

    // Subtasks: created with the story, or matched under the remote story.
    const subtaskMatches = remoteStory === null
      ? story.subtasks.map((subtask) => ({ item: subtask, remote: null, by: null, keyNotFound: false }))
      : matchSubtasks(story.id, story.subtasks, remoteStory.subtasks).matches;
    if (remoteStory !== null) {
      for (const issue of matchSubtasks(story.id, story.subtasks, remoteStory.subtasks).unmatched) unmatched.push({ key: issue.key, summary: issue.summary, parentKey: remoteStory.key });
    }
    for (const subMatch of subtaskMatches) {
      const subtask = subMatch.item;
      if (subMatch.keyNotFound) {
        warnings.push(`${story.id} subtask ${subtask.number}: the issue ${subtask.issueKey ?? ''} named in the note is not under ${remoteStory?.key ?? 'the story'}; nothing is done for it.`);
        continue;
      }
      const remoteSubtask = subMatch.remote;
      const subFields = subtaskFields(story, subtask, pointsField, text(subtaskDescription(subtask)));
      if (remoteSubtask === null) {
        if (!doSubtasks || (remoteStory === null && !doDescriptions)) continue;
        push('create_subtask', subtask, null, createChanges(subFields, display, whole), { kind: 'create', level: 'subtask', label: subtaskLabel(story.id, subtask.number), fields: subFields, parentKey: remoteStory?.key ?? null });
      } else {
        // Only keys write-back can place: a task-list subtask is found by its label on every run.
        if (subMatch.by !== 'key' && hasKeyPlace(story, subtask)) discoveredKeys.push({ kind: 'subtask', storyId: story.id, number: subtask.number, key: remoteSubtask.key });
        if (doSubtasks) {
          const { changes, fields } = updateChanges(subFields, remoteSubtask, pointsField, same, display, whole, (field) => writable(story.id, subtask.number, field === 'summary' ? 'name' : field));
          if (changes.length > 0) push('update_subtask', subtask, remoteSubtask.key, changes, { kind: 'update', fields });
        }
      }
      const willExist = remoteSubtask !== null || doSubtasks;
      if (doStatuses && willExist && (remoteSubtask === null ? categoryOf(subtask.status) !== 'new' : !statusMatches(subtask.status, remoteSubtask.status, mapping) && writable(story.id, subtask.number, 'status'))) {
        push('transition_subtask', subtask, remoteSubtask?.key ?? null, [{ field: 'status', before: remoteSubtask?.status.name ?? null, after: subtask.status }], { kind: 'transition', target: subtask.status, current: remoteSubtask?.status ?? null, issueType: remoteSubtask?.issueType ?? null });
      }
    }

    // Comments and related commits, each posted once (recognised by content on later runs).
    if (doComments && (remoteStory !== null || doDescriptions)) {
      const posted = (remoteStory?.comments ?? []).map((comment) => comment.text);
      const comments = [
        ...story.comments.map((comment) => {
          const body = commentBody(comment);
          return { body, fingerprint: commentFingerprint(plainOf(markdownToAdf(comment.body), config), plainOf(body.content, config)) };
        }),
        ...story.commits.map((commit) => ({ body: commitBody(commit), fingerprint: { words: normaliseTitle(commit.hash), loose: '' } })),
      ];
      comments.forEach((comment, index) => {
        if (alreadyPosted(comment.fingerprint, posted)) return;
        const body = config.flavor === 'cloud' ? comment.body : adfToWiki(comment.body);
        push('add_comment', null, remoteStory?.key ?? null, [{ field: 'comment', before: null, after: display(comment.body) }], { kind: 'comment', body, fingerprint: comment.fingerprint.words || comment.fingerprint.loose }, `:${index + 1}`);
      });
    }
  }
  return { epicKey: remote.key, operations, discoveredKeys, unmatched, warnings, notInTracker };
}

/**
 * How a comment is recognised on later runs: the words of its body (case, punctuation and emoji
 * ignored), or, for a body without words ("👍", "+1?!"), the whole posted text with only spacing
 * normalised, so such a comment is posted once too.
 */
interface CommentFingerprint {
  readonly words: string;
  readonly loose: string;
}

function commentFingerprint(bodyText: string, postedText: string): CommentFingerprint {
  const words = normaliseTitle(bodyText);
  return { words, loose: words === '' ? looseText(postedText) : '' };
}

/** True when a remote comment carries the fingerprint. */
function alreadyPosted(fingerprint: CommentFingerprint, posted: readonly string[]): boolean {
  if (fingerprint.words !== '') return posted.some((text) => normaliseTitle(text).includes(fingerprint.words));
  if (fingerprint.loose === '') return false;
  return posted.some((text) => looseText(text).includes(fingerprint.loose));
}

/** Text with Unicode forms unified and runs of white space (and wiki/ADF emphasis markers) reduced. */
function looseText(text: string): string {
  return text.normalize('NFKC').replace(/[*_]/g, '').replace(/\s+/g, ' ').trim();
}

function plainOf(blocks: readonly AdfNode[], config: JiraConfig): string {
  const doc = { version: 1, type: 'doc', content: [...blocks] };
  return config.flavor === 'cloud' ? adfToPlainText(doc) : adfToWiki(doc);
}

/** The fields a story should have in Jira (only those the note says something about). */
function storyFields(story: Story, pointsField: string | null, config: JiraConfig, description: unknown): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (story.title) fields.summary = story.title;
  if (description !== null) fields.description = description;
  if (story.priority !== null) fields.priority = { name: priorityName(story.priority, config) };
  fields.labels = [...story.labels.map(jiraLabel).filter((label) => label !== ''), storyLabel(story.id)];
  if (pointsField && story.storyPoints !== null) fields[pointsField] = story.storyPoints;
  return fields;
}

function subtaskFields(story: Story, subtask: Subtask, pointsField: string | null, description: unknown): Record<string, unknown> {
  const fields: Record<string, unknown> = { summary: subtask.name || `Subtask ${subtask.number}` };
  if (description !== null) fields.description = description;
  fields.labels = [subtaskLabel(story.id, subtask.number)];
  if (pointsField && subtask.storyPoints !== null) fields[pointsField] = subtask.storyPoints;
  return fields;
}

/** A note label as Jira spells it: Jira labels cannot hold spaces. */
export function jiraLabel(label: string): string {
  return label.trim().replace(/\s+/g, '-');
}

/** True when the remote priority is the one named `wanted` (Jira names compare case-insensitively). */
export function samePriorityName(wanted: string, remote: string | null): boolean {
  return wanted.toLowerCase() === (remote ?? '').toLowerCase();
}

/** The Jira priority name the push writes for `priority` (settings mapping, else docs/sync.md's default). */
export function priorityName(priority: Priority, config: Pick<JiraConfig, 'priorityMapping'>): string {
  return config.priorityMapping?.[priority] ?? DEFAULT_PRIORITY_MAPPING[priority];
}

type Display = (value: unknown) => string | null;

function createChanges(fields: Readonly<Record<string, unknown>>, display: Display, whole: Display): FieldChange[] {
  return Object.entries(fields).map(([field, value]) => {
    const change = { field: fieldName(field), before: null, after: displayValue(field, value, display) };
    return field === 'description' ? { ...change, text: { before: null, after: whole(value) } } : change;
  });
}

/** Only the fields that differ and are `writable` (JSON field names); labels only ever grow (labels added in Jira stay). */
function updateChanges(desired: Readonly<Record<string, unknown>>, remote: RemoteIssue, pointsField: string | null, same: (a: unknown, b: unknown) => boolean, display: Display, whole: Display, writable: (field: string) => boolean): { changes: FieldChange[]; fields: Record<string, unknown> } {
  const changes: FieldChange[] = [];
  const fields: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(desired)) {
    if (!writable(fieldName(field))) continue;
    if (field === 'summary') {
      if (typeof value === 'string' && value.trim() !== remote.summary.trim()) {
        fields.summary = value;
        changes.push({ field: 'summary', before: remote.summary, after: value });
      }
    } else if (field === 'description') {
      if (!same(value, remote.description)) {
        fields.description = value;
        changes.push({ field: 'description', before: display(remote.description), after: display(value), text: { before: whole(remote.description), after: whole(value) } });
      }
    } else if (field === 'priority') {
      const name = (value as { name: string }).name;
      if (!samePriorityName(name, remote.priority)) {
        fields.priority = value;
        changes.push({ field: 'priority', before: remote.priority, after: name });
      }
    } else if (field === 'labels') {
      const missing = (value as string[]).filter((label) => !remote.labels.includes(label));
      if (missing.length > 0) {
        const after = [...remote.labels, ...missing];
        fields.labels = after;
        changes.push({ field: 'labels', before: [...remote.labels], after });
      }
    } else if (field === pointsField) {
      if (value !== remote.storyPoints) {
        fields[field] = value;
        changes.push({ field: 'story_points', before: remote.storyPoints, after: value as number });
      }
    }
  }
  return { changes, fields };
}

function fieldName(field: string): string {
  return field.startsWith('customfield_') ? 'story_points' : field;
}

function displayValue(field: string, value: unknown, display: Display): FieldChange['after'] {
  if (field === 'description') return display(value);
  if (field === 'priority') return (value as { name: string }).name;
  if (field === 'labels') return value as string[];
  if (typeof value === 'number' || typeof value === 'string') return value;
  return null;
}
