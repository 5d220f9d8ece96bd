/**
 * The record after a sync: the previous record with the agreements that now hold. Called only with
 * what has succeeded (a pull written into the note, a push the tracker confirmed), so the record
 * never claims what did not happen. An entry whose values and tracker stamp are unchanged keeps its
 * sync time, so its line stays byte for byte the same (docs/sync-record.md "Format"). Pure.
 */
import { RECORD_VERSION, type AgreedField, type FieldValue, type RecordEntry, type SiteCache, type SyncField, type SyncRecord } from './types';
import { compareKeys } from './format';

/** One agreement to record. */
export interface Agreement {
  readonly key: string;
  readonly storyId: string;
  readonly subtask: number | null;
  readonly field: SyncField;
  readonly agreed: AgreedField;
}

/** What a record update needs besides the agreements. */
export interface RecordUpdate {
  readonly previous: SyncRecord | null;
  readonly epic: string;
  readonly tracker: string;
  readonly site: string;
  readonly agreements: readonly Agreement[];
  /** The tracker's `updated` stamp per issue key, as read in this run (absent: kept). */
  readonly updated?: ReadonlyMap<string, string | null>;
  /** The site cache to keep (undefined: the previous one). */
  readonly cache?: SiteCache | null;
  /** The time of this sync. */
  readonly now: Date;
}

/** `YYYY-MM-DDTHH:MM:SSZ`: the record's times, to the second. */
export function recordTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The record once `agreements` hold (see the file comment). */
export function updateRecord(update: RecordUpdate): SyncRecord {
  const previous = update.previous !== null && update.previous.epic.toUpperCase() === update.epic.toUpperCase() ? update.previous : null;
  const entries = new Map<string, RecordEntry>((previous?.entries ?? []).map((entry) => [entry.key.toUpperCase(), entry]));
  const changed = new Set<string>();
  for (const agreement of update.agreements) {
    const id = agreement.key.toUpperCase();
    const entry = entries.get(id) ?? { key: agreement.key, story: agreement.storyId.toUpperCase(), subtask: agreement.subtask, synced: '', updated: null, fields: {} };
    const before = entry.fields[agreement.field];
    const moved = entry.story !== agreement.storyId.toUpperCase() || entry.subtask !== agreement.subtask;
    if (!moved && before !== undefined && sameValue(before.note, agreement.agreed.note) && sameValue(before.tracker, agreement.agreed.tracker)) continue;
    const fields = { ...entry.fields, [agreement.field]: normalised(agreement.agreed) };
    entries.set(id, { ...entry, story: agreement.storyId.toUpperCase(), subtask: agreement.subtask, fields });
    changed.add(id);
  }
  for (const [key, stamp] of update.updated ?? []) {
    const id = key.toUpperCase();
    const entry = entries.get(id);
    if (entry === undefined || entry.updated === stamp) continue;
    entries.set(id, { ...entry, updated: stamp });
    changed.add(id);
  }
  const now = recordTime(update.now);
  for (const id of changed) {
    const entry = entries.get(id);
    if (entry !== undefined) entries.set(id, { ...entry, synced: now });
  }
  return {
    version: RECORD_VERSION,
    epic: update.epic,
    tracker: update.tracker,
    site: update.site,
    cache: update.cache === undefined ? previous?.cache ?? null : update.cache,
    entries: [...entries.values()].sort((a, b) => compareKeys(a.key, b.key)),
  };
}

/** Labels are kept sorted, so the same set always writes the same line. */
function normalised(agreed: AgreedField): AgreedField {
  const sort = (value: FieldValue): FieldValue => (Array.isArray(value) ? [...(value as readonly string[])].sort() : value);
  return { note: sort(agreed.note), tracker: sort(agreed.tracker) };
}
