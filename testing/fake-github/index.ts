/**
 * Fake GitHub: an in-memory GitHub REST API (one repository, its issues, pull requests, labels and
 * sub-issues) on 127.0.0.1 that checks every request and response against the operations cut
 * from GitHub's own OpenAPI description. Used by the GitHub sync tests (no jest imports here).
 */
import { FakeGitHubServer } from './http-server';
import { GitHubContract } from './github-contract';
import type { FakeGitHub, FakeGitHubOptions, FakeGitHubSeed } from './types';

export type { FakeGitHub, FakeGitHubIssue, FakeGitHubLabel, FakeGitHubOptions, FakeGitHubSeed, FakeGitHubUsage, FaultKind, FaultRule, RecordedRequest, TeammateChange } from './types';
export { GitHubContract } from './github-contract';
export { MAX_SUB_ISSUES } from './repository';
export { SUPPORTED_API_VERSION } from './http-server';

/** The token every fake accepts unless `token` is given. */
export const DEFAULT_FAKE_GITHUB_TOKEN = 'ghp-fake-token-123';

/** The epic every default repository has: issue #1. */
export const DEFAULT_GITHUB_EPICS: readonly FakeGitHubSeed[] = [{ title: 'Database Migration: PostgreSQL to CockroachDB' }];

/** Besides the epic, a default repository has one open pull request (#2): issues and pull requests share numbers. */
export const DEFAULT_GITHUB_ISSUES: readonly FakeGitHubSeed[] = [{ title: 'Bump dependencies', pullRequest: true }];

/** Load the operations file once per test file (`contract` option); `file` defaults to testing/contracts. */
export function loadGitHubContract(file?: string): GitHubContract {
  return GitHubContract.load(file);
}

/** Start a fake GitHub; resolves when it listens. Defaults: see `FakeGitHubOptions`. */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const validate = options.validate ?? true;
  return FakeGitHubServer.start({
    token: options.token ?? DEFAULT_FAKE_GITHUB_TOKEN,
    owner: options.owner ?? 'acme',
    repo: options.repo ?? 'infra',
    login: options.login ?? 'dev-example',
    apiPrefix: options.apiPrefix ?? '',
    maxPageSize: options.maxPageSize ?? 100,
    rateLimit: options.rateLimit ?? 5000,
    access: options.access ?? 'write',
    seeds: [...(options.epics ?? DEFAULT_GITHUB_EPICS), ...(options.issues ?? DEFAULT_GITHUB_ISSUES)],
    now: options.now ?? ((): Date => new Date()),
    port: options.port ?? 0,
    contract: validate ? options.contract ?? GitHubContract.load() : null,
  });
}
