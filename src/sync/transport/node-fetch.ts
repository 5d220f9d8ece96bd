import { lowerCaseHeaders, TransportError, type Http, type HttpRequest, type HttpResponse } from '../http';

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
      throw new TransportError({
        failure: timedOut ? 'timeout' : 'network',
        message: `${timedOut ? 'No answer in time from' : 'Could not reach'} ${hostOf(request.url)}`,
      });
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => { headers[name] = value; });
    return { status: response.status, headers: lowerCaseHeaders(headers), text };
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the tracker';
  }
}
