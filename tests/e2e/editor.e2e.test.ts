/**
 * The editor extension in real Chromium: the seed note in a CodeMirror editor with the plugin's
 * CSS, badges and totals in the DOM, a badge click rewriting the status, and screenshots of light
 * and dark themes (tests/e2e/__screenshots__, not committed).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openHarness, type HarnessPage } from './chromium';
import { contrastRatio, effectiveBackground, parseColor } from './colours';
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

/** Waits until the browser's caret stands at the editor's cursor (see `Harness.caretSettled`). */
const caretSettled = (): Promise<void> => page.evaluate(() => (window as unknown as { spectrynHarness: Harness }).spectrynHarness.caretSettled());

const docText = (): Promise<string> => page.evaluate(() => (window as unknown as { spectrynHarness: Harness }).spectrynHarness.docText());

/** A badge's computed look: text colour, its own background and the ones behind it (nearest first), text decoration. */
interface BadgeLook {
  readonly color: string;
  readonly background: string;
  readonly layers: string[];
  readonly decoration: string;
}

/** The look of the first badge of each status on screen, by status. */
function badgeLooks(): Promise<Record<string, BadgeLook>> {
  return page.evaluate(() => {
    const out: Record<string, BadgeLook> = {};
    for (const el of Array.from(document.querySelectorAll('.spectryn-status-badge'))) {
      const status = el.getAttribute('data-status') ?? '';
      if (status in out) continue;
      const layers: string[] = [];
      for (let at: Element | null = el; at; at = at.parentElement) layers.push(getComputedStyle(at).backgroundColor);
      const style = getComputedStyle(el);
      out[status] = { color: style.color, background: style.backgroundColor, layers, decoration: style.textDecorationLine };
    }
    return out;
  });
}

/** The contrast of a badge's label on what is painted behind it (WCAG 2 ratio). */
const badgeContrast = (look: BadgeLook): number => contrastRatio(parseColor(look.color), effectiveBackground(look.layers));

/** The Done badge in the light theme (set by the first test, compared in 'dark theme'). */
let lightDone: BadgeLook | null = null;

// The exact colours belong to styles.css (the theme's palette, mixed for readability): these tests
// check what a reader gets (a colour per status, readable labels, the theme followed), not the values.

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
  // The badge is a pill coloured by its status, and its label is readable.
  const looks = await badgeLooks();
  expect(looks.done?.color).not.toBe(looks.in_progress?.color);
  expect(looks.done?.background).not.toBe(looks.in_progress?.background);
  for (const status of ['done', 'in_progress']) expect({ status, readable: badgeContrast(looks[status] as BadgeLook) >= 4.5 }).toEqual({ status, readable: true });
  lightDone = looks.done ?? null;
  await page.screenshot({ path: join(SHOTS, 'editor-light.png') });
});

test('dark theme', async () => {
  await mount({ text: SEED, theme: 'dark' });
  const looks = await badgeLooks();
  // Follows the theme: another colour than in light, and still readable on the dark background.
  expect(lightDone).not.toBeNull();
  expect(looks.done?.color).not.toBe(lightDone?.color);
  for (const status of ['done', 'in_progress']) expect({ status, readable: badgeContrast(looks[status] as BadgeLook) >= 4.5 }).toEqual({ status, readable: true });
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
  // The note is parsed in slices as it opens: the first ones decorate the top.
  await page.locator('.spectryn-totals[data-scope="story"]').first().waitFor({ timeout: 30_000 });
  expect(await count()).toBeLessThan(100);
  await page.evaluate(() => { document.scrollingElement?.scrollTo(0, document.scrollingElement.scrollHeight); });
  await page.locator('.cm-line', { hasText: 'US-2000: Story number 2000' }).locator('.spectryn-totals').waitFor({ timeout: 60_000 });
}, 120_000);

test('every status, issue chip and diagnostics, with the message on hover', async () => {
  await mount({ text: DEMO_NOTE, theme: 'light' });
  const statuses = await page.locator('.spectryn-status-badge').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
  expect(new Set(statuses)).toEqual(new Set(['done', 'in_progress', 'in_review', 'open', 'planned', 'blocked', 'cancelled']));
  // Each status reads differently: the coloured ones by their tint, planned is neutral, cancelled is struck through.
  const looks = await badgeLooks();
  const tinted = ['done', 'in_progress', 'in_review', 'open', 'blocked', 'planned'].map((status) => looks[status]?.background);
  expect(new Set(tinted).size).toBe(6);
  expect(looks.cancelled?.decoration).toContain('line-through');
  expect(looks.planned?.decoration).not.toContain('line-through');
  for (const [status, look] of Object.entries(looks)) expect({ status, readable: badgeContrast(look) >= 4.5 }).toEqual({ status, readable: true });
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

test('typing while a long note opens: no keystroke lost, the decorations equal a fresh parse\'s', async () => {
  const stories = 400;
  const text = generateEpicNote(stories);
  // Open with the cursor at the end of a story early in the note, then type there at once, and in
  // a story near the end (not parsed yet when typing starts).
  const early = `**I want** story 3 done`;
  const late = `**I want** story ${String(stories - 2)} done`;
  await page.evaluate(([t, at]) => {
    (window as unknown as { spectrynHarness: Harness }).spectrynHarness.mount({ text: t, cursor: t.indexOf(at) + at.length });
  }, [text, early] as const);
  await page.locator('.cm-content').focus();
  await caretSettled();
  // Keys 30 ms apart, a fast typist's pace: at 5 ms on a busy machine Chromium put a key beside
  // the one before it now and then, without the plugin too (plain CodeMirror, measured).
  await page.keyboard.type(' soon', { delay: 30 });
  await page.evaluate((at) => {
    const h = (window as unknown as { spectrynHarness: Harness }).spectrynHarness;
    h.setCursor(h.docText().indexOf(at) + at.length);
  }, late);
  // The cursor's line is drawn, and the browser's caret put in it, once CodeMirror has scrolled
  // to it: type there after that (a key typed before lands where the caret still is).
  await caretSettled();
  await page.keyboard.type(' later', { delay: 30 });
  await page.waitForFunction(() => !(window as unknown as { spectrynHarness: Harness }).spectrynHarness.parsing(), undefined, { timeout: 60_000 });
  expect(await page.evaluate(() => (window as unknown as { spectrynHarness: Harness }).spectrynHarness.editsWhileOpening())).toBeGreaterThan(0);
  const doc = await docText();
  expect(doc).toContain(`${early} soon\n`);
  expect(doc).toContain(`${late} later\n`);
  const [marks, fresh] = await page.evaluate(() => {
    const h = (window as unknown as { spectrynHarness: Harness }).spectrynHarness;
    return [h.marks(), h.freshMarks()];
  });
  expect(marks.length).toBeGreaterThan(stories * 4);
  expect(marks).toEqual(fresh);
}, 120_000);
