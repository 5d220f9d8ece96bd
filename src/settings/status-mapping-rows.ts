/**
 * The status mapping as the settings table shows it: one row per tracker status name, with the
 * note status it stands for. Stored settings keep their shape (`statusMapping`: note status →
 * names, the first name per status being the transition target); rows are that, flattened in the
 * order of `STATUSES`, and back. Pure.
 */
import { STATUSES, type Status } from '../model/types';

/** One row of the table: a tracker status name and the note status it maps to. Mutable: the tab edits rows in place. */
export interface StatusMappingRow {
  status: Status;
  name: string;
}

/** The rows of `mapping`: by note status in `STATUSES` order, each status's names in their order. */
export function statusMappingRows(mapping: Readonly<Record<Status, readonly string[]>>): StatusMappingRow[] {
  return STATUSES.flatMap((status) => mapping[status].map((name) => ({ status, name })));
}

/**
 * The mapping the rows say: names trimmed, blank ones left out (a row still being typed), the row
 * order kept within each status. A status with no name is left empty; `migrateSettings` gives it
 * its default names.
 */
export function statusMappingOf(rows: readonly StatusMappingRow[]): Record<Status, string[]> {
  const mapping = Object.fromEntries(STATUSES.map((status) => [status, [] as string[]])) as Record<Status, string[]>;
  for (const row of rows) {
    const name = row.name.trim();
    if (name !== '' && !mapping[row.status].includes(name)) mapping[row.status].push(name);
  }
  return mapping;
}

/** `rows` with the row at `from` moved to `to` (indices into `rows`); the input is left untouched. */
export function moveRow<T>(rows: readonly T[], from: number, to: number): T[] {
  const out = [...rows];
  const [moved] = out.splice(from, 1);
  if (moved !== undefined) out.splice(Math.max(0, Math.min(to, out.length)), 0, moved);
  return out;
}

/** True when `row` is the first of its status in `rows`: transitions to that status go to its name. */
export function isTransitionTarget(rows: readonly StatusMappingRow[], row: StatusMappingRow): boolean {
  return rows.find((r) => r.status === row.status && r.name.trim() !== '') === row;
}
