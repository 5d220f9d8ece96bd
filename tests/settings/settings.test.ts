import fc from 'fast-check';
import { PRIORITIES, STATUSES } from '../../src/model/types';
import { readSettingKey, writeSettingKey } from '../../src/settings/setting-keys';
import { DEFAULT_SETTINGS, migrateSettings, missingTrackerSettings, parseNameList } from '../../src/settings/settings';

const snapshotOfDefaults = JSON.stringify(DEFAULT_SETTINGS);

describe('migrateSettings', () => {
  it('gives the defaults for nothing stored', () => {
    for (const raw of [null, undefined, 42, 'text', [], {}]) {
      expect(migrateSettings(raw)).toEqual(DEFAULT_SETTINGS);
    }
  });

  it('returns fresh objects, so editing a result cannot reach the defaults', () => {
    const settings = migrateSettings(null);
    expect(settings).not.toBe(DEFAULT_SETTINGS);
    expect(settings.statusMapping).not.toBe(DEFAULT_SETTINGS.statusMapping);
    expect(settings.statusMapping.done).not.toBe(DEFAULT_SETTINGS.statusMapping.done);
    expect(settings.decorations).not.toBe(DEFAULT_SETTINGS.decorations);
    (settings.statusMapping.done as string[]).push('Shipped');
    expect(DEFAULT_SETTINGS.statusMapping.done).toEqual(['Done', 'Closed', 'Resolved']);
  });

  it('keeps the defaults deeply frozen', () => {
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS.statusMapping)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS.statusMapping.done)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS.decorations)).toBe(true);
  });

  it('keeps valid stored values and normalises them', () => {
    const settings = migrateSettings({
      tracker: 'jira-datacenter',
      siteUrl: '  https://jira.example.com/  ',
      email: ' me@example.com ',
      tokenSecretName: 'jira-token',
      projectKey: 'infra',
      storyIssueType: 'User Story',
      subtaskIssueType: 'Sub-task',
      storyPointsField: 'customfield_10016',
      statusMapping: { done: ['Shipped', ' Done '], blocked: 'Blocked, Impeded' },
      priorityMapping: { critical: 'Blocker' },
      decorations: { livePreview: false, readingView: false },
    });
    expect(settings).toEqual({
      tracker: 'jira-datacenter',
      siteUrl: 'https://jira.example.com',
      email: 'me@example.com',
      tokenSecretName: 'jira-token',
      projectKey: 'INFRA',
      storyIssueType: 'User Story',
      subtaskIssueType: 'Sub-task',
      storyPointsField: 'customfield_10016',
      statusMapping: { ...DEFAULT_SETTINGS.statusMapping, done: ['Shipped', 'Done'], blocked: ['Blocked', 'Impeded'] },
      priorityMapping: { ...DEFAULT_SETTINGS.priorityMapping, critical: 'Blocker' },
      decorations: { livePreview: false, sourceMode: true, readingView: false },
      defaultTracker: 'jira',
      githubRepository: '',
      githubApiUrl: 'https://api.github.com',
      githubTokenSecretName: '',
    });
  });

  it('falls back field by field on wrong types and unknown values', () => {
    const settings = migrateSettings({
      tracker: 'github', siteUrl: 12, projectKey: null, storyIssueType: '   ',
      statusMapping: { done: [], open: [3, null] }, priorityMapping: { low: 7 }, decorations: { sourceMode: 'no' },
    });
    expect(settings.tracker).toBe('jira-cloud');
    expect(settings.siteUrl).toBe('');
    expect(settings.projectKey).toBe('');
    expect(settings.storyIssueType).toBe('Story');
    expect(settings.statusMapping.done).toEqual(DEFAULT_SETTINGS.statusMapping.done);
    expect(settings.statusMapping.open).toEqual(DEFAULT_SETTINGS.statusMapping.open);
    expect(settings.priorityMapping.low).toBe('Low');
    expect(settings.decorations.sourceMode).toBe(true);
  });

  it('reads the older jiraUrl key and never carries a plain-text token', () => {
    const settings = migrateSettings({ jiraUrl: 'https://old.example.com', apiToken: 'secret-123', token: 'secret-456' });
    expect(settings.siteUrl).toBe('https://old.example.com');
    expect(JSON.stringify(settings)).not.toContain('secret-');
    expect(Object.keys(settings).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });

  it('never throws, is idempotent and survives a JSON round trip, for any stored value', () => {
    fc.assert(fc.property(fc.anything(), (raw) => {
      const once = migrateSettings(raw);
      expect(migrateSettings(once)).toEqual(once);
      expect(migrateSettings(JSON.parse(JSON.stringify(once)))).toEqual(once);
      expect(STATUSES.every((s) => once.statusMapping[s].length > 0)).toBe(true);
      expect(PRIORITIES.every((p) => once.priorityMapping[p].length > 0)).toBe(true);
    }));
    fc.assert(fc.property(fc.record({ siteUrl: fc.string(), statusMapping: fc.dictionary(fc.constantFrom(...STATUSES), fc.string()) }, { requiredKeys: [] }), (raw) => {
      expect(migrateSettings(migrateSettings(raw))).toEqual(migrateSettings(raw));
    }));
    expect(JSON.stringify(DEFAULT_SETTINGS)).toBe(snapshotOfDefaults);
  });
});

describe('setting keys', () => {
  it('reads flat and dotted keys', () => {
    const settings = migrateSettings({ siteUrl: 'https://a.example.com', decorations: { sourceMode: false } });
    expect(readSettingKey(settings, 'siteUrl')).toBe('https://a.example.com');
    expect(readSettingKey(settings, 'tracker')).toBe('jira-cloud');
    expect(readSettingKey(settings, 'decorations.sourceMode')).toBe(false);
    expect(readSettingKey(settings, 'statusMapping.done')).toBe('Done, Closed, Resolved');
    expect(readSettingKey(settings, 'priorityMapping.critical')).toBe('Highest');
    expect(readSettingKey(settings, 'statusMapping.nope')).toBeUndefined();
    expect(readSettingKey(settings, 'constructor')).toBeUndefined();
  });

  it('writes into a copy and validates through migration', () => {
    const before = migrateSettings(null);
    const frozenCopy = JSON.stringify(before);
    const after = writeSettingKey(before, 'statusMapping.done', 'Shipped,  Released ,');
    expect(after.statusMapping.done).toEqual(['Shipped', 'Released']);
    expect(JSON.stringify(before)).toBe(frozenCopy);
    expect(writeSettingKey(before, 'decorations.readingView', false).decorations).toEqual({ livePreview: true, sourceMode: true, readingView: false });
    expect(writeSettingKey(before, 'siteUrl', 'https://x.example.com///').siteUrl).toBe('https://x.example.com');
    expect(writeSettingKey(before, 'tracker', 'gitlab').tracker).toBe('jira-cloud');
    expect(writeSettingKey(before, 'priorityMapping.low', 'Trivial').priorityMapping.low).toBe('Trivial');
    expect(writeSettingKey(before, 'statusMapping.done', '').statusMapping.done).toEqual(DEFAULT_SETTINGS.statusMapping.done);
    expect(writeSettingKey(DEFAULT_SETTINGS, 'projectKey', 'abc').projectKey).toBe('ABC');
    expect(DEFAULT_SETTINGS.projectKey).toBe('');
  });

  it('round-trips every readable key through write', () => {
    const settings = migrateSettings({ tracker: 'jira-datacenter', projectKey: 'X' });
    const keys = ['tracker', 'siteUrl', 'email', 'tokenSecretName', 'projectKey', 'storyIssueType', 'subtaskIssueType', 'storyPointsField',
      ...STATUSES.map((s) => `statusMapping.${s}`), ...PRIORITIES.map((p) => `priorityMapping.${p}`),
      'decorations.livePreview', 'decorations.sourceMode', 'decorations.readingView',
      'defaultTracker', 'githubRepository', 'githubApiUrl', 'githubTokenSecretName'];
    for (const key of keys) {
      const value = readSettingKey(settings, key);
      expect(value).toBeDefined();
      expect(writeSettingKey(settings, key, value)).toEqual(settings);
    }
  });
});

describe('tracker readiness', () => {
  it('lists what is missing, and nothing when all is set', () => {
    expect(missingTrackerSettings(DEFAULT_SETTINGS, false)).toEqual(['Site URL', 'Account email', 'API token', 'Project key']);
    const ready = migrateSettings({ siteUrl: 'https://a.example.com', email: 'a@b.c', tokenSecretName: 'jira', projectKey: 'P' });
    expect(missingTrackerSettings(ready, true)).toEqual([]);
    expect(missingTrackerSettings(ready, false)).toEqual(['API token']);
    expect(missingTrackerSettings({ ...ready, tracker: 'jira-datacenter', email: '' }, true)).toEqual([]);
    expect(parseNameList(' a, ,b ,')).toEqual(['a', 'b']);
  });
});
