/**
 * The unit tests' time limit. Most take milliseconds; property tests and jsdom editor tests take up
 * to a few seconds on a busy 2-core machine, past Jest's 5 s default: 20 s leaves room. (Jest's
 * `testTimeout` is global-only, so each project sets its own here.)
 */
jest.setTimeout(20_000);
