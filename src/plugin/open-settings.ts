/**
 * Opens the plugin's tab in Obsidian's settings. The public API has no call for it; the settings
 * modal's `open`/`openTabById` exist on every platform but are untyped, so they are checked first.
 */
import { Notice, type App } from 'obsidian';

interface SettingsModalHost {
  readonly setting?: { open(): void; openTabById(id: string): unknown };
}

/** Opens the settings tab of plugin `pluginId`; says where to go when the app offers no way. */
export function openPluginSettings(app: App, pluginId: string): void {
  const modal = (app as unknown as SettingsModalHost).setting;
  if (modal && typeof modal.open === 'function' && typeof modal.openTabById === 'function') {
    modal.open();
    modal.openTabById(pluginId);
    return;
  }
  new Notice('Open settings and choose this plugin under community plugins.');
}
