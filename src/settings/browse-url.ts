/**
 * The tracker's page of an issue key, for the chips of the pane, the editor and the reading view
 * when the note holds no link of its own: a GitHub key `#12` opens the settings' repository's issue
 * (`https://github.com/acme/infra/issues/12`), any other key the Jira site (`SITE/browse/KEY`).
 */
import { issueHtmlUrl, issueNumberOf } from '../sync/github/issue-ref';
import { jiraBrowseUrl } from '../sync/jira/config';
import { parseRepository } from '../sync/github/epic-ref';
import type { BrowseUrl } from '../model/issue-key';
import type { SpectrynSettings } from './settings';

/** The browse URL of `settings` (read once: build a new one after a change). */
export function browseUrlOf(settings: SpectrynSettings): BrowseUrl {
  const repository = parseRepository(settings.githubRepository);
  return (key) => {
    const number = issueNumberOf(key);
    if (number !== null && key.trim().startsWith('#')) {
      return repository === null ? null : issueHtmlUrl(settings.githubApiUrl, repository.owner, repository.repo, number);
    }
    return settings.siteUrl.trim() === '' ? null : jiraBrowseUrl(settings.siteUrl, key);
  };
}
