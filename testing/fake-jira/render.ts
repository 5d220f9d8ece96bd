/**
 * The JSON Jira answers for issues, statuses and comments, restricted to the requested fields
 * (`*all` / `*navigable` → every field, `-name` excludes, no list → the endpoint's default).
 */
import type { IssueStore } from './issue-store';
import { EPIC_LINK_FIELD_ID, findIssueType, PRIORITIES, SPRINT_FIELD_ID, type SiteConfig } from './site-config';
import type { FakeIssue } from './types';
import { findStatus, STATUS_CATEGORIES, type WorkflowStatus } from './workflow';

/** Jira's timestamp format: 2026-11-24T12:00:00.000+0000. */
export function jiraTime(iso: string): string {
  return iso.replace(/Z$/, '+0000');
}

/** Which fields to return: `all`, or an explicit set. */
export type FieldSelection = { all: true; excluded: ReadonlySet<string> } | { all: false; included: ReadonlySet<string> };

/** Parse a `fields` parameter (comma string or list); `fallback` when absent. */
export function selectFields(fields: unknown, fallback: string[]): FieldSelection {
  const list = Array.isArray(fields)
    ? fields.map(String)
    : typeof fields === 'string'
      ? fields.split(',')
      : fallback;
  const names = list.map((f) => f.trim()).filter((f) => f !== '');
  const excluded = new Set(names.filter((f) => f.startsWith('-')).map((f) => f.slice(1)));
  if (names.includes('*all') || names.includes('*navigable')) return { all: true, excluded };
  return { all: false, included: new Set(names.filter((f) => !f.startsWith('-') && !excluded.has(f))) };
}

/** Renders the site's objects as Jira JSON. */
export class JiraRenderer {
  constructor(
    private readonly config: SiteConfig,
    private readonly store: IssueStore,
    private readonly baseUrl: () => string,
  ) {}

  private api(path: string): string {
    return `${this.baseUrl()}${this.config.apiPrefix}${path}`;
  }

  /** `status` of an issue or a transition target. */
  status(status: WorkflowStatus): Record<string, unknown> {
    const category = STATUS_CATEGORIES[status.category];
    return {
      self: this.api(`/status/${status.id}`),
      description: '',
      iconUrl: `${this.baseUrl()}/images/icons/statuses/generic.png`,
      name: status.name,
      id: status.id,
      statusCategory: { self: this.api(`/statuscategory/${category.id}`), id: category.id, key: category.key, colorName: category.colorName, name: category.name },
    };
  }

  /** The current user, as `author` of comments and `/myself`. */
  user(displayName = this.config.displayName): Record<string, unknown> {
    return this.config.flavor === 'cloud'
      ? { self: this.api(`/user?accountId=${this.config.accountId}`), accountId: this.config.accountId, emailAddress: this.config.email, displayName, active: true, timeZone: 'Etc/UTC', accountType: 'atlassian' }
      : { self: this.api('/user?username=dev'), name: 'dev', key: 'JIRAUSER10000', emailAddress: this.config.email, displayName, active: true, timeZone: 'Etc/UTC' };
  }

  /** One comment. */
  comment(issue: FakeIssue, comment: FakeIssue['comments'][number]): Record<string, unknown> {
    const author = this.user(comment.author);
    return {
      self: this.api(`/issue/${issue.id}/comment/${comment.id}`),
      id: comment.id,
      author,
      body: comment.body,
      updateAuthor: author,
      created: jiraTime(comment.created),
      updated: jiraTime(comment.created),
      ...(this.config.flavor === 'cloud' ? { jsdPublic: true } : {}),
    };
  }

  /** The `comment` field (every comment) or one page of `GET …/comment` (`startAt`, `maxResults`, oldest first). */
  commentPage(issue: FakeIssue, startAt = 0, maxResults = issue.comments.length): Record<string, unknown> {
    const page = issue.comments.slice(startAt, startAt + maxResults);
    return { comments: page.map((c) => this.comment(issue, c)), self: this.api(`/issue/${issue.id}/comment`), maxResults, total: issue.comments.length, startAt };
  }

  private issueTypeJson(name: string): Record<string, unknown> {
    const type = findIssueType(this.config, name);
    return { self: this.api(`/issuetype/${type?.id ?? '0'}`), id: type?.id ?? '0', name, subtask: type?.subtask ?? false, hierarchyLevel: type?.hierarchyLevel ?? 0 };
  }

  private priorityJson(name: string | null): Record<string, unknown> | null {
    const priority = PRIORITIES.find((p) => p.name === name);
    return priority ? { self: this.api(`/priority/${priority.id}`), id: priority.id, name: priority.name } : null;
  }

  private statusOf(issue: FakeIssue): Record<string, unknown> {
    const status = findStatus(issue.status) ?? { id: '0', name: issue.status, category: 'new' as const };
    return this.status(status);
  }

  private linkedIssue(issue: FakeIssue): Record<string, unknown> {
    return {
      id: issue.id,
      key: issue.key,
      self: this.api(`/issue/${issue.id}`),
      fields: { summary: issue.summary, status: this.statusOf(issue), priority: this.priorityJson(issue.priority), issuetype: this.issueTypeJson(issue.issueType) },
    };
  }

  /** Every field of `issue`, by id; `parent` only when there is one (as Jira does). */
  private allFields(issue: FakeIssue): Record<string, unknown> {
    const parent = issue.parent ? this.store.find(issue.parent) : undefined;
    const subtasks = [...this.store.issues.values()].filter((i) => i.parent === issue.key && findIssueType(this.config, i.issueType)?.subtask === true);
    const fields: Record<string, unknown> = {
      ...issue.fields,
      summary: issue.summary,
      description: issue.description,
      status: this.statusOf(issue),
      priority: this.priorityJson(issue.priority),
      issuetype: this.issueTypeJson(issue.issueType),
      labels: [...issue.labels],
      project: { self: this.api(`/project/${this.config.projectId}`), id: this.config.projectId, key: this.config.projectKey, name: this.config.projectName },
      subtasks: subtasks.map((s) => this.linkedIssue(s)),
      comment: this.commentPage(issue),
      created: jiraTime(issue.created),
      updated: jiraTime(issue.updated),
      [this.config.storyPointsFieldId]: issue.storyPoints,
      [EPIC_LINK_FIELD_ID]: issue.fields[EPIC_LINK_FIELD_ID] ?? null,
      [SPRINT_FIELD_ID]: null,
    };
    if (parent) fields.parent = this.linkedIssue(parent);
    return fields;
  }

  /** An issue with the selected fields. */
  issue(issue: FakeIssue, selection: FieldSelection): Record<string, unknown> {
    const all = this.allFields(issue);
    const fields: Record<string, unknown> = {};
    for (const [id, value] of Object.entries(all)) {
      const wanted = selection.all ? !selection.excluded.has(id) : selection.included.has(id);
      if (wanted) fields[id] = value;
    }
    return { expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations', id: issue.id, self: this.api(`/issue/${issue.id}`), key: issue.key, fields };
  }
}
