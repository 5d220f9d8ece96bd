// Builds the sandbox into dist/demo/: the page (demo/page.ts with `obsidian` aliased to the
// browser stand-in demo/obsidian-shim), index.html, sandbox.css, the issue pages' theme script
// (demo/browse-theme.ts -> browse.js), and the server (demo/server.ts, Node, bundled). `npm run demo` = this, then `node dist/demo/server.js`.
import esbuild from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const out = join(root, 'dist', 'demo');

await mkdir(out, { recursive: true });
await Promise.all([
  esbuild.build({
    entryPoints: [join(here, 'page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    alias: { obsidian: join(here, 'obsidian-shim', 'index.ts') },
    sourcemap: 'linked',
    outfile: join(out, 'page.js'),
    logLevel: 'warning',
  }),
  esbuild.build({
    entryPoints: [join(here, 'browse-theme.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    outfile: join(out, 'browse.js'),
    logLevel: 'warning',
  }),
  esbuild.build({
    entryPoints: [join(here, 'server.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: join(out, 'server.js'),
    logLevel: 'warning',
  }),
  copyFile(join(here, 'index.html'), join(out, 'index.html')),
  copyFile(join(here, 'sandbox.css'), join(out, 'sandbox.css')),
]);
