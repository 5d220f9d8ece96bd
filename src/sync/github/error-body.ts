/**
 * GitHub's error answers in plain words (`{message, documentation_url, status}`, a 422 with
 * `errors: [{resource, field, code, message?}]`), redacted, as a `TrackerError` whose hint speaks of
 * GitHub's settings (the token, the repository), not Jira's.
 */
import { hintFor, kindOfStatus, redact, TrackerError, type ErrorKind } from '../errors';
import { formatWait, type HttpResponse } from '../http';
import { asArray, asRecord, asString } from '../json';
import { gitHubRateLimitWait } from './rate-limit';

/** What to do about each kind of GitHub failure. */
const GITHUB_HINTS: Partial<Record<ErrorKind, string>> = {
  auth: 'GitHub refused the token: check GITHUB_TOKEN (the plugin\'s GitHub token), that it has not expired, and that it belongs to the GitHub the API URL names.',
  forbidden: 'Permission denied: the token needs access to the repository with Issues read and write (fine-grained token: Repository permissions → Issues: Read and write).',
  notFound: 'Not found: check the repository (owner/repo), the API URL and the issue number; GitHub also answers 404 when the token cannot see a private repository.',
  rateLimit: 'GitHub is rate limiting: sync again once the wait it names is over (a no-op re-sync costs only a few requests).',
  configuration: 'Check the API URL (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server), the repository (owner/repo) and the epic issue number.',
  notTracker: 'Check the API URL: it must be GitHub\'s REST API root (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server), not a web page or a proxy sign-in.',
};

/** The hint for a GitHub failure of `kind`. */
export function gitHubHint(kind: ErrorKind): string {
  return GITHUB_HINTS[kind] ?? hintFor(kind);
}

/**
 * Turns a 4xx/5xx GitHub answer into a `TrackerError`. A rate limit (403 or 429, `rate-limit.ts`)
 * is kind `rateLimit` with the wait GitHub asked for; a 400 on a read is `configuration`; a 403
 * names the permissions GitHub says the call needs (`x-accepted-github-permissions`).
 */
export function gitHubErrorFromResponse(response: HttpResponse, what: string, secrets: readonly string[], options: { readonly reading: boolean; readonly now: number; readonly afterUncertainRetry?: boolean }): TrackerError {
  const wait = gitHubRateLimitWait(response, options.now);
  const statusKind = kindOfStatus(response.status) ?? 'server';
  const kind: ErrorKind = wait !== null ? 'rateLimit' : options.reading && response.status === 400 ? 'configuration' : statusKind;
  const parts = [describeGitHubErrorBody(response.text)];
  if (wait !== null) parts.push(`GitHub asks to wait ${formatWait(wait)} before the next request`);
  const needed = response.headers['x-accepted-github-permissions'];
  if (kind === 'forbidden' && needed) parts.push(`the call needs the permissions ${needed}`);
  const details = parts.filter((part) => part !== '').map((part) => part.replace(/\.$/, '')).join('; ');
  const message = redact(`${what} failed (HTTP ${response.status})${details ? `: ${details}` : ''}`, secrets);
  return new TrackerError({ kind, status: response.status, message, hint: gitHubHint(kind), afterUncertainRetry: options.afterUncertainRetry });
}

/**
 * GitHub's error body in plain words: `message`, then each `errors` entry as its `message`, or
 * `field: code` (`labels: invalid`). A body that is not GitHub's JSON is never echoed (a proxy page
 * or a hostile server may reflect the request): only its size is said.
 */
export function describeGitHubErrorBody(text: string): string {
  if (text.trim() === '') return '';
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    return `the answer is not GitHub's error JSON (${text.length} characters, not shown)`;
  }
  const record = asRecord(body);
  const message = asString(record.message);
  if (message === null) return `the answer is not GitHub's error JSON (${text.length} characters, not shown)`;
  const details = asArray(record.errors).map((entry) => {
    if (typeof entry === 'string') return entry;
    const error = asRecord(entry);
    const own = asString(error.message);
    if (own !== null && own !== '') return own;
    const field = asString(error.field);
    const code = asString(error.code) ?? 'invalid';
    return field === null ? code : `${field}: ${code}`;
  }).filter((detail) => detail !== '');
  return details.length > 0 ? `${message.replace(/\.$/, '')} (${details.join('; ')})` : message;
}
