/**
 * The HTTP side of the fake GitHub: one `node:http` server on 127.0.0.1. Per request: record it
 * (token redacted) → contract check → injected fault → User-Agent and API version → auth →
 * primary rate limit → answer from `GitHubApi` → ETag / 304 → response contract check → send with
 * GitHub's headers (`x-ratelimit-*`, `etag`, `link`). Plain Node only (no jest).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer, readBody, recordHeaders } from '../loopback-server';
import { GitHubApi, isWrite, type ApiReply } from './github-api';
import type { GitHubContract } from './github-contract';
import { errorBody, Renderer, USER_ID } from './render';
import { Repository } from './repository';
import type { FakeGitHub, FakeGitHubIssue, FakeGitHubSeed, FakeGitHubUsage, FaultKind, FaultRule, RecordedRequest, TeammateChange } from './types';

/** The one API version GitHub's REST API answers to here (`X-GitHub-Api-Version`). */
export const SUPPORTED_API_VERSION = '2022-11-28';

/** Everything the server needs, already resolved. */
export interface FakeGitHubSetup {
  readonly token: string;
  readonly owner: string;
  readonly repo: string;
  readonly login: string;
  readonly apiPrefix: string;
  readonly maxPageSize: number;
  readonly rateLimit: number;
  readonly access: 'write' | 'read' | 'none';
  readonly seeds: readonly FakeGitHubSeed[];
  readonly now: () => Date;
  readonly port: number;
  /** Null when requests and responses are not checked. */
  readonly contract: GitHubContract | null;
}

const WINDOW_SECONDS = 3600;

/** A running server; implements the public `FakeGitHub`. */
export class FakeGitHubServer implements FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  private readonly repository: Repository;
  private readonly api: GitHubApi;
  private readonly faults: (FaultRule & { skip: number; times: number })[] = [];
  private readonly server = new LoopbackServer((req, res) => this.onRequest(req, res));
  private windowUsed = 0;
  private windowReset = 0;

  private constructor(private readonly setup: FakeGitHubSetup) {
    this.repository = new Repository(setup.now);
    const render = new Renderer({ apiUrl: () => this.url, webUrl: () => this.webUrl, owner: setup.owner, repo: setup.repo, login: setup.login }, this.repository);
    this.api = new GitHubApi({ owner: setup.owner, repo: setup.repo, maxPageSize: setup.maxPageSize }, this.repository, render);
    for (const seed of setup.seeds) this.repository.create(seed);
  }

  /** Start listening on 127.0.0.1; resolves once the port is known. */
  static async start(setup: FakeGitHubSetup): Promise<FakeGitHubServer> {
    const server = new FakeGitHubServer(setup);
    await server.server.listen(setup.port);
    return server;
  }

  get webUrl(): string {
    return `http://127.0.0.1:${this.server.port}`;
  }

  get url(): string {
    return `${this.webUrl}${this.setup.apiPrefix}`;
  }

  get owner(): string {
    return this.setup.owner;
  }

  get repo(): string {
    return this.setup.repo;
  }

  get issues(): Map<number, FakeGitHubIssue> {
    return this.repository.issues;
  }

  get labels(): FakeGitHub['labels'] {
    return this.repository.labels;
  }

  fail(rule: FaultRule): void {
    this.faults.push({ ...rule, skip: rule.skip ?? 0, times: rule.times ?? 1 });
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((r) => isWrite(r.method) && r.status > 0 && r.status < 400);
  }

  usage(): FakeGitHubUsage {
    return {
      requests: this.requests.length,
      rateLimitUsed: this.requests.filter((r) => r.counted).length,
      notModified: this.requests.filter((r) => r.status === 304).length,
      writes: this.writes().length,
      secondaryPoints: this.requests.reduce((sum, r) => sum + r.points, 0),
    };
  }

  resetUsage(): void {
    this.requests.splice(0);
  }

  teammateChange(number: number, change: TeammateChange): FakeGitHubIssue {
    return this.repository.teammateChange(number, change);
  }

  teammateCreate(seed: FakeGitHubSeed): FakeGitHubIssue {
    return this.repository.create(seed);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    this.serve(req, res).catch((error: unknown) => {
      this.violations.push(`fake GitHub internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      if (!res.headersSent) this.send(res, { status: 500, body: errorBody(500, 'Server Error') }, {});
    });
  }

  private takeFault(method: string, path: string): FaultRule | null {
    const index = this.faults.findIndex((f) => {
      const wanted = f.method?.toUpperCase();
      const methodFits = wanted === undefined || wanted === method || (wanted === 'WRITE' && isWrite(method));
      return methodFits && (f.pathIncludes === undefined || path.includes(f.pathIncludes));
    });
    const rule = this.faults[index];
    if (!rule) return null;
    if (rule.skip > 0) {
      rule.skip -= 1;
      return null;
    }
    rule.times -= 1;
    if (rule.times <= 0) this.faults.splice(index, 1);
    return rule;
  }

  /** The token of an `Authorization` header (`Bearer X` or GitHub's older `token X`), or null. */
  private tokenOf(header: string | undefined): string | null {
    const match = /^(?:bearer|token)\s+(\S+)$/i.exec(header?.trim() ?? '');
    return match?.[1] ?? null;
  }

  /** The primary limit's window: a fresh hour once the reset time has passed. */
  private rateWindow(): { limit: number; used: number; reset: number } {
    const nowSeconds = Math.floor(this.setup.now().getTime() / 1000);
    if (this.windowReset === 0 || nowSeconds >= this.windowReset) {
      this.windowReset = nowSeconds + WINDOW_SECONDS;
      this.windowUsed = 0;
    }
    return { limit: this.setup.rateLimit, used: this.windowUsed, reset: this.windowReset };
  }

  private rateHeaders(): Record<string, string> {
    const { limit, used, reset } = this.rateWindow();
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(limit - used, 0)),
      'x-ratelimit-used': String(used),
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-resource': 'core',
    };
  }

  private send(res: ServerResponse, reply: ApiReply, headers: Record<string, string>): void {
    const all: Record<string, string> = {
      'x-github-api-version-selected': SUPPORTED_API_VERSION,
      'x-github-request-id': `FAKE:${this.requests.length.toString(16).toUpperCase()}`,
      'x-github-media-type': 'github.v3; format=json',
      ...headers,
      ...reply.headers,
    };
    if (reply.body === undefined) {
      res.writeHead(reply.status, all);
      res.end();
      return;
    }
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...all });
    res.end(JSON.stringify(reply.body));
  }

  private faultReply(kind: Exclude<FaultKind, 'drop-after-commit' | 'drop-before-commit'>, rule: FaultRule): ApiReply {
    switch (kind) {
      case 'http-500':
        return { status: 500, body: errorBody(500, 'Server Error') };
      case 'http-502':
        return { status: 502, body: errorBody(502, 'Server Error: Sorry, this diff is taking too long to generate.') };
      case 'secondary-403':
      case 'secondary-429':
        return {
          status: kind === 'secondary-403' ? 403 : 429,
          headers: { 'retry-after': rule.retryAfter ?? '1' },
          body: errorBody(kind === 'secondary-403' ? 403 : 429, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID FAKE.', 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits'),
        };
    }
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', this.webUrl);
    const prefix = this.setup.apiPrefix;
    const underApi = prefix === '' || url.pathname.startsWith(`${prefix}/`);
    const path = url.pathname.slice(prefix.length);
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams.entries()) query[name] = name in query ? `${query[name] ?? ''},${value}` : value;
    let body: unknown;
    let bodyIsJson = true;
    if (rawBody.trim() !== '') {
      try {
        body = JSON.parse(rawBody) as unknown;
      } catch {
        body = rawBody;
        bodyIsJson = false;
      }
    }
    const record: RecordedRequest = { method, path, query, headers: recordHeaders(req), body, status: 0, counted: false, points: 0 };
    this.requests.push(record);
    let template: string | null = null;
    const respond = (reply: ApiReply, headers: Record<string, string> = {}): void => {
      record.status = reply.status;
      if (template !== null && this.setup.contract && reply.body !== undefined) {
        this.violations.push(...this.setup.contract.checkResponse(method, template, reply.status, reply.body));
      }
      this.send(res, reply, headers);
    };

    const contract = this.setup.contract;
    let bodyRejected = false;
    if (contract) {
      if (!underApi) this.violations.push(`${method} ${url.pathname}: not under the API prefix ${prefix}`);
      else {
        const check = contract.checkRequest({ method, path, query, contentType: req.headers['content-type'], rawBody, body: bodyIsJson ? body : undefined });
        this.violations.push(...check.violations);
        bodyRejected = check.bodyRejected;
        template = check.match?.template ?? null;
      }
      if (req.headers['x-github-api-version'] === undefined) this.violations.push(`${method} ${path}: sent without X-GitHub-Api-Version (issue 16: name ${SUPPORTED_API_VERSION})`);
    }

    const fault = this.takeFault(method, path);
    if (fault) record.fault = fault.kind;
    if (fault?.kind === 'drop-before-commit') {
      req.socket.destroy();
      return;
    }
    if (fault && fault.kind !== 'drop-after-commit') {
      respond(this.faultReply(fault.kind, fault));
      return;
    }

    if (!req.headers['user-agent']) {
      respond({ status: 403, body: errorBody(403, 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required).') });
      return;
    }
    const version = req.headers['x-github-api-version'];
    if (typeof version === 'string' && version !== SUPPORTED_API_VERSION) {
      respond({ status: 400, body: errorBody(400, `API version '${version}' is not supported.`, 'https://docs.github.com/rest/overview/api-versions') });
      return;
    }
    const token = this.tokenOf(req.headers.authorization);
    if (token === null) {
      // Anonymous callers see a private repository as missing; only /user says why.
      respond(path === '/user' ? { status: 401, body: errorBody(401, 'Requires authentication', 'https://docs.github.com/rest/users/users#get-the-authenticated-user') } : { status: 404, body: errorBody(404, 'Not Found') });
      return;
    }
    if (token !== this.setup.token) {
      respond({ status: 401, body: errorBody(401, 'Bad credentials') });
      return;
    }
    record.points = isWrite(method) ? 5 : 1;
    const free = path === '/rate_limit';
    const window = this.rateWindow();
    if (!free && window.used >= window.limit) {
      respond({ status: 403, body: errorBody(403, `API rate limit exceeded for user ID ${USER_ID}. If you reach out to GitHub Support for help, please include the request ID FAKE.`, 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api') }, this.rateHeaders());
      return;
    }

    const reply = this.answer(method, path, query, url, body, { underApi, bodyIsJson, bodyRejected, hasBody: rawBody.trim() !== '', contentType: req.headers['content-type'] });
    if (reply === null) {
      if (template !== null && contract) this.violations.push(`${method} ${path}: in the OpenAPI operations but not served by the fake`);
      if (template === null && contract && underApi) this.violations.push(`${method} ${path}: not an operation the fake serves (search and other endpoints are not part of the contract)`);
      respond({ status: 404, body: errorBody(404, 'Not Found') }, this.counted(record));
      return;
    }
    if (method === 'GET' && reply.status === 200) {
      // GitHub's ETag covers the body and the caller (it varies on Authorization).
      const etag = `W/"${createHash('sha256').update(token).update(JSON.stringify(reply.body)).digest('hex').slice(0, 40)}"`;
      reply.headers = { ...reply.headers, etag, 'cache-control': 'private, max-age=60, s-maxage=60', vary: 'Accept, Authorization, Cookie, X-GitHub-OTP' };
      const ifNoneMatch = req.headers['if-none-match'];
      if (typeof ifNoneMatch === 'string' && ifNoneMatch.split(',').map((t) => t.trim()).some((t) => t === etag || t === etag.slice(2) || t === '*')) {
        // A 304 to an authorised conditional request is free (GitHub's rule).
        respond({ status: 304, headers: { etag, 'cache-control': reply.headers['cache-control'] ?? '', vary: reply.headers.vary ?? '' } }, this.rateHeaders());
        return;
      }
    }
    const headers = free ? this.rateHeaders() : this.counted(record);
    if (fault?.kind === 'drop-after-commit') {
      record.status = reply.status;
      req.socket.destroy();
      return;
    }
    respond(reply, headers);
  }

  /** Count `record` against the primary limit; the headers after it. */
  private counted(record: RecordedRequest): Record<string, string> {
    this.rateWindow();
    this.windowUsed += 1;
    record.counted = true;
    return this.rateHeaders();
  }

  private answer(
    method: string,
    path: string,
    query: Record<string, string>,
    url: URL,
    body: unknown,
    facts: { underApi: boolean; bodyIsJson: boolean; bodyRejected: boolean; hasBody: boolean; contentType: string | undefined },
  ): ApiReply | null {
    if (!facts.underApi) return { status: 404, body: errorBody(404, 'Not Found') };
    if (facts.hasBody && !facts.bodyIsJson) return { status: 400, body: errorBody(400, 'Problems parsing JSON') };
    if (facts.bodyRejected) return { status: 422, body: errorBody(422, 'Invalid request.\n\nThe body does not match the API description (see the fake\'s violations).') };
    if (path === '/rate_limit' && method === 'GET') {
      const { limit, used, reset } = this.rateWindow();
      const core = { limit, used, remaining: Math.max(limit - used, 0), reset };
      return { status: 200, body: { resources: { core, search: { limit: 30, used: 0, remaining: 30, reset } }, rate: core } };
    }
    if (isWrite(method) && this.setup.access === 'read' && path.startsWith('/repos/')) {
      return { status: 403, body: errorBody(403, 'Resource not accessible by personal access token', 'https://docs.github.com/rest/issues/issues#create-an-issue') };
    }
    if (this.setup.access === 'none' && path.startsWith('/repos/')) return { status: 404, body: errorBody(404, 'Not Found') };
    const reply = this.api.handle({ method, path, query, body, url });
    if (reply !== null && path === `/repos/${this.setup.owner}/${this.setup.repo}` && method === 'GET' && this.setup.access === 'read') {
      const info = reply.body as { permissions: Record<string, boolean> };
      info.permissions = { ...info.permissions, push: false, triage: false };
    }
    return reply;
  }
}
