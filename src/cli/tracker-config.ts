/**
 * Tracker settings of the command line, read from the environment (docs/cli.md). A secret read
 * here lives only in the returned object: it is never part of a message this module builds.
 */
import type { TrackerName } from './args';
import { DEFAULT_GITHUB_API_URL } from '../sync/github/config';
import { parseRepository, type Repository } from '../sync/github/epic-ref';

/** Environment variables, as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Jira settings: Cloud with e-mail + API token (Basic auth), or Data Center with a PAT (Bearer). */
export interface JiraConfig {
  readonly tracker: 'jira';
  readonly deployment: 'cloud' | 'datacenter';
  /** `JIRA_URL` without a trailing slash. */
  readonly siteUrl: string;
  /** `JIRA_EMAIL` (Cloud), or null (Data Center). */
  readonly email: string | null;
  /** `JIRA_API_TOKEN` (Cloud) or `JIRA_PAT` (Data Center). Secret: never print it. */
  readonly token: string;
  /** `JIRA_PROJECT`, or null (then the epic's project). */
  readonly projectKey: string | null;
  /** `JIRA_STORY_POINTS_FIELD`, or null (then found by name). */
  readonly storyPointsField: string | null;
}

/** GitHub settings: a token, a repository (or the one the epic names) and the API root. */
export interface GitHubEnvConfig {
  readonly tracker: 'github';
  /** `GITHUB_API_URL` without a trailing slash; default `https://api.github.com`. */
  readonly apiUrl: string;
  /**
   * The repository the epic is in: the one `-e owner/repo#1` (or frontmatter `epic`) names, else
   * `GITHUB_REPOSITORY` (or `GITHUB_REPO`).
   */
  readonly repository: Repository;
  /** `GITHUB_TOKEN`. Secret: never print it. */
  readonly token: string;
}

/** Settings of the tracker the command line syncs with. */
export type TrackerConfig = JiraConfig | GitHubEnvConfig;

/**
 * `none`: nothing of this tracker is set (the note is reported alone); `incomplete`: some of it
 * is set and `missing` names what else is needed; `complete`: ready to sync.
 */
export type TrackerConfigResolution =
  | { readonly kind: 'none' }
  | { readonly kind: 'incomplete'; readonly missing: readonly string[] }
  | { readonly kind: 'complete'; readonly config: TrackerConfig };

/** Which variables configure each tracker, for messages. */
export const TRACKER_VARIABLES: Readonly<Record<TrackerName, string>> = {
  jira: 'JIRA_URL with JIRA_EMAIL and JIRA_API_TOKEN (Jira Cloud), or JIRA_URL with JIRA_PAT (Jira Data Center)',
  github: 'GITHUB_TOKEN with GITHUB_REPOSITORY=owner/repo (or GITHUB_REPO; + GITHUB_API_URL for GitHub Enterprise Server)',
};

/**
 * Reads the settings of `tracker` from the environment. Empty variables count as unset.
 * `epicRepository`: the repository the epic reference names (`-e acme/infra#1`), which wins over
 * `GITHUB_REPOSITORY`; GitHub only. GitHub is `none` without `GITHUB_TOKEN`: CI runners set
 * `GITHUB_REPOSITORY` and `GITHUB_API_URL` on their own, and that alone is no wish to sync.
 */
export function resolveTrackerConfig(tracker: TrackerName, env: Environment, epicRepository: Repository | null = null): TrackerConfigResolution {
  const read = (name: string): string | null => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? null : value;
  };
  switch (tracker) {
    case 'jira': {
      const siteUrl = read('JIRA_URL');
      const email = read('JIRA_EMAIL');
      const apiToken = read('JIRA_API_TOKEN');
      const pat = read('JIRA_PAT');
      if (siteUrl === null && email === null && apiToken === null && pat === null) return { kind: 'none' };
      const missing: string[] = [];
      if (siteUrl === null) missing.push('JIRA_URL');
      const cloud = email !== null && apiToken !== null;
      if (!cloud && pat === null) {
        if (email === null) missing.push('JIRA_EMAIL');
        if (apiToken === null) missing.push('JIRA_API_TOKEN (or JIRA_PAT for Data Center)');
      }
      if (siteUrl === null || missing.length > 0) return { kind: 'incomplete', missing };
      const common = {
        tracker: 'jira' as const,
        siteUrl: siteUrl.replace(/\/+$/, ''),
        projectKey: read('JIRA_PROJECT'),
        storyPointsField: read('JIRA_STORY_POINTS_FIELD'),
      };
      // An e-mail with an API token means Cloud (Basic auth); otherwise the PAT means Data Center (Bearer).
      if (email !== null && apiToken !== null) {
        return { kind: 'complete', config: { ...common, deployment: 'cloud', email, token: apiToken } };
      }
      return { kind: 'complete', config: { ...common, deployment: 'datacenter', email: null, token: pat ?? '' } };
    }
    case 'github': {
      const token = read('GITHUB_TOKEN');
      if (token === null) return { kind: 'none' };
      const written = read('GITHUB_REPOSITORY') ?? read('GITHUB_REPO');
      const configured = written === null ? null : parseRepository(written);
      const repository = epicRepository ?? configured;
      if (repository === null) {
        // The value is not repeated when it is not a repository: it is the user's, but say which variable.
        return { kind: 'incomplete', missing: [written === null ? 'GITHUB_REPOSITORY (owner/repo), or an epic named owner/repo#N' : 'GITHUB_REPOSITORY as owner/repo (the value set is not one)'] };
      }
      const apiUrl = (read('GITHUB_API_URL') ?? DEFAULT_GITHUB_API_URL).replace(/\/+$/, '');
      return { kind: 'complete', config: { tracker: 'github', apiUrl, repository, token } };
    }
  }
}
