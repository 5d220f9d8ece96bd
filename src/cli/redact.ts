/**
 * Keeps secrets out of everything the command line prints: any value of a secret environment
 * variable is replaced by `***` before a message is written.
 */
import type { Environment } from './tracker-config';

/** Environment variables whose values are secrets (docs/cli.md). */
export const SECRET_VARIABLES: readonly string[] = ['JIRA_API_TOKEN', 'JIRA_PAT', 'GITHUB_TOKEN', 'GITLAB_TOKEN', 'LINEAR_API_KEY'];

/** Returns `text` with every secret value of `env` replaced by `***`. */
export function redactSecrets(text: string, env: Environment): string {
  let redacted = text;
  for (const name of SECRET_VARIABLES) {
    const secret = env[name]?.trim();
    // Very short values would blank out ordinary words; no real token is that short.
    if (secret === undefined || secret.length < 4) continue;
    redacted = redacted.split(secret).join('***');
  }
  return redacted;
}
