/** What the Jira adapter needs to know about the site; built from settings (plugin) or flags/env (CLI). */
import type { Priority, Status } from '../../model/types';

/** `cloud`: REST v3, Basic email + API token, ADF. `datacenter`: REST v2, Bearer PAT, wiki markup. */
export type JiraFlavor = 'cloud' | 'datacenter';

/** Jira connection and mapping settings. */
export interface JiraConfig {
  readonly flavor: JiraFlavor;
  /** Site root, e.g. `https://acme.atlassian.net` (no trailing `/rest`). https only, except localhost. */
  readonly siteUrl: string;
  /** Account email (cloud only). */
  readonly email?: string;
  /** API token (cloud) or personal access token (data center). Never logged. */
  readonly token: string;
  /** Project key new issues are created in, e.g. `INFRA`. */
  readonly projectKey: string;
  /** Story issue type name (default `Story`). */
  readonly storyIssueType?: string;
  /** Subtask issue type name; empty or absent = discovered from the project (`Sub-task`/`Subtask`). */
  readonly subtaskIssueType?: string;
  /** Story points field id; empty or absent = discovered by name through `GET /field`. */
  readonly storyPointsField?: string;
  /** Target status names per status, tried before the vocabulary and the status category. */
  readonly statusMapping?: Partial<Record<Status, readonly string[]>>;
  /** Jira priority name per priority (default critical→Highest, high→High, medium→Medium, low→Low). */
  readonly priorityMapping?: Partial<Record<Priority, string>>;
}

/** The default priority mapping of docs/sync.md. */
export const DEFAULT_PRIORITY_MAPPING: Readonly<Record<Priority, string>> = Object.freeze({
  critical: 'Highest',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
});

/** The REST base of a flavor: `/rest/api/3` (cloud) or `/rest/api/2` (data center). */
export function apiBase(config: JiraConfig): string {
  return `${config.siteUrl.replace(/\/+$/, '')}/rest/api/${config.flavor === 'cloud' ? '3' : '2'}`;
}

/** The page of issue `key` for people on the Jira site `siteUrl` (`SITE/browse/KEY`; a trailing slash of the site is dropped). */
export function jiraBrowseUrl(siteUrl: string, key: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/browse/${encodeURIComponent(key)}`;
}
