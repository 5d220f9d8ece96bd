/**
 * The REST operations of the fake GitHub, independent of HTTP: the token's user, the repository,
 * issues (list with GitHub's filters and defaults, get, create, update), issue labels, repository
 * labels and sub-issues. Each answer is GitHub's shape, including its errors.
 */
import { errorBody, type Renderer } from './render';
import { RuleError, type Repository } from './repository';
import type { FakeGitHubIssue } from './types';

/** What the API answers; the server adds the common headers. */
export interface ApiReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A request as the API sees it: `path` without the API prefix. */
export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** The request URL as received (for `Link` headers): origin + prefix + path + query. */
  readonly url: URL;
}

/** The settings the API needs. */
export interface ApiSettings {
  readonly owner: string;
  readonly repo: string;
  /** Largest page answered; `per_page` is honoured up to it (GitHub: 100). */
  readonly maxPageSize: number;
}

const DOCS = 'https://docs.github.com/rest';
const notFound = (): ApiReply => ({ status: 404, body: errorBody(404, 'Not Found', `${DOCS}/issues/issues`) });
const validation = (error: RuleError): ApiReply => ({
  status: 422,
  body: errorBody(422, error.message === 'Validation Failed' ? 'Validation Failed' : error.message, `${DOCS}/issues`, [{ resource: error.resource, code: error.code, ...(error.field === undefined ? {} : { field: error.field }), ...(error.message === 'Validation Failed' ? {} : { message: error.message }) }]),
});

/** POST/PATCH/PUT/DELETE: the requests that may change state. */
export function isWrite(method: string): boolean {
  return ['POST', 'PATCH', 'PUT', 'DELETE'].includes(method.toUpperCase());
}

/** Label names in any of the forms GitHub takes: `["a"]`, `[{name}]`, `{labels: [...]}`. */
function labelNames(value: unknown): string[] | null {
  const list = Array.isArray(value) ? value : value !== null && typeof value === 'object' && Array.isArray((value as { labels?: unknown }).labels) ? (value as { labels: unknown[] }).labels : null;
  if (list === null) return null;
  return list.map((entry) => (typeof entry === 'string' ? entry : String((entry as { name?: unknown }).name ?? '')));
}

/** The operations over one repository. */
export class GitHubApi {
  constructor(private readonly settings: ApiSettings, private readonly repository: Repository, private readonly render: Renderer) {}

  /** Answer a request, or null when no operation of the fake serves this method and path. */
  handle(request: ApiRequest): ApiReply | null {
    const { method, path } = request;
    if (path === '/user' && method === 'GET') return { status: 200, body: this.render.authenticatedUser() };
    const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
    if (!match) return null;
    const [, owner = '', repo = '', rest = ''] = match;
    if (owner.toLowerCase() !== this.settings.owner.toLowerCase() || repo.toLowerCase() !== this.settings.repo.toLowerCase()) return notFound();
    try {
      return this.repositoryRoute(request, rest.replace(/\/$/, ''));
    } catch (error) {
      if (error instanceof RuleError) return validation(error);
      throw error;
    }
  }

  private repositoryRoute(request: ApiRequest, rest: string): ApiReply | null {
    const { method, query, body } = request;
    if (rest === '' && method === 'GET') return { status: 200, body: this.render.repositoryInfo(true) };
    if (rest === '/issues' && method === 'GET') return this.listIssues(request);
    if (rest === '/issues' && method === 'POST') return this.createIssue(body as Record<string, unknown>);
    if (rest === '/labels' && method === 'GET') return this.page(request, [...this.repository.labels.values()].map((l) => this.render.label(l)));
    if (rest === '/labels' && method === 'POST') {
      const input = body as { name: string; color?: string; description?: string };
      const label = this.repository.createLabel(input.name, input.color, input.description);
      return { status: 201, headers: { location: `${request.url.origin}${request.url.pathname}/${encodeURIComponent(label.name)}` }, body: this.render.label(label) };
    }
    const labelMatch = /^\/labels\/([^/]+)$/.exec(rest);
    if (labelMatch && method === 'GET') {
      const label = this.repository.label(decodeURIComponent(labelMatch[1] ?? ''));
      return label ? { status: 200, body: this.render.label(label) } : notFound();
    }
    const issueMatch = /^\/issues\/([^/]+)(\/.*)?$/.exec(rest);
    if (!issueMatch) return null;
    const [, numberText = '', sub = ''] = issueMatch;
    const issue = /^\d+$/.test(numberText) ? this.repository.issues.get(Number(numberText)) : undefined;
    if (!issue) return this.knownIssueRoute(method, sub) ? notFound() : null;
    return this.issueRoute(request, issue, sub, query);
  }

  private knownIssueRoute(method: string, sub: string): boolean {
    return ['', '/labels', '/sub_issues', '/sub_issue', '/parent'].includes(sub) || (sub.startsWith('/labels/') && method === 'DELETE');
  }

  private issueRoute(request: ApiRequest, issue: FakeGitHubIssue, sub: string, query: Readonly<Record<string, string>>): ApiReply | null {
    const { method, body } = request;
    const input = (body ?? {}) as Record<string, unknown>;
    if (sub === '' && method === 'GET') return { status: 200, body: this.render.issue(issue) };
    if (sub === '' && method === 'PATCH') {
      this.repository.edit(issue, {
        title: input.title === undefined || input.title === null ? undefined : String(input.title),
        body: input.body === undefined ? undefined : (input.body as string | null),
        state: input.state as 'open' | 'closed' | undefined,
        stateReason: input.state_reason as FakeGitHubIssue['stateReason'] | undefined,
        labels: input.labels === undefined ? undefined : labelNames(input.labels) ?? [],
      });
      return { status: 200, body: this.render.issue(issue) };
    }
    const labelsOf = (): ApiReply => ({ status: 200, body: issue.labels.map((name) => this.repository.label(name)).filter((l) => l !== undefined).map((l) => this.render.label(l)) });
    if (sub === '/labels' && method === 'GET') return labelsOf();
    if (sub === '/labels' && (method === 'POST' || method === 'PUT')) {
      const names = labelNames(body) ?? [];
      if (method === 'POST') this.repository.addLabels(issue, names);
      else this.repository.edit(issue, { labels: names });
      return labelsOf();
    }
    const removeMatch = /^\/labels\/(.+)$/.exec(sub);
    if (removeMatch && method === 'DELETE') {
      if (!this.repository.removeLabel(issue, decodeURIComponent(removeMatch[1] ?? ''))) return { status: 404, body: errorBody(404, 'Label does not exist', `${DOCS}/issues/labels#remove-a-label-from-an-issue`) };
      return labelsOf();
    }
    if (sub === '/sub_issues' && method === 'GET') {
      return this.page(request, issue.subIssues.map((n) => this.repository.issues.get(n)).filter((i) => i !== undefined).map((i) => this.render.issue(i)), query);
    }
    if (sub === '/sub_issues' && method === 'POST') {
      const { parent } = this.repository.addSubIssue(issue.number, Number(input.sub_issue_id), input.replace_parent === true);
      return { status: 201, headers: { location: `${request.url.origin}${request.url.pathname}` }, body: this.render.issue(parent) };
    }
    if (sub === '/sub_issue' && method === 'DELETE') {
      const removed = this.repository.removeSubIssue(issue, Number(input.sub_issue_id));
      return removed ? { status: 200, body: this.render.issue(removed) } : notFound();
    }
    if (sub === '/parent' && method === 'GET') {
      const parent = issue.parent === null ? undefined : this.repository.issues.get(issue.parent);
      return parent ? { status: 200, body: this.render.issue(parent) } : notFound();
    }
    return null;
  }

  private createIssue(input: Record<string, unknown>): ApiReply {
    const issue = this.repository.create({
      title: String(input.title ?? ''),
      body: typeof input.body === 'string' ? input.body : null,
      labels: input.labels === undefined ? [] : labelNames(input.labels) ?? [],
    });
    return { status: 201, headers: { location: `${this.render.issue(issue).url as string}` }, body: this.render.issue(issue) };
  }

  /**
   * `GET issues`: issues AND pull requests (marked by `pull_request`), `state` open by default,
   * `labels` (all of them, case-insensitive), `since` (updated at or after), `sort`
   * (created|updated|comments, default created) and `direction` (default desc).
   */
  private listIssues(request: ApiRequest): ApiReply {
    const { query } = request;
    const state = query.state ?? 'open';
    if (!['open', 'closed', 'all'].includes(state)) return validation(new RuleError('Validation Failed', 'invalid', 'state'));
    let since: number | null = null;
    if (query.since !== undefined) {
      since = Date.parse(query.since);
      if (!/^\d{4}-\d{2}-\d{2}T/.test(query.since) || Number.isNaN(since)) return validation(new RuleError('Validation Failed', 'invalid', 'since'));
    }
    const wanted = (query.labels ?? '').split(',').map((l) => l.trim().toLowerCase()).filter((l) => l !== '');
    const sort = query.sort ?? 'created';
    const direction = query.direction ?? 'desc';
    const key = (issue: FakeGitHubIssue): number => (sort === 'updated' ? Date.parse(issue.updatedAt) * 1e6 + issue.number : sort === 'comments' ? issue.number : issue.number);
    const issues = [...this.repository.issues.values()]
      .filter((issue) => state === 'all' || issue.state === state)
      .filter((issue) => wanted.every((label) => issue.labels.some((l) => l.toLowerCase() === label)))
      .filter((issue) => since === null || Date.parse(issue.updatedAt) >= since)
      .sort((a, b) => (direction === 'asc' ? key(a) - key(b) : key(b) - key(a)));
    return this.page(request, issues.map((issue) => this.render.issue(issue)));
  }

  /**
   * One page of `items` with GitHub's `Link` header (`first`/`prev`/`next`/`last`, the request's own
   * query with `page` replaced). `per_page` defaults to 30 and is capped at `maxPageSize`; a page
   * past the end is an empty list.
   */
  private page(request: ApiRequest, items: unknown[], query: Readonly<Record<string, string>> = request.query): ApiReply {
    const perPage = Math.min(Math.max(Number(query.per_page ?? 30) || 30, 1), this.settings.maxPageSize, 100);
    const page = Math.max(Number(query.page ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const link = (n: number, rel: string): string => {
      const url = new URL(request.url.href);
      url.searchParams.set('page', String(n));
      return `<${url.href}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, 'prev'));
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'));
    return { status: 200, headers: links.length > 0 ? { link: links.join(', ') } : {}, body: items.slice((page - 1) * perPage, page * perPage) };
  }
}
