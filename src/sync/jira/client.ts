/**
 * The Jira REST client: base URL per flavor, the auth header, JSON in and out, the retry rules and
 * the one error map. Every Jira request of the adapter goes through `request`.
 */
import type { TrackerCall } from '../tracker-call';
import type { Clock } from '../clock';
import { encodeBase64, errorFromTransport, notTrackerError, secretsOf, TrackerError } from '../errors';
import { siteUrlProblem as sharedSiteUrlProblem, type SiteUrlWording } from '../site-url';
import type { Http, HttpRequest, HttpResponse } from '../http';
import { RetryingSender, type RetryPolicy, type WaitNotice } from '../retry';
import { apiBase, type JiraConfig } from './config';
import { errorFromResponse } from './error-body';
import { shapeMismatch } from '../json';

/** How long one request may take before it counts as unanswered (30 s; transports that can, abort). */
export const REQUEST_TIMEOUT_MS = 30_000;

/** One call of `JiraClient.request` (path under the REST base: `/issue/INFRA-1`). */
export type JiraCall = TrackerCall;

/** A successful answer: status and parsed JSON body (null when empty). */
export interface JiraAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** Jira REST client of one site and credential. */
export class JiraClient {
  readonly config: JiraConfig;
  private readonly sender: RetryingSender;
  private readonly secrets: readonly string[];
  private readonly base: string;

  private readonly timeoutMs: number;
  /** Told about long waits in plain words (the CLI prints it on stderr); default: nobody. */
  readonly notice: WaitNotice;

  /**
   * `requestTimeoutMs`: how long one request may go unanswered (default `REQUEST_TIMEOUT_MS`).
   * `notice`: told about long waits (a `Retry-After`, a retry after no answer) in plain words.
   */
  constructor(args: { config: JiraConfig; http: Http; clock: Clock; retryPolicy?: Partial<RetryPolicy>; requestTimeoutMs?: number; notice?: WaitNotice }) {
    this.config = args.config;
    this.secrets = secretsOf({ email: args.config.email, token: args.config.token });
    this.sender = new RetryingSender({ http: args.http, clock: args.clock, policy: args.retryPolicy, notice: args.notice });
    this.base = apiBase(args.config);
    this.timeoutMs = args.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    this.notice = args.notice ?? (() => undefined);
  }

  /** Everything that must never appear in output: for redacting errors raised elsewhere. */
  get secretValues(): readonly string[] {
    return this.secrets;
  }

  /** Sends one call; resolves with the parsed body of a 2xx answer, rejects with a `TrackerError`. */
  async request(call: JiraCall): Promise<JiraAnswer> {
    assertSafeSite(this.config.siteUrl);
    const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: this.authorization(),
    };
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    const request: HttpRequest = {
      url: `${this.base}${call.path}${query}`,
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      timeoutMs: this.timeoutMs,
    };
    let response;
    const report = { uncertainRetries: 0 };
    try {
      response = await this.sender.send(request, call.safety ?? 'idempotent', report, call.what);
    } catch (error) {
      throw errorFromTransport(error, call.what, this.secrets);
    }
    if (response.status >= 400) throw errorFromResponse(response, call.what, this.secrets, report.uncertainRetries > 0, isRead(call));
    return { status: response.status, body: this.jiraBody(response, call) };
  }

  /**
   * The parsed body of a 2xx answer, checked: Jira answers JSON (or nothing), in the shape the
   * call expects. A sign-in page (`200 text/html`), `{}` where Jira sends fields, or a list where
   * it sends an object is not Jira: kind `notTracker`, described by what came, never by the body.
   */
  private jiraBody(response: HttpResponse, call: JiraCall): unknown {
    const seen = (what: string): TrackerError => notTrackerError('Jira', `${call.what} got HTTP ${response.status} with ${what}`, this.secrets);
    let body: unknown = null;
    if (response.text.trim() !== '') {
      try {
        body = JSON.parse(response.text) as unknown;
      } catch {
        const type = (response.headers['content-type'] ?? 'no content type').split(';')[0]?.trim() || 'no content type';
        throw seen(`${type}, not JSON (${response.text.length} characters, not shown)`);
      }
    } else if (call.expect !== undefined) {
      throw seen('an empty body');
    }
    if (call.expect !== undefined) {
      const mismatch = shapeMismatch(body, call.expect);
      if (mismatch !== null) throw seen(mismatch);
    }
    return body;
  }

  private authorization(): string {
    if (this.config.flavor === 'datacenter') return `Bearer ${this.config.token}`;
    return `Basic ${encodeBase64(`${this.config.email ?? ''}:${this.config.token}`)}`;
  }
}

/** Reads change nothing on the site: a refusal of one is about the settings, not the values sent. */
function isRead(call: JiraCall): boolean {
  return call.method === 'GET' || (call.method === 'POST' && call.path.startsWith('/search'));
}

/** How Jira's address is named in the messages of `siteUrlProblem` (`../site-url.ts`). */
const JIRA_SITE_URL: SiteUrlWording = {
  name: 'site URL',
  example: 'https://your-domain.atlassian.net',
  credentials: 'give the account separately: JIRA_EMAIL and JIRA_API_TOKEN (Jira Cloud) or JIRA_PAT (Data Center) on the command line, the email and API token settings in the plugin.',
  httpsHint: 'the https:// address of the Jira site',
};

/**
 * Why the token may not be sent to `siteUrl`, or null when it may (the shared rule of
 * `../site-url.ts`, in Jira's words). The sync and the connection test both ask this before any request.
 */
export function siteUrlProblem(siteUrl: string): TrackerError | null {
  return sharedSiteUrlProblem(siteUrl, JIRA_SITE_URL);
}

function assertSafeSite(siteUrl: string): void {
  const problem = siteUrlProblem(siteUrl);
  if (problem !== null) throw problem;
}
