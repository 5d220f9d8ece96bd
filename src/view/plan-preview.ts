/**
 * What the plan modal shows and runs: the scope of a sync, the plan as text (one entry per
 * operation with `field: before → after`), and the pending sync that executes it. Types only; the
 * plan's own types live with the words that build them (src/sync/plan-words.ts).
 */
import type { ConflictChoice } from '../sync/record/conflicts';
import type { PlanPreview as PushPlanPreview } from '../sync/plan-words';

export type { PlanDiffLine, PlanFieldChange, PlanOperationPreview, PlanProblem } from '../sync/plan-words';

/** Which part of the note a sync covers. */
export type SyncScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'statuses' }
  | { readonly kind: 'story'; readonly storyId: string };

/** A dry-run plan: the push plan in the note's words (src/sync/plan-words.ts) plus its two-way part. */
export interface PlanPreview extends PushPlanPreview {
  /** The two-way part (pulls, additions, conflicts, whether there was a record); default none (push only). */
  readonly twoWay?: TwoWayPreview;
}

/** One field Jira changed since the last sync, to be written into the note ("from Jira"). */
export interface PlanPullPreview {
  /** `US-003`, `US-003 #2`. */
  readonly target: string;
  readonly title?: string;
  readonly issueKey: string;
  /** The field in the note's words (`Story points`). */
  readonly field: string;
  /** The note's value now, as shown to a person. */
  readonly before: string;
  /** Jira's value, as the note will say it. */
  readonly after: string;
}

/** An issue created in Jira that the note lacks ("add to the note"). */
export interface PlanAdditionPreview {
  readonly kind: 'story' | 'subtask';
  readonly issueKey: string;
  /** The story a subtask goes under; null for a story. */
  readonly storyId: string | null;
  readonly summary: string;
  /** Its status in the note's words. */
  readonly status: string;
}

/** A field changed on both sides since the last sync, to different values: the user chooses. */
export interface PlanConflictPreview {
  /** The plan's id of the field (`US-003:status`): the key of the choice passed to `execute`. */
  readonly id: string;
  readonly target: string;
  readonly title?: string;
  readonly issueKey: string;
  /** The field in the note's words. */
  readonly field: string;
  /** The note's value, as shown to a person. */
  readonly note: string;
  /** Jira's value, as Jira shows it. */
  readonly tracker: string;
}

/** The two-way part of a plan (docs/sync-record.md). */
export interface TwoWayPreview {
  /** The tracker as people name it (`Jira`, `GitHub`); default `Jira`. */
  readonly tracker?: string;
  /** True when no sync record was found: the note is pushed as on a first sync. */
  readonly noRecord: boolean;
  readonly pulls: readonly PlanPullPreview[];
  readonly additions: readonly PlanAdditionPreview[];
  readonly conflicts: readonly PlanConflictPreview[];
}

/** The user's choice per conflict (by {@link PlanConflictPreview.id}); a conflict not in it is left. */
export type ConflictChoices = ReadonlyMap<string, ConflictChoice>;

/** Lets the modal stop a running sync between requests. */
export interface ExecutionControl {
  /** True once the user clicked "Cancel" during the run. */
  isCancelled(): boolean;
}

/** A dry run waiting for the user's decision: the plan it found, and how to run exactly that plan. */
export interface PendingSync {
  readonly preview: PlanPreview;
  /**
   * Executes exactly this plan; resolves when done (also when operations failed: the result notice
   * says which). `choices` resolve the plan's conflicts; default none (every conflict is left).
   */
  execute(control?: ExecutionControl, choices?: ConflictChoices): Promise<void>;
}

/** Computes a plan (a dry run: reads the tracker only) that can then be executed. */
export interface PlanProvider {
  plan(scope: SyncScope): Promise<PendingSync>;
}
