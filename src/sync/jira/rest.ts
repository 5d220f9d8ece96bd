/**
 * Every Jira REST operation the adapter calls, one typed function each: method, path, query, the
 * request body's type and the answer's type, named after the operation's `operationId` in Jira's
 * OpenAPI description (testing/contracts) where that name reads well. The rest of the adapter calls
 * Jira only through these; `JiraClient` adds the base URL, auth, retries and the error map.
 *
 * Answers are typed as far as they are checked (style.md 9, tolerant reading): the object or list
 * Jira documents, with the fields the adapter reads named and typed `unknown` (a field may be
 * missing or of another type on some site); callers read those values with `json.ts`.
 */
import type { HttpRequest } from '../http';
import type { JiraAnswer, JiraCall, JiraClient } from './client';
import { asArray, asRecord, type AnswerShape } from '../json';

/** One operation of Jira's REST API: its `operationId` (Jira Cloud v3), method and path template. */
export interface RestOperation {
  readonly operationId: string;
  readonly method: HttpRequest['method'];
  /** Path under the REST base (`/rest/api/3` or `/2`), `{name}` for a path parameter. */
  readonly path: string;
}

/** The operations the adapter uses, by the name of the function that calls each. */
export const JIRA_REST_OPERATIONS = {
  getFields: { operationId: 'getFields', method: 'GET', path: '/field' },
  getProject: { operationId: 'getProject', method: 'GET', path: '/project/{projectIdOrKey}' },
  getCreateIssueMetaIssueTypeId: { operationId: 'getCreateIssueMetaIssueTypeId', method: 'GET', path: '/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}' },
  getPriorities: { operationId: 'getPriorities', method: 'GET', path: '/priority' },
  getCurrentUser: { operationId: 'getCurrentUser', method: 'GET', path: '/myself' },
  getIssue: { operationId: 'getIssue', method: 'GET', path: '/issue/{issueIdOrKey}' },
  searchJql: { operationId: 'searchAndReconsileIssuesUsingJqlPost', method: 'POST', path: '/search/jql' },
  searchForIssues: { operationId: 'searchForIssuesUsingJqlPost', method: 'POST', path: '/search' },
  countIssues: { operationId: 'countIssues', method: 'POST', path: '/search/approximate-count' },
  createIssues: { operationId: 'createIssues', method: 'POST', path: '/issue/bulk' },
  editIssue: { operationId: 'editIssue', method: 'PUT', path: '/issue/{issueIdOrKey}' },
  getTransitions: { operationId: 'getTransitions', method: 'GET', path: '/issue/{issueIdOrKey}/transitions' },
  doTransition: { operationId: 'doTransition', method: 'POST', path: '/issue/{issueIdOrKey}/transitions' },
  addComment: { operationId: 'addComment', method: 'POST', path: '/issue/{issueIdOrKey}/comment' },
} as const satisfies Record<string, RestOperation>;

/**
 * A JSON object of a Jira answer as far as the adapter relies on it: the fields Jira documents under
 * these names, each possibly missing or of another type. Other fields pass through unread.
 */
export type Answered<Field extends string> = { readonly [Name in Field]?: unknown };

/** One field of `GET /field` (Jira's `FieldDetails`). */
export type FieldBean = Answered<'id' | 'name'>;
/** One issue type of a project (Jira's `IssueTypeDetails`). */
export type IssueTypeBean = Answered<'id' | 'name' | 'subtask'>;
/** `GET /project/{key}` (Jira's `Project`), as far as sync reads it. */
export interface ProjectBean { readonly issueTypes: readonly IssueTypeBean[] }
/** One field of a create screen (Jira's `FieldCreateMetadata`). */
export type CreateFieldBean = Answered<'fieldId'>;
/** One priority of `GET /priority` (Jira's `Priority`). */
export type PriorityBean = Answered<'name'>;
/** `GET /myself` (Jira's `User`). */
export type UserBean = Answered<'displayName'>;
/** One issue of a read or a search (Jira's `IssueBean`): `fields` holds the fields asked for. */
export type IssueBean = Answered<'id' | 'key' | 'fields'>;
/**
 * One page of a search: Cloud's `POST /search/jql` pages with `nextPageToken` and `isLast`, Data
 * Center's `POST /search` with `startAt` and `total`.
 */
export interface SearchPage extends Answered<'nextPageToken' | 'isLast' | 'total'> {
  readonly issues: readonly IssueBean[];
}
/** `POST /search/approximate-count` (Cloud only). */
export type IssueCount = Answered<'count'>;
/** `GET /issue/{key}/transitions`: the list `status.ts` `readTransitions` reads. */
export type TransitionsBean = Answered<'transitions'>;
/** `POST /issue/bulk` (Jira's `CreatedIssues`): the new issues in order, and the refused elements. */
export interface CreatedIssues {
  readonly issues: readonly Answered<'id' | 'key'>[];
  readonly errors: readonly Answered<'failedElementNumber' | 'elementErrors'>[];
}

/** Body of Cloud's `POST /search/jql` (`SearchAndReconcileRequestBean`). */
export interface SearchJqlRequest {
  readonly jql: string;
  readonly fields: readonly string[];
  readonly maxResults: number;
  /** The previous page's token; absent for the first page. */
  readonly nextPageToken?: string;
}
/** Body of Data Center's `POST /search` (`SearchRequestBean`). */
export interface SearchRequest {
  readonly jql: string;
  readonly fields: readonly string[];
  readonly startAt: number;
  readonly maxResults: number;
}
/** The fields of one issue to create or edit, by field id (`summary`, and the site's own ids found by name in `site.ts`). */
export type IssueFields = Readonly<Record<string, unknown>>;

/** `GET /field`: every field of the site (a list, or the address is not Jira). */
export async function getFields(client: JiraClient): Promise<readonly FieldBean[]> {
  const answer = await send(client, 'getFields', [], { what: 'read the field list', expect: { list: true } });
  return asArray(answer.body).map(asRecord);
}

/** `GET /project/{key}`: the project with its issue types. */
export async function getProject(client: JiraClient, projectKey: string): Promise<ProjectBean> {
  const answer = await send(client, 'getProject', [projectKey], { what: `read the project ${projectKey}` });
  return { issueTypes: asArray(asRecord(answer.body).issueTypes).map(asRecord) };
}

/**
 * `GET /issue/createmeta/{project}/issuetypes/{id}`: the create screen of one issue type, up to 200
 * fields. Cloud lists them under `fields`, Data Center under `values`.
 */
export async function getCreateIssueMetaIssueTypeId(client: JiraClient, projectKey: string, issueTypeId: string): Promise<readonly CreateFieldBean[]> {
  const answer = await send(client, 'getCreateIssueMetaIssueTypeId', [projectKey, issueTypeId], { query: { maxResults: '200' }, what: 'read the create screen' });
  const record = asRecord(answer.body);
  return asArray(record.fields ?? record.values).map(asRecord);
}

/** `GET /priority`: the site's priorities. */
export async function getPriorities(client: JiraClient): Promise<readonly PriorityBean[]> {
  const answer = await send(client, 'getPriorities', [], { what: 'read the priorities' });
  return asArray(answer.body).map(asRecord);
}

/** `GET /myself`: the signed-in account (an object, or the address is not Jira). */
export async function getCurrentUser(client: JiraClient): Promise<UserBean> {
  const answer = await send(client, 'getCurrentUser', [], { what: 'read the signed-in account', expect: { object: [] } });
  return asRecord(answer.body);
}

/**
 * `GET /issue/{key}?fields=…`: one issue with the fields asked for. `what` names the read in error
 * messages ("read the epic INFRA-100"; default "read KEY"). An answer without `key` and `fields`
 * is not Jira's.
 */
export async function getIssue(client: JiraClient, key: string, fields: readonly string[], what = `read ${key}`): Promise<IssueBean> {
  const answer = await send(client, 'getIssue', [key], { query: { fields: fields.join(',') }, what, expect: { object: ['key', 'fields'] } });
  return asRecord(answer.body);
}

/** Cloud's `POST /search/jql`: one page of issues; `what` names the search in error messages. */
export async function searchJql(client: JiraClient, body: SearchJqlRequest, what: string): Promise<SearchPage> {
  return searchPage(client, 'searchJql', body, what);
}

/** Data Center's `POST /search`: one page of issues from `startAt`; `what` names the search in error messages. */
export async function searchForIssues(client: JiraClient, body: SearchRequest, what: string): Promise<SearchPage> {
  return searchPage(client, 'searchForIssues', body, what);
}

/** Cloud's `POST /search/approximate-count`: about how many issues the JQL finds. */
export async function countIssues(client: JiraClient, jql: string, what: string): Promise<IssueCount> {
  const answer = await send(client, 'countIssues', [], { body: { jql }, what, expect: { object: ['count'] } });
  return asRecord(answer.body);
}

/**
 * `POST /issue/bulk`: creates up to 50 issues in one call; a create, never blindly retried. With
 * the answer's HTTP status (said when Jira answers without a new key).
 */
export async function createIssues(client: JiraClient, issues: readonly IssueFields[]): Promise<{ readonly status: number; readonly body: CreatedIssues }> {
  const answer = await send(client, 'createIssues', [], { body: { issueUpdates: issues.map((fields) => ({ fields })) }, safety: 'create', what: `create ${issues.length} issue(s)`, expect: { object: ['issues'] } });
  const record = asRecord(answer.body);
  return { status: answer.status, body: { issues: asArray(record.issues).map(asRecord), errors: asArray(record.errors).map(asRecord) } };
}

/** `PUT /issue/{key}`: sets the given fields (Jira answers 204, no body). */
export async function editIssue(client: JiraClient, key: string, fields: IssueFields): Promise<void> {
  await send(client, 'editIssue', [key], { body: { fields }, what: `update ${key}` });
}

/** `GET /issue/{key}/transitions`: the transitions the issue's workflow offers from its status. */
export async function getTransitions(client: JiraClient, key: string): Promise<TransitionsBean> {
  const answer = await send(client, 'getTransitions', [key], { what: `read the transitions of ${key}` });
  return asRecord(answer.body);
}

/** `POST /issue/{key}/transitions`: takes the transition `transitionId`; `toName` (its target status) names it in errors. */
export async function doTransition(client: JiraClient, key: string, transitionId: string, toName: string): Promise<void> {
  await send(client, 'doTransition', [key], { body: { transition: { id: transitionId } }, what: `move ${key} to ${toName}` });
}

/** `POST /issue/{key}/comment`: adds a comment (an ADF document on Cloud, wiki text on Data Center); a create, never blindly retried. */
export async function addComment(client: JiraClient, key: string, body: unknown): Promise<void> {
  await send(client, 'addComment', [key], { body: { body }, safety: 'create', what: `comment on ${key}` });
}

async function searchPage(client: JiraClient, name: 'searchJql' | 'searchForIssues', body: SearchJqlRequest | SearchRequest, what: string): Promise<SearchPage> {
  const answer = await send(client, name, [], { body, what, expect: SEARCH_SHAPE });
  const record = asRecord(answer.body);
  return { issues: asArray(record.issues).map(asRecord), nextPageToken: record.nextPageToken, isLast: record.isLast, total: record.total };
}

/** What every search answer holds. */
const SEARCH_SHAPE: AnswerShape = { object: ['issues'] };

/** Sends the operation `name` with its path `{parameters}` filled in order from `values`, each URL-encoded. */
function send(client: JiraClient, name: keyof typeof JIRA_REST_OPERATIONS, values: readonly string[], call: Omit<JiraCall, 'method' | 'path'>): Promise<JiraAnswer> {
  const operation: RestOperation = JIRA_REST_OPERATIONS[name];
  let index = 0;
  const path = operation.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[index++] ?? ''));
  return client.request({ ...call, method: operation.method, path });
}
