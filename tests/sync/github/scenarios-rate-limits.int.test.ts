/**
 * GitHub's rate limits during the seed note's first sync, against the fake GitHub (issue 16
 * "Build": honour `x-ratelimit-remaining`/`reset` and secondary limits). The fake and the tracker
 * share one clock whose sleeps return at once, so a wait is visible and the limit's window can pass.
 */
import type { Clock } from '../../../src/sync/clock';
import type { FakeGitHub } from '../../../testing/fake-github';
import { gitHubSeedNote, gitHubTrackerFor } from './helpers';
import { GitHubNote, issuesByIdentity, MemoryRecord, startGitHub, twoWaySync } from '../../testing/fake-github/sync-harness';

/** A clock that tests can move on; sleeps move it and return at once. */
function sharedClock(): Clock & { at: number; sleeps: number[] } {
  const clock = {
    at: Date.parse('2026-12-06T09:00:00Z'),
    sleeps: [] as number[],
    now: () => clock.at,
    sleep: async (ms: number) => { clock.sleeps.push(ms); clock.at += ms; },
  };
  return clock;
}

let fake: FakeGitHub;
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

/** Each identity label on exactly one issue, all 35 of them. */
function expectNoDuplicates(): void {
  const byLabel = issuesByIdentity(fake);
  expect([...byLabel.values()].filter((issues) => issues.length > 1)).toEqual([]);
  expect(byLabel.size).toBe(7 + 28);
}

test('secondary limits (429 and 403 with retry-after) on writes: the run waits as asked, retries, and finishes without a duplicate', async () => {
  const clock = sharedClock();
  fake = await startGitHub({ now: () => new Date(clock.at) });
  fake.fail({ method: 'POST', pathIncludes: '/issues', skip: 3, kind: 'secondary-429', retryAfter: '7' });
  fake.fail({ method: 'PATCH', skip: 1, kind: 'secondary-403', retryAfter: '11' });
  const result = await twoWaySync(new GitHubNote(gitHubSeedNote()), gitHubTrackerFor(fake, {}, clock), new MemoryRecord());
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  expect(fake.requests.filter((request) => request.fault !== undefined).map((request) => request.status)).toEqual([429, 403]);
  expect(clock.sleeps.filter((ms) => ms >= 7000)).toEqual(expect.arrayContaining([7000, 11000]));
  expectNoDuplicates();
});

test('the primary limit runs out mid-sync: each run stops without hammering, and runs after each reset complete the sync without a duplicate', async () => {
  const clock = sharedClock();
  // 40 requests an hour: the seed's first sync (95 requests) needs three windows.
  fake = await startGitHub({ rateLimit: 40, now: () => new Date(clock.at) });
  const note = new GitHubNote(gitHubSeedNote());
  const record = new MemoryRecord();
  const endings: string[] = [];
  for (let run = 0; run < 6; run += 1) {
    const before = fake.requests.length;
    const result = await twoWaySync(note, gitHubTrackerFor(fake, {}, clock), record);
    endings.push(result.ending);
    // A refusal names the reset time; a well-behaved client does not keep asking within the window.
    expect(fake.requests.slice(before).filter((request) => request.status === 403).length).toBeLessThanOrEqual(1);
    if (result.ending === 'synced') break;
    expect(result.failure?.kind).toBe('rateLimit');
    expect(result.errors.join(' ')).toMatch(/rate limit/i);
    clock.at += 3_600_000;
  }
  expect(endings.length).toBeGreaterThan(1);
  expect(endings[endings.length - 1]).toBe('synced');
  expectNoDuplicates();
  expect(fake.issues.get(1)?.subIssues).toHaveLength(7);
  const closed = [...issuesByIdentity(fake).values()].flat().filter((issue) => issue.state === 'closed');
  expect(closed).toHaveLength(2 + 9);
});
