/**
 * The one network seam of sync: every tracker request goes through an injected `Http` function.
 * The plugin passes `obsidianHttp(requestUrl)`, the CLI and the tests pass `nodeFetchHttp()`.
 * Nothing else in `src/sync` touches the network.
 */

/** One HTTP request. `timeoutMs` is a hint for transports that support it (none by default). */
export interface HttpRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
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
 * What failed, when the transport can tell: the connection was refused or reset, the host name
 * did not resolve (DNS), the TLS handshake or the certificate was refused, or nothing answered in
 * time. `unknown` when the platform does not say.
 */
export type TransportCause = 'refused' | 'reset' | 'dns' | 'tls' | 'timeout' | 'unknown';

/**
 * A request that got no response: connection refused or reset, DNS failure, TLS failure, timeout.
 * The message never contains request headers (so never a credential).
 */
export class TransportError extends Error {
  readonly failure: TransportFailure;
  /** What failed, as far as the transport can tell (default `unknown`, or `timeout` for a timeout). */
  readonly reason: TransportCause;

  constructor(args: { failure: TransportFailure; message: string; reason?: TransportCause }) {
    super(args.message);
    this.name = 'TransportError';
    this.failure = args.failure;
    this.reason = args.reason ?? (args.failure === 'timeout' ? 'timeout' : 'unknown');
  }
}

/** What a failure without a response was, in a few words ("TLS (certificate) failure"). */
export function describeTransportCause(cause: TransportCause): string {
  switch (cause) {
    case 'refused': return 'connection refused';
    case 'reset': return 'connection closed without an answer';
    case 'dns': return 'host name not found (DNS)';
    case 'tls': return 'TLS (certificate) failure';
    case 'timeout': return 'no answer in time';
    case 'unknown': return 'no answer';
  }
}

/** A duration for messages: "30 s", "0.2 s", "1 h". */
export function formatWait(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : Number(seconds.toFixed(1))} s`;
}

/** Lower-cases header names (transports return them in any case). */
export function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value;
  return result;
}
