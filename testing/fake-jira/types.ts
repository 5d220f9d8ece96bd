/**
 * The public surface of the fake Jira (see /tmp/team/fake-jira-api.md): options, recorded
 * requests, issues and fault rules. Shared by the server and by the tests that drive it.
 */

import type { AdfContract } from './adf-contract';
import type { OpenApiContract } from './openapi-contract';

/** Which Jira the fake pretends to be. */
export type JiraFlavor = 'cloud' | 'datacenter';

/** Options of `startFakeJira`; every field is optional. */
export interface FakeJiraOptions {
  /** 'cloud' (default): /rest/api/3, Basic email:token, ADF bodies. 'datacenter': /rest/api/2, Bearer PAT, wiki-markup strings. */
  flavor?: JiraFlavor;
  /** Account email for Basic auth on cloud; default 'dev@example.com'. */
  email?: string;
  /** The API token (cloud) or personal access token (DC); default 'fake-token-123'. */
  token?: string;
  /** The one project of the site; default 'INFRA'. */
  projectKey?: string;
  /** Field id of "Story Points" on this site; default 'customfield_10042'. */
  storyPointsFieldId?: string;
  /** Name of that field; default 'Story Points' (some sites: 'Story point estimate'). */
  storyPointsFieldName?: string;
  /** Name of the subtask issue type; default 'Sub-task' (some sites: 'Subtask'). */
  subtaskIssueType?: string;
  /** Largest page a search answers, default 50 (tests set 5). */
  pageSize?: number;
  /**
   * Cloud only: a created issue stays missing from the next `searchLag` search/jql calls (Jira
   * Cloud's index is eventually consistent) unless its id is in `reconcileIssues`; default 0.
   */
  searchLag?: number;
  /**
   * Field ids left off the create screens (`create`) and the edit screens (`edit`) of every issue
   * type: Jira then answers "Field '…' cannot be set" and createmeta does not list them; default none.
   */
  hiddenFields?: { create?: string[]; edit?: string[] };
  /**
   * Workflow steps the site lacks: from status `from` no transition leads into status `to` (status
   * names); the workflow stays global otherwise. Default none.
   */
  unreachable?: { from: string; to: string }[];
  /** Pre-existing Epic issues; default [{ key: 'INFRA-100', summary: 'Database Migration: PostgreSQL to CockroachDB' }]. */
  epics?: { key: string; summary: string }[];
  /** Other pre-existing issues (stories, subtasks), created after the epics in order; default none. */
  issues?: FakeIssueSeed[];
  /** Check every request against the OpenAPI description and every ADF document; default true. */
  validate?: boolean;
  /** TCP port on 127.0.0.1; default 0 (a free port). */
  port?: number;
  /** Path of jira-cloud-platform.openapi.json; default testing/contracts in the repository. */
  openApiPath?: string;
  /** The clock for `created`/`updated` stamps and for JQL's relative dates (`-15m`); default `() => new Date()`. */
  now?: () => Date;
  /**
   * The time zone of the account (IANA, e.g. `Europe/Berlin`): JQL reads absolute dates
   * (`updated >= "2026-12-06 10:15"`) in it, to the minute, as Jira does; default `UTC`.
   */
  timeZone?: string;
  /** Already loaded contract checkers to share between fakes (loading costs ~0.3–1 s); default: load new ones. */
  contracts?: JiraContracts;
}

/** The two contract checkers; create once per test file with `loadJiraContracts()` and pass to every fake. */
export interface JiraContracts {
  readonly openApi: OpenApiContract;
  readonly adf: AdfContract;
}

/** A pre-existing issue to seed. Keys must belong to the project; missing fields take defaults. */
export interface FakeIssueSeed {
  key: string;
  /** 'Story' (default), 'Task', 'Epic' or the subtask type ('Sub-task' by default). */
  issueType?: string;
  summary: string;
  /** ADF document (cloud) or string (DC); default null. */
  description?: unknown;
  /** A workflow status name; default 'Backlog'. */
  status?: string;
  priority?: string | null;
  labels?: string[];
  /** Parent key (epic of a cloud story, story of a subtask). */
  parent?: string | null;
  /** DC only: the epic of a story, kept in the Epic Link field. */
  epicLink?: string | null;
  storyPoints?: number | null;
  /** Existing comments (bodies as ADF on cloud, strings on DC). */
  comments?: { body: unknown; author?: string }[];
}

/** A teammate's change in Jira (`FakeJira.teammateChange`): each field given is set. */
export interface TeammateChange {
  /** A workflow status name (`Done`). */
  status?: string;
  storyPoints?: number | null;
  summary?: string;
}

/** One request as received. `headers` are lower-cased; `authorization` is always '[redacted]'. */
export interface RecordedRequest {
  method: string;
  /** URL path without the query string, e.g. '/rest/api/3/issue/INFRA-101'. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON body, the raw text when it is not JSON, undefined when empty. */
  body: unknown;
  /** The status answered (for 'drop-after-commit': the status that would have been answered). */
  status: number;
  /** The fault injected into this request, if any. */
  fault?: FaultKind;
}

/** An issue of the fake site, as tests inspect it. */
export interface FakeIssue {
  key: string;
  id: string;
  /** 'Epic' | 'Story' | 'Task' | the subtask type ('Sub-task' by default). */
  issueType: string;
  summary: string;
  /** ADF doc (cloud) or string (DC) or null. */
  description: unknown;
  /** Current workflow status name. */
  status: string;
  priority: string | null;
  labels: string[];
  /** Parent key (cloud: epic of a story; both: story of a subtask). */
  parent: string | null;
  storyPoints: number | null;
  comments: { id: string; body: unknown; author: string; created: string }[];
  /** Any other field as sent (on DC the Epic Link field `customfield_10014` lives here). */
  fields: Record<string, unknown>;
  /** ISO timestamp of creation. */
  created: string;
  /** ISO timestamp of the last change. */
  updated: string;
}

/** What a fault does to a matching request. */
export type FaultKind = 'drop-after-commit' | 'http-500' | 'http-502' | 'http-429';

/** Inject `kind` into the next `times` (default 1) requests matching `method` and `pathIncludes`. */
export interface FaultRule {
  method?: string;
  pathIncludes?: string;
  times?: number;
  kind: FaultKind;
  /** 429 only: the Retry-After header, seconds or an HTTP date; default '1'. */
  retryAfter?: string;
}

/** A running fake Jira. */
export interface FakeJira {
  /** 'http://127.0.0.1:PORT': the site URL; the API is under /rest/api/3 (cloud) or /rest/api/2 (DC). */
  readonly url: string;
  /** Every request, in order of arrival. */
  readonly requests: RecordedRequest[];
  /** Every contract violation found (OpenAPI or ADF); tests assert it stays empty. */
  readonly violations: string[];
  /** Issues by key. */
  readonly issues: Map<string, FakeIssue>;
  /** Inject a fault. Rules are matched in the order added; a used-up rule is dropped. */
  fail(rule: FaultRule): void;
  /** Requests that changed state: POST/PUT/DELETE other than searches, answered below 400 (or committed then dropped). */
  writes(): RecordedRequest[];
  /**
   * A teammate changes an issue in Jira's own screens (not a REST request: not counted, not
   * checked against the API description): status, points or summary; `updated` moves.
   */
  teammateChange(key: string, change: TeammateChange): { ok: true; issue: FakeIssue } | { ok: false; message: string };
  /** Stop listening and destroy open sockets. */
  close(): Promise<void>;
}
