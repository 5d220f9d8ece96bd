/**
 * Issues the note names by key that the epic's searches did not return. Jira Cloud's search index
 * lags behind writes, so right after a sync created issues (or after the user moved one to another
 * epic) a search can miss an issue that exists: it is fetched by key (`GET /issue/{key}`) instead
 * of being skipped, and matched by its key, so a re-run never creates it a second time. An issue
 * found this way that is not under the epic (or its story) is still matched, with a warning.
 * A run whose searches return every named key makes no request here.
 */
import type { Epic } from '../../model/types';
import type { RemoteIssue, RemoteStory } from '../tracker';
import type { JiraClient } from './client';
import { fetchIssue } from './read';
import type { SiteFields } from './site';

/** Stories the note names by key that are missing from `found`, fetched by key; with warnings. */
export async function fetchNamedStories(client: JiraClient, site: SiteFields, epic: Epic, epicKey: string, found: readonly RemoteIssue[]): Promise<{ stories: RemoteIssue[]; warnings: string[] }> {
  const known = new Set(found.map((issue) => issue.key.toUpperCase()));
  const stories: RemoteIssue[] = [];
  const warnings: string[] = [];
  for (const story of epic.stories) {
    const key = story.issueKey?.toUpperCase() ?? null;
    if (key === null || known.has(key)) continue;
    known.add(key);
    const issue = await fetchIssue(client, key, site);
    if (issue === null) continue;
    stories.push(issue);
    if (issue.parentKey?.toUpperCase() !== epicKey.toUpperCase()) {
      warnings.push(`${story.id}: ${issue.key} is not under the epic ${epicKey} in Jira (${issue.parentKey === null ? 'it has no epic' : `it is under ${issue.parentKey}`}); it is synced where it is and not moved.`);
    }
  }
  return { stories, warnings };
}

/**
 * Each story's subtasks, plus those the note names by key under another story: taken from the
 * story they were found under (a subtask moved in Jira), else fetched by key (the search missed it).
 */
export async function fetchNamedSubtasks(client: JiraClient, site: SiteFields, epic: Epic, stories: readonly RemoteStory[]): Promise<{ stories: RemoteStory[]; warnings: string[] }> {
  const lists = new Map(stories.map((story) => [story.key.toUpperCase(), [...story.subtasks]]));
  const where = new Map<string, string>();
  for (const story of stories) for (const subtask of story.subtasks) where.set(subtask.key.toUpperCase(), story.key.toUpperCase());
  const warnings: string[] = [];
  let changed = false;
  for (const story of epic.stories) {
    const home = story.issueKey?.toUpperCase() ?? null;
    const list = home === null ? undefined : lists.get(home);
    if (home === null || list === undefined) continue;
    for (const subtask of story.subtasks) {
      const key = subtask.issueKey?.toUpperCase() ?? null;
      if (key === null || where.get(key) === home) continue;
      const elsewhere = where.get(key);
      let issue: RemoteIssue | null;
      if (elsewhere !== undefined) {
        // Found under another story of the epic: it belongs to the story the note puts it in.
        const from = lists.get(elsewhere) ?? [];
        issue = from.find((entry) => entry.key.toUpperCase() === key) ?? null;
        lists.set(elsewhere, from.filter((entry) => entry.key.toUpperCase() !== key));
      } else {
        issue = await fetchIssue(client, key, site);
      }
      if (issue === null) continue;
      where.set(key, home);
      list.push(issue);
      changed = true;
      if (issue.parentKey?.toUpperCase() !== home) {
        warnings.push(`${story.id} subtask ${subtask.number}: ${issue.key} is not under ${story.issueKey ?? home} in Jira (${issue.parentKey === null ? 'it has no parent' : `it is under ${issue.parentKey}`}); it is synced where it is and not moved.`);
      }
    }
  }
  if (!changed) return { stories: [...stories], warnings };
  return { stories: stories.map((story) => ({ ...story, subtasks: lists.get(story.key.toUpperCase()) ?? story.subtasks })), warnings };
}
