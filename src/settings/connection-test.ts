/**
 * "Test connection" as the settings tab shows it: the step labels and the one-line message. The
 * test itself is the sync's (`probeJiraConnection` in src/sync/jira/probe.ts), so it sends what a
 * sync sends and refuses what a sync refuses.
 */
import type { ConnectionReport, ConnectionStep, JiraConfig } from '../sync';

/** Tests a connection (the plugin: `probeJiraConnection` over `requestUrl`). Never rejects. */
export type ConnectionProbe = (config: JiraConfig) => Promise<ConnectionReport>;

/** One line for a person: the failed step's message, or a summary when all passed. */
export function describeReport(report: ConnectionReport): string {
  if (report.ok) return `Connection works. ${report.steps.map((s) => s.message).join(' ')}`;
  const failed = report.steps[report.steps.length - 1];
  return failed ? `${stepLabel(failed.step)} failed: ${failed.message}` : 'Connection failed.';
}

/** Label of a step as shown to the user. */
export function stepLabel(step: ConnectionStep): string {
  return { url: 'Site URL', auth: 'Sign-in', project: 'Project', fields: 'Fields' }[step];
}
