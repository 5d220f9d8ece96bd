/**
 * The tracker interface sync runs against: `read` the remote epic, `plan` the differences with
 * the note, `execute` a plan. The Jira adapter (`jira/`) implements it; GitHub, GitLab and Linear
 * adapters would implement the same (docs/sync.md "Other trackers").
 */
import type { Epic, Status } from '../model/types';
import type { ErrorKind } from './errors';
import type { SyncRecord } from './record/types';
import { trackerNamed, type TrackerName } from './tracker-name';

/** What a run may change (`--phase`). `descriptions` also creates missing stories. */
export type SyncPhase = 'all' | 'descriptions' | 'subtasks' | 'comments' | 'statuses';

/** Every phase, for option parsing. */
export const SYNC_PHASES: readonly SyncPhase[] = ['all', 'descriptions', 'subtasks', 'comments', 'statuses'];

/** Limits of one plan. */
export interface PlanOptions {
  /** Default `all`. */
  readonly phase: SyncPhase;
  /** Story ids to plan (`--story`, case-insensitive); absent or empty = every story. */
  readonly stories?: readonly string[];
  /**
   * With a sync record (docs/sync-record.md): which fields of issues already in the tracker may be
   * written (the three-way decisions `push`), by note story id, subtask number (null for the
   * story) and the JSON result's field name (`status`, `story_points`, `priority`, `title`,
   * `description`, `labels`, subtask `name`). Absent: every field that differs (no record, as
   * before the record existed). Creates and comments are not limited by it.
   */
  readonly writable?: (storyId: string, subtask: number | null, field: string) => boolean;
}

/** What a plan's phase and story filter let it do (`planScope`). */
export interface PlanScope {
  /** Write titles, descriptions, points, priority and labels, and create missing stories. */
  readonly descriptions: boolean;
  /** Create and update subtasks. */
  readonly subtasks: boolean;
  readonly statuses: boolean;
  readonly comments: boolean;
  /** Upper-case story ids to plan, or null for every story. */
  readonly wanted: ReadonlySet<string> | null;
}

/** The scope of `options`: which parts its phase plans, and which stories (docs/cli.md `--phase`, `--story`). */
export function planScope(options: PlanOptions): PlanScope {
  const { phase } = options;
  return {
    descriptions: phase === 'all' || phase === 'descriptions',
    subtasks: phase === 'all' || phase === 'subtasks',
    statuses: phase === 'all' || phase === 'statuses',
    comments: phase === 'all' || phase === 'comments',
    wanted: options.stories && options.stories.length > 0 ? new Set(options.stories.map((id) => id.toUpperCase())) : null,
  };
}

/** A remote status: its name and its Jira status category key (`new`, `indeterminate`, `done`). */
export interface RemoteStatus {
  readonly name: string;
  readonly category: string;
}

/** A comment on a remote issue, reduced to what recognising "already posted" needs. */
export interface RemoteComment {
  readonly id: string;
  /** The body as plain text (ADF flattened, or the wiki string). */
  readonly text: string;
}

/** One remote issue (story or subtask) with every field sync compares. Unknown values pass through as strings. */
export interface RemoteIssue {
  readonly id: string;
  readonly key: string;
  readonly issueType: string;
  readonly summary: string;
  /** ADF document (cloud), wiki string (data center), or null. */
  readonly description: unknown;
  readonly status: RemoteStatus;
  readonly priority: string | null;
  readonly labels: readonly string[];
  readonly storyPoints: number | null;
  /** Parent key (the epic for stories on cloud, the story for subtasks), or null. */
  readonly parentKey: string | null;
  readonly comments: readonly RemoteComment[];
  /** The tracker's own `updated` stamp as it wrote it (Jira: `2026-12-06T10:14:31.000+0000`); null or absent when unknown. */
  readonly updated?: string | null;
}

/** A remote story with its subtasks. */
export interface RemoteStory extends RemoteIssue {
  readonly subtasks: readonly RemoteIssue[];
}

/** What `read` found: the epic, its stories (each with subtasks), and what the site calls things. */
export interface RemoteEpic {
  readonly key: string;
  readonly summary: string;
  readonly stories: readonly RemoteStory[];
  /** Id of the story points field used, or null when the site has none. */
  readonly storyPointsField: string | null;
  /** Warnings met while reading (field discovery, paging), in plain words. */
  readonly warnings: readonly string[];
}

/** The JSON action names of docs/cli.md. */
export type OperationAction =
  | 'create_story' | 'update_story' | 'transition_story'
  | 'create_subtask' | 'update_subtask' | 'transition_subtask'
  | 'add_comment';

/** One field difference, as shown to a person (strings, numbers, lists; descriptions as plain text). */
export interface FieldChange {
  readonly field: string;
  /** Descriptions and comments are cut to 300 characters here; `text` has them whole. */
  readonly before: string | number | readonly string[] | null;
  readonly after: string | number | readonly string[] | null;
  /** Descriptions only: the whole plain text of both sides, for a before → after view. */
  readonly text?: { readonly before: string | null; readonly after: string | null };
}

/**
 * One planned write. `request` is the tracker's own payload (`Request`: the adapter's type, e.g.
 * `JiraRequest`); callers of the interface treat it as opaque (`unknown`).
 */
export interface PlannedOperation<Request = unknown> {
  /** Stable within a plan, e.g. `create_subtask:US-001#2`. */
  readonly id: string;
  readonly action: OperationAction;
  readonly storyId: string;
  /** Subtask number (`#` column), or null for story operations. */
  readonly subtaskNumber: number | null;
  /** Issue the operation changes; null while the issue is still to be created. */
  readonly issueKey: string | null;
  /** What a person reads in the plan: the story title or subtask name. */
  readonly summary: string;
  readonly changes: readonly FieldChange[];
  /** Target status for transitions. */
  readonly targetStatus?: Status;
  readonly request: Request;
}

/** A tracker key to write into the note. */
export type KeyAssignment =
  | { readonly kind: 'epic'; readonly key: string }
  | { readonly kind: 'story'; readonly storyId: string; readonly key: string }
  | { readonly kind: 'subtask'; readonly storyId: string; readonly number: number; readonly key: string };

/** A remote child that matched nothing in the note: reported, never deleted. */
export interface UnmatchedRemote {
  readonly key: string;
  readonly summary: string;
  /** The story key for a subtask, the epic key for a story. */
  readonly parentKey: string | null;
}

/** The result of `plan`: exactly what `execute` will do. */
export interface SyncPlan<Request = unknown> {
  readonly epicKey: string;
  readonly operations: readonly PlannedOperation<Request>[];
  /** Keys found by label or title that the note does not have yet (written back on execute). */
  readonly discoveredKeys: readonly KeyAssignment[];
  readonly unmatched: readonly UnmatchedRemote[];
  readonly warnings: readonly string[];
  /**
   * Ids of the note's stories left out because they are not in the tracker yet and the phase
   * creates no stories (`statuses`, `subtasks`, `comments`); the run words their warning
   * (`notInTrackerWarning`). Absent: none.
   */
  readonly notInTracker?: readonly string[];
}

/** How one operation ended. */
export interface OperationResult {
  readonly operation: PlannedOperation;
  readonly status: 'done' | 'failed' | 'skipped';
  /** The key the operation acted on (the new key for creates), when known. */
  readonly issueKey: string | null;
  readonly error?: { readonly kind: ErrorKind; readonly message: string; readonly hint: string };
  readonly reason?: string;
  /** Skipped only because an operation it needs failed (its issue was not created); default false. */
  readonly afterFailure?: boolean;
  /** A done transition: the tracker's name of the status the issue reached (what the sync record keeps). */
  readonly reached?: string;
}

/** The result of `execute`. */
export interface SyncOutcome {
  readonly results: readonly OperationResult[];
  /** Every key assigned during the run (created, discovered, recovered), in order. */
  readonly keys: readonly KeyAssignment[];
  /**
   * The error that stopped the execution before its end, when one did: the tracker could not be
   * reached, stopped answering, rate limited beyond waiting, or answered unlike the tracker
   * (`STOPPING_KINDS`). The operations not reached are skipped; absent when the run went through.
   */
  readonly stoppedBy?: { readonly kind: ErrorKind; readonly message: string; readonly hint: string };
}

/**
 * Error kinds after which no further request of a run is sent (docs/sync.md "HTTP behaviour"): the
 * next ones would fail the same way, each after its own retries and timeouts.
 */
export const STOPPING_KINDS: readonly ErrorKind[] = ['network', 'timeout', 'rateLimit', 'notTracker'];

/** Callbacks of `execute`. Both are awaited: a slow write-back delays the next batch, on purpose. */
export interface ExecuteHooks {
  /** After each operation: how many are finished of how many. */
  onProgress?(done: number, total: number): void;
  /** After each batch of creates (and once for discovered keys): write these keys into the note. */
  onKeys?(batch: readonly KeyAssignment[]): Promise<void> | void;
  /** Asked before each request batch; true stops the run (the rest is skipped as cancelled). */
  isCancelled?(): boolean;
}

/** A tracker: read the remote epic, plan the differences, execute a plan (`Request`: its operations' payload). */
export interface Tracker<Request = unknown> {
  /** Short name used in the JSON result (`jira`). */
  readonly name: string;
  /** Link to an issue for people (`SITE/browse/KEY`). */
  browseUrl(key: string): string;
  /**
   * Reads the epic and its children. With `note`, issues the note names by key that the epic's
   * search did not return (a search index lagging behind recent writes, an issue moved elsewhere)
   * are fetched by key, so a re-run never creates them again.
   */
  read(epicKey: string, note?: { readonly epic: Epic }): Promise<RemoteEpic>;
  /**
   * Lists the operations that make the tracker match the note (`note` is a `ParseResult`; only
   * its `epic` is read). May read site metadata (which fields the screens accept) when the plan
   * needs it; never writes.
   */
  plan(note: { readonly epic: Epic }, remote: RemoteEpic, options: PlanOptions): Promise<SyncPlan<Request>>;
  execute(plan: SyncPlan<Request>, hooks?: ExecuteHooks): Promise<SyncOutcome>;
  /**
   * The no-op probe of a re-sync (docs/sync-record.md "Request budget"): true only when the
   * tracker proves that none of the epic's issues changed, appeared or vanished since `record`
   * was read; false on any doubt (then the run reads everything). Optional: a tracker without it
   * is always read in full. Never writes.
   */
  unchangedSince?(epicKey: string, record: SyncRecord): Promise<boolean>;
}

/** The tracker names people read, by `Tracker.name`. */
const TRACKER_TITLES: Readonly<Record<TrackerName, string>> = { jira: 'Jira', github: 'GitHub' };

/** How a tracker is named in messages (`Jira`, `GitHub`), from its `Tracker.name`; the name itself when unknown. */
export function trackerTitle(name: string): string {
  const known = trackerNamed(name);
  return known === null ? name : TRACKER_TITLES[known];
}

/** Skip reasons that are the user's own choice (they do not make a run partial). */
export const USER_SKIP_REASONS: readonly string[] = ['cancelled'];

/** True when a result was skipped for a reason other than the user's choice (exit 64). */
export function skippedUnexpectedly(result: OperationResult): boolean {
  return result.status === 'skipped' && !USER_SKIP_REASONS.includes(result.reason ?? '');
}
