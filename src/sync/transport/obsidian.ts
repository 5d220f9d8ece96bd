import type { RequestUrlParam, RequestUrlResponse } from 'obsidian';
import { describeTransportCause, formatWait, lowerCaseHeaders, TransportError, type Http, type TransportCause, type HttpRequest, type HttpResponse } from '../http';

/** The shape of Obsidian's `requestUrl` this transport needs (pass `requestUrl` itself). */
export type RequestUrlFunction = (request: RequestUrlParam) => Promise<RequestUrlResponse>;

/** Timer functions for request timeouts; default `window.setTimeout` / `window.clearTimeout`. */
export interface TransportTimers {
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

const WINDOW_TIMERS: TransportTimers = {
  setTimer: (callback, ms) => window.setTimeout(callback, ms),
  clearTimer: (handle) => { window.clearTimeout(handle as number); },
};

/**
 * `Http` over Obsidian's `requestUrl`, always with `throw: false` so 4xx/5xx come back as
 * responses for the one error map (`errors.ts`) instead of as exceptions. `requestUrl` cannot be
 * aborted, so a request with `timeoutMs` is raced against a timer: when the timer wins, the
 * request rejects with a `TransportError` of failure `timeout` (its late answer is ignored). A
 * rejection of `requestUrl` means no response: a `TransportError` of failure `network`.
 */
export function obsidianHttp(requestUrl: RequestUrlFunction, timers: TransportTimers = WINDOW_TIMERS): Http {
  return async (request: HttpRequest): Promise<HttpResponse> => {
    const sent = requestUrl({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: request.body,
      contentType: request.headers['Content-Type'],
      throw: false,
    });
    let response: RequestUrlResponse;
    try {
      response = request.timeoutMs === undefined ? await sent : await withTimeout(sent, request.timeoutMs, timers, request.url);
    } catch (error) {
      if (error instanceof TransportError) throw error;
      // requestUrl's own error text may quote the request; keep only the host and what failed.
      const reason = causeOf(error);
      throw new TransportError({ failure: 'network', reason, message: `Could not reach ${hostOf(request.url)}: ${describeTransportCause(reason)}` });
    }
    return { status: response.status, headers: lowerCaseHeaders(response.headers), text: readText(response) };
  };
}

/** `sent`, or a timeout `TransportError` after `ms`; the timer is cleared whichever ends first. */
function withTimeout<T>(sent: Promise<T>, ms: number, timers: TransportTimers, url: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const handle = timers.setTimer(() => {
      reject(new TransportError({ failure: 'timeout', reason: 'timeout', message: `No answer from ${hostOf(url)} within ${formatWait(ms)} (the request timeout)` }));
    }, ms);
    sent.then(
      (value) => { timers.clearTimer(handle); resolve(value); },
      (error: unknown) => { timers.clearTimer(handle); reject(error instanceof Error ? error : new Error('request failed')); },
    );
  });
}

/** What failed, from Electron's network error names (`net::ERR_CERT_AUTHORITY_INVALID`). */
function causeOf(error: unknown): TransportCause {
  const text = error instanceof Error ? error.message : String(error);
  if (/ERR_CERT|ERR_SSL|CERT_|TLS/i.test(text)) return 'tls';
  if (/ERR_CONNECTION_REFUSED|ECONNREFUSED/.test(text)) return 'refused';
  if (/ERR_NAME_NOT_RESOLVED|ENOTFOUND/.test(text)) return 'dns';
  if (/ERR_CONNECTION_(RESET|CLOSED)|ERR_EMPTY_RESPONSE|ECONNRESET/.test(text)) return 'reset';
  return 'unknown';
}

function readText(response: RequestUrlResponse): string {
  try {
    return response.text;
  } catch {
    // An empty or binary body makes the `text` getter throw on some platforms.
    return '';
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the tracker';
  }
}
