/**
 * Synced fields and their values in the note's words ("Story points", "In progress", "5 pts"),
 * never the record's names (`story_points`, `in_progress`): shared by the plugin's plan modal and
 * the command line's text output. Pure.
 */
import { pointsWithUnit, priorityLabel, statusLabel } from '../../model';
import { PRIORITIES, STATUSES, type Priority, type Status } from '../../model/types';
import type { FieldValue, SyncField } from './types';

/** Each synced field in the note's words. */
const FIELD_WORDS: Readonly<Record<SyncField, string>> = {
  status: 'Status',
  story_points: 'Story points',
  priority: 'Priority',
  title: 'Title',
  description: 'Description',
  labels: 'Labels',
  name: 'Name',
};

/** The field `field` in the note's words (`story_points` → "Story points"). */
export function fieldWords(field: SyncField): string {
  return FIELD_WORDS[field];
}

/** The note's value of a field as shown: a status or priority in words, points with their unit. */
export function noteValueText(field: SyncField, value: FieldValue): string {
  if (value === null) return '(none)';
  if (field === 'description') return 'the note\'s text';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(', ');
  if (field === 'status' && isStatus(value)) return statusLabel(value);
  if (field === 'priority' && isPriority(value)) return priorityLabel(value);
  if (field === 'story_points' && typeof value === 'number') return pointsWithUnit(value);
  return String(value);
}

function isStatus(value: FieldValue): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

function isPriority(value: FieldValue): value is Priority {
  return typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value);
}
