/**
 * Tracker settings of the command line, read from the environment (docs/cli.md). A secret read
 * here lives only in the returned object: it is never part of a message this module builds.
 */
import type { TrackerName } from './args';

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

/** GitHub settings: `GITHUB_TOKEN`, `GITHUB_REPO` (owner/name). */
export interface GithubConfig {
  readonly tracker: 'github';
  /** Secret: never print it. */
  readonly token: string;
  readonly repo: string;
}

/** GitLab settings: `GITLAB_URL`, `GITLAB_TOKEN`, `GITLAB_PROJECT`. */
export interface GitlabConfig {
  readonly tracker: 'gitlab';
  readonly siteUrl: string;
  /** Secret: never print it. */
  readonly token: string;
  readonly project: string;
}

/** Linear settings: `LINEAR_API_KEY`, `LINEAR_TEAM`. */
export interface LinearConfig {
  readonly tracker: 'linear';
  /** Secret: never print it. */
  readonly apiKey: string;
  readonly team: string;
}

/** Settings of one tracker. */
export type TrackerConfig = JiraConfig | GithubConfig | GitlabConfig | LinearConfig;

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
  github: 'GITHUB_TOKEN and GITHUB_REPO',
  gitlab: 'GITLAB_URL, GITLAB_TOKEN and GITLAB_PROJECT',
  linear: 'LINEAR_API_KEY and LINEAR_TEAM',
};

/** Reads the settings of `tracker` from the environment. Empty variables count as unset. */
export function resolveTrackerConfig(tracker: TrackerName, env: Environment): TrackerConfigResolution {
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
    case 'github':
      return gather(['GITHUB_TOKEN', 'GITHUB_REPO'], read, (get) => ({ tracker: 'github', token: get('GITHUB_TOKEN'), repo: get('GITHUB_REPO') }));
    case 'gitlab':
      return gather(['GITLAB_URL', 'GITLAB_TOKEN', 'GITLAB_PROJECT'], read, (get) => ({
        tracker: 'gitlab', siteUrl: get('GITLAB_URL').replace(/\/+$/, ''), token: get('GITLAB_TOKEN'), project: get('GITLAB_PROJECT'),
      }));
    case 'linear':
      return gather(['LINEAR_API_KEY', 'LINEAR_TEAM'], read, (get) => ({ tracker: 'linear', apiKey: get('LINEAR_API_KEY'), team: get('LINEAR_TEAM') }));
  }
}

function gather(
  names: readonly string[],
  read: (name: string) => string | null,
  build: (get: (name: string) => string) => TrackerConfig,
): TrackerConfigResolution {
  const missing = names.filter((name) => read(name) === null);
  if (missing.length === names.length) return { kind: 'none' };
  if (missing.length > 0) return { kind: 'incomplete', missing };
  return { kind: 'complete', config: build((name) => read(name) ?? '') };
}
