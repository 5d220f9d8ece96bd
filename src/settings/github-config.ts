/** The one mapping from the plugin settings (+ the token, never stored in settings) to the GitHub adapter's config. */
import type { GitHubConfig } from '../sync/github/config';
import type { Repository } from '../sync/github/epic-ref';
import type { SpectrynSettings } from './settings';

/**
 * The adapter's `GitHubConfig`: `repository` is the epic's (./sync-target.ts) or, for Test
 * connection, the settings' own; `token` is the secret read from secret storage ('' when none).
 */
export function githubConfigFromSettings(settings: SpectrynSettings, token: string, repository: Repository | null): GitHubConfig {
  return { apiUrl: settings.githubApiUrl, owner: repository?.owner ?? '', repo: repository?.repo ?? '', token };
}
