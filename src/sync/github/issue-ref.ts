/**
 * How a GitHub issue is named in a note and on the command line: `#12` (in the configured
 * repository), `12`, or `acme/infra#12` (docs/sync.md "GitHub"). The tracker key of a GitHub issue
 * is always `#NUMBER`: keys are written back as `[#12](https://github.com/acme/infra/issues/12)`.
 */

/** A parsed issue reference; `repository` is null when the text named only the number. */
export interface IssueRef {
  readonly repository: { readonly owner: string; readonly repo: string } | null;
  /** The issue number (1 or more). */
  readonly number: number;
}

// GitHub's owner names: letters, digits and single hyphens; repository names also take `.` and `_`.
const REF = /^\s*(?:([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100}))?#?([1-9][0-9]{0,9})\s*$/;

/** Reads `12`, `#12` or `owner/repo#12`; null for anything else. */
export function parseIssueRef(text: string): IssueRef | null {
  const match = REF.exec(text);
  if (match === null) return null;
  const [, owner, repo, digits] = match;
  // `owner/repo12` is not a reference: a repository needs its `#`.
  if (owner !== undefined && !text.includes('#')) return null;
  const number = Number(digits);
  if (!Number.isSafeInteger(number)) return null;
  return { repository: owner !== undefined && repo !== undefined ? { owner, repo } : null, number };
}

/** The tracker key of issue `number`: `#12`. */
export function issueKey(number: number): string {
  return `#${number}`;
}

/** The number of a tracker key (`#12` or `12`), or null when `key` is not one. */
export function issueNumberOf(key: string): number | null {
  const ref = parseIssueRef(key);
  return ref !== null && ref.repository === null ? ref.number : null;
}

/**
 * The web address of the repository for people: `https://github.com/acme/infra` for the public API,
 * `https://HOST/acme/infra` for an Enterprise Server API root `https://HOST/api/v3`.
 */
export function repositoryHtmlUrl(apiUrl: string, owner: string, repo: string): string {
  const root = apiUrl.replace(/\/+$/, '');
  const web = root === 'https://api.github.com' ? 'https://github.com' : root.replace(/\/api\/v3$/, '');
  return `${web}/${owner}/${repo}`;
}

/** The page of issue `number` in `owner/repo` for people (`…/acme/infra/issues/12`); `apiUrl` as in `repositoryHtmlUrl`. */
export function issueHtmlUrl(apiUrl: string, owner: string, repo: string, number: number): string {
  return `${repositoryHtmlUrl(apiUrl, owner, repo)}/issues/${number}`;
}
