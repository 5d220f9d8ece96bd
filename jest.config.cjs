// Three projects: `unit` (jsdom, `obsidian` mapped to tests/stubs/obsidian.ts: the sandbox's stand-in, demo/obsidian-shim, plus a recording harness), `integration`
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
      // Time limits per project (testTimeout is global-only in Jest's config): tests/stubs/time-limits.
      setupFilesAfterEnv: ['<rootDir>/tests/stubs/unit-time-limit.ts'],
      moduleNameMapper: { '^obsidian$': '<rootDir>/tests/stubs/obsidian.ts' },
      setupFiles: ['<rootDir>/tests/stubs/setup-jsdom.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/**/*.int.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/stubs/integration-time-limit.ts'],
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
