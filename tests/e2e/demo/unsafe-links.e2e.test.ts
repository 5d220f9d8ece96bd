/**
 * Note-controlled links in the sandbox, in real Chromium (issue 11 item 9): an Issue line whose link
 * is `javascript:…` (or another non-http scheme) never becomes an `href` — not in live preview's
 * chip, not in the pane's chip, not in reading view — while the story and its key still show.
 * Every check waits for the state it asserts.
 */
import type { Page } from 'playwright-core';
import { openSandbox, settle, type SandboxPage } from './sandbox-browser';
import { noteText, setNoteText } from './sandbox-api';

jest.setTimeout(90_000);

let sandbox: SandboxPage;
let page: Page;

beforeAll(async () => {
  sandbox = await openSandbox();
  page = sandbox.page;
  page.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await sandbox.close();
});

const HOSTILE_NOTE = [
  '# 🚀 Hostile links',
  '',
  '## Phase 1: Only',
  '',
  '### 🔧 US-001: Script link',
  '> **Issue:** [INFRA-901](javascript:alert(document.domain))',
  '',
  '| Field | Value |',
  '|---|---|',
  '| **Story Points** | 3 |',
  '| **Status** | 🔄 In Progress |',
  '',
  '### 🔧 US-002: Data link',
  '> **Issue:** [INFRA-902](data:text/html,<script>alert(1)</script>)',
  '',
  '| Field | Value |',
  '|---|---|',
  '| **Story Points** | 2 |',
  '| **Status** | 📋 Planned |',
  '',
].join('\n');

/** Every `href` on the page whose scheme is not http(s), with the element's classes. */
function unsafeHrefs(): Promise<string[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll('[href]'))
    .map((el) => `${el.getAttribute('href') ?? ''} (${el.className})`)
    .filter((text) => /^\s*(javascript|data|vbscript|file):/i.test(text)));
}

test('javascript: and data: issue links reach no href in live preview, the pane or reading view', async () => {
  const original = await noteText(page);
  try {
    await setNoteText(page, HOSTILE_NOTE);
    // The pane and the editor show the new note's stories once it is parsed: the state the checks
    // below are about (the seed note before it has a US-001 and a US-002 too, so wait on titles).
    await page.locator('.spectryn-pane .spectryn-story[data-story="US-002"]', { hasText: 'Data link' }).waitFor();
    await page.locator('.cm-line', { hasText: 'US-001: Script link' }).locator('.spectryn-totals').waitFor();
    await page.locator('.cm-line', { hasText: 'US-002: Data link' }).locator('.spectryn-totals').waitFor();
    await settle(page);
    await expect(unsafeHrefs()).resolves.toEqual([]);
    // The key still shows; only the link is gone.
    await expect(page.locator('.spectryn-pane .spectryn-story[data-story="US-001"]').textContent()).resolves.toContain('INFRA-901');

    await page.locator('.side-dock-ribbon-action[data-action="reading-view"]').click();
    await page.locator('.markdown-preview-view h3', { hasText: 'US-002: Data link' }).waitFor();
    await settle(page);
    await expect(unsafeHrefs()).resolves.toEqual([]);
    await page.locator('.side-dock-ribbon-action[data-action="reading-view"]').click();
    await expect(page.getAttribute('body', 'data-editor-mode')).resolves.toBe('live-preview');
  } finally {
    await setNoteText(page, original);
  }
});

test('the page logged no errors', () => {
  expect(sandbox.errors).toEqual([]);
});
