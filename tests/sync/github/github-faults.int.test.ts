/**
 * The GitHub adapter when things go wrong, against the fake GitHub: lost create answers, runs
 * stopped between a create and its link, secondary rate limits, a used-up primary limit, a wrong token.
 */
import { TransportError, type Http } from '../../../src/sync/http';
import type { FakeGitHub } from '../../../testing/fake-github';
import { http, instantClock, MemoryNote } from '../helpers';
import { GitHubTracker } from '../../../src/sync/github/tracker';
import { childrenOf, configFor, gitHubSeedNote, gitHubTrackerFor, startGitHub, syncGitHub } from './helpers';

let fake: FakeGitHub;
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

/** Every issue of the fake (pull requests left out) by title: no title twice means no duplicate. */
function expectNoDuplicates(): void {
  const titles = [...fake.issues.values()].filter((issue) => !issue.pullRequest).map((issue) => `${issue.labels.find((label) => label.startsWith('spectryn-')) ?? issue.title}`);
  expect(new Set(titles).size).toBe(titles.length);
}

function expectSeedComplete(): void {
  const stories = childrenOf(fake, 1);
  expect(stories).toHaveLength(7);
  expect(stories.flatMap((story) => childrenOf(fake, story.number))).toHaveLength(28);
  expectNoDuplicates();
}

/**
 * A transport that lets `writes` writes reach GitHub, loses the answer of the last one (it is
 * committed), and from then on answers nothing at all: a connection gone for good mid-run.
 */
function cutAfterWrites(writes: number): Http {
  let seen = 0;
  const gone = (): TransportError => new TransportError({ failure: 'network', message: 'connection refused', reason: 'refused' });
  return async (request) => {
    if (seen >= writes) throw gone();
    if (request.method === 'GET') return http(request);
    seen++;
    const response = await http(request);
    if (seen === writes) throw gone();
    return response;
  };
}

describe('never a duplicate', () => {
  beforeEach(async () => { fake = await startGitHub({ maxPageSize: 5 }); });

  test('a create whose answer is lost is found by its identity label and linked, in the same run', async () => {
    fake.fail({ method: 'POST', pathIncludes: '/issues', skip: 2, kind: 'drop-after-commit' });
    const notices: string[] = [];
    const note = new MemoryNote(gitHubSeedNote());
    const result = await syncGitHub(note, gitHubTrackerFor(fake, {}, instantClock(), http, notices));
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expectSeedComplete();
    expect(notices.join('\n')).toMatch(/no clear answer: looking for it by its label spectryn-us-00\d/);
  });

  test.each([1, 2, 3, 14, 15, 40])('a run cut off after %i writes, then run again: every issue once, all linked', async (writes) => {
    const note = new MemoryNote(gitHubSeedNote());
    const cut = await syncGitHub(note, gitHubTrackerFor(fake, {}, instantClock(), cutAfterWrites(writes)));
    expect(cut.exitCode).toBe(4);
    const again = await syncGitHub(note, gitHubTrackerFor(fake));
    expect(again.errors).toEqual([]);
    expect(again.exitCode).toBe(0);
    expectSeedComplete();
  });

  test('a link GitHub refuses: the issue\'s key still goes into the note, and the next run attaches it instead of creating it again', async () => {
    fake.fail({ method: 'POST', pathIncludes: '/sub_issues', kind: 'http-500' });
    const note = new MemoryNote(gitHubSeedNote());
    const first = await syncGitHub(note, gitHubTrackerFor(fake));
    expect(first.exitCode).toBe(64);
    expect(first.operations.find((operation) => operation.status === 'failed')).toMatchObject({ action: 'create_story', story: 'US-001', issue_key: '#3' });
    expect(fake.issues.get(3)?.parent).toBeNull();
    const again = await syncGitHub(note, gitHubTrackerFor(fake));
    expect(again.errors).toEqual([]);
    expect(again.operations.map((operation) => [operation.action, operation.story, Object.keys(operation.fields)])).toEqual([['update_story', 'US-001', ['parent']]]);
    expect(fake.issues.get(3)?.parent).toBe(1);
    expectSeedComplete();
  });

  test('an issue list that holds a pull request with the identity label: the pull request is not taken for the story', async () => {
    fake.teammateCreate({ title: 'Schema tooling', pullRequest: true, labels: ['spectryn-us-001'] });
    const note = new MemoryNote(gitHubSeedNote());
    const result = await syncGitHub(note, gitHubTrackerFor(fake));
    expect(result.exitCode).toBe(0);
    expect(childrenOf(fake, 1).find((story) => story.title === 'Schema Compatibility Analysis')?.labels).toContain('spectryn-us-001');
    expectSeedComplete();
  });
});

describe('rate limits', () => {
  beforeEach(async () => { fake = await startGitHub({ maxPageSize: 5 }); });

  test.each(['secondary-403', 'secondary-429'] as const)('a secondary limit (%s with retry-after) is waited out and the write sent again', async (kind) => {
    fake.fail({ method: 'POST', pathIncludes: '/issues', skip: 3, times: 2, kind, retryAfter: '30' });
    const clock = instantClock();
    const notices: string[] = [];
    const note = new MemoryNote(gitHubSeedNote());
    const result = await syncGitHub(note, gitHubTrackerFor(fake, {}, clock, http, notices));
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(clock.sleeps.filter((ms) => ms === 30_000)).toHaveLength(2);
    expect(notices.join('\n')).toMatch(/rate limiting; waiting 30 s/);
    expectSeedComplete();
  });

  test('a primary limit used up mid-run is waited out until its reset when the policy allows that long, and the run completes', async () => {
    await fake.close();
    const clock = instantClock(Date.parse('2026-12-06T11:00:00Z'));
    fake = await startGitHub({ maxPageSize: 5, rateLimit: 40, now: () => new Date(clock.now()) });
    const notices: string[] = [];
    const tracker = new GitHubTracker({ config: configFor(fake), http, clock, retryPolicy: { giveUpRetryAfterMs: 2 * 3_600_000 }, notice: (message) => notices.push(message) });
    const note = new MemoryNote(gitHubSeedNote());
    const result = await syncGitHub(note, tracker);
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(notices.join('\n')).toMatch(/request budget is used up; waiting .* for its reset/);
    // Waited for the reset instead of being refused: at most one refused request per window.
    expect(fake.requests.filter((request) => request.status === 403).length).toBeLessThanOrEqual(2);
    expectSeedComplete();
  });

  test('a used-up primary limit whose reset is an hour away stops the run with the wait named (exit 4), nothing duplicated', async () => {
    await fake.close();
    fake = await startGitHub({ maxPageSize: 5, rateLimit: 20 });
    const note = new MemoryNote(gitHubSeedNote());
    const result = await syncGitHub(note, gitHubTrackerFor(fake, {}, instantClock(Date.now())));
    expect(result.exitCode).toBe(4);
    expect(result.failure?.kind).toBe('rateLimit');
    expect(result.failure?.message).toMatch(/request budget is used up|GitHub asks to wait/);
    expectNoDuplicates();
  });
});

describe('refusals', () => {
  beforeEach(async () => { fake = await startGitHub(); });

  test('a wrong token: exit 5, GitHub\'s words, the token in no output, the note untouched', async () => {
    const secret = 'ghp_wrongSecretToken9876';
    const note = new MemoryNote(gitHubSeedNote());
    const result = await syncGitHub(note, gitHubTrackerFor(fake, { token: secret }));
    expect(result.exitCode).toBe(5);
    expect(result.failure?.kind).toBe('auth');
    const output = JSON.stringify(result);
    expect(output).not.toContain(secret);
    expect(output).toMatch(/Bad credentials/);
    expect(output).toMatch(/GITHUB_TOKEN/);
    expect(note.text).toBe(gitHubSeedNote());
    expect(fake.writes()).toEqual([]);
  });

  test('a read-only token: the creates fail with GitHub\'s permission message, nothing is written into the note', async () => {
    await fake.close();
    fake = await startGitHub({ access: 'read' });
    const note = new MemoryNote(gitHubSeedNote());
    const result = await syncGitHub(note, gitHubTrackerFor(fake));
    expect(result.exitCode).toBe(64);
    expect(result.errors[0]).toMatch(/HTTP 403.*Resource not accessible/);
    expect(note.text).toBe(gitHubSeedNote());
  });

  test('an epic that does not exist: exit 6, "epic not found"; a pull request or another repository is no epic', async () => {
    const note = new MemoryNote(gitHubSeedNote());
    const tracker = gitHubTrackerFor(fake);
    const result = await syncGitHub(note, tracker, {}, '#99');
    expect(result.exitCode).toBe(6);
    expect(result.errors.join('\n')).toMatch(/epic #99 was not found in acme\/infra/);
    await expect(tracker.read('#99')).rejects.toMatchObject({ kind: 'notFound', message: expect.stringMatching(/epic #99 was not found in acme\/infra/) });
    await expect(tracker.read('#2')).rejects.toMatchObject({ kind: 'notFound' });
    await expect(tracker.read('other/repo#1')).rejects.toMatchObject({ kind: 'configuration' });
  });

  test('plain http to another host is refused before any request, the token not sent', async () => {
    const tracker = gitHubTrackerFor(fake, { apiUrl: 'http://github.example.com/api/v3' });
    await expect(tracker.read('#1')).rejects.toMatchObject({ kind: 'network', message: expect.stringMatching(/must use https/) });
    expect(fake.requests).toEqual([]);
  });
});
