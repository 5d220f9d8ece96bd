/**
 * The integration tests' time limit. A full seed sync against the fake Jira, or a run of the bundled
 * CLI, takes about 1 s on a quiet 2-core machine and several times that when the machine is busy
 * (two suites side by side): 60 s fits with room. A file that needs more says so itself.
 */
jest.setTimeout(60_000);
