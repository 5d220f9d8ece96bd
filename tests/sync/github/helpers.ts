/** Shared set-up of the GitHub adapter tests: a fake GitHub, a tracker on it, the seed note, one run. */
import { parseEpic } from '../../../src/model';
import type { Clock } from '../../../src/sync/clock';
import type { GitHubConfig } from '../../../src/sync/github/config';
import { GitHubTracker } from '../../../src/sync/github/tracker';
import type { Http } from '../../../src/sync/http';
import { syncNote, type SyncRunOptions, type SyncRunResult } from '../../../src/sync/run';
import { DEFAULT_FAKE_GITHUB_TOKEN, loadGitHubContract, startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../../../testing/fake-github';
import type { GitHubContract } from '../../../testing/fake-github';
import { example, http, instantClock, MemoryNote } from '../helpers';

let sharedContract: GitHubContract | null = null;

/** A fake GitHub (acme/infra, epic #1, pull request #2) whose contract is loaded once per test file. */
export function startGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  sharedContract ??= loadGitHubContract();
  return startFakeGitHub({ contract: sharedContract, ...options });
}

/** The adapter's settings for `fake`. */
export function configFor(fake: FakeGitHub, overrides: Partial<GitHubConfig> = {}): GitHubConfig {
  return { apiUrl: fake.url, owner: fake.owner, repo: fake.repo, token: DEFAULT_FAKE_GITHUB_TOKEN, ...overrides };
}

/** A GitHub tracker on the fake; `notices` collects what it tells the user. */
export function gitHubTrackerFor(fake: FakeGitHub, overrides: Partial<GitHubConfig> = {}, clock: Clock = instantClock(), transport: Http = http, notices: string[] = []): GitHubTracker {
  return new GitHubTracker({ config: configFor(fake, overrides), http: transport, clock, notice: (message) => notices.push(message) });
}

/** The seed note (7 stories, 28 subtasks) with its GitHub epic in the frontmatter. */
export function gitHubSeedNote(): string {
  return `---\ntracker: github\nepic: "acme/infra#1"\n---\n${example('postgres-to-crdb.md')}`;
}

/** One run of `syncNote` on a memory note against epic `#1`; `execute` default true. */
export async function syncGitHub(note: MemoryNote, tracker: GitHubTracker, options: Partial<SyncRunOptions> = {}): Promise<SyncRunResult> {
  return syncNote({
    note: parseEpic(note.text),
    epicKey: '#1',
    tracker,
    options: { execute: true, updateSource: true, phase: 'all', ...options },
    writer: note,
    now: () => new Date('2026-12-06T11:00:00Z'),
  });
}

/** The fake's issues that are not the epic and not pull requests, by parent. */
export function childrenOf(fake: FakeGitHub, parent: number): NonNullable<ReturnType<FakeGitHub['issues']['get']>>[] {
  return [...fake.issues.values()].filter((issue) => issue.parent === parent && !issue.pullRequest);
}
