/**
 * Tracker keys as a note holds them (docs/format.md "Tracker keys"): a Jira key `PROJ-12`, or a
 * GitHub issue `#12`. One pattern for every place a key is read from note text (the story's `Issue`
 * field, a subtask row's Issue column), and the one rule of which written-back line is ours.
 */
import type { IssueLine } from './types';

/**
 * A tracker key inside text: a Jira key `PROJ-12` (upper case, as Jira writes it) or a GitHub
 * issue `#12` (no leading zero). The first one in the text is the key (`[#12](url)` reads `#12`).
 */
export const ISSUE_KEY = /[A-Z][A-Z0-9]*-\d+|#[1-9]\d*/;

/** The first tracker key in `text`, or null. */
export function issueKeyIn(text: string): string | null {
  return ISSUE_KEY.exec(text)?.[0] ?? null;
}

/**
 * Trackers whose written-back line (`> **Jira:** [KEY](url)`, spectryn's `> **GitHub:** [#12](url)`)
 * is the story's own key, as our `> **Issue:**` line is; other trackers' lines (Linear, GitLab…)
 * keep their key in `issueLine` only.
 */
const OWN_LINE_TRACKERS: readonly string[] = ['jira', 'github'];

/** True when `line` names the story's own key: ours (`**Issue:**`), Jira's or GitHub's. */
export function isOwnIssueLine(line: IssueLine): boolean {
  return line.tracker === null || OWN_LINE_TRACKERS.includes(line.tracker);
}

/**
 * The tracker's web page of an issue key (`SITE/browse/PROJ-12`, `https://github.com/acme/infra/issues/12`),
 * or null when it is not known where the key's tracker is: chips then show the key without a link.
 */
export type BrowseUrl = (key: string) => string | null;
