/**
 * The one place that turns an HTTP status or a missing response into an error kind; every message
 * is redacted (./redact.ts). Callers branch on `TrackerError.kind`, never on message text.
 */
import { TransportError, type HttpResponse } from './http';
import { redact } from './redact';

// Redaction lives in ./redact.ts; re-exported for the callers that import it from here.
export { redact, secretsOf, encodeBase64 } from './redact';

/** What went wrong, as far as a caller needs to decide what to do. */
export type ErrorKind =
  | 'auth' | 'forbidden' | 'notFound' | 'rateLimit' | 'server' | 'network' | 'validation' | 'conflict' | 'timeout'
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
  rateLimit: 'The tracker is rate limiting: wait a minute and sync again.',
  server: 'The tracker had an internal error: sync again later; nothing is duplicated on a re-run.',
  network: 'Could not reach the tracker: check the site URL and the network connection.',
  validation: 'The tracker refused the values: fix the fields named in the message (or the settings that produce them).',
  conflict: 'The issue changed meanwhile: sync again.',
  timeout: 'The tracker did not answer in time: sync again.',
  noteWrite: 'Add the issue keys to the note by hand, or make the note writable and sync again (the issues are found again by their label).',
};

/** The hint for an error kind (what to do). */
export function hintFor(kind: ErrorKind): string {
  return HINTS[kind];
}

/**
 * Turns a 4xx/5xx response into a `TrackerError`: Jira's `errorMessages` and its `errors` object
 * field by field ("description: Operation value must be an Atlassian Document"), redacted with
 * `secrets`. `what` names the call in plain words ("create 3 issues").
 */
export function errorFromResponse(response: HttpResponse, what: string, secrets: readonly string[], afterUncertainRetry = false): TrackerError {
  const kind = kindOfStatus(response.status) ?? 'server';
  const details = describeJiraErrorBody(response.text);
  const message = redact(`${what} failed (HTTP ${response.status})${details ? `: ${details}` : ''}`, secrets);
  return new TrackerError({ kind, status: response.status, message, hint: HINTS[kind], afterUncertainRetry });
}

/** Turns a transport failure (or anything thrown by a transport) into a `TrackerError`. */
export function errorFromTransport(error: unknown, what: string, secrets: readonly string[]): TrackerError {
  const kind: ErrorKind = error instanceof TransportError && error.failure === 'timeout' ? 'timeout' : 'network';
  const reason = error instanceof Error ? error.message : 'no response';
  return new TrackerError({ kind, status: null, message: redact(`${what} failed: ${reason}`, secrets), hint: HINTS[kind] });
}

function notJiraJson(text: string): string {
  return `the answer is not Jira's error JSON (${text.length} characters, not shown)`;
}

/**
 * Jira's error body in plain words: `errorMessages` joined, then each `errors` entry as
 * `field: message`. A body that is not Jira's JSON is never echoed (a hostile server may reflect the
 * Authorization header in it): it is described by its size only. An empty body gives ''.
 */
export function describeJiraErrorBody(text: string): string {
  if (text.trim() === '') return '';
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return notJiraJson(text);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return notJiraJson(text);
  const parts: string[] = [];
  const record = body as Record<string, unknown>;
  if (Array.isArray(record.errorMessages)) {
    for (const message of record.errorMessages) if (typeof message === 'string' && message) parts.push(message);
  }
  if (Array.isArray(record.errors)) {
    // Bulk create: one entry per failed element, each with Jira's usual error object.
    for (const entry of record.errors as unknown[]) {
      const element = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
      const inner = describeJiraErrorBody(JSON.stringify(element.elementErrors ?? {}));
      const number = typeof element.failedElementNumber === 'number' ? `issue ${element.failedElementNumber + 1}: ` : '';
      if (inner) parts.push(`${number}${inner}`);
    }
  } else if (typeof record.errors === 'object' && record.errors !== null) {
    for (const [field, message] of Object.entries(record.errors as Record<string, unknown>)) {
      parts.push(`${field}: ${typeof message === 'string' ? message : JSON.stringify(message)}`);
    }
  }
  if (typeof record.message === 'string' && parts.length === 0) parts.push(record.message);
  return parts.join('; ');
}
