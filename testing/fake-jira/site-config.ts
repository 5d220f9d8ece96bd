/**
 * The fixed metadata of the fake site: project, issue types, priorities, fields and the screens
 * (which field may be set on which issue type), plus the resolved options.
 */
import type { JiraFlavor } from './types';

/** An issue type of the project. */
export interface IssueTypeInfo {
  readonly id: string;
  readonly name: string;
  readonly subtask: boolean;
  readonly hierarchyLevel: number;
}

/** The project's issue types (ids as in the contract); the subtask type's name varies by site. */
export function issueTypesNamed(subtaskName: string): IssueTypeInfo[] {
  return [
    { id: '10000', name: 'Epic', subtask: false, hierarchyLevel: 1 },
    { id: '10001', name: 'Story', subtask: false, hierarchyLevel: 0 },
    { id: '10002', name: 'Task', subtask: false, hierarchyLevel: 0 },
    { id: '10003', name: subtaskName, subtask: true, hierarchyLevel: -1 },
  ];
}

/** The site's priorities, highest first. */
export const PRIORITIES: readonly { id: string; name: string }[] = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
];

/** Id of the Epic Link field (the decoy on cloud, the real epic membership on DC). */
export const EPIC_LINK_FIELD_ID = 'customfield_10014';
/** Id of the Sprint field (never on a screen here). */
export const SPRINT_FIELD_ID = 'customfield_10020';

/** Options after defaults. */
export interface SiteConfig {
  readonly flavor: JiraFlavor;
  readonly email: string;
  readonly token: string;
  readonly projectKey: string;
  readonly projectId: string;
  readonly projectName: string;
  readonly storyPointsFieldId: string;
  /** Display name of the story points field ('Story Points', 'Story point estimate', …). */
  readonly storyPointsFieldName: string;
  readonly issueTypes: readonly IssueTypeInfo[];
  readonly pageSize: number;
  /** Cloud only: searches during which a newly created issue is missing from search/jql (0 = none). */
  readonly searchLag: number;
  /** Field ids left off the create screens and off the edit screens of every issue type. */
  readonly hiddenFields: { readonly create: readonly string[]; readonly edit: readonly string[] };
  /** Workflow steps that do not exist: from status `from` no transition leads into `to`. */
  readonly unreachable: readonly { readonly from: string; readonly to: string }[];
  readonly validate: boolean;
  readonly now: () => Date;
  /** The user's time zone (IANA): JQL reads absolute dates in it, to the minute. */
  readonly timeZone: string;
  /** '/rest/api/3' on cloud, '/rest/api/2' on DC. */
  readonly apiPrefix: string;
  readonly displayName: string;
  readonly accountId: string;
}

/** A field as `GET /field` and createmeta describe it. */
export interface FieldInfo {
  readonly id: string;
  readonly name: string;
  readonly custom: boolean;
  readonly schema: Record<string, unknown>;
  readonly navigable: boolean;
}

/** Every field of the site. */
export function siteFields(config: SiteConfig): FieldInfo[] {
  const system = (id: string, name: string, schema: Record<string, unknown>): FieldInfo => ({ id, name, custom: false, schema: { ...schema, system: id }, navigable: true });
  const custom = (id: string, name: string, schema: Record<string, unknown>): FieldInfo => ({ id, name, custom: true, schema: { ...schema, customId: Number(id.replace('customfield_', '')) }, navigable: true });
  return [
    system('summary', 'Summary', { type: 'string' }),
    system('description', 'Description', { type: 'string' }),
    system('priority', 'Priority', { type: 'priority' }),
    system('labels', 'Labels', { type: 'array', items: 'string' }),
    system('parent', 'Parent', { type: 'issuelink' }),
    system('status', 'Status', { type: 'status' }),
    system('issuetype', 'Issue Type', { type: 'issuetype' }),
    system('comment', 'Comment', { type: 'comments-page' }),
    system('project', 'Project', { type: 'project' }),
    system('subtasks', 'Sub-tasks', { type: 'array', items: 'issuelinks' }),
    system('created', 'Created', { type: 'datetime' }),
    system('updated', 'Updated', { type: 'datetime' }),
    custom(config.storyPointsFieldId, config.storyPointsFieldName, { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float' }),
    custom(EPIC_LINK_FIELD_ID, 'Epic Link', { type: 'any', custom: 'com.pyxis.greenhopper.jira:gh-epic-link' }),
    custom(SPRINT_FIELD_ID, 'Sprint', { type: 'array', items: 'json', custom: 'com.pyxis.greenhopper.jira:gh-sprint' }),
  ];
}

/**
 * Field ids that may be set on `issueType` through its `screen` (default the create screen; the
 * edit screen also drops project and issuetype), minus the site's `hiddenFields` for that screen.
 */
export function screenFieldIds(config: SiteConfig, issueType: IssueTypeInfo, screen: 'create' | 'edit' = 'create'): string[] {
  const base = ['project', 'issuetype', 'summary', 'description', 'priority', 'labels'];
  const all = issueType.name === 'Epic'
    ? base
    : issueType.subtask
      ? [...base, 'parent', config.storyPointsFieldId]
      : config.flavor === 'datacenter'
        ? [...base, EPIC_LINK_FIELD_ID, config.storyPointsFieldId]
        : [...base, 'parent', config.storyPointsFieldId];
  const hidden = config.hiddenFields[screen];
  return all.filter((id) => !hidden.includes(id) && (screen === 'create' || (id !== 'project' && id !== 'issuetype')));
}

/** The site's issue type named or numbered `nameOrId` (names case-insensitive). */
export function findIssueType(config: SiteConfig, nameOrId: string): IssueTypeInfo | undefined {
  return config.issueTypes.find((t) => t.id === nameOrId || t.name.toLowerCase() === nameOrId.toLowerCase());
}
