/**
 * The fake GitHub itself, over real HTTP with Node's fetch: auth, GitHub's error shapes, issues and
 * pull requests sharing numbers, list defaults and filters, paging by Link, ETags and 304s, rate
 * limits, labels created on use, sub-issue rules, faults, and the contract checks.
 */
import { DEFAULT_FAKE_GITHUB_TOKEN, loadGitHubContract, MAX_SUB_ISSUES, startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../../../testing/fake-github/index';

const TOKEN = DEFAULT_FAKE_GITHUB_TOKEN;
const contract = loadGitHubContract();
const running: FakeGitHub[] = [];

async function start(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const github = await startFakeGitHub({ contract, ...options });
  running.push(github);
  return github;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((g) => g.close()));
});

interface Answer {
  status: number;
  headers: Headers;
  json: unknown;
  text: string;
}

interface CallOptions {
  body?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
}

/** A request as the adapter sends it: Bearer token, API version, GitHub's media type. */
async function call(github: FakeGitHub, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'user-agent': 'spectryn-test', ...options.headers };
  const token = options.token === undefined ? TOKEN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const url = path.startsWith('http') ? path : `${github.url}${path}`;
  const response = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, json, text };
}

const REPO = '/repos/acme/infra';
type IssueJson = { id: number; number: number; title: string; state: string; state_reason: string | null; labels: { name: string }[]; pull_request?: unknown; updated_at: string; sub_issues_summary?: { total: number; completed: number; percent_completed: number } };
const issuesIn = (answer: Answer): IssueJson[] => answer.json as IssueJson[];

/** Next-page URL of a Link header, or null. */
function nextLink(headers: Headers): string | null {
  return /<([^>]+)>;\s*rel="next"/.exec(headers.get('link') ?? '')?.[1] ?? null;
}

async function createIssue(github: FakeGitHub, title: string, extra: Record<string, unknown> = {}): Promise<IssueJson> {
  const answer = await call(github, 'POST', `${REPO}/issues`, { body: { title, ...extra } });
  expect(answer.status).toBe(201);
  return answer.json as IssueJson;
}

describe('auth and errors', () => {
  test('a Bearer or `token` header signs in; a wrong token is a 401 in GitHub\'s shape that echoes no token', async () => {
    const github = await start();
    const me = await call(github, 'GET', '/user');
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ login: 'dev-example', id: expect.any(Number) });
    expect((await call(github, 'GET', '/user', { headers: { authorization: `token ${TOKEN}` } })).status).toBe(200);
    const wrong = await call(github, 'GET', `${REPO}/issues`, { token: 'ghp-not-the-token' });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ message: 'Bad credentials', documentation_url: expect.any(String), status: '401' });
    expect(JSON.stringify(github.requests)).not.toContain('ghp-not-the-token');
    expect(JSON.stringify(github.requests)).not.toContain(TOKEN);
    expect(github.requests.every((r) => r.headers.authorization === '[redacted]')).toBe(true);
    expect(github.violations).toEqual([]);
  });

  test('without a token /user is 401 and the private repository is 404; no User-Agent is 403', async () => {
    const github = await start();
    expect((await call(github, 'GET', '/user', { token: null })).json).toMatchObject({ message: 'Requires authentication', status: '401' });
    expect((await call(github, 'GET', REPO, { token: null })).status).toBe(404);
    const response = await fetch(`${github.url}/user`, { headers: { authorization: `Bearer ${TOKEN}`, 'x-github-api-version': '2022-11-28', 'user-agent': '' } });
    expect(response.status).toBe(403);
  });

  test('a read-only token gets 403 on writes; a token without the repository sees 404; an unknown API version is 400', async () => {
    const readOnly = await start({ access: 'read' });
    expect((await call(readOnly, 'GET', REPO)).json).toMatchObject({ permissions: { push: false, pull: true } });
    expect((await call(readOnly, 'POST', `${REPO}/issues`, { body: { title: 'x' } })).json).toMatchObject({ message: 'Resource not accessible by personal access token', status: '403' });
    const none = await start({ access: 'none' });
    expect((await call(none, 'GET', `${REPO}/issues`)).status).toBe(404);
    expect((await call(none, 'GET', '/user')).status).toBe(200);
    expect((await call(none, 'GET', '/user', { headers: { 'x-github-api-version': '2099-01-01' } })).json).toMatchObject({ message: "API version '2099-01-01' is not supported.", status: '400' });
    expect((await call(none, 'GET', '/repos/acme/other')).status).toBe(404);
  });

  test('422 carries `errors`; 404 is Not Found', async () => {
    const github = await start();
    const empty = await call(github, 'POST', `${REPO}/issues`, { body: { title: '' } });
    expect(empty.status).toBe(422);
    expect(empty.json).toEqual({ message: 'Validation Failed', documentation_url: expect.any(String), status: '422', errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }] });
    expect((await call(github, 'GET', `${REPO}/issues/999`)).json).toMatchObject({ message: 'Not Found', status: '404' });
    expect(github.violations).toEqual([]);
  });
});

describe('issues and pull requests', () => {
  test('ids differ from numbers; the list holds pull requests marked `pull_request` and only open items by default', async () => {
    const github = await start();
    const story = await createIssue(github, 'Story A');
    expect(story.number).toBe(3);
    expect(story.id).not.toBe(story.number);
    expect(github.issues.get(3)?.id).toBe(story.id);
    await call(github, 'PATCH', `${REPO}/issues/3`, { body: { state: 'closed' } });
    const open = issuesIn(await call(github, 'GET', `${REPO}/issues`));
    expect(open.map((i) => i.number)).toEqual([2, 1]);
    expect(open.find((i) => i.number === 2)?.pull_request).toBeDefined();
    expect(open.find((i) => i.number === 1)?.pull_request).toBeUndefined();
    expect(issuesIn(await call(github, 'GET', `${REPO}/issues?state=closed`)).map((i) => i.number)).toEqual([3]);
    expect(issuesIn(await call(github, 'GET', `${REPO}/issues?state=all&direction=asc`)).map((i) => i.number)).toEqual([1, 2, 3]);
    expect(github.violations).toEqual([]);
  });

  test('closing takes a state reason (completed by default); reopening sets `reopened`', async () => {
    const github = await start();
    const issue = await createIssue(github, 'Story B');
    const closed = (await call(github, 'PATCH', `${REPO}/issues/${issue.number}`, { body: { state: 'closed', state_reason: 'not_planned' } })).json as IssueJson & { closed_at: string | null };
    expect(closed).toMatchObject({ state: 'closed', state_reason: 'not_planned', closed_at: expect.any(String) });
    const reopened = (await call(github, 'PATCH', `${REPO}/issues/${issue.number}`, { body: { state: 'open' } })).json;
    expect(reopened).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });
    expect((await call(github, 'PATCH', `${REPO}/issues/${issue.number}`, { body: { state: 'closed' } })).json).toMatchObject({ state_reason: 'completed' });
    expect(github.violations).toEqual([]);
  });

  test('labels unknown to the repository are created on use (create, edit, add); names match case-insensitively', async () => {
    const github = await start();
    const issue = await createIssue(github, 'Story C', { labels: ['spectryn-us-001', 'points: 5'] });
    expect(issue.labels.map((l) => l.name)).toEqual(['spectryn-us-001', 'points: 5']);
    expect(github.labels.has('points: 5')).toBe(true);
    const edited = (await call(github, 'PATCH', `${REPO}/issues/${issue.number}`, { body: { labels: ['spectryn-us-001', 'Status: In Progress', 'BUG'] } })).json as IssueJson;
    expect(edited.labels.map((l) => l.name)).toEqual(['spectryn-us-001', 'Status: In Progress', 'bug']);
    const added = (await call(github, 'POST', `${REPO}/issues/${issue.number}/labels`, { body: { labels: ['priority: high'] } })).json as { name: string }[];
    expect(added.map((l) => l.name)).toContain('priority: high');
    expect((await call(github, 'DELETE', `${REPO}/issues/${issue.number}/labels/${encodeURIComponent('priority: high')}`)).status).toBe(200);
    expect((await call(github, 'DELETE', `${REPO}/issues/${issue.number}/labels/nope`)).json).toMatchObject({ message: 'Label does not exist' });
    expect((await call(github, 'GET', `${REPO}/labels/${encodeURIComponent('points: 5')}`)).status).toBe(200);
    expect((await call(github, 'POST', `${REPO}/labels`, { body: { name: 'Points: 5', color: 'ededed' } })).json).toMatchObject({ message: 'Validation Failed', errors: [{ code: 'already_exists' }] });
    expect((await call(github, 'POST', `${REPO}/labels`, { body: { name: 'status: blocked', color: 'b60205' } })).status).toBe(201);
    expect(github.violations).toEqual([]);
  });

  test('`labels=` filters on all the labels given, `state=all` includes closed ones', async () => {
    const github = await start();
    await createIssue(github, 'one', { labels: ['spectryn-us-001', 'points: 3'] });
    const closed = await createIssue(github, 'two', { labels: ['spectryn-us-002'] });
    await call(github, 'PATCH', `${REPO}/issues/${closed.number}`, { body: { state: 'closed' } });
    expect(issuesIn(await call(github, 'GET', `${REPO}/issues?labels=spectryn-us-001,points:%203`)).map((i) => i.title)).toEqual(['one']);
    expect(issuesIn(await call(github, 'GET', `${REPO}/issues?labels=spectryn-us-002`))).toEqual([]);
    expect(issuesIn(await call(github, 'GET', `${REPO}/issues?labels=spectryn-us-002&state=all`)).map((i) => i.title)).toEqual(['two']);
  });
});

describe('paging, since, ETags and rate limits', () => {
  test('a list is paged by Link up to the fake\'s max page (5) even when per_page asks for 100', async () => {
    const github = await start({ maxPageSize: 5 });
    for (let i = 0; i < 11; i += 1) await createIssue(github, `Story ${i}`);
    const seen: number[] = [];
    let url: string | null = `${github.url}${REPO}/issues?state=all&per_page=100`;
    let pages = 0;
    while (url !== null) {
      const answer = await call(github, 'GET', url);
      expect(issuesIn(answer).length).toBeLessThanOrEqual(5);
      seen.push(...issuesIn(answer).map((i) => i.number));
      url = nextLink(answer.headers);
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    const second = await call(github, 'GET', `${REPO}/issues?state=all&per_page=2&page=2`);
    expect(second.headers.get('link')).toMatch(/page=1>; rel="prev".*page=3>; rel="next".*page=7>; rel="last".*page=1>; rel="first"/);
    expect(issuesIn(await call(github, 'GET', `${REPO}/issues?state=all&page=9`))).toEqual([]);
    expect(github.violations).toEqual([]);
  });

  test('`since` returns what was updated at or after it; updated_at moves on a change only', async () => {
    let now = new Date('2026-12-06T10:00:00.400Z');
    const github = await start({ now: () => now });
    const a = await createIssue(github, 'A');
    await createIssue(github, 'B');
    expect(a.updated_at).toBe('2026-12-06T10:00:00Z');
    now = new Date('2026-12-06T10:05:00Z');
    await call(github, 'PATCH', `${REPO}/issues/${a.number}`, { body: { title: 'A' } });
    expect(github.issues.get(a.number)?.updatedAt).toBe('2026-12-06T10:00:00Z');
    github.teammateChange(a.number, { state: 'closed' });
    expect(github.issues.get(a.number)?.updatedAt).toBe('2026-12-06T10:05:00Z');
    const changed = issuesIn(await call(github, 'GET', `${REPO}/issues?state=all&since=2026-12-06T10:05:00Z`));
    expect(changed.map((i) => i.title)).toEqual(['A']);
    expect((await call(github, 'GET', `${REPO}/issues?since=yesterday`)).status).toBe(422);
  });

  test('an ETag answered 304 on If-None-Match costs no rate-limit point; a change gives a new ETag', async () => {
    const github = await start({ rateLimit: 100 });
    const first = await call(github, 'GET', `${REPO}/issues/1`);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers.get('x-ratelimit-remaining')).toBe('99');
    expect(first.headers.get('x-ratelimit-used')).toBe('1');
    expect(first.headers.get('x-ratelimit-resource')).toBe('core');
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    const again = await call(github, 'GET', `${REPO}/issues/1`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('x-ratelimit-remaining')).toBe('99');
    github.teammateChange(1, { addLabels: ['bug'] });
    const changed = await call(github, 'GET', `${REPO}/issues/1`, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(github.usage()).toEqual({ requests: 3, rateLimitUsed: 2, notModified: 1, writes: 0, secondaryPoints: 3 });
  });

  test('the primary limit, once used up, answers 403 with remaining 0 until the reset; /rate_limit is free', async () => {
    let now = new Date('2026-12-06T10:00:00Z');
    const github = await start({ rateLimit: 2, now: () => now });
    await call(github, 'GET', '/user');
    await call(github, 'GET', '/user');
    const limited = await call(github, 'GET', '/user');
    expect(limited.status).toBe(403);
    expect(limited.json).toMatchObject({ message: expect.stringContaining('API rate limit exceeded') });
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect((await call(github, 'GET', '/rate_limit')).json).toMatchObject({ rate: { limit: 2, used: 2, remaining: 0 } });
    now = new Date(Number(limited.headers.get('x-ratelimit-reset')) * 1000);
    expect((await call(github, 'GET', '/user')).status).toBe(200);
    expect(github.violations).toEqual([]);
  });

  test('secondary limits are injectable as 403 or 429 with retry-after; nothing is written', async () => {
    const github = await start();
    github.fail({ method: 'POST', kind: 'secondary-403', retryAfter: '2' });
    github.fail({ method: 'POST', kind: 'secondary-429' });
    const first = await call(github, 'POST', `${REPO}/issues`, { body: { title: 'x' } });
    expect(first.status).toBe(403);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(first.json).toMatchObject({ message: expect.stringContaining('secondary rate limit') });
    expect((await call(github, 'POST', `${REPO}/issues`, { body: { title: 'x' } })).status).toBe(429);
    expect(github.writes()).toEqual([]);
    expect((await call(github, 'POST', `${REPO}/issues`, { body: { title: 'x' } })).status).toBe(201);
  });
});

describe('sub-issues', () => {
  test('POST sub_issues takes the id; the number is refused; one parent unless replace_parent; GET parent; summary', async () => {
    const github = await start();
    const story = await createIssue(github, 'Story');
    const other = await createIssue(github, 'Other story');
    const byNumber = await call(github, 'POST', `${REPO}/issues/1/sub_issues`, { body: { sub_issue_id: story.number } });
    expect(byNumber.status).toBe(422);
    const added = await call(github, 'POST', `${REPO}/issues/1/sub_issues`, { body: { sub_issue_id: story.id } });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ number: 1, sub_issues_summary: { total: 1, completed: 0, percent_completed: 0 } });
    expect((await call(github, 'POST', `${REPO}/issues/1/sub_issues`, { body: { sub_issue_id: story.id } })).status).toBe(422);
    const secondParent = await call(github, 'POST', `${REPO}/issues/${other.number}/sub_issues`, { body: { sub_issue_id: story.id } });
    expect(secondParent.json).toMatchObject({ message: 'Sub issue may only have one parent', status: '422', errors: [expect.objectContaining({ field: 'sub_issue_id' })] });
    expect((await call(github, 'GET', `${REPO}/issues/${story.number}/parent`)).json).toMatchObject({ number: 1 });
    expect((await call(github, 'POST', `${REPO}/issues/${other.number}/sub_issues`, { body: { sub_issue_id: story.id, replace_parent: true } })).status).toBe(201);
    expect(github.issues.get(1)?.subIssues).toEqual([]);
    expect(github.issues.get(other.number)?.subIssues).toEqual([story.number]);
    await call(github, 'PATCH', `${REPO}/issues/${story.number}`, { body: { state: 'closed' } });
    expect((await call(github, 'GET', `${REPO}/issues/${other.number}`)).json).toMatchObject({ sub_issues_summary: { total: 1, completed: 1, percent_completed: 100 } });
    expect(issuesIn(await call(github, 'GET', `${REPO}/issues/${other.number}/sub_issues`)).map((i) => i.number)).toEqual([story.number]);
    expect((await call(github, 'GET', `${REPO}/issues/1/parent`)).status).toBe(404);
    const pr = github.issues.get(2);
    expect((await call(github, 'POST', `${REPO}/issues/1/sub_issues`, { body: { sub_issue_id: pr?.id } })).status).toBe(422);
    expect((await call(github, 'POST', `${REPO}/issues/${story.number}/sub_issues`, { body: { sub_issue_id: github.issues.get(other.number)?.id } })).status).toBe(422);
    expect((await call(github, 'DELETE', `${REPO}/issues/${other.number}/sub_issue`, { body: { sub_issue_id: story.id } })).status).toBe(200);
    expect(github.issues.get(story.number)?.parent).toBeNull();
    expect(github.violations).toEqual([]);
  });

  test(`a parent takes at most ${MAX_SUB_ISSUES} sub-issues; the list of them is paged`, async () => {
    const github = await start({ maxPageSize: 5, issues: Array.from({ length: MAX_SUB_ISSUES + 1 }, (_, i) => ({ title: `child ${i}` })) });
    const children = [...github.issues.values()].filter((i) => i.title.startsWith('child'));
    for (const child of children.slice(0, MAX_SUB_ISSUES)) {
      expect((await call(github, 'POST', `${REPO}/issues/1/sub_issues`, { body: { sub_issue_id: child.id } })).status).toBe(201);
    }
    const over = await call(github, 'POST', `${REPO}/issues/1/sub_issues`, { body: { sub_issue_id: children[MAX_SUB_ISSUES]?.id } });
    expect(over.json).toMatchObject({ status: '422', message: expect.stringContaining(`more than ${MAX_SUB_ISSUES}`) });
    const page = await call(github, 'GET', `${REPO}/issues/1/sub_issues?per_page=50`);
    expect(issuesIn(page)).toHaveLength(5);
    expect(nextLink(page.headers)).toContain('page=2');
  });
});

describe('faults, request log and contract', () => {
  test('drop-after-commit creates the issue and destroys the connection; writes() counts it', async () => {
    const github = await start();
    github.fail({ method: 'POST', pathIncludes: '/issues', kind: 'drop-after-commit' });
    await expect(call(github, 'POST', `${REPO}/issues`, { body: { title: 'Dropped' } })).rejects.toThrow();
    expect([...github.issues.values()].map((i) => i.title)).toContain('Dropped');
    expect(github.writes()).toHaveLength(1);
    expect(github.requests[0]).toMatchObject({ method: 'POST', status: 201, fault: 'drop-after-commit', counted: true, points: 5 });
  });

  test('`skip` hits the Nth write; drop-before-commit changes nothing', async () => {
    const github = await start();
    github.fail({ method: 'WRITE', skip: 2, kind: 'drop-before-commit' });
    await createIssue(github, 'one');
    await call(github, 'GET', `${REPO}/issues`);
    await call(github, 'PATCH', `${REPO}/issues/3`, { body: { title: 'one!' } });
    await expect(call(github, 'POST', `${REPO}/issues`, { body: { title: 'two' } })).rejects.toThrow();
    expect([...github.issues.values()].map((i) => i.title)).not.toContain('two');
    expect(github.writes()).toHaveLength(2);
    github.fail({ method: 'PATCH', kind: 'http-502' });
    expect((await call(github, 'PATCH', `${REPO}/issues/3`, { body: { title: 'x' } })).status).toBe(502);
    expect(github.issues.get(3)?.title).toBe('one!');
  });

  test('requests outside the contract are violations: a body of the wrong shape, an undeclared query, search, a missing API version', async () => {
    const github = await start();
    const bad = await call(github, 'POST', `${REPO}/issues`, { body: { title: 'x', labels: 'bug' } });
    expect(bad.status).toBe(422);
    expect(github.issues.size).toBe(2);
    await call(github, 'GET', `${REPO}/issues?q=label:x`);
    expect((await call(github, 'GET', '/search/issues?q=repo:acme/infra')).status).toBe(404);
    await fetch(`${github.url}/user`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(github.violations).toEqual([
      expect.stringContaining("body does not match POST /repos/{owner}/{repo}/issues"),
      expect.stringContaining("query parameter 'q' is not declared"),
      expect.stringContaining('/search/issues: no operation in the OpenAPI description'),
      expect.stringContaining('not an operation the fake serves'),
      expect.stringContaining('without X-GitHub-Api-Version'),
    ]);
  });

  test('Enterprise Server layout: the API under /api/v3, pages under the root', async () => {
    const github = await start({ apiPrefix: '/api/v3' });
    expect(github.url).toBe(`${github.webUrl}/api/v3`);
    const issue = (await call(github, 'GET', `${REPO}/issues/1`)).json as { url: string; html_url: string };
    expect(issue.url).toBe(`${github.webUrl}/api/v3${REPO}/issues/1`);
    expect(issue.html_url).toBe(`${github.webUrl}/acme/infra/issues/1`);
    expect(github.violations).toEqual([]);
  });
});

describe('response contract', () => {
  test('a response that breaks its schema is reported; one of an undocumented status is not checked', () => {
    expect(contract.checkResponse('GET', '/repos/{owner}/{repo}/issues/{issue_number}', 200, { id: 1, title: 'no number' })).toEqual([
      expect.stringContaining('response 200 of GET /repos/{owner}/{repo}/issues/{issue_number} does not match'),
    ]);
    expect(contract.checkResponse('GET', '/repos/{owner}/{repo}/issues/{issue_number}', 404, { message: 'Not Found', documentation_url: 'x', status: '404' })).toEqual([]);
    expect(contract.checkResponse('GET', '/repos/{owner}/{repo}/issues/{issue_number}', 429, 'anything')).toEqual([]);
  });
});
