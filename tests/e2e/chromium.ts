/**
 * Opens the harness page in Debian's Chromium (`/usr/bin/chromium`) through playwright-core;
 * never a downloaded browser. Shared by the e2e tests and the editor benchmark.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/** Where `node esbuild.config.mjs e2e` puts the harness page (run from the project root). */
export const HARNESS_DIR = join(process.cwd(), 'dist', 'e2e');

/** The system Chromium. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** An open harness page and how to close it. */
export interface HarnessPage {
  readonly page: Page;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/**
 * Serves the harness directory on 127.0.0.1 (random port). Cross-origin isolated (COOP/COEP), so
 * `performance.now()` has microsecond resolution instead of 100 µs: the benchmark needs it.
 */
async function serveHarness(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname)).replace(/^([/\\])+/, '');
    const file = join(HARNESS_DIR, path === '' ? 'index.html' : path);
    if (!file.startsWith(HARNESS_DIR) || !existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${String(port)}/index.html`, server };
}

/**
 * Launches Chromium with a fresh profile and opens the harness page. Viewport in CSS pixels;
 * `extraArgs` are added to the command line (the benchmark passes `--js-flags=--expose-gc`).
 */
export async function openHarness(viewport: { width: number; height: number } = { width: 1100, height: 1400 }, extraArgs: readonly string[] = []): Promise<HarnessPage> {
  const index = join(HARNESS_DIR, 'index.html');
  if (!existsSync(index)) throw new Error(`${index} is missing: run \`node esbuild.config.mjs e2e\` first`);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
  // A computed specifier keeps bundlers (the bench build) from inlining playwright-core.
  const moduleName = 'playwright-core';
  const { chromium } = (await import(moduleName)) as typeof import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'spectryn-chromium-'));
  const { url, server } = await serveHarness();
  let context: BrowserContext | null = null;
  const cleanUp = (): void => {
    server.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      viewport,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.waitForFunction(() => 'spectrynHarness' in window);
    const opened = context;
    return {
      page,
      async close() {
        await opened.close();
        cleanUp();
      },
    };
  } catch (error) {
    await context?.close();
    cleanUp();
    throw error;
  }
}
