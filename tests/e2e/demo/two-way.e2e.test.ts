/**
 * Two-way sync in the sandbox, in real Chromium (issue 13): sync the example note; a teammate
 * changes issues in the built-in Jira from the tracker panel; the note changes the same points;
 * the next sync's plan shows the change "from Jira" and the conflict with both values, nothing
 * chosen; Jira's side is chosen with the keyboard; the change reaches the note, the pane and the
 * status bar ("synced just now"). Screenshot of the conflict: tests/e2e/__screenshots__/
 * two-way-conflict-light.png. Every check waits for the state it asserts.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openSandbox, type SandboxPage } from './sandbox-browser';
import { noteText, replaceInNote, teammateChanges } from './sandbox-api';

const SHOTS = join(__dirname, '..', '__screenshots__');

jest.setTimeout(90_000);

let sandbox: SandboxPage;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sandbox = await openSandbox();
  page = sandbox.page;
  page.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await sandbox.close();
});

const planModal = (): Locator => page.locator('.modal:has(.spectryn-plan-modal)').first();
const paneStory = (id: string): Locator => page.locator(`.spectryn-pane .spectryn-story[data-story="${id}"]`);

/** Opens the plan with the ribbon's sync button and waits for the dry run. */
async function openPlan(): Promise<Locator> {
  await page.locator('.side-dock-ribbon-action[data-plugin="spectryn"]').click();
  const modal = planModal();
  await modal.locator('.spectryn-plan-confirm, .spectryn-plan-empty, .spectryn-plan-error').first().waitFor();
  const error = modal.locator('.spectryn-plan-error');
  if ((await error.count()) > 0) throw new Error(`No plan: ${(await error.first().textContent()) ?? ''}`);
  return modal;
}

/** Waits until the note's text in the editor matches `pattern`; resolves to that text. */
async function waitForNote(pattern: RegExp): Promise<string> {
  await page.waitForFunction(([source, flags]) => {
    const sandboxWindow = window as unknown as { spectrynSandbox: { app: { workspace: { getMostRecentMarkdownView(): { editor: { getValue(): string } } | null } } } };
    return new RegExp(source, flags).test(sandboxWindow.spectrynSandbox.app.workspace.getMostRecentMarkdownView()?.editor.getValue() ?? '');
  }, [pattern.source, pattern.flags] as const);
  return noteText(page);
}

test('a teammate\'s change in the tracker panel reaches the note and the pane; a conflict shows both values in the plan', async () => {
  // 1. The first sync creates the issues (there is no record yet: the plan says so).
  const first = await openPlan();
  await expect(first.locator('[data-section="no-record"]').count()).resolves.toBe(1);
  await first.locator('.spectryn-plan-confirm').click();
  await page.locator('.notice', { hasText: 'Synced INFRA-100' }).first().waitFor({ timeout: 20_000 });
  await planModal().waitFor({ state: 'detached' });
  const statusBarSync = page.locator('.status-bar-item .spectryn-sync-state, .status-bar-item.spectryn-sync-state').first();
  await page.locator('.spectryn-sync-state[data-synced]').first().waitFor();
  await expect(statusBarSync.textContent()).resolves.toBe('synced just now');
  await expect(page.locator('.spectryn-pane-sync').textContent()).resolves.toBe('synced just now');
  for (;;) {
    const notice = page.locator('.notice').first();
    if ((await notice.count()) === 0) break;
    await notice.click();
  }

  // 2. A teammate, in Jira: Schema Migrations (US-004) done; Performance Testing (US-005) 13 points.
  const issues = [...sandbox.sandbox.tracker().issues.values()];
  const keyOf = (summary: string): string => issues.find((issue) => issue.summary === summary && issue.issueType === 'Story')?.key ?? '';
  const us004 = keyOf('Schema Migrations');
  const us005 = keyOf('Performance Testing');
  await teammateChanges(page, us004, 'status', 'Done');
  await teammateChanges(page, us005, 'storyPoints', '13');
  await page.locator(`.sandbox-issue[data-key="${us004}"][data-status="Done"]`).waitFor();
  // Meanwhile the note gives US-005 8 points: a conflict.
  await expect(replaceInNote(page, 'US-005: Performance Testing', '| **Story Points** | 5 |', '| **Story Points** | 8 |')).resolves.toBe(true);

  // 3. The next plan: US-004's status from Jira, and the conflict with both values, nothing chosen.
  const second = await openPlan();
  const pulls = second.locator('[data-section="pulls"]');
  await expect(pulls.textContent()).resolves.toMatch(/From Jira: 1.*US-004 Status: \S.* → Done/);
  const conflict = second.locator('[data-conflict="US-005:story_points"]');
  await expect(conflict.locator('legend').textContent()).resolves.toContain('Story points');
  await expect(conflict.locator('.spectryn-conflict-note').textContent()).resolves.toBe('8 pts');
  await expect(conflict.locator('.spectryn-conflict-tracker').textContent()).resolves.toBe('13 pts');
  await expect(conflict.locator('input:checked').count()).resolves.toBe(0);
  await conflict.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'two-way-conflict-light.png') });
  // Chosen with the keyboard: focus the group's "Take Jira's" and select it with Space.
  await conflict.locator('input[value="tracker"]').focus();
  await page.keyboard.press('Space');
  await expect(conflict.locator('input[value="tracker"]').isChecked()).resolves.toBe(true);
  await second.locator('.spectryn-plan-confirm').click();

  // 4. The note, the pane and the status bar follow; Jira keeps the teammate's values.
  await page.locator('.notice', { hasText: 'From Jira: 2 fields written into the note.' }).first().waitFor({ timeout: 20_000 });
  const text = await waitForNote(/US-004: Schema Migrations[^#]*?\| \*\*Status\*\* \| \S+ Done \|/u);
  expect(text.slice(text.indexOf('US-005: Performance Testing'))).toMatch(/^\| \*\*Story Points\*\* \| 13 \|$/m);
  await paneStory('US-004').and(page.locator('[data-status="done"]')).waitFor();
  await paneStory('US-005').locator('.spectryn-story-points', { hasText: '13' }).waitFor();
  await expect(statusBarSync.textContent()).resolves.toBe('synced just now');
  expect(sandbox.sandbox.tracker().issues.get(us005)?.storyPoints).toBe(13);
  expect(sandbox.sandbox.tracker().violations).toEqual([]);
  expect(sandbox.errors).toEqual([]);
});
