/**
 * `App` (workspace, vault, secret storage, settings window, commands) and `Plugin` (data in
 * localStorage; ribbon buttons, status bar items, commands, views, editor extensions, post
 * processors and settings tabs, each removed again on unload).
 */
import type { Extension } from '@codemirror/state';
import { Commands, type Command } from './commands';
import { Component } from './component';
import { setIcon } from './icons';
import type { PostProcessor } from './reading-view';
import { SecretStorage } from './secret-storage';
import { SettingsWindow, type PluginSettingTab } from './setting-tab';
import { Vault } from './vault';
import { MarkdownView, type View, type WorkspaceLeaf } from './views';
import { Workspace } from './workspace';

/** Where the app draws: the ribbon, the main area, the right sidebar and the status bar. */
export interface AppElements {
  readonly ribbon: HTMLElement;
  readonly main: HTMLElement;
  readonly right: HTMLElement;
  readonly statusBar: HTMLElement;
}

/** A plugin's manifest. */
export interface PluginManifest {
  id: string;
  name: string;
  version: string;
  minAppVersion: string;
  description?: string;
  author?: string;
  isDesktopOnly?: boolean;
}

/** The platform flags: the sandbox is a desktop browser. */
export const Platform = { isDesktop: true, isMobile: false, isDesktopApp: false, isMobileApp: false, isIosApp: false, isAndroidApp: false, isPhone: false, isTablet: false, isMacOS: false, isWin: false, isLinux: true, isSafari: false };

/** `apiVersion`, as the sandbox implements it. */
export const apiVersion = '1.13.1';

/** The application. */
export class App {
  readonly vault = new Vault();
  readonly secretStorage = new SecretStorage();
  readonly workspace: Workspace;
  readonly setting: SettingsWindow;
  readonly commands: Commands;
  readonly metadataCache = { getFileCache: (): null => null, on: (): { detach(): void } => ({ detach: () => undefined }) };
  readonly fileManager = {};

  constructor(readonly elements: AppElements) {
    this.workspace = new Workspace(this, elements);
    this.setting = new SettingsWindow(this);
    this.commands = new Commands({
      activeEditor: () => {
        const view = this.workspace.getActiveViewOfType(MarkdownView) ?? this.workspace.getMostRecentMarkdownView();
        return view ? { editor: view.editor, info: view } : null;
      },
    });
  }
}

/** The base class of every plugin. */
export abstract class Plugin extends Component {
  app: App;
  manifest: PluginManifest;

  constructor(app: App, manifest: PluginManifest) {
    super();
    this.app = app;
    this.manifest = manifest;
  }

  private get dataKey(): string {
    return `sandbox-plugin-data:${this.manifest.id}`;
  }

  loadData(): Promise<unknown> {
    const raw = window.localStorage.getItem(this.dataKey);
    return Promise.resolve(raw === null ? null : JSON.parse(raw) as unknown);
  }

  saveData(data: unknown): Promise<void> {
    window.localStorage.setItem(this.dataKey, JSON.stringify(data));
    return Promise.resolve();
  }

  addCommand(command: Command): Command {
    const full = { ...command, id: `${this.manifest.id}:${command.id}` };
    this.register(this.app.commands.add(full));
    return full;
  }

  addRibbonIcon(icon: string, title: string, callback: (event: MouseEvent) => unknown): HTMLElement {
    const el = this.app.elements.ribbon.createEl('button', {
      cls: ['clickable-icon', 'side-dock-ribbon-action'],
      attr: { 'aria-label': title, title, 'data-icon': icon, 'data-plugin': this.manifest.id },
    });
    setIcon(el, icon);
    el.addEventListener('click', (event) => { void callback(event); });
    this.register(() => el.remove());
    return el;
  }

  addStatusBarItem(): HTMLElement {
    const el = this.app.elements.statusBar.createDiv({ cls: ['status-bar-item', `plugin-${this.manifest.id}`] });
    this.register(() => el.remove());
    return el;
  }

  registerView(type: string, creator: (leaf: WorkspaceLeaf) => View): void {
    this.register(this.app.workspace.registerViewType(type, creator));
  }

  registerEditorExtension(extension: Extension): void {
    this.register(this.app.workspace.registerEditorExtension(extension));
  }

  registerMarkdownPostProcessor(processor: PostProcessor, _sortOrder?: number): PostProcessor {
    this.register(this.app.workspace.registerPostProcessor(processor));
    return processor;
  }

  addSettingTab(tab: PluginSettingTab): void {
    this.register(this.app.setting.addSettingTab(tab));
  }
}
