/**
 * Retry and rate-limit rules of docs/sync.md, around an `Http`:
 * - 429: wait `Retry-After` (seconds or an HTTP date; capped), retry, and space later requests out;
 * - idempotent requests (GET, PUT, transitions, searches): retry network errors and 502/503/504
 *   with exponential backoff;
 * - creates are never retried after an error that may hide a committed write (the caller looks
 *   for the `spectryn-<id>` label first). A 429 is safe to retry for any request: nothing was done.
 */
import { TransportError, type Http, type HttpRequest, type HttpResponse } from './http';
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
  defaultRetryAfterMs: 1_000,
  max429: 6,
  maxSpacingMs: 2_000,
});

const RETRYABLE_STATUSES = new Set([502, 503, 504]);

/**
 * Sends requests with the retry rules above. One instance per tracker connection: it remembers
 * the spacing that 429s imposed.
 */
export class RetryingSender {
  private readonly http: Http;
  private readonly clock: Clock;
  private readonly policy: RetryPolicy;
  private spacingMs = 0;
  private lastSentAt = Number.NEGATIVE_INFINITY;

  constructor(args: { http: Http; clock: Clock; policy?: Partial<RetryPolicy> }) {
    this.http = args.http;
    this.clock = args.clock;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...args.policy };
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
   */
  async send(request: HttpRequest, safety: RequestSafety, report?: { uncertainRetries: number }): Promise<HttpResponse> {
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      await this.pace();
      let response: HttpResponse;
      try {
        response = await this.http(request);
      } catch (error) {
        if (!(error instanceof TransportError) || safety === 'create' || ++failures >= this.policy.tries) throw error;
        await this.clock.sleep(this.backoff(failures));
        if (report) report.uncertainRetries++;
        continue;
      }
      if (response.status === 429) {
        if (++rateLimited > this.policy.max429) return response;
        this.spacingMs = Math.min(this.policy.maxSpacingMs, Math.max(250, this.spacingMs * 2));
        await this.clock.sleep(this.retryAfterMs(response.headers['retry-after']));
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
    const cap = this.policy.maxRetryAfterMs;
    if (header === undefined || header.trim() === '') return Math.min(cap, this.policy.defaultRetryAfterMs);
    const trimmed = header.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.min(cap, Math.ceil(Number(trimmed) * 1000));
    const date = Date.parse(trimmed);
    if (Number.isNaN(date)) return Math.min(cap, this.policy.defaultRetryAfterMs);
    return Math.min(cap, Math.max(0, date - this.clock.now()));
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
