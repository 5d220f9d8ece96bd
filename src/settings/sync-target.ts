/**
 * Which tracker a note syncs with and under which keys (issue 16): the note's frontmatter `tracker`
 * (`jira`, `github`) else the settings' default; for GitHub the epic named `#1` or `acme/infra#1`
 * (frontmatter `epic`) in its repository, else the settings' GitHub repository. Pure: the plugin's
 * sync controller asks it before it reads a token, and `main.ts` builds the adapter it names.
 */
import { GITHUB_EPIC_FORMS, parseRepository, resolveGitHubEpic, type Repository } from '../sync/github/epic-ref';
import { noteTracker, tokenSecretNameOf, type SpectrynSettings } from './settings';

/** The tracker of one note's sync, the key its epic is read by, and the name of its sync record. */
export type SyncTarget =
  | {
    readonly tracker: 'jira';
    /** Null: the note's frontmatter `epic` (the sync engine reads it). */
    readonly epicKey: null;
    /** The note's epic key (`INFRA-100`), or null when it names none. */
    readonly recordKey: string | null;
    /** The secret holding the Jira token (settings `tokenSecretName`). */
    readonly secretName: string;
  }
  | {
    readonly tracker: 'github';
    readonly repository: Repository;
    /** `#1`: what the GitHub adapter reads. */
    readonly epicKey: string;
    /** `acme/infra#1`: two repositories' `#1` never share a record. */
    readonly recordKey: string;
    /** The secret holding the GitHub token (settings `githubTokenSecretName`). */
    readonly secretName: string;
  };

/** The note's sync target, or why it has none (a sentence for a notice). */
export function syncTargetOf(settings: SpectrynSettings, epic: { readonly key: string | null; readonly tracker: string | null }): SyncTarget | { readonly problem: string } {
  const tracker = noteTracker(settings, epic.tracker);
  const secretName = tokenSecretNameOf(settings, tracker);
  if (tracker === 'jira') return { tracker, epicKey: null, recordKey: epic.key, secretName };
  if (epic.key === null) return { problem: 'No epic issue: add `epic: "owner/repo#1"` (the GitHub issue of the epic) to the note\'s frontmatter.' };
  const resolved = resolveGitHubEpic(epic.key, parseRepository(settings.githubRepository));
  if (resolved.ok) return { tracker, repository: resolved.epic.repository, epicKey: resolved.epic.key, recordKey: resolved.epic.recordKey, secretName };
  if (resolved.problem === 'noRepository') {
    return { problem: `The epic ${epic.key} names no repository: set the GitHub repository in the Spectryn settings, or write the epic as owner/repo#1.` };
  }
  return { problem: `The frontmatter epic "${epic.key}" is not a GitHub issue: write it as ${GITHUB_EPIC_FORMS}.` };
}
