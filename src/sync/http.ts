/**
 * The one network seam of sync: every tracker request goes through an injected `Http` function.
 * The plugin passes `obsidianHttp(requestUrl)`, the CLI and the tests pass `nodeFetchHttp()`.
 * Nothing else in `src/sync` touches the network.
 */

/** One HTTP request. `timeoutMs` is a hint for transports that support it (none by default). */
export interface HttpRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly timeoutMs?: number;
}

/** One HTTP response, whatever its status. Header names are lower case. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
}

/** Sends a request; resolves with any status (4xx/5xx included), rejects only with a `TransportError`. */
export type Http = (request: HttpRequest) => Promise<HttpResponse>;

/** Why a request got no HTTP response at all. */
export type TransportFailure = 'network' | 'timeout';

/**
 * A request that got no response: connection refused or reset, DNS failure, TLS failure, timeout.
 * The message never contains request headers (so never a credential).
 */
export class TransportError extends Error {
  readonly failure: TransportFailure;

  constructor(args: { failure: TransportFailure; message: string }) {
    super(args.message);
    this.name = 'TransportError';
    this.failure = args.failure;
  }
}

/** Lower-cases header names (transports return them in any case). */
export function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value;
  return result;
}
