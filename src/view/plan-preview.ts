/**
 * What the plan modal shows and runs: the scope of a sync, the plan as text (one entry per
 * operation with `field: before → after`), and the pending sync that executes it. Types only.
 */

/** Which part of the note a sync covers. */
export type SyncScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'statuses' }
  | { readonly kind: 'story'; readonly storyId: string };

/** One field an operation changes; `null` = absent on that side. */
export interface PlanFieldChange {
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
  /** Shown instead of before → after when set ("description changed (ADF, 12 → 15 lines)"). */
  readonly summary?: string;
  /** Descriptions: the lines of before → after, shown when the summary is expanded; default none. */
  readonly diff?: readonly PlanDiffLine[];
}

/** One line of a description's before → after: kept, removed or added. */
export interface PlanDiffLine {
  readonly kind: 'same' | 'removed' | 'added';
  readonly text: string;
}

/** One planned tracker operation, as the modal lists it. */
export interface PlanOperationPreview {
  /** The operation kind (`create_story`, `transition_subtask`, … as in the JSON result). */
  readonly kind: string;
  /** What it applies to in the note: `US-003`, `US-003 #2`. */
  readonly target: string;
  /** The story title or subtask name; default none. */
  readonly title?: string;
  /** The tracker issue, or null for a create. */
  readonly issueKey: string | null;
  readonly changes: readonly PlanFieldChange[];
}

/** A dry-run plan. */
export interface PlanPreview {
  /** The tracker epic; default none (not shown). */
  readonly epicKey?: string;
  readonly operations: readonly PlanOperationPreview[];
  /** Plain-words warnings (remote issues matching nothing in the note, field discovery); default none. */
  readonly warnings?: readonly string[];
  /** Issue keys found in the tracker that executing writes into the note (no tracker change); default 0. */
  readonly keysToWrite?: number;
}

/** Lets the modal stop a running sync between requests. */
export interface ExecutionControl {
  /** True once the user clicked "Cancel" during the run. */
  isCancelled(): boolean;
}

/** A dry run waiting for the user's decision: the plan it found, and how to run exactly that plan. */
export interface PendingSync {
  readonly preview: PlanPreview;
  /** Executes exactly this plan; resolves when done (also when operations failed: the result notice says which). */
  execute(control?: ExecutionControl): Promise<void>;
}

/** Computes a plan (a dry run: reads the tracker only) that can then be executed. */
export interface PlanProvider {
  plan(scope: SyncScope): Promise<PendingSync>;
}
