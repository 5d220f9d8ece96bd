/**
 * "Test connection" for GitHub on the sync's own client: the same API root, headers, https rule and
 * error map as a sync, checked one step at a time so the person learns which step failed:
 * `url` (the API answers as GitHub), `auth` (`GET /user`), `project` (the repository:
 * `GET /repos/{o}/{r}`), `fields` (its issues: turned on, readable, and the account may write them).
 * Reads only; the token never appears in a message.
 */
import type { Clock } from '../clock';
import { TrackerError } from '../errors';
import type { Http } from '../http';
import type { ConnectionReport, ConnectionStep, StepResult } from '../jira/probe';
import { asRecord, asString } from '../json';
import { apiUrlProblem, GitHubClient } from './client';
import type { GitHubConfig } from './config';

/** What GitHub refusing the token means, in the words Test connection and the CLI both use. */
export const GITHUB_SIGN_IN_REFUSED = 'GitHub refused the token (GITHUB_TOKEN): it is wrong, expired or revoked.';

/**
 * Tests the connection a sync with `config` would make: `GET /user`, `GET /repos/{o}/{r}`,
 * `GET /repos/{o}/{r}/issues?per_page=1` (3 requests when all pass, none when the API URL is
 * refused). Each request is tried once. Never rejects. `storyPointsField` is always null (points
 * are labels on GitHub).
 */
export async function probeGitHubConnection(args: { config: GitHubConfig; http: Http; clock: Clock }): Promise<ConnectionReport> {
  const { config } = args;
  const steps: StepResult[] = [];
  const fail = (step: ConnectionStep, message: string): ConnectionReport => {
    steps.push({ step, ok: false, message });
    return { ok: false, failedStep: step, steps, storyPointsField: null };
  };
  const api = config.apiUrl.replace(/\/+$/, '');
  if (api.trim() === '') return fail('url', 'The GitHub API URL is missing (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server).');
  const refused = apiUrlProblem(api);
  if (refused !== null) return fail('url', `${refused.message} ${refused.hint}`);
  if (config.token === '') return fail('auth', 'No GitHub token: choose or create the secret that holds it (a fine-grained personal access token).');

  const client = new GitHubClient({ config, http: args.http, clock: args.clock, retryPolicy: { tries: 1, max429: 0 } });
  let user: unknown;
  try {
    user = (await client.request({ method: 'GET', path: '/user', what: 'read the signed-in account', expect: { object: ['login'] } })).body;
  } catch (error) {
    const kind = error instanceof TrackerError ? error.kind : 'network';
    if (kind === 'network' || kind === 'timeout') return fail('url', `Could not reach ${api}. Check the API URL and your network.`);
    if (kind === 'notFound' || kind === 'notTracker') return fail('url', `${api} answered, but not as GitHub's API: check the API URL.`);
    if (kind === 'auth') return fail('auth', GITHUB_SIGN_IN_REFUSED);
    if (kind === 'rateLimit') return fail('auth', 'GitHub is rate limiting this token: try again later.');
    return fail('auth', `GitHub answered ${statusOf(error)} when checking the account.`);
  }
  steps.push({ step: 'url', ok: true, message: `Reached ${api}.` });
  const login = asString(asRecord(user).login);
  steps.push({ step: 'auth', ok: true, message: login ? `Signed in as ${login}.` : 'Signed in.' });

  const name = `${config.owner}/${config.repo}`;
  if (config.owner === '' || config.repo === '') return fail('project', 'No repository set (owner/repo).');
  let repository: Record<string, unknown>;
  try {
    repository = asRecord((await client.request({ method: 'GET', path: client.repoPath(), what: `read the repository ${name}`, expect: { object: ['full_name'] } })).body);
  } catch (error) {
    if (error instanceof TrackerError && error.kind === 'notFound') return fail('project', `Repository ${name} does not exist or this token cannot see it (a fine-grained token names the repositories it may access).`);
    return fail('project', `GitHub answered ${statusOf(error)} when reading the repository ${name}.`);
  }
  steps.push({ step: 'project', ok: true, message: `Repository ${asString(repository.full_name) ?? name} found.` });

  if (repository.has_issues === false) return fail('fields', `Issues are turned off in ${name} (Settings → Features → Issues).`);
  const permissions = asRecord(repository.permissions);
  if (Object.keys(permissions).length > 0 && permissions.triage !== true && permissions.push !== true && permissions.maintain !== true && permissions.admin !== true) {
    return fail('fields', `The account may read ${name} but not write its issues (it needs the triage role or more).`);
  }
  try {
    await client.request({ method: 'GET', path: client.repoPath('/issues'), query: { per_page: '1', state: 'all' }, what: `list the issues of ${name}`, expect: { list: true } });
  } catch (error) {
    return fail('fields', `GitHub answered ${statusOf(error)} when listing the issues of ${name}: the token needs Issues read and write on it.`);
  }
  steps.push({ step: 'fields', ok: true, message: `Issues of ${name} readable; points, priority and status are labels.` });
  return { ok: true, failedStep: null, steps, storyPointsField: null };
}

/** The HTTP status of a failed request, or "no answer". */
function statusOf(error: unknown): string {
  return error instanceof TrackerError && error.status !== null ? String(error.status) : 'no answer';
}
