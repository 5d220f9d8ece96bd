/** The GitHub Issues adapter of the `Tracker` interface (REST API version 2022-11-28). */
import type { Epic } from '../../model/types';
import type { Clock } from '../clock';
import { TrackerError } from '../errors';
import type { Http } from '../http';
import type { TrackerReading } from '../record/reading';
import type { SyncRecord } from '../record/types';
import type { RetryPolicy, WaitNotice } from '../retry';
import type { ExecuteHooks, PlanOptions, RemoteEpic, RemoteIssue, RemoteStory, SyncOutcome, SyncPlan, Tracker } from '../tracker';
import { GitHubClient } from './client';
import type { GitHubConfig } from './config';
import { GitHubExecution } from './execute';
import { issueHtmlUrl, issueKey, issueNumberOf, parseIssueRef, repositoryHtmlUrl } from './issue-ref';
import { withGitHubKeys } from './note-keys';
import { planGitHubSync, POINTS_LABEL_FIELD, type GitHubRequest } from './plan';
import { fetchIssue, readEpic, readParentKey, readSubIssues, type GitHubIssue } from './read';
import { gitHubRecordReading } from './record-reading';
import { epicUnchangedSince } from './unchanged-probe';

/**
 * GitHub as a `Tracker`: the epic is an existing issue, its stories are its sub-issues, their
 * subtasks the stories' sub-issues (docs/sync.md "GitHub"). One instance per run: it keeps the
 * numeric ids of what `read` saw (attaching an issue takes its id) and the client's ETags.
 * Requests of a full read: the epic, one per page (100) of its sub-issues, one per story that has
 * sub-issues (`sub_issues_summary`), plus one or two per issue the note names that is not there.
 */
export class GitHubTracker implements Tracker<GitHubRequest> {
  readonly name = 'github';
  readonly client: GitHubClient;
  /** How GitHub's values read in the note's vocabulary: what the two-way run (`../two-way.ts`) needs. */
  readonly reading: TrackerReading;
  /** The repository's web address (`https://github.com/acme/infra`), as the sync record names the site. */
  readonly siteUrl: string;
  private readonly config: GitHubConfig;
  private readonly clock: Clock;
  /** Issue key → numeric id, of every issue `read` returned. */
  private readonly ids = new Map<string, number>();

  /**
   * `notice`: told in plain words about long waits (a `retry-after`, a used-up request budget, a
   * label look-up); the CLI prints it on stderr. `requestTimeoutMs`: default 30 s.
   */
  constructor(args: { config: GitHubConfig; http: Http; clock: Clock; retryPolicy?: Partial<RetryPolicy>; notice?: WaitNotice; requestTimeoutMs?: number }) {
    this.config = args.config;
    this.clock = args.clock;
    this.reading = gitHubRecordReading();
    this.siteUrl = repositoryHtmlUrl(args.config.apiUrl, args.config.owner, args.config.repo);
    this.client = new GitHubClient(args);
  }

  /** The issue's page: `https://github.com/acme/infra/issues/12` for `#12` (or `acme/infra#12`). */
  browseUrl(key: string): string {
    const ref = parseIssueRef(key);
    if (ref === null) return `${this.siteUrl}/issues`;
    const { owner, repo } = ref.repository ?? this.config;
    return issueHtmlUrl(this.config.apiUrl, owner, repo, ref.number);
  }

  /**
   * Reads the epic, its stories and their subtasks; with `note`, also the issues it names by key
   * that are not sub-issues where the note puts them. Rejects with a `TrackerError` (kind
   * `notFound` for a missing epic, `configuration` for an epic of another repository).
   */
  async read(epicKey: string, note?: { readonly epic: Epic }): Promise<RemoteEpic> {
    const number = this.epicNumber(epicKey);
    const epic = await readEpic(this.client, number);
    const stories = await readSubIssues(this.client, number);
    const noteStories = note === undefined ? [] : withGitHubKeys(note.epic.stories);
    stories.push(...await this.namedIssues(noteStories.map((story) => story.issueKey), stories));
    const subtaskLists = new Map<string, GitHubIssue[]>();
    for (const story of stories) {
      // A story GitHub counts no sub-issues of costs no request.
      subtaskLists.set(story.remote.key, story.subIssues === 0 ? [] : await readSubIssues(this.client, story.number));
    }
    for (const story of noteStories) {
      const list = story.issueKey === null ? undefined : subtaskLists.get(story.issueKey);
      if (list === undefined) continue;
      const missing = story.subtasks.map((subtask) => subtask.issueKey).filter((key): key is string => key !== null && !list.some((issue) => issue.remote.key === key));
      // Found under another story of the epic: listed here too, so it is matched where the note puts it (and not moved).
      const elsewhere = [...subtaskLists.values()].flat();
      for (const key of missing) {
        const moved = elsewhere.find((issue) => issue.remote.key === key);
        if (moved !== undefined) list.push(moved);
      }
      list.push(...await this.namedIssues(missing.filter((key) => !elsewhere.some((issue) => issue.remote.key === key)), list));
    }
    for (const issue of [...stories, ...[...subtaskLists.values()].flat()]) this.ids.set(issue.remote.key, issue.id);
    const withSubtasks: RemoteStory[] = stories.map((story) => ({ ...story.remote, subtasks: (subtaskLists.get(story.remote.key) ?? []).map((issue) => issue.remote) }));
    return { key: issueKey(number), summary: epic.remote.summary, stories: withSubtasks, storyPointsField: POINTS_LABEL_FIELD, warnings: [] };
  }

  /** The no-op probe (`unchanged-probe.ts`): two requests. */
  async unchangedSince(epicKey: string, record: SyncRecord): Promise<boolean> {
    return epicUnchangedSince(this.client, this.epicNumber(epicKey), record);
  }

  /** Lists the operations that make GitHub match the note; never sends a request. */
  async plan(note: { readonly epic: Epic }, remote: RemoteEpic, options: PlanOptions): Promise<SyncPlan<GitHubRequest>> {
    const planned = planGitHubSync({ epic: note.epic, remote, options }, this.ids);
    return { ...planned, warnings: [...remote.warnings, ...planned.warnings] };
  }

  /** Executes a plan made by `plan`; failed operations are recorded, never thrown. */
  async execute(plan: SyncPlan<GitHubRequest>, hooks?: ExecuteHooks): Promise<SyncOutcome> {
    return new GitHubExecution({ client: this.client, clock: this.clock, plan, hooks }).run();
  }

  /** The number of the epic `epicKey` names (`1`, `#1`, `acme/infra#1` of the configured repository). */
  private epicNumber(epicKey: string): number {
    const ref = parseIssueRef(epicKey);
    const { owner, repo } = this.config;
    if (ref === null) {
      throw new TrackerError({ kind: 'configuration', status: null, message: `"${epicKey}" is not a GitHub issue (it must look like 1, #1 or ${owner}/${repo}#1).`, hint: 'Set the epic in the frontmatter (`epic: "acme/infra#1"`) or pass -e.' });
    }
    if (ref.repository !== null && (ref.repository.owner.toLowerCase() !== owner.toLowerCase() || ref.repository.repo.toLowerCase() !== repo.toLowerCase())) {
      throw new TrackerError({ kind: 'configuration', status: null, message: `The epic ${epicKey} is in ${ref.repository.owner}/${ref.repository.repo}, but the GitHub repository set is ${owner}/${repo}.`, hint: 'Set GITHUB_REPOSITORY (the plugin\'s GitHub repository) to the epic\'s repository, or name an epic of that repository.' });
    }
    return ref.number;
  }

  /**
   * Issues named by `keys` that `found` lacks, read one by one with their parent (a run stopped
   * between a create and its link leaves an issue nobody's sub-issue: the plan attaches it).
   */
  private async namedIssues(keys: readonly (string | null)[], found: readonly GitHubIssue[]): Promise<GitHubIssue[]> {
    const issues: GitHubIssue[] = [];
    for (const key of keys) {
      const number = key === null ? null : issueNumberOf(key);
      if (number === null || found.some((issue) => issue.number === number) || issues.some((issue) => issue.number === number)) continue;
      const issue = await fetchIssue(this.client, number, null);
      if (issue === null) continue;
      const parentKey = await readParentKey(this.client, number);
      const remote: RemoteIssue = { ...issue.remote, parentKey };
      issues.push({ ...issue, remote });
    }
    return issues;
  }
}
