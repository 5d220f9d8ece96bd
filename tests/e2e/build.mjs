// Bundles the browser harness page for the e2e tests and the editor benchmark into dist/e2e/:
// a real EditorView with the epic extension, `obsidian` aliased to a browser shim, the plugin's
// styles.css and a stand-in for Obsidian's theme variables. Called by `node esbuild.config.mjs e2e`.
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = join(root, 'dist', 'e2e');

/** Builds dist/e2e/{index.html, harness.js, harness.css, styles.css}. */
export async function buildE2e(esbuild) {
  await mkdir(out, { recursive: true });
  await esbuild.build({
    entryPoints: [join(here, 'harness.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    alias: { obsidian: join(here, 'obsidian-shim.ts') },
    outfile: join(out, 'harness.js'),
    logLevel: 'warning',
  });
  await copyFile(join(here, 'harness.html'), join(out, 'index.html'));
  await copyFile(join(here, 'harness.css'), join(out, 'harness.css'));
  await copyFile(join(root, 'styles.css'), join(out, 'styles.css'));
}
