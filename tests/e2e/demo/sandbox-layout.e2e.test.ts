/**
 * The sandbox's layout at a small laptop size (1024×700) and a phone-ish width (420×800), on a
 * first visit (fresh profile): the window's regions never overlap or leave the viewport, the
 * progress pane shows most of the epic's stories, the tracker panel starts collapsed where room
 * is short and overlaps nothing when opened, and the plan modal and status menu fit the screen.
 * Screenshots in tests/e2e/__screenshots__ (not committed).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openSandbox, settle, type SandboxPage } from './sandbox-browser';
import { noteText } from './sandbox-api';

const SHOTS = join(__dirname, '..', '__screenshots__');

jest.setTimeout(60_000);

let sandbox: SandboxPage;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sandbox = await openSandbox({ width: 1024, height: 700 });
  page = sandbox.page;
  page.setDefaultTimeout(5000);
});

afterAll(async () => {
  await sandbox.close();
});

/** The window's regions; `.sandbox-right-leaves` and `.sandbox-tracker` split the sidebar. */
const REGIONS = ['.sandbox-titlebar', '.workspace-ribbon', '.workspace-split.mod-root', '.sandbox-right-leaves', '.sandbox-tracker', '.status-bar'];

interface Box { readonly name: string; readonly left: number; readonly top: number; readonly right: number; readonly bottom: number }

async function boxes(selectors: readonly string[]): Promise<Box[]> {
  return page.evaluate((names) => names.map((name) => {
    const el = document.querySelector(name);
    if (!el) throw new Error(`${name} is missing`);
    const { left, top, right, bottom } = el.getBoundingClientRect();
    return { name, left, top, right, bottom };
  }), selectors);
}

/** Pairs of regions that overlap by more than a pixel (shared borders are fine), and regions outside the viewport or empty. */
async function layoutProblems(): Promise<string[]> {
  const found = await boxes(REGIONS);
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  const problems: string[] = [];
  for (const box of found) {
    if (box.right - box.left < 1 || box.bottom - box.top < 1) problems.push(`${box.name} is empty`);
    if (box.left < -0.5 || box.top < -0.5 || box.right > width + 0.5 || box.bottom > height + 0.5) problems.push(`${box.name} leaves the viewport`);
  }
  found.forEach((a, i) => {
    for (const b of found.slice(i + 1)) {
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 1 && y > 1) problems.push(`${a.name} overlaps ${b.name}`);
    }
  });
  // Nothing wider than the window (no sideways scrolling of the whole page).
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  if (scrollWidth > width) problems.push(`the page is ${String(scrollWidth)} px wide in a ${String(width)} px window`);
  return problems;
}

/** How many of the pane's stories are entirely inside the pane's visible area. */
function storiesInView(): Promise<number> {
  return page.evaluate(() => {
    const area = document.querySelector('.spectryn-pane')?.closest('.view-content')?.getBoundingClientRect();
    if (!area) return 0;
    return Array.from(document.querySelectorAll('.spectryn-pane .spectryn-story')).filter((story) => {
      const box = story.getBoundingClientRect();
      return box.top >= area.top - 0.5 && box.bottom <= area.bottom + 0.5;
    }).length;
  });
}

const tracker = (): ReturnType<Page['locator']> => page.locator('.sandbox-tracker');

test('1024×700: nothing overlaps, the tracker panel starts collapsed and the pane shows most stories', async () => {
  await expect(tracker().getAttribute('data-collapsed')).resolves.toBe('true');
  await expect(page.locator('.sandbox-tracker-issues').isVisible()).resolves.toBe(false);
  await expect(layoutProblems()).resolves.toEqual([]);
  // The sidebar takes a share of the window, within its bounds (300 to 440 px).
  const [right] = await boxes(['.workspace-split.mod-right-split']);
  expect((right?.right ?? 0) - (right?.left ?? 0)).toBeGreaterThanOrEqual(300);
  expect((right?.right ?? 0) - (right?.left ?? 0)).toBeLessThanOrEqual(440);
  // The pane had room for about 4 of the 7 stories with a fixed 400 px sidebar and the panel open.
  expect(await storiesInView()).toBeGreaterThanOrEqual(5);
  // The subtitle explains why the note shows markdown source.
  await expect(page.locator('.sandbox-subtitle-mode').isVisible()).resolves.toBe(true);
  await expect(page.locator('.sandbox-subtitle-mode').textContent()).resolves.toContain('source mode');
  await page.screenshot({ path: join(SHOTS, 'sandbox-1024x700.png') });

  await page.locator('.sandbox-tracker-toggle').click();
  await expect(tracker().getAttribute('data-collapsed')).resolves.toBe('false');
  await page.locator('.sandbox-issue[data-key="INFRA-100"]').waitFor();
  await expect(layoutProblems()).resolves.toEqual([]);
  await page.screenshot({ path: join(SHOTS, 'sandbox-1024x700-tracker-open.png') });
  // The choice is remembered.
  await expect(page.evaluate(() => window.localStorage.getItem('sandbox-tracker-open'))).resolves.toBe('true');
});

test('420×800: the sidebar goes under the note; nothing overlaps; menus and modals fit the screen', async () => {
  await page.setViewportSize({ width: 420, height: 800 });
  await settle(page);
  await expect(layoutProblems()).resolves.toEqual([]);
  const [note, pane] = await boxes(['.workspace-split.mod-root', '.sandbox-right-leaves']);
  if (!note || !pane) throw new Error('regions missing');
  // Stacked: the pane is below the note, both usable.
  expect(pane.top).toBeGreaterThanOrEqual(note.bottom - 1);
  for (const box of [note, pane]) {
    expect(box.right - box.left).toBeGreaterThanOrEqual(300);
    expect(box.bottom - box.top).toBeGreaterThanOrEqual(150);
  }
  await page.screenshot({ path: join(SHOTS, 'sandbox-420x800-tracker-open.png') });
  await page.locator('.sandbox-tracker-toggle').click();
  await expect(layoutProblems()).resolves.toEqual([]);
  await page.screenshot({ path: join(SHOTS, 'sandbox-420x800.png') });

  // A status badge's menu stays on screen.
  const badge = page.locator('.mod-root [data-spectryn-badge]').first();
  await badge.click();
  const menu = await boxes(['.menu']);
  expect(menu[0]?.left).toBeGreaterThanOrEqual(0);
  expect(menu[0]?.right).toBeLessThanOrEqual(420);
  expect(menu[0]?.bottom).toBeLessThanOrEqual(800);
  await page.keyboard.press('Escape');

  // The plan modal fits the width and its buttons are reachable.
  await page.locator('.side-dock-ribbon-action[data-plugin="spectryn"]').click();
  const confirm = page.locator('.modal button.mod-cta');
  await confirm.waitFor({ timeout: 10_000 });
  // With a margin on both sides, so it reads as a dialog over the window.
  const [modal] = await boxes(['.modal']);
  expect(modal?.left).toBeGreaterThanOrEqual(16);
  expect(modal?.right).toBeLessThanOrEqual(420 - 16);
  await confirm.scrollIntoViewIfNeeded();
  await expect(confirm.isVisible()).resolves.toBe(true);
  await page.screenshot({ path: join(SHOTS, 'sandbox-420x800-plan.png') });
  await page.keyboard.press('Escape');
});

test('the plan modal opened from the keyboard takes the focus and keeps Tab inside it', async () => {
  const ribbon = page.locator('.side-dock-ribbon-action[data-plugin="spectryn"]');
  await ribbon.focus();
  await page.keyboard.press('Enter');
  await page.locator('.modal button.mod-cta').waitFor({ timeout: 10_000 });
  const focusInModal = (): Promise<boolean> => page.evaluate(() => document.querySelector('.modal')?.contains(document.activeElement) === true);
  await expect(focusInModal()).resolves.toBe(true);
  // More presses than the modal has controls: Tab goes round inside it, never to the page behind.
  const controls = await page.locator('.modal button, .modal summary, .modal a[href]').count();
  for (let i = 0; i < controls + 3; i += 1) {
    await page.keyboard.press('Tab');
    await expect(focusInModal()).resolves.toBe(true);
  }
  await page.keyboard.press('Shift+Tab');
  await expect(focusInModal()).resolves.toBe(true);
  await page.keyboard.press('Escape');
  await page.locator('.modal-container').waitFor({ state: 'detached' });
  // The focus goes back to where it was.
  await expect(page.evaluate(() => document.activeElement?.closest('[data-plugin="spectryn"]') !== null)).resolves.toBe(true);
});

test('420×800: the settings keep their descriptions readable and the secret picker on screen', async () => {
  await page.setViewportSize({ width: 420, height: 800 });
  await settle(page);
  await page.locator('.side-dock-ribbon-action[data-action="settings"]').click();
  const picker = page.locator('.setting-item[data-setting="API token"] .sandbox-secret');
  await picker.waitFor();
  const parts = await page.evaluate(() => {
    const box = (el: Element | null): { left: number; right: number; width: number } | null => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, width: r.width };
    };
    const descriptions = Array.from(document.querySelectorAll('.modal .setting-item-description')).filter((el) => (el.textContent ?? '').length > 20 && el.getClientRects().length > 0);
    return {
      narrowest: Math.min(...descriptions.map((el) => el.getBoundingClientRect().width)),
      picker: box(document.querySelector('.setting-item[data-setting="API token"] .sandbox-secret select')),
      button: box(document.querySelector('.setting-item[data-setting="API token"] .sandbox-secret button')),
    };
  });
  await page.screenshot({ path: join(SHOTS, 'sandbox-420x800-settings.png') });
  // One word per line was about 60 px; a readable line holds several words.
  expect(parts.narrowest).toBeGreaterThanOrEqual(200);
  for (const part of [parts.picker, parts.button]) {
    expect(part).not.toBeNull();
    expect(part?.left).toBeGreaterThanOrEqual(0);
    expect(part?.right).toBeLessThanOrEqual(420);
  }
  await page.keyboard.press('Escape');
});

test('a status picked from a badge is one edit that Ctrl+Z undoes, with the focus back in the editor', async () => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await settle(page);
  const before = await noteText(page);
  const badge = page.locator('.mod-root [data-spectryn-badge][data-status="done"]').first();
  await badge.click();
  await page.locator('.menu .menu-item', { hasText: 'Blocked' }).click();
  const changed = await noteText(page);
  expect(changed).not.toBe(before);
  await expect(page.evaluate(() => document.activeElement?.closest('.cm-editor') !== null)).resolves.toBe(true);
  await page.keyboard.press('Control+z');
  await expect(noteText(page)).resolves.toBe(before);
});

test('the page logged no errors', () => {
  expect(sandbox.errors).toEqual([]);
});
