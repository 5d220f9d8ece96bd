import { RetryingSender } from '../../src/sync/retry';
import { TransportError, type Http, type HttpRequest, type HttpResponse } from '../../src/sync/http';
import { instantClock } from './helpers';

const get: HttpRequest = { url: 'http://127.0.0.1/x', method: 'GET', headers: {} };
const create: HttpRequest = { url: 'http://127.0.0.1/issue/bulk', method: 'POST', headers: {}, body: '{}' };

/** A transport answering from a script: a status, a status with headers, 'drop' (network error) or 'timeout'. */
function scripted(script: (number | [number, Record<string, string>] | 'drop' | 'timeout')[]): Http & { calls: number } {
  const http = (async () => {
    const step = script[http.calls++] ?? 200;
    if (step === 'drop') throw new TransportError({ failure: 'network', message: 'Could not reach 127.0.0.1' });
    if (step === 'timeout') throw new TransportError({ failure: 'timeout', message: 'No answer from 127.0.0.1 within 30 s (the request timeout)' });
    const [status, headers] = Array.isArray(step) ? step : [step, {}];
    return { status, headers, text: '' } satisfies HttpResponse;
  }) as unknown as Http & { calls: number };
  http.calls = 0;
  return http;
}

test('idempotent requests retry network errors and 502/503/504 with backoff, 3 tries', async () => {
  const clock = instantClock();
  const http = scripted(['drop', 503, 200]);
  const response = await new RetryingSender({ http, clock }).send(get, 'idempotent');
  expect(response.status).toBe(200);
  expect(http.calls).toBe(3);
  expect(clock.sleeps).toEqual([500, 1000]);
});

test('after 3 tries the last answer stands', async () => {
  const http = scripted([502, 502, 502, 200]);
  expect((await new RetryingSender({ http, clock: instantClock() }).send(get, 'idempotent')).status).toBe(502);
  expect(http.calls).toBe(3);
  const dropping = scripted(['drop', 'drop', 'drop']);
  await expect(new RetryingSender({ http: dropping, clock: instantClock() }).send(get, 'idempotent')).rejects.toBeInstanceOf(TransportError);
});

test('500 and 4xx are not retried', async () => {
  const http = scripted([500, 200]);
  expect((await new RetryingSender({ http, clock: instantClock() }).send(get, 'idempotent')).status).toBe(500);
  expect(http.calls).toBe(1);
});

test('creates are never retried after a network error or a 5xx', async () => {
  const dropping = scripted(['drop', 200]);
  await expect(new RetryingSender({ http: dropping, clock: instantClock() }).send(create, 'create')).rejects.toBeInstanceOf(TransportError);
  expect(dropping.calls).toBe(1);
  const failing = scripted([503, 200]);
  expect((await new RetryingSender({ http: failing, clock: instantClock() }).send(create, 'create')).status).toBe(503);
  expect(failing.calls).toBe(1);
});

test('429 waits Retry-After (seconds, HTTP date, capped at 60 s) for any request, and spaces later requests', async () => {
  const clock = instantClock();
  const date = new Date(clock.now() + 30_000).toUTCString();
  const http = scripted([[429, { 'retry-after': '3' }], [429, { 'retry-after': date }], [429, { 'retry-after': '240' }], [429, {}], 201]);
  const sender = new RetryingSender({ http, clock });
  expect((await sender.send(create, 'create')).status).toBe(201);
  expect(clock.sleeps).toEqual(expect.arrayContaining([3000, 60_000, 1000]));
  // The HTTP date 30 s ahead, read after the 3 s wait (and some spacing).
  expect(clock.sleeps.some((ms) => ms > 25_000 && ms < 30_000)).toBe(true);
  expect(Math.max(...clock.sleeps)).toBe(60_000);
  expect(sender.currentSpacingMs).toBeGreaterThan(0);
});

test('a 429 that never ends gives up after the policy limit', async () => {
  const http = scripted(Array.from({ length: 20 }, () => [429, { 'retry-after': '1' }] as [number, Record<string, string>]));
  const response = await new RetryingSender({ http, clock: instantClock(), policy: { max429: 4 } }).send(get, 'idempotent');
  expect(response.status).toBe(429);
  expect(http.calls).toBe(5);
});

test('retryAfterMs reads seconds, dates and garbage', () => {
  const clock = instantClock();
  const sender = new RetryingSender({ http: scripted([]), clock });
  expect(sender.retryAfterMs('2')).toBe(2000);
  expect(sender.retryAfterMs('0.5')).toBe(500);
  expect(sender.retryAfterMs('soon')).toBe(1000);
  expect(sender.retryAfterMs(undefined)).toBe(1000);
  expect(sender.retryAfterMs(new Date(clock.now() - 5000).toUTCString())).toBe(0);
  expect(sender.retryAfterMs('999')).toBe(60_000);
});

test('a Retry-After beyond the give-up limit is not waited for: the 429 comes back at once, and is said', async () => {
  const clock = instantClock();
  const notices: string[] = [];
  const http = scripted([[429, { 'retry-after': '3600' }], 201]);
  const sender = new RetryingSender({ http, clock, notice: (message) => notices.push(message) });
  expect((await sender.send(create, 'create', undefined, 'create 7 issue(s)')).status).toBe(429);
  expect(http.calls).toBe(1);
  expect(clock.sleeps).toEqual([]);
  // Nothing is waited for; the error built from the 429 names the hour (error-body.ts).
  expect(notices).toEqual([]);
});

test('long waits and retries after no answer are told to the notice with what is waited for', async () => {
  const clock = instantClock();
  const notices: string[] = [];
  const http = scripted([[429, { 'retry-after': '120' }], [429, { 'retry-after': '2' }], 'drop', 'timeout', 200]);
  const sender = new RetryingSender({ http, clock, notice: (message) => notices.push(message) });
  expect((await sender.send(get, 'idempotent', undefined, 'read the field list')).status).toBe(200);
  expect(notices).toEqual([
    'read the field list: the tracker is rate limiting; waiting 60 s before trying again; it asks 120 s (Retry-After), spectryn waits at most 60 s.',
    // The 2 s wait and the retry after a refused connection are short: not said.
    'read the field list: No answer from 127.0.0.1 within 30 s (the request timeout); trying again in 1 s (attempt 3 of 3).',
  ]);
});
