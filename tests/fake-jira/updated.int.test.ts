/**
 * The fake's `updated` stamp and the JQL `updated` clause, over real HTTP: every change bumps the
 * stamp and search returns it in `fields.updated`; JQL reads Jira's date forms in the account's
 * time zone to the minute, and relative periods from now (Atlassian's "JQL fields: Updated" and
 * "JQL date/time formats").
 */
import { loadJiraContracts, startFakeJira, type FakeJira, type FakeJiraOptions } from '../../testing/fake-jira';
import { jqlInstant, zonedInstant } from '../../testing/fake-jira/jql-dates';
import { JqlError } from '../../testing/fake-jira/jql-parser';

const BASIC = `Basic ${Buffer.from('dev@example.com:fake-token-123').toString('base64')}`;
const contracts = loadJiraContracts();
const running: FakeJira[] = [];

/** A clock that the test moves: starts 2026-12-06 09:00Z. */
function clock(): { now: () => Date; set: (iso: string) => void } {
  let at = Date.parse('2026-12-06T09:00:00.000Z');
  return { now: () => new Date(at), set: (iso) => { at = Date.parse(iso); } };
}

async function start(options: FakeJiraOptions): Promise<FakeJira> {
  const jira = await startFakeJira({ contracts, ...options });
  running.push(jira);
  return jira;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((jira) => jira.close()));
});

async function call(jira: FakeJira, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { accept: 'application/json', authorization: BASIC };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${jira.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: text === '' ? {} : JSON.parse(text) as Record<string, unknown> };
}

async function search(jira: FakeJira, jql: string): Promise<string[]> {
  const answer = await call(jira, 'POST', '/rest/api/3/search/jql', { jql, fields: ['updated'], maxResults: 50 });
  expect(answer.status).toBe(200);
  return (answer.json.issues as { key: string }[]).map((issue) => issue.key);
}

const seeds = (): FakeJiraOptions['issues'] => [101, 102, 103].map((n) => ({ key: `INFRA-${n}`, summary: `Story ${n}`, parent: 'INFRA-100' }));

test('every change bumps `updated`, and search returns it in fields.updated', async () => {
  const time = clock();
  const jira = await start({ now: time.now, issues: seeds() });
  const stamp = async (key: string): Promise<unknown> => ((await call(jira, 'GET', `/rest/api/3/issue/${key}?fields=updated`)).json.fields as { updated: unknown }).updated;
  expect(await stamp('INFRA-101')).toBe('2026-12-06T09:00:00.000+0000');

  time.set('2026-12-06T09:01:00.000Z');
  expect((await call(jira, 'PUT', '/rest/api/3/issue/INFRA-101', { fields: { summary: 'Renamed' } })).status).toBe(204);
  expect(await stamp('INFRA-101')).toBe('2026-12-06T09:01:00.000+0000');

  time.set('2026-12-06T09:02:00.000Z');
  const transitions = (await call(jira, 'GET', '/rest/api/3/issue/INFRA-102/transitions')).json.transitions as { id: string; to: { name: string } }[];
  const done = transitions.find((transition) => transition.to.name === 'Done');
  expect((await call(jira, 'POST', '/rest/api/3/issue/INFRA-102/transitions', { transition: { id: done?.id } })).status).toBe(204);
  expect(await stamp('INFRA-102')).toBe('2026-12-06T09:02:00.000+0000');

  time.set('2026-12-06T09:03:00.000Z');
  expect((await call(jira, 'PUT', '/rest/api/3/issue/INFRA-103', { update: { labels: [{ add: 'db' }] } })).status).toBe(204);
  expect(await stamp('INFRA-103')).toBe('2026-12-06T09:03:00.000+0000');

  time.set('2026-12-06T09:04:00.000Z');
  const comment = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'hi' }] }] };
  expect((await call(jira, 'POST', '/rest/api/3/issue/INFRA-101/comment', { body: comment })).status).toBe(201);
  expect(await stamp('INFRA-101')).toBe('2026-12-06T09:04:00.000+0000');

  time.set('2026-12-06T09:05:00.000Z');
  const created = await call(jira, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'INFRA' }, issuetype: { name: 'Story' }, summary: 'New', parent: { key: 'INFRA-100' } } });
  expect(await stamp(String(created.json.key))).toBe('2026-12-06T09:05:00.000+0000');

  const answer = await call(jira, 'POST', '/rest/api/3/search/jql', { jql: 'parent = INFRA-100 ORDER BY updated DESC', fields: ['updated'], maxResults: 50 });
  expect((answer.json.issues as { key: string; fields: { updated: string } }[]).map((issue) => [issue.key, issue.fields.updated])).toEqual([
    ['INFRA-104', '2026-12-06T09:05:00.000+0000'], ['INFRA-101', '2026-12-06T09:04:00.000+0000'], ['INFRA-103', '2026-12-06T09:03:00.000+0000'], ['INFRA-102', '2026-12-06T09:02:00.000+0000'],
  ]);
  expect(jira.violations).toEqual([]);
});

test('absolute dates are read in the account\'s time zone, to the minute; relative periods count from now', async () => {
  const time = clock();
  const jira = await start({ now: time.now, issues: seeds(), timeZone: 'Europe/Berlin' });
  // INFRA-101 changed at 09:20Z (10:20 in Berlin), INFRA-102 at 09:14:59Z (10:14:59 in Berlin).
  time.set('2026-12-06T09:20:00.000Z');
  await call(jira, 'PUT', '/rest/api/3/issue/INFRA-101', { fields: { summary: 'A' } });
  time.set('2026-12-06T09:14:59.000Z');
  await call(jira, 'PUT', '/rest/api/3/issue/INFRA-102', { fields: { summary: 'B' } });
  time.set('2026-12-06T09:30:00.000Z');

  expect(await search(jira, 'parent = INFRA-100 AND updated >= "2026-12-06 10:15"')).toEqual(['INFRA-101']);
  expect(await search(jira, 'parent = INFRA-100 AND updated >= "2026/12/06 10:14"')).toEqual(['INFRA-101', 'INFRA-102']);
  // The time zone trap: a client meaning 09:15 UTC gets 09:15 Berlin (08:15Z), so INFRA-103
  // (last changed 09:00Z) comes back too.
  expect(await search(jira, 'parent = INFRA-100 AND updated >= "2026-12-06 09:15"')).toEqual(['INFRA-101', 'INFRA-102', 'INFRA-103']);
  expect(await search(jira, 'parent = INFRA-100 AND updated >= "2026-12-06"')).toEqual(['INFRA-101', 'INFRA-102', 'INFRA-103']);
  expect(await search(jira, 'parent = INFRA-100 AND updated >= 2026-12-06 AND updated < "2026/12/06 10:15"')).toEqual(['INFRA-102', 'INFRA-103']);
  // Relative periods, from the fake's clock (09:30Z): no time zone involved.
  expect(await search(jira, 'parent = INFRA-100 AND updated >= -15m')).toEqual(['INFRA-101']);
  expect(await search(jira, 'parent = INFRA-100 AND updated >= -16m')).toEqual(['INFRA-101', 'INFRA-102']);
  expect(await search(jira, 'parent = INFRA-100 AND updated >= "-10"')).toEqual(['INFRA-101']);
  expect(await search(jira, 'parent = INFRA-100 AND updatedDate <= "-30m"')).toEqual(['INFRA-103']);
  expect(await search(jira, 'parent = INFRA-100 AND updated >= "-1w 2d" AND updated != -10m')).toEqual(['INFRA-102', 'INFRA-103']);
  // An unquoted number is milliseconds after the epoch.
  expect(await search(jira, `parent = INFRA-100 AND updated > ${Date.parse('2026-12-06T09:15:00.000Z')}`)).toEqual(['INFRA-101']);
  expect(jira.violations).toEqual([]);
});

test('a date Jira cannot read is a 400 in Jira\'s words; comparisons are for date fields only', async () => {
  const jira = await start({ issues: seeds() });
  for (const jql of ['updated >= "2026-13-01"', 'updated >= "yesterday"', 'updated >= "2026-02-30 10:00"', 'updated in (-1d)', 'labels > db']) {
    const answer = await call(jira, 'POST', '/rest/api/3/search/jql', { jql, fields: ['updated'] });
    expect(answer.status).toBe(400);
    expect((answer.json.errorMessages as string[])[0]).toMatch(/^Error in the JQL Query:/);
  }
  const bad = await call(jira, 'POST', '/rest/api/3/search/jql', { jql: 'updated >= "yesterday"', fields: ['updated'] });
  expect((bad.json.errorMessages as string[])[0]).toContain("Date value 'yesterday' for field 'updated' is invalid");
});

describe('JQL date values', () => {
  const now = new Date('2026-12-06T09:30:00.000Z');
  test('the forms of Atlassian\'s description', () => {
    expect(jqlInstant('2026-12-06 10:15', true, 'updated', now, 'UTC')).toBe(Date.parse('2026-12-06T10:15:00Z'));
    expect(jqlInstant('2026/12/06 10:15', true, 'updated', now, 'America/New_York')).toBe(Date.parse('2026-12-06T15:15:00Z'));
    expect(jqlInstant('2026-12-06', false, 'updated', now, 'Asia/Kolkata')).toBe(Date.parse('2026-12-05T18:30:00Z'));
    expect(jqlInstant('-15m', false, 'updated', now, 'UTC')).toBe(now.getTime() - 15 * 60_000);
    expect(jqlInstant('-1w 2d', true, 'updated', now, 'UTC')).toBe(now.getTime() - 9 * 86_400_000);
    expect(jqlInstant('4h', true, 'updated', now, 'UTC')).toBe(now.getTime() + 4 * 3_600_000);
    expect(jqlInstant('-30', true, 'updated', now, 'UTC')).toBe(now.getTime() - 30 * 60_000);
    expect(jqlInstant('1000', false, 'updated', now, 'UTC')).toBe(1000);
    expect(() => jqlInstant('10:15', true, 'updated', now, 'UTC')).toThrow(JqlError);
  });

  test('daylight saving: the wall clock of the zone on that day', () => {
    expect(zonedInstant(2026, 7, 1, 12, 0, 'Europe/Berlin')).toBe(Date.parse('2026-07-01T10:00:00Z'));
    expect(zonedInstant(2026, 12, 1, 12, 0, 'Europe/Berlin')).toBe(Date.parse('2026-12-01T11:00:00Z'));
    expect(zonedInstant(2026, 3, 29, 3, 30, 'Europe/Berlin')).toBe(Date.parse('2026-03-29T01:30:00Z'));
  });
});
