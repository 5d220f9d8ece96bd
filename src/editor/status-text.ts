/**
 * How a status is shown on a badge and written back into the note: the canonical emoji of the
 * vocabulary (format.md "Status vocabulary") and its sentence-case label.
 */
import { STATUS_VOCABULARY, statusLabel, type Status } from '../model';

/** The canonical emoji of `status` (`✅` for done). */
export function canonicalStatusEmoji(status: Status): string {
  return STATUS_VOCABULARY.find((entry) => entry.value === status)?.emoji[0] ?? '';
}

const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/**
 * The text that replaces a status written as `raw` when the user picks `status`: `✅ Done`, or
 * only `Done` when the user wrote no emoji (their form is kept).
 */
export function statusReplacement(raw: string, status: Status): string {
  return PICTOGRAPH.test(raw) ? `${canonicalStatusEmoji(status)} ${statusLabel(status)}` : statusLabel(status);
}
