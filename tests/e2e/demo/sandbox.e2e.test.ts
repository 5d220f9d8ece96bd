/**
 * The sandbox in real Chromium: the plugin's own code on the example note, in the stand-in for
 * Obsidian. Badges and totals on the seed note, a typed status change, a status picked from a
 * badge, sync against the built-in Jira (plan, confirm, keys written back, nothing left to
 * change), an issue chip opening the built-in Jira's issue page, the tracker panel's tree,
 * settings pointing at the built-in tracker, every theme variable styles.css uses defined in both
 * themes, and, in both themes, the status menu, a diagnostic tooltip (readable: contrast ≥ 4.5)
 * and the plan modal following the theme, with screenshots of each and of editor and pane
 * (tests/e2e/__screenshots__, not committed).
 */
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startFakeJira } from '../../../testing/fake-jira';
import { openSandbox, settle, type SandboxPage } from './sandbox-browser';
import { noteText, replaceInNote, selectInNote, setNoteText } from './sandbox-api';
import { contrastRatio, effectiveBackground, parseColor } from '../colours';

const SHOTS = join(__dirname, '..', '__screenshots__');

jest.setTimeout(60_000);

let sandbox: SandboxPage;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sandbox = await openSandbox();
  page = sandbox.page;
  page.setDefaultTimeout(5000);
});

afterEach(async () => {
  // A test that failed with a modal or menu open must not block the next one.
  for (let i = 0; i < 3 && (await page.locator('.modal-container, .menu').count()) > 0; i += 1) await page.keyboard.press('Escape');
});

afterAll(async () => {
  await sandbox.close();
});

const editorTotals = (scope: string, lineText?: string): Locator => {
  const lines = lineText === undefined ? page.locator('.mod-root') : page.locator('.cm-line', { hasText: lineText });
  return lines.locator(`.spectryn-totals[data-scope="${scope}"]`).first();
};
const paneStory = (id: string): Locator => page.locator(`.spectryn-pane .spectryn-story[data-story="${id}"]`);
const panePhase = (name: string): Locator => page.locator(`.spectryn-pane .spectryn-phase[data-phase="${name}"]`);
const statusBar = (): Locator => page.locator('.status-bar-item.plugin-spectryn.spectryn-status-bar');
const themeButton = (): Locator => page.locator('.side-dock-ribbon-action[data-action="theme"]');

/** The `data-status` of the badge on the Status line of the story whose header holds `header`, or null when that line shows no badge. */
function storyStatusBadge(header: string): Promise<string | null> {
  return page.evaluate((title) => {
    const lines = Array.from(document.querySelectorAll('.cm-line'));
    const at = lines.findIndex((line) => line.textContent?.includes(title));
    if (at < 0) return null;
    // The story's table comes before the next heading line.
    for (const line of lines.slice(at + 1)) {
      if (/^#{1,6} /.test(line.textContent ?? '') || line.classList.contains('HyperMD-header')) return null;
      if (line.textContent?.includes('Status')) return line.querySelector('.spectryn-status-badge[data-spectryn-badge]')?.getAttribute('data-status') ?? null;
    }
    return null;
  }, header);
}

/** Waits until `read` resolves to `value`. */
async function waitForValue<T>(read: () => Promise<T>, value: T, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  let seen: T | undefined;
  while (Date.now() < deadline) {
    seen = await read();
    if (seen === value) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`expected ${what} to be ${String(value)}, last saw ${String(seen)}`);
}

/** Switches the sandbox to `theme` with the ribbon button (when it is not already on). */
async function useTheme(theme: 'light' | 'dark'): Promise<void> {
  if ((await page.getAttribute('body', 'data-theme')) !== theme) await themeButton().click();
  await expect(page.getAttribute('body', 'data-theme')).resolves.toBe(theme);
}

async function attr(locator: Locator, name: string): Promise<string | null> {
  return locator.getAttribute(name, { timeout: 5000 });
}

/** Waits until `locator`'s attribute `name` equals `value`. */
async function waitForAttr(locator: Locator, name: string, value: string): Promise<void> {
  const deadline = Date.now() + 5000;
  let seen: string | null = null;
  while (Date.now() < deadline) {
    seen = await locator.getAttribute(name, { timeout: 5000 }).catch(() => null);
    if (seen === value) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`expected ${name}="${value}", last saw ${String(seen)}`);
}

test('the seed note shows badges, totals, the pane and the status bar', async () => {
  await expect(page.locator('.view-header-title').first().textContent()).resolves.toBe('postgres-to-crdb');
  const epic = editorTotals('epic');
  await expect(attr(epic, 'data-points-done')).resolves.toBe('8');
  await expect(attr(epic, 'data-points-total')).resolves.toBe('37');
  await expect(epic.locator('.spectryn-totals-text').textContent()).resolves.toBe('8 of 37 pts done · 2/7 stories');
  // The epic's own status row is on screen as a badge.
  await expect(page.locator('.cm-line', { hasText: 'Status' }).first().locator('.spectryn-status-badge').getAttribute('data-status')).resolves.toBe('in_progress');

  const overall = page.locator('.spectryn-pane .spectryn-overall');
  await expect(attr(overall, 'data-points-done')).resolves.toBe('8');
  await expect(attr(overall, 'data-points-total')).resolves.toBe('37');
  await expect(attr(overall, 'data-stories-done')).resolves.toBe('2');
  const statuses = await page.locator('.spectryn-pane .spectryn-story').evaluateAll((els) => els.map((el) => `${el.getAttribute('data-story') ?? ''}=${el.getAttribute('data-status') ?? ''}`));
  expect(statuses).toEqual(['US-001=done', 'US-002=done', 'US-003=in_progress', 'US-004=planned', 'US-005=planned', 'US-006=planned', 'US-007=planned']);
  await expect(statusBar().textContent()).resolves.toBe('Epic 8/37 pts');
  // The ribbon holds the plugin's sync button.
  await expect(page.locator('.side-dock-ribbon-action[data-plugin="spectryn"]').getAttribute('aria-label')).resolves.toBe('Sync epic with tracker');
});

test('typing a status updates the badge, the heading totals, the pane and the status bar', async () => {
  await expect(selectInNote(page, 'US-003: ORM Compatibility Changes', 'In Progress')).resolves.toBe(true);
  // While selected the status is text; elsewhere US-002 already shows a Done badge, so only US-003's own Status line counts.
  await expect(storyStatusBadge('US-003: ORM Compatibility Changes')).resolves.toBeNull();
  await page.keyboard.type('Done', { delay: 30 });
  // Move off the line: the status shows as a badge again.
  await page.keyboard.press('ArrowDown');
  await waitForAttr(paneStory('US-003'), 'data-status', 'done');
  await waitForAttr(panePhase('Development'), 'data-points-done', '8');
  await expect(attr(page.locator('.spectryn-pane .spectryn-overall'), 'data-points-done')).resolves.toBe('16');
  await expect(statusBar().textContent()).resolves.toBe('Epic 16/37 pts · 2 problems');
  const storyLine = page.locator('.cm-line', { hasText: 'US-003: ORM Compatibility Changes' });
  await waitForAttr(storyLine.locator('.spectryn-totals').first(), 'data-points-done', '8');
  const phaseTotals = page.locator('.cm-line', { hasText: 'Phase 2: Development' }).locator('.spectryn-totals-text');
  await expect(phaseTotals.textContent()).resolves.toBe('8 of 13 pts done · 1/2 stories');
  await waitForValue(() => storyStatusBadge('US-003: ORM Compatibility Changes'), 'done', 'the badge on US-003\'s Status line');
  await expect(noteText(page)).resolves.toContain('| **Status** | 🔄 Done |');
});

test('clicking a badge and picking a status rewrites the note', async () => {
  // Going to a story from the pane scrolls the note there.
  await paneStory('US-004').click();
  await settle(page);
  const box = await page.evaluate(() => {
    const lines = Array.from(document.querySelectorAll('.cm-line'));
    const header = lines.findIndex((line) => line.textContent?.includes('US-004: Schema Migrations'));
    for (const line of lines.slice(header + 1)) {
      const badge = line.querySelector('[data-spectryn-badge]');
      if (badge) {
        const rect = badge.getBoundingClientRect();
        return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2, status: badge.getAttribute('data-status') };
      }
    }
    return null;
  });
  expect(box?.status).toBe('planned');
  if (!box) return;
  await page.mouse.click(box.x, box.y);
  const item = page.locator('.menu .menu-item', { hasText: 'In review' });
  await expect(page.locator('.menu .menu-item[data-checked="true"]').textContent()).resolves.toContain('Planned');
  await item.click({ timeout: 5000 });
  await expect(page.locator('.menu').count()).resolves.toBe(0);
  await waitForAttr(paneStory('US-004'), 'data-status', 'in_review');
  const text = await noteText(page);
  const section = text.slice(text.indexOf('US-004: Schema Migrations'));
  expect(section).toMatch(/^\| \*\*Status\*\* \| \S+ In review \|$/mu);
  await page.screenshot({ path: join(SHOTS, 'sandbox-after-edits-light.png') });
});

test('sync creates the stories in the built-in Jira and writes the keys back; a second sync finds nothing to change', async () => {
  const before = sandbox.sandbox.tracker().issues.size;
  expect(before).toBe(1);
  await page.locator('.side-dock-ribbon-action[data-plugin="spectryn"]').click();
  const modal = page.locator('.modal.spectryn-plan-modal, .modal:has(.spectryn-plan-modal)').first();
  await modal.waitFor({ timeout: 5000 });
  const operations = modal.locator('.spectryn-plan-operation');
  await modal.locator('.spectryn-plan-operation, .spectryn-plan-error').first().waitFor({ timeout: 10_000 });
  const pending = modal.locator('.spectryn-plan-error');
  if ((await pending.count()) > 0) throw new Error(`No plan: the plan modal says "${(await pending.first().textContent()) ?? ''}"`);
  const kinds = await operations.evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));
  expect(kinds.filter((kind) => kind === 'create_story')).toHaveLength(7);
  await page.screenshot({ path: join(SHOTS, 'sandbox-plan-create-light.png') });
  const confirm = modal.locator('button.mod-cta');
  await expect(confirm.textContent()).resolves.toBe(`Sync ${String(kinds.length)} changes`);
  await confirm.click();

  // The result notice comes after the last operation.
  const result = page.locator('.notice', { hasText: 'Synced INFRA-100' });
  await result.waitFor({ timeout: 15_000 });
  await expect(result.textContent()).resolves.toMatch(/^Synced INFRA-100: 7 stories created, 28 subtasks created, \d+ transitions\.$/);
  const text = await noteText(page);
  for (let key = 101; key <= 107; key += 1) expect(text).toContain(`[INFRA-${String(key)}]`);
  expect(text).toMatch(/^> \*\*Issue:\*\* \[INFRA-101\]\(http:\/\/127\.0\.0\.1:\d+\/browse\/INFRA-101\)/m);

  const stories = [...sandbox.sandbox.tracker().issues.values()].filter((issue) => issue.issueType === 'Story');
  expect(stories.map((story) => story.summary)).toEqual([
    'Schema Compatibility Analysis', 'Development Environment Setup', 'ORM Compatibility Changes', 'Schema Migrations',
    'Performance Testing', 'Data Integrity Verification', 'Data Migration Execution',
  ]);
  expect(stories.every((story) => story.parent === 'INFRA-100')).toBe(true);
  expect(stories.find((story) => story.summary === 'ORM Compatibility Changes')?.status).toBe('Done');
  expect(stories.find((story) => story.summary === 'Schema Migrations')?.status).toBe('In Review');
  expect(sandbox.sandbox.tracker().violations).toEqual([]);
  // The panel shows what the tracker now holds.
  await waitForAttr(page.locator('.sandbox-tracker'), 'data-issue-count', String(sandbox.sandbox.tracker().issues.size));
  await expect(page.locator('.sandbox-issue[data-key="INFRA-101"]').getAttribute('data-parent')).resolves.toBe('INFRA-100');
  await expect(paneStory('US-001').locator('.spectryn-issue-chip').textContent()).resolves.toBe('INFRA-101');
  // The panel lists the tracker as a tree: the epic, then each story followed by its own subtasks.
  const tracker = sandbox.sandbox.tracker();
  const rows = await page.locator('.sandbox-issue').evaluateAll((els) => els.map((el) => ({ key: el.getAttribute('data-key') ?? '', depth: Number(el.getAttribute('data-depth')) })));
  expect(rows).toHaveLength(tracker.issues.size);
  await expect(page.locator('.sandbox-tracker').getAttribute('data-collapsed')).resolves.toBe('false');
  rows.forEach((row, at) => {
    const parent = tracker.issues.get(row.key)?.parent ?? null;
    // A top-level row, or one whose nearest row one level up is its parent.
    const above = rows.slice(0, at).reverse().find((other) => other.depth === row.depth - 1);
    expect(parent === null ? row.depth : above?.key).toBe(parent === null ? 0 : parent);
  });
  expect(rows.slice(0, 3).map((row) => `${row.key}/${String(row.depth)}`)).toEqual(['INFRA-100/0', 'INFRA-101/1', `${[...tracker.issues.values()].find((issue) => issue.parent === 'INFRA-101')?.key ?? '?'}/2`]);
  // Columns line up across depths: only the summary is indented.
  const columns = await page.locator('.sandbox-issue').evaluateAll((els) => els.map((el) => ['key', 'status', 'points'].map((name) => Math.round(el.querySelector(`.sandbox-issue-${name}`)?.getBoundingClientRect()[name === 'points' ? 'right' : 'left'] ?? -1))));
  expect(new Set(columns.map((column) => column.join(','))).size).toBe(1);
  const summaryLeft = await page.locator('.sandbox-issue .sandbox-issue-summary').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().left));
  expect(new Set(summaryLeft.map(Math.round)).size).toBe(1);
  // Counts: "1 pt", never "1 pts"; the summary counts its issues and requests.
  const texts = await page.locator('.sandbox-tracker').innerText();
  expect(texts).not.toMatch(/\b1 (pts|issues|writes|requests)\b/);
  expect(tracker.issues.get('INFRA-108')?.storyPoints).toBe(1);
  await expect(page.locator('.sandbox-issue[data-key="INFRA-108"] .sandbox-issue-points').textContent()).resolves.toBe('1 pt');
  // Sync leaves the epic alone, and the panel says so.
  const epicStatus = tracker.issues.get('INFRA-100')?.status ?? '';
  await expect(page.locator('.sandbox-tracker-hint').getAttribute('data-epic-status')).resolves.toBe(epicStatus);
  await expect(page.locator('.sandbox-tracker-hint').textContent()).resolves.toContain(`never changes the epic's own status (INFRA-100: ${epicStatus})`);

  // The issue chip in the note opens that issue's page in the built-in Jira.
  await paneStory('US-001').click();
  await settle(page);
  const chip = page.locator('.mod-root a.spectryn-issue-chip[data-issue-key="INFRA-101"]');
  const [issuePage] = await Promise.all([page.context().waitForEvent('page'), chip.click()]);
  try {
    await issuePage.waitForLoadState();
    expect(issuePage.url()).toBe(new URL('/browse/INFRA-101', sandbox.sandbox.url).href);
    const story = tracker.issues.get('INFRA-101');
    await expect(issuePage.locator('h1').textContent()).resolves.toBe('Schema Compatibility Analysis');
    const field = (name: string): Promise<string | null> => issuePage.locator(`[data-field="${name}"]`).textContent();
    await expect(field('type')).resolves.toBe('Story');
    await expect(field('status')).resolves.toBe(story?.status);
    await expect(field('points')).resolves.toBe('5');
    await expect(field('parent')).resolves.toBe('INFRA-100 Database Migration: PostgreSQL to CockroachDB');
    await expect(field('labels')).resolves.toBe(story?.labels.join(' '));
    await expect(field('description')).resolves.toContain('I want to analyze PostgreSQL schema for CockroachDB compatibility');
    const subtasks = [...tracker.issues.values()].filter((issue) => issue.parent === 'INFRA-101').map((issue) => issue.key);
    expect(subtasks).toHaveLength(4);
    await expect(issuePage.locator('.sandbox-browse-child').evaluateAll((els) => els.map((el) => el.getAttribute('data-key')))).resolves.toEqual(subtasks);
    await issuePage.screenshot({ path: join(SHOTS, 'sandbox-browse-issue.png'), fullPage: true });
    // An unknown key gets a page that says so.
    const missing = await issuePage.goto(new URL('/browse/INFRA-999', sandbox.sandbox.url).href);
    expect(missing?.status()).toBe(404);
    await expect(issuePage.locator('h1').textContent()).resolves.toBe('Issue not found');
  } finally {
    await issuePage.close();
  }

  await page.locator('.side-dock-ribbon-action[data-plugin="spectryn"]').click();
  const again = page.locator('.modal-content.spectryn-plan-modal');
  await again.getByText('Nothing to change').waitFor({ timeout: 10_000 });
  await page.keyboard.press('Escape');
});

test('source mode shows the status text styled, without badges, and live preview brings them back', async () => {
  await page.locator('.side-dock-ribbon-action[data-action="source-mode"]').click();
  await expect(page.getAttribute('body', 'data-editor-mode')).resolves.toBe('source');
  await expect(page.locator('.mod-root [data-spectryn-badge]').count()).resolves.toBe(0);
  await expect(page.locator('.mod-root .spectryn-status-source').count()).resolves.toBeGreaterThan(0);
  await page.locator('.workspace-split.mod-root').screenshot({ path: join(SHOTS, 'sandbox-editor-source-light.png') });
  await page.locator('.side-dock-ribbon-action[data-action="source-mode"]').click();
  await expect(page.getAttribute('body', 'data-editor-mode')).resolves.toBe('live-preview');
  await expect(page.locator('.mod-root [data-spectryn-badge]').count()).resolves.toBeGreaterThan(0);
});

test('the command palette lists the plugin\'s commands and runs them', async () => {
  await page.locator('.side-dock-ribbon-action[data-action="palette"]').click();
  const names = await page.locator('.sandbox-palette-item').allTextContents();
  expect(names).toEqual(expect.arrayContaining(['Open epic progress', 'Sync epic with tracker', 'Validate epic note', 'Export epic JSON next to the note']));
  await page.locator('.sandbox-palette-item', { hasText: 'Validate epic note' }).click();
  const summary = page.locator('.spectryn-diagnostics-modal .spectryn-diag-summary');
  await expect(summary.textContent()).resolves.toMatch(/^(No problems found\.|\d+ errors, \d+ warnings, \d+ notes\.)$/);
  await page.keyboard.press('Escape');
  await expect(page.locator('.modal-container').count()).resolves.toBe(0);
});

test('reading view renders the note with the plugin\'s badges, totals and issue chips', async () => {
  await page.locator('.side-dock-ribbon-action[data-action="reading-view"]').click();
  await expect(page.getAttribute('body', 'data-editor-mode')).resolves.toBe('reading');
  const preview = page.locator('.markdown-preview-view');
  const story = preview.locator('h3', { hasText: 'US-001: Schema Compatibility Analysis' });
  await expect(attr(story.locator('.spectryn-totals'), 'data-points-done')).resolves.toBe('5');
  await expect(attr(preview.locator('h1 .spectryn-totals'), 'data-points-done')).resolves.toBe('16');
  const row = preview.locator('tr', { hasText: 'Status' }).filter({ has: page.locator('.spectryn-status-badge[data-status="in_review"]') });
  await expect(row.count()).resolves.toBe(1);
  await expect(preview.locator('a.spectryn-issue-chip[data-issue-key="INFRA-101"]').count()).resolves.toBe(1);
  // Going to a story from the pane scrolls the reading view to it (Obsidian's ephemeral line state).
  const later = preview.locator('h3', { hasText: 'US-006: Data Integrity Verification' });
  const inView = (): Promise<boolean> => later.evaluate((el) => {
    const area = el.closest('.markdown-preview-view')?.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return area !== undefined && box.top >= area.top - 1 && box.bottom <= area.bottom + 1;
  });
  await expect(inView()).resolves.toBe(false);
  await paneStory('US-006').click();
  await waitForValue(inView, true, 'US-006 in the reading view');
  await story.scrollIntoViewIfNeeded();
  await page.locator('.workspace-split.mod-root').screenshot({ path: join(SHOTS, 'sandbox-reading-light.png') });
  await page.locator('.side-dock-ribbon-action[data-action="reading-view"]').click();
  await expect(page.getAttribute('body', 'data-editor-mode')).resolves.toBe('live-preview');
});

test('the settings tab points the plugin at the built-in tracker', async () => {
  await page.locator('.side-dock-ribbon-action[data-action="settings"]').click();
  const siteUrl = page.locator('.setting-item[data-setting="siteUrl"] input');
  await expect(siteUrl.inputValue()).resolves.toBe(new URL(sandbox.sandbox.url).origin);
  await expect(page.locator('.setting-item[data-setting="projectKey"] input').inputValue()).resolves.toBe('INFRA');
  await expect(page.locator('.setting-item[data-setting="API token"] .sandbox-secret select').inputValue()).resolves.toBe('sandbox-jira-token');
  const row = page.locator('.setting-item', { hasText: 'Test connection' });
  await row.locator('button').click();
  const result = row.locator('.spectryn-connection-result');
  await result.filter({ hasNotText: 'Testing…' }).waitFor({ timeout: 10_000 });
  await expect(result.getAttribute('class')).resolves.not.toContain('is-failed');
  await page.keyboard.press('Escape');
  await expect(page.locator('.modal-container').count()).resolves.toBe(0);
});

test('pointing the settings at another Jira is a settings change (requests go through the relay)', async () => {
  const elsewhere = await startFakeJira({ email: 'someone@example.com', token: 'other-token', projectKey: 'INFRA' });
  try {
    await page.locator('.side-dock-ribbon-action[data-action="settings"]').click();
    await page.locator('.setting-item[data-setting="siteUrl"] input').fill(elsewhere.url);
    await page.locator('.setting-item[data-setting="email"] input').fill('someone@example.com');
    await page.locator('.setting-item[data-setting="API token"] .sandbox-secret-new input[type="text"]').fill('other-jira');
    await page.locator('.setting-item[data-setting="API token"] .sandbox-secret-new input[type="password"]').fill('other-token');
    await page.locator('.setting-item[data-setting="API token"] .sandbox-secret-new button').click();
    await expect(page.locator('.setting-item[data-setting="API token"] .sandbox-secret select').inputValue()).resolves.toBe('other-jira');
    const row = page.locator('.setting-item', { hasText: 'Test connection' });
    await row.locator('button').click();
    const result = row.locator('.spectryn-connection-result');
    await result.filter({ hasNotText: 'Testing…' }).waitFor({ timeout: 10_000 });
    await expect(result.textContent()).resolves.toContain(`Reached ${elsewhere.url}`);
    expect(elsewhere.requests.length).toBeGreaterThan(0);
    // The token never reaches the page's storage.
    const stored = await page.evaluate(() => JSON.stringify(window.localStorage));
    expect(stored).not.toContain('other-token');
    expect(stored).toContain('other-jira');

    // Back to the built-in tracker.
    await page.locator('.setting-item[data-setting="siteUrl"] input').fill(new URL(sandbox.sandbox.url).origin);
    await page.locator('.setting-item[data-setting="email"] input').fill('dev@example.com');
    await page.locator('.setting-item[data-setting="API token"] .sandbox-secret select').selectOption('sandbox-jira-token');
    await page.keyboard.press('Escape');
  } finally {
    await elsewhere.close();
  }
});

test('every theme variable styles.css uses is defined in both themes', async () => {
  // Read at test time: styles.css changes, and what it uses must keep existing in the stand-in for Obsidian's app.css.
  const css = readFileSync(join(process.cwd(), 'styles.css'), 'utf8');
  const own = new Set([...css.matchAll(/(--[\w-]+)\s*:/g)].map((match) => match[1]));
  const used = [...new Set([...css.matchAll(/var\(\s*(--[\w-]+)/g)].map((match) => match[1] ?? ''))].filter((name) => !own.has(name)).sort();
  expect(used).toEqual(expect.arrayContaining(['--text-warning', '--text-normal', '--background-secondary']));
  for (const theme of ['light', 'dark'] as const) {
    await useTheme(theme);
    const missing = await page.evaluate((names) => names.filter((name) => getComputedStyle(document.body).getPropertyValue(name).trim() === ''), used);
    expect({ theme, missing }).toEqual({ theme, missing: [] });
  }
  await useTheme('light');
});

test('status menu, diagnostic tooltip and plan modal follow the theme; screenshots of each and of editor and pane', async () => {
  // Notices would cover the pane in the pictures.
  while ((await page.locator('.notice').count()) > 0) await page.locator('.notice').first().click();
  // The panel shows the built-in tracker again after the previous test's settings change.
  await page.locator('.sandbox-tracker[data-issue-count]').waitFor();
  // A diagnostic to hover (US-007 not estimated) and a change for the plan to show (its title).
  const original = await noteText(page);
  await expect(replaceInNote(page, 'US-007: Data Migration Execution', '| **Story Points** | 8 |', '| **Story Points** | TBD |')).resolves.toBe(true);
  await expect(replaceInNote(page, 'US-007: Data Migration ', 'Execution', 'Execution and cutover')).resolves.toBe(true);
  const seen: Record<string, { menu: string; modal: string; contrast: number; frame: string; frameContrast: number }> = {};
  try {
    for (const theme of ['light', 'dark'] as const) {
      await useTheme(theme);

      // The status menu of US-007's badge: on the Status line, the one before "| **Phase** | Migration |" (only US-007 is in that phase).
      // Going to the story from the pane scrolls the note there; a locator click waits for the badge to stand still.
      await paneStory('US-007').click();
      await settle(page);
      await page.locator('xpath=//div[contains(@class,"cm-line")][following-sibling::div[contains(@class,"cm-line")][1][contains(., "**Phase** | Migration |")]]//*[@data-spectryn-badge]').click();
      const menu = page.locator('.menu');
      await menu.waitFor();
      await page.screenshot({ path: join(SHOTS, `sandbox-status-menu-${theme}.png`) });
      const menuBackground = await menu.evaluate((el) => getComputedStyle(el).backgroundColor);
      await page.keyboard.press('Escape');
      await expect(menu.count()).resolves.toBe(0);

      // The diagnostic's tooltip: text and background from the computed styles, composed like the screen does.
      const underline = page.locator('.mod-root .spectryn-diagnostic[data-code="unestimated"]');
      await underline.hover();
      const tooltip = page.locator('.spectryn-diagnostic-tooltip');
      await tooltip.waitFor();
      await expect(tooltip.textContent()).resolves.toBe('US-007: The story is not estimated yet; it counts 0 points.');
      const colours = await tooltip.locator('.spectryn-diagnostic-message').first().evaluate((el) => {
        const layersOf = (from: Element | null): string[] => {
          const layers: string[] = [];
          for (let at = from; at; at = at.parentElement) layers.push(getComputedStyle(at).backgroundColor);
          return layers;
        };
        return { text: getComputedStyle(el).color, layers: layersOf(el), frame: layersOf(el.closest('.cm-tooltip')) };
      });
      const contrast = contrastRatio(parseColor(colours.text), effectiveBackground(colours.layers));
      // The editor's tooltip frame itself (the sandbox's stand-in for Obsidian's CSS) is themed too: the text reads on it alone.
      const frameContrast = contrastRatio(parseColor(colours.text), effectiveBackground(colours.frame));
      const frame = colours.frame[0] ?? '';
      await page.screenshot({ path: join(SHOTS, `sandbox-tooltip-${theme}.png`) });
      await page.mouse.move(2, 2);
      await tooltip.waitFor({ state: 'detached' });

      // The plan modal, with the title change.
      await page.locator('.side-dock-ribbon-action[data-plugin="spectryn"]').click();
      const modal = page.locator('.modal:has(.spectryn-plan-modal), .modal.spectryn-plan-modal').first();
      await modal.locator('.spectryn-plan-operation').first().waitFor({ timeout: 10_000 });
      await expect(modal.locator('.spectryn-plan-operation').first().textContent()).resolves.toContain('Data Migration Execution and cutover');
      await page.screenshot({ path: join(SHOTS, `sandbox-plan-${theme}.png`) });
      const modalBackground = await modal.evaluate((el) => getComputedStyle(el).backgroundColor);
      await page.keyboard.press('Escape');
      await expect(page.locator('.modal-container').count()).resolves.toBe(0);

      seen[theme] = { menu: menuBackground, modal: modalBackground, contrast, frame, frameContrast };

      await paneStory('US-001').click();
      await settle(page);
      await page.locator('.workspace-split.mod-root').screenshot({ path: join(SHOTS, `sandbox-editor-${theme}.png`) });
      await page.locator('.workspace-split.mod-right-split').screenshot({ path: join(SHOTS, `sandbox-pane-${theme}.png`) });
      await page.screenshot({ path: join(SHOTS, `sandbox-${theme}.png`) });
    }
  } finally {
    // Back to the note as it was, for the tests after this one.
    await setNoteText(page, original);
  }
  const { light, dark } = seen;
  expect(light && dark).toBeTruthy();
  if (!light || !dark) return;
  // Each follows the theme: the same element has another background in the other theme.
  expect(dark.menu).not.toBe(light.menu);
  expect(dark.modal).not.toBe(light.modal);
  expect(parseColor(dark.modal)).toEqual({ r: 30, g: 30, b: 30, a: 1 });
  // Readable in both (WCAG AA for normal text).
  expect(light.contrast).toBeGreaterThanOrEqual(4.5);
  expect(dark.contrast).toBeGreaterThanOrEqual(4.5);
  expect(dark.frame).not.toBe(light.frame);
  expect(light.frameContrast).toBeGreaterThanOrEqual(4.5);
  expect(dark.frameContrast).toBeGreaterThanOrEqual(4.5);
  const background = await page.evaluate(() => getComputedStyle(document.querySelector('.cm-editor') ?? document.body).backgroundColor);
  expect(background).toBe('rgb(30, 30, 30)');
});

test('unloading the plugin removes its ribbon button, status bar item, pane, commands and decorations', async () => {
  await page.evaluate(() => { (window as unknown as { spectrynSandbox: { plugin: { unload(): void } } }).spectrynSandbox.plugin.unload(); });
  await settle(page);
  await expect(page.locator('.side-dock-ribbon-action[data-plugin="spectryn"]').count()).resolves.toBe(0);
  await expect(page.locator('.status-bar-item.plugin-spectryn').count()).resolves.toBe(0);
  await expect(page.locator('.workspace-leaf-content[data-type="spectryn-epic-progress"]').count()).resolves.toBe(0);
  await expect(page.locator('.markdown-source-view .spectryn-totals, .markdown-source-view .spectryn-status-badge').count()).resolves.toBe(0);
  await page.locator('.side-dock-ribbon-action[data-action="palette"]').click();
  await expect(page.locator('.sandbox-palette-item').count()).resolves.toBe(0);
  await page.keyboard.press('Escape');
  // The note still edits; nothing the plugin left behind reacts any more.
  await expect(selectInNote(page, 'US-005: Performance Testing', 'Planned')).resolves.toBe(true);
  await page.keyboard.type('Done', { delay: 30 });
  // Wait for the typed text itself: the check below means something only once it has landed.
  await waitForValue(async () => (await noteText(page)).includes('| **Status** | 📋 Done |'), true, 'the typed status in the note');
  await settle(page);
  await expect(page.locator('.markdown-source-view .spectryn-totals').count()).resolves.toBe(0);
  await expect(page.locator('.markdown-source-view .spectryn-status-badge').count()).resolves.toBe(0);
});

test('the page logged no errors', () => {
  expect(sandbox.errors).toEqual([]);
});
