/**
 * Spectryn for Obsidian: wiring only. Loads the settings, builds the shared model of the active note
 * and the actions on it, and registers the pane, the editor extension, the reading view processor,
 * the commands, the ribbon button, the status bar item, the settings tab and the events. Everything
 * is registered, so unloading the plugin leaves nothing behind.
 */
import { Notice, Plugin, requestUrl, type TFile } from 'obsidian';
import { epicEditorExtension } from './editor';
import { epicReadingViewProcessor } from './view/reading-view';
import { jiraConfigFromSettings } from './settings/jira-config';
import { SpectrynSettingTab } from './settings/settings-tab';
import { DEFAULT_SETTINGS, migrateSettings, type SpectrynSettings } from './settings/settings';
import { GitHubTracker, JiraTracker, obsidianHttp, probeGitHubConnection, probeJiraConnection, timerClock } from './sync';
import { browseUrlOf } from './settings/browse-url';
import { githubConfigFromSettings } from './settings/github-config';
import { syncTargetOf, type SyncTarget } from './settings/sync-target';
import type { BrowseUrl } from './model/issue-key';
import { ActiveEpic } from './plugin/active-epic';
import { buildCommands } from './plugin/commands';
import { EpicActions } from './plugin/epic-actions';
import { followActiveNote } from './plugin/follow-active-note';
import { editorParser } from './plugin/open-editors';
import { ParseStore } from './plugin/parse-store';
import { FormatModal } from './view/format-modal';
import { openPluginSettings } from './plugin/open-settings';
import { EpicProgressView, PROGRESS_VIEW_TYPE, openProgressPane } from './view/progress-view';
import { refreshEpicEditors } from './plugin/refresh-editors';
import { renderStatusBar, STATUS_BAR_PROBLEMS_CLASS } from './view/status-bar';
import { SyncController } from './plugin/sync-controller';
import { VaultRecordStore } from './plugin/sync-record-store';
import { SyncStatus } from './plugin/sync-status';
import { renderSyncState } from './view/sync-status-render';
import { SYNC_AGE_REFRESH_MS, type SyncStateSource } from './view/sync-status-text';

/** The plugin. */
export default class SpectrynPlugin extends Plugin {
  /** Current settings; replaced (never mutated) on every change. */
  override settings: SpectrynSettings = DEFAULT_SETTINGS;

  override async onload(): Promise<void> {
    this.settings = migrateSettings(await this.loadData());

    // One parse store for every part that reads a note's model: each text is parsed once.
    const store = new ParseStore();
    this.register(() => store.clear());
    const activeEpic = new ActiveEpic<TFile>({
      store,
      timers: { setTimeout: (callback, ms) => window.setTimeout(callback, ms), clearTimeout: (id) => window.clearTimeout(id) },
    });
    this.register(() => activeEpic.dispose());
    const http = obsidianHttp(requestUrl);
    const clock = timerClock((callback, ms) => window.setTimeout(callback, ms));
    // Long waits (a Retry-After, a retry after no answer) are said as they start (docs/sync.md).
    const notice = (message: string): void => { new Notice(`Spectryn: ${message}`); };
    // The note's tracker (./settings/sync-target.ts): Jira by default, GitHub for `tracker: github` or by the settings.
    const trackerFor = (settings: SpectrynSettings, token: string, target?: SyncTarget): JiraTracker | GitHubTracker => (target?.tracker === 'github'
      ? new GitHubTracker({ config: githubConfigFromSettings(settings, token, target.repository), http, clock, notice })
      : new JiraTracker({ config: jiraConfigFromSettings(settings, token), http, clock, notice }));
    // The sync record of each epic lives in the vault's `.spectryn/sync/` (docs/sync-record.md).
    const records = new VaultRecordStore(this.app.vault.adapter);
    const syncStatus = new SyncStatus(records);
    // The epic whose record the status bar reads: the note's key, or for GitHub `acme/infra#1` (its record's name).
    const activeEpicKey = (): string | null => {
      const snapshot = activeEpic.current();
      const result = snapshot.isEpic ? snapshot.result : null;
      if (!result) return null;
      const target = syncTargetOf(this.settings, result.epic);
      return 'problem' in target ? null : target.recordKey;
    };
    const syncState: SyncStateSource = {
      current: () => syncStatus.current(activeEpicKey()),
      subscribe: (listener) => syncStatus.subscribe(listener),
    };
    const sync = new SyncController({
      app: this.app,
      settings: () => this.settings,
      snapshot: () => activeEpic.current(),
      trackerFor,
      parse: (path, text) => store.parse(path, text),
      records,
      status: syncStatus,
    });
    const actions = new EpicActions({
      app: this.app,
      activeEpic,
      settings: () => this.settings,
      openSettings: () => openPluginSettings(this.app, this.manifest.id),
      planProvider: () => sync,
    });
    const openPane = (): Promise<void> => openProgressPane(this.app.workspace);

    // The tracker's page of a key without its own link: `#12` on GitHub, any other key on the Jira site.
    const browseUrl = (): BrowseUrl => browseUrlOf(this.settings);
    this.registerView(PROGRESS_VIEW_TYPE, (leaf) => new EpicProgressView(leaf, {
      activeEpic,
      actions,
      showFormat: () => new FormatModal(this.app).open(),
      browseUrl,
      syncState,
    }));
    this.registerEditorExtension(epicEditorExtension({
      display: () => this.settings.decorations,
      parse: editorParser(store),
      browseUrl,
    }));
    this.registerMarkdownPostProcessor(epicReadingViewProcessor({
      enabled: () => this.settings.decorations.readingView,
      browseUrl,
      parse: (path, text) => store.parse(path, text),
      progress: (result) => store.progress(result),
      // Cells without section info are live preview's table widget.
      cellsEnabled: () => this.settings.decorations.livePreview,
      isEpicNote: (path) => store.hasStories(path),
    }));

    for (const command of buildCommands({ snapshot: () => activeEpic.current(), freshSnapshot: () => actions.freshSnapshot(), actions, openPane })) this.addCommand(command);
    this.addRibbonIcon('refresh-cw', 'Sync epic with tracker', () => actions.sync({ kind: 'all' }));

    const statusEl = this.addStatusBarItem();
    renderStatusBar(statusEl, activeEpic.current());
    this.register(activeEpic.subscribe((snapshot) => renderStatusBar(statusEl, snapshot)));
    this.registerDomEvent(statusEl, 'click', (event) => {
      // The problem count opens the list of problems; the rest of the item opens the pane.
      if (event.target instanceof Element && event.target.closest(`.${STATUS_BAR_PROBLEMS_CLASS}`)) actions.validate();
      else void openPane();
    });

    // "synced 5 min ago · 1 conflict": its own item, read from the record of the active epic.
    const syncEl = this.addStatusBarItem();
    const showSyncState = (): void => renderSyncState(syncEl, syncState.current(), new Date());
    syncStatus.ensure(activeEpicKey());
    showSyncState();
    this.register(activeEpic.subscribe(() => { syncStatus.ensure(activeEpicKey()); showSyncState(); }));
    this.register(syncStatus.subscribe(showSyncState));
    this.registerInterval(window.setInterval(showSyncState, SYNC_AGE_REFRESH_MS));
    this.registerDomEvent(syncEl, 'click', () => { void openPane(); });

    followActiveNote(this, activeEpic);
    this.addSettingTab(new SpectrynSettingTab(this.app, this, {
      store: { get: () => this.settings, set: (next) => this.saveSettings(next) },
      probe: (config) => probeJiraConnection({ config, http, clock }),
      probeGitHub: (config) => probeGitHubConnection({ config, http, clock }),
    }));
  }

  /** Stores `next` as the current settings and in data.json. */
  async saveSettings(next: SpectrynSettings): Promise<void> {
    const redecorate = JSON.stringify(next.decorations) !== JSON.stringify(this.settings.decorations);
    this.settings = next;
    await this.saveData(this.settings);
    if (redecorate) refreshEpicEditors(this.app.workspace);
  }
}
