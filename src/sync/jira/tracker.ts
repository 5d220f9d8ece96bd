/** The Jira adapter of the `Tracker` interface (Cloud REST v3 and Data Center REST v2). */
import type { Epic } from '../../model/types';
import type { Clock } from '../clock';
import type { Http } from '../http';
import type { RetryPolicy } from '../retry';
import type { ExecuteHooks, PlanOptions, RemoteEpic, SyncOutcome, SyncPlan, Tracker } from '../tracker';
import { JiraClient } from './client';
import type { JiraConfig } from './config';
import { JiraExecution } from './execute';
import { planSync } from './plan';
import { attachSubtasks, readEpicIssue, searchAll, searchSubtasks, storiesJql } from './read';
import { discoverFields, type SiteFields } from './site';

/**
 * Jira as a `Tracker`. One instance per run: it caches what the site calls things (fields) between
 * `read` and `execute`. Requests of a no-op run: `GET /field`, `GET /issue/EPIC`, one search per
 * page of stories, one per page of subtasks (4 for an epic of up to 100 stories and subtasks).
 */
export class JiraTracker implements Tracker {
  readonly name = 'jira';
  readonly client: JiraClient;
  private readonly config: JiraConfig;
  private readonly clock: Clock;
  private site: SiteFields | null = null;

  constructor(args: { config: JiraConfig; http: Http; clock: Clock; retryPolicy?: Partial<RetryPolicy> }) {
    this.config = args.config;
    this.clock = args.clock;
    this.client = new JiraClient({ config: args.config, http: args.http, clock: args.clock, retryPolicy: args.retryPolicy });
  }

  /** `SITE/browse/KEY`. */
  browseUrl(key: string): string {
    return `${this.config.siteUrl.replace(/\/+$/, '')}/browse/${key}`;
  }

  /** Reads the epic, its stories and their subtasks; rejects with a `TrackerError` (kind `notFound` for a missing epic). */
  async read(epicKey: string): Promise<RemoteEpic> {
    const site = await this.siteFields();
    const epic = await readEpicIssue(this.client, epicKey);
    const stories = await searchAll(this.client, storiesJql(this.client, epic.key), site);
    const subtasks = stories.length > 0 ? await searchSubtasks(this.client, stories.map((story) => story.key), site) : new Map();
    return { key: epic.key, summary: epic.summary, stories: attachSubtasks(stories, subtasks), storyPointsField: site.storyPoints, warnings: site.warnings };
  }

  /** Lists the operations that make Jira match the note (pure). */
  plan(note: { readonly epic: Epic }, remote: RemoteEpic, options: PlanOptions): SyncPlan {
    const plan = planSync({ epic: note.epic, remote, options, config: this.config });
    return { ...plan, warnings: [...remote.warnings, ...plan.warnings] };
  }

  /** Executes a plan made by `plan`; failed operations are recorded, never thrown. */
  async execute(plan: SyncPlan, hooks?: ExecuteHooks): Promise<SyncOutcome> {
    const site = await this.siteFields();
    return new JiraExecution({ client: this.client, config: this.config, site, plan, clock: this.clock, hooks }).run();
  }

  private async siteFields(): Promise<SiteFields> {
    this.site ??= await discoverFields(this.client, this.config.storyPointsField || undefined);
    return this.site;
  }
}
