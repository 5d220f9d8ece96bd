/**
 * The one place that turns an HTTP status or a missing response into an error kind; every message
 * is redacted (./redact.ts; a tracker's error bodies are read by its adapter, e.g.
 * `jira/error-body.ts`). Callers branch on `TrackerError.kind`, never on message text.
 */
import { TransportError } from './http';
import { redact } from './redact';

// Redaction lives in ./redact.ts; re-exported for the callers that import it from here.
export { redact, secretsOf, encodeBase64 } from './redact';

/** What went wrong, as far as a caller needs to decide what to do. */
export type ErrorKind =
  | 'auth' | 'forbidden' | 'notFound' | 'rateLimit' | 'server' | 'network' | 'validation' | 'conflict' | 'timeout'
  /** The address answers, but not as the tracker: a sign-in page, `{}`, JSON of another shape (exit 4). */
  | 'notTracker'
  /** The settings themselves are unusable (credentials inside the site URL, a read Jira refuses as malformed): exit 2. */
  | 'configuration'
  /** Not the tracker's: writing the issue keys back into the note failed (the tracker changes stand). */
  | 'noteWrite';

/** Error of a tracker call: a kind to branch on, plain words for a person, and what to do. */
export class TrackerError extends Error {
  readonly kind: ErrorKind;
  /** HTTP status, or null when no response arrived. */
  readonly status: number | null;
  /** What the person should do about it. */
  readonly hint: string;
  /**
   * True when this answer came after the request was sent again following a failure that may hide
   * a committed write: the refusal may only mean the first attempt already did it. Default false.
   */
  readonly afterUncertainRetry: boolean;

  constructor(args: { kind: ErrorKind; status: number | null; message: string; hint: string; afterUncertainRetry?: boolean }) {
    super(args.message);
    this.name = 'TrackerError';
    this.kind = args.kind;
    this.status = args.status;
    this.hint = args.hint;
    this.afterUncertainRetry = args.afterUncertainRetry ?? false;
  }
}

/** Error kind of an HTTP status (2xx/3xx are not errors: `null`). */
export function kindOfStatus(status: number): ErrorKind | null {
  if (status < 400) return null;
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'notFound';
  if (status === 408) return 'timeout';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rateLimit';
  if (status >= 500) return 'server';
  return 'validation';
}

const HINTS: Record<ErrorKind, string> = {
  auth: 'Authentication refused: check the email and the API token (or the personal access token).',
  forbidden: 'Permission denied: the account cannot do this in the project; ask a Jira admin.',
  notFound: 'Not found: check the site URL, the project key and the issue key.',
  rateLimit: 'The tracker is rate limiting: sync again once the wait it asks for is over (a minute when it does not say).',
  server: 'The tracker had an internal error: sync again later; nothing is duplicated on a re-run.',
  network: 'Could not reach the tracker: check the site URL and the network connection.',
  validation: 'The tracker refused the values: fix the fields named in the message (or the settings that produce them).',
  conflict: 'The issue changed meanwhile: sync again.',
  timeout: 'The tracker did not answer in time: sync again.',
  notTracker: 'Check the site URL: it must be the Jira site\'s own address (https://your-domain.atlassian.net, or the Data Center base URL), not a sign-in page, a proxy or another service.',
  configuration: 'Check the site URL (the Jira site\'s address, no path after it), the kind of Jira (Cloud: email and API token; Data Center: personal access token), the project and the epic key.',
  noteWrite: 'Add the issue keys to the note by hand, or make the note writable and sync again (the issues are found again by their label).',
};

/** The hint for an error kind (what to do). */
export function hintFor(kind: ErrorKind): string {
  return HINTS[kind];
}

/** What to do about a TLS failure: the certificate, not the network, is the problem. */
const TLS_HINT = 'The site\'s TLS certificate was refused: check the site URL; for a company certificate authority, give Node its certificate (NODE_EXTRA_CA_CERTS) or the operating system\'s store.';

/** Turns a transport failure (or anything thrown by a transport) into a `TrackerError`. */
export function errorFromTransport(error: unknown, what: string, secrets: readonly string[]): TrackerError {
  const kind: ErrorKind = error instanceof TransportError && error.failure === 'timeout' ? 'timeout' : 'network';
  const reason = error instanceof Error ? error.message : 'no response';
  const hint = error instanceof TransportError && error.reason === 'tls' ? TLS_HINT : HINTS[kind];
  return new TrackerError({ kind, status: null, message: redact(`${what} failed: ${reason}`, secrets), hint });
}

/**
 * The error for an answer that is not the tracker's: `seen` says what came instead (a status, a
 * content type, a shape, a size), never the body, which a sign-in page or a hostile server fills.
 * `hint`: what to check (default: the Jira site URL's hint; the GitHub client passes its own).
 */
export function notTrackerError(tracker: string, seen: string, secrets: readonly string[], hint: string = HINTS.notTracker): TrackerError {
  return new TrackerError({
    kind: 'notTracker',
    status: null,
    message: redact(`This address does not answer like ${tracker}: ${seen}.`, secrets),
    hint,
  });
}
