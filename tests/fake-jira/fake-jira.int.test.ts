/**
 * The fake Jira itself, over real HTTP with Node's fetch: auth, the contract checks (OpenAPI and
 * ADF), create/bulk/update, search paging and the JQL subset, transitions, comments, faults, and
 * the Data Center flavour.
 */
import { loadJiraContracts, startFakeJira, type FakeJira, type FakeJiraOptions } from '../../testing/fake-jira/index';

const EMAIL = 'dev@example.com';
const TOKEN = 'fake-token-123';
const BASIC = `Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64')}`;
const BEARER = `Bearer ${TOKEN}`;

interface Answer {
  status: number;
  headers: Headers;
  json: unknown;
  text: string;
}

const running: FakeJira[] = [];
const contracts = loadJiraContracts();

async function start(options: FakeJiraOptions = {}): Promise<FakeJira> {
  const jira = await startFakeJira({ contracts, ...options });
  running.push(jira);
  return jira;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((j) => j.close()));
});

async function call(jira: FakeJira, method: string, path: string, body?: unknown, authorization: string | null = BASIC): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (authorization !== null) headers.authorization = authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${jira.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, json, text };
}

const adf = (text: string): unknown => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

const storyFields = (summary: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  project: { key: 'INFRA' },
  issuetype: { name: 'Story' },
  summary,
  parent: { key: 'INFRA-100' },
  ...extra,
});

function seededStories(count: number, labels: (i: number) => string[] = () => []): FakeJiraOptions['issues'] {
  return Array.from({ length: count }, (_, i) => ({ key: `INFRA-${101 + i}`, summary: `Story ${i + 1}`, parent: 'INFRA-100', labels: labels(i) }));
}

function keysOf(answer: Answer): string[] {
  return (answer.json as { issues: { key: string }[] }).issues.map((i) => i.key);
}

describe('auth', () => {
  test('cloud accepts Basic email:token and refuses a wrong or missing one with 401, never echoing the token', async () => {
    const jira = await start();
    const ok = await call(jira, 'GET', '/rest/api/3/myself');
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ emailAddress: EMAIL, displayName: expect.any(String), accountId: expect.any(String) });

    const wrongToken = `Basic ${Buffer.from(`${EMAIL}:not-the-token`).toString('base64')}`;
    for (const authorization of [wrongToken, null, BEARER]) {
      const refused = await call(jira, 'GET', '/rest/api/3/myself', undefined, authorization);
      expect(refused.status).toBe(401);
      expect(refused.json).toEqual({ errorMessages: [expect.stringContaining('not authenticated')], errors: {} });
      expect(refused.text).not.toContain('not-the-token');
    }
    const recorded = JSON.stringify(jira.requests);
    expect(recorded).not.toContain(TOKEN);
    expect(recorded).not.toContain(BASIC.slice(6));
    expect(jira.requests[0]?.headers.authorization).toBe('[redacted]');
    expect(jira.violations).toEqual([]);
  });

  test('data center accepts Bearer PAT and refuses Basic with the right token', async () => {
    const jira = await start({ flavor: 'datacenter' });
    expect((await call(jira, 'GET', '/rest/api/2/myself', undefined, BEARER)).status).toBe(200);
    expect((await call(jira, 'GET', '/rest/api/2/myself', undefined, BASIC)).status).toBe(401);
    expect((await call(jira, 'GET', '/rest/api/2/myself', undefined, 'Bearer wrong')).status).toBe(401);
    expect(JSON.stringify(jira.requests)).not.toContain(TOKEN);
  });
});

describe('metadata', () => {
  test('fields list the story points field by name, the Epic Link decoy and Sprint', async () => {
    const jira = await start({ storyPointsFieldId: 'customfield_10777' });
    const fields = (await call(jira, 'GET', '/rest/api/3/field')).json as { id: string; name: string; custom: boolean; schema: Record<string, unknown> }[];
    expect(fields.find((f) => f.name === 'Story Points')).toMatchObject({ id: 'customfield_10777', custom: true, schema: { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float' } });
    expect(fields.find((f) => f.id === 'customfield_10014')?.name).toBe('Epic Link');
    expect(fields.find((f) => f.id === 'customfield_10020')?.name).toBe('Sprint');
    expect(fields.map((f) => f.id)).toEqual(expect.arrayContaining(['summary', 'description', 'priority', 'labels', 'parent', 'status', 'issuetype', 'comment', 'project', 'subtasks']));
    expect(jira.violations).toEqual([]);
  });

  test('project, create metadata and priorities', async () => {
    const jira = await start();
    const project = await call(jira, 'GET', '/rest/api/3/project/INFRA');
    expect(project.json).toMatchObject({ key: 'INFRA', issueTypes: expect.arrayContaining([{ ...{ id: '10003', name: 'Sub-task', subtask: true }, self: expect.any(String), description: '', hierarchyLevel: -1 }]) });
    expect((await call(jira, 'GET', '/rest/api/3/project/NOPE')).status).toBe(404);

    const types = await call(jira, 'GET', '/rest/api/3/issue/createmeta/INFRA/issuetypes');
    expect(types.json).toMatchObject({ total: 4, startAt: 0 });
    const story = (await call(jira, 'GET', '/rest/api/3/issue/createmeta/INFRA/issuetypes/10001')).json as { fields: { fieldId: string; required: boolean }[] };
    expect(story.fields.map((f) => f.fieldId)).toEqual(expect.arrayContaining(['summary', 'description', 'priority', 'labels', 'parent', 'issuetype', 'project', 'customfield_10042']));
    expect(story.fields.map((f) => f.fieldId)).not.toContain('customfield_10014');

    const priorities = (await call(jira, 'GET', '/rest/api/3/priority')).json as { name: string }[];
    expect(priorities.map((p) => p.name)).toEqual(['Highest', 'High', 'Medium', 'Low', 'Lowest']);
    expect(jira.violations).toEqual([]);
  });
});

describe('create', () => {
  test('a valid create passes with no violation and keys follow the highest existing number', async () => {
    const jira = await start();
    const created = await call(jira, 'POST', '/rest/api/3/issue', {
      fields: storyFields('Schema design', { description: adf('As a DBA'), priority: { name: 'High' }, labels: ['spectryn-us-001'], customfield_10042: 5 }),
    });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ id: expect.any(String), key: 'INFRA-101', self: expect.stringContaining('/rest/api/3/issue/') });
    expect(jira.issues.get('INFRA-101')).toMatchObject({ issueType: 'Story', summary: 'Schema design', status: 'Backlog', priority: 'High', labels: ['spectryn-us-001'], parent: 'INFRA-100', storyPoints: 5, description: adf('As a DBA') });
    const second = await call(jira, 'POST', '/rest/api/3/issue', { fields: storyFields('Second') });
    expect((second.json as { key: string }).key).toBe('INFRA-102');
    expect(jira.violations).toEqual([]);
    expect(jira.writes()).toHaveLength(2);
  });

  test('a string description on cloud is refused with 400 and recorded as a violation', async () => {
    const jira = await start();
    const answer = await call(jira, 'POST', '/rest/api/3/issue', { fields: storyFields('Plain', { description: 'As a DBA' }) });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ errorMessages: [], errors: { description: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)' } });
    expect(jira.violations).toEqual([expect.stringContaining('not an ADF document')]);
    expect(jira.issues.size).toBe(1);
  });

  test('a malformed ADF document (empty text node) is refused by the ADF schema', async () => {
    const jira = await start();
    const answer = await call(jira, 'POST', '/rest/api/3/issue', { fields: storyFields('Empty text', { description: adf('') }) });
    expect(answer.status).toBe(400);
    expect(jira.violations).toEqual([expect.stringContaining('invalid ADF')]);
  });

  test('an unknown field, the Epic Link decoy and a bad priority are refused field by field', async () => {
    const jira = await start();
    const answer = await call(jira, 'POST', '/rest/api/3/issue', { fields: storyFields('Bad', { customfield_99999: 3, customfield_10014: 'INFRA-100', priority: { name: 'Urgent' } }) });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      errorMessages: [],
      errors: {
        customfield_99999: "Field 'customfield_99999' cannot be set. It is not on the appropriate screen, or unknown.",
        customfield_10014: "Field 'customfield_10014' cannot be set. It is not on the appropriate screen, or unknown.",
        priority: 'The priority selected is invalid.',
      },
    });
    expect(jira.issues.size).toBe(1);
    expect(jira.writes()).toEqual([]);
  });

  test('a sub-task needs a parent story; a story under a story is outside the hierarchy', async () => {
    const jira = await start({ issues: seededStories(1) });
    const orphan = await call(jira, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'INFRA' }, issuetype: { name: 'Sub-task' }, summary: 'Orphan' } });
    expect(orphan.status).toBe(400);
    expect((orphan.json as { errors: Record<string, string> }).errors.issuetype).toContain('sub-task');
    const nested = await call(jira, 'POST', '/rest/api/3/issue', { fields: storyFields('Nested', { parent: { key: 'INFRA-101' } }) });
    expect((nested.json as { errors: Record<string, string> }).errors.parent).toContain('hierarchy');
    const subtask = await call(jira, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'INFRA' }, issuetype: { id: '10003' }, summary: 'Child', parent: { key: 'INFRA-101' } } });
    expect(subtask.status).toBe(201);
    const story = await call(jira, 'GET', '/rest/api/3/issue/INFRA-101?fields=subtasks');
    expect((story.json as { fields: { subtasks: { key: string }[] } }).fields.subtasks.map((s) => s.key)).toEqual(['INFRA-102']);
  });

  test('bulk creates up to 50, reports failed elements by number, and refuses more than 50', async () => {
    const jira = await start();
    const mixed = await call(jira, 'POST', '/rest/api/3/issue/bulk', {
      issueUpdates: [{ fields: storyFields('One') }, { fields: storyFields('Two', { labels: ['has space'] }) }, { fields: storyFields('Three') }],
    });
    expect(mixed.status).toBe(201);
    expect(mixed.json).toEqual({
      issues: [expect.objectContaining({ key: 'INFRA-101' }), expect.objectContaining({ key: 'INFRA-102' })],
      errors: [{ status: 400, elementErrors: { errorMessages: [], errors: { labels: "The label 'has space' contains spaces which is invalid." }, status: 400 }, failedElementNumber: 1 }],
    });
    const tooMany = await call(jira, 'POST', '/rest/api/3/issue/bulk', { issueUpdates: Array.from({ length: 51 }, (_, i) => ({ fields: storyFields(`S${i}`) })) });
    expect(tooMany.status).toBe(400);
    expect(jira.issues.size).toBe(3);
    const fifty = await call(jira, 'POST', '/rest/api/3/issue/bulk', { issueUpdates: Array.from({ length: 50 }, (_, i) => ({ fields: storyFields(`S${i}`) })) });
    expect(fifty.status).toBe(201);
    expect(jira.issues.size).toBe(53);
    expect(jira.violations).toEqual([]);
  });
});

describe('contract checks', () => {
  test('a request that matches no operation of the OpenAPI description is a violation and a 404', async () => {
    const jira = await start();
    const answer = await call(jira, 'GET', '/rest/api/3/issue/INFRA-100/frobnicate');
    expect(answer.status).toBe(404);
    expect(jira.violations).toEqual([expect.stringContaining('no operation in the OpenAPI description')]);
  });

  test('a method the path does not define, an undeclared query parameter and a body that breaks its schema are violations', async () => {
    const jira = await start();
    const patch = await call(jira, 'PATCH', '/rest/api/3/issue/INFRA-100', { fields: {} });
    expect(patch.status).toBe(405);
    expect(patch.headers.get('allow')).toBe('GET, PUT');
    expect(jira.violations.at(-1)).toContain('method PATCH is not defined');
    const issue = await call(jira, 'GET', '/rest/api/3/issue/INFRA-100?fields=summary&bogus=1');
    expect(issue.status).toBe(200);
    expect(jira.violations.at(-1)).toContain("query parameter 'bogus' is not declared");
    const search = await call(jira, 'POST', '/rest/api/3/search/jql', { jql: 'project = INFRA', startAt: 5 });
    expect(search.status).toBe(400);
    expect(jira.violations.at(-1)).toContain("must NOT have additional properties ('startAt')");
    const transition = await call(jira, 'POST', '/rest/api/3/issue/INFRA-100/transitions', { transition: { id: 31 } });
    expect(transition.status).toBe(400);
    expect(jira.violations.at(-1)).toContain('/transition/id must be string');
    expect(jira.violations).toHaveLength(4);
  });

  test('without shared contracts a fake loads its own; a missing OpenAPI file fails clearly at start', async () => {
    const own = await startFakeJira();
    running.push(own);
    expect((await call(own, 'POST', '/rest/api/3/issue', { fields: storyFields('Own', { description: adf('x') }) })).status).toBe(201);
    await call(own, 'GET', '/rest/api/3/nothing-here');
    expect(own.violations).toEqual([expect.stringContaining('no operation')]);
    await expect(startFakeJira({ openApiPath: '/nonexistent/jira.json' })).rejects.toThrow(/OpenAPI description .* was not found \(looked in: \/nonexistent\/jira.json\)/);
  });

  test('validate: false checks nothing but keeps Jira behaviour', async () => {
    const jira = await start({ validate: false });
    await call(jira, 'GET', '/rest/api/3/issue/INFRA-100?bogus=1');
    const plain = await call(jira, 'POST', '/rest/api/3/issue', { fields: storyFields('Plain', { description: 'text' }) });
    expect(plain.status).toBe(400);
    expect(jira.violations).toEqual([]);
  });
});

describe('search', () => {
  test('search/jql pages 12 issues by 5 through nextPageToken, in key order, only requested fields', async () => {
    const jira = await start({ pageSize: 5, issues: seededStories(12) });
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let token: string | undefined;
    for (let guard = 0; guard < 10; guard += 1) {
      const answer = await call(jira, 'POST', '/rest/api/3/search/jql', { jql: 'parent = INFRA-100', fields: ['summary', 'status'], maxResults: 50, ...(token ? { nextPageToken: token } : {}) });
      expect(answer.status).toBe(200);
      const body = answer.json as { issues: { key: string; fields: Record<string, unknown> }[]; nextPageToken?: string; isLast: boolean };
      seen.push(...body.issues.map((i) => i.key));
      pageSizes.push(body.issues.length);
      for (const issue of body.issues) expect(Object.keys(issue.fields).sort()).toEqual(['status', 'summary']);
      expect(body.isLast).toBe(body.nextPageToken === undefined);
      token = body.nextPageToken;
      if (!token) break;
    }
    expect(pageSizes).toEqual([5, 5, 2]);
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `INFRA-${101 + i}`));
    expect(jira.violations).toEqual([]);
  });

  test('search/approximate-count counts a bounded query whatever the page size, refuses an unbounded one, writes nothing', async () => {
    const jira = await start({ pageSize: 5, issues: seededStories(12) });
    const counted = await call(jira, 'POST', '/rest/api/3/search/approximate-count', { jql: 'parent = INFRA-100' });
    expect(counted.status).toBe(200);
    expect(counted.json).toEqual({ count: 12 });
    const unbounded = await call(jira, 'POST', '/rest/api/3/search/approximate-count', { jql: '' });
    expect(unbounded.status).toBe(400);
    expect(jira.writes()).toEqual([]);
    expect(jira.violations).toEqual([]);
  });

  test('maxResults below the page size wins; a token from another query is refused', async () => {
    const jira = await start({ issues: seededStories(4) });
    const first = await call(jira, 'GET', '/rest/api/3/search/jql?jql=parent%20%3D%20INFRA-100&maxResults=3&fields=summary');
    expect(keysOf(first)).toEqual(['INFRA-101', 'INFRA-102', 'INFRA-103']);
    const token = (first.json as { nextPageToken: string }).nextPageToken;
    const other = await call(jira, 'POST', '/rest/api/3/search/jql', { jql: 'project = INFRA', nextPageToken: token });
    expect(other.status).toBe(400);
    expect(jira.violations).toEqual([]);
  });

  test('the JQL subset: AND/OR, parentheses, labels, key in, issuetype, ORDER BY', async () => {
    const labels = (i: number): string[] => (i % 3 === 0 ? ['alpha'] : i % 3 === 1 ? ['beta', 'spectryn-us-00' + String(i)] : []);
    const jira = await start({ issues: [...(seededStories(6, labels) ?? []), { key: 'INFRA-107', summary: 'Sub', issueType: 'Sub-task', parent: 'INFRA-101' }] });
    const search = async (jql: string): Promise<Answer> => call(jira, 'POST', '/rest/api/3/search/jql', { jql, fields: ['summary'] });
    expect(keysOf(await search('parent = INFRA-100 AND labels = alpha'))).toEqual(['INFRA-101', 'INFRA-104']);
    expect(keysOf(await search('parent = INFRA-100 AND (labels = alpha OR labels in ("beta")) ORDER BY key DESC'))).toEqual(['INFRA-105', 'INFRA-104', 'INFRA-102', 'INFRA-101']);
    expect(keysOf(await search('(parent in (INFRA-100, INFRA-101)) and issuetype = "Sub-task"'))).toEqual(['INFRA-107']);
    expect(keysOf(await search("key in (INFRA-103, 'INFRA-101') order by created"))).toEqual(['INFRA-101', 'INFRA-103']);
    expect(keysOf(await search('project = INFRA AND issuetype = Epic'))).toEqual(['INFRA-100']);
    expect(keysOf(await search('labels = "spectryn-us-004" OR key = INFRA-106'))).toEqual(['INFRA-105', 'INFRA-106']);
    expect(keysOf(await search('parent = INFRA-100 AND labels = alpha OR key = INFRA-103'))).toEqual(['INFRA-101', 'INFRA-103', 'INFRA-104']);

    for (const bad of ['status = Done', 'parent = INFRA-100 AND', 'parent ~ x', 'parent = INFRA-999', 'summary = "x"', '(key = INFRA-101', 'ORDER BY key']) {
      const answer = await search(bad);
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ errorMessages: [expect.stringMatching(/^Error in the JQL Query: |^Unbounded JQL/)], errors: {} });
    }
    expect(jira.violations).toEqual([]);
  });

  test('the old /rest/api/3/search answers 410 Gone pointing to search/jql', async () => {
    const jira = await start();
    for (const method of ['GET', 'POST']) {
      const answer = await call(jira, method, '/rest/api/3/search' + (method === 'GET' ? '?jql=project%3DINFRA' : ''), method === 'POST' ? { jql: 'project = INFRA' } : undefined);
      expect(answer.status).toBe(410);
      expect((answer.json as { errorMessages: string[] }).errorMessages[0]).toContain('/rest/api/3/search/jql');
    }
    expect(jira.violations).toEqual([]);
  });

  test('issue get: requested fields, status with category, 404 for an unknown key', async () => {
    const jira = await start({ issues: [{ key: 'INFRA-101', summary: 'S', parent: 'INFRA-100', storyPoints: 3, priority: 'Low', status: 'In Review' }] });
    const answer = await call(jira, 'GET', '/rest/api/3/issue/INFRA-101?fields=summary,status,priority,issuetype,parent,customfield_10042');
    expect(answer.json).toMatchObject({
      key: 'INFRA-101',
      fields: {
        summary: 'S',
        status: { name: 'In Review', statusCategory: { key: 'indeterminate' } },
        priority: { name: 'Low' },
        issuetype: { name: 'Story', subtask: false },
        parent: { key: 'INFRA-100', fields: { summary: 'Database Migration: PostgreSQL to CockroachDB' } },
        customfield_10042: 3,
      },
    });
    expect(Object.keys((answer.json as { fields: object }).fields)).toHaveLength(6);
    const missing = await call(jira, 'GET', '/rest/api/3/issue/INFRA-999');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
  });
});

describe('update, transitions and comments', () => {
  test('PUT edits fields and label operations; status cannot be set through fields', async () => {
    const jira = await start({ issues: seededStories(1, () => ['keep', 'drop']) });
    const edit = await call(jira, 'PUT', '/rest/api/3/issue/INFRA-101', { fields: { summary: 'Renamed', customfield_10042: 8, priority: { name: 'Highest' } }, update: { labels: [{ add: 'new' }, { remove: 'drop' }] } });
    expect(edit.status).toBe(204);
    expect(jira.issues.get('INFRA-101')).toMatchObject({ summary: 'Renamed', storyPoints: 8, priority: 'Highest', labels: ['keep', 'new'] });
    const status = await call(jira, 'PUT', '/rest/api/3/issue/INFRA-101', { fields: { status: { name: 'Done' } } });
    expect(status.status).toBe(400);
    expect(jira.issues.get('INFRA-101')?.status).toBe('Backlog');
    expect(jira.violations).toEqual([]);
  });

  test('transitions are listed with target statuses, names differing, and applied by id', async () => {
    const jira = await start({ issues: seededStories(1) });
    const listed = (await call(jira, 'GET', '/rest/api/3/issue/INFRA-101/transitions')).json as { transitions: { id: string; name: string; to: { name: string; statusCategory: { key: string } } }[] };
    expect(listed.transitions.map((t) => t.to.name)).toEqual(['Selected for Development', 'In Progress', 'In Review', 'Blocked', 'Done', "Won't Do"]);
    for (const t of listed.transitions) expect(t.name).not.toBe(t.to.name);
    const done = listed.transitions.find((t) => t.to.name === 'Done');
    expect(done?.to.statusCategory.key).toBe('done');
    expect((await call(jira, 'POST', '/rest/api/3/issue/INFRA-101/transitions', { transition: { id: done?.id } })).status).toBe(204);
    expect(jira.issues.get('INFRA-101')?.status).toBe('Done');
    const again = await call(jira, 'POST', '/rest/api/3/issue/INFRA-101/transitions', { transition: { id: done?.id } });
    expect(again.status).toBe(400);
    expect((await call(jira, 'POST', '/rest/api/3/issue/INFRA-101/transitions', { transition: { id: '999' } })).status).toBe(400);
    const back = (await call(jira, 'GET', '/rest/api/3/issue/INFRA-101/transitions')).json as { transitions: { to: { name: string } }[] };
    expect(back.transitions.map((t) => t.to.name)).toContain('Backlog');
    expect(jira.violations).toEqual([]);
  });

  test('comments: ADF bodies are added and listed; a string body on cloud is refused', async () => {
    const jira = await start({ issues: seededStories(1) });
    const added = await call(jira, 'POST', '/rest/api/3/issue/INFRA-101/comment', { body: adf('Commit abc123') });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ id: expect.any(String), body: adf('Commit abc123'), author: { displayName: 'Dev Example' }, created: expect.stringMatching(/\+0000$/) });
    const listed = await call(jira, 'GET', '/rest/api/3/issue/INFRA-101/comment');
    expect(listed.json).toMatchObject({ total: 1, comments: [{ body: adf('Commit abc123') }] });
    await call(jira, 'POST', '/rest/api/3/issue/INFRA-101/comment', { body: adf('Second') });
    const paged = await call(jira, 'GET', '/rest/api/3/issue/INFRA-101/comment?startAt=1&maxResults=1');
    expect(paged.json).toMatchObject({ startAt: 1, maxResults: 1, total: 2, comments: [{ body: adf('Second') }] });
    const plain = await call(jira, 'POST', '/rest/api/3/issue/INFRA-101/comment', { body: 'plain' });
    expect(plain.status).toBe(400);
    expect(jira.violations).toEqual([expect.stringContaining('comment body of INFRA-101')]);
    const search = await call(jira, 'POST', '/rest/api/3/search/jql', { jql: 'key = INFRA-101', fields: ['comment'] });
    expect((search.json as { issues: { fields: { comment: unknown } }[] }).issues[0]?.fields.comment).toMatchObject({ total: 2, comments: [{ id: expect.any(String), author: { displayName: 'Dev Example' } }, { body: adf('Second') }] });
  });
});

describe('more Jira behaviour', () => {
  test('a transition may add a comment through update.comment; a string comment there is refused on cloud', async () => {
    const jira = await start({ issues: [{ key: 'INFRA-101', summary: 'S', parent: 'INFRA-100', comments: [{ body: adf('seeded') }] }] });
    const withComment = await call(jira, 'POST', '/rest/api/3/issue/INFRA-101/transitions', { transition: { id: '31' }, update: { comment: [{ add: { body: adf('Started') } }] } });
    expect(withComment.status).toBe(204);
    expect(jira.issues.get('INFRA-101')).toMatchObject({ status: 'In Progress', comments: [{ body: adf('seeded') }, { body: adf('Started'), author: 'Dev Example' }] });
    const refused = await call(jira, 'POST', '/rest/api/3/issue/INFRA-101/transitions', { transition: { id: '61' }, update: { comment: [{ add: { body: 'plain' } }] } });
    expect(refused.status).toBe(400);
    expect(jira.issues.get('INFRA-101')?.status).toBe('In Progress');
    expect(jira.violations).toHaveLength(1);
  });

  test('repeated query parameters join like a comma list; the clock is injectable', async () => {
    const jira = await start({ now: () => new Date('2026-03-04T05:06:07.000Z') });
    const answer = await call(jira, 'GET', '/rest/api/3/issue/INFRA-100?fields=summary&fields=created');
    expect((answer.json as { fields: unknown }).fields).toEqual({ summary: 'Database Migration: PostgreSQL to CockroachDB', created: '2026-03-04T05:06:07.000+0000' });
    expect(jira.requests[0]?.query).toEqual({ fields: 'summary,created' });
  });

  test('a body without application/json is 415 and a violation; a body that is not JSON is 400', async () => {
    const jira = await start();
    const asText = await fetch(`${jira.url}/rest/api/3/issue`, { method: 'POST', headers: { authorization: BASIC, 'content-type': 'text/plain' }, body: JSON.stringify({ fields: storyFields('T') }) });
    expect(asText.status).toBe(415);
    expect(jira.violations).toEqual([expect.stringContaining('Content-Type must be application/json')]);
    const broken = await fetch(`${jira.url}/rest/api/3/issue`, { method: 'POST', headers: { authorization: BASIC, 'content-type': 'application/json' }, body: '{"fields": ' });
    expect(broken.status).toBe(400);
    expect(jira.issues.size).toBe(1);
  });

  test('data center create metadata answers `values` as well as the cloud names', async () => {
    const jira = await start({ flavor: 'datacenter' });
    const types = (await call(jira, 'GET', '/rest/api/2/issue/createmeta/INFRA/issuetypes', undefined, BEARER)).json as { values: { name: string }[]; issueTypes: unknown[] };
    expect(types.values.map((t) => t.name)).toEqual(['Epic', 'Story', 'Task', 'Sub-task']);
    const story = (await call(jira, 'GET', '/rest/api/2/issue/createmeta/INFRA/issuetypes/10001', undefined, BEARER)).json as { values: { fieldId: string }[] };
    expect(story.values.map((f) => f.fieldId)).toEqual(expect.arrayContaining(['customfield_10014', 'customfield_10042']));
    expect(story.values.map((f) => f.fieldId)).not.toContain('parent');
    expect(jira.violations).toEqual([]);
  });
});

describe('site variations', () => {
  test('the subtask type and the story points field may be named differently', async () => {
    const jira = await start({ subtaskIssueType: 'Subtask', storyPointsFieldName: 'Story point estimate', storyPointsFieldId: 'customfield_10016', issues: seededStories(1) });
    const project = (await call(jira, 'GET', '/rest/api/3/project/INFRA')).json as { issueTypes: { name: string; subtask: boolean }[] };
    expect(project.issueTypes.filter((t) => t.subtask).map((t) => t.name)).toEqual(['Subtask']);
    const fields = (await call(jira, 'GET', '/rest/api/3/field')).json as { id: string; name: string }[];
    expect(fields.find((f) => f.name === 'Story point estimate')?.id).toBe('customfield_10016');
    expect(fields.some((f) => f.name === 'Story Points')).toBe(false);
    const wrongName = await call(jira, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'INFRA' }, issuetype: { name: 'Sub-task' }, summary: 'x', parent: { key: 'INFRA-101' } } });
    expect(wrongName.status).toBe(400);
    const created = await call(jira, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'INFRA' }, issuetype: { name: 'Subtask' }, summary: 'x', parent: { key: 'INFRA-101' }, customfield_10016: 2 } });
    expect(created.status).toBe(201);
    expect(jira.issues.get('INFRA-102')).toMatchObject({ issueType: 'Subtask', storyPoints: 2 });
    expect(jira.violations).toEqual([]);
  });

  test('searchLag: a new issue is missing from the next searches unless reconciled by id', async () => {
    const jira = await start({ searchLag: 2 });
    const created = await call(jira, 'POST', '/rest/api/3/issue', { fields: storyFields('Fresh', { labels: ['spectryn-us-009'] }) });
    const id = Number((created.json as { id: string }).id);
    const query = { jql: 'labels = spectryn-us-009', fields: ['summary'] };
    expect(keysOf(await call(jira, 'POST', '/rest/api/3/search/jql', query))).toEqual([]);
    expect(keysOf(await call(jira, 'POST', '/rest/api/3/search/jql', { ...query, reconcileIssues: [id] }))).toEqual(['INFRA-101']);
    expect(keysOf(await call(jira, 'POST', '/rest/api/3/search/jql', query))).toEqual(['INFRA-101']);
    expect(jira.violations).toEqual([]);
  });
});

describe('faults', () => {
  test('http-500 and http-502 answer without applying the write, once by default', async () => {
    const jira = await start();
    jira.fail({ kind: 'http-500', method: 'POST', pathIncludes: '/issue' });
    jira.fail({ kind: 'http-502', method: 'POST', pathIncludes: '/issue' });
    expect((await call(jira, 'POST', '/rest/api/3/issue', { fields: storyFields('A') })).status).toBe(500);
    expect((await call(jira, 'POST', '/rest/api/3/issue', { fields: storyFields('A') })).status).toBe(502);
    expect(jira.issues.size).toBe(1);
    expect((await call(jira, 'POST', '/rest/api/3/issue', { fields: storyFields('A') })).status).toBe(201);
    expect(jira.writes()).toHaveLength(1);
    expect(jira.requests.map((r) => r.fault)).toEqual(['http-500', 'http-502', undefined]);
  });

  test('http-429 carries Retry-After and a rule can repeat', async () => {
    const jira = await start();
    jira.fail({ kind: 'http-429', pathIncludes: '/myself', times: 2, retryAfter: '7' });
    const first = await call(jira, 'GET', '/rest/api/3/myself');
    const second = await call(jira, 'GET', '/rest/api/3/myself');
    expect([first.status, second.status]).toEqual([429, 429]);
    expect(first.headers.get('retry-after')).toBe('7');
    expect((await call(jira, 'GET', '/rest/api/3/myself')).status).toBe(200);
  });

  test('drop-after-commit applies the create, then closes the socket without an answer', async () => {
    const jira = await start();
    jira.fail({ kind: 'drop-after-commit', method: 'POST', pathIncludes: '/issue/bulk' });
    await expect(call(jira, 'POST', '/rest/api/3/issue/bulk', { issueUpdates: [{ fields: storyFields('Dropped', { labels: ['spectryn-us-001'] }) }] })).rejects.toThrow();
    expect(jira.issues.get('INFRA-101')?.labels).toEqual(['spectryn-us-001']);
    expect(jira.writes()).toEqual([expect.objectContaining({ path: '/rest/api/3/issue/bulk', status: 201, fault: 'drop-after-commit' })]);
    const found = await call(jira, 'POST', '/rest/api/3/search/jql', { jql: 'parent = INFRA-100 AND labels = spectryn-us-001', fields: ['summary'] });
    expect(keysOf(found)).toEqual(['INFRA-101']);
  });
});

describe('data center flavour', () => {
  test('stories join epics through Epic Link, bodies are strings, /rest/api/2/search pages with startAt/total', async () => {
    const jira = await start({ flavor: 'datacenter', pageSize: 2 });
    const created = await call(jira, 'POST', '/rest/api/2/issue/bulk', {
      issueUpdates: ['One', 'Two', 'Three'].map((summary) => ({ fields: { project: { key: 'INFRA' }, issuetype: { name: 'Story' }, summary, description: 'h3. Story\n* item', customfield_10014: 'INFRA-100' } })),
    }, BEARER);
    expect(created.status).toBe(201);
    expect(jira.issues.get('INFRA-103')?.fields.customfield_10014).toBe('INFRA-100');
    const parentOnStory = await call(jira, 'POST', '/rest/api/2/issue', { fields: { ...storyFields('P') } }, BEARER);
    expect((parentOnStory.json as { errors: Record<string, string> }).errors.parent).toContain('cannot be set');

    const page = await call(jira, 'POST', '/rest/api/2/search', { jql: '"Epic Link" = INFRA-100 ORDER BY key', startAt: 2, maxResults: 10, fields: ['summary', 'customfield_10014'] }, BEARER);
    expect(page.json).toMatchObject({ startAt: 2, maxResults: 2, total: 3, issues: [{ key: 'INFRA-103', fields: { summary: 'Three', customfield_10014: 'INFRA-100' } }] });
    const comment = await call(jira, 'POST', '/rest/api/2/issue/INFRA-101/comment', { body: 'wiki *text*' }, BEARER);
    expect(comment.status).toBe(201);
    expect((await call(jira, 'POST', '/rest/api/2/search/jql', { jql: 'project = INFRA' }, BEARER)).status).toBe(404);
    expect(jira.violations).toEqual([expect.stringContaining('not a Data Center endpoint')]);
  });
});
