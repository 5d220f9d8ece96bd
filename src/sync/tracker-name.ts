/**
 * The trackers sync works with, by the name a person writes (`--tracker github`, frontmatter
 * `tracker: github`), and how a note's frontmatter chooses one. One list for the CLI and the plugin.
 */

/** Tracker names, in the order help and messages list them. */
export const TRACKER_NAMES = ['jira', 'github'] as const;

/** A tracker sync works with. */
export type TrackerName = (typeof TRACKER_NAMES)[number];

/**
 * The tracker a frontmatter `tracker` value names (any case, spaces around ignored); null when it
 * names none of ours (absent, empty, `trello`), so the caller falls back to its default.
 */
export function trackerNamed(written: string | null | undefined): TrackerName | null {
  const value = written?.trim().toLowerCase() ?? '';
  return TRACKER_NAMES.find((name) => name === value) ?? null;
}
