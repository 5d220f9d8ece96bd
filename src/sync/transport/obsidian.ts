import type { RequestUrlParam, RequestUrlResponse } from 'obsidian';
import { lowerCaseHeaders, TransportError, type Http, type HttpRequest, type HttpResponse } from '../http';

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
      // requestUrl's own error text may quote the request; keep only the host.
      throw new TransportError({ failure: 'network', message: `Could not reach ${hostOf(request.url)}` });
    }
    return { status: response.status, headers: lowerCaseHeaders(response.headers), text: readText(response) };
  };
}

/** `sent`, or a timeout `TransportError` after `ms`; the timer is cleared whichever ends first. */
function withTimeout<T>(sent: Promise<T>, ms: number, timers: TransportTimers, url: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const handle = timers.setTimer(() => {
      reject(new TransportError({ failure: 'timeout', message: `No answer in time from ${hostOf(url)}` }));
    }, ms);
    sent.then(
      (value) => { timers.clearTimer(handle); resolve(value); },
      (error: unknown) => { timers.clearTimer(handle); reject(error instanceof Error ? error : new Error('request failed')); },
    );
  });
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
