// Three projects: `unit` (jsdom, `obsidian` mapped to a small hand-written stub), `integration`
// (node, real HTTP servers on 127.0.0.1, the built CLI) and `e2e` (real Chromium; run by
// `npm run test:e2e`, never by plain `npm test`).
const esmPackages = [
  'mdast-util-[^/]+', 'micromark[^/]*', 'decode-named-character-reference', 'character-entities[^/]*',
  'devlop', 'unist-util-[^/]+', 'vfile[^/]*', 'ccount', 'escape-string-regexp', 'markdown-table',
  'longest-streak', 'zwitch', 'fault', 'format',
];
const transform = { '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const transformIgnorePatterns = [`/node_modules/(?!(?:${esmPackages.join('|')})/)`];
const shared = {
  transform,
  transformIgnorePatterns,
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['/tests/e2e/', '\\.int\\.test\\.ts$'],
      // Most unit tests take milliseconds; property tests and jsdom editor tests take up to a few
      // seconds on a busy 2-core machine, past Jest's 5 s default: 20 s leaves room.
      testTimeout: 20_000,
      moduleNameMapper: { '^obsidian$': '<rootDir>/tests/stubs/obsidian.ts' },
      setupFiles: ['<rootDir>/tests/stubs/setup-jsdom.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/**/*.int.test.ts'],
      // Full seed syncs against the fake Jira take about 1 s each on a quiet 2-core machine and
      // several times that when the machine is busy (two suites side by side): 60 s fits with room.
      testTimeout: 60_000,
      testPathIgnorePatterns: ['/tests/e2e/'],
      moduleNameMapper: { '^obsidian$': '<rootDir>/tests/stubs/obsidian.ts' },
    },
    {
      ...shared,
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/e2e/**/*.e2e.test.ts'],
    },
  ],
};
