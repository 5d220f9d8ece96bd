/**
 * Retry and rate-limit rules of docs/sync.md, around an `Http`:
 * - 429: wait `Retry-After` (seconds or an HTTP date; capped at `maxRetryAfterMs`), retry, and
 *   space later requests out; a `Retry-After` longer than `giveUpRetryAfterMs` is not waited for:
 *   the 429 is returned at once (the run stops and says how long the tracker asked to wait);
 * - every wait of `NOTICE_AFTER_MS` or more, and every retry after a request timeout, is told to the
 *   injected `notice` (the CLI prints it on stderr) with what is being waited for;
 * - idempotent requests (GET, PUT, transitions, searches): retry network errors and 502/503/504
 *   with exponential backoff;
 * - creates are never retried after an error that may hide a committed write (the caller looks
 *   for the `spectryn-<id>` label first). A 429 is safe to retry for any request: nothing was done.
 */
import { formatWait, TransportError, type Http, type HttpRequest, type HttpResponse } from './http';
import type { Clock } from './clock';

/** Whether a request may be sent again after a failure that may hide a committed write. */
export type RequestSafety = 'idempotent' | 'create';

/** Tunables; every duration in milliseconds. */
export interface RetryPolicy {
  /** Attempts for idempotent requests on network errors and 502/503/504 (default 3). */
  readonly tries: number;
  /** First backoff delay, doubled per attempt (default 500). */
  readonly backoffMs: number;
  /** Upper bound for one `Retry-After` wait (default 60 000). */
  readonly maxRetryAfterMs: number;
  /** A `Retry-After` asking for longer than this is not waited for at all (default 300 000: 5 min). */
  readonly giveUpRetryAfterMs: number;
  /** Wait when a 429 has no usable `Retry-After` (default 1 000). */
  readonly defaultRetryAfterMs: number;
  /** How many 429s in a row one request sits out before giving up (default 6). */
  readonly max429: number;
  /** Largest spacing between requests after 429s (default 2 000). */
  readonly maxSpacingMs: number;
}

/** The defaults of docs/sync.md. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  tries: 3,
  backoffMs: 500,
  maxRetryAfterMs: 60_000,
  giveUpRetryAfterMs: 300_000,
  defaultRetryAfterMs: 1_000,
  max429: 6,
  maxSpacingMs: 2_000,
});

const RETRYABLE_STATUSES = new Set([502, 503, 504]);

/** Receives a sentence about a wait or a retry ("Jira asks to wait 30 s (Retry-After) before …"). */
export type WaitNotice = (message: string) => void;

/**
 * Reads a response as a rate limit: the milliseconds the tracker asks to wait before the same
 * request may be sent again, or null when the response is not a rate limit. `now`: the clock's ms.
 */
export type RateLimitReading = (response: HttpResponse, now: number) => number | null;

/** Waits this long or longer are told to the notice (5 000 ms); shorter backoffs are not. */
export const NOTICE_AFTER_MS = 5_000;

/**
 * Sends requests with the retry rules above. One instance per tracker connection: it remembers
 * the spacing that 429s imposed.
 */
export class RetryingSender {
  private readonly http: Http;
  private readonly clock: Clock;
  private readonly policy: RetryPolicy;
  private readonly notice: WaitNotice;
  private readonly rateLimit: RateLimitReading | null;
  private spacingMs = 0;
  private lastSentAt = Number.NEGATIVE_INFINITY;

  /**
   * `notice`: told about long waits and retries after no answer (default: nobody). `rateLimit`:
   * which responses are rate limits and how long they ask to wait (default: a 429, for its
   * `Retry-After`; GitHub also answers 403 with its own headers: `github/rate-limit.ts`).
   */
  constructor(args: { http: Http; clock: Clock; policy?: Partial<RetryPolicy>; notice?: WaitNotice; rateLimit?: RateLimitReading }) {
    this.http = args.http;
    this.clock = args.clock;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...args.policy };
    this.notice = args.notice ?? (() => undefined);
    this.rateLimit = args.rateLimit ?? null;
  }

  /** Current spacing between requests in ms (0 until a 429 arrives). */
  get currentSpacingMs(): number {
    return this.spacingMs;
  }

  /**
   * Sends `request`; resolves with the final response (which may still be an error status) or
   * rejects with the last `TransportError`. `report.uncertainRetries` counts the attempts sent
   * again after a failure that may hide a committed write (no response, 502/503/504): an error
   * answer after such a retry may describe the state the first attempt already produced.
   * `what` names the call in notices ("read the field list"; default "the request").
   */
  async send(request: HttpRequest, safety: RequestSafety, report?: { uncertainRetries: number }, what = 'the request'): Promise<HttpResponse> {
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      await this.pace();
      let response: HttpResponse;
      try {
        response = await this.http(request);
      } catch (error) {
        if (!(error instanceof TransportError) || safety === 'create' || ++failures >= this.policy.tries) throw error;
        const wait = this.backoff(failures);
        // A server that never answers costs a whole request timeout per try: said every time. A
        // refused connection fails at once, and its retries take a second or two: not said.
        if (error.failure === 'timeout') this.notice(`${what}: ${error.message}; trying again in ${formatWait(wait)} (attempt ${failures + 1} of ${this.policy.tries}).`);
        await this.clock.sleep(wait);
        if (report) report.uncertainRetries++;
        continue;
      }
      const limited = this.rateLimit === null ? (response.status === 429 ? this.askedWaitMs(response.headers['retry-after']) : null) : this.rateLimit(response, this.clock.now());
      if (limited !== null) {
        if (++rateLimited > this.policy.max429) return response;
        const asked = limited;
        // An hour's wait is not sat out: the run stops and says how long was asked.
        if (asked > this.policy.giveUpRetryAfterMs) return response;
        const wait = Math.min(asked, this.policy.maxRetryAfterMs);
        this.spacingMs = Math.min(this.policy.maxSpacingMs, Math.max(250, this.spacingMs * 2));
        if (wait >= NOTICE_AFTER_MS) {
          const capped = wait < asked ? `; it asks ${formatWait(asked)} (Retry-After), spectryn waits at most ${formatWait(wait)}` : ' (Retry-After)';
          this.notice(`${what}: the tracker is rate limiting; waiting ${formatWait(wait)} before trying again${capped}.`);
        }
        await this.clock.sleep(wait);
        continue;
      }
      if (RETRYABLE_STATUSES.has(response.status) && safety === 'idempotent' && ++failures < this.policy.tries) {
        await this.clock.sleep(this.backoff(failures));
        if (report) report.uncertainRetries++;
        continue;
      }
      // Success after a storm: relax the spacing gradually rather than at once.
      if (response.status < 400) this.spacingMs = Math.floor(this.spacingMs / 2);
      return response;
    }
  }

  /** Milliseconds to wait for a `Retry-After` value (seconds or HTTP date), capped by the policy. */
  retryAfterMs(header: string | undefined): number {
    return Math.min(this.policy.maxRetryAfterMs, this.askedWaitMs(header));
  }

  /** Milliseconds a `Retry-After` value asks for, uncapped (the default wait when it says nothing usable). */
  askedWaitMs(header: string | undefined): number {
    return retryAfterHeaderMs(header, this.clock.now()) ?? this.policy.defaultRetryAfterMs;
  }

  private backoff(failures: number): number {
    return this.policy.backoffMs * 2 ** (failures - 1);
  }

  private async pace(): Promise<void> {
    if (this.spacingMs > 0) {
      const wait = this.lastSentAt + this.spacingMs - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait);
    }
    this.lastSentAt = this.clock.now();
  }
}

/**
 * Milliseconds a `Retry-After` header asks for (seconds, or an HTTP date measured from `now`), or
 * null when it is absent or unreadable.
 */
export function retryAfterHeaderMs(header: string | undefined, now: number): number | null {
  const trimmed = header?.trim() ?? '';
  if (trimmed === '') return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
