/**
 * main.ts wires the sync controller: the ribbon button, the commands and the pane's header action
 * open the plan modal, which runs a dry run through `obsidianHttp(requestUrl)` (the stub's
 * `requestUrl` never reaches a network: the run ends as "could not reach"), and the "no tracker
 * configured" guidance still shows when settings are missing.
 */
import { App, MarkdownView, Modal, Notice, WorkspaceLeaf, type TFile } from 'obsidian';
import SpectrynPlugin from '../../src/main';
import { PlanModal } from '../../src/view/plan-modal';
import { fileAt, seedNote } from '../view/helpers';

jest.setTimeout(30_000);

type StubPlugin = SpectrynPlugin & { ribbonIcons: { title: string; el: HTMLElement }[]; commands: { id: string; checkCallback?: (checking: boolean) => boolean }[]; data: unknown };

const NOTE = `---\nepic: INFRA-100\n---\n${seedNote()}`;

function openNote(app: App, file: TFile, text: string): void {
  const leaf = new WorkspaceLeaf();
  const view = new (MarkdownView as unknown as new (leaf: WorkspaceLeaf) => MarkdownView)(leaf);
  view.file = file;
  (view.editor as unknown as { value: string }).value = text;
  (leaf as unknown as { view: MarkdownView }).view = view;
  (app.workspace as unknown as { leaves: WorkspaceLeaf[] }).leaves.push(leaf);
  app.workspace.setActiveLeaf(leaf, { focus: true });
}

async function loadPlugin(app: App, data: unknown): Promise<StubPlugin> {
  const plugin = new SpectrynPlugin(app, { id: 'spectryn', name: 'Spectryn', version: '0.1.0', minAppVersion: '1.13.0', author: '', description: '' }) as StubPlugin;
  plugin.data = data;
  plugin.load();
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
  return plugin;
}

const lastModal = (): PlanModal => (Modal as unknown as { opened: Modal[] }).opened.at(-1) as PlanModal;

async function until(ready: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i += 1) {
    if (ready()) return;
    await new Promise((resolve) => { setTimeout(resolve, 10); });
  }
  throw new Error(`Timed out waiting for ${what}`);
}

afterEach(() => { document.body.empty(); });

describe('sync wiring in main.ts', () => {
  it('the ribbon button runs a dry run through requestUrl; an unreachable site is reported with what to do, token-free', async () => {
    const app = new App();
    openNote(app, fileAt('Epics/Seed.md'), NOTE);
    app.secretStorage.setSecret('jira-token', 'tok-secret-4242');
    const plugin = await loadPlugin(app, { siteUrl: 'https://jira.example.com', email: 'me@example.com', tokenSecretName: 'jira-token', projectKey: 'INFRA' });
    const before = (Notice as unknown as { shown: string[] }).shown.length;
    plugin.ribbonIcons.find((r) => r.title === 'Sync epic with tracker')?.el.click();
    const modal = lastModal();
    expect(modal).toBeInstanceOf(PlanModal);
    expect(modal.contentEl.querySelector('.spectryn-plan-loading')).not.toBeNull();
    await until(() => modal.contentEl.querySelector('.spectryn-plan-error') !== null, 'the dry run to fail');
    const error = modal.contentEl.querySelector('.spectryn-plan-error')?.textContent ?? '';
    expect(error).toMatch(/^Sync failed: .*Could not reach jira\.example\.com.*check the site URL/);
    const notices = (Notice as unknown as { shown: string[] }).shown.slice(before);
    expect(notices).toHaveLength(1);
    for (const text of [error, ...notices]) expect(text).not.toContain('tok-secret-4242');
    plugin.unload();
  });

  it('the statuses command opens the statuses plan; without settings the guidance shows instead', async () => {
    const app = new App();
    openNote(app, fileAt('Epics/Seed.md'), NOTE);
    const plugin = await loadPlugin(app, null);
    plugin.commands.find((c) => c.id === 'sync-statuses')?.checkCallback?.(false);
    const modal = lastModal();
    expect(modal.titleEl.textContent).toBe('Sync statuses with tracker');
    expect(modal.contentEl.textContent).toContain('No tracker configured');
    expect(modal.contentEl.querySelector('.spectryn-plan-loading')).toBeNull();
    plugin.unload();
  });
});
