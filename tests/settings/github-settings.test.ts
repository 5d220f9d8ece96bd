/**
 * The plugin's settings per tracker (issue 16): the default tracker, GitHub's repository, API URL
 * and token secret; the note's frontmatter `tracker` choosing the tracker and, for GitHub, the
 * epic and its record; the browse URL of a key; GitHub's Test connection labels.
 */
import { browseUrlOf } from '../../src/settings/browse-url';
import { describeReport } from '../../src/settings/connection-test';
import { githubConfigFromSettings } from '../../src/settings/github-config';
import { readSettingKey, writeSettingKey } from '../../src/settings/setting-keys';
import { DEFAULT_SETTINGS, githubRepositoryFieldProblem, migrateSettings, missingTrackerSettings, noteTracker, tokenSecretNameOf } from '../../src/settings/settings';
import { syncTargetOf } from '../../src/settings/sync-target';

const github = migrateSettings({ githubRepository: 'acme/infra', githubTokenSecretName: 'gh-token', tokenSecretName: 'jira-token', siteUrl: 'https://acme.atlassian.net' });

describe('settings', () => {
  test('defaults: Jira by default, the public GitHub API, no repository and no GitHub secret', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ defaultTracker: 'jira', githubRepository: '', githubApiUrl: 'https://api.github.com', githubTokenSecretName: '' });
    // Settings stored before GitHub existed migrate to the same.
    expect(migrateSettings({ tracker: 'jira-datacenter', siteUrl: 'https://jira.example' })).toMatchObject({ tracker: 'jira-datacenter', defaultTracker: 'jira', githubApiUrl: 'https://api.github.com' });
  });

  test('migration keeps GitHub values, trims them, and falls back on bad ones', () => {
    expect(migrateSettings({ defaultTracker: 'github', githubRepository: ' acme/infra ', githubApiUrl: 'https://ghe.example/api/v3/', githubTokenSecretName: ' gh ' }))
      .toMatchObject({ defaultTracker: 'github', githubRepository: 'acme/infra', githubApiUrl: 'https://ghe.example/api/v3', githubTokenSecretName: 'gh' });
    expect(migrateSettings({ defaultTracker: 'gitlab', githubApiUrl: 42, githubRepository: [] })).toMatchObject({ defaultTracker: 'jira', githubApiUrl: 'https://api.github.com', githubRepository: '' });
    expect(migrateSettings({ githubApiUrl: '  ' }).githubApiUrl).toBe('https://api.github.com');
  });

  test('the tab\'s keys read and write the GitHub settings through migration', () => {
    let settings = DEFAULT_SETTINGS;
    settings = writeSettingKey(settings, 'defaultTracker', 'github');
    settings = writeSettingKey(settings, 'githubRepository', 'acme/infra');
    settings = writeSettingKey(settings, 'githubApiUrl', 'ghe.example/api/v3/');
    expect(['defaultTracker', 'githubRepository', 'githubApiUrl', 'githubTokenSecretName'].map((key) => readSettingKey(settings, key)))
      .toEqual(['github', 'acme/infra', 'https://ghe.example/api/v3', '']);
    expect(writeSettingKey(settings, 'defaultTracker', 'trello').defaultTracker).toBe('jira');
  });

  test('the repository field wants owner/repo', () => {
    expect(githubRepositoryFieldProblem('acme/infra')).toBeUndefined();
    expect(githubRepositoryFieldProblem('')).toBeUndefined();
    for (const bad of ['acme', 'acme/infra#1', 'https://github.com/acme/infra']) expect(githubRepositoryFieldProblem(bad)).toBe('Enter the repository as owner/repo, e.g. acme/infra');
  });

  test('what is missing depends on the tracker', () => {
    expect(missingTrackerSettings(DEFAULT_SETTINGS, false, 'github')).toEqual(['GitHub token']);
    expect(missingTrackerSettings(github, true, 'github')).toEqual([]);
    expect(missingTrackerSettings(DEFAULT_SETTINGS, false)).toEqual(['Site URL', 'Account email', 'API token', 'Project key']);
  });
});

describe('the note chooses its tracker', () => {
  test('frontmatter tracker: jira or github (any case) wins; anything else is the default tracker', () => {
    const byDefault = migrateSettings({ defaultTracker: 'github' });
    expect(noteTracker(DEFAULT_SETTINGS, 'GitHub ')).toBe('github');
    expect(noteTracker(byDefault, 'jira')).toBe('jira');
    expect(noteTracker(byDefault, null)).toBe('github');
    expect(noteTracker(byDefault, 'trello')).toBe('github');
    expect(noteTracker(DEFAULT_SETTINGS, undefined)).toBe('jira');
    expect([tokenSecretNameOf(github, 'github'), tokenSecretNameOf(github, 'jira')]).toEqual(['gh-token', 'jira-token']);
  });

  test('a Jira note keeps the engine\'s epic and its record key', () => {
    expect(syncTargetOf(github, { key: 'INFRA-100', tracker: null })).toEqual({ tracker: 'jira', epicKey: null, recordKey: 'INFRA-100', secretName: 'jira-token' });
  });

  test('a GitHub note reads #N in the repository its epic names, else the settings\' one', () => {
    expect(syncTargetOf(github, { key: 'other/app#7', tracker: 'github' })).toEqual({
      tracker: 'github', repository: { owner: 'other', repo: 'app' }, epicKey: '#7', recordKey: 'other/app#7', secretName: 'gh-token',
    });
    expect(syncTargetOf(github, { key: '#3', tracker: 'github' })).toMatchObject({ repository: { owner: 'acme', repo: 'infra' }, epicKey: '#3', recordKey: 'acme/infra#3' });
    expect(syncTargetOf(migrateSettings({ defaultTracker: 'github', githubRepository: 'acme/infra' }), { key: '1', tracker: null })).toMatchObject({ tracker: 'github', epicKey: '#1' });
  });

  test('a GitHub note without a usable epic says what to write', () => {
    expect(syncTargetOf(github, { key: null, tracker: 'github' })).toEqual({ problem: expect.stringContaining('epic: "owner/repo#1"') as unknown });
    expect(syncTargetOf(DEFAULT_SETTINGS, { key: '#3', tracker: 'github' })).toEqual({ problem: expect.stringContaining('set the GitHub repository in the Spectryn settings') as unknown });
    expect(syncTargetOf(github, { key: 'INFRA-100', tracker: 'github' })).toEqual({ problem: expect.stringContaining('is not a GitHub issue: write it as 1, #1 or owner/repo#1') as unknown });
  });

  test('the adapter\'s config: the epic\'s repository, the settings\' API URL, the secret\'s token', () => {
    expect(githubConfigFromSettings(github, 't', { owner: 'acme', repo: 'infra' })).toEqual({ apiUrl: 'https://api.github.com', owner: 'acme', repo: 'infra', token: 't' });
    expect(githubConfigFromSettings(github, '', null)).toEqual({ apiUrl: 'https://api.github.com', owner: '', repo: '', token: '' });
  });
});

describe('browse URLs of keys without a link of their own', () => {
  test('#12 opens the repository\'s issue; a Jira key the Jira site', () => {
    const browse = browseUrlOf(github);
    expect(browse('#12')).toBe('https://github.com/acme/infra/issues/12');
    expect(browse('INFRA-7')).toBe('https://acme.atlassian.net/browse/INFRA-7');
  });

  test('GitHub Enterprise Server pages are on its host', () => {
    expect(browseUrlOf({ ...github, githubApiUrl: 'https://ghe.example/api/v3' })('#5')).toBe('https://ghe.example/acme/infra/issues/5');
  });

  test('no link where the settings do not say where the tracker is', () => {
    expect(browseUrlOf(DEFAULT_SETTINGS)('#12')).toBeNull();
    expect(browseUrlOf(DEFAULT_SETTINGS)('INFRA-7')).toBeNull();
    expect(browseUrlOf({ ...github, siteUrl: '' })('INFRA-7')).toBeNull();
  });
});

test('GitHub\'s Test connection names its steps: API URL, sign-in, repository, issues', () => {
  const failed = (step: 'url' | 'auth' | 'project' | 'fields') => ({ ok: false, failedStep: step, steps: [{ step, ok: false, message: 'x' }], storyPointsField: null });
  expect((['url', 'auth', 'project', 'fields'] as const).map((step) => describeReport(failed(step), 'github'))).toEqual(['API URL failed: x', 'Sign-in failed: x', 'Repository failed: x', 'Issues failed: x']);
  expect(describeReport(failed('project'))).toBe('Project failed: x');
});
