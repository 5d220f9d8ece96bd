/**
 * Creating issues in bulk (`POST /issue/bulk`, ≤ `BULK_LIMIT` per call) without ever making one
 * twice (docs/sync.md): a create that fails without a clear answer (network error, 5xx, rate limit)
 * is not resent blindly; the `spectryn-<id>` labels of its batch are searched for, a few times with
 * growing pauses because Jira's search index lags writes. Found issues count as created; only after
 * an answered error is the rest sent once more.
 */
import type { Clock } from '../clock';
import { TrackerError } from '../errors';
import { formatWait } from '../http';
import { STOPPING_KINDS } from '../tracker';
import type { JiraClient } from './client';
import type { JiraFlavor } from './config';
import { describeJiraErrorBody } from './error-body';
import { asRecord, asString } from '../json';
import type { JiraOperation } from './plan';
import { quoteKey, searchAll } from './read';
import { createIssues } from './rest';
import type { SiteFields } from './site';

/** Most issues Jira takes in one bulk create. */
export const BULK_LIMIT = 50;

/**
 * Pauses (ms) before each label search that looks for the issues of an unclear create: Jira's
 * search index lags writes by a few searches or seconds. 7.5 s in all, on the injected clock; the
 * search stops as soon as every label is found.
 */
export const LABEL_SEARCH_DELAYS_MS: readonly number[] = [500, 1_000, 2_000, 4_000];

/** A create with the fields it sends (project, issue type and parent already added). */
export interface ReadyCreate {
  readonly operation: JiraOperation<'create'>;
  readonly fields: Record<string, unknown>;
}

/** How one create of a batch ended: the new key, or the error. */
export type CreateOutcome =
  | { readonly entry: ReadyCreate; readonly key: string }
  | { readonly entry: ReadyCreate; readonly error: unknown };

/** What one bulk create needs: the client, the clock for the pauses, and where label searches look. */
export interface BulkCreateInput {
  readonly client: JiraClient;
  readonly clock: Clock;
  readonly site: SiteFields;
  readonly flavor: JiraFlavor;
  /** The epic stories are created under (label searches look there). */
  readonly epicKey: string;
  readonly level: 'story' | 'subtask';
  /** At most `BULK_LIMIT` creates. */
  readonly batch: readonly ReadyCreate[];
}

/**
 * One bulk call (plus, after an unclear failure, a label search and one more call for the rest).
 * Outcomes come in the order they became known. Rejects only for a bug; tracker errors are outcomes.
 */
export async function bulkCreate(input: BulkCreateInput): Promise<CreateOutcome[]> {
  const { client } = input;
  const outcomes: CreateOutcome[] = [];
  let pending = [...input.batch];
  for (let attempt = 0; attempt < 2 && pending.length > 0; attempt++) {
    let answer;
    try {
      answer = await createIssues(client, pending.map((entry) => entry.fields));
    } catch (error) {
      const unclear = error instanceof TrackerError && (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'server' || error.kind === 'rateLimit');
      if (!unclear) {
        for (const entry of pending) outcomes.push({ entry, error });
        return outcomes;
      }
      // The server may have committed some or all of the batch: look before sending again.
      let found: Map<string, string>;
      try {
        found = await findCreated(input, pending);
      } catch (searchError) {
        for (const entry of pending) outcomes.push({ entry, error: searchError });
        return outcomes;
      }
      const stillMissing: ReadyCreate[] = [];
      for (const entry of pending) {
        const key = found.get(entry.operation.request.label);
        if (key) outcomes.push({ entry, key });
        else stillMissing.push(entry);
      }
      // Without an answer the write may still surface in the index later: no second send in
      // this run (a re-run finds it by label). After an answered error, one more send, unless
      // the run stops at it anyway (a rate limit the sender gave up waiting for).
      const answered = error instanceof TrackerError && error.status !== null;
      const stopping = error instanceof TrackerError && STOPPING_KINDS.includes(error.kind);
      if (attempt === 1 || !answered || stopping) {
        for (const entry of stillMissing) outcomes.push({ entry, error });
        return outcomes;
      }
      pending = stillMissing;
      continue;
    }
    const body = answer.body;
    const failed = new Map<number, string>();
    for (const record of body.errors) {
      const number = typeof record.failedElementNumber === 'number' ? record.failedElementNumber : -1;
      failed.set(number, JSON.stringify(record.elementErrors ?? {}));
    }
    const issues = body.issues;
    let next = 0;
    pending.forEach((entry, index) => {
      const elementError = failed.get(index);
      if (elementError !== undefined) {
        outcomes.push({ entry, error: new TrackerError({ kind: 'validation', status: 400, message: `Jira refused ${entry.operation.summary}: ${describeJiraErrorBody(elementError) || 'no reason given'}`, hint: 'Fix the fields named in the message.' }) });
        return;
      }
      const key = asString(issues[next++]?.key);
      if (key) outcomes.push({ entry, key });
      else outcomes.push({ entry, error: new TrackerError({ kind: 'server', status: answer.status, message: 'Jira answered without the new issue key.', hint: 'Sync again: the label finds the issue if it exists.' }) });
    });
    pending = [];
  }
  return outcomes;
}

/**
 * Label → key of the batch's issues that exist: label searches with growing pauses until every
 * label is found or the pauses of `LABEL_SEARCH_DELAYS_MS` are used up (the index lags writes).
 */
async function findCreated(input: BulkCreateInput, pending: readonly ReadyCreate[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const total = LABEL_SEARCH_DELAYS_MS.reduce((sum, delay) => sum + delay, 0);
  input.client.notice(`create ${pending.length} issue(s) got no clear answer: looking for them by their spectryn labels for up to ${formatWait(total)} before anything is sent again.`);
  for (const delay of LABEL_SEARCH_DELAYS_MS) {
    const missing = pending.filter((entry) => !found.has(entry.operation.request.label));
    if (missing.length === 0) break;
    await input.clock.sleep(delay);
    for (const [label, key] of await findByLabels(input, missing)) found.set(label, key);
  }
  return found;
}

/** Label → key of issues under the batch's parents carrying the batch's labels. */
async function findByLabels(input: BulkCreateInput, pending: readonly ReadyCreate[]): Promise<Map<string, string>> {
  const labels = pending.map((entry) => entry.operation.request.label);
  const labelClause = `labels in (${labels.map((label) => `"${label}"`).join(', ')})`;
  let scope: string;
  if (input.level === 'story') {
    scope = input.flavor === 'cloud' ? `parent = ${quoteKey(input.epicKey)}` : `"Epic Link" = ${quoteKey(input.epicKey)}`;
  } else {
    const parents = [...new Set(pending.map((entry) => asString(asRecord(entry.fields.parent).key) ?? ''))].filter((key) => key !== '');
    scope = `parent in (${parents.map(quoteKey).join(', ')})`;
  }
  const issues = await searchAll(input.client, `${scope} AND ${labelClause} ORDER BY key ASC`, input.site);
  const found = new Map<string, string>();
  for (const issue of issues) {
    for (const label of issue.labels) if (labels.includes(label) && !found.has(label)) found.set(label, issue.key);
  }
  return found;
}
