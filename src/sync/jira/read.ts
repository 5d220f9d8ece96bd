/**
 * Reading the remote epic: the epic itself, its stories (paged search), their subtasks (paged
 * search), every compared field in the same requests. Cloud pages with `nextPageToken` on
 * `POST /search/jql`; data center pages with `startAt` on `POST /search`.
 */
import { TrackerError } from '../errors';
import type { RemoteComment, RemoteIssue, RemoteStory } from '../tracker';
import { adfToPlainText } from './adf-normalise';
import type { JiraClient } from './client';
import { asArray, asNumber, asRecord, asString } from '../json';
import { getIssue, searchForIssues, searchJql, type IssueBean, type SearchJqlRequest } from './rest';
import type { SiteFields } from './site';

/** Largest page sync asks for (Jira may return fewer). */
const PAGE_SIZE = 100;
/** Keys per `parent in (…)` clause. */
const KEYS_PER_QUERY = 50;

/** The fields every search asks for. */
export function searchFields(fields: SiteFields): string[] {
  const list = ['summary', 'description', 'status', 'priority', 'labels', 'parent', 'issuetype', 'comment', 'updated'];
  for (const field of pointsFields(fields)) list.push(field);
  if (fields.epicLink) list.push(fields.epicLink);
  return list;
}

/** The story points field first, then the other candidates (a project may use another one). */
function pointsFields(fields: SiteFields): string[] {
  const list = fields.storyPoints ? [fields.storyPoints] : [];
  for (const candidate of fields.storyPointsCandidates) if (!list.includes(candidate)) list.push(candidate);
  return list;
}

/** The epic as `readEpicIssue` finds it. */
export interface EpicIssue {
  readonly key: string;
  readonly summary: string;
  /** Its issue type name (`Epic`), '' when Jira did not say. */
  readonly issueType: string;
  /** True when the type is an epic: named Epic, or at Jira Cloud's epic hierarchy level (1). */
  readonly isEpic: boolean;
}

/** The epic: `GET /issue/{key}`; a 404 becomes "epic not found". */
export async function readEpicIssue(client: JiraClient, epicKey: string): Promise<EpicIssue> {
  try {
    const record = await getIssue(client, epicKey, ['summary', 'issuetype'], `read the epic ${epicKey}`);
    const fields = asRecord(record.fields);
    const type = asRecord(fields.issuetype);
    const issueType = asString(type.name) ?? '';
    // Localised sites name the type otherwise; cloud's hierarchy level says "epic" in every language.
    const isEpic = issueType === '' || issueType.toLowerCase() === 'epic' || type.hierarchyLevel === 1;
    return { key: asString(record.key) ?? epicKey, summary: asString(fields.summary) ?? '', issueType, isEpic };
  } catch (error) {
    if (error instanceof TrackerError && error.kind === 'notFound') {
      throw new TrackerError({ kind: 'notFound', status: error.status, message: `The epic ${epicKey} was not found.`, hint: 'Check the epic key (frontmatter `epic` or -e) and that the account can see it.' });
    }
    throw error;
  }
}

/** JQL selecting the epic's stories. */
export function storiesJql(client: JiraClient, epicKey: string): string {
  return `${storiesClause(client, epicKey)} ORDER BY key ASC`;
}

/** The JQL condition of the epic's stories, without an order: Data Center links them by Epic Link, Cloud by parent. */
export function storiesClause(client: JiraClient, epicKey: string): string {
  return client.config.flavor === 'datacenter' ? `"Epic Link" = ${quoteKey(epicKey)}` : `parent = ${quoteKey(epicKey)}`;
}

/**
 * One issue by key (`GET /issue/{key}` with the compared fields), for keys the note names that a
 * search did not return: Jira's search index lags behind writes. Null when Jira has no such issue.
 */
export async function fetchIssue(client: JiraClient, key: string, site: SiteFields): Promise<RemoteIssue | null> {
  try {
    return readIssue(await getIssue(client, key, searchFields(site)), site);
  } catch (error) {
    if (error instanceof TrackerError && error.kind === 'notFound') return null;
    throw error;
  }
}

/** Every issue a JQL query finds, all pages. */
export async function searchAll(client: JiraClient, jql: string, site: SiteFields): Promise<RemoteIssue[]> {
  const fields = searchFields(site);
  const raw = client.config.flavor === 'cloud' ? await searchCloud(client, jql, fields) : await searchDataCenter(client, jql, fields);
  return raw.map((issue) => readIssue(issue, site));
}

async function searchCloud(client: JiraClient, jql: string, fields: readonly string[]): Promise<IssueBean[]> {
  const issues: IssueBean[] = [];
  let nextPageToken: string | null = null;
  for (let page = 0; page < 10_000; page++) {
    const body: SearchJqlRequest = nextPageToken === null ? { jql, fields, maxResults: PAGE_SIZE } : { jql, fields, maxResults: PAGE_SIZE, nextPageToken };
    const answer = await searchJql(client, body, 'search issues');
    issues.push(...answer.issues);
    nextPageToken = asString(answer.nextPageToken);
    if (nextPageToken === null || answer.isLast === true) break;
  }
  return issues;
}

async function searchDataCenter(client: JiraClient, jql: string, fields: readonly string[]): Promise<IssueBean[]> {
  const issues: IssueBean[] = [];
  for (let startAt = 0; ;) {
    const answer = await searchForIssues(client, { jql, fields, startAt, maxResults: PAGE_SIZE }, 'search issues');
    const page = answer.issues;
    issues.push(...page);
    startAt += page.length;
    const total = asNumber(answer.total) ?? 0;
    if (page.length === 0 || startAt >= total) break;
  }
  return issues;
}

/** Subtasks of the given stories, grouped by parent key (chunks of 50 keys per query). */
export async function searchSubtasks(client: JiraClient, storyKeys: readonly string[], site: SiteFields): Promise<Map<string, RemoteIssue[]>> {
  const byParent = new Map<string, RemoteIssue[]>();
  for (let index = 0; index < storyKeys.length; index += KEYS_PER_QUERY) {
    const chunk = storyKeys.slice(index, index + KEYS_PER_QUERY);
    const issues = await searchAll(client, `parent in (${chunk.map(quoteKey).join(', ')}) ORDER BY key ASC`, site);
    for (const issue of issues) {
      if (issue.parentKey === null) continue;
      const list = byParent.get(issue.parentKey) ?? [];
      list.push(issue);
      byParent.set(issue.parentKey, list);
    }
  }
  return byParent;
}

/** Stories with their subtasks attached. */
export function attachSubtasks(stories: readonly RemoteIssue[], subtasks: ReadonlyMap<string, RemoteIssue[]>): RemoteStory[] {
  return stories.map((story) => ({ ...story, subtasks: subtasks.get(story.key) ?? [] }));
}

/** Issue keys are `[A-Z][A-Z0-9_]*-\d+`; anything else is quoted so JQL never breaks. */
export function quoteKey(key: string): string {
  return /^[A-Z][A-Z0-9_]*-\d+$/.test(key) ? key : `"${key.replace(/["\\]/g, '')}"`;
}

/** Reads one issue of a search or GET answer tolerantly. */
export function readIssue(record: IssueBean, site: SiteFields): RemoteIssue {
  const fields = asRecord(record.fields);
  const status = asRecord(fields.status);
  const epicLinkValue = site.epicLink ? asString(fields[site.epicLink]) : null;
  const comments: RemoteComment[] = asArray(asRecord(fields.comment).comments).map((entry) => {
    const comment = asRecord(entry);
    const body = comment.body;
    return { id: asString(comment.id) ?? '', text: typeof body === 'string' ? body : adfToPlainText(body) };
  });
  // Data center stories belong to their epic through the Epic Link field, not `parent`.
  const parentKey = asString(asRecord(fields.parent).key) ?? epicLinkValue;
  return {
    id: asString(record.id) ?? '',
    key: asString(record.key) ?? '',
    issueType: asString(asRecord(fields.issuetype).name) ?? '',
    summary: asString(fields.summary) ?? '',
    description: fields.description ?? null,
    status: { name: asString(status.name) ?? '', category: asString(asRecord(status.statusCategory).key) ?? '' },
    priority: asString(asRecord(fields.priority).name),
    labels: asArray(fields.labels).map(asString).filter((label): label is string => label !== null),
    // The first points field with a value: only the one on the issue type's screen can hold one.
    storyPoints: pointsFields(site).map((field) => asNumber(fields[field])).find((value) => value !== null) ?? null,
    parentKey,
    comments,
    updated: asString(fields.updated),
  };
}
