/**
 * The flat control keys the declarative settings tab binds to (`siteUrl`, `decorations.livePreview`,
 * `priorityMapping.high`), read from and written into settings without mutating them. The status
 * mapping's keys (`statusMapping.done`) read and write comma-separated text; the tab's status rows
 * (status-mapping-rows.ts) save through them.
 */
import { PRIORITIES, STATUSES, type Priority, type Status } from '../model/types';
import { migrateSettings, normaliseSiteUrl, parseNameList, type DecorationToggles, type SpectrynSettings } from './settings';

const TEXT_KEYS = ['siteUrl', 'email', 'tokenSecretName', 'projectKey', 'storyIssueType', 'subtaskIssueType', 'storyPointsField', 'githubRepository', 'githubApiUrl', 'githubTokenSecretName'] as const;
type TextKey = (typeof TEXT_KEYS)[number];
const DECORATION_KEYS: readonly (keyof DecorationToggles)[] = ['livePreview', 'sourceMode', 'readingView'];

/** The value a control shows for `key`; undefined for a key the settings do not have. */
export function readSettingKey(settings: SpectrynSettings, key: string): string | boolean | undefined {
  if (key === 'tracker') return settings.tracker;
  if (key === 'defaultTracker') return settings.defaultTracker;
  if ((TEXT_KEYS as readonly string[]).includes(key)) return settings[key as TextKey];
  const [group, member] = splitKey(key);
  if (group === 'decorations' && DECORATION_KEYS.includes(member as keyof DecorationToggles)) {
    return settings.decorations[member as keyof DecorationToggles];
  }
  if (group === 'statusMapping' && STATUSES.includes(member as Status)) return settings.statusMapping[member as Status].join(', ');
  if (group === 'priorityMapping' && PRIORITIES.includes(member as Priority)) return settings.priorityMapping[member as Priority];
  return undefined;
}

/**
 * New settings with `key` set to `value` (the input is left untouched). The result goes through
 * `migrateSettings`, so a bad value (unknown tracker, empty status list) falls back to its default.
 */
export function writeSettingKey(settings: SpectrynSettings, key: string, value: unknown): SpectrynSettings {
  const [group, member] = splitKey(key);
  if (key === 'siteUrl' && typeof value === 'string') return migrateSettings({ ...settings, siteUrl: normaliseSiteUrl(value) });
  if (member === undefined) return migrateSettings({ ...settings, [key]: value });
  if (group === 'decorations') return migrateSettings({ ...settings, decorations: { ...settings.decorations, [member]: value } });
  if (group === 'statusMapping') {
    const names = typeof value === 'string' ? parseNameList(value) : value;
    return migrateSettings({ ...settings, statusMapping: { ...settings.statusMapping, [member]: names } });
  }
  if (group === 'priorityMapping') return migrateSettings({ ...settings, priorityMapping: { ...settings.priorityMapping, [member]: value } });
  return settings;
}

function splitKey(key: string): [string, string | undefined] {
  const dot = key.indexOf('.');
  return dot < 0 ? [key, undefined] : [key.slice(0, dot), key.slice(dot + 1)];
}
