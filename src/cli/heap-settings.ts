/**
 * V8 heap settings of the command-line process: it parses one note and exits, so it trades more,
 * smaller collections for a smaller heap. Measured with `npm run bench memory` (`cli.peak-rss.2000`,
 * a 2,000-story note) and `/usr/bin/time`, the dependency fixes of bundle-patches.mjs in place:
 * - V8's default lets the old generation grow to ~3.7× what is alive between full collections;
 *   growing it by 10 % instead took the peak from ~210 MiB to ~155 MiB (before those fixes) and
 *   the run was no slower (each full collection is short: the live set is ~30 MB).
 * - The young generation otherwise doubles up to 2 × 16 MiB during the parse (the heap limit
 *   counts it too); kept at its start size it is ~28 MiB less at the peak (~139 → ~111 MiB) for
 *   ~20 % more CPU time (more scavenges), still less than before the dependency fixes.
 * Set at run time, before the note is read: `node dist/cli.js` takes no node flags of its own.
 */
import { setFlagsFromString } from 'node:v8';

/**
 * The V8 flags the command line sets on itself. `--heap-growing-percent=10`: after a full
 * collection the old generation may grow by 10 % of what survived (V8's default factor is 1.1 to 4,
 * chosen from the collection speed; a short-lived process gets the large end).
 * `--semi-space-growth-factor=1`: the young generation keeps its start size (default: doubles).
 */
export const CLI_V8_FLAGS: readonly string[] = ['--heap-growing-percent=10', '--semi-space-growth-factor=1'];

/** Applies `CLI_V8_FLAGS` through `setFlags` (default V8's own; a test passes a recorder). */
export function applyHeapSettings(setFlags: (flag: string) => void = setFlagsFromString): void {
  for (const flag of CLI_V8_FLAGS) setFlags(flag);
}
