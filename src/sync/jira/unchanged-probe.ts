/**
 * The no-op probe of a two-way re-sync (issue 13 item 6, docs/sync-record.md "Request budget"):
 * at most 3 requests, whatever the epic's size and the site's page size, prove that none of the
 * epic's issues changed, appeared or vanished since the sync record was read. Any doubt answers
 * false, and the run then reads everything as before.
 *
 * Why not `updated >= -Nm`: its clock margin always finds the latest recorded issue itself, and a
 * machine clock running behind Jira's by more than the margin would miss a change. Instead the
 * search asks for the most recently updated issues (`ORDER BY updated DESC`) and compares their
 * stamps, Jira's own, with the record's: any change after the last full read has a later stamp
 * than every stamp that read saw, so it comes first and differs from the record.
 */
import type { SyncRecord } from '../record/types';
import type { JiraClient } from './client';
import { asNumber, asRecord, asString } from '../json';
import { quoteKey, readEpicIssue, storiesClause } from './read';
import { countIssues, searchForIssues, searchJql, type IssueBean } from './rest';

/** Issues the probe's search returns (most recently updated first); default 5 fits every page size. */
export const PROBE_RESULTS = 5;

/**
 * True only when (1) the epic is still an epic, (2) the most recently updated of its stories and
 * of the recorded stories' subtasks carry exactly the `updated` stamps the record holds, and (3)
 * they are as many as the record's entries (a deletion bumps no stamp: the count notices it).
 * Requests: `GET /issue/EPIC`, one search, and on Cloud one `POST /search/approximate-count`
 * (Data Center's search answers its `total`). Rejects on a tracker failure, like a read.
 */
export async function epicUnchangedSince(client: JiraClient, epicKey: string, record: SyncRecord): Promise<boolean> {
  const entries = record.entries;
  // A record without every stamp (written before stamps were kept, or a damaged line) cannot prove anything.
  if (entries.length === 0 || entries.some((entry) => entry.updated === null)) return false;
  const stamps = new Map(entries.map((entry) => [entry.key.toUpperCase(), entry.updated]));
  const epic = await readEpicIssue(client, epicKey);
  if (!epic.isEpic) return false;
  const storyKeys = entries.filter((entry) => entry.subtask === null).map((entry) => quoteKey(entry.key));
  const scope = storyKeys.length > 0 ? `${storiesClause(client, epic.key)} OR parent in (${storyKeys.join(', ')})` : storiesClause(client, epic.key);
  const jql = `${scope} ORDER BY updated DESC`;
  const fields = ['updated'];
  let issues: readonly IssueBean[];
  let count: number | null;
  if (client.config.flavor === 'cloud') {
    issues = (await searchJql(client, { jql, fields, maxResults: PROBE_RESULTS }, 'look for changed issues')).issues;
    count = asNumber((await countIssues(client, scope, 'count the epic\'s issues')).count);
  } else {
    const answer = await searchForIssues(client, { jql, fields, startAt: 0, maxResults: PROBE_RESULTS }, 'look for changed issues');
    issues = answer.issues;
    count = asNumber(answer.total);
  }
  if (count !== entries.length || issues.length === 0) return false;
  return issues.every((issue) => {
    const key = asString(issue.key);
    const updated = asString(asRecord(issue.fields).updated);
    return key !== null && updated !== null && stamps.get(key.toUpperCase()) === updated;
  });
}
