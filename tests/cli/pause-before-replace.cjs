/*
 * Preloaded into a child command line (`node -r`) by the kill tests: when the child is about to
 * rename a finished temporary file over the file named by SPECTRYN_PAUSE_BEFORE_REPLACE, it says
 * so on stderr and waits forever, so the test can kill it at exactly that point. Nothing else of
 * the child changes.
 */
const fsPromises = require('node:fs/promises');
const { resolve } = require('node:path');

const target = resolve(process.env.SPECTRYN_PAUSE_BEFORE_REPLACE || '');
const rename = fsPromises.rename;
fsPromises.rename = (from, to) => {
  if (resolve(String(to)) === target) {
    process.stderr.write(`test: paused before replacing ${to}\n`);
    // A pending promise alone does not keep Node alive: a timer does, until the test kills the child.
    setInterval(() => undefined, 1 << 30);
    return new Promise(() => undefined);
  }
  return rename(from, to);
};
