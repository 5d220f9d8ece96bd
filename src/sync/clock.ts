/** Time as sync sees it: injected so tests neither wait nor depend on the wall clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

/**
 * The real clock over a timer function: pass `window.setTimeout` in the plugin (popout windows)
 * and Node's `setTimeout` in the CLI.
 */
export function timerClock(setTimer: (callback: () => void, ms: number) => unknown): Clock {
  return {
    now: () => Date.now(),
    sleep: (ms: number) => new Promise<void>((resolve) => { setTimer(resolve, ms); }),
  };
}
