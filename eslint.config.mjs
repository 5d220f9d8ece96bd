// Lint: eslint-plugin-obsidianmd's recommended config (ESLint core, typescript-eslint type-checked
// rules and the Obsidian rules), with no rule turned off. The folders keep their direction: the model
// stays pure (no obsidian, CodeMirror or DOM); sync runs in the command line too, so it imports
// neither obsidian (its transport file aside) nor the plugin's folders; the command line imports no
// plugin folder; the view reaches the Jira adapter only through src/sync/index.ts.
import { defineConfig, globalIgnores } from 'eslint/config';
import obsidianmd from 'eslint-plugin-obsidianmd';
import globals from 'globals';

/** Folders src/sync never imports (relative import paths). */
const SYNC_MAY_NOT_IMPORT = ['**/view', '**/view/*', '**/editor', '**/editor/*', '**/settings', '**/settings/*', '**/plugin', '**/plugin/*', '**/main', '**/cli', '**/cli/*'];

export default defineConfig([
  // Node build scripts (esbuild's config and its dependency patches) are not plugin code.
  globalIgnores(['node_modules/', 'main.js', 'dist/', 'coverage/', 'tests/', 'testing/', 'bench/', 'demo/', '*.config.*', 'bundle-patches.mjs', '.ci/']),
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
  // Layers of the plugin (issue 10): the editor is CodeMirror over the model; the views draw DOM
  // from the model and the snapshot, never a tracker; the glue (src/plugin) wires them. Arrows
  // point one way: plugin -> view -> editor -> model.
  {
    files: ['src/editor/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['../view', '../view/*', '../plugin', '../plugin/*', '../sync', '../sync/*', '../settings', '../settings/*', '../cli', '../cli/*', '../main'], message: 'src/editor depends on src/model only (and CodeMirror, obsidian).' },
        ],
      }],
    },
  },
  {
    files: ['src/sync/**/*.ts'],
    ignores: ['src/sync/transport/obsidian.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'obsidian', message: 'src/sync runs in the command line too: obsidian only in src/sync/transport/obsidian.ts.' }],
        patterns: [
          { group: ['@codemirror/*', '@lezer/*'], message: 'src/sync runs in the command line too: no CodeMirror.' },
          { group: SYNC_MAY_NOT_IMPORT, message: 'src/sync depends on src/model only: the plugin hands it what it needs.' },
        ],
      }],
    },
  },
  {
    files: ['src/sync/transport/obsidian.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: SYNC_MAY_NOT_IMPORT, message: 'src/sync depends on src/model only: the plugin hands it what it needs.' }],
      }],
    },
  },
  {
    // The sync record is pure: the I/O of reading and writing it is the caller's (docs/sync-record.md).
    // One block with the rest of src/sync's limits, since a later block replaces the rule's options.
    files: ['src/sync/record/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['obsidian', '@codemirror/*', '@lezer/*', 'node:*', 'fs', 'fs/*', 'path'], message: 'src/sync/record is pure: its I/O is injected.' },
          { group: SYNC_MAY_NOT_IMPORT, message: 'src/sync depends on src/model only: the plugin hands it what it needs.' },
        ],
      }],
    },
  },
  {
    // Jira's REST API is called from one typed module (issue 10 item 5): the adapter's other files
    // call its functions, so a path, method or body type is written once.
    files: ['src/sync/jira/**/*.ts'],
    ignores: ['src/sync/jira/rest.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='request']", message: 'Call Jira through src/sync/jira/rest.ts (one typed function per REST operation).' }],
    },
  },
  {
    files: ['src/cli.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'obsidian', message: 'The command line runs on Node: no obsidian.' }],
        patterns: [
          { group: ['@codemirror/*', '@lezer/*'], message: 'The command line runs on Node: no CodeMirror.' },
          { group: ['**/view', '**/view/*', '**/editor', '**/editor/*', '**/plugin', '**/plugin/*', '**/main'], message: 'The command line uses src/model and src/sync, never the plugin\'s folders.' },
        ],
      }],
    },
  },
  {
    files: ['src/view/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/sync/jira', '**/sync/jira/*'], message: 'src/view draws DOM: it reaches a tracker only through src/sync/index.ts, never the Jira adapter.' },
          { group: ['../plugin', '../plugin/*', '../cli', '../cli/*', '../main'], message: 'src/view is drawn by the glue (src/plugin); it does not import it.' },
        ],
      }],
    },
  },
  {
    files: ['src/plugin/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['../cli', '../cli/*', '../main'], message: 'src/plugin is the plugin\'s glue: it never imports the command line or main.ts.' },
        ],
      }],
    },
  },
]);
