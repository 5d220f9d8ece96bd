/**
 * What every tracker's execution of a plan keeps track of, the same for all of them: each
 * operation's result (recorded once, progress told), the keys assigned (written back through
 * `onKeys`), the keys of stories known so far, the first failure after which nothing more is sent
 * (`STOPPING_KINDS`), cancellation, and the outcome with every operation not reached as skipped.
 * The GitHub execution (`github/execute.ts`) runs on it; an adapter adds only its requests.
 */
import { TrackerError } from './errors';
import { STOPPING_KINDS, type ExecuteHooks, type KeyAssignment, type OperationResult, type PlannedOperation, type SyncOutcome, type SyncPlan } from './tracker';

/** The bookkeeping of one execution of `plan`. */
export class ExecutionLedger {
  private readonly plan: SyncPlan;
  private readonly hooks: ExecuteHooks;
  private readonly results = new Map<string, OperationResult>();
  private readonly keys: KeyAssignment[] = [];
  /** Story id (upper case) → its issue key, as known so far. */
  private readonly storyKeys = new Map<string, string>();
  /** Create operation id → the key it made. */
  private readonly createdKeys = new Map<string, string>();
  private finished = 0;
  private stoppedBy: TrackerError | null = null;

  /** `parentOf`: the story key a planned subtask create names (null while its story is to be created). */
  constructor(plan: SyncPlan, hooks: ExecuteHooks | undefined, parentOf: (operation: PlannedOperation) => string | null) {
    this.plan = plan;
    this.hooks = hooks ?? {};
    for (const operation of plan.operations) {
      if (operation.issueKey !== null && operation.subtaskNumber === null) this.storyKeys.set(operation.storyId.toUpperCase(), operation.issueKey);
      const parent = operation.action === 'create_subtask' ? parentOf(operation) : null;
      if (parent !== null) this.storyKeys.set(operation.storyId.toUpperCase(), parent);
    }
    for (const assignment of plan.discoveredKeys) if (assignment.kind === 'story') this.storyKeys.set(assignment.storyId.toUpperCase(), assignment.key);
  }

  /** Writes the plan's discovered keys back (first thing of an execution). */
  async start(): Promise<void> {
    if (this.plan.discoveredKeys.length > 0) await this.emitKeys(this.plan.discoveredKeys);
  }

  /** Records how an operation ended (the first result of an operation counts) and tells the progress. */
  record(result: OperationResult): void {
    if (this.results.has(result.operation.id)) return;
    this.results.set(result.operation.id, result);
    this.finished++;
    this.hooks.onProgress?.(this.finished, this.plan.operations.length);
  }

  /** Records a failure; one of `STOPPING_KINDS` stops the execution. */
  fail(operation: PlannedOperation, error: unknown, issueKey: string | null = null): void {
    const trackerError = error instanceof TrackerError ? error : new TrackerError({ kind: 'server', status: null, message: 'Unexpected failure.', hint: 'Sync again.' });
    if (this.stoppedBy === null && STOPPING_KINDS.includes(trackerError.kind)) this.stoppedBy = trackerError;
    this.record({ operation, status: 'failed', issueKey, error: { kind: trackerError.kind, message: trackerError.message, hint: trackerError.hint } });
  }

  /** Skips an operation whose issue a failed create did not make. */
  skipAfterFailure(operation: PlannedOperation, reason: string): void {
    this.record({ operation, status: 'skipped', issueKey: null, reason, afterFailure: true });
  }

  /** True when no further request may be sent: cancelled, or stopped by a `STOPPING_KINDS` failure. */
  halted(): boolean {
    return this.stoppedBy !== null || this.hooks.isCancelled?.() === true;
  }

  /** Runs `step` unless halted; a rejection fails the operation. Resolves with `step`'s answer, or `fallback`. */
  async guard<T>(operation: PlannedOperation, step: () => Promise<T>, fallback: T): Promise<T> {
    if (this.halted()) return fallback;
    try {
      return await step();
    } catch (error) {
      this.fail(operation, error, this.keyOf(operation));
      return fallback;
    }
  }

  /** Adds keys to the outcome and writes them into the note now (`onKeys`). */
  async emitKeys(batch: readonly KeyAssignment[]): Promise<void> {
    this.keys.push(...batch);
    if (batch.length > 0) await this.hooks.onKeys?.(batch);
  }

  /** Remembers the key a create made (a story's key is then its subtasks' parent). */
  created(operation: PlannedOperation, key: string): void {
    this.createdKeys.set(operation.id, key);
    if (operation.subtaskNumber === null) this.storyKeys.set(operation.storyId.toUpperCase(), key);
  }

  /** The key of story `storyId`, as known so far; null while it is not created. */
  storyKey(storyId: string): string | null {
    return this.storyKeys.get(storyId.toUpperCase()) ?? null;
  }

  /** The key an operation acts on: planned, or created earlier in this run. */
  keyOf(operation: PlannedOperation): string | null {
    if (operation.issueKey !== null) return operation.issueKey;
    if (operation.subtaskNumber === null) return this.storyKey(operation.storyId);
    return this.createdKeys.get(`create_subtask:${operation.storyId}#${operation.subtaskNumber}`) ?? null;
  }

  /** The outcome: every operation's result, those not reached skipped (cancelled, or after the stop). */
  outcome(): SyncOutcome {
    const reason = this.hooks.isCancelled?.() === true ? 'cancelled' : this.stoppedBy === null ? 'not reached' : 'not reached: the run stopped at the first failure to reach the tracker';
    const results = this.plan.operations.map((operation): OperationResult => this.results.get(operation.id) ?? { operation, status: 'skipped', issueKey: null, reason });
    const stoppedBy = this.stoppedBy === null ? undefined : { kind: this.stoppedBy.kind, message: this.stoppedBy.message, hint: this.stoppedBy.hint };
    return { results, keys: this.keys, stoppedBy };
  }
}
