/**
 * The record as text (docs/sync-record.md "Format"): JSON Lines, one object per line.
 *   line 1        the header: `{"spectryn_sync_record":1,"about":…,"epic":…,"tracker":…,"site":…}`
 *   then, if any  `{"cache":{"checked":…,"values":{…}}}`
 *   then          one line per issue, in key order (`INFRA-9` before `INFRA-10`):
 *                 `{"key":"INFRA-101","story":"US-001","synced":…,"updated":…,"status":["done","Done"],…}`
 * Serialising is deterministic (fixed member order, sorted cache values, entries in key order, `\n`
 * line ends, a final line break), so an entry that did not change keeps its line byte for byte and
 * two syncs in turn touch only the lines of the issues that changed.
 * Parsing is tolerant: a damaged header (or a record of a newer version) is no record; a damaged
 * line, a field of the wrong shape, or a key that appears twice (an unresolved merge) is left out
 * of the record with a diagnostic, which makes that part "no record". It never throws.
 */
import { RECORD_VERSION, STORY_FIELDS, SUBTASK_FIELDS, type AgreedField, type FieldValue, type RecordDiagnostic, type RecordEntry, type SiteCache, type SyncField, type SyncRecord } from './types';

/** The header member that marks a record and carries its version. */
const MARKER = 'spectryn_sync_record';

/** What the header tells a person who opens the file. */
const ABOUT = 'spectryn sync record: each field as the note and the tracker last agreed on it (docs/sync-record.md). Written by spectryn; do not edit.';

/** A record read from text, with what was wrong in it. */
export interface RecordReading {
  /** The record, or null when the text holds none that can be used. */
  readonly record: SyncRecord | null;
  readonly diagnostics: readonly RecordDiagnostic[];
}

/**
 * Orders tracker keys: by project, then by number (`INFRA-9` < `INFRA-10`); keys of another shape
 * after those, by code unit order.
 */
export function compareKeys(a: string, b: string): number {
  const pa = /^(.*)-(\d+)$/.exec(a);
  const pb = /^(.*)-(\d+)$/.exec(b);
  if (pa && pb) {
    const project = compareText(pa[1] ?? '', pb[1] ?? '');
    return project !== 0 ? project : Number(pa[2]) - Number(pb[2]) || compareText(a, b);
  }
  if (pa) return -1;
  if (pb) return 1;
  return compareText(a, b);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The record as text (see the file comment). */
export function serialiseRecord(record: SyncRecord): string {
  const lines = [JSON.stringify({ [MARKER]: RECORD_VERSION, about: ABOUT, epic: record.epic, tracker: record.tracker, site: record.site })];
  if (record.cache !== null) {
    const values = Object.fromEntries(Object.entries(record.cache.values).sort(([a], [b]) => compareText(a, b)));
    lines.push(JSON.stringify({ cache: { checked: record.cache.checked, values } }));
  }
  for (const entry of [...record.entries].sort((a, b) => compareKeys(a.key, b.key))) lines.push(entryLine(entry));
  return `${lines.join('\n')}\n`;
}

function entryLine(entry: RecordEntry): string {
  const line: Record<string, unknown> = { key: entry.key, story: entry.story };
  if (entry.subtask !== null) line.subtask = entry.subtask;
  line.synced = entry.synced;
  line.updated = entry.updated;
  for (const field of fieldsOf(entry)) {
    const agreed = entry.fields[field];
    if (agreed !== undefined) line[field] = [agreed.note, agreed.tracker];
  }
  return JSON.stringify(line);
}

/** The fields an entry of this kind records, in order. */
function fieldsOf(entry: { readonly subtask: number | null }): readonly SyncField[] {
  return entry.subtask === null ? STORY_FIELDS : SUBTASK_FIELDS;
}

/** Reads a record (see the file comment); never throws. */
export function parseRecord(text: string): RecordReading {
  const diagnostics: RecordDiagnostic[] = [];
  const lines = text.split(/\r?\n/);
  const none = (line: number, message: string): RecordReading => ({ record: null, diagnostics: [...diagnostics, { line, message }] });
  const header = asObject(parseJson(lines[0] ?? ''));
  if (header === null || typeof header[MARKER] !== 'number') return none(1, 'The sync record has no valid header line: it is ignored, and the next sync pushes the note as on a first sync.');
  if (header[MARKER] > RECORD_VERSION || !Number.isInteger(header[MARKER])) return none(1, `The sync record was written by a newer spectryn (format ${String(header[MARKER])}): it is ignored.`);
  const epic = header.epic;
  const tracker = header.tracker;
  const site = header.site;
  if (typeof epic !== 'string' || epic === '' || typeof tracker !== 'string' || typeof site !== 'string') return none(1, 'The sync record header lacks its epic, tracker or site: the record is ignored.');

  let cache: SiteCache | null = null;
  const entries = new Map<string, RecordEntry>();
  const duplicates = new Set<string>();
  let conflictMarkers = false;
  lines.slice(1).forEach((raw, index) => {
    const lineNumber = index + 2;
    if (raw.trim() === '') return;
    if (/^(<{7}|={7}|>{7}|\|{7})/.test(raw)) {
      conflictMarkers = true;
      return;
    }
    const object = asObject(parseJson(raw));
    if (object === null) {
      diagnostics.push({ line: lineNumber, message: 'A line of the sync record is not a JSON object: it is left out (its issue counts as never synced).' });
      return;
    }
    if ('cache' in object) {
      const read = readCache(object.cache);
      if (read === null || cache !== null) diagnostics.push({ line: lineNumber, message: 'The cached site metadata in the sync record is damaged or repeated: it is ignored.' });
      else cache = read;
      return;
    }
    const entry = readEntry(object, (message) => diagnostics.push({ line: lineNumber, message }));
    if (entry === null) return;
    const key = entry.key.toUpperCase();
    if (entries.has(key) || duplicates.has(key)) {
      duplicates.add(key);
      entries.delete(key);
      diagnostics.push({ line: lineNumber, message: `The sync record holds ${entry.key} twice: both are left out (the issue counts as never synced).` });
      return;
    }
    entries.set(key, entry);
  });
  if (conflictMarkers) diagnostics.push({ line: 1, message: 'The sync record holds unresolved merge conflict markers: the issues named twice count as never synced.' });
  const sorted = [...entries.values()].sort((a, b) => compareKeys(a.key, b.key));
  return { record: { version: RECORD_VERSION, epic, tracker, site, cache, entries: sorted }, diagnostics };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function readCache(value: unknown): SiteCache | null {
  const object = asObject(value);
  const values = asObject(object?.values);
  if (object === null || values === null || typeof object.checked !== 'string') return null;
  const strings: Record<string, string> = {};
  for (const [name, entry] of Object.entries(values)) {
    if (typeof entry !== 'string') return null;
    strings[name] = entry;
  }
  return { checked: object.checked, values: strings };
}

function readEntry(object: Record<string, unknown>, report: (message: string) => void): RecordEntry | null {
  const { key, story, subtask, synced, updated } = object;
  const subtaskNumber = subtask === undefined || subtask === null ? null : subtask;
  if (typeof key !== 'string' || key === '' || typeof story !== 'string' || typeof synced !== 'string'
    || (subtaskNumber !== null && (typeof subtaskNumber !== 'number' || !Number.isInteger(subtaskNumber)))
    || (updated !== null && updated !== undefined && typeof updated !== 'string')) {
    report('An entry of the sync record lacks its key, story or sync time: it is left out (its issue counts as never synced).');
    return null;
  }
  const fields: Partial<Record<SyncField, AgreedField>> = {};
  const kind = { subtask: subtaskNumber };
  for (const field of fieldsOf(kind)) {
    if (!(field in object)) continue;
    const agreed = readAgreed(field, object[field]);
    if (agreed === null) report(`The recorded ${field} of ${key} is damaged: it counts as never synced.`);
    else fields[field] = agreed;
  }
  return { key, story: story.toUpperCase(), subtask: subtaskNumber, synced, updated: typeof updated === 'string' ? updated : null, fields };
}

function readAgreed(field: SyncField, value: unknown): AgreedField | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [note, tracker] = value as unknown[];
  const valid = (side: unknown): side is FieldValue => {
    if (side === null) return true;
    if (field === 'labels') return Array.isArray(side) && side.every((label) => typeof label === 'string');
    if (field === 'story_points') return typeof side === 'number' && Number.isFinite(side);
    return typeof side === 'string';
  };
  return valid(note) && valid(tracker) ? { note, tracker } : null;
}

/** What a record must belong to, to be used for a run. */
export interface RecordOwner {
  readonly epic: string;
  readonly tracker: string;
  readonly site: string;
}

/**
 * The record if it belongs to this epic, tracker and site (keys, case and a trailing `/` of the
 * site aside), else no record with a diagnostic: keys of another site must never steer a sync.
 */
export function recordFor(reading: RecordReading, owner: RecordOwner): RecordReading {
  const record = reading.record;
  if (record === null) return reading;
  const site = (url: string): string => url.trim().replace(/\/+$/, '').toLowerCase();
  const same = record.epic.toUpperCase() === owner.epic.toUpperCase() && record.tracker.toLowerCase() === owner.tracker.toLowerCase() && site(record.site) === site(owner.site);
  if (same) return reading;
  return { record: null, diagnostics: [...reading.diagnostics, { line: 1, message: `The sync record belongs to ${record.epic} on ${record.site} (${record.tracker}), not to ${owner.epic} on ${owner.site}: it is ignored.` }] };
}
