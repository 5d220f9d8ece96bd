/**
 * Project metadata read at most once per tracker instance and shared by planning and execution:
 * the project's story and subtask issue types, the create screen of each type, and the site's
 * priorities. A dry run that already read them leaves nothing to read again when the same plan
 * is executed.
 */
import type { JiraClient } from './client';
import type { JiraConfig } from './config';
import { createScreenFields, discoverProjectTypes, sitePriorities, type IssueType, type ProjectTypes } from './site';

/** Which issue a create makes. */
export type IssueLevel = 'story' | 'subtask';

/** Cached project metadata of one site and project. */
export class SiteMetadata {
  private readonly client: JiraClient;
  private readonly config: JiraConfig;
  private types: ProjectTypes | null = null;
  private readonly screens = new Map<string, ReadonlySet<string> | null>();
  /** undefined: not read yet; null: the site does not answer. */
  private priorities: readonly string[] | null | undefined;

  constructor(args: { client: JiraClient; config: JiraConfig }) {
    this.client = args.client;
    this.config = args.config;
  }

  /** The project's story and subtask types (`GET /project/{key}`, once). Rejects with a `TrackerError`. */
  async projectTypes(): Promise<ProjectTypes> {
    this.types ??= await discoverProjectTypes(this.client, this.config.projectKey, this.config.storyIssueType || 'Story', this.config.subtaskIssueType || undefined);
    return this.types;
  }

  /** The issue type sync uses for `level`; null when the project has no subtask type. */
  async typeOf(level: IssueLevel): Promise<IssueType | null> {
    const types = await this.projectTypes();
    return level === 'story' ? types.story : types.subtask;
  }

  /** Field ids of the create screen of `typeId` (once per type); null when the site does not say. */
  async createScreen(typeId: string): Promise<ReadonlySet<string> | null> {
    if (!this.screens.has(typeId)) this.screens.set(typeId, await createScreenFields(this.client, this.config.projectKey, typeId));
    return this.screens.get(typeId) ?? null;
  }

  /** The site's priority names (`GET /priority`, once); null when the site does not answer. */
  async priorityNames(): Promise<readonly string[] | null> {
    if (this.priorities === undefined) this.priorities = await sitePriorities(this.client);
    return this.priorities;
  }
}
