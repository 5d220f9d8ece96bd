/**
 * The Jira REST client: base URL per flavor, the auth header, JSON in and out, the retry rules and
 * the one error map. Every Jira request of the adapter goes through `request`.
 */
import type { Clock } from '../clock';
import { encodeBase64, errorFromTransport, hintFor, secretsOf, TrackerError } from '../errors';
import type { Http, HttpRequest } from '../http';
import { RetryingSender, type RequestSafety, type RetryPolicy } from '../retry';
import { apiBase, type JiraConfig } from './config';
import { errorFromResponse } from './error-body';
import { parseJson } from './json';

/** How long one request may take before it counts as unanswered (30 s; transports that can, abort). */
export const REQUEST_TIMEOUT_MS = 30_000;

/** One call of `JiraClient.request`. */
export interface JiraCall {
  readonly method: HttpRequest['method'];
  /** Path under the REST base, starting with `/` (`/issue/INFRA-1`). */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** `create` for POSTs that make something (never blindly retried). Default `idempotent`. */
  readonly safety?: RequestSafety;
  /** The call in plain words for error messages ("read the epic INFRA-100"). */
  readonly what: string;
}

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

  constructor(args: { config: JiraConfig; http: Http; clock: Clock; retryPolicy?: Partial<RetryPolicy> }) {
    this.config = args.config;
    this.sender = new RetryingSender({ http: args.http, clock: args.clock, policy: args.retryPolicy });
    this.secrets = secretsOf({ email: args.config.email, token: args.config.token });
    this.base = apiBase(args.config);
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
      timeoutMs: REQUEST_TIMEOUT_MS,
    };
    let response;
    const report = { uncertainRetries: 0 };
    try {
      response = await this.sender.send(request, call.safety ?? 'idempotent', report);
    } catch (error) {
      throw errorFromTransport(error, call.what, this.secrets);
    }
    if (response.status >= 400) throw errorFromResponse(response, call.what, this.secrets, report.uncertainRetries > 0);
    return { status: response.status, body: parseJson(response.text) };
  }

  private authorization(): string {
    if (this.config.flavor === 'datacenter') return `Bearer ${this.config.token}`;
    return `Basic ${encodeBase64(`${this.config.email ?? ''}:${this.config.token}`)}`;
  }
}

/**
 * Why the token may not be sent to `siteUrl`, or null when it may: https only, except plain http to
 * this machine (127.0.0.1, localhost, [::1]: tests, local proxies). The sync and the connection
 * test both ask this before any request.
 */
export function siteUrlProblem(siteUrl: string): TrackerError | null {
  let url: URL;
  try {
    url = new URL(siteUrl);
  } catch {
    return new TrackerError({ kind: 'network', status: null, message: `The site URL "${siteUrl}" is not a URL.`, hint: hintFor('network') });
  }
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) {
    return new TrackerError({
      kind: 'network',
      status: null,
      message: `The site URL must use https (${url.protocol} refused: the token would travel in clear).`,
      hint: 'Use the https:// address of the Jira site.',
    });
  }
  return null;
}

function assertSafeSite(siteUrl: string): void {
  const problem = siteUrlProblem(siteUrl);
  if (problem !== null) throw problem;
}
