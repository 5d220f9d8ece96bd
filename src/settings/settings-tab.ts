/**
 * The settings tab, declared with Obsidian 1.13's `getSettingDefinitions`. Controls bind to flat
 * keys (see setting-keys.ts); every change goes through `migrateSettings` and the store. The API
 * token is chosen with a `SecretComponent`: the settings keep only the secret's name. The status
 * and priority mappings are fixed tables labelled by the note's values: one row per note status
 * with the Jira status names that mean it (a name two rows share says so in both,
 * status-mapping-rows.ts), one row per note priority with its Jira priority.
 */
import { App, Notice, Plugin, PluginSettingTab, SecretComponent, type Setting, type SettingDefinitionGroup, type SettingDefinitionItem } from 'obsidian';
import { priorityEmoji, priorityLabel, statusEmoji, statusLabel } from '../model';
import { PRIORITIES, STATUSES, type Status } from '../model/types';
import { describeReport, type ConnectionProbe, type GitHubConnectionProbe } from './connection-test';
import { githubConfigFromSettings } from './github-config';
import { jiraConfigFromSettings } from './jira-config';
import { parseRepository } from '../sync/github/epic-ref';
import { readSettingKey, writeSettingKey } from './setting-keys';
import { DEFAULT_SETTINGS, githubRepositoryFieldProblem, normaliseSiteUrl, siteUrlFieldProblem, type SpectrynSettings } from './settings';
import { statusRowDescription } from './status-mapping-rows';

/** Where the tab reads and saves settings (the plugin: its field and `saveData`). */
export interface SettingsStore {
  get(): SpectrynSettings;
  set(next: SpectrynSettings): Promise<void>;
}

/** Constructor options of {@link SpectrynSettingTab}. */
export interface SettingTabOptions {
  readonly store: SettingsStore;
  readonly probe: ConnectionProbe;
  /** GitHub's Test connection (the plugin: `probeGitHubConnection`); absent: the GitHub group has no test. */
  readonly probeGitHub?: GitHubConnectionProbe;
}

/** The plugin's settings tab. */
export class SpectrynSettingTab extends PluginSettingTab {
  private readonly store: SettingsStore;
  private readonly probe: ConnectionProbe;
  private readonly probeGitHub: GitHubConnectionProbe | undefined;
  /** The site URL field's text as last typed (saved or not); null before the field is shown. */
  private siteUrlInField: string | null = null;

  constructor(app: App, plugin: Plugin, options: SettingTabOptions) {
    super(app, plugin);
    this.store = options.store;
    this.probe = options.probe;
    this.probeGitHub = options.probeGitHub;
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
            name: 'Default tracker',
            desc: 'Where a note syncs when its frontmatter names no tracker. A note chooses its own with tracker: jira or tracker: github.',
            control: { type: 'dropdown', key: 'defaultTracker', options: { jira: 'Jira', github: 'GitHub' } },
          },
          {
            name: 'Jira',
            desc: 'Which Jira you sync with: Cloud or Data Center.',
            control: { type: 'dropdown', key: 'tracker', options: { 'jira-cloud': 'Jira Cloud', 'jira-datacenter': 'Jira Data Center' } },
          },
          {
            name: 'Site URL',
            desc: 'The address of your Jira site.',
            control: {
              type: 'text',
              key: 'siteUrl',
              placeholder: 'https://example.atlassian.net',
              validate: (value: string) => {
                // Test connection checks what the field holds, even a value not saved because it is invalid.
                this.siteUrlInField = value;
                return siteUrlFieldProblem(value);
              },
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
        heading: 'GitHub',
        items: [
          {
            name: 'Repository',
            desc: 'The repository (owner/repo) of notes whose epic is written as #1. An epic written as owner/repo#1 names its own.',
            control: { type: 'text', key: 'githubRepository', placeholder: 'acme/infra', validate: githubRepositoryFieldProblem },
          },
          {
            name: 'API URL',
            desc: 'https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server.',
            control: { type: 'text', key: 'githubApiUrl', placeholder: DEFAULT_SETTINGS.githubApiUrl },
          },
          {
            name: 'GitHub token',
            desc: 'A fine-grained personal access token with read and write access to the repository\'s issues. Kept in Obsidian\'s secret storage, never in the plugin\'s settings file.',
            render: (setting) => {
              setting.addComponent((el) => new SecretComponent(this.app, el)
                .setValue(this.store.get().githubTokenSecretName)
                .onChange((name) => this.store.set(writeSettingKey(this.store.get(), 'githubTokenSecretName', name))));
            },
          },
          ...(this.probeGitHub === undefined ? [] : [{
            name: 'Test GitHub connection',
            desc: 'Checks the API URL, the sign-in, the repository and the permission to write issues, in that order.',
            action: (el: HTMLElement) => { void this.testGitHubConnection(el); },
          }]),
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
      this.statusMappingTable(),
      {
        type: 'list',
        heading: 'Priority mapping',
        items: PRIORITIES.map((priority) => ({
          name: `${priorityEmoji(priority)} ${priorityLabel(priority)}`,
          aliases: ['Jira priority'],
          control: { type: 'text' as const, key: `priorityMapping.${priority}`, placeholder: DEFAULT_SETTINGS.priorityMapping[priority] },
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

  /**
   * The status mapping table: one row per note status, labelled by it, with the Jira status names
   * that mean it (comma-separated). A sync setting a status takes a transition Jira offers to one
   * of them; a name two rows share is explained in both (the default `To Do`: Planned and Open).
   */
  private statusMappingTable(): SettingDefinitionGroup {
    const mapping = (): Readonly<Record<Status, readonly string[]>> => this.store.get().statusMapping;
    return {
      type: 'group',
      heading: 'Status mapping',
      items: [
        {
          name: 'Jira statuses per note status',
          desc: 'The names of the Jira statuses that mean each note status, comma-separated. To set a status, a sync takes a transition Jira offers to one of them; a blank row uses the names shown.',
        },
        ...STATUSES.map((status) => ({
          name: `${statusEmoji(status)} ${statusLabel(status)}`,
          aliases: ['Jira status', 'status mapping'],
          ...(statusRowDescription(mapping(), status) === '' ? {} : { desc: statusRowDescription(mapping(), status) }),
          render: (setting: Setting): (() => void) => {
            // Which names rows share is redrawn once the field is left, not while typing (a redraw takes the focus).
            const shared = (): string => STATUSES.map((each) => statusRowDescription(mapping(), each)).join('\n');
            const before = shared();
            const onLeave = (): void => { if (shared() !== before) this.update(); };
            const fields: HTMLInputElement[] = [];
            setting.addText((text) => {
              fields.push(text.inputEl);
              text.inputEl.setAttr('aria-label', `Jira statuses that mean ${statusLabel(status)}`);
              text.inputEl.addEventListener('change', onLeave);
              text.setPlaceholder(DEFAULT_SETTINGS.statusMapping[status].join(', ')).setValue(mapping()[status].join(', ')).onChange(async (value) => {
                await this.store.set(writeSettingKey(this.store.get(), `statusMapping.${status}`, value));
              });
            });
            return () => { for (const field of fields) field.removeEventListener('change', onLeave); };
          },
        })),
      ],
    };
  }

  /** Runs GitHub's connection probe on the settings' repository and shows which step failed; the token never appears. */
  async testGitHubConnection(el: HTMLElement): Promise<string> {
    const probe = this.probeGitHub;
    if (probe === undefined) return '';
    const settings = this.store.get();
    const token = settings.githubTokenSecretName ? this.app.secretStorage.getSecret(settings.githubTokenSecretName) : null;
    const result = el.querySelector('.spectryn-connection-result') ?? el.createDiv({ cls: 'spectryn-connection-result' });
    result.setText('Testing…');
    const report = await probe(githubConfigFromSettings(settings, token ?? '', parseRepository(settings.githubRepository)));
    const message = describeReport(report, 'github');
    result.setText(message);
    result.toggleClass('is-failed', !report.ok);
    new Notice(message);
    return message;
  }

  /** Runs the connection probe and shows which step failed; the token never appears. */
  async testConnection(el: HTMLElement): Promise<string> {
    const settings = this.store.get();
    const token = settings.tokenSecretName ? this.app.secretStorage.getSecret(settings.tokenSecretName) : null;
    const result = el.querySelector('.spectryn-connection-result') ?? el.createDiv({ cls: 'spectryn-connection-result' });
    result.setText('Testing…');
    const siteUrl = this.siteUrlInField === null ? settings.siteUrl : normaliseSiteUrl(this.siteUrlInField);
    const report = await this.probe(jiraConfigFromSettings({ ...settings, siteUrl }, token ?? ''));
    const message = describeReport(report);
    result.setText(message);
    result.toggleClass('is-failed', !report.ok);
    new Notice(message);
    return message;
  }
}
