/** The one mapping from the plugin settings (+ the token, never stored in settings) to the sync's Jira config. */
import type { JiraConfig } from '../sync';
import type { SpectrynSettings } from './settings';

/** The sync's `JiraConfig` of `settings`; `token` is the secret read from secret storage ('' when none). */
export function jiraConfigFromSettings(settings: SpectrynSettings, token: string): JiraConfig {
  return {
    flavor: settings.tracker === 'jira-datacenter' ? 'datacenter' : 'cloud',
    siteUrl: settings.siteUrl,
    email: settings.email,
    token,
    projectKey: settings.projectKey,
    storyIssueType: settings.storyIssueType || 'Story',
    subtaskIssueType: settings.subtaskIssueType,
    storyPointsField: settings.storyPointsField,
    statusMapping: settings.statusMapping,
    priorityMapping: settings.priorityMapping,
  };
}
