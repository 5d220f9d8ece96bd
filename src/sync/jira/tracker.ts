/** The Jira adapter of the `Tracker` interface (Cloud REST v3 and Data Center REST v2). */
import type { Epic } from '../../model/types';
import type { Clock } from '../clock';
import type { Http } from '../http';
import type { RetryPolicy, WaitNotice } from '../retry';
import type { ExecuteHooks, PlanOptions, RemoteEpic, SyncOutcome, SyncPlan, Tracker } from '../tracker';
import type { TrackerReading } from '../record/reading';
import type { SyncRecord } from '../record/types';
import { JiraClient } from './client';
import { jiraBrowseUrl, type JiraConfig } from './config';
import { JiraExecution } from './execute';
import { fetchNamedStories, fetchNamedSubtasks } from './named-issues';
import { planSync, type JiraRequest } from './plan';
import { checkPointsScreens } from './points-screen';
import { jiraRecordReading } from './record-reading';
import { attachSubtasks, readEpicIssue, searchAll, searchSubtasks, storiesJql } from './read';
import { discoverFields, type SiteFields } from './site';
import { SiteMetadata } from './site-metadata';
import { epicUnchangedSince } from './unchanged-probe';

/**
 * Jira as a `Tracker`. One instance per run: it caches what the site calls things (fields, issue
 * types, create screens) between `read`, `plan` and `execute`. Requests of a full read:
 * `GET /field`, `GET /issue/EPIC`, one search per page of stories, one per page of subtasks.
 * A two-way no-op re-sync asks only `unchangedSince` (3 requests, docs/sync-record.md).
 */
export class JiraTracker implements Tracker<JiraRequest> {
  readonly name = 'jira';
  readonly client: JiraClient;
  private readonly config: JiraConfig;
  private readonly clock: Clock;
  private readonly metadata: SiteMetadata;
  private site: SiteFields | null = null;
  /** How this site's values read in the note's vocabulary: what the two-way run (`../two-way.ts`) needs. */
  readonly reading: TrackerReading;
  /** The site URL, as the sync record names it. */
  readonly siteUrl: string;

  /**
   * `notice`: told in plain words about long waits (a `Retry-After`, a retry after no answer, a
   * label search); the CLI prints it on stderr. `requestTimeoutMs`: default `REQUEST_TIMEOUT_MS` (30 s).
   */
  constructor(args: { config: JiraConfig; http: Http; clock: Clock; retryPolicy?: Partial<RetryPolicy>; notice?: WaitNotice; requestTimeoutMs?: number }) {
    this.config = args.config;
    this.reading = jiraRecordReading(args.config);
    this.siteUrl = args.config.siteUrl;
    this.clock = args.clock;
    this.client = new JiraClient({ config: args.config, http: args.http, clock: args.clock, retryPolicy: args.retryPolicy, notice: args.notice, requestTimeoutMs: args.requestTimeoutMs });
    this.metadata = new SiteMetadata({ client: this.client, config: args.config });
  }

  /** `SITE/browse/KEY`. */
  browseUrl(key: string): string {
    return jiraBrowseUrl(this.config.siteUrl, key);
  }

  /**
   * Reads the epic, its stories and their subtasks; with `note`, also the issues it names by key
   * that the searches missed. Rejects with a `TrackerError` (kind `notFound` for a missing epic).
   */
  async read(epicKey: string, note?: { readonly epic: Epic }): Promise<RemoteEpic> {
    const site = await this.siteFields();
    const epic = await readEpicIssue(this.client, epicKey);
    const warnings = [...site.warnings];
    if (!epic.isEpic) {
      warnings.push(`${epic.key} is a ${epic.issueType}, not an Epic: check the epic key (frontmatter \`epic\` or -e). Jira refuses to create stories under an issue that is not an epic.`);
    }
    const found = await searchAll(this.client, storiesJql(this.client, epic.key), site);
    const named = note ? await fetchNamedStories(this.client, site, note.epic, epic.key, found) : { stories: [], warnings: [] };
    const stories = [...found, ...named.stories];
    const subtasks = stories.length > 0 ? await searchSubtasks(this.client, stories.map((story) => story.key), site) : new Map();
    const withSubtasks = note ? await fetchNamedSubtasks(this.client, site, note.epic, attachSubtasks(stories, subtasks)) : { stories: attachSubtasks(stories, subtasks), warnings: [] };
    return {
      key: epic.key,
      summary: epic.summary,
      stories: withSubtasks.stories,
      storyPointsField: site.storyPoints,
      warnings: [...warnings, ...named.warnings, ...withSubtasks.warnings],
    };
  }

  /** The no-op probe (`epicUnchangedSince`): at most 3 requests, no site metadata read. */
  async unchangedSince(epicKey: string, record: SyncRecord): Promise<boolean> {
    return epicUnchangedSince(this.client, epicKey, record);
  }

  /** Lists the operations that make Jira match the note; reads the create screens only when the plan writes points. */
  async plan(note: { readonly epic: Epic }, remote: RemoteEpic, options: PlanOptions): Promise<SyncPlan<JiraRequest>> {
    const planned = planSync({ epic: note.epic, remote, options, config: this.config });
    const checked = await checkPointsScreens(planned, await this.siteFields(), this.metadata, this.config.projectKey);
    return { ...checked, warnings: [...remote.warnings, ...checked.warnings] };
  }

  /** Executes a plan made by `plan`; failed operations are recorded, never thrown. */
  async execute(plan: SyncPlan<JiraRequest>, hooks?: ExecuteHooks): Promise<SyncOutcome> {
    const site = await this.siteFields();
    return new JiraExecution({ client: this.client, config: this.config, site, metadata: this.metadata, plan, clock: this.clock, hooks }).run();
  }

  private async siteFields(): Promise<SiteFields> {
    this.site ??= await discoverFields(this.client, this.config.storyPointsField || undefined);
    return this.site;
  }
}
