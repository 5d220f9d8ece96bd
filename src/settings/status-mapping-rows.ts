/**
 * The status mapping as the settings tab shows it: one row per note status, labelled by it, with
 * the Jira status names that mean it (comma-separated, stored as `statusMapping[status]`). A Jira
 * name may mean two note statuses (the default maps `To Do` to both Planned and Open): each of
 * those rows says so, instead of one list showing `To Do` twice without saying why. Pure.
 */
import { statusEmoji, statusLabel } from '../model';
import { STATUSES, type Status } from '../model/types';

/** A Jira status name of a row that other note statuses use too. */
export interface SharedStatusName {
  /** The name as the row writes it. */
  readonly name: string;
  /** The other note statuses whose rows have it (compared case-insensitively, as the sync does), in `STATUSES` order. */
  readonly alsoMeans: readonly Status[];
}

/** The names of `status`'s row that other rows have too; empty when its names are its own. */
export function sharedStatusNames(mapping: Readonly<Record<Status, readonly string[]>>, status: Status): SharedStatusName[] {
  const key = (name: string): string => name.trim().toLowerCase();
  return mapping[status].flatMap((name) => {
    const alsoMeans = STATUSES.filter((other) => other !== status && mapping[other].some((candidate) => key(candidate) === key(name)));
    return alsoMeans.length === 0 ? [] : [{ name, alsoMeans }];
  });
}

/**
 * What the row of `status` says under its name: for each name another row has too, that it means
 * both, and what that does (the sync reads such a Jira status as either note status and needs no
 * transition from it for either, so a story in either keeps its status). Empty when the row shares no name.
 */
export function statusRowDescription(mapping: Readonly<Record<Status, readonly string[]>>, status: Status): string {
  return sharedStatusNames(mapping, status).map(({ name, alsoMeans }) => {
    const others = alsoMeans.map((other) => `${statusEmoji(other)} ${statusLabel(other)}`).join(' and ');
    const all = [status, ...alsoMeans].map(statusLabel).join(' or ');
    return `“${name}” also means ${others}: a story that is ${all} keeps its status while its issue is in ${name}.`;
  }).join(' ');
}
