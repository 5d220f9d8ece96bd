/**
 * The settings tab, declared with Obsidian 1.13's `getSettingDefinitions`. Controls bind to flat
 * keys (see setting-keys.ts); every change goes through `migrateSettings` and the store. The API
 * token is chosen with a `SecretComponent`: the settings keep only the secret's name.
 */
import { App, Notice, Plugin, PluginSettingTab, SecretComponent, type SettingDefinitionItem } from 'obsidian';
import { statusLabel } from '../model';
import { PRIORITIES, STATUSES } from '../model/types';
import { describeReport, type ConnectionProbe } from './connection-test';
import { readSettingKey, writeSettingKey } from './setting-keys';
import type { SpectrynSettings } from './settings';

/** Where the tab reads and saves settings (the plugin: its field and `saveData`). */
export interface SettingsStore {
  get(): SpectrynSettings;
  set(next: SpectrynSettings): Promise<void>;
}

/** Constructor options of {@link SpectrynSettingTab}. */
export interface SettingTabOptions {
  readonly store: SettingsStore;
  readonly probe: ConnectionProbe;
}

/** The plugin's settings tab. */
export class SpectrynSettingTab extends PluginSettingTab {
  private readonly store: SettingsStore;
  private readonly probe: ConnectionProbe;

  constructor(app: App, plugin: Plugin, options: SettingTabOptions) {
    super(app, plugin);
    this.store = options.store;
    this.probe = options.probe;
  }

  override getControlValue(key: string): unknown {
    return readSettingKey(this.store.get(), key);
  }

  override async setControlValue(key: string, value: unknown): Promise<void> {
    await this.store.set(writeSettingKey(this.store.get(), key, value));
    // The email row shows only for Jira Cloud.
    if (key === 'tracker') this.refreshDomState();
  }

  override getSettingDefinitions(): SettingDefinitionItem[] {
    const isCloud = (): boolean => this.store.get().tracker === 'jira-cloud';
    return [
      {
        type: 'group',
        heading: 'Tracker',
        items: [
          {
            name: 'Tracker',
            desc: 'Which Jira you sync with.',
            control: { type: 'dropdown', key: 'tracker', options: { 'jira-cloud': 'Jira Cloud', 'jira-datacenter': 'Jira Data Center' } },
          },
          {
            name: 'Site URL',
            desc: 'The address of your Jira site.',
            control: {
              type: 'text',
              key: 'siteUrl',
              placeholder: 'https://example.atlassian.net',
              validate: (value: string) => (value.trim() === '' || /^https?:\/\/[^\s/]+/.test(value.trim()) ? undefined : 'Enter an address that starts with https://'),
            },
          },
          {
            name: 'Account email',
            desc: 'The email of the Jira Cloud account the API token belongs to.',
            visible: isCloud,
            control: { type: 'text', key: 'email', placeholder: 'you@example.com' },
          },
          {
            name: 'API token',
            desc: 'Kept in Obsidian\'s secret storage, never in the plugin\'s settings file. For Jira Data Center, a personal access token.',
            render: (setting) => {
              setting.addComponent((el) => new SecretComponent(this.app, el)
                .setValue(this.store.get().tokenSecretName)
                .onChange((name) => this.store.set(writeSettingKey(this.store.get(), 'tokenSecretName', name))));
            },
          },
          {
            name: 'Project key',
            desc: 'The Jira project new stories are created in.',
            control: { type: 'text', key: 'projectKey', placeholder: 'PROJ' },
          },
          {
            name: 'Test connection',
            desc: 'Checks the site URL, the sign-in, the project and the story points field, in that order.',
            action: (el) => { void this.testConnection(el); },
          },
        ],
      },
      {
        type: 'group',
        heading: 'Issue types and fields',
        items: [
          { name: 'Story issue type', control: { type: 'text', key: 'storyIssueType', placeholder: 'Story' } },
          { name: 'Subtask issue type', desc: 'Leave blank to use the project\'s subtask type.', control: { type: 'text', key: 'subtaskIssueType', placeholder: 'Discovered' } },
          { name: 'Story points field', desc: 'The field id Jira shows for your story points field. Leave blank to find it by name.', control: { type: 'text', key: 'storyPointsField', placeholder: 'Found by name' } },
        ],
      },
      {
        type: 'group',
        heading: 'Status mapping',
        items: STATUSES.map((status) => ({
          name: statusLabel(status),
          desc: 'Jira status names, comma separated. The first is the one a transition goes to.',
          control: { type: 'text' as const, key: `statusMapping.${status}` },
        })),
      },
      {
        type: 'group',
        heading: 'Priority mapping',
        items: PRIORITIES.map((priority) => ({
          name: priority.charAt(0).toUpperCase() + priority.slice(1),
          desc: 'The Jira priority name.',
          control: { type: 'text' as const, key: `priorityMapping.${priority}` },
        })),
      },
      {
        type: 'group',
        heading: 'Decorations',
        items: [
          { name: 'Live preview', desc: 'Show progress, badges and chips while editing in live preview.', control: { type: 'toggle', key: 'decorations.livePreview' } },
          { name: 'Source mode', desc: 'Show them in source mode too.', control: { type: 'toggle', key: 'decorations.sourceMode' } },
          { name: 'Reading view', desc: 'Show them in reading view.', control: { type: 'toggle', key: 'decorations.readingView' } },
        ],
      },
    ];
  }

  /** Runs the connection probe and shows which step failed; the token never appears. */
  async testConnection(el: HTMLElement): Promise<string> {
    const settings = this.store.get();
    const token = settings.tokenSecretName ? this.app.secretStorage.getSecret(settings.tokenSecretName) : null;
    const result = el.querySelector('.spectryn-connection-result') ?? el.createDiv({ cls: 'spectryn-connection-result' });
    result.setText('Testing…');
    const report = await this.probe.test({
      tracker: settings.tracker,
      siteUrl: settings.siteUrl,
      email: settings.email,
      token,
      projectKey: settings.projectKey,
      storyPointsField: settings.storyPointsField,
    });
    const message = describeReport(report);
    result.setText(message);
    result.toggleClass('is-failed', !report.ok);
    new Notice(message);
    return message;
  }
}
