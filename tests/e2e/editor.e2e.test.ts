/**
 * The editor extension in real Chromium: the seed note in a CodeMirror editor with the plugin's
 * CSS, badges and totals in the DOM, a badge click rewriting the status, and screenshots of light
 * and dark themes (tests/e2e/__screenshots__, not committed).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openHarness, type HarnessPage } from './chromium';
import { DEMO_NOTE } from '../editor/notes';
import { generateEpicNote } from './generate-note';
import type { Harness, MountOptions } from './harness';

const SEED = readFileSync(join(process.cwd(), 'examples', 'postgres-to-crdb.md'), 'utf8');
const SHOTS = join(__dirname, '__screenshots__');

jest.setTimeout(60_000);

let harness: HarnessPage;
let page: Page;

beforeAll(async () => {
  harness = await openHarness();
  page = harness.page;
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await harness.close();
});

async function mount(options: MountOptions): Promise<void> {
  await page.evaluate((o) => { (window as unknown as { spectrynHarness: Harness }).spectrynHarness.mount(o); }, options);
  // Let CodeMirror measure and draw.
  await page.evaluate(() => new Promise((resolve) => { window.requestAnimationFrame(() => { window.requestAnimationFrame(resolve); }); }));
}

const reveal = (marker: string): Promise<void> => page.evaluate((m) => (window as unknown as { spectrynHarness: Harness }).spectrynHarness.reveal(m), marker);

/** Waits until `selector` matches `count` elements inside the first line containing `lineText`. */
async function waitForCount(lineText: string, selector: string, count: number): Promise<void> {
  await page.waitForFunction(([t, sel, n]) => {
    const line = Array.from(document.querySelectorAll('.cm-line')).find((l) => l.textContent?.includes(t));
    return line !== undefined && line.querySelectorAll(sel).length === n;
  }, [lineText, selector, count] as const, { timeout: 5000 });
}

const docText = (): Promise<string> => page.evaluate(() => (window as unknown as { spectrynHarness: Harness }).spectrynHarness.docText());

test('the seed note shows badges and totals', async () => {
  await mount({ text: SEED, theme: 'light' });
  const epicTotals = page.locator('.spectryn-totals[data-scope="epic"]');
  await expect(epicTotals.getAttribute('data-points-total')).resolves.toMatch(/^\d+$/);
  const first = page.locator('.cm-line', { hasText: 'US-001: Schema Compatibility Analysis' }).locator('.spectryn-totals');
  await expect(first.locator('.spectryn-totals-text').textContent()).resolves.toBe('5 pts · 4/4 subtasks');
  await expect(first.getAttribute('data-points-done')).resolves.toBe('5');
  const phase = page.locator('.cm-line', { hasText: 'Phase 1: Preparation' }).locator('.spectryn-totals-text');
  await expect(phase.textContent()).resolves.toBe('8 of 8 pts done · 2/2 stories');
  const statuses = await page.locator('.spectryn-status-badge').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
  // Epic status, US-001's status and its four subtasks are on screen.
  expect(statuses).toEqual(['in_progress', 'done', 'done', 'done', 'done', 'done']);
  // The badge is laid out as an inline pill coloured by its status.
  const colours = await page.evaluate(() => {
    const pick = (s: string): string => getComputedStyle(document.querySelector(`.spectryn-status-badge[data-status="${s}"]`) ?? document.body).color;
    return { done: pick('done'), progress: pick('in_progress') };
  });
  expect(colours.done).toBe('rgb(8, 185, 78)');
  expect(colours.progress).toBe('rgb(8, 109, 221)');
  await page.screenshot({ path: join(SHOTS, 'editor-light.png') });
});

test('dark theme', async () => {
  await mount({ text: SEED, theme: 'dark' });
  const colour = await page.evaluate(() => getComputedStyle(document.querySelector('.spectryn-status-badge[data-status="done"]') ?? document.body).color);
  expect(colour).toBe('rgb(68, 207, 110)');
  await page.screenshot({ path: join(SHOTS, 'editor-dark.png') });
});

test('source mode keeps the text', async () => {
  await mount({ text: SEED, theme: 'light', livePreview: false });
  await expect(page.locator('[data-spectryn-badge]').count()).resolves.toBe(0);
  await expect(page.locator('.spectryn-status-source').first().textContent()).resolves.toBe('🔄 In Progress');
  await page.screenshot({ path: join(SHOTS, 'editor-source-light.png') });
});

test('clicking a badge and choosing a status rewrites that cell', async () => {
  await mount({ text: SEED, theme: 'light' });
  await reveal('| 3 | Add retry logic |');
  const row = page.locator('.cm-line', { hasText: '| 3 | Add retry logic |' });
  await row.locator('[data-spectryn-badge]').click();
  await page.locator('.menu').waitFor();
  await page.screenshot({ path: join(SHOTS, 'editor-menu-light.png') });
  await page.locator('.menu-item', { hasText: 'Done' }).click();
  const text = await docText();
  expect(text).toBe(SEED.replace('| 3 | Add retry logic | Handle transaction conflicts | 2 | 🔄 In Progress |', '| 3 | Add retry logic | Handle transaction conflicts | 2 | ✅ Done |'));
  await expect(row.locator('[data-spectryn-badge]').getAttribute('data-status')).resolves.toBe('done');
});

test('typing into a status shows its source, and leaving it shows the badge again', async () => {
  await mount({ text: SEED, theme: 'light' });
  await reveal('| 2 | Seed data |');
  const line = page.locator('.cm-line', { hasText: 'Seed data' });
  await expect(line.locator('[data-spectryn-badge]').count()).resolves.toBe(1);
  const box = await line.boundingBox();
  if (!box) throw new Error('line not laid out');
  // Click at the end of the line (after ` |`: the badge stays), then step left onto the status.
  await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
  await waitForCount('Seed data', '[data-spectryn-badge]', 1);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await waitForCount('Seed data', '[data-spectryn-badge]', 0);
  await expect(line.textContent()).resolves.toBe('| 2 | Seed data | Script to populate test data | 1 | ✅ Done |');
  await page.keyboard.press('ArrowUp');
  await waitForCount('Seed data', '[data-spectryn-badge]', 1);
});

test('a 2,000-story note decorates what is on screen, also after scrolling to the end', async () => {
  await mount({ text: generateEpicNote(2000), theme: 'light' });
  const count = (): Promise<number> => page.locator('.spectryn-totals[data-scope="story"]').count();
  expect(await count()).toBeGreaterThan(0);
  expect(await count()).toBeLessThan(100);
  await page.evaluate(() => { document.scrollingElement?.scrollTo(0, document.scrollingElement.scrollHeight); });
  await page.locator('.cm-line', { hasText: 'US-2000: Story number 2000' }).locator('.spectryn-totals').waitFor();
});

test('every status, issue chip and diagnostics, with the message on hover', async () => {
  await mount({ text: DEMO_NOTE, theme: 'light' });
  const statuses = await page.locator('.spectryn-status-badge').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
  expect(new Set(statuses)).toEqual(new Set(['done', 'in_progress', 'in_review', 'open', 'planned', 'blocked', 'cancelled']));
  // Each status has its own colour.
  const colours = await page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const el of Array.from(document.querySelectorAll('.spectryn-status-badge'))) out[el.getAttribute('data-status') ?? ''] = getComputedStyle(el).color;
    return out;
  });
  expect(new Set(Object.values(colours)).size).toBe(7);
  const chip = page.locator('a.spectryn-issue-chip');
  await expect(chip.getAttribute('href')).resolves.toBe('https://tracker.invalid/browse/DEMO-7');
  const underline = page.locator('.spectryn-diagnostic[data-code="unestimated"]');
  await expect(underline.evaluate((el) => getComputedStyle(el).textDecorationStyle)).resolves.toBe('wavy');
  await underline.hover();
  const tooltip = page.locator('.spectryn-diagnostic-tooltip');
  await tooltip.waitFor({ timeout: 5000 });
  await expect(tooltip.textContent()).resolves.toBe('US-003: The story is not estimated yet; it counts 0 points.');
  await page.screenshot({ path: join(SHOTS, 'editor-all-statuses-light.png') });
  await mount({ text: DEMO_NOTE, theme: 'dark' });
  await page.screenshot({ path: join(SHOTS, 'editor-all-statuses-dark.png') });
});
