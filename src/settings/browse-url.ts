/**
 * The tracker's page of an issue key, for the chips of the pane, the editor and the reading view
 * when the note holds no link of its own: a GitHub key `#12` opens the settings' repository's issue
 * (`https://github.com/acme/infra/issues/12`), any other key the Jira site (`SITE/browse/KEY`).
 */
import { issueNumberOf, repositoryHtmlUrl } from '../sync/github/issue-ref';
import { parseRepository } from '../sync/github/epic-ref';
import type { BrowseUrl } from '../model/issue-key';
import type { SpectrynSettings } from './settings';

/** The browse URL of `settings` (read once: build a new one after a change). */
export function browseUrlOf(settings: SpectrynSettings): BrowseUrl {
  const repository = parseRepository(settings.githubRepository);
  const site = settings.siteUrl.replace(/\/+$/, '');
  return (key) => {
    const number = issueNumberOf(key);
    if (number !== null && key.trim().startsWith('#')) {
      return repository === null ? null : `${repositoryHtmlUrl(settings.githubApiUrl, repository.owner, repository.repo)}/issues/${number}`;
    }
    return site === '' ? null : `${site}/browse/${encodeURIComponent(key)}`;
  };
}
