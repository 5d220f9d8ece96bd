/**
 * The HTTP side of the fake: one `node:http` server on 127.0.0.1. Per request: record it (token
 * redacted), check it against the OpenAPI contract, apply an injected fault, check auth, then
 * answer from `JiraApi`. Plain Node only (no jest), so the demo sandbox can embed it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer, readBody, recordHeaders } from '../loopback-server';
import { AdfContract } from './adf-contract';
import { IssueStore } from './issue-store';
import { JiraApi, jiraError, type ApiReply } from './jira-api';
import { OpenApiContract } from './openapi-contract';
import { JiraRenderer } from './render';
import type { SiteConfig } from './site-config';
import type { FakeIssueSeed, FakeJira, FaultKind, FaultRule, JiraContracts, RecordedRequest, TeammateChange } from './types';

/** Everything the server needs, already resolved. */
export interface FakeJiraServerSetup {
  readonly config: SiteConfig;
  readonly port: number;
  /** Where the OpenAPI description is (default places when undefined); read at start when validating. */
  readonly openApiPath: string | undefined;
  readonly seeds: readonly FakeIssueSeed[];
  /** Shared checkers; loaded here when absent. */
  readonly contracts: JiraContracts | undefined;
  /** Embedded in another server (`FakeJiraServer.embedded`): the site URL that server answers on. */
  readonly baseUrl?: () => string;
}

/** A running server; implements the public `FakeJira`. */
export class FakeJiraServer implements FakeJira {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  private readonly store: IssueStore;
  private readonly api: JiraApi;
  private readonly contract: OpenApiContract | null;
  private readonly faults: FaultRule[] = [];
  private readonly server = new LoopbackServer((req, res) => this.onRequest(req, res));

  private constructor(private readonly setup: FakeJiraServerSetup) {
    const config = setup.config;
    this.contract = config.validate ? setup.contracts?.openApi ?? OpenApiContract.load(setup.openApiPath) : null;
    this.store = new IssueStore(config, setup.contracts?.adf ?? new AdfContract(), (message) => this.violations.push(message));
    const baseUrl = (): string => this.url;
    const renderer = new JiraRenderer(config, this.store, baseUrl);
    this.api = new JiraApi(config, this.store, renderer, baseUrl);
    for (const seed of setup.seeds) this.store.seed(seed);
  }

  /** Start listening on 127.0.0.1; resolves once the port is known. */
  static async start(setup: FakeJiraServerSetup): Promise<FakeJiraServer> {
    const server = new FakeJiraServer(setup);
    await server.server.listen(setup.port);
    return server;
  }

  /**
   * A fake that answers inside another `node:http` server (same origin as a page it serves)
   * instead of listening itself: pass each request to `handle`. `close()` is then a no-op.
   */
  static embedded(setup: FakeJiraServerSetup & { readonly baseUrl: () => string }): FakeJiraServer {
    return new FakeJiraServer(setup);
  }

  get url(): string {
    return this.setup.baseUrl?.() ?? `http://127.0.0.1:${this.server.port}`;
  }

  /** Answers `req` when its path is under `/rest/` (returns true); leaves any other path to the caller (false). */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    if (!(req.url ?? '/').startsWith('/rest/')) return false;
    this.onRequest(req, res);
    return true;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    this.serve(req, res).catch((error: unknown) => {
      this.violations.push(`fake Jira internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      if (!res.headersSent) this.send(res, { status: 500, body: { errorMessages: ['Internal server error'], errors: {} } });
    });
  }

  get issues(): FakeJira['issues'] {
    return this.store.issues;
  }

  teammateChange(key: string, change: TeammateChange): ReturnType<FakeJira['teammateChange']> {
    return this.store.teammateChange(key, change);
  }

  fail(rule: FaultRule): void {
    this.faults.push({ ...rule, times: rule.times ?? 1 });
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((r) => JiraApi.isWrite(r.method, r.path) && r.status > 0 && r.status < 400);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private takeFault(method: string, path: string): FaultRule | null {
    const index = this.faults.findIndex((f) => (f.method === undefined || f.method.toUpperCase() === method) && (f.pathIncludes === undefined || path.includes(f.pathIncludes)));
    const rule = this.faults[index];
    if (!rule) return null;
    const left = (rule.times ?? 1) - 1;
    if (left <= 0) this.faults.splice(index, 1);
    else this.faults[index] = { ...rule, times: left };
    return rule;
  }

  private authorized(header: string | undefined): boolean {
    const { flavor, email, token } = this.setup.config;
    if (header === undefined) return false;
    const [scheme, credentials] = header.split(/\s+/, 2);
    if (flavor === 'cloud') return scheme?.toLowerCase() === 'basic' && credentials === Buffer.from(`${email}:${token}`, 'utf8').toString('base64');
    return scheme?.toLowerCase() === 'bearer' && credentials === token;
  }

  private send(res: ServerResponse, reply: ApiReply): void {
    const headers: Record<string, string> = { 'x-arequestid': `fake-${this.requests.length}`, ...reply.headers };
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers);
      res.end();
      return;
    }
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'content-type': typeof reply.body === 'string' ? 'text/html;charset=UTF-8' : 'application/json;charset=UTF-8', ...headers });
    res.end(text);
  }

  private faultReply(kind: Exclude<FaultKind, 'drop-after-commit'>, rule: FaultRule): ApiReply {
    switch (kind) {
      case 'http-500':
        return { status: 500, body: { errorMessages: ['Internal server error'], errors: {} } };
      case 'http-502':
        return { status: 502, body: '<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>' };
      case 'http-429':
        return { status: 429, headers: { 'retry-after': rule.retryAfter ?? '1' }, body: { errorMessages: ['Rate limit exceeded.'], errors: {} } };
    }
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query: Record<string, string> = {};
    // Repeated parameters (fields=a&fields=b) mean the same as one comma list to Jira.
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
    const record: RecordedRequest = { method, path: url.pathname, query, headers: recordHeaders(req), body, status: 0 };
    this.requests.push(record);
    const respond = (reply: ApiReply): void => {
      record.status = reply.status;
      this.send(res, reply);
    };

    const { apiPrefix, flavor } = this.setup.config;
    const underApi = url.pathname.startsWith(`${apiPrefix}/`);
    const contentType = req.headers['content-type'];
    let bodyRejected = false;
    let inContract = true;
    if (this.contract) {
      if (!underApi) {
        this.violations.push(`${method} ${url.pathname}: not under ${apiPrefix} (the ${flavor} fake serves only that API)`);
      } else {
        const v3Path = `/rest/api/3${url.pathname.slice(apiPrefix.length)}`;
        const check = this.contract.check({ method, path: v3Path, query, contentType, rawBody, body: bodyIsJson ? body : undefined });
        this.violations.push(...check.violations);
        bodyRejected = check.bodyRejected;
        inContract = check.match !== null;
      }
    }

    const fault = this.takeFault(method, url.pathname);
    if (fault) record.fault = fault.kind;
    if (fault && fault.kind !== 'drop-after-commit') {
      respond(this.faultReply(fault.kind, fault));
      return;
    }

    const reply = this.answer(req, method, url.pathname, query, body, { underApi, bodyIsJson, bodyRejected, hasBody: rawBody.trim() !== '', contentType });
    if (reply === null) {
      // In the description but not served: on DC it does not exist (e.g. search/jql); on cloud the fake lacks it.
      if (underApi && inContract && this.setup.config.validate) {
        this.violations.push(`${method} ${url.pathname}: not served by the fake ${flavor} site${flavor === 'datacenter' ? ' (not a Data Center endpoint)' : ''}`);
      }
      respond(jiraError(404, [`null for uri: ${this.url}${url.pathname}`]));
      return;
    }
    if (fault?.kind === 'drop-after-commit') {
      record.status = reply.status;
      req.socket.destroy();
      return;
    }
    respond(reply);
  }

  private answer(
    req: IncomingMessage,
    method: string,
    pathname: string,
    query: Record<string, string>,
    body: unknown,
    facts: { underApi: boolean; bodyIsJson: boolean; bodyRejected: boolean; hasBody: boolean; contentType: string | undefined },
  ): ApiReply | null {
    if (!this.authorized(req.headers.authorization)) {
      return { ...jiraError(401, ['You are not authenticated. Authentication required to perform this operation.']), headers: { 'x-seraph-loginreason': 'AUTHENTICATED_FAILED' } };
    }
    if (!facts.underApi) return jiraError(404, [`null for uri: ${this.url}${pathname}`]);
    if (facts.hasBody && !/^application\/json\b/i.test(facts.contentType ?? '')) {
      return { status: 415, body: { errorMessages: ['Unsupported Media Type: send the body as application/json.'], errors: {} } };
    }
    if (!facts.bodyIsJson) return jiraError(400, ['Unexpected character in the request body: it is not valid JSON.']);
    if (facts.bodyRejected) return jiraError(400, ['The request body does not match the API description (see the fake\'s violations).']);
    return this.api.handle({ method, path: pathname.slice(this.setup.config.apiPrefix.length), query, body });
  }
}
