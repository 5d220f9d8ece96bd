/**
 * "Test connection" on the sync's own Jira client: the same base URL, auth header, https rule,
 * error map and story points discovery as a sync, checked one step at a time (url → auth →
 * project → fields) so the person learns which step failed. Reads only; the token never appears
 * in a message (the client redacts what it raises).
 */
import type { Clock } from '../clock';
import { TrackerError } from '../errors';
import type { Http } from '../http';
import { JiraClient, siteUrlProblem } from './client';
import type { JiraConfig } from './config';
import { asString } from '../json';
import { getCurrentUser, getProject, type UserBean } from './rest';
import { discoverFields } from './site';

/** What Jira refusing the credentials means, in the words Test connection and the CLI both use. */
export function signInRefusedText(flavor: JiraConfig['flavor']): string {
  return flavor === 'cloud' ? 'Jira refused the email and API token.' : 'Jira refused the personal access token.';
}

/** What an unreachable site means, in the words Test connection and the CLI both use. */
export function unreachableText(site: string): string {
  return `Could not reach ${site.replace(/\/+$/, '')}.`;
}

/** The steps, in the order they run. */
export type ConnectionStep = 'url' | 'auth' | 'project' | 'fields';

/** The outcome of one step. */
export interface StepResult {
  readonly step: ConnectionStep;
  readonly ok: boolean;
  readonly message: string;
}

/** The outcome of a whole test: every step run, stopping at the first failure. */
export interface ConnectionReport {
  readonly ok: boolean;
  /** The first step that failed, or null when all passed. */
  readonly failedStep: ConnectionStep | null;
  readonly steps: readonly StepResult[];
  /** The story points field the sync would use (id), or null when not found or not reached. */
  readonly storyPointsField: string | null;
}

/**
 * Tests the connection a sync with `config` would make: `GET /myself`, `GET /project/{key}`,
 * `GET /field` (3 requests when all pass, none when the site URL is refused). Each request is
 * tried once: a test answers at once instead of waiting through retries. Never rejects.
 */
export async function probeJiraConnection(args: { config: JiraConfig; http: Http; clock: Clock }): Promise<ConnectionReport> {
  const { config } = args;
  const steps: StepResult[] = [];
  const fail = (step: ConnectionStep, message: string): ConnectionReport => {
    steps.push({ step, ok: false, message });
    return { ok: false, failedStep: step, steps, storyPointsField: null };
  };
  if (config.siteUrl.trim() === '') return fail('url', 'The site URL is missing or is not an http(s) address.');
  const refused = siteUrlProblem(config.siteUrl);
  if (refused !== null) return fail('url', `${refused.message} ${refused.hint}`);
  if (config.token === '') return fail('auth', 'No API token: choose or create the secret that holds it.');
  if (config.flavor === 'cloud' && !config.email) return fail('auth', 'Jira Cloud needs the account email with the API token.');

  const client = new JiraClient({ config, http: args.http, clock: args.clock, retryPolicy: { tries: 1 } });
  const site = config.siteUrl.replace(/\/+$/, '');
  let myself: UserBean;
  try {
    myself = await getCurrentUser(client);
  } catch (error) {
    const kind = error instanceof TrackerError ? error.kind : 'network';
    if (kind === 'network' || kind === 'timeout') return fail('url', `${unreachableText(site)} Check the site URL and your network.`);
    if (kind === 'notFound' || kind === 'notTracker') return fail('url', `${site} answered, but not as Jira: check the site URL.`);
    if (kind === 'auth' || kind === 'forbidden') {
      return fail('auth', signInRefusedText(config.flavor));
    }
    return fail('auth', `Jira answered ${statusOf(error)} when checking the account.`);
  }
  steps.push({ step: 'url', ok: true, message: `Reached ${site}.` });
  const who = asString(myself.displayName);
  steps.push({ step: 'auth', ok: true, message: who ? `Signed in as ${who}.` : 'Signed in.' });

  if (!config.projectKey) return fail('project', 'No project key set.');
  try {
    await getProject(client, config.projectKey);
  } catch (error) {
    if (error instanceof TrackerError && error.kind === 'notFound') return fail('project', `Project ${config.projectKey} does not exist or this account cannot see it.`);
    return fail('project', `Jira answered ${statusOf(error)} when reading project ${config.projectKey}.`);
  }
  steps.push({ step: 'project', ok: true, message: `Project ${config.projectKey} found.` });

  let fields;
  try {
    fields = await discoverFields(client, config.storyPointsField || undefined);
  } catch (error) {
    return fail('fields', `Jira answered ${statusOf(error)} when listing fields.`);
  }
  if (config.storyPointsField && !fields.storyPointsListed) {
    return fail('fields', `Field ${config.storyPointsField} does not exist: clear it to find the story points field by name.`);
  }
  if (fields.storyPoints === null) {
    return fail('fields', 'No story points field found by name: enter its id (customfield_…) in the settings.');
  }
  steps.push({ step: 'fields', ok: true, message: `Story points field: ${fields.storyPointsName ?? fields.storyPoints} (${fields.storyPoints}).` });
  return { ok: true, failedStep: null, steps, storyPointsField: fields.storyPoints };
}

/** The HTTP status of a failed request, or "no answer". */
function statusOf(error: unknown): string {
  return error instanceof TrackerError && error.status !== null ? String(error.status) : 'no answer';
}
