/**
 * main.ts against the obsidian stub: everything is registered, the status bar follows the active
 * note (through the editor extension's parse or the plugin's own), and unloading leaves nothing.
 */
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { App, MarkdownView, Modal, WorkspaceLeaf, editorInfoField, type TFile } from 'obsidian';
import SpectrynPlugin from '../../src/main';
import { refreshEpicDecorations } from '../../src/editor';
import { PROGRESS_VIEW_TYPE } from '../../src/view/progress-view';
import { fileAt, seedNote } from '../view/helpers';

type StubPlugin = SpectrynPlugin & {
  commands: { id: string }[]; views: Map<string, unknown>; editorExtensions: unknown[]; postProcessors: unknown[];
  ribbonIcons: { title: string; el: HTMLElement }[]; statusBarItems: HTMLElement[]; settingTabs: unknown[]; data: unknown;
};
type StubEvents = { listenerCount(name?: string): number; trigger(name: string, ...args: unknown[]): void };

function markdownLeaf(app: App, file: TFile, text: string): { leaf: WorkspaceLeaf; view: MarkdownView } {
  const leaf = new WorkspaceLeaf();
  const view = new (MarkdownView as unknown as new (leaf: WorkspaceLeaf) => MarkdownView)(leaf);
  view.file = file;
  (view.editor as unknown as { value: string }).value = text;
  (leaf as unknown as { view: MarkdownView }).view = view;
  (app.workspace as unknown as { leaves: WorkspaceLeaf[] }).leaves.push(leaf);
  app.workspace.setActiveLeaf(leaf, { focus: true });
  return { leaf, view };
}

/** Lets pending promise callbacks run (the stub vault reads asynchronously). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

async function loadPlugin(app: App): Promise<StubPlugin> {
  const plugin = new SpectrynPlugin(app, { id: 'spectryn', name: 'Spectryn', version: '0.1.0', minAppVersion: '1.13.0', author: '', description: '' }) as StubPlugin;
  plugin.load();
  // onload awaits loadData once; let it finish.
  await Promise.resolve();
  await Promise.resolve();
  return plugin;
}

describe('plugin wiring', () => {
  beforeEach(() => { jest.useFakeTimers(); });
  afterEach(() => { jest.useRealTimers(); document.body.empty(); });

  it('registers the pane, editor extension, processor, commands, ribbon, status bar and settings', async () => {
    const app = new App();
    markdownLeaf(app, fileAt('Epics/Seed.md'), seedNote());
    const plugin = await loadPlugin(app);
    expect(plugin.views.has(PROGRESS_VIEW_TYPE)).toBe(true);
    expect(plugin.editorExtensions).toHaveLength(1);
    expect(plugin.postProcessors).toHaveLength(1);
    expect(plugin.commands).toHaveLength(7);
    expect(plugin.ribbonIcons.map((r) => r.title)).toEqual(['Sync epic with tracker']);
    expect(plugin.settingTabs).toHaveLength(1);
    expect(plugin.statusBarItems[0]?.textContent).toBe('Epic 8/37 pts');
  });

  it('the status bar\'s problem count opens the list of problems; the rest of the item opens the pane', async () => {
    const app = new App();
    const seed = seedNote();
    markdownLeaf(app, fileAt('Epics/Seed.md'), seed.replace('US-002:', 'US-001:'));
    const plugin = await loadPlugin(app);
    const item = plugin.statusBarItems[0];
    expect(item?.textContent).toBe('Epic 8/37 pts · 1 problem');
    item?.querySelector<HTMLElement>('.spectryn-status-problems')?.click();
    const opened = (Modal as unknown as { opened: Modal[] }).opened.at(-1);
    expect(opened?.contentEl.querySelector('.spectryn-diag-summary')?.textContent).toBe('1 error, 0 warnings, 0 notes.');
  });

  it('follows typing through its own debounced parse when no editor extension parses', async () => {
    const app = new App();
    const file = fileAt('Epics/Seed.md');
    const { view } = markdownLeaf(app, file, seedNote());
    const plugin = await loadPlugin(app);
    const at = seedNote().indexOf('US-003');
    (view.editor as unknown as { value: string }).value = seedNote().slice(0, at) + seedNote().slice(at).replace('🔄 In Progress', '✅ Done');
    (app.workspace as unknown as StubEvents).trigger('editor-change', view.editor, view);
    expect(plugin.statusBarItems[0]?.textContent).toBe('Epic 8/37 pts');
    jest.advanceTimersByTime(150);
    expect(plugin.statusBarItems[0]?.textContent).toBe('Epic 16/37 pts · 2 problems');
  });

  it('re-reads the note on an outside change while it is in reading view, not while it is edited', async () => {
    const app = new App();
    const file = fileAt('Epics/Seed.md');
    const { view } = markdownLeaf(app, file, seedNote());
    const plugin = await loadPlugin(app);
    const at = seedNote().indexOf('US-003');
    const saved = seedNote().slice(0, at) + seedNote().slice(at).replace('🔄 In Progress', '✅ Done');
    (app.vault as unknown as { files: Map<string, { file: TFile; text: string }> }).files.set(file.path, { file, text: saved });
    const vault = app.vault as unknown as StubEvents;
    vault.trigger('modify', file);
    await settle();
    expect(plugin.statusBarItems[0]?.textContent).toBe('Epic 8/37 pts');
    (view as unknown as { mode: string }).mode = 'preview';
    vault.trigger('modify', file);
    await settle();
    expect(plugin.statusBarItems[0]?.textContent).toBe('Epic 16/37 pts · 2 problems');
  });

  it('reuses the parse of the editor extension for the active note', async () => {
    const app = new App();
    const file = fileAt('Epics/Seed.md');
    markdownLeaf(app, file, seedNote());
    const plugin = await loadPlugin(app);
    const editor = new EditorView({
      state: EditorState.create({ doc: seedNote(), extensions: [editorInfoField.init(() => ({ file }) as never), plugin.editorExtensions[0] as never] }),
      parent: document.body,
    });
    const line = editor.state.doc.line(109);
    expect(line.text).toBe('| **Story Points** | 8 |');
    editor.dispatch({ changes: { from: line.from, to: line.to, insert: '| **Story Points** | 13 |' } });
    jest.advanceTimersByTime(1000);
    // No editor-change event was sent: only the editor's parse can have updated the status bar.
    expect(plugin.statusBarItems[0]?.textContent).toBe('Epic 8/42 pts');
    editor.destroy();
  });

  it('opens the pane from the status bar and leaves nothing behind on unload', async () => {
    const app = new App();
    markdownLeaf(app, fileAt('Epics/Seed.md'), seedNote());
    const plugin = await loadPlugin(app);
    const sideLeaves: string[] = [];
    app.workspace.ensureSideLeaf = (type: string) => { sideLeaves.push(type); return Promise.resolve(new WorkspaceLeaf()); };
    plugin.statusBarItems[0]?.click();
    expect(sideLeaves).toEqual([PROGRESS_VIEW_TYPE]);
    const workspace = app.workspace as unknown as StubEvents & { leaves: WorkspaceLeaf[] };
    expect(workspace.listenerCount()).toBeGreaterThan(0);
    expect(document.body.querySelector('.status-bar-item')).not.toBeNull();
    plugin.unload();
    expect(workspace.listenerCount()).toBe(0);
    expect((app.vault as unknown as StubEvents).listenerCount()).toBe(0);
    expect(document.body.querySelector('.status-bar-item')).toBeNull();
    expect(plugin.views.size).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('redraws open editors and reading views when a decoration setting changes', async () => {
    const app = new App();
    const file = fileAt('Epics/Seed.md');
    const { view } = markdownLeaf(app, file, seedNote());
    const reading = markdownLeaf(app, fileAt('Other.md'), '# Other').view;
    (reading as unknown as { mode: string }).mode = 'preview';
    const plugin = await loadPlugin(app);
    let refreshes = 0;
    const cm = new EditorView({
      state: EditorState.create({
        doc: seedNote(),
        extensions: [plugin.editorExtensions[0] as never, EditorView.updateListener.of((u) => {
          refreshes += u.transactions.filter((t) => t.effects.some((e) => e.is(refreshEpicDecorations))).length;
        })],
      }),
      parent: document.body,
    });
    (view.editor as unknown as { cm: EditorView }).cm = cm;
    await plugin.saveSettings({ ...plugin.settings, projectKey: 'X' });
    expect(refreshes).toBe(0);
    await plugin.saveSettings({ ...plugin.settings, decorations: { ...plugin.settings.decorations, sourceMode: false } });
    expect(refreshes).toBe(1);
    expect((reading as unknown as { previewMode: { rerenders: number } }).previewMode.rerenders).toBe(1);
    cm.destroy();
  });

  it('stores settings without the token and migrates what was stored', async () => {
    const app = new App();
    const plugin = new SpectrynPlugin(app, { id: 'spectryn', name: 'Spectryn', version: '0.1.0', minAppVersion: '1.13.0', author: '', description: '' }) as StubPlugin;
    plugin.data = { siteUrl: 'https://jira.example.com/', apiToken: 'plain-secret', projectKey: 'infra' };
    plugin.load();
    await Promise.resolve();
    await Promise.resolve();
    expect(plugin.settings.siteUrl).toBe('https://jira.example.com');
    expect(plugin.settings.projectKey).toBe('INFRA');
    await plugin.saveSettings({ ...plugin.settings, tokenSecretName: 'jira-token' });
    expect(JSON.stringify(plugin.data)).not.toContain('plain-secret');
    expect((plugin.data as { tokenSecretName: string }).tokenSecretName).toBe('jira-token');
  });
});
