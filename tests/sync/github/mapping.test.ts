/** @jest-environment node */
/** The GitHub mapping of issue 16 as pure functions: labels, status, body, Link paging, rate-limit decisions, error bodies. */
import fc from 'fast-check';
import { parseEpic } from '../../../src/model';
import { STATUSES } from '../../../src/model/types';
import { normaliseBody, sameBody, storyBody, subtaskBody } from '../../../src/sync/github/body';
import { describeGitHubErrorBody, gitHubErrorFromResponse } from '../../../src/sync/github/error-body';
import { editLabels, isSyncLabel, pointsOf, pointsLabel, priorityLabel, priorityNameOf } from '../../../src/sync/github/labels';
import { parseLinkHeader } from '../../../src/sync/github/links';
import { gitHubRateLimitWait, resetWaitMs, SECONDARY_DEFAULT_WAIT_MS } from '../../../src/sync/github/rate-limit';
import { gitHubStateOf, noteStatusOf, remoteStatusOf, statusAgrees } from '../../../src/sync/github/status';
import { stableStamp } from '../../../src/sync/github/read';
import type { HttpResponse } from '../../../src/sync/http';
import { example } from '../helpers';

const response = (status: number, headers: Record<string, string> = {}, text = ''): HttpResponse => ({ status, headers, text });

describe('status', () => {
  test('issue 16: done, cancelled, in progress/review/blocked, planned/open', () => {
    expect(gitHubStateOf('done')).toEqual({ state: 'closed', stateReason: 'completed', label: null });
    expect(gitHubStateOf('cancelled')).toEqual({ state: 'closed', stateReason: 'not_planned', label: null });
    expect(gitHubStateOf('in_progress')).toEqual({ state: 'open', stateReason: null, label: 'status: in progress' });
    expect(gitHubStateOf('in_review').label).toBe('status: in review');
    expect(gitHubStateOf('blocked').label).toBe('status: blocked');
    expect(gitHubStateOf('planned')).toEqual({ state: 'open', stateReason: null, label: null });
    expect(gitHubStateOf('open')).toEqual({ state: 'open', stateReason: null, label: null });
  });

  test('every note status survives the round trip through GitHub', () => {
    for (const status of STATUSES) {
      const state = gitHubStateOf(status);
      const remote = remoteStatusOf(state.state, state.stateReason, state.label === null ? ['bug'] : ['bug', state.label]);
      expect(noteStatusOf(remote, status)).toBe(status);
      expect(statusAgrees(status, remote)).toBe(true);
    }
  });

  test('what a teammate does in GitHub reads as a note status', () => {
    expect(remoteStatusOf('closed', null, [])).toEqual({ name: 'closed', category: 'done' });
    expect(noteStatusOf(remoteStatusOf('closed', 'duplicate', []), null)).toBe('cancelled');
    expect(noteStatusOf(remoteStatusOf('closed', 'not_planned', []), 'done')).toBe('cancelled');
    expect(noteStatusOf(remoteStatusOf('open', 'reopened', []), 'done')).toBe('open');
    expect(noteStatusOf(remoteStatusOf('open', null, []), 'planned')).toBe('planned');
    expect(remoteStatusOf('open', null, ['Status: In Review'])).toEqual({ name: 'open: in review', category: 'indeterminate' });
    // Of two status labels, the one furthest from done wins.
    expect(noteStatusOf(remoteStatusOf('open', null, ['status: in progress', 'status: blocked']), null)).toBe('blocked');
    expect(statusAgrees('in_progress', remoteStatusOf('open', null, []))).toBe(false);
    expect(statusAgrees('done', remoteStatusOf('closed', 'not_planned', []))).toBe(false);
  });
});

describe('labels', () => {
  test('points, priority, and which labels are sync\'s', () => {
    expect(pointsLabel(5)).toBe('points: 5');
    expect(priorityLabel('high')).toBe('priority: high');
    expect(pointsOf(['bug', 'Points: 8'])).toBe(8);
    expect(pointsOf(['points: many'])).toBeNull();
    expect(priorityNameOf(['priority: Critical'])).toBe('Critical');
    for (const label of ['spectryn-us-001', 'spectryn-us-001-2', 'points: 3', 'priority: low', 'status: blocked']) expect(isSyncLabel(label)).toBe(true);
    for (const label of ['bug', 'backend', 'status-page', 'pointsless']) expect(isSyncLabel(label)).toBe(false);
  });

  test('an edit drops what it replaces and adds what is missing, case-insensitively, the rest left alone', () => {
    expect(editLabels(['Bug', 'points: 3', 'team'], (label) => label.startsWith('points:'), ['points: 5', 'bug'])).toEqual(['Bug', 'team', 'points: 5']);
  });
});

describe('body', () => {
  const seed = parseEpic(example('postgres-to-crdb.md')).epic;

  test('a story: As a / I want / So that in bold, acceptance criteria as a task list, then technical notes', () => {
    const body = storyBody(seed.stories[0]!) ?? '';
    expect(body).toMatch(/^\*\*As a\*\* .+\n\*\*I want\*\* .+\n\*\*So that\*\* /);
    expect(body).toContain('\n\n### Acceptance Criteria\n\n- [x] ');
    const noted = parseEpic('# Epic\n\n### US-001: A\n\n#### Description\n\nPlain words.\n\n#### Technical Notes\n\nUse `pg_dump`.\n').epic.stories[0];
    expect(noted?.technicalNotes).not.toBeNull();
    expect(storyBody(noted!)).toBe('Plain words.\n\n### Technical Notes\n\nUse `pg_dump`.');
    expect(sameBody(body, `${body.replace(/\n/g, '\r\n')}  \n\n\n`)).toBe(true);
  });

  test('nested criteria are indented, an empty story has no body, a subtask\'s body is its description', () => {
    const note = '# Epic\n\n### US-001: A\n\n#### Acceptance Criteria\n\n- [ ] one\n  - [x] nested\n\n#### Subtasks\n\n| # | Subtask | Description | SP | Status |\n|---|---|---|---|---|\n| 1 | Do | It **well** | 1 | Planned |\n\n### US-002: B\n';
    const { stories } = parseEpic(note).epic;
    expect(storyBody(stories[0]!)).toBe('### Acceptance Criteria\n\n- [ ] one\n  - [x] nested');
    expect(subtaskBody(stories[0]!.subtasks[0]!)).toBe('It **well**');
    expect(storyBody(stories[1]!)).toBeNull();
  });

  test('normalising is idempotent and ignores line ends and trailing spaces (property)', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const once = normaliseBody(text);
      expect(normaliseBody(once)).toBe(once);
      expect(normaliseBody(text.replace(/\n/g, '\r\n'))).toBe(normaliseBody(text.replace(/\r(?!\n)/g, '\n')));
    }));
  });
});

describe('Link header', () => {
  test('next and last, URLs with commas, several relations, absent', () => {
    const header = '<https://api.github.com/repositories/1/issues?labels=a,b&page=2>; rel="next", <https://api.github.com/repositories/1/issues?labels=a,b&page=5>; rel="last"';
    expect(parseLinkHeader(header)).toEqual({ next: 'https://api.github.com/repositories/1/issues?labels=a,b&page=2', last: 'https://api.github.com/repositories/1/issues?labels=a,b&page=5' });
    expect(parseLinkHeader('<http://x/?page=1>; rel="prev first"')).toEqual({ prev: 'http://x/?page=1', first: 'http://x/?page=1' });
    expect(parseLinkHeader(undefined)).toEqual({});
    expect(parseLinkHeader('garbage')).toEqual({});
  });

  test('never throws on any header (property)', () => {
    fc.assert(fc.property(fc.string(), (header) => { expect(typeof parseLinkHeader(header)).toBe('object'); }));
  });
});

describe('rate limits', () => {
  const now = Date.parse('2026-12-06T11:00:00Z');

  test('retry-after first; else the primary reset; else a minute for a secondary limit', () => {
    expect(gitHubRateLimitWait(response(403, { 'retry-after': '30' }), now)).toBe(30_000);
    expect(gitHubRateLimitWait(response(429, { 'retry-after': '2' }), now)).toBe(2_000);
    const reset = String(now / 1000 + 120);
    expect(gitHubRateLimitWait(response(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), now)).toBe(121_000);
    expect(gitHubRateLimitWait(response(429), now)).toBe(SECONDARY_DEFAULT_WAIT_MS);
    expect(gitHubRateLimitWait(response(403, {}, '{"message":"You have exceeded a secondary rate limit."}'), now)).toBe(SECONDARY_DEFAULT_WAIT_MS);
    expect(resetWaitMs({ 'x-ratelimit-reset': String(now / 1000 - 10) }, now)).toBe(1_000);
  });

  test('a 403 that is a refused permission is no rate limit, nor is any other status', () => {
    expect(gitHubRateLimitWait(response(403, { 'x-ratelimit-remaining': '4999' }, '{"message":"Resource not accessible by personal access token"}'), now)).toBeNull();
    expect(gitHubRateLimitWait(response(401, { 'retry-after': '5' }), now)).toBeNull();
    expect(gitHubRateLimitWait(response(200, { 'x-ratelimit-remaining': '0' }), now)).toBeNull();
  });
});

describe('errors', () => {
  const secret = 'ghp_secretToken1234567890';

  test('GitHub\'s message and its errors list in plain words, redacted; a 403 rate limit is kind rateLimit', () => {
    expect(describeGitHubErrorBody('{"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"missing_field"},{"message":"Sub issue may only have one parent"}],"status":"422"}'))
      .toBe('Validation Failed (title: missing_field; Sub issue may only have one parent)');
    expect(describeGitHubErrorBody('<html>sign in</html>')).toBe('the answer is not GitHub\'s error JSON (20 characters, not shown)');
    const refused = gitHubErrorFromResponse(response(401, {}, `{"message":"Bad credentials ${secret}"}`), 'read the epic #1', [secret], { reading: true, now: 0 });
    expect(refused).toMatchObject({ kind: 'auth', status: 401 });
    expect(refused.message).not.toContain(secret);
    expect(refused.hint).toMatch(/GITHUB_TOKEN/);
    expect(gitHubErrorFromResponse(response(403, { 'retry-after': '90' }, '{"message":"secondary rate limit"}'), 'create', [], { reading: false, now: 0 })).toMatchObject({ kind: 'rateLimit', message: expect.stringMatching(/GitHub asks to wait 90 s/) });
    expect(gitHubErrorFromResponse(response(403, { 'x-accepted-github-permissions': 'issues=write' }, '{"message":"Resource not accessible by personal access token"}'), 'create', [], { reading: false, now: 0 }).message).toMatch(/needs the permissions issues=write/);
    expect(gitHubErrorFromResponse(response(400, {}, '{"message":"Bad request"}'), 'list', [], { reading: true, now: 0 }).kind).toBe('configuration');
  });
});

describe('stamps the record may keep', () => {
  test('a stamp in the second of the answer (or later) is not kept: a change in that same second would leave it as it was', () => {
    const answeredAt = Date.parse('Sun, 06 Dec 2026 11:00:05 GMT');
    expect(stableStamp('2026-12-06T11:00:03Z', answeredAt)).toBe('2026-12-06T11:00:03Z');
    expect(stableStamp('2026-12-06T11:00:04Z', answeredAt)).toBeNull();
    expect(stableStamp('2026-12-06T11:00:05Z', answeredAt)).toBeNull();
    expect(stableStamp('2026-12-06T11:00:09Z', answeredAt)).toBeNull();
    expect(stableStamp('2026-12-06T11:00:05Z', null)).toBe('2026-12-06T11:00:05Z');
    expect(stableStamp(null, answeredAt)).toBeNull();
  });
});
