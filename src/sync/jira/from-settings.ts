/** The Jira adapter from the plugin settings and the token read from secret storage. */
import type { SpectrynSettings } from '../../settings/settings';
import { timerClock } from '../clock';
import { obsidianHttp, type RequestUrlFunction } from '../transport/obsidian';
import type { JiraConfig } from './config';
import { JiraTracker } from './tracker';

/** Maps settings (+ the token, never stored in settings) to a `JiraConfig`. */
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

/**
 * The plugin's tracker for one sync: `requestUrl` (with `throw: false`) as the transport and
 * `window.setTimeout` as the timer, e.g.
 * `jiraTrackerForPlugin({ settings, token, requestUrl, setTimer: (fn, ms) => window.setTimeout(fn, ms), clearTimer: (id) => window.clearTimeout(id) })`
 * (`setTimer` also bounds each request; without `clearTimer` a finished request's timer just runs out).
 * Create one per sync run (plan and execute on the same instance).
 */
export function jiraTrackerForPlugin(args: { settings: SpectrynSettings; token: string; requestUrl: RequestUrlFunction; setTimer: (callback: () => void, ms: number) => unknown; clearTimer?: (handle: unknown) => void }): JiraTracker {
  return new JiraTracker({
    config: jiraConfigFromSettings(args.settings, args.token),
    http: obsidianHttp(args.requestUrl, { setTimer: args.setTimer, clearTimer: args.clearTimer ?? ((): void => undefined) }),
    clock: timerClock(args.setTimer),
  });
}
