/**
 * Jira's error answers in plain words: the `errorMessages` list and the `errors` object (field by
 * field, or per element of a bulk create), redacted, as a `TrackerError` of the status's kind.
 */
import { hintFor, kindOfStatus, redact, TrackerError, type ErrorKind } from '../errors';
import { formatWait, type HttpResponse } from '../http';
import { retryAfterHeaderMs } from '../retry';

/**
 * Turns a 4xx/5xx response into a `TrackerError`: Jira's `errorMessages` and its `errors` object
 * field by field ("description: Operation value must be an Atlassian Document"), redacted with
 * `secrets`. `what` names the call in plain words ("create 3 issues"). A 400 on a `reading` call
 * (a GET or a search) is kind `configuration`: a read sends no values of the note, so Jira refusing
 * it means the site, the kind of Jira, the project or the epic key is wrong. A 429 says how long
 * Jira asked to wait (`Retry-After`).
 */
export function errorFromResponse(response: HttpResponse, what: string, secrets: readonly string[], afterUncertainRetry = false, reading = false): TrackerError {
  const statusKind = kindOfStatus(response.status) ?? 'server';
  const kind: ErrorKind = reading && response.status === 400 ? 'configuration' : statusKind;
  const body = describeJiraErrorBody(response.text);
  const retryAfter = response.status === 429 ? describeRetryAfter(response) : '';
  const details = body !== '' && retryAfter !== '' ? `${body.replace(/\.$/, '')}; ${retryAfter}` : body || retryAfter;
  const refused = kind === 'configuration' ? `${what} was refused as malformed (HTTP 400)` : `${what} failed (HTTP ${response.status})`;
  const message = redact(`${refused}${details ? `: ${details}` : ''}`, secrets);
  return new TrackerError({ kind, status: response.status, message, hint: hintFor(kind), afterUncertainRetry });
}

/** How long a 429 asked to wait, in words ("Jira asks to wait 1 h (Retry-After)"), or ''. */
function describeRetryAfter(response: HttpResponse): string {
  const asked = retryAfterHeaderMs(response.headers['retry-after'], Date.now());
  return asked === null ? '' : `Jira asks to wait ${formatWait(asked)} (Retry-After) before the next request`;
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
