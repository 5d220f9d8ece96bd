/**
 * Fake Jira: an in-memory Jira Cloud (REST v3, Basic email:token, ADF) or Data Center (REST v2,
 * Bearer PAT, wiki-markup strings) on 127.0.0.1 that checks every request against Atlassian's
 * OpenAPI description and every ADF document against @atlaskit/adf-schema. Used by the sync tests
 * and embedded by the demo sandbox (no jest imports anywhere in this folder's server files).
 */
import { AdfContract } from './adf-contract';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeJiraServer, type FakeJiraServerSetup } from './http-server';
import { OpenApiContract } from './openapi-contract';
import { issueTypesNamed, type SiteConfig } from './site-config';
import type { FakeIssueSeed, FakeJira, FakeJiraOptions, JiraContracts } from './types';

export type { FakeIssue, FakeIssueSeed, FakeJira, TeammateChange, FakeJiraOptions, FaultKind, FaultRule, JiraContracts, JiraFlavor, RecordedRequest } from './types';
export { STATUSES, TRANSITIONS } from './workflow';
export { EPIC_LINK_FIELD_ID } from './site-config';
export { BULK_CREATE_LIMIT } from './jira-api';

/** The epic every default site has. */
export const DEFAULT_EPICS: readonly { key: string; summary: string }[] = [{ key: 'INFRA-100', summary: 'Database Migration: PostgreSQL to CockroachDB' }];

/**
 * Load the OpenAPI description and prepare the ADF checker once, to share between fakes of one
 * test file (`contracts` option). `openApiPath` defaults to the copy in testing/contracts.
 */
export function loadJiraContracts(openApiPath?: string): JiraContracts {
  return { openApi: OpenApiContract.load(openApiPath), adf: new AdfContract() };
}

/** Options of `createFakeJiraHandler`: those of `startFakeJira` (no port) plus the host's site URL. */
export interface FakeJiraHandlerOptions extends Omit<FakeJiraOptions, 'port'> {
  /** The URL of the server that embeds the fake (`http://127.0.0.1:PORT`), read on every request. */
  readonly baseUrl: () => string;
}

/**
 * A fake Jira that answers inside another `node:http` server (the demo sandbox serves it on the
 * page's own origin): call `handle(req, res)` first; it returns false for paths outside `/rest/`.
 * The result is also the usual `FakeJira` (requests, violations, issues, writes).
 */
export interface FakeJiraHandler extends FakeJira {
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

/** Creates an embedded fake Jira; see `FakeJiraHandler`. Same defaults as `startFakeJira`. */
export function createFakeJiraHandler(options: FakeJiraHandlerOptions): FakeJiraHandler {
  return FakeJiraServer.embedded({ ...serverSetup(options), baseUrl: options.baseUrl });
}

/** Start a fake Jira; resolves when it listens. Defaults: see `FakeJiraOptions`. */
export async function startFakeJira(options: FakeJiraOptions = {}): Promise<FakeJira> {
  return FakeJiraServer.start(serverSetup(options));
}

function serverSetup(options: FakeJiraOptions): FakeJiraServerSetup {
  const flavor = options.flavor ?? 'cloud';
  const projectKey = options.projectKey ?? 'INFRA';
  const config: SiteConfig = {
    flavor,
    email: options.email ?? 'dev@example.com',
    token: options.token ?? 'fake-token-123',
    projectKey,
    projectId: '10000',
    projectName: `${projectKey} project`,
    storyPointsFieldId: options.storyPointsFieldId ?? 'customfield_10042',
    storyPointsFieldName: options.storyPointsFieldName ?? 'Story Points',
    issueTypes: issueTypesNamed(options.subtaskIssueType ?? 'Sub-task'),
    pageSize: options.pageSize ?? 50,
    searchLag: flavor === 'cloud' ? options.searchLag ?? 0 : 0,
    hiddenFields: { create: options.hiddenFields?.create ?? [], edit: options.hiddenFields?.edit ?? [] },
    unreachable: options.unreachable ?? [],
    validate: options.validate ?? true,
    now: options.now ?? ((): Date => new Date()),
    timeZone: options.timeZone ?? 'UTC',
    apiPrefix: flavor === 'cloud' ? '/rest/api/3' : '/rest/api/2',
    displayName: 'Dev Example',
    accountId: '5b10ac8d82e05b22cc7d4ef5',
  };
  const epics: FakeIssueSeed[] = (options.epics ?? DEFAULT_EPICS).map((e) => ({ key: e.key, summary: e.summary, issueType: 'Epic', priority: null }));
  return { config, port: options.port ?? 0, openApiPath: options.openApiPath, seeds: [...epics, ...(options.issues ?? [])], contracts: options.contracts };
}
