/**
 * Settings of the GitHub adapter (docs/sync.md "GitHub"): which repository, through which API, with
 * which token. The CLI reads them from `GITHUB_TOKEN`, `GITHUB_REPOSITORY` (or `GITHUB_REPO`) and
 * `GITHUB_API_URL`; the plugin from its GitHub settings and secret storage.
 */

/** The public GitHub API, used when no `GITHUB_API_URL` is set. */
export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

/** The REST API version every request names (`X-GitHub-Api-Version`). */
export const GITHUB_API_VERSION = '2022-11-28';

/** One repository on one GitHub (github.com or a GitHub Enterprise Server). */
export interface GitHubConfig {
  /**
   * The REST API root without a trailing slash: `https://api.github.com` (default) or
   * `https://HOST/api/v3` (Enterprise Server). https only; http only for 127.0.0.1 and localhost.
   */
  readonly apiUrl: string;
  /** Repository owner (user or organisation), e.g. `acme`. */
  readonly owner: string;
  /** Repository name, e.g. `infra`. */
  readonly repo: string;
  /** A fine-grained personal access token (sent as `Authorization: Bearer`). Secret: never print it. */
  readonly token: string;
}
