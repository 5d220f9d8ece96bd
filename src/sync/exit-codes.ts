/**
 * Exit codes of a run (the command line's contract, docs/cli.md "Exit codes"; a sync result
 * carries one in the plugin too). Usage mistakes (an unknown flag, a missing or bad value) are
 * configuration errors: 2.
 */
export const EXIT = {
  /** Success. */
  ok: 0,
  /** An unexpected error (a bug); the message says what happened. */
  unexpected: 1,
  /** A bad flag or value, missing tracker settings, an export path that cannot be written. */
  configuration: 2,
  /** The note does not exist, is a directory, or cannot be read. */
  noteNotFound: 3,
  /** The tracker could not be reached. */
  trackerUnreachable: 4,
  /** The tracker refused the credentials. */
  authenticationRefused: 5,
  /** `--validate` found error diagnostics in the note, or the epic does not exist. */
  invalidNote: 6,
  /** Some operations failed or were skipped; the JSON result says which and why. */
  partialSuccess: 64,
  /** The run was cancelled. */
  cancelled: 80,
} as const;

/** One of the exit codes above. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
