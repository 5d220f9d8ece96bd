/**
 * Keeps secrets out of everything the command line prints or writes: the secret environment
 * variables' values (and `JIRA_EMAIL:JIRA_API_TOKEN`), in every form the one redactor knows
 * (`src/sync/redact.ts`), are replaced before a message, the JSON or `--export` is written.
 */
import { redact, secretsOf } from '../sync/redact';
import type { Environment } from './tracker-config';

/** Environment variables whose values are secrets (docs/cli.md). */
export const SECRET_VARIABLES: readonly string[] = ['JIRA_API_TOKEN', 'JIRA_PAT', 'GITHUB_TOKEN', 'GITLAB_TOKEN', 'LINEAR_API_KEY'];

/** The secrets of `env`: each secret variable's value, and the Basic pair of the Jira email and token. */
export function secretsOfEnvironment(env: Environment): string[] {
  const secrets: string[] = [];
  for (const name of SECRET_VARIABLES) {
    const secret = env[name]?.trim();
    if (secret === undefined || secret === '') continue;
    const email = name === 'JIRA_API_TOKEN' ? env.JIRA_EMAIL?.trim() : undefined;
    secrets.push(...secretsOf({ email, token: secret }));
  }
  return secrets;
}

/** Returns `text` with every secret of `env` redacted (see `redact`). */
export function redactSecrets(text: string, env: Environment): string {
  return redact(text, secretsOfEnvironment(env));
}
