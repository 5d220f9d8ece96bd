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

/** Settings of the tracker (Jira is the only one the command line syncs with). */
export type TrackerConfig = JiraConfig;

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
  }
}
