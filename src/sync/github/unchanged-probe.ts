/**
 * The no-op probe of a two-way re-sync on GitHub (docs/sync-record.md "Request budget"): two
 * requests, whatever the epic's size (up to 100 stories and 100 changed issues), prove that none of
 * the epic's issues changed, appeared or vanished since the sync record was read; any doubt answers
 * false, and the run reads everything.
 * 1. `GET …/issues/{epic}/sub_issues`: the stories, each with its own `updated_at` and its
 *    `sub_issues_summary.total`. Every story must be a recorded one with its recorded stamp, as many
 *    as the record has, and each must have as many sub-issues as the record has subtasks for it (a
 *    subtask added or removed changes that count; a story added or removed changes the list).
 * 2. `GET …/issues?state=all&since=S` with S the earliest recorded subtask stamp: a subtask changed
 *    after the read its stamp came from has a later `updated_at` than S, so it is listed, and its
 *    stamp differs from the record's (the earliest, not the latest: a record may keep an older
 *    stamp on purpose, for an issue whose change a run left for later). Unrelated issues of the
 *    repository may be listed too: they are ignored (a new sub-issue shows in step 1's counts).
 *    More than one page of them is doubt.
 */
import type { SyncRecord } from '../record/types';
import type { GitHubClient } from './client';
import { asArray } from '../jira/json';
import { issueKey } from './issue-ref';
import { readGitHubIssue, readSubIssues } from './read';

/** True only when the record proves that the epic `epicNumber` is as it was (see the file comment). */
export async function epicUnchangedSince(client: GitHubClient, epicNumber: number, record: SyncRecord): Promise<boolean> {
  const entries = record.entries;
  if (entries.length === 0 || entries.some((entry) => entry.updated === null)) return false;
  const stamps = new Map(entries.map((entry) => [entry.key.toUpperCase(), entry.updated]));
  const stories = entries.filter((entry) => entry.subtask === null);
  const subtaskCount = new Map<string, number>();
  for (const entry of entries) if (entry.subtask !== null) subtaskCount.set(entry.story, (subtaskCount.get(entry.story) ?? 0) + 1);

  const remote = await readSubIssues(client, epicNumber);
  if (remote.length !== stories.length) return false;
  for (const story of remote) {
    const entry = stories.find((candidate) => candidate.key.toUpperCase() === story.remote.key.toUpperCase());
    if (entry === undefined || story.remote.updated !== entry.updated || story.subIssues !== (subtaskCount.get(entry.story) ?? 0)) return false;
  }

  const subtaskStamps = entries.filter((entry) => entry.subtask !== null).map((entry) => entry.updated ?? '');
  if (subtaskStamps.length === 0) return true;
  const since = subtaskStamps.reduce((earliest, stamp) => (stamp < earliest ? stamp : earliest));
  // One page only: more changed issues than a page holds is reason enough to read everything.
  const answer = await client.request({ method: 'GET', path: client.repoPath('/issues'), query: { state: 'all', since, sort: 'updated', direction: 'desc', per_page: '100' }, what: 'look for changed issues', expect: { list: true } });
  if (answer.headers.link?.includes('rel="next"') === true) return false;
  const subtaskKeys = new Set(entries.filter((entry) => entry.subtask !== null).map((entry) => entry.key.toUpperCase()));
  for (const item of asArray(answer.body)) {
    const issue = readGitHubIssue(item, null);
    const key = issueKey(issue.number).toUpperCase();
    if (issue.pullRequest || !subtaskKeys.has(key)) continue;
    if (stamps.get(key) !== issue.remote.updated) return false;
  }
  return true;
}
