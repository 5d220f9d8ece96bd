/**
 * Which GitHub epic a sync is about (issue 16): the epic named as `1`, `#1` or `acme/infra#1` (the
 * CLI's `-e`, or the note's frontmatter `epic`), in the repository it names, else the configured one
 * (`GITHUB_REPOSITORY`, the plugin's GitHub repository setting). One rule for the CLI and the plugin.
 */
import { issueKey, parseIssueRef } from './issue-ref';

/** A repository `owner/repo`. */
export interface Repository {
  readonly owner: string;
  readonly repo: string;
}

/** A GitHub epic resolved to its repository. */
export interface GitHubEpic {
  readonly repository: Repository;
  readonly number: number;
  /** The tracker key of the epic: `#1` (what the adapter reads). */
  readonly key: string;
  /**
   * The epic's name across repositories: `acme/infra#1`. Names the sync record
   * (`.spectryn/sync/acme_infra_1.jsonl`), so two repositories' `#1` never share one.
   */
  readonly recordKey: string;
}

/** `owner/repo` as typed (settings, `GITHUB_REPOSITORY`), or null when it is not one. */
export function parseRepository(text: string): Repository | null {
  // The one grammar of owner and repository names is parseIssueRef's: read `owner/repo` as a reference.
  const trimmed = text.trim();
  if (trimmed.includes('#')) return null;
  return parseIssueRef(`${trimmed}#1`)?.repository ?? null;
}

/** Why an epic cannot be resolved, in words for the CLI and the plugin. */
export type GitHubEpicProblem = 'notAReference' | 'noRepository';

/**
 * The epic `text` names, in its own repository or else `configured`. `notAReference`: the text is
 * not `1`, `#1` or `owner/repo#1`; `noRepository`: it names no repository and none is configured.
 */
export function resolveGitHubEpic(text: string, configured: Repository | null): { readonly ok: true; readonly epic: GitHubEpic } | { readonly ok: false; readonly problem: GitHubEpicProblem } {
  const ref = parseIssueRef(text);
  if (ref === null) return { ok: false, problem: 'notAReference' };
  const repository = ref.repository ?? configured;
  if (repository === null) return { ok: false, problem: 'noRepository' };
  return { ok: true, epic: { repository, number: ref.number, key: issueKey(ref.number), recordKey: `${repository.owner}/${repository.repo}#${ref.number}` } };
}

/** How a GitHub epic is named to a person who got it wrong. */
export const GITHUB_EPIC_FORMS = '1, #1 or owner/repo#1 (e.g. acme/infra#1)';
