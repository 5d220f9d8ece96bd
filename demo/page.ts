/**
 * The sandbox page: the plugin's own code (src/main.ts, unchanged) loaded into a stand-in for
 * Obsidian (demo/obsidian-shim, aliased as `obsidian`), on the example note, with the plugin's
 * ribbon button, status bar, progress pane, plan modal and settings tab. The tracker defaults to
 * the Jira built into the sandbox server (same origin), so sync works without an account.
 */
import type { App as ObsidianApp } from 'obsidian';
import SpectrynPlugin from '../src/main';
import manifest from '../manifest.json';
import { buildLayout } from './layout';
import { App, Modal, setIcon } from './obsidian-shim';
import { withSandboxEpic } from './sandbox-note';
import { applyTheme, savedTheme } from './theme';
import { TrackerPanel } from './tracker-panel';

/** The example note, as the server serves it. */
const NOTE_URL = '/examples/postgres-to-crdb.md';
/** The note's name in the sandbox vault. */
const NOTE_PATH = 'postgres-to-crdb.md';
/** Name of the secret that holds the built-in tracker's token. */
const SANDBOX_SECRET = 'sandbox-jira-token';
/** The built-in tracker's sign-in (it only opens the sandbox's own fake Jira). */
const SANDBOX_SIGN_IN = { email: 'dev@example.com', token: 'fake-token-123', projectKey: 'INFRA' };
/**
 * What the title bar says. The stand-in's editor has no live-preview rendering: it shows the
 * note's source, as Obsidian's source mode does, with the plugin's live-preview decorations on
 * top (only the reading view renders markdown); a newcomer must not take the visible `**`, `|`
 * and `#` for a rendering bug.
 */
const SUBTITLE_INTRO = 'The plugin\'s own code in a stand-in for Obsidian.';
const SUBTITLE_MODE = 'The editor shows markdown source, as in Obsidian\'s source mode, plus the plugin\'s live-preview decorations (badges, totals, issue chips); ¶ renders the note.';
const SUBTITLE_HOWTO = 'Edit the note, click a status badge, sync with ⟳ in the ribbon.';

/** First run: the plugin's settings point at the built-in tracker (same origin as this page). */
function seedSettings(pluginId: string): void {
  const key = `sandbox-plugin-data:${pluginId}`;
  if (window.localStorage.getItem(key) !== null) return;
  window.localStorage.setItem(key, JSON.stringify({
    tracker: 'jira-cloud',
    siteUrl: window.location.origin,
    email: SANDBOX_SIGN_IN.email,
    tokenSecretName: SANDBOX_SECRET,
    projectKey: SANDBOX_SIGN_IN.projectKey,
  }));
}

function ribbonButton(parent: HTMLElement, icon: string, label: string, action: string, run: () => void): HTMLElement {
  const el = parent.createEl('button', { cls: ['clickable-icon', 'side-dock-ribbon-action'], attr: { 'aria-label': label, title: label, 'data-action': action } });
  setIcon(el, icon);
  el.addEventListener('click', run);
  return el;
}

function openCommandPalette(app: App): void {
  const modal = new Modal(app);
  modal.modalEl.addClass('sandbox-palette');
  modal.setTitle('Commands');
  const list = modal.contentEl.createDiv({ cls: 'sandbox-palette-list' });
  for (const command of app.commands.available()) {
    const item = list.createEl('button', { cls: 'sandbox-palette-item', text: command.name, attr: { 'data-command': command.id } });
    item.addEventListener('click', () => {
      modal.close();
      app.commands.executeCommandById(command.id);
    });
  }
  modal.open();
}

async function main(): Promise<void> {
  applyTheme(document.body, savedTheme());
  const layout = buildLayout(document.body);
  const app = new App({ ribbon: layout.ribbon, main: layout.main, right: layout.rightLeaves, statusBar: layout.statusBar });

  layout.titleBar.createSpan({ cls: 'sandbox-title', text: 'Spectryn sandbox' });
  const subtitle = layout.titleBar.createSpan({ cls: 'sandbox-subtitle' });
  subtitle.createSpan({ cls: 'sandbox-subtitle-intro', text: `${SUBTITLE_INTRO} ` });
  subtitle.createSpan({ cls: 'sandbox-subtitle-mode', text: SUBTITLE_MODE });
  subtitle.createSpan({ cls: 'sandbox-subtitle-howto', text: ` ${SUBTITLE_HOWTO}` });

  app.secretStorage.setSecret(SANDBOX_SECRET, SANDBOX_SIGN_IN.token);
  seedSettings(manifest.id);
  const text = await (await fetch(NOTE_URL, { cache: 'no-store' })).text();
  const file = await app.vault.create(NOTE_PATH, withSandboxEpic(text));

  const plugin = new SpectrynPlugin(app as unknown as ObsidianApp, manifest);
  await (plugin as unknown as { load(): Promise<void> }).load();

  ribbonButton(layout.ribbonBottom, 'command', 'Open command palette', 'palette', () => openCommandPalette(app));
  const showMode = (): void => {
    const view = app.workspace.getMostRecentMarkdownView();
    if (!view) return;
    document.body.setAttr('data-editor-mode', view.getMode() === 'preview' ? 'reading' : view.isLivePreview() ? 'live-preview' : 'source');
  };
  ribbonButton(layout.ribbonBottom, 'code', 'Toggle live preview and source mode', 'source-mode', () => {
    const view = app.workspace.getMostRecentMarkdownView();
    if (!view) return;
    view.setMode('source');
    view.setLivePreview(!view.isLivePreview());
    showMode();
  });
  ribbonButton(layout.ribbonBottom, 'book-open', 'Toggle reading view', 'reading-view', () => {
    const view = app.workspace.getMostRecentMarkdownView();
    if (!view) return;
    view.setMode(view.getMode() === 'preview' ? 'source' : 'preview');
    showMode();
  });
  ribbonButton(layout.ribbonBottom, 'moon', 'Toggle light and dark theme', 'theme', () => {
    applyTheme(document.body, document.body.hasClass('theme-dark') ? 'light' : 'dark');
  });
  ribbonButton(layout.ribbonBottom, 'settings', 'Open settings', 'settings', () => app.setting.openTabById(manifest.id));

  await app.workspace.getLeaf(false).openFile(file, { active: true });
  app.workspace.markLayoutReady();
  app.commands.executeCommandById(`${manifest.id}:open-progress-pane`);
  // The pane takes focus when it opens; give it back to the note, as after a restored layout.
  const note = app.workspace.getLeavesOfType('markdown')[0];
  if (note) app.workspace.setActiveLeaf(note, { focus: false });

  const settings = (): { siteUrl: string } => (plugin as unknown as { settings: { siteUrl: string } }).settings;
  const tracker = new TrackerPanel({ el: layout.trackerPanel, siteUrl: () => settings().siteUrl, origin: window.location.origin });
  tracker.start();
  Object.assign(window, { spectrynSandbox: { app, plugin, tracker } });
  showMode();
  document.body.setAttr('data-sandbox-ready', 'true');
}

main().catch((error: unknown) => {
  document.body.setAttr('data-sandbox-error', error instanceof Error ? error.message : String(error));
  console.error('Sandbox failed to start', error);
});
