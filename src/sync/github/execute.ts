/**
 * Executing a plan on GitHub, in the order of docs/sync.md: creates (stories, then subtasks; each
 * `POST issues`, then `POST …/sub_issues` on its parent with the new issue's id, its key written back
 * at once), then updates (`PATCH`), then transitions (`PATCH` of state, state_reason and the status
 * label). Never a duplicate: a create is never resent after a failure that may hide a committed
 * write; the issue is looked for by its identity label in the issues list first (`state=all`, pull
 * requests skipped; not the search, which lags). And before the first create of each level, the
 * label of that create is looked for too: a run stopped between a create and its link left at most
 * that issue behind, nobody's sub-issue, where the read does not see it.
 */
import type { Clock } from '../clock';
import { TrackerError } from '../errors';
import { STOPPING_KINDS, type ExecuteHooks, type KeyAssignment, type OperationResult, type PlannedOperation, type SyncOutcome, type SyncPlan } from '../tracker';
import { asNumber, asRecord, asString } from '../jira/json';
import type { GitHubClient } from './client';
import { issueKey, issueNumberOf } from './issue-ref';
import { applyLabelEdit, isGitHubOperation, transitionLabels, type GitHubOperation, type GitHubRequest } from './plan';
import { issuesWithLabel, readParentKey } from './read';
import { remoteStatusOf } from './status';

/** Pauses (ms) before each identity-label look-up after a create without a clear answer (the first at once). */
export const LOOKUP_DELAYS_MS: readonly number[] = [0, 2_000];

/** An issue a create made (or a look-up found). */
interface Made {
  readonly key: string;
  readonly id: number;
}

/** Carries out one plan; one instance per execution. */
export class GitHubExecution {
  private readonly client: GitHubClient;
  private readonly clock: Clock;
  private readonly plan: SyncPlan<GitHubRequest>;
  private readonly hooks: ExecuteHooks;
  private readonly results = new Map<string, OperationResult>();
  private readonly keys: KeyAssignment[] = [];
  /** Story id (upper case) → its issue key, as known so far. */
  private readonly storyKeys = new Map<string, string>();
  /** Operation id → the key it created. */
  private readonly createdKeys = new Map<string, string>();
  /** Issue key → its labels as last written or read (an update and a transition of one issue each start from the other's result). */
  private readonly labels = new Map<string, readonly string[]>();
  private finished = 0;
  private stoppedBy: TrackerError | null = null;

  constructor(args: { client: GitHubClient; clock: Clock; plan: SyncPlan<GitHubRequest>; hooks?: ExecuteHooks }) {
    this.client = args.client;
    this.clock = args.clock;
    this.plan = args.plan;
    this.hooks = args.hooks ?? {};
  }

  /** Runs every operation once; never throws for a failed operation (it is recorded). */
  async run(): Promise<SyncOutcome> {
    const operations = this.plan.operations;
    for (const operation of operations) {
      if (operation.issueKey !== null && operation.subtaskNumber === null) this.storyKeys.set(operation.storyId.toUpperCase(), operation.issueKey);
      const request = operation.request;
      if (request.kind === 'create' && request.level === 'subtask' && request.parentKey !== null) this.storyKeys.set(operation.storyId.toUpperCase(), request.parentKey);
    }
    for (const assignment of this.plan.discoveredKeys) if (assignment.kind === 'story') this.storyKeys.set(assignment.storyId.toUpperCase(), assignment.key);
    if (this.plan.discoveredKeys.length > 0) await this.emitKeys(this.plan.discoveredKeys);

    const byAction = <Kind extends GitHubRequest['kind']>(kind: Kind, ...actions: PlannedOperation['action'][]): GitHubOperation<Kind>[] =>
      actions.flatMap((action) => operations.filter((operation) => operation.action === action))
        .filter((operation): operation is GitHubOperation<Kind> => isGitHubOperation(operation, kind));
    for (const level of ['story', 'subtask'] as const) {
      // Until a look-up finds nothing, each create first looks for an issue a stopped run left behind.
      let lookFirst = true;
      for (const operation of byAction('create', level === 'story' ? 'create_story' : 'create_subtask')) {
        if (this.halted()) break;
        lookFirst = await this.guarded(operation, () => this.create(operation, lookFirst), lookFirst);
      }
    }
    for (const operation of byAction('update', 'update_story', 'update_subtask')) await this.guard(operation, () => this.update(operation));
    for (const operation of byAction('transition', 'transition_story', 'transition_subtask')) await this.guard(operation, () => this.transition(operation));
    const results = operations.map((operation): OperationResult => this.results.get(operation.id)
      ?? { operation, status: 'skipped', issueKey: null, reason: this.skipReason() });
    const stoppedBy = this.stoppedBy === null ? undefined : { kind: this.stoppedBy.kind, message: this.stoppedBy.message, hint: this.stoppedBy.hint };
    return { results, keys: this.keys, stoppedBy };
  }

  private skipReason(): string {
    if (this.cancelled()) return 'cancelled';
    return this.stoppedBy === null ? 'not reached' : 'not reached: the run stopped at the first failure to reach the tracker';
  }

  private record(result: OperationResult): void {
    if (this.results.has(result.operation.id)) return;
    this.results.set(result.operation.id, result);
    this.finished++;
    this.hooks.onProgress?.(this.finished, this.plan.operations.length);
  }

  private fail(operation: PlannedOperation, error: unknown, issueKey: string | null = null): void {
    const trackerError = error instanceof TrackerError ? error : new TrackerError({ kind: 'server', status: null, message: 'Unexpected failure.', hint: 'Sync again.' });
    if (this.stoppedBy === null && STOPPING_KINDS.includes(trackerError.kind)) this.stoppedBy = trackerError;
    this.record({ operation, status: 'failed', issueKey, error: { kind: trackerError.kind, message: trackerError.message, hint: trackerError.hint } });
  }

  private cancelled(): boolean {
    return this.hooks.isCancelled?.() === true;
  }

  /** True when no further request may be sent: cancelled, or stopped by a `STOPPING_KINDS` failure. */
  private halted(): boolean {
    return this.stoppedBy !== null || this.cancelled();
  }

  private async guard(operation: PlannedOperation, step: () => Promise<void>): Promise<void> {
    await this.guarded(operation, async () => { await step(); return true; }, true);
  }

  /** Runs `step` unless halted; a rejection fails the operation. Resolves with `step`'s answer, or `fallback`. */
  private async guarded<T>(operation: PlannedOperation, step: () => Promise<T>, fallback: T): Promise<T> {
    if (this.halted()) return fallback;
    try {
      return await step();
    } catch (error) {
      this.fail(operation, error, this.keyOf(operation));
      return fallback;
    }
  }

  private async emitKeys(batch: readonly KeyAssignment[]): Promise<void> {
    this.keys.push(...batch);
    if (batch.length > 0) await this.hooks.onKeys?.(batch);
  }

  /** The key an operation acts on: planned, or created earlier in this run. */
  private keyOf(operation: PlannedOperation): string | null {
    if (operation.issueKey !== null) return operation.issueKey;
    if (operation.subtaskNumber === null) return this.storyKeys.get(operation.storyId.toUpperCase()) ?? null;
    return this.createdKeys.get(`create_subtask:${operation.storyId}#${operation.subtaskNumber}`) ?? null;
  }

  private number(key: string): number {
    const number = issueNumberOf(key);
    if (number === null) throw new TrackerError({ kind: 'configuration', status: null, message: `${key} is not a GitHub issue key (#NUMBER).`, hint: 'Check the issue keys in the note.' });
    return number;
  }

  // ---- creates ----

  /**
   * One create: the parent known, a look-up first when `lookFirst`, the `POST`, the link to the
   * parent, the key written back. Resolves with whether the next create should look first too.
   */
  private async create(operation: GitHubOperation<'create'>, lookFirst: boolean): Promise<boolean> {
    const request = operation.request;
    const parentKey = request.parentKey ?? this.storyKeys.get(operation.storyId.toUpperCase()) ?? null;
    if (parentKey === null) {
      this.record({ operation, status: 'skipped', issueKey: null, reason: `its story ${operation.storyId} was not created`, afterFailure: true });
      return lookFirst;
    }
    const left = lookFirst ? await this.lookUp(request.label) : null;
    const made = left ?? await this.post(operation);
    if (made === null) return false;
    this.createdKeys.set(operation.id, made.key);
    this.labels.set(made.key, request.labels);
    if (operation.subtaskNumber === null) this.storyKeys.set(operation.storyId.toUpperCase(), made.key);
    let linkError: unknown = null;
    try {
      await this.link(parentKey, made);
    } catch (error) {
      linkError = error;
    }
    // The issue exists either way: its key goes into the note, so a re-run attaches it instead of creating it again.
    if (linkError === null) this.record({ operation, status: 'done', issueKey: made.key });
    else this.fail(operation, linkError, made.key);
    await this.emitKeys([operation.subtaskNumber === null
      ? { kind: 'story', storyId: operation.storyId, key: made.key }
      : { kind: 'subtask', storyId: operation.storyId, number: operation.subtaskNumber, key: made.key }]);
    return left !== null;
  }

  /**
   * `POST /repos/{o}/{r}/issues`. After a failure that may hide a committed write (no answer, 5xx, a
   * rate limit not waited out), the identity label is looked for before anything else happens; only
   * after an answered failure and a look-up that found nothing is the create sent once more.
   */
  private async post(operation: GitHubOperation<'create'>): Promise<Made | null> {
    const request = operation.request;
    const body: Record<string, unknown> = { title: request.title, labels: request.labels };
    if (request.body !== null) body.body = request.body;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const answer = await this.client.request({ method: 'POST', path: this.client.repoPath('/issues'), body, safety: 'create', what: `create the issue "${request.title}"`, expect: { object: ['id', 'number'] } });
        return madeOf(answer.body);
      } catch (error) {
        const unclear = error instanceof TrackerError && (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'server' || error.kind === 'rateLimit');
        if (!unclear) throw error;
        this.client.notice(`create the issue "${request.title}" got no clear answer: looking for it by its label ${request.label} before anything is sent again.`);
        for (const delay of LOOKUP_DELAYS_MS) {
          if (delay > 0) await this.clock.sleep(delay);
          const found = await this.lookUp(request.label);
          if (found !== null) return found;
        }
        const answered = error.status !== null && !STOPPING_KINDS.includes(error.kind);
        if (attempt === 1 || !answered) throw error;
      }
    }
    return null;
  }

  /** The issue carrying `label` (the lowest number when several do), or null. */
  private async lookUp(label: string): Promise<Made | null> {
    const found = (await issuesWithLabel(this.client, label))[0];
    return found === undefined ? null : { key: found.remote.key, id: found.id };
  }

  /**
   * Makes `made` a sub-issue of `parentKey` (`POST …/issues/{parent}/sub_issues` with its id). A
   * refusal (422) after which GitHub names `parentKey` as its parent counts as done: a retried
   * link whose first attempt went through, or an issue a stopped run already linked.
   */
  private async link(parentKey: string, made: Made): Promise<void> {
    const parent = this.number(parentKey);
    try {
      await this.client.request({ method: 'POST', path: this.client.repoPath(`/issues/${parent}/sub_issues`), body: { sub_issue_id: made.id }, what: `add ${made.key} as a sub-issue of ${parentKey}` });
    } catch (error) {
      if (!(error instanceof TrackerError) || error.kind !== 'validation') throw error;
      if (await readParentKey(this.client, this.number(made.key)) !== parentKey) throw error;
    }
  }

  // ---- updates and transitions ----

  private async update(operation: GitHubOperation<'update'>): Promise<void> {
    const key = this.keyOf(operation);
    if (key === null) return this.record({ operation, status: 'skipped', issueKey: null, reason: 'its issue was not created', afterFailure: true });
    const request = operation.request;
    const body: Record<string, unknown> = {};
    if (request.title !== undefined) body.title = request.title;
    if (request.body !== undefined) body.body = request.body;
    if (request.labels !== undefined) body.labels = applyLabelEdit(this.labels.get(key) ?? request.currentLabels, request.labels);
    if (Object.keys(body).length > 0) await this.patch(key, body, `update ${key}`);
    if (request.attach !== undefined) await this.link(request.attach.parentKey, { key, id: request.attach.id });
    this.record({ operation, status: 'done', issueKey: key });
  }

  private async transition(operation: GitHubOperation<'transition'>): Promise<void> {
    const key = this.keyOf(operation);
    if (key === null) return this.record({ operation, status: 'skipped', issueKey: null, reason: 'its issue was not created', afterFailure: true });
    const request = operation.request;
    const current = this.labels.get(key) ?? request.currentLabels;
    const labels = transitionLabels(current, request.state);
    const body: Record<string, unknown> = { state: request.state.state };
    if (request.state.stateReason !== null) body.state_reason = request.state.stateReason;
    if (labels.length !== current.length || labels.some((label, index) => label !== current[index])) body.labels = labels;
    await this.patch(key, body, `move ${key} to ${request.target}`);
    this.record({ operation, status: 'done', issueKey: key, reached: remoteStatusOf(request.state.state, request.state.stateReason, labels).name });
  }

  /** `PATCH /repos/{o}/{r}/issues/{n}`; remembers the labels GitHub answers with. */
  private async patch(key: string, body: Record<string, unknown>, what: string): Promise<void> {
    const answer = await this.client.request({ method: 'PATCH', path: this.client.repoPath(`/issues/${this.number(key)}`), body, what, expect: { object: ['number'] } });
    const labels = asRecord(answer.body).labels;
    if (Array.isArray(labels)) this.labels.set(key, labels.map((label) => (typeof label === 'string' ? label : asString(asRecord(label).name) ?? '')).filter((label) => label !== ''));
    else if (Array.isArray(body.labels)) this.labels.set(key, body.labels as string[]);
  }
}

/** The key and id of a created issue from GitHub's answer. */
function madeOf(body: unknown): Made {
  const record = asRecord(body);
  const number = asNumber(record.number);
  const id = asNumber(record.id);
  if (number === null || id === null) throw new TrackerError({ kind: 'server', status: null, message: 'GitHub answered a create without the new issue\'s number and id.', hint: 'Sync again: the identity label finds the issue if it exists.' });
  return { key: issueKey(number), id };
}
