/**
 * The sync record: what each synced field was on both sides when the note and the tracker last
 * agreed, per story and subtask, and when (docs/sync-record.md). Pure data; `format.ts` reads and
 * writes it as text, the three-way plan (`three-way.ts`) compares it with both sides.
 */

/** Version of the record format this code writes; a record of a newer version reads as no record. */
export const RECORD_VERSION = 1;

/**
 * The fields a story syncs, in the record's (and the plan's) fixed order, named as the JSON result
 * names them (docs/cli.md).
 */
export const STORY_FIELDS = ['status', 'story_points', 'priority', 'title', 'description', 'labels'] as const;

/** The fields a subtask syncs, in fixed order, named as the JSON result names them. */
export const SUBTASK_FIELDS = ['status', 'story_points', 'name'] as const;

/** A synced field of a story or a subtask. */
export type SyncField = (typeof STORY_FIELDS)[number] | (typeof SUBTASK_FIELDS)[number];

/**
 * A field value in the JSON result's vocabulary (docs/cli.md): a status (`done`), points (`5`), a
 * priority (`critical`), a title, a description hash (`h:` + 16 hex digits), labels (sorted), or
 * null when the side has no value.
 */
export type FieldValue = string | number | readonly string[] | null;

/**
 * One field as last agreed: the note's value and the tracker's own value (a status or priority
 * *name* such as `Done` or `Highest`, points, the summary, a description hash, labels). Both are
 * kept because the two sides spell one meaning differently, and a change is a change of a side's
 * own spelling.
 */
export interface AgreedField {
  readonly note: FieldValue;
  readonly tracker: FieldValue;
}

/** The record of one tracker issue (a story or a subtask). */
export interface RecordEntry {
  /** The tracker key (`INFRA-101`). */
  readonly key: string;
  /** The note's story id the issue belonged to (`US-001`), upper case. */
  readonly story: string;
  /** The subtask number (`#` column) for a subtask, null for a story. */
  readonly subtask: number | null;
  /**
   * When the entry last changed (an agreed value or the tracker's stamp; ISO 8601 UTC to the
   * second). Only a change of the entry moves it, so a sync that changes nothing rewrites nothing.
   */
  readonly synced: string;
  /** The tracker's own `updated` stamp of the issue when it was last read, as the tracker wrote it; null when unknown. */
  readonly updated: string | null;
  /** Agreed values by field; a field missing here was never agreed (first sync of it: pushed, "no record"). */
  readonly fields: Readonly<Partial<Record<SyncField, AgreedField>>>;
}

/**
 * Site metadata a tracker may cache in the record to save requests on a re-sync. A cache is only
 * a hint: every value is checked by the read that happens anyway before it is used for a write,
 * and dropped on an unknown-field or invalid-transition answer (docs/sync-record.md "Cache").
 */
export interface SiteCache {
  /** Cached values by name (`story_points_field`, `story_points_name`, …); strings only. */
  readonly values: Readonly<Record<string, string>>;
  /** When the cache was filled (ISO 8601 UTC). */
  readonly checked: string;
}

/** The whole record of one epic. */
export interface SyncRecord {
  readonly version: number;
  /** The tracker epic key the record belongs to. */
  readonly epic: string;
  /** The tracker name (`jira`). */
  readonly tracker: string;
  /** The site the keys belong to (`https://acme.atlassian.net`): a record of another site is not used. */
  readonly site: string;
  readonly cache: SiteCache | null;
  /** Entries in key order (see `compareKeys`). */
  readonly entries: readonly RecordEntry[];
}

/** A problem met while reading a record; the damaged part is treated as no record, never a crash. */
export interface RecordDiagnostic {
  /** 1-based line of the record text. */
  readonly line: number;
  readonly message: string;
}
