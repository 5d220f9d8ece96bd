/**
 * The command-line twin of the plugin (docs/cli.md): `node dist/cli.js -m NOTE.md [options]`.
 * `runCli` does the work and is what tests call; `main` only hands it this process's streams,
 * files, environment and clock, and runs when this file is the program's entry point.
 */
import { signalControl } from './cli/cancellation';
import { applyHeapSettings } from './cli/heap-settings';
import { readRegularFile, removePendingTemporaryFiles, writeFileAtomic } from './cli/note-file';
import { runCli } from './cli/run';

export { runCli } from './cli/run';
export type { RunCliInput } from './cli/run';

/** Runs the command line with this process's arguments and sets the process exit code. */
export async function main(): Promise<void> {
  // Before the note is read: the heap settings shape every collection of the parse.
  applyHeapSettings();
  const control = signalControl({
    source: process,
    stderr: process.stderr,
    exit: (code) => {
      removePendingTemporaryFiles();
      process.exit(code);
    },
  });
  process.exitCode = await runCli({
    argv: process.argv.slice(2),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    readFile: (path) => readRegularFile(path),
    writeFile: (path, text, options) => writeFileAtomic(path, text, options),
    now: () => new Date(),
    control,
  });
  control.dispose();
}

if (require.main === module) {
  void main();
}
