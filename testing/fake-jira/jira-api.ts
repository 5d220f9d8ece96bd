/**
 * The REST operations of the fake site, independent of HTTP: a request (path below
 * /rest/api/3 or /rest/api/2, query, parsed body) in, a status and JSON body out.
 */
import type { FieldErrors, IssueStore } from './issue-store';
import { compileJql } from './jql-evaluator';
import { JqlError, parseJql } from './jql-parser';
import { selectFields, type JiraRenderer } from './render';
import { PRIORITIES, screenFieldIds, siteFields, type IssueTypeInfo, type SiteConfig } from './site-config';
import type { FakeIssue } from './types';
import { availableTransitions } from './workflow';

/** A request below the API prefix. */
export interface ApiRequest {
  readonly method: string;
  /** Path below the API prefix, e.g. '/issue/INFRA-101/transitions'. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** What to answer. `body` undefined → no content. */
export interface ApiReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** Most bulk creates Jira accepts in one call. */
export const BULK_CREATE_LIMIT = 50;

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Jira's error body. */
export function jiraError(status: number, errorMessages: string[], errors: FieldErrors = {}): ApiReply {
  return { status, body: { errorMessages, errors } };
}

const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

type Handler = (request: ApiRequest, params: string[]) => ApiReply;

interface PageToken {
  readonly offset: number;
  readonly jql: string;
}

function encodeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');
}

function decodeToken(text: string): PageToken | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (isRecord(parsed) && typeof parsed.offset === 'number' && typeof parsed.jql === 'string') return { offset: parsed.offset, jql: parsed.jql };
  } catch {
    // fall through: any undecodable token is invalid
  }
  return null;
}

function positiveInt(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : fallback;
}

/** The operations, routed by method and path. */
export class JiraApi {
  private readonly routes: { method: string; pattern: RegExp; handler: Handler }[];
  /** Cloud search lag: created issue key → searches left during which search/jql does not see it. */
  private readonly unindexed = new Map<string, number>();

  constructor(
    private readonly config: SiteConfig,
    private readonly store: IssueStore,
    private readonly render: JiraRenderer,
    private readonly baseUrl: () => string,
  ) {
    const cloud = config.flavor === 'cloud';
    this.routes = [
      { method: 'GET', pattern: /^\/myself$/, handler: () => ({ status: 200, body: this.render.user() }) },
      { method: 'GET', pattern: /^\/field$/, handler: () => this.fields() },
      { method: 'GET', pattern: /^\/priority$/, handler: () => ({ status: 200, body: PRIORITIES.map((p) => ({ self: this.api(`/priority/${p.id}`), id: p.id, name: p.name })) }) },
      { method: 'GET', pattern: /^\/project\/([^/]+)$/, handler: (_r, [key]) => this.project(key ?? '') },
      { method: 'GET', pattern: /^\/issue\/createmeta\/([^/]+)\/issuetypes$/, handler: (r, [key]) => this.createMetaTypes(r, key ?? '') },
      { method: 'GET', pattern: /^\/issue\/createmeta\/([^/]+)\/issuetypes\/([^/]+)$/, handler: (r, [key, id]) => this.createMetaFields(r, key ?? '', id ?? '') },
      { method: 'POST', pattern: /^\/issue\/bulk$/, handler: (r) => this.bulkCreate(r) },
      { method: 'POST', pattern: /^\/issue$/, handler: (r) => this.create(r) },
      { method: 'GET', pattern: /^\/issue\/([^/]+)$/, handler: (r, [key]) => this.withIssue(key, (issue) => ({ status: 200, body: this.render.issue(issue, selectFields(r.query.fields, ['*all'])) })) },
      { method: 'PUT', pattern: /^\/issue\/([^/]+)$/, handler: (r, [key]) => this.withIssue(key, (issue) => this.edit(r, issue)) },
      { method: 'GET', pattern: /^\/issue\/([^/]+)\/transitions$/, handler: (_r, [key]) => this.withIssue(key, (issue) => this.transitions(issue)) },
      { method: 'POST', pattern: /^\/issue\/([^/]+)\/transitions$/, handler: (r, [key]) => this.withIssue(key, (issue) => this.transition(r, issue)) },
      { method: 'GET', pattern: /^\/issue\/([^/]+)\/comment$/, handler: (r, [key]) => this.withIssue(key, (issue) => ({ status: 200, body: this.render.commentPage(issue, positiveInt(r.query.startAt, 0), Math.min(positiveInt(r.query.maxResults, 5000), 5000)) })) },
      { method: 'POST', pattern: /^\/issue\/([^/]+)\/comment$/, handler: (r, [key]) => this.withIssue(key, (issue) => this.comment(r, issue)) },
      ...(cloud
        ? [
          { method: 'GET', pattern: /^\/search\/jql$/, handler: (r: ApiRequest) => this.searchJql(r.query) },
          { method: 'POST', pattern: /^\/search\/jql$/, handler: (r: ApiRequest) => this.searchJql(isRecord(r.body) ? r.body : {}) },
          { method: 'POST', pattern: /^\/search\/approximate-count$/, handler: (r: ApiRequest) => this.approximateCount(isRecord(r.body) ? r.body : {}) },
          { method: 'GET', pattern: /^\/search$/, handler: () => this.searchGone() },
          { method: 'POST', pattern: /^\/search$/, handler: () => this.searchGone() },
        ]
        : [
          { method: 'GET', pattern: /^\/search$/, handler: (r: ApiRequest) => this.searchPaged(r.query) },
          { method: 'POST', pattern: /^\/search$/, handler: (r: ApiRequest) => this.searchPaged(isRecord(r.body) ? r.body : {}) },
        ]),
    ];
  }

  /** Handle a request; 405 for a known path with another method; null when no path matches (the server answers 404). */
  handle(request: ApiRequest): ApiReply | null {
    let pathKnown = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(request.path);
      if (match && route.method === request.method) return route.handler(request, match.slice(1).map(decodeURIComponent));
      pathKnown ||= match !== null;
    }
    return pathKnown ? { status: 405, headers: { allow: this.routes.filter((r) => r.pattern.test(request.path)).map((r) => r.method).join(', ') } } : null;
  }

  /** True when `method` + `path` is a write that changes state (not a search). */
  static isWrite(method: string, path: string): boolean {
    return ['POST', 'PUT', 'DELETE', 'PATCH'].includes(method) && !/\/search(\/jql|\/approximate-count)?$/.test(path);
  }

  private api(path: string): string {
    return `${this.baseUrl()}${this.config.apiPrefix}${path}`;
  }

  private withIssue(key: string | undefined, act: (issue: FakeIssue) => ApiReply): ApiReply {
    const issue = key ? this.store.find(key) : undefined;
    return issue ? act(issue) : jiraError(404, [ISSUE_NOT_FOUND]);
  }

  private fields(): ApiReply {
    const body = siteFields(this.config).map((f) => ({
      id: f.id,
      key: f.id,
      name: f.name,
      custom: f.custom,
      orderable: true,
      navigable: f.navigable,
      searchable: true,
      clauseNames: f.custom ? [`cf[${f.id.replace('customfield_', '')}]`, f.name] : [f.id],
      schema: f.schema,
    }));
    return { status: 200, body };
  }

  private isProject(keyOrId: string): boolean {
    return keyOrId === this.config.projectKey || keyOrId === this.config.projectId;
  }

  private issueTypeJson(type: IssueTypeInfo): Record<string, unknown> {
    return { self: this.api(`/issuetype/${type.id}`), id: type.id, name: type.name, description: '', subtask: type.subtask, hierarchyLevel: type.hierarchyLevel };
  }

  private project(keyOrId: string): ApiReply {
    if (!this.isProject(keyOrId)) return jiraError(404, ['No project could be found with key \'' + keyOrId + '\'.']);
    return {
      status: 200,
      body: {
        self: this.api(`/project/${this.config.projectId}`),
        id: this.config.projectId,
        key: this.config.projectKey,
        name: this.config.projectName,
        projectTypeKey: 'software',
        simplified: false,
        style: 'classic',
        issueTypes: this.config.issueTypes.map((t) => this.issueTypeJson(t)),
      },
    };
  }

  private createMetaTypes(request: ApiRequest, keyOrId: string): ApiReply {
    if (!this.isProject(keyOrId)) return jiraError(404, ['No project could be found with key \'' + keyOrId + '\'.']);
    const startAt = positiveInt(request.query.startAt, 0);
    const maxResults = positiveInt(request.query.maxResults, 50);
    const page = this.config.issueTypes.slice(startAt, startAt + maxResults);
    const issueTypes = page.map((t) => this.issueTypeJson(t));
    // Data Center names the list `values`; cloud `issueTypes`. DC answers both here so either reading works.
    const dcValues = this.config.flavor === 'datacenter' ? { values: issueTypes, isLast: startAt + page.length >= this.config.issueTypes.length } : {};
    return { status: 200, body: { issueTypes, maxResults, startAt, total: this.config.issueTypes.length, ...dcValues } };
  }

  private createMetaFields(request: ApiRequest, keyOrId: string, typeId: string): ApiReply {
    if (!this.isProject(keyOrId)) return jiraError(404, ['No project could be found with key \'' + keyOrId + '\'.']);
    const type = this.config.issueTypes.find((t) => t.id === typeId);
    if (!type) return jiraError(404, ['Issue type with id ' + typeId + ' does not exist or is not in the project.']);
    const byId = new Map(siteFields(this.config).map((f) => [f.id, f]));
    const all = screenFieldIds(this.config, type).flatMap((id) => {
      const field = byId.get(id);
      if (!field) return [];
      const required = id === 'project' || id === 'issuetype' || id === 'summary' || (id === 'parent' && type.subtask);
      return [{ fieldId: id, key: id, name: field.name, required, schema: field.schema, hasDefaultValue: id === 'priority', operations: ['set'] }];
    });
    const startAt = positiveInt(request.query.startAt, 0);
    const maxResults = positiveInt(request.query.maxResults, 50);
    const fields = all.slice(startAt, startAt + maxResults);
    const dcValues = this.config.flavor === 'datacenter' ? { values: fields, isLast: startAt + fields.length >= all.length } : {};
    return { status: 200, body: { fields, maxResults, startAt, total: all.length, ...dcValues } };
  }

  private created(issue: FakeIssue): Record<string, unknown> {
    return { id: issue.id, key: issue.key, self: this.api(`/issue/${issue.id}`) };
  }

  private createIndexed(fields: unknown): ReturnType<IssueStore['create']> {
    const outcome = this.store.create(fields);
    if (outcome.ok && this.config.searchLag > 0) this.unindexed.set(outcome.issue.key, this.config.searchLag);
    return outcome;
  }

  /** Issues search/jql cannot see yet (cloud's index lags), minus those named in `reconcileIssues`; a first page counts one search down. */
  private hiddenFromSearch(reconcile: unknown, countDown: boolean): Set<string> {
    const reconciled = new Set((Array.isArray(reconcile) ? reconcile : typeof reconcile === 'string' ? reconcile.split(',') : []).map(String));
    const hidden = new Set<string>();
    for (const [key, left] of this.unindexed) {
      const issue = this.store.find(key);
      if (issue && !reconciled.has(issue.id)) hidden.add(key);
      if (!countDown) continue;
      if (left <= 1) this.unindexed.delete(key);
      else this.unindexed.set(key, left - 1);
    }
    return hidden;
  }

  private create(request: ApiRequest): ApiReply {
    const body = isRecord(request.body) ? request.body : {};
    const outcome = this.createIndexed(body.fields);
    return outcome.ok ? { status: 201, body: this.created(outcome.issue) } : jiraError(400, outcome.errorMessages, outcome.errors);
  }

  private bulkCreate(request: ApiRequest): ApiReply {
    const updates = isRecord(request.body) && Array.isArray(request.body.issueUpdates) ? request.body.issueUpdates as unknown[] : null;
    if (!updates) return jiraError(400, ['issueUpdates is required.']);
    if (updates.length > BULK_CREATE_LIMIT) return jiraError(400, [`Bulk create is limited to ${BULK_CREATE_LIMIT} issues per request; got ${updates.length}.`]);
    const issues: Record<string, unknown>[] = [];
    const errors: Record<string, unknown>[] = [];
    updates.forEach((update, index) => {
      const outcome = this.createIndexed(isRecord(update) ? update.fields : undefined);
      if (outcome.ok) issues.push(this.created(outcome.issue));
      else errors.push({ status: 400, elementErrors: { errorMessages: outcome.errorMessages, errors: outcome.errors, status: 400 }, failedElementNumber: index });
    });
    // Jira answers 201 when any element was created, 400 when all failed; the body shape is the same.
    return { status: issues.length > 0 || updates.length === 0 ? 201 : 400, body: { issues, errors } };
  }

  private edit(request: ApiRequest, issue: FakeIssue): ApiReply {
    const body = isRecord(request.body) ? request.body : {};
    const outcome = this.store.edit(issue, body.fields, body.update);
    if (!outcome.ok) return jiraError(400, outcome.errorMessages, outcome.errors);
    if (request.query.returnIssue === 'true') return { status: 200, body: this.render.issue(issue, selectFields(undefined, ['*all'])) };
    return { status: 204 };
  }

  private transitions(issue: FakeIssue): ApiReply {
    const transitions = availableTransitions(issue.status, this.config.unreachable).map((t) => ({
      id: t.id,
      name: t.name,
      to: this.render.status(t.to),
      hasScreen: false,
      isGlobal: true,
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: false,
    }));
    return { status: 200, body: { expand: 'transitions', transitions } };
  }

  private transition(request: ApiRequest, issue: FakeIssue): ApiReply {
    const body = isRecord(request.body) ? request.body : {};
    const transition = isRecord(body.transition) ? body.transition : {};
    const id = typeof transition.id === 'string' ? transition.id : '';
    if (id === '' && typeof transition.name !== 'string') return jiraError(400, ['Missing transition id.']);
    const chosen = availableTransitions(issue.status, this.config.unreachable).find((t) => t.id === id);
    if (!chosen) return jiraError(400, [`Transition id '${id}' is not valid for this issue.`]);
    if (isRecord(body.fields) || isRecord(body.update)) {
      const outcome = this.store.edit(issue, body.fields, body.update);
      if (!outcome.ok) return jiraError(400, outcome.errorMessages, outcome.errors);
    }
    issue.status = chosen.to.name;
    issue.updated = this.config.now().toISOString();
    return { status: 204 };
  }

  private comment(request: ApiRequest, issue: FakeIssue): ApiReply {
    const body = isRecord(request.body) ? request.body : {};
    const outcome = this.store.addComment(issue, body.body);
    return outcome.ok ? { status: 201, body: this.render.comment(issue, outcome.comment) } : jiraError(400, [], outcome.errors);
  }

  private searchGone(): ApiReply {
    return jiraError(410, [`The requested API has been removed. Please migrate to the ${this.config.apiPrefix}/search/jql API.`]);
  }

  /** Run `jql`; a JqlError becomes Jira's 400. */
  private run(jql: unknown, requireBounded: boolean): FakeIssue[] | ApiReply {
    const text = typeof jql === 'string' ? jql : '';
    try {
      const compiled = compileJql(parseJql(text), {
        projectKey: this.config.projectKey,
        projectId: this.config.projectId,
        projectName: this.config.projectName,
        issueTypes: this.config.issueTypes,
        findIssue: (keyOrId) => this.store.find(keyOrId),
        epicOf: (issue) => this.store.epicOf(issue),
        now: () => this.config.now(),
        timeZone: this.config.timeZone,
      });
      if (requireBounded && !compiled.bounded) {
        return jiraError(400, ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
      }
      return [...this.store.issues.values()].filter((i) => compiled.matches(i)).sort((a, b) => compiled.compare(a, b));
    } catch (error) {
      if (error instanceof JqlError) return jiraError(400, [error.message]);
      throw error;
    }
  }

  /** Cloud: POST/GET /search/jql with nextPageToken paging; only the requested fields (default: id). */
  private searchJql(params: Record<string, unknown>): ApiReply {
    const jql = typeof params.jql === 'string' ? params.jql : '';
    const result = this.run(jql, true);
    if (!Array.isArray(result)) return result;
    const hidden = this.hiddenFromSearch(params.reconcileIssues, typeof params.nextPageToken !== 'string');
    const found = result.filter((issue) => !hidden.has(issue.key));
    let offset = 0;
    if (typeof params.nextPageToken === 'string' && params.nextPageToken !== '') {
      const token = decodeToken(params.nextPageToken);
      if (!token || token.jql !== jql) return jiraError(400, ['The provided next page token is invalid or expired.']);
      offset = token.offset;
    }
    const size = Math.min(Math.max(positiveInt(params.maxResults, 50), 1), this.config.pageSize);
    const page = found.slice(offset, offset + size);
    const selection = selectFields(params.fields, ['id']);
    const next = offset + page.length;
    const isLast = next >= found.length;
    return {
      status: 200,
      body: {
        issues: page.map((i) => this.render.issue(i, selection)),
        ...(isLast ? {} : { nextPageToken: encodeToken({ offset: next, jql }) }),
        isLast,
      },
    };
  }

  /** Cloud: POST /search/approximate-count, `{count}` of a bounded query (issues the search index does not see yet are not counted, as Jira's count lags writes). */
  private approximateCount(params: Record<string, unknown>): ApiReply {
    const found = this.run(params.jql, true);
    if (!Array.isArray(found)) return found;
    const hidden = this.hiddenFromSearch(undefined, false);
    return { status: 200, body: { count: found.filter((issue) => !hidden.has(issue.key)).length } };
  }

  /** DC: GET/POST /search with startAt/maxResults/total paging; default fields *navigable. */
  private searchPaged(params: Record<string, unknown>): ApiReply {
    const found = this.run(params.jql, false);
    if (!Array.isArray(found)) return found;
    const startAt = positiveInt(params.startAt, 0);
    const maxResults = Math.min(positiveInt(params.maxResults, 50), this.config.pageSize);
    const selection = selectFields(params.fields, ['*navigable']);
    return {
      status: 200,
      body: {
        expand: 'schema,names',
        startAt,
        maxResults,
        total: found.length,
        issues: found.slice(startAt, startAt + maxResults).map((i) => this.render.issue(i, selection)),
      },
    };
  }
}
