/**
 * "Test connection" as the settings tab shows it: the step labels and the one-line message. The
 * tests themselves are the sync's (`probeJiraConnection` in src/sync/jira/probe.ts,
 * `probeGitHubConnection` in src/sync/github/probe.ts), so they send what a sync sends and refuse
 * what a sync refuses.
 */
import type { ConnectionReport, ConnectionStep, JiraConfig } from '../sync';
import type { GitHubConfig } from '../sync/github/config';
import type { TrackerName } from '../sync/tracker-name';

/** Tests a Jira connection (the plugin: `probeJiraConnection` over `requestUrl`). Never rejects. */
export type ConnectionProbe = (config: JiraConfig) => Promise<ConnectionReport>;

/** Tests a GitHub connection (the plugin: `probeGitHubConnection` over `requestUrl`). Never rejects. */
export type GitHubConnectionProbe = (config: GitHubConfig) => Promise<ConnectionReport>;

/** One line for a person: the failed step's message, or a summary when all passed. */
export function describeReport(report: ConnectionReport, tracker: TrackerName = 'jira'): string {
  if (report.ok) return `Connection works. ${report.steps.map((s) => s.message).join(' ')}`;
  const failed = report.steps[report.steps.length - 1];
  return failed ? `${stepLabel(failed.step, tracker)} failed: ${failed.message}` : 'Connection failed.';
}

/** Step labels by tracker: GitHub's probe checks the repository in `project` and its issues in `fields`. */
const STEP_LABELS: Readonly<Record<TrackerName, Readonly<Record<ConnectionStep, string>>>> = {
  jira: { url: 'Site URL', auth: 'Sign-in', project: 'Project', fields: 'Fields' },
  github: { url: 'API URL', auth: 'Sign-in', project: 'Repository', fields: 'Issues' },
};

/** Label of a step as shown to the user. */
export function stepLabel(step: ConnectionStep, tracker: TrackerName = 'jira'): string {
  return STEP_LABELS[tracker][step];
}
