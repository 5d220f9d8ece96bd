/**
 * The public surface of the fake GitHub: options, issues as tests see them, recorded requests,
 * fault rules and usage counters. Shared by the server and by the tests that drive it.
 */
import type { RecordedRequest as JiraRecordedRequest } from '../fake-jira/types';
import type { GitHubContract } from './github-contract';

/** Options of `startFakeGitHub`; every field is optional. */
export interface FakeGitHubOptions {
  /** The token the fake accepts (`Authorization: Bearer …` or `token …`); default 'ghp-fake-token-123'. */
  token?: string;
  /** Repository owner; default 'acme'. */
  owner?: string;
  /** Repository name; default 'infra'. */
  repo?: string;
  /** Login of the token's user; default 'dev-example'. */
  login?: string;
  /** Where the REST API lives under the server: '' (default, like api.github.com) or '/api/v3' (Enterprise Server). */
  apiPrefix?: string;
  /**
   * Largest page a list answers (`per_page` is honoured up to it); GitHub's is 100, the default.
   * Tests set 5 so that paging by `Link` is exercised.
   */
  maxPageSize?: number;
  /** Primary rate limit per hour (`x-ratelimit-limit`); default 5000. */
  rateLimit?: number;
  /**
   * What the token may do: 'write' (default), 'read' (writes answer 403 "Resource not accessible by
   * personal access token") or 'none' (the repository answers 404, as GitHub hides it).
   */
  access?: 'write' | 'read' | 'none';
  /** Seeds before `issues`: the epic issue(s); default one epic, #1 'Database Migration: PostgreSQL to CockroachDB'. */
  epics?: FakeGitHubSeed[];
  /**
   * More pre-existing issues and pull requests, numbered after the epics in order; default one open
   * pull request ('Bump dependencies'), since in a real repository issues and pull requests share numbers.
   */
  issues?: FakeGitHubSeed[];
  /** The clock for `created_at`/`updated_at`/`closed_at` (GitHub stamps whole seconds) and rate-limit resets; default `() => new Date()`. */
  now?: () => Date;
  /** Check every request and response against the OpenAPI operations; default true. */
  validate?: boolean;
  /** TCP port on 127.0.0.1; default 0 (a free port). */
  port?: number;
  /** The loaded contract to share between fakes of one test file (`loadGitHubContract()`); default: load it. */
  contract?: GitHubContract;
}

/** A pre-existing issue or pull request. */
export interface FakeGitHubSeed {
  title: string;
  body?: string | null;
  /** Default 'open'. */
  state?: 'open' | 'closed';
  /** Default: 'completed' when closed, null when open. */
  stateReason?: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  /** Label names; unknown ones are created. */
  labels?: string[];
  /** A pull request rather than an issue. */
  pullRequest?: boolean;
  /** The number of the parent issue (a sub-issue of it). */
  parent?: number;
}

/** An issue (or pull request) of the fake repository, as tests inspect it. */
export interface FakeGitHubIssue {
  /** The database id (what `sub_issue_id` takes); never equal to `number`. */
  readonly id: number;
  readonly nodeId: string;
  /** The number in the repository, shared with pull requests; `#number` is the tracker key. */
  readonly number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  /** Label names in the order they were added. */
  labels: string[];
  readonly pullRequest: boolean;
  /** Number of the parent issue, or null. */
  parent: number | null;
  /** Numbers of the sub-issues, in the order they were added. */
  subIssues: number[];
  /** ISO timestamps in whole seconds (`2026-12-06T11:00:00Z`). */
  readonly createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** A repository label. */
export interface FakeGitHubLabel {
  readonly id: number;
  readonly name: string;
  color: string;
  description: string | null;
  /** One of GitHub's default labels of a new repository. */
  readonly isDefault: boolean;
}

/**
 * One request as received: the fake Jira's record (lower-cased headers, `authorization:
 * '[redacted]'`, parsed body, status answered; `path` here is without the API prefix and query)
 * with GitHub's rate-limit accounting.
 */
export interface RecordedRequest extends Omit<JiraRecordedRequest, 'fault'> {
  /** The fault injected into this request, if any. */
  fault?: FaultKind;
  /** It counted against the primary rate limit (authenticated, not a 304, not GET /rate_limit). */
  counted: boolean;
  /** Secondary rate-limit points: 1 for GET/HEAD/OPTIONS, 5 for other methods (GitHub's published costs). */
  points: number;
}

/** What a fault does to a matching request. */
export type FaultKind =
  /** The change is made, then the connection is destroyed before any answer. */
  | 'drop-after-commit'
  /** The connection is destroyed before anything happens. */
  | 'drop-before-commit'
  | 'http-500'
  | 'http-502'
  /** GitHub's secondary rate limit as 403 with `retry-after` (nothing happens). */
  | 'secondary-403'
  /** GitHub's secondary rate limit as 429 with `retry-after` (nothing happens). */
  | 'secondary-429';

/**
 * Inject `kind` into matching requests: `method` ('POST', …, or 'WRITE' for any of
 * POST/PATCH/PUT/DELETE) and `pathIncludes`; the first `skip` matches pass untouched (so
 * `{method: 'WRITE', skip: 4}` hits the 5th write), then the next `times` (default 1) are hit.
 */
export interface FaultRule {
  method?: string;
  pathIncludes?: string;
  skip?: number;
  times?: number;
  kind: FaultKind;
  /** Secondary limits only: the `retry-after` header in seconds; default '1'. */
  retryAfter?: string;
}

/** A teammate's change in GitHub's web UI (not a REST request: not counted, not checked). */
export interface TeammateChange {
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  stateReason?: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  /** The whole label set (unknown labels are created). */
  labels?: string[];
  addLabels?: string[];
  removeLabels?: string[];
}

/** Request counts of the fake since it started (or since `resetUsage()`). */
export interface FakeGitHubUsage {
  /** Every request received. */
  requests: number;
  /** Primary rate-limit points used (`x-ratelimit-used`): authenticated requests except 304s and GET /rate_limit. */
  rateLimitUsed: number;
  /** Requests answered 304 Not Modified (free). */
  notModified: number;
  /** Writes that changed state (see `writes()`). */
  writes: number;
  /** Secondary rate-limit points (1 per read, 5 per write). */
  secondaryPoints: number;
}

/** A running fake GitHub. */
export interface FakeGitHub {
  /** 'http://127.0.0.1:PORT' + apiPrefix: the API root to put in `GitHubConfig.apiUrl`. */
  readonly url: string;
  /** 'http://127.0.0.1:PORT': where the web pages (`html_url`) live. */
  readonly webUrl: string;
  readonly owner: string;
  readonly repo: string;
  /** Every request, in order of arrival. */
  readonly requests: RecordedRequest[];
  /** Every contract violation found (request or response vs the OpenAPI operations); tests assert it stays empty. */
  readonly violations: string[];
  /** Issues and pull requests by number. */
  readonly issues: Map<number, FakeGitHubIssue>;
  /** Repository labels by lower-cased name. */
  readonly labels: Map<string, FakeGitHubLabel>;
  /** Inject a fault. Rules are matched in the order added; a used-up rule is dropped. */
  fail(rule: FaultRule): void;
  /** Requests that changed state: POST/PATCH/PUT/DELETE answered below 400 (or committed then dropped). */
  writes(): RecordedRequest[];
  /** Counters for the report of requests and rate-limit points. */
  usage(): FakeGitHubUsage;
  /** Clear `requests` (and so `usage()` and `writes()`); the primary limit's window is kept. */
  resetUsage(): void;
  /** A teammate changes issue `number` in the web UI: `updated_at` moves. */
  teammateChange(number: number, change: TeammateChange): FakeGitHubIssue;
  /** A teammate opens a new issue (or pull request) in the web UI. */
  teammateCreate(seed: FakeGitHubSeed): FakeGitHubIssue;
  /** Stop listening and destroy open sockets. */
  close(): Promise<void>;
}
