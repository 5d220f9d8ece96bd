/**
 * The one rule for where a tracker token may be sent (docs/sync.md "HTTP behaviour"): https only,
 * plain http only to this machine (127.0.0.1, localhost, [::1]: tests, local proxies), and never an
 * address holding a user name or password. Each adapter passes its own wording.
 */
import { hintFor, TrackerError } from './errors';

/** How one tracker names its address in messages. */
export interface SiteUrlWording {
  /** What the address is called: `site URL` (Jira), `API URL` (GitHub). */
  readonly name: string;
  /** An example of a good address: `https://your-domain.atlassian.net`. */
  readonly example: string;
  /** Where the account goes instead of the address (the hint of a user name or password in it). */
  readonly credentials: string;
  /** What to use instead of plain http: `the https:// address of the Jira site`. */
  readonly httpsHint: string;
}

/**
 * Why the token may not be sent to `url`, or null when it may: not a URL and credentials inside it
 * are kind `configuration` (the address is never repeated: it may hold them), plain http to another
 * machine is kind `network`. The sync and the connection test both ask this before any request.
 */
export function siteUrlProblem(url: string, wording: SiteUrlWording): TrackerError | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not repeated: a mistyped address may still hold a password.
    return new TrackerError({ kind: 'configuration', status: null, message: `The ${wording.name} is not a URL (it must look like ${wording.example}).`, hint: hintFor('configuration') });
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return new TrackerError({
      kind: 'configuration',
      status: null,
      message: `The ${wording.name} holds a user name or password (https://user:password@…): they are not used, and are not sent.`,
      hint: `Remove them from the address; ${wording.credentials}`,
    });
  }
  const local = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost' || parsed.hostname === '[::1]';
  if (parsed.protocol !== 'https:' && !(local && parsed.protocol === 'http:')) {
    return new TrackerError({
      kind: 'network',
      status: null,
      message: `The ${wording.name} must use https (${parsed.protocol} refused: the token would travel in clear).`,
      hint: `Use ${wording.httpsHint}.`,
    });
  }
  return null;
}
