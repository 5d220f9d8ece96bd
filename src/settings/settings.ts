/**
 * The plugin's settings as pure data: the shape stored in `data.json`, the frozen defaults and the
 * migration that turns whatever was stored (any older or hand-edited shape) into current settings.
 * The API token is never here: only the name of the secret that holds it in Obsidian's secret
 * storage.
 */
import { PRIORITIES, STATUSES, type Priority, type Status } from '../model/types';
import { DEFAULT_GITHUB_API_URL } from '../sync/github/config';
import { parseRepository } from '../sync/github/epic-ref';
import { TRACKER_NAMES, trackerNamed, type TrackerName } from '../sync/tracker-name';

/** Which Jira flavour the plugin talks to: Cloud (REST v3, Basic auth) or Data Center (REST v2, PAT). */
export type TrackerKind = 'jira-cloud' | 'jira-datacenter';

/** Every tracker kind, in the order the settings dropdown lists them. */
export const TRACKER_KINDS: readonly TrackerKind[] = ['jira-cloud', 'jira-datacenter'];

/** Where the editor decorations are shown; each defaults to true. */
export interface DecorationToggles {
  readonly livePreview: boolean;
  readonly sourceMode: boolean;
  readonly readingView: boolean;
}

/** Everything the plugin stores. */
export interface SpectrynSettings {
  /** The tracker of a note whose frontmatter names none (`tracker: github` chooses per note); default `jira`. */
  readonly defaultTracker: TrackerName;
  /** Which Jira (Cloud or Data Center); default `jira-cloud`. */
  readonly tracker: TrackerKind;
  /** Site base URL without trailing slash, e.g. `https://acme.atlassian.net`; default "". */
  readonly siteUrl: string;
  /** Account email for Jira Cloud Basic auth; default "". Unused for Data Center. */
  readonly email: string;
  /** Name (id) of the secret in `app.secretStorage` that holds the API token or PAT; default "". */
  readonly tokenSecretName: string;
  /** Jira project key, e.g. `INFRA`; default "". */
  readonly projectKey: string;
  /** Issue type name for stories; default `Story`. */
  readonly storyIssueType: string;
  /** Issue type name for subtasks; "" (default) = discovered from the project. */
  readonly subtaskIssueType: string;
  /** Story points field id as Jira names it (`customfield_` and digits); "" (default) = discovered by name. */
  readonly storyPointsField: string;
  /** Tracker status names per note status; the first name is the transition target. */
  readonly statusMapping: Readonly<Record<Status, readonly string[]>>;
  /** Tracker priority name per note priority (critical → Highest …). */
  readonly priorityMapping: Readonly<Record<Priority, string>>;
  readonly decorations: DecorationToggles;
  /** GitHub repository `owner/repo` of notes whose epic names none (`epic: "#1"`); default "". */
  readonly githubRepository: string;
  /** GitHub REST API root without trailing slash; default `https://api.github.com` (Enterprise Server: `https://HOST/api/v3`). */
  readonly githubApiUrl: string;
  /** Name (id) of the secret in `app.secretStorage` that holds the GitHub token; default "". */
  readonly githubTokenSecretName: string;
}

/** The defaults. Deeply frozen: migration copies, never mutates them. */
export const DEFAULT_SETTINGS: SpectrynSettings = deepFreeze({
  defaultTracker: 'jira',
  tracker: 'jira-cloud',
  siteUrl: '',
  email: '',
  tokenSecretName: '',
  projectKey: '',
  storyIssueType: 'Story',
  subtaskIssueType: '',
  storyPointsField: '',
  statusMapping: {
    planned: ['Backlog', 'To Do'],
    open: ['To Do', 'Open'],
    in_progress: ['In Progress'],
    in_review: ['In Review'],
    blocked: ['Blocked'],
    done: ['Done', 'Closed', 'Resolved'],
    cancelled: ["Won't Do", 'Cancelled'],
  },
  priorityMapping: { critical: 'Highest', high: 'High', medium: 'Medium', low: 'Low' },
  decorations: { livePreview: true, sourceMode: true, readingView: true },
  githubRepository: '',
  githubApiUrl: DEFAULT_GITHUB_API_URL,
  githubTokenSecretName: '',
} satisfies SpectrynSettings);

/**
 * Current settings from whatever `loadData()` returned (null, an older shape, hand-edited JSON).
 * Unknown keys are dropped, wrong types fall back to the default of that field, and a token that an
 * older version may have stored in plain text (`apiToken`, `token`) is never carried over.
 */
export function migrateSettings(raw: unknown): SpectrynSettings {
  const data = isRecord(raw) ? raw : {};
  const legacyUrl = data.siteUrl ?? data.jiraUrl ?? data.url;
  return {
    defaultTracker: TRACKER_NAMES.includes(data.defaultTracker as TrackerName) ? (data.defaultTracker as TrackerName) : DEFAULT_SETTINGS.defaultTracker,
    tracker: TRACKER_KINDS.includes(data.tracker as TrackerKind) ? (data.tracker as TrackerKind) : DEFAULT_SETTINGS.tracker,
    siteUrl: normaliseSiteUrl(stringOr(legacyUrl, DEFAULT_SETTINGS.siteUrl)),
    email: stringOr(data.email, DEFAULT_SETTINGS.email).trim(),
    tokenSecretName: stringOr(data.tokenSecretName, DEFAULT_SETTINGS.tokenSecretName).trim(),
    projectKey: stringOr(data.projectKey, DEFAULT_SETTINGS.projectKey).trim().toUpperCase(),
    storyIssueType: stringOr(data.storyIssueType, DEFAULT_SETTINGS.storyIssueType).trim() || DEFAULT_SETTINGS.storyIssueType,
    subtaskIssueType: stringOr(data.subtaskIssueType, DEFAULT_SETTINGS.subtaskIssueType).trim(),
    storyPointsField: stringOr(data.storyPointsField, DEFAULT_SETTINGS.storyPointsField).trim(),
    statusMapping: migrateStatusMapping(data.statusMapping),
    priorityMapping: migratePriorityMapping(data.priorityMapping),
    decorations: migrateDecorations(data.decorations),
    githubRepository: stringOr(data.githubRepository, DEFAULT_SETTINGS.githubRepository).trim(),
    githubApiUrl: normaliseSiteUrl(stringOr(data.githubApiUrl, '')) || DEFAULT_SETTINGS.githubApiUrl,
    githubTokenSecretName: stringOr(data.githubTokenSecretName, DEFAULT_SETTINGS.githubTokenSecretName).trim(),
  };
}

/** Site URL as stored: trimmed, without trailing slashes, `https://` added to a bare host. */
export function normaliseSiteUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  // A bare host ("example.atlassian.net") is completed with https://, the only scheme Jira Cloud serves.
  return trimmed === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/** Why a site URL as typed cannot be used, or undefined when it can (blank, or http(s) once completed). */
export function siteUrlFieldProblem(value: string): string | undefined {
  const url = normaliseSiteUrl(value);
  return url === '' || /^https?:\/\/[^\s/]+(\/\S*)?$/.test(url) ? undefined : 'Enter the address of your Jira site, e.g. https://example.atlassian.net';
}

/** Tracker status names from a comma-separated list as typed in the settings; blanks dropped. */
export function parseNameList(text: string): string[] {
  return text.split(',').map((name) => name.trim()).filter((name) => name.length > 0);
}

/** Why a GitHub repository as typed cannot be used, or undefined when it can (blank, or `owner/repo`). */
export function githubRepositoryFieldProblem(value: string): string | undefined {
  return value.trim() === '' || parseRepository(value) !== null ? undefined : 'Enter the repository as owner/repo, e.g. acme/infra';
}

/**
 * The tracker of a note: its frontmatter `tracker` when it names one we sync with (`jira`,
 * `github`), else the settings' default tracker.
 */
export function noteTracker(settings: SpectrynSettings, frontmatterTracker: string | null | undefined): TrackerName {
  return trackerNamed(frontmatterTracker) ?? settings.defaultTracker;
}

/** The name of the secret that holds `tracker`'s token ("" when none is chosen). */
export function tokenSecretNameOf(settings: SpectrynSettings, tracker: TrackerName): string {
  return tracker === 'github' ? settings.githubTokenSecretName : settings.tokenSecretName;
}

/** What is still missing before the plugin can reach the tracker (Jira unless `tracker` says otherwise; empty when ready). */
export function missingTrackerSettings(settings: SpectrynSettings, hasToken: boolean, tracker: TrackerName = 'jira'): string[] {
  const missing: string[] = [];
  if (tracker === 'github') {
    // The repository may come from the note's epic (`acme/infra#1`); the sync says so when neither has one.
    if (!settings.githubApiUrl) missing.push('GitHub API URL');
    if (!settings.githubTokenSecretName || !hasToken) missing.push('GitHub token');
    return missing;
  }
  if (!settings.siteUrl) missing.push('Site URL');
  if (settings.tracker === 'jira-cloud' && !settings.email) missing.push('Account email');
  if (!settings.tokenSecretName || !hasToken) missing.push('API token');
  if (!settings.projectKey) missing.push('Project key');
  return missing;
}

function migrateStatusMapping(raw: unknown): Record<Status, readonly string[]> {
  const data = isRecord(raw) ? raw : {};
  const result = {} as Record<Status, readonly string[]>;
  for (const status of STATUSES) {
    const value = data[status];
    const names = Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter((v) => v.length > 0)
      : typeof value === 'string' ? parseNameList(value) : null;
    result[status] = names && names.length > 0 ? names : [...DEFAULT_SETTINGS.statusMapping[status]];
  }
  return result;
}

function migratePriorityMapping(raw: unknown): Record<Priority, string> {
  const data = isRecord(raw) ? raw : {};
  const result = {} as Record<Priority, string>;
  for (const priority of PRIORITIES) {
    result[priority] = stringOr(data[priority], '').trim() || DEFAULT_SETTINGS.priorityMapping[priority];
  }
  return result;
}

function migrateDecorations(raw: unknown): DecorationToggles {
  const data = isRecord(raw) ? raw : {};
  const pick = (key: keyof DecorationToggles): boolean => (typeof data[key] === 'boolean' ? data[key] : DEFAULT_SETTINGS.decorations[key]);
  return { livePreview: pick('livePreview'), sourceMode: pick('sourceMode'), readingView: pick('readingView') };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
