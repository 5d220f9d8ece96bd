/**
 * Planning for GitHub: compare the note with the remote epic and list only real differences, as
 * operations `execute.ts` carries out unchanged. Pure: no request, no clock. Matching (key,
 * identity label, title) is the Jira adapter's (`../jira/match.ts`): the identity labels are the same.
 */
import type { Epic, Priority, Status, Story, Subtask } from '../../model/types';
import { planScope, type FieldChange, type KeyAssignment, type OperationAction, type PlannedOperation, type PlanOptions, type RemoteIssue, type RemoteStatus, type RemoteStory, type SyncPlan, type UnmatchedRemote } from '../tracker';
import { matchStories, matchSubtasks, storyLabel, subtaskLabel } from '../jira/match';
import { hasKeyPlace } from '../writeback';
import { normaliseBody, sameBody, storyBody, subtaskBody } from './body';
import { withGitHubKeys } from './note-keys';
import { editLabels, gitHubLabel, hasLabel, isSyncLabel, pointsLabel, pointsOfLabel, priorityLabel, priorityNameOfLabel } from './labels';
import { gitHubStateOf, isStatusLabel, statusAgrees, type GitHubState } from './status';

/**
 * The `RemoteEpic.storyPointsField` of GitHub: points live in a `points: N` label, always
 * available, so the sync record compares them.
 */
export const POINTS_LABEL_FIELD = 'label "points: N"';

/** Which of the labels sync owns an edit replaces: the old ones of that kind go, the new one comes. */
export type ReplacedLabel = 'points' | 'priority';

/** How an update changes an issue's labels: drop those of `replace` kinds, then add `add` (if missing). */
export interface LabelEdit {
  readonly replace: readonly ReplacedLabel[];
  readonly add: readonly string[];
}

/** The GitHub payload of one planned operation (opaque to callers of the tracker interface). */
export type GitHubRequest =
  | {
    readonly kind: 'create';
    readonly level: 'story' | 'subtask';
    /** The identity label (`spectryn-us-001`): how a lost create is found again. */
    readonly label: string;
    readonly title: string;
    readonly body: string | null;
    readonly labels: readonly string[];
    /** The parent's key: the epic for stories; the story for subtasks (null while the story is created in the same run). */
    readonly parentKey: string | null;
  }
  | {
    readonly kind: 'update';
    readonly title?: string;
    readonly body?: string;
    /** The issue's labels as read (the edit applies to the labels as they are when it is sent). */
    readonly currentLabels: readonly string[];
    readonly labels?: LabelEdit;
    /** Make the issue a sub-issue of `parentKey` (it has no parent yet); `id` is the issue's own id. */
    readonly attach?: { readonly parentKey: string; readonly id: number };
  }
  | {
    readonly kind: 'transition';
    readonly target: Status;
    readonly state: GitHubState;
    /** The remote status now; null for an issue created in the same run. */
    readonly current: RemoteStatus | null;
    /** The issue's labels as read; empty for an issue created in the same run (its status label came with it). */
    readonly currentLabels: readonly string[];
  };

/** A planned GitHub operation whose payload is of `kind`. */
export type GitHubOperation<Kind extends GitHubRequest['kind'] = GitHubRequest['kind']> = PlannedOperation<Extract<GitHubRequest, { kind: Kind }>>;

/** True when `operation`'s payload is of `kind` (narrows its type). */
export function isGitHubOperation<Kind extends GitHubRequest['kind']>(operation: PlannedOperation<GitHubRequest>, kind: Kind): operation is GitHubOperation<Kind> {
  return operation.request.kind === kind;
}

/** Everything planning reads. */
export interface GitHubPlanInput {
  readonly epic: Epic;
  readonly remote: { readonly key: string; readonly stories: readonly RemoteStory[] };
  readonly options: PlanOptions;
}

const DISPLAY_LIMIT = 300;

/** Text as the plan shows it: cut to 300 characters. */
function display(text: string | null): string | null {
  return text !== null && text.length > DISPLAY_LIMIT ? `${text.slice(0, DISPLAY_LIMIT)}…` : text;
}

/** What the note wants an issue to be (only what the note says something about). */
interface Desired {
  readonly title: string;
  readonly body: string | null;
  readonly identity: string;
  readonly userLabels: readonly string[];
  readonly points: number | null;
  readonly priority: Priority | null;
  readonly status: Status;
}

function storyDesired(story: Story): Desired {
  const userLabels = [...new Set(story.labels.map(gitHubLabel).filter((label) => label !== '' && !isSyncLabel(label)))];
  return { title: story.title, body: storyBody(story), identity: storyLabel(story.id), userLabels, points: story.storyPoints, priority: story.priority, status: story.status };
}

function subtaskDesired(story: Story, subtask: Subtask): Desired {
  return { title: subtask.name || `Subtask ${subtask.number}`, body: subtaskBody(subtask), identity: subtaskLabel(story.id, subtask.number), userLabels: [], points: subtask.storyPoints, priority: null, status: subtask.status };
}

/** The labels a new issue is created with: the user's, identity, points, priority, status. */
function createLabels(desired: Desired): string[] {
  const labels = [...desired.userLabels, desired.identity];
  if (desired.points !== null) labels.push(pointsLabel(desired.points));
  if (desired.priority !== null) labels.push(priorityLabel(desired.priority));
  const status = gitHubStateOf(desired.status).label;
  if (status !== null) labels.push(status);
  return labels;
}

function createChanges(desired: Desired, labels: readonly string[]): FieldChange[] {
  const changes: FieldChange[] = [{ field: 'summary', before: null, after: desired.title }];
  if (desired.body !== null) changes.push({ field: 'description', before: null, after: display(desired.body), text: { before: null, after: desired.body } });
  if (desired.priority !== null) changes.push({ field: 'priority', before: null, after: desired.priority });
  if (desired.points !== null) changes.push({ field: 'story_points', before: null, after: desired.points });
  changes.push({ field: 'labels', before: null, after: [...labels] });
  return changes;
}

/** The labels `edit` makes of `labels`. */
export function applyLabelEdit(labels: readonly string[], edit: LabelEdit): string[] {
  const drop = (label: string): boolean => (edit.replace.includes('points') && pointsOfLabel(label) !== null) || (edit.replace.includes('priority') && priorityNameOfLabel(label) !== null);
  return editLabels(labels, drop, edit.add);
}

/**
 * The update of an existing issue: only fields that differ and are `writable` (JSON field names:
 * `title` (`name` for subtasks), `description`, `priority`, `story_points`, `labels`). Labels only
 * grow (labels added in GitHub stay), except the points and priority labels the note replaces.
 */
function updateOf(desired: Desired, remote: RemoteIssue, level: 'story' | 'subtask', writable: (field: string) => boolean): { changes: FieldChange[]; request: Extract<GitHubRequest, { kind: 'update' }> } {
  const changes: FieldChange[] = [];
  let title: string | undefined;
  let body: string | undefined;
  const replace: ReplacedLabel[] = [];
  const add: string[] = [];
  if (desired.title.trim() !== '' && desired.title.trim() !== remote.summary.trim() && writable(level === 'story' ? 'title' : 'name')) {
    title = desired.title;
    changes.push({ field: 'summary', before: remote.summary, after: desired.title });
  }
  const remoteBody = typeof remote.description === 'string' ? remote.description : null;
  if (desired.body !== null && !sameBody(desired.body, remoteBody) && writable('description')) {
    body = desired.body;
    changes.push({ field: 'description', before: display(remoteBody), after: display(desired.body), text: { before: remoteBody === null ? null : normaliseBody(remoteBody), after: desired.body } });
  }
  if (desired.priority !== null && (remote.priority ?? '').trim().toLowerCase() !== desired.priority && writable('priority')) {
    replace.push('priority');
    add.push(priorityLabel(desired.priority));
    changes.push({ field: 'priority', before: remote.priority, after: desired.priority });
  }
  if (desired.points !== null && remote.storyPoints !== desired.points && writable('story_points')) {
    replace.push('points');
    add.push(pointsLabel(desired.points));
    changes.push({ field: 'story_points', before: remote.storyPoints, after: desired.points });
  }
  const missing = [...desired.userLabels, desired.identity].filter((label) => !hasLabel(remote.labels, label));
  if (missing.length > 0 && writable('labels')) add.push(...missing);
  const labels = replace.length > 0 || add.length > 0 ? { replace, add } : undefined;
  if (missing.length > 0 && writable('labels')) {
    changes.push({ field: 'labels', before: [...remote.labels], after: applyLabelEdit(remote.labels, labels ?? { replace: [], add: [] }) });
  }
  return { changes, request: { kind: 'update', title, body, currentLabels: [...remote.labels], labels } };
}

/**
 * Compares note and remote and lists the operations that make GitHub match the note. `ids`: the
 * numeric id of each remote issue by key (what attaching an issue as a sub-issue takes).
 */
export function planGitHubSync(input: GitHubPlanInput, ids: ReadonlyMap<string, number>): SyncPlan<GitHubRequest> {
  const { epic, remote, options } = input;
  const { descriptions: doDescriptions, subtasks: doSubtasks, statuses: doStatuses, comments: doComments, wanted } = planScope(options);
  const writable = options.writable ?? ((): boolean => true);
  const operations: PlannedOperation<GitHubRequest>[] = [];
  const discoveredKeys: KeyAssignment[] = [];
  const unmatched: UnmatchedRemote[] = [];
  const warnings: string[] = [];
  // Stories a phase without creates leaves out: the engine words them once (`notInTrackerWarning`).
  const notInTracker: string[] = [];
  let commentsLeft = false;

  const { matches, unmatched: unmatchedStories } = matchStories(withGitHubKeys(epic.stories), remote.stories);
  for (const story of unmatchedStories) unmatched.push({ key: story.key, summary: story.summary, parentKey: remote.key });

  for (const match of matches) {
    const story = match.item;
    if (wanted && !wanted.has(story.id.toUpperCase())) continue;
    if (match.keyNotFound) {
      warnings.push(`${story.id}: the issue ${story.issueKey ?? ''} named in the note is not in the repository; nothing is done for this story.`);
      continue;
    }
    const remoteStory = match.remote;
    const push = (action: OperationAction, subtask: Subtask | null, issueKey: string | null, changes: FieldChange[], request: GitHubRequest): void => {
      const id = `${action}:${story.id}${subtask ? `#${subtask.number}` : ''}`;
      const base = { id, action, storyId: story.id, subtaskNumber: subtask?.number ?? null, issueKey, summary: subtask ? subtask.name : story.title, changes, request };
      operations.push(request.kind === 'transition' ? { ...base, targetStatus: request.target } : base);
    };
    /** The update of an existing issue, with its attachment to `parentKey` when it has no parent. */
    const update = (action: 'update_story' | 'update_subtask', subtask: Subtask | null, desired: Desired, issue: RemoteIssue, parentKey: string, fields: boolean): void => {
      const level = subtask === null ? 'story' : 'subtask';
      const planned = fields ? updateOf(desired, issue, level, (field) => writable(story.id, subtask?.number ?? null, field)) : { changes: [], request: { kind: 'update' as const, currentLabels: [...issue.labels] } };
      const id = ids.get(issue.key);
      // An issue the note names that is nobody's sub-issue (a run stopped between its create and its link): attached now.
      const attach = issue.parentKey === null && id !== undefined ? { parentKey, id } : undefined;
      if (attach !== undefined) planned.changes.push({ field: 'parent', before: null, after: parentKey });
      else if (issue.parentKey !== null && issue.parentKey !== parentKey) warnings.push(`${subtask === null ? story.id : `${story.id} subtask ${subtask.number}`}: ${issue.key} is a sub-issue of ${issue.parentKey}, not of ${parentKey}; it is synced where it is and not moved.`);
      if (planned.changes.length > 0) push(action, subtask, issue.key, planned.changes, { ...planned.request, attach });
    };
    const transition = (action: 'transition_story' | 'transition_subtask', subtask: Subtask | null, status: Status, issue: RemoteIssue | null): void => {
      const state = gitHubStateOf(status);
      // A new issue carries its status label from its create: only closing it is left.
      if (issue === null ? state.state === 'open' : statusAgrees(status, issue.status) || !writable(story.id, subtask?.number ?? null, 'status')) return;
      push(action, subtask, issue?.key ?? null, [{ field: 'status', before: issue?.status.name ?? null, after: status }], { kind: 'transition', target: status, state, current: issue?.status ?? null, currentLabels: issue === null ? [] : [...issue.labels] });
    };

    const desired = storyDesired(story);
    if (remoteStory === null) {
      if (!doDescriptions) {
        notInTracker.push(story.id);
        continue;
      }
      const labels = createLabels(desired);
      push('create_story', null, null, createChanges(desired, labels), { kind: 'create', level: 'story', label: desired.identity, title: desired.title, body: desired.body, labels, parentKey: remote.key });
    } else {
      if (match.by !== 'key') discoveredKeys.push({ kind: 'story', storyId: story.id, key: remoteStory.key });
      update('update_story', null, desired, remoteStory, remote.key, doDescriptions);
    }
    if (doStatuses) transition('transition_story', null, story.status, remoteStory);

    const subtaskMatching = remoteStory === null ? null : matchSubtasks(story.id, story.subtasks, remoteStory.subtasks);
    for (const issue of subtaskMatching?.unmatched ?? []) unmatched.push({ key: issue.key, summary: issue.summary, parentKey: remoteStory?.key ?? null });
    const subtaskMatches = subtaskMatching?.matches ?? story.subtasks.map((subtask) => ({ item: subtask, remote: null, by: null, keyNotFound: false }));
    for (const subMatch of subtaskMatches) {
      const subtask = subMatch.item;
      if (subMatch.keyNotFound) {
        warnings.push(`${story.id} subtask ${subtask.number}: the issue ${subtask.issueKey ?? ''} named in the note is not in the repository; nothing is done for it.`);
        continue;
      }
      const remoteSubtask = subMatch.remote;
      const subDesired = subtaskDesired(story, subtask);
      if (remoteSubtask === null) {
        if (!doSubtasks || (remoteStory === null && !doDescriptions)) continue;
        const labels = createLabels(subDesired);
        push('create_subtask', subtask, null, createChanges(subDesired, labels), { kind: 'create', level: 'subtask', label: subDesired.identity, title: subDesired.title, body: subDesired.body, labels, parentKey: remoteStory?.key ?? null });
      } else {
        if (subMatch.by !== 'key' && hasKeyPlace(story, subtask)) discoveredKeys.push({ kind: 'subtask', storyId: story.id, number: subtask.number, key: remoteSubtask.key });
        if (remoteStory !== null) update('update_subtask', subtask, subDesired, remoteSubtask, remoteStory.key, doSubtasks);
      }
      const willExist = remoteSubtask !== null || doSubtasks;
      if (doStatuses && willExist) transition('transition_subtask', subtask, subtask.status, remoteSubtask);
    }
    if (doComments && (story.comments.length > 0 || story.commits.length > 0)) commentsLeft = true;
  }
  if (commentsLeft) warnings.push('Comments and related commits are not synced to GitHub; they stay in the note.');
  return { epicKey: remote.key, operations, discoveredKeys, unmatched, warnings, notInTracker };
}

/** The labels an issue has once moved to `state`: its status labels replaced by the one `state` sets (if any). */
export function transitionLabels(labels: readonly string[], state: GitHubState): string[] {
  return editLabels(labels, isStatusLabel, state.label === null ? [] : [state.label]);
}
