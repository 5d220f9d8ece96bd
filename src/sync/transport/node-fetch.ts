import { describeTransportCause, formatWait, lowerCaseHeaders, TransportError, type Http, type TransportCause, type HttpRequest, type HttpResponse } from '../http';

/** The subset of the global `fetch` this transport calls (injectable for tests). */
export type FetchFunction = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{
  status: number;
  headers: { forEach(callback: (value: string, name: string) => void): void };
  text(): Promise<string>;
}>;

/**
 * `Http` over Node's `fetch` (pass it: `nodeFetchHttp({ fetch })`): used by the CLI and the tests.
 * `timeoutMs` on a request aborts it after that many milliseconds (default: no timeout).
 * Any failure to get a response rejects with a `TransportError` whose message names only the
 * host, never a header.
 */
export function nodeFetchHttp(options: { fetch: FetchFunction }): Http {
  const fetchFunction = options.fetch;
  return async (request: HttpRequest): Promise<HttpResponse> => {
    const signal = request.timeoutMs !== undefined ? AbortSignal.timeout(request.timeoutMs) : undefined;
    let response: Awaited<ReturnType<FetchFunction>>;
    let text: string;
    try {
      response = await fetchFunction(request.url, { method: request.method, headers: request.headers, body: request.body, signal });
      text = await response.text();
    } catch (error) {
      // The abort of a timeout is a DOMException, which is not always an `Error` instance.
      const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
      const timedOut = name === 'TimeoutError' || name === 'AbortError' || signal?.aborted === true;
      if (timedOut) {
        const within = request.timeoutMs !== undefined ? ` within ${formatWait(request.timeoutMs)} (the request timeout)` : ' in time';
        throw new TransportError({ failure: 'timeout', reason: 'timeout', message: `No answer from ${hostOf(request.url)}${within}` });
      }
      const reason = causeOf(error);
      throw new TransportError({ failure: 'network', reason, message: `Could not reach ${hostOf(request.url)}: ${describeTransportCause(reason)}` });
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => { headers[name] = value; });
    return { status: response.status, headers: lowerCaseHeaders(headers), text };
  };
}

/**
 * What Node's fetch says failed, from the error code it puts on `cause` (undici's "fetch failed"
 * wraps the socket's error). Only the code is read: the messages may quote the request.
 */
function causeOf(error: unknown): TransportCause {
  const inner: unknown = typeof error === 'object' && error !== null && 'cause' in error ? error.cause : null;
  const code = typeof inner === 'object' && inner !== null && 'code' in inner ? String(inner.code) : '';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|HOSTNAME_MISMATCH/.test(code)) return 'tls';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code.startsWith('UND_ERR_SOCKET') || code === 'UND_ERR_CLOSED') return 'reset';
  return 'unknown';
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the tracker';
  }
}
