/**
 * JQL date values as Jira reads them for `updated` and `created` (Atlassian, "JQL fields: Updated"
 * and "JQL date/time formats"):
 *   "yyyy/MM/dd HH:mm", "yyyy-MM-dd HH:mm", "yyyy/MM/dd", "yyyy-MM-dd" (no time: midnight), read in
 *   the searching user's time zone, to the minute;
 *   a period relative to now: "w" (weeks), "d" (days), "h" (hours), "m" (minutes), several parts
 *   separated by spaces ("-1w 2d"), a number without unit meaning minutes, a leading "-" for the
 *   past ("-15m");
 *   a bare number WITHOUT quote marks: milliseconds after the epoch.
 * Anything else is a JQL error, worded like Jira's.
 */
import { JqlError } from './jql-parser';

const ABSOLUTE = /^(\d{4})([/-])(\d{1,2})\2(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;
const PERIOD_PART = /(\d+)\s*([wdhm]?)/gi;
const PERIOD = /^[+-]?\s*(?:\d+\s*[wdhm]?\s*)+$/i;
const UNIT_MS: Readonly<Record<string, number>> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, '': 60_000 };

function invalid(value: string, field: string): JqlError {
  return new JqlError(`Error in the JQL Query: Date value '${value}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`);
}

/** Milliseconds between UTC and the wall clock of `timeZone` at the instant `at` (positive east of Greenwich). */
function zoneOffset(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(at));
  const part = (type: string): number => Number(parts.find((entry) => entry.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant a wall-clock time of `timeZone` stands for. */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const first = asUtc - zoneOffset(asUtc, timeZone);
  // Once more at the found instant: the offset may differ across a daylight saving change.
  return asUtc - zoneOffset(first, timeZone);
}

/**
 * The instant (ms since the epoch) a JQL date value stands for. `quoted`: the value was written in
 * quote marks (only then is a bare number a period in minutes). Throws JqlError.
 */
export function jqlInstant(value: string, quoted: boolean, field: string, now: Date, timeZone: string): number {
  const text = value.trim();
  if (!quoted && /^\d+$/.test(text)) return Number(text);
  const absolute = ABSOLUTE.exec(text);
  if (absolute !== null) {
    const [year, month, day, hour, minute] = [absolute[1], absolute[3], absolute[4], absolute[5] ?? '0', absolute[6] ?? '0'].map(Number) as [number, number, number, number, number];
    const check = new Date(Date.UTC(year, month - 1, day));
    if (month < 1 || month > 12 || check.getUTCDate() !== day || hour > 23 || minute > 59) throw invalid(value, field);
    return zonedInstant(year, month, day, hour, minute, timeZone);
  }
  if (PERIOD.test(text)) {
    const sign = text.startsWith('-') ? -1 : 1;
    let total = 0;
    for (const part of text.matchAll(PERIOD_PART)) total += Number(part[1]) * (UNIT_MS[(part[2] ?? '').toLowerCase()] ?? 60_000);
    return now.getTime() + sign * total;
  }
  throw invalid(value, field);
}
