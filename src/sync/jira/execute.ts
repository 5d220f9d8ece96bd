/**
 * Executing a plan on Jira, in the order of docs/sync.md: creates in bulk (≤ 50 per call, with
 * label recovery: bulk-create.ts; keys written back through `onKeys` after each batch), then
 * updates, transitions, comments.
 */
import type { Status } from '../../model/types';
import type { Clock } from '../clock';
import { TrackerError } from '../errors';
import { STOPPING_KINDS, type ExecuteHooks, type KeyAssignment, type OperationResult, type PlannedOperation, type SyncOutcome, type SyncPlan } from '../tracker';
import type { JiraClient } from './client';
import type { JiraConfig } from './config';
import { BULK_LIMIT, bulkCreate, type ReadyCreate } from './bulk-create';
import { asRecord, asString } from '../json';
import { isJiraOperation, type JiraOperation, type JiraRequest } from './plan';
import { addComment, doTransition, editIssue, getIssue, getTransitions } from './rest';
import { noSubtaskTypeError, type SiteFields } from './site';
import type { SiteMetadata } from './site-metadata';
import { chooseTransition, readTransitions, statusMatches, type Transition } from './status';

/** Carries out one plan; one instance per execution. */
export class JiraExecution {
  private readonly client: JiraClient;
  private readonly clock: Clock;
  private readonly config: JiraConfig;
  private readonly site: SiteFields;
  private readonly metadata: SiteMetadata;
  private readonly plan: SyncPlan<JiraRequest>;
  private readonly hooks: ExecuteHooks;
  private readonly results = new Map<string, OperationResult>();
  private readonly keys: KeyAssignment[] = [];
  /** Story id (upper case) → its issue key, as known so far. */
  private readonly storyKeys = new Map<string, string>();
  /** Operation id → the key it created. */
  private readonly createdKeys = new Map<string, string>();
  /** Transitions by issue type and current status: issues in the same place share a workflow step. */
  private readonly transitionCache = new Map<string, readonly Transition[]>();
  private finished = 0;
  /** The first failure that makes further requests pointless (`STOPPING_KINDS`), once met. */
  private stoppedBy: TrackerError | null = null;

  constructor(args: { client: JiraClient; config: JiraConfig; site: SiteFields; metadata: SiteMetadata; plan: SyncPlan<JiraRequest>; clock: Clock; hooks?: ExecuteHooks }) {
    this.client = args.client;
    this.clock = args.clock;
    this.config = args.config;
    this.site = args.site;
    this.metadata = args.metadata;
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

    const byAction = <Kind extends JiraRequest['kind']>(kind: Kind, ...actions: PlannedOperation['action'][]): JiraOperation<Kind>[] =>
      actions.flatMap((action) => operations.filter((operation) => operation.action === action))
        .filter((operation): operation is JiraOperation<Kind> => isJiraOperation(operation, kind));
    await this.createAll(byAction('create', 'create_story'), 'story');
    await this.createAll(byAction('create', 'create_subtask'), 'subtask');
    for (const operation of byAction('update', 'update_story', 'update_subtask')) await this.guard(operation, () => this.update(operation));
    for (const operation of byAction('transition', 'transition_story', 'transition_subtask')) await this.guard(operation, () => this.transition(operation));
    for (const operation of byAction('comment', 'add_comment')) await this.guard(operation, () => this.comment(operation));
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

  private skip(operation: PlannedOperation, reason: string, issueKey: string | null = null): void {
    this.record({ operation, status: 'skipped', issueKey, reason });
  }

  /** Skips an operation whose issue a failed create did not make. */
  private skipAfterFailure(operation: PlannedOperation, reason: string): void {
    this.record({ operation, status: 'skipped', issueKey: null, reason, afterFailure: true });
  }

  private cancelled(): boolean {
    return this.hooks.isCancelled?.() === true;
  }

  /** True when no further request may be sent: cancelled, or stopped by a `STOPPING_KINDS` failure. */
  private halted(): boolean {
    return this.stoppedBy !== null || this.cancelled();
  }

  private async guard(operation: PlannedOperation, step: () => Promise<void>): Promise<void> {
    if (this.halted()) return;
    try {
      await step();
    } catch (error) {
      this.fail(operation, error, this.keyOf(operation));
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

  // ---- creates ----

  private async createAll(operations: readonly JiraOperation<'create'>[], level: 'story' | 'subtask'): Promise<void> {
    if (operations.length === 0 || this.halted()) return;
    let ready: ReadyCreate[];
    try {
      ready = await this.prepareCreates(operations, level);
    } catch (error) {
      for (const operation of operations) this.fail(operation, error);
      return;
    }
    for (let index = 0; index < ready.length && !this.halted(); index += BULK_LIMIT) {
      const batch = ready.slice(index, index + BULK_LIMIT);
      const assigned = await this.createBatch(batch, level);
      await this.emitKeys(assigned);
    }
  }

  /**
   * Adds project, issue type and parent. The fields are sent as planned: planning already fitted
   * the story points to the create screens (`points-screen.ts`), so nothing is dropped here.
   */
  private async prepareCreates(operations: readonly JiraOperation<'create'>[], level: 'story' | 'subtask'): Promise<ReadyCreate[]> {
    const type = await this.metadata.typeOf(level);
    if (type === null) throw noSubtaskTypeError(this.config.projectKey);
    const ready: ReadyCreate[] = [];
    for (const operation of operations) {
      // A priority check that could not reach the site stops the rest: they are skipped, not tried.
      if (this.halted()) break;
      const request = operation.request;
      const fields: Record<string, unknown> = { project: { key: this.config.projectKey }, issuetype: { id: type.id }, ...request.fields };
      try {
        await this.checkPriority(fields);
      } catch (error) {
        this.fail(operation, error);
        continue;
      }
      if (level === 'story') {
        if (this.config.flavor === 'cloud') fields.parent = { key: this.plan.epicKey };
        else if (this.site.epicLink) fields[this.site.epicLink] = this.plan.epicKey;
      } else {
        const parentKey = request.parentKey ?? this.storyKeys.get(operation.storyId.toUpperCase()) ?? null;
        if (parentKey === null) {
          this.skipAfterFailure(operation, `its story ${operation.storyId} was not created`);
          continue;
        }
        fields.parent = { key: parentKey };
      }
      ready.push({ operation, fields });
    }
    return ready;
  }

  /** One bulk create of `batch` (with label recovery, see bulk-create.ts); each outcome recorded in order. */
  private async createBatch(batch: readonly ReadyCreate[], level: 'story' | 'subtask'): Promise<KeyAssignment[]> {
    const assigned: KeyAssignment[] = [];
    const outcomes = await bulkCreate({ client: this.client, clock: this.clock, site: this.site, flavor: this.config.flavor, epicKey: this.plan.epicKey, level, batch });
    for (const outcome of outcomes) {
      if ('key' in outcome) assigned.push(this.created(outcome.entry.operation, outcome.key, level));
      else this.fail(outcome.entry.operation, outcome.error);
    }
    return assigned;
  }

  private created(operation: PlannedOperation, key: string, level: 'story' | 'subtask'): KeyAssignment {
    this.createdKeys.set(operation.id, key);
    this.record({ operation, status: 'done', issueKey: key });
    if (level === 'story') {
      this.storyKeys.set(operation.storyId.toUpperCase(), key);
      return { kind: 'story', storyId: operation.storyId, key };
    }
    return { kind: 'subtask', storyId: operation.storyId, number: operation.subtaskNumber ?? 0, key };
  }

  /**
   * Checks a `priority: {name}` field against the site's priorities (read once): the site's own
   * spelling is used; a name the site does not have fails the operation before anything is sent.
   */
  private async checkPriority(fields: Record<string, unknown>): Promise<void> {
    const name = asString(asRecord(fields.priority).name);
    if (name === null) return;
    const priorities = await this.metadata.priorityNames();
    if (priorities === null) return;
    const found = priorities.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (found === undefined) {
      throw new TrackerError({
        kind: 'validation',
        status: null,
        message: `The priority "${name}" does not exist on this site (it has ${priorities.join(', ') || 'none'}).`,
        hint: 'Fix the priority mapping in the settings.',
      });
    }
    fields.priority = { name: found };
  }

  // ---- updates, transitions, comments ----

  private async update(operation: JiraOperation<'update'>): Promise<void> {
    const key = this.keyOf(operation);
    if (key === null) return this.skipAfterFailure(operation, 'its issue was not created');
    const request = operation.request;
    const fields = { ...request.fields };
    await this.checkPriority(fields);
    await editIssue(this.client, key, fields);
    this.record({ operation, status: 'done', issueKey: key });
  }

  /**
   * Moves an issue towards the target status. The transitions of the first issue of a given type
   * and status are reused for the next ones (one GET instead of one per issue); if Jira refuses a
   * reused transition, this issue's own list is read and tried once.
   */
  private async transition(operation: JiraOperation<'transition'>): Promise<void> {
    const key = this.keyOf(operation);
    if (key === null) return this.skipAfterFailure(operation, 'its issue was not created');
    const request = operation.request;
    const level = operation.subtaskNumber === null ? 'story' : 'subtask';
    const cacheKey = `${request.issueType ?? `new ${level}`}|${request.current?.name ?? 'created'}`;
    const cached = this.transitionCache.get(cacheKey);
    const transitions = cached ?? await this.readIssueTransitions(key);
    if (!cached) this.transitionCache.set(cacheKey, transitions);
    const chosen = chooseTransition(request.target, transitions, request.current, this.config.statusMapping ?? {});
    if (chosen === null && !cached) return this.skip(operation, noTransitionReason(request.target, transitions), key);
    let reached: string;
    try {
      if (chosen === null) throw new TrackerError({ kind: 'validation', status: null, message: 'no cached transition fits', hint: '' });
      await this.postTransition(key, chosen, request.target);
      reached = chosen.to.name;
    } catch (error) {
      if (!cached || !(error instanceof TrackerError) || error.kind !== 'validation') throw error;
      const own = await this.readIssueTransitions(key);
      const retry = chooseTransition(request.target, own, request.current, this.config.statusMapping ?? {});
      if (retry === null) return this.skip(operation, noTransitionReason(request.target, own), key);
      await this.postTransition(key, retry, request.target);
      reached = retry.to.name;
    }
    this.record({ operation, status: 'done', issueKey: key, reached });
  }

  private async readIssueTransitions(key: string): Promise<readonly Transition[]> {
    return readTransitions(await getTransitions(this.client, key));
  }

  /**
   * Posts a transition. A transition is retried after a lost answer; if Jira then refuses it, the
   * first attempt may have moved the issue already (the transition no longer exists from the new
   * status): the issue's status is read, and one that already means the target counts as done.
   */
  private async postTransition(key: string, transition: Transition, target: Status): Promise<void> {
    try {
      await doTransition(this.client, key, transition.id, transition.to.name);
    } catch (error) {
      if (!(error instanceof TrackerError) || error.kind !== 'validation' || !error.afterUncertainRetry) throw error;
      const issue = await getIssue(this.client, key, ['status'], `read the status of ${key}`);
      const status = asRecord(issue.fields).status;
      const now = { name: asString(asRecord(status).name) ?? '', category: asString(asRecord(asRecord(status).statusCategory).key) ?? '' };
      if (now.name !== transition.to.name && !statusMatches(target, now, this.config.statusMapping ?? {})) throw error;
    }
  }

  private async comment(operation: JiraOperation<'comment'>): Promise<void> {
    const key = this.keyOf(operation);
    if (key === null) return this.skipAfterFailure(operation, 'its story was not created');
    const request = operation.request;
    // A comment is a create: not retried; a re-run recognises it by content if it was committed.
    await addComment(this.client, key, request.body);
    this.record({ operation, status: 'done', issueKey: key });
  }
}

/**
 * Why a transition was skipped: no transition of the issue's workflow step leads to the target.
 * Without the issue key (the operation carries it), so that issues in the same place share one
 * reason in the result notice.
 */
function noTransitionReason(target: Status, transitions: readonly Transition[]): string {
  const reachable = transitions.map((transition) => transition.to.name).join(', ') || 'none';
  return `no transition leads to a status meaning "${target}" (reachable: ${reachable}); map one in the settings or move the issue in Jira`;
}
