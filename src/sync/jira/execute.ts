/**
 * Executing a plan on Jira, in the order of docs/sync.md: creates in bulk (≤ 50 per call; keys
 * written back through `onKeys` after each batch), then updates, transitions, comments. A create
 * that fails without a clear answer (network error, 5xx) is never retried blindly: the
 * `spectryn-<id>` labels of its batch are searched for, a few times with growing pauses because
 * Jira's search index lags writes; found issues are taken as created, and only after an answered
 * error is the rest sent once more.
 */
import type { Status } from '../../model/types';
import type { Clock } from '../clock';
import { TrackerError } from '../errors';
import type { ExecuteHooks, KeyAssignment, OperationResult, PlannedOperation, SyncOutcome, SyncPlan } from '../tracker';
import type { JiraClient } from './client';
import type { JiraConfig } from './config';
import { describeJiraErrorBody } from './error-body';
import { asArray, asRecord, asString } from './json';
import { isJiraOperation, type JiraOperation, type JiraRequest } from './plan';
import { quoteKey, searchAll } from './read';
import { noSubtaskTypeError, type SiteFields } from './site';
import type { SiteMetadata } from './site-metadata';
import { chooseTransition, readTransitions, statusMatches, type Transition } from './status';

/** Most issues Jira takes in one bulk create. */
export const BULK_LIMIT = 50;

/**
 * Pauses (ms) before each label search that looks for the issues of an unclear create: Jira's
 * search index lags writes by a few searches or seconds. 7.5 s in all, on the injected clock; the
 * search stops as soon as every label is found.
 */
export const LABEL_SEARCH_DELAYS_MS: readonly number[] = [500, 1_000, 2_000, 4_000];

/** A create with the fields it sends (project, type and parent added). */
type ReadyCreate = { readonly operation: JiraOperation<'create'>; readonly fields: Record<string, unknown> };

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
      ?? { operation, status: 'skipped', issueKey: null, reason: this.cancelled() ? 'cancelled' : 'not reached' });
    return { results, keys: this.keys };
  }

  private record(result: OperationResult): void {
    if (this.results.has(result.operation.id)) return;
    this.results.set(result.operation.id, result);
    this.finished++;
    this.hooks.onProgress?.(this.finished, this.plan.operations.length);
  }

  private fail(operation: PlannedOperation, error: unknown, issueKey: string | null = null): void {
    const trackerError = error instanceof TrackerError ? error : new TrackerError({ kind: 'server', status: null, message: 'Unexpected failure.', hint: 'Sync again.' });
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

  private async guard(operation: PlannedOperation, step: () => Promise<void>): Promise<void> {
    if (this.cancelled()) return;
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
    if (operations.length === 0) return;
    let ready: ReadyCreate[];
    try {
      ready = await this.prepareCreates(operations, level);
    } catch (error) {
      for (const operation of operations) this.fail(operation, error);
      return;
    }
    for (let index = 0; index < ready.length && !this.cancelled(); index += BULK_LIMIT) {
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

  /** One bulk call (plus, after an unclear failure, a label search and one more call for the rest). */
  private async createBatch(batch: readonly ReadyCreate[], level: 'story' | 'subtask'): Promise<KeyAssignment[]> {
    const assigned: KeyAssignment[] = [];
    let pending = [...batch];
    for (let attempt = 0; attempt < 2 && pending.length > 0; attempt++) {
      let answer;
      try {
        answer = await this.client.request({ method: 'POST', path: '/issue/bulk', body: { issueUpdates: pending.map((entry) => ({ fields: entry.fields })) }, safety: 'create', what: `create ${pending.length} issue(s)` });
      } catch (error) {
        const unclear = error instanceof TrackerError && (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'server' || error.kind === 'rateLimit');
        if (!unclear) {
          for (const entry of pending) this.fail(entry.operation, error);
          return assigned;
        }
        // The server may have committed some or all of the batch: look before sending again.
        let found: Map<string, string>;
        try {
          found = await this.findCreated(pending, level);
        } catch (searchError) {
          for (const entry of pending) this.fail(entry.operation, searchError);
          return assigned;
        }
        const stillMissing: typeof pending = [];
        for (const entry of pending) {
          const key = found.get(entry.operation.request.label);
          if (key) assigned.push(this.created(entry.operation, key, level));
          else stillMissing.push(entry);
        }
        // Without an answer the write may still surface in the index later: no second send in
        // this run (a re-run finds it by label). After an answered error, one more send.
        const answered = error instanceof TrackerError && error.status !== null;
        if (attempt === 1 || !answered) {
          for (const entry of stillMissing) this.fail(entry.operation, error);
          return assigned;
        }
        pending = stillMissing;
        continue;
      }
      const body = asRecord(answer.body);
      const failed = new Map<number, string>();
      for (const entry of asArray(body.errors)) {
        const record = asRecord(entry);
        const number = typeof record.failedElementNumber === 'number' ? record.failedElementNumber : -1;
        failed.set(number, JSON.stringify(record.elementErrors ?? {}));
      }
      const issues = asArray(body.issues);
      let next = 0;
      pending.forEach((entry, index) => {
        const elementError = failed.get(index);
        if (elementError !== undefined) {
          this.fail(entry.operation, new TrackerError({ kind: 'validation', status: 400, message: `Jira refused ${entry.operation.summary}: ${describeJiraErrorBody(elementError) || 'no reason given'}`, hint: 'Fix the fields named in the message.' }));
          return;
        }
        const key = asString(asRecord(issues[next++]).key);
        if (key) assigned.push(this.created(entry.operation, key, level));
        else this.fail(entry.operation, new TrackerError({ kind: 'server', status: answer.status, message: 'Jira answered without the new issue key.', hint: 'Sync again: the label finds the issue if it exists.' }));
      });
      pending = [];
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
   * Label → key of the batch's issues that exist: label searches with growing pauses until every
   * label is found or the pauses of `LABEL_SEARCH_DELAYS_MS` are used up (the index lags writes).
   */
  private async findCreated(pending: readonly ReadyCreate[], level: 'story' | 'subtask'): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const labelOf = (entry: ReadyCreate): string => entry.operation.request.label;
    for (const delay of LABEL_SEARCH_DELAYS_MS) {
      const missing = pending.filter((entry) => !found.has(labelOf(entry)));
      if (missing.length === 0) break;
      await this.clock.sleep(delay);
      for (const [label, key] of await this.findByLabels(missing, level)) found.set(label, key);
    }
    return found;
  }

  /** Label → key of issues under the batch's parents carrying the batch's labels. */
  private async findByLabels(pending: readonly ReadyCreate[], level: 'story' | 'subtask'): Promise<Map<string, string>> {
    const labels = pending.map((entry) => entry.operation.request.label);
    const labelClause = `labels in (${labels.map((label) => `"${label}"`).join(', ')})`;
    let scope: string;
    if (level === 'story') {
      scope = this.config.flavor === 'cloud' ? `parent = ${quoteKey(this.plan.epicKey)}` : `"Epic Link" = ${quoteKey(this.plan.epicKey)}`;
    } else {
      const parents = [...new Set(pending.map((entry) => asString(asRecord(entry.fields.parent).key) ?? ''))].filter((key) => key !== '');
      scope = `parent in (${parents.map(quoteKey).join(', ')})`;
    }
    const issues = await searchAll(this.client, `${scope} AND ${labelClause} ORDER BY key ASC`, this.site);
    const found = new Map<string, string>();
    for (const issue of issues) {
      for (const label of issue.labels) if (labels.includes(label) && !found.has(label)) found.set(label, issue.key);
    }
    return found;
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
    await this.client.request({ method: 'PUT', path: `/issue/${encodeURIComponent(key)}`, body: { fields }, what: `update ${key}` });
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
    try {
      if (chosen === null) throw new TrackerError({ kind: 'validation', status: null, message: 'no cached transition fits', hint: '' });
      await this.postTransition(key, chosen, request.target);
    } catch (error) {
      if (!cached || !(error instanceof TrackerError) || error.kind !== 'validation') throw error;
      const own = await this.readIssueTransitions(key);
      const retry = chooseTransition(request.target, own, request.current, this.config.statusMapping ?? {});
      if (retry === null) return this.skip(operation, noTransitionReason(request.target, own), key);
      await this.postTransition(key, retry, request.target);
    }
    this.record({ operation, status: 'done', issueKey: key });
  }

  private async readIssueTransitions(key: string): Promise<readonly Transition[]> {
    const answer = await this.client.request({ method: 'GET', path: `/issue/${encodeURIComponent(key)}/transitions`, what: `read the transitions of ${key}` });
    return readTransitions(answer.body);
  }

  /**
   * Posts a transition. A transition is retried after a lost answer; if Jira then refuses it, the
   * first attempt may have moved the issue already (the transition no longer exists from the new
   * status): the issue's status is read, and one that already means the target counts as done.
   */
  private async postTransition(key: string, transition: Transition, target: Status): Promise<void> {
    try {
      await this.client.request({ method: 'POST', path: `/issue/${encodeURIComponent(key)}/transitions`, body: { transition: { id: transition.id } }, what: `move ${key} to ${transition.to.name}` });
    } catch (error) {
      if (!(error instanceof TrackerError) || error.kind !== 'validation' || !error.afterUncertainRetry) throw error;
      const answer = await this.client.request({ method: 'GET', path: `/issue/${encodeURIComponent(key)}`, query: { fields: 'status' }, what: `read the status of ${key}` });
      const status = asRecord(asRecord(answer.body).fields).status;
      const now = { name: asString(asRecord(status).name) ?? '', category: asString(asRecord(asRecord(status).statusCategory).key) ?? '' };
      if (now.name !== transition.to.name && !statusMatches(target, now, this.config.statusMapping ?? {})) throw error;
    }
  }

  private async comment(operation: JiraOperation<'comment'>): Promise<void> {
    const key = this.keyOf(operation);
    if (key === null) return this.skipAfterFailure(operation, 'its story was not created');
    const request = operation.request;
    // A comment is a create: not retried; a re-run recognises it by content if it was committed.
    await this.client.request({ method: 'POST', path: `/issue/${encodeURIComponent(key)}/comment`, body: { body: request.body }, safety: 'create', what: `comment on ${key}` });
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
