/**
 * The status text written into the note when the user picks a status (a badge's menu): the
 * vocabulary's canonical emoji and sentence-case label (format.md "Status vocabulary").
 */
import type { Status } from './types';
import { statusEmoji, statusLabel } from './vocabulary';

const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/**
 * The text that replaces a status written as `raw` when the user picks `status`: `✅ Done`, or
 * only `Done` when the user wrote no emoji (their form is kept). It always reads back as `status`.
 */
export function statusReplacement(raw: string, status: Status): string {
  return PICTOGRAPH.test(raw) ? `${statusEmoji(status)} ${statusLabel(status)}` : statusLabel(status);
}
