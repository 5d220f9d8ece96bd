/**
 * The pane and the window after a first sync in a 1400×900 window, as a user sees them: story
 * titles read whole next to their issue keys, every progress bar ends at the same right edge, the
 * "In the tracker" panel keeps its size when the sync fills it (the pane keeps its room), the
 * result notice covers none of the pane's buttons, the epic key links to the tracker's page of the
 * epic, issue keys in tables never wrap mid-key (reading view, wide and 420 px), and the settings'
 * status mapping lists each row once, labelled by its note status, a Jira name two rows share
 * (the default To Do) explained in both.
 */
import type { Page } from 'playwright-core';
import { openSandbox, settle, type SandboxPage } from './sandbox-browser';

jest.setTimeout(60_000);

let sandbox: SandboxPage;
let page: Page;

beforeAll(async () => {
  sandbox = await openSandbox({ width: 1400, height: 900 });
  page = sandbox.page;
  page.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await sandbox.close();
});

interface Box { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number }

function box(selector: string): Promise<Box> {
  return page.locator(selector).first().evaluate((el) => {
    const { left, top, right, bottom } = el.getBoundingClientRect();
    return { left, top, right, bottom };
  });
}

/** Issue keys (`INFRA-108`) in table cells whose text runs over more than one line. */
function keysSplitInTables(): Promise<string[]> {
  return page.evaluate(() => {
    const split: string[] = [];
    for (const cell of Array.from(document.querySelectorAll('td'))) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of (node.textContent ?? '').matchAll(/[A-Z][A-Z0-9]+-\d+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set(Array.from(range.getClientRects()).filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
          if (lines.size > 1) split.push(match[0]);
        }
      }
    }
    return split;
  });
}

let paneBefore: Box;

test('the first sync: the tracker panel keeps its size, so the pane keeps its room', async () => {
  await expect(page.locator('.sandbox-tracker').getAttribute('data-collapsed')).resolves.toBe('false');
  paneBefore = await box('.sandbox-right-leaves');
  await page.locator('.side-dock-ribbon-action[data-plugin="spectryn"]').click();
  const confirm = page.locator('.modal button.mod-cta');
  await confirm.waitFor();
  await confirm.click();
  await page.locator('.notice', { hasText: 'Synced INFRA-100' }).waitFor({ timeout: 15_000 });
  await page.locator(`.sandbox-tracker[data-issue-count="${String(sandbox.sandbox.tracker().issues.size)}"]`).waitFor();
  await page.locator('.spectryn-pane .spectryn-story[data-story="US-007"] .spectryn-issue-chip').waitFor();
  await settle(page);
  const after = await box('.sandbox-right-leaves');
  expect(after.bottom).toBeCloseTo(paneBefore.bottom, 0);
});

test('the result notice covers none of the pane\'s buttons or links', async () => {
  const notice = await box('.notice');
  const covered = await page.evaluate((n) => Array.from(document.querySelectorAll('.mod-right-split button, .mod-right-split a, .mod-right-split .view-action, .mod-right-split [role="button"]'))
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && Math.min(r.right, n.right) - Math.max(r.left, n.left) > 0 && Math.min(r.bottom, n.bottom) - Math.max(r.top, n.top) > 0;
    })
    .map((el) => el.getAttribute('aria-label') ?? el.textContent ?? el.className), notice);
  expect(covered).toEqual([]);
});

test('with issue keys shown, every story title reads whole in the pane', async () => {
  const titles = await page.locator('.spectryn-pane .spectryn-story-title').evaluateAll((els) => els.map((el) => ({
    text: el.textContent,
    cut: el.scrollWidth > el.clientWidth + 0.5 || el.scrollHeight > el.clientHeight + 0.5,
  })));
  expect(titles).toHaveLength(7);
  expect(titles.filter((title) => title.cut).map((title) => title.text)).toEqual([]);
  await expect(page.locator('.spectryn-pane .spectryn-story .spectryn-issue-chip').count()).resolves.toBe(7);
});

test('every progress bar of the pane ends at the same right edge, whatever its numbers', async () => {
  const edges = await page.locator('.spectryn-pane .spectryn-bar-meter').evaluateAll((els) => els.map((el) => {
    const r = el.getBoundingClientRect();
    return { left: Math.round(r.left), right: Math.round(r.right) };
  }));
  expect(edges.length).toBe(5);
  expect(new Set(edges.map((edge) => edge.right)).size).toBe(1);
  expect(new Set(edges.map((edge) => edge.left)).size).toBe(1);
  // The numbers are still there, under each bar.
  await expect(page.locator('.spectryn-pane .spectryn-overall .spectryn-bar-label').textContent()).resolves.toBe('8/37 pts');
});

test('the epic key under the pane\'s title links to the tracker\'s page of the epic, as story keys do', async () => {
  const epic = page.locator('.spectryn-pane-header a.spectryn-key-chip');
  await expect(epic.textContent()).resolves.toBe('INFRA-100');
  await expect(epic.getAttribute('href')).resolves.toBe(new URL('/browse/INFRA-100', sandbox.sandbox.url).href);
  await expect(epic.getAttribute('target')).resolves.toBe('_blank');
});

test('issue keys in the reading view\'s subtask tables stay on one line, wide and at 420 px', async () => {
  await page.locator('.side-dock-ribbon-action[data-action="reading-view"]').click();
  await page.locator('.markdown-reading-view td, .markdown-rendered td').first().waitFor();
  for (const width of [1024, 420]) {
    await page.setViewportSize({ width, height: 800 });
    await settle(page);
    await expect(page.locator('td', { hasText: 'INFRA-108' }).count()).resolves.toBe(1);
    await expect(keysSplitInTables()).resolves.toEqual([]);
  }
  await page.locator('.side-dock-ribbon-action[data-action="reading-view"]').click();
  await page.setViewportSize({ width: 1400, height: 900 });
});

test('the status mapping has one row per note status; To Do, which two of them share, is explained in both rows, never a row twice', async () => {
  await page.locator('.side-dock-ribbon-action[data-action="settings"]').click();
  const group = page.locator('.modal .setting-group', { has: page.locator('.setting-item-heading', { hasText: 'Status mapping' }) });
  await group.waitFor();
  const rows = await group.locator('.setting-item:not(.setting-item-heading)').evaluateAll((els) => els.map((el) => ({
    name: el.querySelector('.setting-item-name')?.textContent ?? '',
    desc: el.querySelector('.setting-item-description')?.textContent ?? '',
    names: el.querySelector('input')?.value ?? null,
  })));
  const names = rows.map((row) => row.name);
  expect(new Set(names).size).toBe(names.length);
  expect(names).toEqual(expect.arrayContaining(['📋 Planned', '📂 Open', '✅ Done']));
  const withToDo = rows.filter((row) => row.names?.split(',').map((n) => n.trim()).includes('To Do'));
  expect(withToDo.map((row) => row.name)).toEqual(['📋 Planned', '📂 Open']);
  for (const row of withToDo) expect(row.desc).toMatch(/“To Do” also means/);
  await page.keyboard.press('Escape');
  await page.locator('.modal').waitFor({ state: 'detached' });
});

test('the page logged no errors', () => {
  expect(sandbox.errors).toEqual([]);
});
