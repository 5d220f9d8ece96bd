/**
 * The command-line twin of the plugin (docs/cli.md): `node dist/cli.js -m NOTE.md [options]`.
 * `runCli` does the work and is what tests call; `main` only hands it this process's streams,
 * files, environment and clock, and runs when this file is the program's entry point.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { runCli } from './cli/run';

export { runCli } from './cli/run';
export type { RunCliInput } from './cli/run';

/** Runs the command line with this process's arguments and sets the process exit code. */
export async function main(): Promise<void> {
  process.exitCode = await runCli({
    argv: process.argv.slice(2),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    readFile: (path) => readFile(path),
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
    now: () => new Date(),
  });
}

if (require.main === module) {
  void main();
}
