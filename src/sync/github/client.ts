/**
 * The GitHub REST client: every request of the adapter goes through `request` (one call) or `list`
 * (every page, by the `Link` header). It sends `Authorization: Bearer`, `X-GitHub-Api-Version`,
 * `Accept: application/vnd.github+json` and a `User-Agent`; retries and waits through the shared
 * `RetryingSender` with GitHub's rate-limit reading (`rate-limit.ts`); pauses when the primary
 * limit is used up (`x-ratelimit-remaining: 0`) until its reset; keeps the ETag of every GET for
 * the run and asks again with `If-None-Match`, so a page read twice costs no rate limit (a 304).
 */
import type { TrackerCall } from '../tracker-call';
import type { Clock } from '../clock';
import { errorFromTransport, notTrackerError, secretsOf, TrackerError } from '../errors';
import { formatWait, type Http, type HttpRequest, type HttpResponse } from '../http';
import { DEFAULT_RETRY_POLICY, RetryingSender, type RetryPolicy, type WaitNotice } from '../retry';
import { siteUrlProblem, type SiteUrlWording } from '../site-url';
import { asArray, shapeMismatch } from '../json';
import { GITHUB_API_VERSION, type GitHubConfig } from './config';
import { gitHubErrorFromResponse, gitHubHint } from './error-body';
import { parseLinkHeader } from './links';
import { gitHubRateLimitWait, primaryExhausted, resetWaitMs } from './rate-limit';

/** How long one request may take before it counts as unanswered (30 s). */
export const GITHUB_REQUEST_TIMEOUT_MS = 30_000;

/** The `User-Agent` every request names (GitHub refuses requests without one). */
export const GITHUB_USER_AGENT = 'spectryn-obsidian';

/** Largest page GitHub serves (`per_page`), asked for by every list. */
export const GITHUB_PAGE_SIZE = 100;

/** How GitHub's API root is named in the messages of the shared https rule. */
const GITHUB_API_URL_WORDING: SiteUrlWording = {
  name: 'GitHub API URL',
  example: 'https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server',
  credentials: 'give the token separately: GITHUB_TOKEN on the command line, the GitHub token setting in the plugin.',
  httpsHint: 'the https:// address of the GitHub API (https://api.github.com, or https://HOST/api/v3)',
};

/** The server's time of an answer (its `Date` header) in ms, or null when absent or unreadable. */
export function serverTimeOf(headers: Readonly<Record<string, string>>): number | null {
  const time = Date.parse(headers.date ?? '');
  return Number.isNaN(time) ? null : time;
}

/** Why the token may not be sent to `apiUrl`, or null when it may (`../site-url.ts` in GitHub's words). */
export function apiUrlProblem(apiUrl: string): TrackerError | null {
  return siteUrlProblem(apiUrl, GITHUB_API_URL_WORDING);
}

/** One call of `GitHubClient.request` (path under the API root: `/repos/acme/infra/issues/1`). */
export type GitHubCall = TrackerCall;

/** One call of `GitHubClient.list`: a GET of a list, every page. */
export interface GitHubListCall extends Omit<GitHubCall, 'method' | 'expect' | 'body' | 'safety'> {
  readonly method: 'GET';
  /** Pages read at most; default: all. With it, a longer list resolves null instead. */
  readonly maxPages?: number;
}

/** A successful answer: status (a 304 reads as the cached 200), parsed JSON body, headers. */
export interface GitHubAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

/** What the client counted during its run (for reports and tests). */
export interface GitHubRequestCounts {
  /** Requests sent, retries included. */
  readonly sent: number;
  /** Answers that were 304 Not Modified (they cost no rate limit). */
  readonly notModified: number;
}

/** GitHub REST client of one repository and token; one per run. */
export class GitHubClient {
  readonly config: GitHubConfig;
  /** Told about long waits in plain words (the CLI prints it on stderr); default: nobody. */
  readonly notice: WaitNotice;
  private readonly sender: RetryingSender;
  private readonly clock: Clock;
  private readonly secrets: readonly string[];
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly giveUpMs: number;
  private readonly etags = new Map<string, { readonly etag: string; readonly text: string }>();
  /** The primary limit is used up until this clock time (ms); 0 when not. */
  private pausedUntil = 0;
  private sent = 0;
  private notModified = 0;

  /** `requestTimeoutMs`: default `GITHUB_REQUEST_TIMEOUT_MS`. `notice`: told about long waits. */
  constructor(args: { config: GitHubConfig; http: Http; clock: Clock; retryPolicy?: Partial<RetryPolicy>; notice?: WaitNotice; requestTimeoutMs?: number }) {
    this.config = args.config;
    this.clock = args.clock;
    this.notice = args.notice ?? (() => undefined);
    this.secrets = secretsOf({ token: args.config.token });
    const counted: Http = async (request) => {
      this.sent++;
      return args.http(request);
    };
    this.sender = new RetryingSender({ http: counted, clock: args.clock, policy: args.retryPolicy, notice: args.notice, rateLimit: gitHubRateLimitWait });
    this.base = args.config.apiUrl.replace(/\/+$/, '');
    this.timeoutMs = args.requestTimeoutMs ?? GITHUB_REQUEST_TIMEOUT_MS;
    this.giveUpMs = args.retryPolicy?.giveUpRetryAfterMs ?? DEFAULT_RETRY_POLICY.giveUpRetryAfterMs;
  }

  /** Requests sent so far and how many were answered 304. */
  get counts(): GitHubRequestCounts {
    return { sent: this.sent, notModified: this.notModified };
  }

  /** `/repos/{owner}/{repo}` + `suffix`, each part encoded. */
  repoPath(suffix = ''): string {
    return `/repos/${encodeURIComponent(this.config.owner)}/${encodeURIComponent(this.config.repo)}${suffix}`;
  }

  /** Sends one call; resolves with the parsed body of a 2xx (or cached 304) answer, rejects with a `TrackerError`. */
  async request(call: GitHubCall): Promise<GitHubAnswer> {
    const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
    return this.send(`${this.base}${call.path}${query}`, call);
  }

  /**
   * Every item of a list, page after page (`per_page=100`, then the `Link` header's `next`). A
   * `next` outside the API root is not followed (the token goes nowhere else): kind `notTracker`.
   */
  async list(call: GitHubListCall & { readonly maxPages?: undefined }): Promise<unknown[]>;
  /** The same, but null when the list has more than `maxPages` pages. */
  async list(call: GitHubListCall): Promise<unknown[] | null>;
  async list(call: GitHubListCall): Promise<unknown[] | null> {
    return (await this.timedList(call))?.items ?? null;
  }

  /**
   * `list`, with the server's time of the earliest page (its `Date` header, ms; null when absent):
   * what a stamp of the list is compared with (`stableStamp` in `read.ts`).
   */
  async timedList(call: GitHubListCall): Promise<{ readonly items: unknown[]; readonly serverTime: number | null } | null> {
    const items: unknown[] = [];
    let serverTime: number | null = null;
    let url = `${this.base}${call.path}?${new URLSearchParams({ per_page: String(GITHUB_PAGE_SIZE), ...call.query }).toString()}`;
    for (let page = 1; ; page++) {
      const answer = await this.send(url, { ...call, expect: { list: true } });
      items.push(...asArray(answer.body));
      serverTime ??= serverTimeOf(answer.headers);
      const next = parseLinkHeader(answer.headers.link).next;
      if (next === undefined) return { items, serverTime };
      if (call.maxPages !== undefined && page >= call.maxPages) return null;
      if (!next.startsWith(`${this.base}/`)) throw notTrackerError('GitHub', `${call.what} got a next page outside ${this.base}`, this.secrets, gitHubHint('notTracker'));
      url = next;
    }
  }

  private async send(url: string, call: GitHubCall): Promise<GitHubAnswer> {
    const refused = apiUrlProblem(this.base);
    if (refused !== null) throw refused;
    await this.waitForPrimaryReset(call.what);
    const headers: Record<string, string> = {
      Accept: 'application/vnd.github+json',
      Authorization: `Bearer ${this.config.token}`,
      'X-GitHub-Api-Version': GITHUB_API_VERSION,
      'User-Agent': GITHUB_USER_AGENT,
    };
    const cached = call.method === 'GET' ? this.etags.get(url) : undefined;
    if (cached !== undefined) headers['If-None-Match'] = cached.etag;
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    const request: HttpRequest = { url, method: call.method, headers, body: call.body === undefined ? undefined : JSON.stringify(call.body), timeoutMs: this.timeoutMs };
    const report = { uncertainRetries: 0 };
    let response: HttpResponse;
    try {
      response = await this.sender.send(request, call.safety ?? 'idempotent', report, call.what);
    } catch (error) {
      throw errorFromTransport(error, call.what, this.secrets);
    }
    this.notePrimaryLimit(response);
    if (response.status === 304 && cached !== undefined) {
      this.notModified++;
      return { status: 200, body: this.parse(cached.text, response, call), headers: response.headers };
    }
    if (response.status >= 400 || response.status === 304) {
      throw gitHubErrorFromResponse(response, call.what, this.secrets, { reading: call.method === 'GET', now: this.clock.now(), afterUncertainRetry: report.uncertainRetries > 0 });
    }
    const body = this.parse(response.text, response, call);
    const etag = response.headers.etag;
    if (call.method === 'GET' && etag !== undefined && etag !== '') this.etags.set(url, { etag, text: response.text });
    return { status: response.status, body, headers: response.headers };
  }

  /** The JSON of a 2xx answer, checked against `call.expect`; anything else is not GitHub (kind `notTracker`). */
  private parse(text: string, response: HttpResponse, call: GitHubCall): unknown {
    const seen = (what: string): TrackerError => notTrackerError('GitHub', `${call.what} got HTTP ${response.status} with ${what}`, this.secrets, gitHubHint('notTracker'));
    let body: unknown = null;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        const type = (response.headers['content-type'] ?? 'no content type').split(';')[0]?.trim() || 'no content type';
        throw seen(`${type}, not JSON (${text.length} characters, not shown)`);
      }
    } else if (call.expect !== undefined) {
      throw seen('an empty body');
    }
    if (call.expect !== undefined) {
      const mismatch = shapeMismatch(body, call.expect, 'GitHub');
      if (mismatch !== null) throw seen(mismatch);
    }
    return body;
  }

  /** Remembers a used-up primary limit (`x-ratelimit-remaining: 0` on an answer that went through). */
  private notePrimaryLimit(response: HttpResponse): void {
    if (response.status >= 400 || !primaryExhausted(response.headers)) return;
    const wait = resetWaitMs(response.headers, this.clock.now());
    if (wait !== null) this.pausedUntil = this.clock.now() + wait;
  }

  /**
   * Before a request: when the primary limit is used up, wait for its reset, or stop (kind
   * `rateLimit`) when that is further away than the retry policy waits for (5 min by default).
   */
  private async waitForPrimaryReset(what: string): Promise<void> {
    const wait = this.pausedUntil - this.clock.now();
    if (wait <= 0) return;
    if (wait > this.giveUpMs) {
      throw new TrackerError({ kind: 'rateLimit', status: null, message: `${what} was not sent: the token's GitHub request budget is used up until its reset in ${formatWait(Math.ceil(wait / 1000) * 1000)}.`, hint: gitHubHint('rateLimit') });
    }
    this.notice(`${what}: the token's GitHub request budget is used up; waiting ${formatWait(Math.ceil(wait / 1000) * 1000)} for its reset.`);
    await this.clock.sleep(wait);
    this.pausedUntil = 0;
  }
}
