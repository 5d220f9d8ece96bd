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
  /** Fields and issues from Jira for the note: to take (a dry run) or written into it (an executed run). */
  readonly fromTracker: number;
  /** Stories the phase left out because they are not in Jira yet (`SyncPlan.notInTracker`). */
  readonly notInTracker: number;
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
    case 'planned': {
      // Changes from the tracker into the note are changes too: "nothing to change" only when there are none either way.
      const total = run.planned + run.fromTracker;
      if (total === 0) return run.notInTracker > 0 ? notInTrackerLines('Dry run: nothing this phase can change', run.notInTracker, tracker) : [`Dry run: nothing to change; ${tracker} already matches the note.`];
      const fromTracker = run.fromTracker > 0 ? ` (${run.fromTracker} from ${tracker} into the note)` : '';
      return [`Dry run: ${changes(total)} planned${fromTracker}, nothing was changed. Run again with -x to apply them.`];
    }
    case 'synced': {
      const made = [
        ...(run.done > 0 ? [`${changes(run.done)} made`] : []),
        ...(run.fromTracker > 0 ? [`${changes(run.fromTracker)} from ${tracker} written into the note`] : []),
        ...(run.keysWritten > 0 ? [`${run.keysWritten} issue ${run.keysWritten === 1 ? 'key' : 'keys'} written into the note`] : []),
      ];
      if (made.length > 0) return [`Synced with ${tracker}: ${made.join('; ')}.`];
      return run.notInTracker > 0 ? notInTrackerLines('Nothing changed', run.notInTracker, tracker) : [`Nothing to change: ${tracker} already matches the note.`];
    }
    case 'partial':
      return [
        `Synced with ${tracker} with problems: ${run.done} done, ${run.failed} failed, ${run.notRun} not run.`,
        'See the changes and reasons below, then run again.',
      ];
    case 'cancelled':
      return [`Sync stopped: ${run.done} done, ${run.notRun} not run.`];
  }
}

/** A run whose phase could do nothing because its stories are not in the tracker yet: that, and what to run. */
function notInTrackerLines(head: string, stories: number, tracker: string): string[] {
  return [`${head}: ${stories} ${stories === 1 ? 'story is' : 'stories are'} not in ${tracker} yet.`, 'Run with --phase all to create them first.'];
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
