/** The `--help` text and the `--version` line of the command line. */
import packageJson from '../../package.json';

/** The program version, from package.json. */
export const CLI_VERSION: string = packageJson.version;

/** Printed by `-h/--help`; documents flags, environment and exit codes (docs/cli.md). */
export const HELP_TEXT = `spectryn ${CLI_VERSION}: read an epic note, report its progress, sync it to a tracker.

Usage: spectryn -m NOTE.md [-e EPIC-KEY] [options]

  -m, --markdown PATH   the note: a regular file of at most 8 MB (alias: -f, --input)
  -e, --epic KEY        the tracker epic (Jira INFRA-100; GitHub 1, '#1' or acme/infra#1);
                        default: the note's frontmatter \`epic\`
  -x, --execute         apply the changes (default: dry run, which only reads the tracker)
      --phase P         all | descriptions | subtasks | comments | statuses   (default all)
      --story ID        only this story (repeatable)
      --update-source   write tracker keys back into the note (on by default with -x;
                        --no-update-source turns it off)
      --output F        text | json   (default text)
      --export PATH     also write the JSON result to PATH (never the note itself)
      --validate        check the note only; print diagnostics; no tracker needed
      --tracker T       jira | github   (default: the note's frontmatter \`tracker\`, else jira)
      --conflict-strategy S   skip | force-local | force-remote | abort   (default skip:
                        the rest is applied, conflicts listed, exit 64; abort: nothing written)
      --pull            only tracker → note (nothing is written to the tracker)
      --bidirectional, --two-way   both directions (the default)
      --record PATH     the sync record; default .spectryn/sync/EPIC.jsonl under the vault
                        (.obsidian/ or .spectryn/), else the repository root, else the note's folder
  -q, --quiet           print only errors (JSON output is unaffected)
  -v, --verbose         also list every story and info diagnostics
      --no-color        no colours (also: NO_COLOR=1; colours only on a terminal)
  -h, --help            this text
      --version         the version

Tracker settings come from the environment:
  Jira Cloud         JIRA_URL, JIRA_EMAIL, JIRA_API_TOKEN   (+ JIRA_PROJECT, JIRA_STORY_POINTS_FIELD)
  Jira Data Center   JIRA_URL, JIRA_PAT                     (+ JIRA_PROJECT, JIRA_STORY_POINTS_FIELD)
  GitHub             GITHUB_TOKEN, GITHUB_REPOSITORY=owner/repo (or GITHUB_REPO)
                     (+ GITHUB_API_URL for GitHub Enterprise Server; an epic acme/infra#1 names its repository)
Without tracker settings the note is reported alone ("tracker": null in JSON).

Exit codes:
  0 success              1 unexpected error         2 configuration or usage error
  3 note not found, unreadable, not a regular file, or over 8 MB
  4 cannot reach the tracker                        5 authentication refused
  6 validation errors in the note (with --validate), or the epic does not exist
  64 partial success (some operations failed or were skipped, or conflicts were left)
  80 cancelled (Ctrl-C or SIGTERM)

Files are replaced atomically (a temporary file next to them, then a rename). With -x, Ctrl-C
lets the request in flight finish and writes its keys into the note, then stops (exit 80); a
second Ctrl-C stops at once. A note saved by an editor meanwhile is re-read and the keys are put
into what it holds now; a note that is not valid UTF-8 is never rewritten (the keys to add by
hand are listed).

Examples:
  spectryn -m migrations/postgres-to-crdb.md -e INFRA-100 --output json
  spectryn -m migrations/postgres-to-crdb.md --validate
  spectryn -m migrations/postgres-to-crdb.md -e INFRA-100 --export migration-status.json
  spectryn -m migrations/postgres-to-crdb.md --tracker github -e acme/infra#1 -x
`;
