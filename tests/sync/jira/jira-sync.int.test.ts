/**
 * Sync against the fake Jira (a real HTTP server validating every request against Atlassian's
 * OpenAPI description and every ADF document against the ADF schema).
 */
import { parseEpic } from '../../../src/model';
import { nodeFetchHttp } from '../../../src/sync/transport/node-fetch';
import type { Http } from '../../../src/sync/http';
import { JiraTracker } from '../../../src/sync/jira/tracker';
import type { FakeJira, FaultKind } from '../../../testing/fake-jira';
import { example, http, instantClock, isWrite, issuesOf, MemoryNote, seedNote, startFake, sync, trackerFor } from '../helpers';

let fake: FakeJira;
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

/** Every story of the note has a key, every table subtask has a key, and they agree with the fake. */
function expectNoteMatchesFake(text: string): void {
  const { epic } = parseEpic(text);
  for (const story of epic.stories) {
    expect(story.issueKey).not.toBeNull();
    const issue = fake.issues.get(story.issueKey ?? '');
    expect(issue?.summary).toBe(story.title);
    expect(issue?.labels).toContain(`spectryn-${story.id.toLowerCase()}`);
    for (const subtask of story.subtasks.filter((entry) => entry.form === 'table')) {
      const sub = fake.issues.get(subtask.issueKey ?? '');
      expect(sub?.parent).toBe(story.issueKey);
      expect(sub?.summary).toBe(subtask.name);
    }
  }
}

describe('seed note (7 stories, 28 subtasks)', () => {
  beforeEach(async () => { fake = await startFake(); });

  test('first sync creates every story and subtask with its fields, statuses and keys in the note', async () => {
    const note = new MemoryNote(seedNote());
    const result = await sync(note, trackerFor(fake));
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    const stories = issuesOf(fake, 'Story');
    const subtasks = issuesOf(fake, 'Sub-task');
    expect(stories).toHaveLength(7);
    expect(subtasks).toHaveLength(28);
    expect(stories.every((story) => story.parent === 'INFRA-100')).toBe(true);
    const us001 = stories.find((story) => story.summary === 'Schema Compatibility Analysis');
    expect(us001).toMatchObject({ status: 'Done', priority: 'Highest', storyPoints: 5, labels: ['spectryn-us-001'] });
    expect(stories.find((story) => story.summary === 'ORM Compatibility Changes')?.status).toBe('In Progress');
    expect(stories.find((story) => story.summary === 'Schema Migrations')).toMatchObject({ status: 'Backlog', priority: 'High' });
    expect(subtasks.filter((subtask) => subtask.status === 'Done')).toHaveLength(9);
    expect(subtasks.find((subtask) => subtask.summary === 'Add retry logic')?.status).toBe('In Progress');
    expect(subtasks.find((subtask) => subtask.summary === 'Fix SERIAL to UUID')?.storyPoints).toBe(2);
    expectNoteMatchesFake(note.text);
    // Two bulk creates (stories, then subtasks), then one transition per status that differs.
    expect(fake.writes().filter((request) => request.path.endsWith('/issue/bulk'))).toHaveLength(2);
    expect(fake.writes().filter((request) => request.path.endsWith('/transitions'))).toHaveLength(13);
    // Measured request count: 3 reads, project + 2 create screens + priorities, 2 bulk creates,
    // 2 transition lists (one per issue type in Backlog), 13 transitions. Keep it from growing.
    expect(fake.requests).toHaveLength(24);
    expect(fake.writes()).toHaveLength(15);
    process.stdout.write(`seed first sync: ${fake.requests.length} requests, ${fake.writes().length} writes\n`);
  });

  test('a re-sync with nothing changed: at most 4 requests, no write, the note unchanged byte for byte', async () => {
    const note = new MemoryNote(seedNote());
    await sync(note, trackerFor(fake));
    const text = note.text;
    const before = fake.requests.length;
    const writesBefore = fake.writes().length;
    const result = await sync(note, trackerFor(fake));
    expect(result.exitCode).toBe(0);
    expect(result.operations).toEqual([]);
    // GET /field, GET the epic, one story search, one subtask search.
    expect(fake.requests.length - before).toBe(4);
    expect(fake.writes().length).toBe(writesBefore);
    expect(note.text).toBe(text);
    process.stdout.write(`seed no-op re-sync: ${fake.requests.length - before} requests\n`);
  });

  test('--phase statuses after one status edit: one transition and nothing else', async () => {
    const note = new MemoryNote(seedNote());
    await sync(note, trackerFor(fake));
    const us004 = parseEpic(note.text).epic.stories.find((story) => story.id === 'US-004');
    const statusRange = us004?.statusField?.range;
    expect(statusRange).toBeDefined();
    note.text = `${note.text.slice(0, statusRange?.from)}🔄 In Progress${note.text.slice(statusRange?.to)}`;
    const writesBefore = fake.writes().length;
    const result = await sync(note, trackerFor(fake), { phase: 'statuses' });
    expect(result.exitCode).toBe(0);
    expect(result.operations.map((operation) => [operation.action, operation.story, operation.status])).toEqual([['transition_story', 'US-004', 'done']]);
    const writes = fake.writes().slice(writesBefore);
    expect(writes.map((request) => `${request.method} ${request.path}`)).toEqual([`POST /rest/api/3/issue/${us004?.issueKey ?? ''}/transitions`]);
    expect(fake.issues.get(us004?.issueKey ?? '')?.status).toBe('In Progress');
  });

  test('--phase subtasks and --phase comments change only their kind', async () => {
    const note = new MemoryNote(seedNote());
    await sync(note, trackerFor(fake));
    note.text = note.text
      .replace('| 2 | Seed data | Script to populate test data |', '| 2 | Seed the data | Script to populate test data |')
      .replace('#### Subtasks\n\n| # | Subtask | Description | SP | Status | Issue |\n|---|---------|-------------|:--:|--------|-------|\n| 1 | Docker compose', '#### Comments\n\n> **@dana** (2026-11-20):\n> Compose file reviewed.\n\n#### Subtasks\n\n| # | Subtask | Description | SP | Status | Issue |\n|---|---------|-------------|:--:|--------|-------|\n| 1 | Docker compose')
      .replace('**So that** I can develop and test migrations', '**So that** I can develop and test migrations quickly');
    expect(note.text).toContain('Compose file reviewed.');
    const writes = fake.writes().length;
    const subtasks = await sync(note, trackerFor(fake), { phase: 'subtasks' });
    expect(subtasks.operations.map((operation) => [operation.action, operation.story, operation.subtask, operation.status])).toEqual([['update_subtask', 'US-002', 2, 'done']]);
    const comments = await sync(note, trackerFor(fake), { phase: 'comments' });
    expect(comments.operations.map((operation) => [operation.action, operation.story])).toEqual([['add_comment', 'US-002']]);
    const descriptions = await sync(note, trackerFor(fake), { phase: 'descriptions' });
    expect(descriptions.operations.map((operation) => [operation.action, operation.story, Object.keys(operation.fields)])).toEqual([['update_story', 'US-002', ['description']]]);
    expect(fake.writes()).toHaveLength(writes + 3);
    expect((await sync(note, trackerFor(fake))).operations).toEqual([]);
  });

  test('--story limits the plan to the named stories', async () => {
    const note = new MemoryNote(seedNote());
    const result = await sync(note, trackerFor(fake), { stories: ['us-003'] });
    expect(result.exitCode).toBe(0);
    expect(new Set(result.operations.map((operation) => operation.story))).toEqual(new Set(['US-003']));
    expect(issuesOf(fake, 'Story').map((story) => story.summary)).toEqual(['ORM Compatibility Changes']);
    expect(issuesOf(fake, 'Sub-task')).toHaveLength(5);
  });

  test('a dry run only reads and plans', async () => {
    const note = new MemoryNote(seedNote());
    const result = await sync(note, trackerFor(fake), { execute: false });
    expect(result.exitCode).toBe(0);
    expect(result.operations.filter((operation) => operation.action === 'create_story')).toHaveLength(7);
    expect(result.operations.every((operation) => operation.status === 'planned')).toBe(true);
    expect(fake.writes()).toEqual([]);
    expect(note.text).toBe(seedNote());
  });

  test('a wrong token: exit 5, the token in no output, the note untouched', async () => {
    const note = new MemoryNote(seedNote());
    const secret = 'wrong-secret-token-9876';
    const result = await sync(note, trackerFor(fake, { token: secret }));
    expect(result.exitCode).toBe(5);
    expect(result.failure?.kind).toBe('auth');
    const output = JSON.stringify(result);
    expect(output).not.toContain(secret);
    expect(output).not.toContain(Buffer.from(`dev@example.com:${secret}`).toString('base64'));
    expect(output).toMatch(/authentication refused/i);
    expect(note.text).toBe(seedNote());
    expect(fake.writes()).toEqual([]);
  });

  test('a missing epic: exit 6', async () => {
    const note = new MemoryNote(seedNote());
    const result = await sync(note, trackerFor(fake), {}, 'INFRA-999');
    expect(result.exitCode).toBe(6);
    expect(result.errors.join(' ')).toContain('INFRA-999');
  });

  test('a 429 storm: waits Retry-After (capped at 60 s), slows down, and finishes', async () => {
    const clock = instantClock();
    fake.fail({ method: 'POST', pathIncludes: '/search/jql', kind: 'http-429', times: 3, retryAfter: '2' });
    fake.fail({ method: 'POST', pathIncludes: '/issue/bulk', kind: 'http-429', times: 2, retryAfter: '120' });
    fake.fail({ method: 'GET', pathIncludes: '/transitions', kind: 'http-429', times: 2 });
    // Every request with the injected clock's time when it left, and its answer.
    const sent: { at: number; status: number; retryAfter: string | undefined }[] = [];
    const timed: Http = async (request) => {
      const at = clock.now();
      const response = await http(request);
      sent.push({ at, status: response.status, retryAfter: response.headers['retry-after'] });
      return response;
    };
    const note = new MemoryNote(seedNote());
    const result = await sync(note, new JiraTracker({ config: { flavor: 'cloud', siteUrl: fake.url, email: 'dev@example.com', token: 'fake-token-123', projectKey: 'INFRA' }, http: timed, clock }));
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    // Retry-After 2 s as asked, 120 s capped at 60 s, a missing header as 1 s; never longer than the cap.
    expect(clock.sleeps).toEqual(expect.arrayContaining([2_000, 60_000, 1_000]));
    expect(Math.max(...clock.sleeps)).toBe(60_000);
    expect(issuesOf(fake, 'Story')).toHaveLength(7);
    expect(issuesOf(fake, 'Sub-task')).toHaveLength(28);
    expect(fake.requests.filter((request) => request.status === 429)).toHaveLength(7);
    // The request after each 429 left no sooner than its Retry-After (capped at 60 s) allowed.
    const limited = sent.flatMap((entry, index) => (entry.status === 429 ? [index] : []));
    expect(limited).toHaveLength(7);
    for (const index of limited) {
      const { at, retryAfter } = sent[index] ?? { at: 0, retryAfter: undefined };
      const next = sent[index + 1];
      expect(next).toBeDefined();
      expect((next?.at ?? 0) - at).toBeGreaterThanOrEqual(Math.min(60_000, Number(retryAfter ?? '1') * 1000));
    }
    // After a storm later requests are spaced out: no two leave at the same instant right after one.
    const afterFirst = sent.slice((limited[0] ?? 0) + 1, (limited[0] ?? 0) + 4);
    for (let index = 1; index < afterFirst.length; index++) expect((afterFirst[index]?.at ?? 0) - (afterFirst[index - 1]?.at ?? 0)).toBeGreaterThan(0);
  });

  test('typing into the note during a sync loses nothing', async () => {
    const note = new MemoryNote(seedNote());
    // Keys arrive in two batches (stories, then subtasks): type before each of them.
    note.beforeApply = (text, applied) => {
      if (applied === 0) return `${text.replace('# 🔄 Database Migration', 'Typed at the top.\n\n# 🔄 Database Migration')}\nTyped at the end.\n`;
      return text.replace('| 3 | Document findings | Create compatibility report |', '| 3 | Document findings | Create the compatibility report, typed meanwhile |');
    };
    const result = await sync(note, trackerFor(fake));
    expect(result.exitCode).toBe(0);
    expect(note.text).toContain('Typed at the top.\n\n# 🔄 Database Migration');
    expect(note.text).toContain('Create the compatibility report, typed meanwhile');
    expect(note.text).toContain('\nTyped at the end.\n');
    expect(note.applied).toBe(2);
    expectNoteMatchesFake(note.text);
  });
});

describe('interrupted syncs', () => {
  /** Writes of a clean first sync of the seed note. */
  const cleanWrites = 15;

  /** Injects `kind` into the `index`-th write request (0-based) of one run, through the real server. */
  function faultAt(index: number, kind: FaultKind): Http {
    const inner = nodeFetchHttp({ fetch: (url, init) => fetch(url, init) });
    let writes = 0;
    return async (request) => {
      if (isWrite(request.method, request.url) && writes++ === index) {
        fake.fail({ method: request.method, pathIncludes: new URL(request.url).pathname.replace(/^\/rest\/api\/\d/, ''), kind });
      }
      return inner(request);
    };
  }

  const cases: [number, FaultKind][] = [];
  for (let index = 0; index < cleanWrites; index++) for (const kind of ['drop-after-commit', 'http-500'] as const) cases.push([index, kind]);

  test.each(cases)('write %i fails with %s: a re-run ends with exactly the right issues', async (index, kind) => {
    fake = await startFake();
    const note = new MemoryNote(seedNote());
    const config = { flavor: 'cloud' as const, siteUrl: fake.url, email: 'dev@example.com', token: 'fake-token-123', projectKey: 'INFRA' };
    const first = await sync(note, new JiraTracker({ config, http: faultAt(index, kind), clock: instantClock() }));
    // Writes 0 and 1 are the bulk creates: found by label after a lost answer, sent again after a
    // 500. From write 2 on they are transitions: a lost answer is retried and, refused because the
    // first attempt moved the issue, confirmed by reading its status; a 500 is a real failure.
    expect(first.exitCode).toBe(kind === 'http-500' && index >= 2 ? 64 : 0);
    expect(first.operations.filter((operation) => operation.status === 'failed')).toHaveLength(kind === 'http-500' && index >= 2 ? 1 : 0);
    expect(fake.requests.some((request) => request.fault === kind)).toBe(true);
    const second = await sync(note, trackerFor(fake));
    expect(second.errors).toEqual([]);
    expect(second.exitCode).toBe(0);
    expect(issuesOf(fake, 'Story')).toHaveLength(7);
    expect(issuesOf(fake, 'Sub-task')).toHaveLength(28);
    const labels = issuesOf(fake, 'Story').map((story) => story.labels.join(','));
    expect(new Set(labels).size).toBe(7);
    expectNoteMatchesFake(note.text);
    expect(issuesOf(fake, 'Sub-task').filter((subtask) => subtask.status === 'Done')).toHaveLength(9);
    const third = await sync(note, trackerFor(fake));
    expect(third.operations).toEqual([]);
  });

  const lagCases: [number, number][] = [];
  for (const index of [0, 1, 2, 9]) for (const lag of [2, 3]) lagCases.push([index, lag]);

  test.each(lagCases)('write %i dropped after commit while the search index lags %i searches: found by label, a re-run makes nothing twice', async (index, lag) => {
    fake = await startFake({ searchLag: lag });
    const note = new MemoryNote(seedNote());
    const config = { flavor: 'cloud' as const, siteUrl: fake.url, email: 'dev@example.com', token: 'fake-token-123', projectKey: 'INFRA' };
    const clock = instantClock();
    const first = await sync(note, new JiraTracker({ config, http: faultAt(index, 'drop-after-commit'), clock }));
    expect(fake.requests.some((request) => request.fault === 'drop-after-commit')).toBe(true);
    expect(first.exitCode).toBe(0);
    // The label searches waited on the injected clock, within the few seconds allowed.
    if (index < 2) expect(clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(7_500);
    const second = await sync(note, trackerFor(fake));
    expect(second.errors).toEqual([]);
    expect(second.exitCode).toBe(0);
    expect(issuesOf(fake, 'Story')).toHaveLength(7);
    expect(issuesOf(fake, 'Sub-task')).toHaveLength(28);
    expectNoteMatchesFake(note.text);
    expect((await sync(note, trackerFor(fake))).operations).toEqual([]);
  });

  test.each([0, 1, 2, 5])('data center: write %i dropped after commit, then a re-run: no duplicate', async (index) => {
    fake = await startFake({ flavor: 'datacenter' });
    const note = new MemoryNote(seedNote());
    const config = { flavor: 'datacenter' as const, siteUrl: fake.url, token: 'fake-token-123', projectKey: 'INFRA' };
    await sync(note, new JiraTracker({ config, http: faultAt(index, 'drop-after-commit'), clock: instantClock() }));
    expect(fake.requests.some((request) => request.fault === 'drop-after-commit')).toBe(true);
    const second = await sync(note, trackerFor(fake, { flavor: 'datacenter' }));
    expect(second.exitCode).toBe(0);
    expect(issuesOf(fake, 'Story')).toHaveLength(7);
    expect(issuesOf(fake, 'Sub-task')).toHaveLength(28);
    expectNoteMatchesFake(note.text);
  });

  test.each(Array.from({ length: 10 }, (_, index) => index))('second example: write %i dropped after commit (comments included), then a re-run: nothing twice', async (index) => {
    fake = await startFake({ projectKey: 'SRCH', epics: [{ key: 'SRCH-40', summary: 'Search Relevance Rollout' }] });
    const note = new MemoryNote(example('search-rollout.md'));
    const config = { flavor: 'cloud' as const, siteUrl: fake.url, email: 'dev@example.com', token: 'fake-token-123', projectKey: 'SRCH' };
    await sync(note, new JiraTracker({ config, http: faultAt(index, 'drop-after-commit'), clock: instantClock() }));
    expect(fake.requests.some((request) => request.fault === 'drop-after-commit')).toBe(true);
    const second = await sync(note, trackerFor(fake, { projectKey: 'SRCH' }));
    expect(second.exitCode).toBe(0);
    expect(issuesOf(fake, 'Story')).toHaveLength(4);
    expect(issuesOf(fake, 'Sub-task')).toHaveLength(6);
    expect(issuesOf(fake, 'Story').flatMap((story) => story.comments)).toHaveLength(2);
    expect((await sync(note, trackerFor(fake, { projectKey: 'SRCH' }))).operations).toEqual([]);
  });

  test('the clean first sync makes exactly the writes the cases above cover', async () => {
    fake = await startFake();
    await sync(new MemoryNote(seedNote()), trackerFor(fake));
    expect(fake.writes()).toHaveLength(cleanWrites);
  });
});

describe('second example (frontmatter, comments, commits, task-list subtasks, blocked)', () => {
  beforeEach(async () => {
    fake = await startFake({ projectKey: 'SRCH', epics: [{ key: 'SRCH-40', summary: 'Search Relevance Rollout' }] });
  });

  test('first sync, then a no-op re-sync', async () => {
    const note = new MemoryNote(example('search-rollout.md'));
    const result = await sync(note, trackerFor(fake, { projectKey: 'SRCH' }));
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    const stories = issuesOf(fake, 'Story');
    expect(stories).toHaveLength(4);
    expect(issuesOf(fake, 'Sub-task')).toHaveLength(6);
    const hybrid = stories.find((story) => story.summary === 'Hybrid ranker behind a flag');
    expect(hybrid?.comments).toHaveLength(1);
    expect(stories.find((story) => story.summary === 'Baseline current relevance')?.comments).toHaveLength(1);
    expect(stories.find((story) => story.summary === 'Explain why a result ranked')?.status).toBe('Blocked');
    expect(stories.find((story) => story.summary === 'Baseline current relevance')?.labels).toEqual(['search', 'metrics', 'spectryn-srch-1']);
    const text = note.text;
    const before = fake.requests.length;
    const writes = fake.writes().length;
    process.stdout.write(`search-rollout first sync: ${before} requests, ${writes} writes\n`);
    const again = await sync(note, trackerFor(fake, { projectKey: 'SRCH' }));
    expect(again.operations).toEqual([]);
    expect(fake.requests.length - before).toBeLessThanOrEqual(4);
    expect(fake.writes()).toHaveLength(writes);
    expect(note.text).toBe(text);
  });
});

describe('Jira Data Center (REST v2, personal access token, wiki markup)', () => {
  beforeEach(async () => { fake = await startFake({ flavor: 'datacenter' }); });

  test('first sync and a no-op re-sync', async () => {
    const note = new MemoryNote(seedNote());
    const tracker = (): JiraTracker => trackerFor(fake, { flavor: 'datacenter' });
    const result = await sync(note, tracker());
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(issuesOf(fake, 'Story')).toHaveLength(7);
    expect(issuesOf(fake, 'Sub-task')).toHaveLength(28);
    const story = issuesOf(fake, 'Story').find((issue) => issue.summary === 'Schema Compatibility Analysis');
    expect(typeof story?.description).toBe('string');
    expect(story?.description).toContain('*As a* database engineer');
    expect(fake.requests.every((request) => request.path.startsWith('/rest/api/2/'))).toBe(true);
    const text = note.text;
    const before = fake.requests.length;
    process.stdout.write(`data center seed first sync: ${before} requests, ${fake.writes().length} writes\n`);
    const again = await sync(note, tracker());
    expect(again.operations).toEqual([]);
    expect(fake.requests.length - before).toBeLessThanOrEqual(4);
    expect(note.text).toBe(text);
  });

  test('a wrong personal access token: exit 5', async () => {
    const result = await sync(new MemoryNote(seedNote()), trackerFor(fake, { flavor: 'datacenter', token: 'bad-pat-123456' }));
    expect(result.exitCode).toBe(5);
    expect(JSON.stringify(result)).not.toContain('bad-pat-123456');
  });
});
