/**
 * Ctrl-C (SIGINT) and SIGTERM for the command line: exit 80, cancelled (docs/cli.md "Exit codes").
 * While a sync changes the tracker, the first signal lets the request in flight finish and its
 * keys be written into the note, skips everything after it, and the run ends with its report; a
 * second signal stops at once. Anywhere else (reading, planning, a dry run) nothing has been
 * changed, and the process stops at once. Stopping at once is safe: every file is replaced
 * atomically (./note-file.ts), so the note holds the keys written so far and nothing else, and a
 * re-run finds issues whose keys were not written by their label.
 */
import { EXIT } from '../sync/exit-codes';
import type { OutputStream, RunControl } from './io';

/** The part of Node's `process` this needs. */
export interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

/** A {@link RunControl} fed by signals; `dispose` removes its listeners. */
export interface SignalControl extends RunControl {
  dispose(): void;
}

/**
 * Listens for SIGINT and SIGTERM on `source`. `exit` ends the process at once (after removing
 * temporary files); `stderr` gets one line per signal.
 */
export function signalControl(args: { source: SignalSource; stderr: OutputStream; exit: (code: number) => void }): SignalControl {
  let cancelled = false;
  let changing = 0;
  let changed = false;
  const onSignal = (): void => {
    if (changing === 0 || cancelled) {
      args.stderr.write(!changed
        ? 'spectryn: cancelled; nothing was changed.\n'
        : 'spectryn: stopped at once; the note holds the keys written so far, and a re-run finds the rest by their label.\n');
      args.exit(EXIT.cancelled);
      return;
    }
    cancelled = true;
    args.stderr.write('spectryn: stopping after the current request; its keys are written into the note first (press Ctrl-C again to stop at once).\n');
  };
  args.source.on('SIGINT', onSignal);
  args.source.on('SIGTERM', onSignal);
  return {
    isCancelled: () => cancelled,
    whileChanging: async <T>(work: () => Promise<T>): Promise<T> => {
      changing++;
      changed = true;
      try {
        return await work();
      } finally {
        changing--;
      }
    },
    dispose: () => {
      args.source.off('SIGINT', onSignal);
      args.source.off('SIGTERM', onSignal);
    },
  };
}

/** A control for runs nobody can cancel (tests, embedding): never cancelled. */
export const UNCANCELLABLE: RunControl = {
  isCancelled: () => false,
  whileChanging: (work) => work(),
};
