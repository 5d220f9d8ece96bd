/**
 * Opens the sandbox (demo/server.ts, started in this process on a free port, serving the page
 * built into dist/demo by `node demo/build.mjs`) in Debian's Chromium through playwright-core,
 * with a fresh profile. Collects page errors so tests can assert there were none.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../../demo/server';

/** The system Chromium. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The flags proven on this machine (docs/testing.md). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** An open sandbox page. */
export interface SandboxPage {
  readonly page: Page;
  readonly sandbox: Sandbox;
  /** Uncaught errors and console errors of the page, in order. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** Starts the sandbox server and opens its page; resolves when the plugin has loaded. */
export async function openSandbox(viewport = { width: 1400, height: 900 }): Promise<SandboxPage> {
  const root = process.cwd();
  if (!existsSync(join(root, 'dist', 'demo', 'page.js'))) throw new Error('dist/demo/page.js is missing: run `node demo/build.mjs` first');
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
  const { chromium } = await import('playwright-core');
  const sandbox = await startSandbox({ port: 0, root });
  const profile = mkdtempSync(join(tmpdir(), 'spectryn-sandbox-'));
  let context: BrowserContext | null = null;
  const cleanUp = async (): Promise<void> => {
    await context?.close();
    await sandbox.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, viewport, args: CHROMIUM_ARGS });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    await page.goto(sandbox.url);
    await page.waitForSelector('body[data-sandbox-ready], body[data-sandbox-error]', { timeout: 15_000 });
    const failure = await page.getAttribute('body', 'data-sandbox-error');
    if (failure !== null) throw new Error(`The sandbox page failed to start: ${failure}`);
    return { page, sandbox, errors, close: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** Waits for two animation frames (CodeMirror measures, then draws). */
export function settle(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => { window.requestAnimationFrame(() => { window.requestAnimationFrame(() => resolve()); }); }));
}
