/**
 * The first lines of a sync's text output: how the run ended, said once and truly (docs/cli.md),
 * before the progress table. A failure is one plain sentence of what failed and one of what to do,
 * in the words *Test connection* uses (`src/sync/jira/probe.ts`); the tracker's raw text is not
 * repeated (it stays in the JSON's `errors`).
 */
import type { ErrorKind } from '../sync/errors';
import { signInRefusedText, unreachableText } from '../sync/jira/probe';
import { GITHUB_SIGN_IN_REFUSED } from '../sync/github/probe';
import type { RunEnding } from '../sync/run';

/** How a sync run ended, as the text output needs it. */
export interface RunSummary {
  readonly ending: RunEnding;
  /** The error that stopped the run, or null. */
  readonly failure: { readonly kind: ErrorKind; readonly message: string; readonly hint: string } | null;
  /** Jira Cloud (email + API token), Data Center (personal access token), or GitHub (`GITHUB_TOKEN`). */
  readonly deployment: 'cloud' | 'datacenter' | 'github';
  /** `JIRA_URL` (GitHub: `GITHUB_API_URL`), for "Could not reach …". */
  readonly siteUrl: string;
  /** Error diagnostics in the note (a run refused for them). */
  readonly noteErrors: number;
  /** Operations done, failed and not run (an executed run). */
  readonly done: number;
  readonly failed: number;
  readonly notRun: number;
  /** Operations planned (a dry run). */
  readonly planned: number;
  /** Issue keys newly written into the note. */
  readonly keysWritten: number;
}

/** The outcome: one line, or two for a failure (what failed, then what to do). */
export function outcomeLines(run: RunSummary): string[] {
  const tracker = run.deployment === 'github' ? 'GitHub' : 'Jira';
  switch (run.ending) {
    case 'noteErrors': {
      const errors = `${run.noteErrors} ${run.noteErrors === 1 ? 'error' : 'errors'}`;
      return [`Not synced: the note has ${errors}, so nothing was sent to ${tracker}.`, `Fix the ${run.noteErrors === 1 ? 'line' : 'lines'} listed under Diagnostics and run again.`];
    }
    case 'failed':
    case 'noEpicKey':
      return failureLines(run);
    case 'planned':
      return run.planned === 0
        ? [`Dry run: nothing to change; ${tracker} already matches the note.`]
        : [`Dry run: ${changes(run.planned)} planned, nothing was changed. Run again with -x to apply them.`];
    case 'synced':
      if (run.done === 0 && run.keysWritten === 0) return [`Nothing to change: ${tracker} already matches the note.`];
      if (run.done === 0) return [`Synced with ${tracker}: ${run.keysWritten} issue ${run.keysWritten === 1 ? 'key' : 'keys'} written into the note.`];
      return [`Synced with ${tracker}: ${changes(run.done)} made.`];
    case 'partial':
      return [
        `Synced with ${tracker} with problems: ${run.done} done, ${run.failed} failed, ${run.notRun} not run.`,
        'See the changes and reasons below, then run again.',
      ];
    case 'cancelled':
      return [`Sync stopped: ${run.done} done, ${run.notRun} not run.`];
  }
}

function changes(count: number): string {
  return `${count} ${count === 1 ? 'change' : 'changes'}`;
}

/** What failed and what to do, for the error kinds a person meets first; else the tracker's message and hint. */
function failureLines(run: RunSummary): string[] {
  const failure = run.failure;
  if (failure === null) return ['Not synced: the run stopped.', 'Run again with -v to see more.'];
  const words = failureWords(run.deployment);
  switch (failure.kind) {
    case 'auth':
      return [`Sign-in failed: ${words.signInRefused}`, words.checkSignIn];
    case 'forbidden':
      return [...words.forbidden];
    case 'network':
      return [unreachableText(run.siteUrl), words.checkAddress];
    case 'timeout':
      return [`${run.siteUrl.replace(/\/+$/, '')} did not answer in time.`, 'Run the command again.'];
    default:
      return [sentence(failure.message), sentence(failure.hint)];
  }
}

/** What each tracker's failures are called, naming its own environment variables. */
function failureWords(deployment: RunSummary['deployment']): { signInRefused: string; checkSignIn: string; forbidden: readonly [string, string]; checkAddress: string } {
  if (deployment === 'github') {
    return {
      signInRefused: GITHUB_SIGN_IN_REFUSED,
      checkSignIn: 'Check GITHUB_TOKEN.',
      forbidden: ['GitHub refused access: the token may not do this in the repository.', 'Give the token read and write access to the repository\'s issues, or use another token.'],
      checkAddress: 'Check GITHUB_API_URL and your network.',
    };
  }
  return {
    signInRefused: signInRefusedText(deployment),
    checkSignIn: deployment === 'cloud' ? 'Check JIRA_EMAIL and JIRA_API_TOKEN.' : 'Check JIRA_PAT.',
    forbidden: ['Jira refused access: the account may not do this in the project.', 'Ask a Jira admin for permission, or use another account.'],
    checkAddress: 'Check JIRA_URL and your network.',
  };
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
