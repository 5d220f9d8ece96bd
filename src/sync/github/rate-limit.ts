/**
 * GitHub's rate limits as decisions (docs/sync.md "GitHub"): which answers are rate limits and how
 * long they ask to wait. GitHub answers a limit with 403 or 429:
 * - a `retry-after` header: wait that long (secondary limits);
 * - else `x-ratelimit-remaining: 0`: wait until `x-ratelimit-reset` (UTC epoch seconds; primary limit);
 * - else a 429, or a 403 whose message names a rate limit: wait a minute, as GitHub asks.
 * Any other 403 is a refused permission, never waited for.
 */
import type { HttpResponse } from '../http';
import { retryAfterHeaderMs } from '../retry';

/** The wait GitHub asks for after a secondary limit that names no time (60 000 ms). */
export const SECONDARY_DEFAULT_WAIT_MS = 60_000;

/** Milliseconds until the primary limit's window resets, from `x-ratelimit-reset`; null when absent. */
export function resetWaitMs(headers: Readonly<Record<string, string>>, now: number): number | null {
  const reset = Number(headers['x-ratelimit-reset']);
  if (!Number.isFinite(reset) || reset <= 0) return null;
  // One second more: the reset is given in whole seconds.
  return Math.max(0, reset * 1000 - now) + 1000;
}

/** True when the answer says the primary limit is used up (`x-ratelimit-remaining: 0`). */
export function primaryExhausted(headers: Readonly<Record<string, string>>): boolean {
  return headers['x-ratelimit-remaining']?.trim() === '0';
}

/**
 * The wait (ms) a GitHub answer asks for when it is a rate limit, else null (see the file comment).
 * Used as the `RetryingSender`'s `rateLimit` reading and by the error map.
 */
export function gitHubRateLimitWait(response: HttpResponse, now: number): number | null {
  if (response.status !== 403 && response.status !== 429) return null;
  const retryAfter = retryAfterHeaderMs(response.headers['retry-after'], now);
  if (retryAfter !== null) return retryAfter;
  if (primaryExhausted(response.headers)) return resetWaitMs(response.headers, now) ?? SECONDARY_DEFAULT_WAIT_MS;
  if (response.status === 429 || /rate limit/i.test(response.text)) return SECONDARY_DEFAULT_WAIT_MS;
  return null;
}
