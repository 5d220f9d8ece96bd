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
    files: ['src/view/**/*.ts'],
    // The sync controller is glue and moves to src/plugin (sync lane); it composes the tracker until then.
    ignores: ['src/view/sync-controller.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['../sync/jira', '../sync/jira/*'], message: 'src/view draws DOM: it never imports the Jira adapter (src/sync/jira).' },
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
