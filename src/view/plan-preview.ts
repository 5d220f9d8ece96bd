/**
 * What the plan modal shows and runs: the scope of a sync, the plan as text (one entry per
 * operation with `field: before → after`), and the pending sync that executes it. Types only; the
 * plan's own types live with the words that build them (src/sync/plan-words.ts).
 */
import type { PlanPreview } from '../sync/plan-words';

export type { PlanDiffLine, PlanFieldChange, PlanOperationPreview, PlanPreview } from '../sync/plan-words';

/** Which part of the note a sync covers. */
export type SyncScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'statuses' }
  | { readonly kind: 'story'; readonly storyId: string };

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
