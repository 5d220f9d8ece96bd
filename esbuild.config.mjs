// Builds the plugin (main.js, CommonJS, Obsidian-provided modules external, as the official sample
// plugin does), the command-line twin (dist/cli.js, Node, bundled), and on request the benchmark
// and the browser test harness. Usage: node esbuild.config.mjs [production|cli [OUTFILE]|bench|e2e]
// (none = watch). `cli` builds dist/cli.js alone: npm's `prepare` runs it on `npm install`/`npm ci`,
// so the README's `node dist/cli.js` works on a fresh clone with no build run by hand.
import esbuild from 'esbuild';
import { builtinModules } from 'node:module';
import { dependencyPatches } from './bundle-patches.mjs';

const mode = process.argv[2] ?? 'watch';
const production = mode !== 'watch';

const obsidianExternals = [
  'obsidian', 'electron',
  '@codemirror/autocomplete', '@codemirror/collab', '@codemirror/commands', '@codemirror/language',
  '@codemirror/lint', '@codemirror/search', '@codemirror/state', '@codemirror/view',
  '@lezer/common', '@lezer/highlight', '@lezer/lr',
  ...builtinModules, ...builtinModules.map((m) => `node:${m}`),
];

const plugin = {
  entryPoints: ['src/main.ts'],
  bundle: true,
  external: obsidianExternals,
  format: 'cjs',
  target: 'es2022',
  logLevel: 'info',
  sourcemap: production ? false : 'inline',
  treeShaking: true,
  minify: production,
  outfile: 'main.js',
};

const cli = {
  entryPoints: ['src/cli.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'info',
  banner: { js: '#!/usr/bin/env node' },
  outfile: 'dist/cli.js',
};

// dist/cli.js alone: the markdown parser's allocation fixes (bundle-patches.mjs); the benchmark's
// own bundle keeps the dependencies as published, so its parse figures compare across branches.
const cliBuild = { ...cli, plugins: [dependencyPatches] };

if (mode === 'watch') {
  const contexts = await Promise.all([esbuild.context(plugin), esbuild.context(cliBuild)]);
  await Promise.all(contexts.map((c) => c.watch()));
} else if (mode === 'production') {
  await Promise.all([esbuild.build(plugin), esbuild.build(cliBuild)]);
  console.log('Plugin files: main.js, manifest.json, styles.css (copy them into <vault>/.obsidian/plugins/spectryn/)');
  console.log('Command line: node dist/cli.js --help');
} else if (mode === 'cli') {
  await esbuild.build({ ...cliBuild, outfile: process.argv[3] ?? cli.outfile, logLevel: 'warning' });
} else if (mode === 'bench') {
  await esbuild.build({ ...cli, entryPoints: ['bench/run.ts'], outfile: 'dist/bench.js', banner: {}, logLevel: 'warning' });
} else if (mode === 'e2e') {
  const { buildE2e } = await import('./tests/e2e/build.mjs');
  await buildE2e(esbuild);
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
