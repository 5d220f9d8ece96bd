// Lint: eslint-plugin-obsidianmd's recommended config (ESLint core, typescript-eslint type-checked
// rules and the Obsidian rules), with no rule turned off. The model stays pure: src/model may not
// import obsidian, CodeMirror or anything that touches the DOM.
import { defineConfig, globalIgnores } from 'eslint/config';
import obsidianmd from 'eslint-plugin-obsidianmd';
import globals from 'globals';

export default defineConfig([
  globalIgnores(['node_modules/', 'main.js', 'dist/', 'coverage/', 'tests/', 'bench/', 'demo/', '*.config.*', '.ci/']),
  ...obsidianmd.configs.recommended,
  {
    files: ['src/**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    // The command-line twin runs on Node (it is bundled to dist/cli.js, never into main.js).
    files: ['src/cli.ts', 'src/cli/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['obsidian', '@codemirror/*', '@lezer/*'], message: 'src/model is pure TypeScript: no obsidian, CodeMirror or DOM.' },
          { group: ['../editor/*', '../view/*', '../sync/*', '../settings/*', '../main', '../cli'], message: 'src/model depends on nothing else in src/.' },
        ],
      }],
    },
  },
  {
    // The sync record is pure: the I/O of reading and writing it is the caller's (docs/sync-record.md).
    files: ['src/sync/record/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['obsidian', '@codemirror/*', '@lezer/*', 'node:*', 'fs', 'fs/*', 'path'], message: 'src/sync/record is pure: its I/O is injected.' },
        ],
      }],
    },
  },
]);
