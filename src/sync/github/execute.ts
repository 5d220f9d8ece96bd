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
import { ExecutionLedger } from '../execution-ledger';
import { STOPPING_KINDS, type ExecuteHooks, type PlannedOperation, type SyncOutcome, type SyncPlan } from '../tracker';
import { asNumber, asRecord, asString } from '../json';
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
  private readonly ledger: ExecutionLedger;
  /** Issue key → its labels as last written or read (an update and a transition of one issue each start from the other's result). */
  private readonly labels = new Map<string, readonly string[]>();

  constructor(args: { client: GitHubClient; clock: Clock; plan: SyncPlan<GitHubRequest>; hooks?: ExecuteHooks }) {
    this.client = args.client;
    this.clock = args.clock;
    this.plan = args.plan;
    this.ledger = new ExecutionLedger(args.plan, args.hooks, (operation) => {
      const request = operation.request as GitHubRequest;
      return request.kind === 'create' ? request.parentKey : null;
    });
  }

  /** Runs every operation once; never throws for a failed operation (it is recorded). */
  async run(): Promise<SyncOutcome> {
    const ledger = this.ledger;
    await ledger.start();
    const operations = this.plan.operations;
    const byAction = <Kind extends GitHubRequest['kind']>(kind: Kind, ...actions: PlannedOperation['action'][]): GitHubOperation<Kind>[] =>
      actions.flatMap((action) => operations.filter((operation) => operation.action === action))
        .filter((operation): operation is GitHubOperation<Kind> => isGitHubOperation(operation, kind));
    for (const level of ['story', 'subtask'] as const) {
      // Until a look-up finds nothing, each create first looks for an issue a stopped run left behind.
      let lookFirst = true;
      for (const operation of byAction('create', level === 'story' ? 'create_story' : 'create_subtask')) {
        if (ledger.halted()) break;
        lookFirst = await ledger.guard(operation, () => this.create(operation, lookFirst), lookFirst);
      }
    }
    for (const operation of byAction('update', 'update_story', 'update_subtask')) await ledger.guard(operation, () => this.update(operation), undefined);
    for (const operation of byAction('transition', 'transition_story', 'transition_subtask')) await ledger.guard(operation, () => this.transition(operation), undefined);
    return ledger.outcome();
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
    const parentKey = request.parentKey ?? this.ledger.storyKey(operation.storyId);
    if (parentKey === null) {
      this.ledger.skipAfterFailure(operation, `its story ${operation.storyId} was not created`);
      return lookFirst;
    }
    const left = lookFirst ? await this.lookUp(request.label) : null;
    const made = left ?? await this.post(operation);
    if (made === null) return false;
    this.ledger.created(operation, made.key);
    this.labels.set(made.key, request.labels);
    let linkError: unknown = null;
    try {
      await this.link(parentKey, made);
    } catch (error) {
      linkError = error;
    }
    // The issue exists either way: its key goes into the note, so a re-run attaches it instead of creating it again.
    if (linkError === null) this.ledger.record({ operation, status: 'done', issueKey: made.key });
    else this.ledger.fail(operation, linkError, made.key);
    await this.ledger.emitKeys([operation.subtaskNumber === null
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
    const key = this.ledger.keyOf(operation);
    if (key === null) return this.ledger.skipAfterFailure(operation, 'its issue was not created');
    const request = operation.request;
    const body: Record<string, unknown> = {};
    if (request.title !== undefined) body.title = request.title;
    if (request.body !== undefined) body.body = request.body;
    if (request.labels !== undefined) body.labels = applyLabelEdit(this.labels.get(key) ?? request.currentLabels, request.labels);
    if (Object.keys(body).length > 0) await this.patch(key, body, `update ${key}`);
    if (request.attach !== undefined) await this.link(request.attach.parentKey, { key, id: request.attach.id });
    this.ledger.record({ operation, status: 'done', issueKey: key });
  }

  private async transition(operation: GitHubOperation<'transition'>): Promise<void> {
    const key = this.ledger.keyOf(operation);
    if (key === null) return this.ledger.skipAfterFailure(operation, 'its issue was not created');
    const request = operation.request;
    const current = this.labels.get(key) ?? request.currentLabels;
    const labels = transitionLabels(current, request.state);
    const body: Record<string, unknown> = { state: request.state.state };
    if (request.state.stateReason !== null) body.state_reason = request.state.stateReason;
    if (labels.length !== current.length || labels.some((label, index) => label !== current[index])) body.labels = labels;
    await this.patch(key, body, `move ${key} to ${request.target}`);
    this.ledger.record({ operation, status: 'done', issueKey: key, reached: remoteStatusOf(request.state.state, request.state.stateReason, labels).name });
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
