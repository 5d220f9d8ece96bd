/**
 * What a Jira site calls things, discovered instead of hard-coded: the story points field (by name
 * through `GET /field`, settings override), the Epic Link field (data center), the story and
 * subtask issue types (project metadata) and which fields their create screens accept.
 */
import { hintFor, notTrackerError, TrackerError } from '../errors';
import { apiBase } from './config';
import type { JiraClient } from './client';
import { asString } from '../json';
import { getCreateIssueMetaIssueTypeId, getFields, getPriorities, getProject } from './rest';

/** Field names that mean story points, in order of preference (compared case-insensitively). */
export const STORY_POINTS_NAMES: readonly string[] = ['Story Points', 'Story point estimate'];

/** Fields found through `GET /field`. */
export interface SiteFields {
  /** Story points field id, or null when the site has none. */
  readonly storyPoints: string | null;
  /** The site's name of that field ("Story Points"), or its id when the site does not list it. */
  readonly storyPointsName: string | null;
  /** True when `GET /field` lists the story points field (false for an unknown id from the settings, and when there is none). */
  readonly storyPointsListed: boolean;
  /** Other story points candidates, checked against the create screen when creating. */
  readonly storyPointsCandidates: readonly string[];
  /** The Epic Link field id (data center epic membership), or null. */
  readonly epicLink: string | null;
  readonly warnings: readonly string[];
}

/**
 * Reads `GET /field` (one request, the first of a run) and picks the fields sync needs. `override`
 * wins when set. Every Jira answers it: a 404 means the address is not a Jira site (kind
 * `notTracker`), not that an epic or issue is missing.
 */
export async function discoverFields(client: JiraClient, override: string | undefined): Promise<SiteFields> {
  let answer;
  try {
    answer = await getFields(client);
  } catch (error) {
    if (error instanceof TrackerError && error.kind === 'notFound') throw notTrackerError('Jira', `read the field list got HTTP 404: no Jira REST API at ${new URL(apiBase(client.config)).pathname}/field`, client.secretValues);
    throw error;
  }
  const fields = answer.map((record) => {
    const name = (asString(record.name) ?? '').trim();
    return { id: asString(record.id) ?? '', name: name.toLowerCase(), shownName: name };
  }).filter((field) => field.id !== '');
  const nameOf = (id: string | null): string | null => (id === null ? null : fields.find((field) => field.id === id)?.shownName || id);
  const candidates = STORY_POINTS_NAMES.flatMap((name) => fields.filter((field) => field.name === name.toLowerCase()).map((field) => field.id));
  const epicLink = fields.find((field) => field.name === 'epic link')?.id ?? null;
  const warnings: string[] = [];
  if (override) {
    if (!fields.some((field) => field.id === override)) warnings.push(`The story points field ${override} from the settings does not exist on this site.`);
    return { storyPoints: override, storyPointsName: nameOf(override), storyPointsListed: fields.some((field) => field.id === override), storyPointsCandidates: [override], epicLink, warnings };
  }
  if (candidates.length === 0) warnings.push('No story points field (named "Story Points" or "Story point estimate") on this site: points are not synced.');
  const storyPoints = candidates[0] ?? null;
  return { storyPoints, storyPointsName: nameOf(storyPoints), storyPointsListed: storyPoints !== null, storyPointsCandidates: candidates, epicLink, warnings };
}

/** An issue type of the project. */
export interface IssueType {
  readonly id: string;
  readonly name: string;
  readonly subtask: boolean;
}

/** The project's issue types and the ones sync uses. */
export interface ProjectTypes {
  readonly projectKey: string;
  readonly story: IssueType;
  readonly subtask: IssueType | null;
}

/**
 * Reads `GET /project/{key}` and picks the story type (by the configured name, default `Story`)
 * and the subtask type (configured name, else a subtask type named `Sub-task`/`Subtask`, else any
 * subtask type).
 */
export async function discoverProjectTypes(client: JiraClient, projectKey: string, storyTypeName: string, subtaskTypeName: string | undefined): Promise<ProjectTypes> {
  const project = await getProject(client, projectKey);
  const types: IssueType[] = project.issueTypes.flatMap((record) => {
    const id = asString(record.id);
    const name = asString(record.name);
    return id !== null && name !== null ? [{ id, name, subtask: record.subtask === true }] : [];
  });
  const byName = (name: string): IssueType | undefined => types.find((type) => type.name.toLowerCase() === name.trim().toLowerCase());
  const story = byName(storyTypeName);
  if (!story) {
    throw new TrackerError({
      kind: 'validation',
      status: null,
      message: `The project ${projectKey} has no issue type "${storyTypeName}" (it has ${types.map((type) => type.name).join(', ') || 'none'}).`,
      hint: 'Set the story issue type in the settings to one of the project\'s issue types.',
    });
  }
  const subtask = (subtaskTypeName ? byName(subtaskTypeName) : undefined)
    ?? types.find((type) => type.subtask && /^sub-?task$/i.test(type.name))
    ?? types.find((type) => type.subtask)
    ?? null;
  return { projectKey, story, subtask };
}

/**
 * Field ids on the create screen of an issue type (`GET /issue/createmeta/{project}/issuetypes/{id}`),
 * or null when the site does not answer that call (older data center): then nothing is filtered.
 */
export async function createScreenFields(client: JiraClient, projectKey: string, issueTypeId: string): Promise<ReadonlySet<string> | null> {
  try {
    const entries = await getCreateIssueMetaIssueTypeId(client, projectKey, issueTypeId);
    return new Set(entries.map((entry) => asString(entry.fieldId) ?? '').filter((id) => id !== ''));
  } catch (error) {
    if (error instanceof TrackerError && error.kind === 'notFound') return null;
    throw error;
  }
}

/** The error for a project without a subtask type. */
export function noSubtaskTypeError(projectKey: string): TrackerError {
  return new TrackerError({
    kind: 'validation',
    status: null,
    message: `The project ${projectKey} has no subtask issue type.`,
    hint: hintFor('validation'),
  });
}

/**
 * Priority names of the site (`GET /priority`), for checking the priority mapping before sending
 * it. Null when the site does not answer that call (nothing is checked then).
 */
export async function sitePriorities(client: JiraClient): Promise<readonly string[] | null> {
  try {
    const priorities = await getPriorities(client);
    return priorities.map((entry) => asString(entry.name) ?? '').filter((name) => name !== '');
  } catch (error) {
    if (error instanceof TrackerError && (error.kind === 'notFound' || error.kind === 'forbidden')) return null;
    throw error;
  }
}
