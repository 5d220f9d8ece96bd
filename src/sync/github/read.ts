/**
 * Reading a GitHub epic: the epic issue, its sub-issues (the stories), their sub-issues (the
 * subtasks). A GitHub issue becomes a `RemoteIssue` (the interface speaks Jira's words):
 *   id          the issue's `id` (what `sub_issue_id` takes), as a string
 *   key         `#NUMBER`
 *   issueType   `issue`
 *   summary     `title`
 *   description `body`: a markdown string, or null
 *   status      `status.ts`: `open`, `open: in progress`, `closed: completed`, … (category new / indeterminate / done)
 *   priority    the name of its `priority: …` label, or null
 *   labels      every label name (identity, points, priority and status labels included)
 *   storyPoints the number of its `points: …` label, or null
 *   parentKey   the epic's key for a story, the story's for a subtask (null: not known to be under one)
 *   comments    none (comments are not synced to GitHub)
 *   updated     `updated_at`, as GitHub wrote it
 * Pull requests share the numbering and appear in issue lists: they are never taken for issues.
 */
import { TrackerError } from '../errors';
import type { RemoteIssue } from '../tracker';
import { asArray, asNumber, asRecord, asString } from '../json';
import { serverTimeOf, type GitHubClient } from './client';
import { gitHubHint } from './error-body';
import { issueKey } from './issue-ref';
import { pointsOf, priorityNameOf } from './labels';
import { remoteStatusOf } from './status';

/** A GitHub issue as read: the `RemoteIssue`, and what only GitHub needs. */
export interface GitHubIssue {
  readonly remote: RemoteIssue;
  readonly number: number;
  /** The numeric `id` (what `sub_issue_id` takes). */
  readonly id: number;
  /** True for a pull request (issue lists return them too). */
  readonly pullRequest: boolean;
  /** `sub_issues_summary.total`: how many sub-issues it has; null when GitHub did not say. */
  readonly subIssues: number | null;
}

/**
 * An issue's `updated_at` as a stamp the sync record may keep, or null. GitHub stamps whole
 * seconds: a change in the same second as the read that saw the stamp would leave it as it was,
 * and the no-op probe would never see that change. So a stamp not at least one second older than
 * the answer's own time (`serverTime`, the `Date` header) is not kept (null: the next run reads in
 * full, and records it then). Without a server time the stamp is kept.
 */
export function stableStamp(updatedAt: string | null, serverTime: number | null): string | null {
  if (updatedAt === null || serverTime === null) return updatedAt;
  const stamp = Date.parse(updatedAt);
  return Number.isNaN(stamp) || stamp >= serverTime - 1000 ? null : updatedAt;
}

/**
 * Reads one issue of a GitHub answer tolerantly; `parentKey` as the caller knows it; `serverTime`
 * the answer's time (`stableStamp`), null when unknown.
 */
export function readGitHubIssue(value: unknown, parentKey: string | null, serverTime: number | null = null): GitHubIssue {
  const record = asRecord(value);
  const number = asNumber(record.number) ?? 0;
  const labels = asArray(record.labels).map((label) => (typeof label === 'string' ? label : asString(asRecord(label).name))).filter((label): label is string => label !== null && label !== '');
  const summary = asRecord(record.sub_issues_summary);
  const remote: RemoteIssue = {
    id: asString(record.id) ?? '',
    key: issueKey(number),
    issueType: 'issue',
    summary: asString(record.title) ?? '',
    description: asString(record.body),
    status: remoteStatusOf(asString(record.state) ?? 'open', asString(record.state_reason), labels),
    priority: priorityNameOf(labels),
    labels,
    storyPoints: pointsOf(labels),
    parentKey,
    comments: [],
    updated: stableStamp(asString(record.updated_at), serverTime),
  };
  return { remote, number, id: asNumber(record.id) ?? 0, pullRequest: record.pull_request !== undefined && record.pull_request !== null, subIssues: asNumber(summary.total) };
}

/** One issue by number (`GET /repos/{o}/{r}/issues/{n}`); null when GitHub has none (404, 410) or it is a pull request. */
export async function fetchIssue(client: GitHubClient, number: number, parentKey: string | null, what = `read ${issueKey(number)}`): Promise<GitHubIssue | null> {
  try {
    const answer = await client.request({ method: 'GET', path: client.repoPath(`/issues/${number}`), what, expect: { object: ['number'] } });
    const issue = readGitHubIssue(answer.body, parentKey, serverTimeOf(answer.headers));
    return issue.pullRequest ? null : issue;
  } catch (error) {
    if (error instanceof TrackerError && error.kind === 'notFound') return null;
    throw error;
  }
}

/** The epic issue; a missing one (or a pull request) is kind `notFound`, "epic not found". */
export async function readEpic(client: GitHubClient, number: number): Promise<GitHubIssue> {
  const epic = await fetchIssue(client, number, null, `read the epic ${issueKey(number)}`);
  if (epic === null) {
    const { owner, repo } = client.config;
    throw new TrackerError({ kind: 'notFound', status: 404, message: `The epic ${issueKey(number)} was not found in ${owner}/${repo} (or it is a pull request).`, hint: `Check the epic (frontmatter \`epic\` or -e, e.g. ${owner}/${repo}#1) and that the token can see the repository. ${gitHubHint('notFound')}` });
  }
  return epic;
}

/** The sub-issues of issue `number`, every page, with `parentKey` `#number`; pull requests left out. */
export async function readSubIssues(client: GitHubClient, number: number): Promise<GitHubIssue[]> {
  const list = await client.timedList({ method: 'GET', path: client.repoPath(`/issues/${number}/sub_issues`), what: `list the sub-issues of ${issueKey(number)}` });
  return (list?.items ?? []).map((item) => readGitHubIssue(item, issueKey(number), list?.serverTime ?? null)).filter((issue) => !issue.pullRequest);
}

/**
 * The parent of issue `number` (`GET /repos/{o}/{r}/issues/{n}/parent`) as a key, or null when it
 * has none (404).
 */
export async function readParentKey(client: GitHubClient, number: number): Promise<string | null> {
  try {
    const answer = await client.request({ method: 'GET', path: client.repoPath(`/issues/${number}/parent`), what: `read the parent of ${issueKey(number)}`, expect: { object: ['number'] } });
    const parent = asNumber(asRecord(answer.body).number);
    return parent === null ? null : issueKey(parent);
  } catch (error) {
    if (error instanceof TrackerError && error.kind === 'notFound') return null;
    throw error;
  }
}

/**
 * Issues carrying `label` in any state (`GET /repos/{o}/{r}/issues?labels=…&state=all`; the issues
 * list, not the search, which lags behind writes), pull requests left out, lowest number first.
 */
export async function issuesWithLabel(client: GitHubClient, label: string): Promise<GitHubIssue[]> {
  const items = await client.list({ method: 'GET', path: client.repoPath('/issues'), query: { labels: label, state: 'all' }, what: `look for the issue labelled ${label}` });
  return items.map((item) => readGitHubIssue(item, null))
    .filter((issue) => !issue.pullRequest && issue.remote.labels.some((name) => name.toLowerCase() === label.toLowerCase()))
    .sort((a, b) => a.number - b.number);
}
