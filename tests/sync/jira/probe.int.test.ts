/**
 * The connection probe against a real HTTP server on 127.0.0.1 that answers like Jira (Cloud v3
 * with Basic auth, Data Center v2 with a bearer token), step by step; and against the fake Jira,
 * next to a sync: both find the same story points field and both refuse plain http to a remote host.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeReport } from '../../../src/settings/connection-test';
import { TrackerError } from '../../../src/sync/errors';
import type { HttpRequest } from '../../../src/sync/http';
import type { JiraConfig } from '../../../src/sync/jira/config';
import { probeJiraConnection } from '../../../src/sync/jira/probe';
import { JiraTracker } from '../../../src/sync/jira/tracker';
import { nodeFetchHttp } from '../../../src/sync/transport/node-fetch';
import { http, instantClock, startFake, trackerFor } from '../helpers';

const TOKEN = 'tok-SECRET-9f8e7d';
const EMAIL = 'dev@example.com';

interface JiraLike {
  projects: string[];
  fields: { id: string; name: string }[];
  version: '2' | '3';
  htmlOnly?: boolean;
}

function authorised(req: IncomingMessage, version: '2' | '3'): boolean {
  const header = req.headers.authorization ?? '';
  if (version === '3') return header === `Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64')}`;
  return header === `Bearer ${TOKEN}`;
}

function startJiraLike(state: JiraLike): Promise<{ url: string; server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (state.htmlOnly) { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html>hello</html>'); return; }
    const prefix = `/rest/api/${state.version}`;
    if (!req.url?.startsWith(prefix)) { send(404, { errorMessages: ['Not found'] }); return; }
    if (!authorised(req, state.version)) { send(401, { errorMessages: ['Unauthorized'] }); return; }
    const path = req.url.slice(prefix.length);
    if (path === '/myself') { send(200, { accountId: 'a1', displayName: 'Dev Person' }); return; }
    const project = /^\/project\/([^/]+)$/.exec(path);
    if (project) {
      const key = decodeURIComponent(project[1] ?? '');
      if (state.projects.includes(key)) send(200, { key, id: '10000' }); else send(404, { errorMessages: ['No project'] });
      return;
    }
    if (path === '/field') { send(200, state.fields); return; }
    send(404, {});
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests });
  }));
}

const cloudFields = [{ id: 'summary', name: 'Summary' }, { id: 'customfield_10016', name: 'Story point estimate' }];

describe('probeJiraConnection over a loopback server', () => {
  const probe = { test: (config: JiraConfig) => probeJiraConnection({ config, http: nodeFetchHttp({ fetch }), clock: instantClock() }) };
  let jira: Awaited<ReturnType<typeof startJiraLike>>;
  let state: JiraLike;
  const config = (over: Partial<JiraConfig> = {}): JiraConfig => ({
    flavor: 'cloud', siteUrl: jira.url, email: EMAIL, token: TOKEN, projectKey: 'INFRA', storyPointsField: '', ...over,
  });

  beforeEach(async () => {
    state = { projects: ['INFRA'], fields: cloudFields, version: '3' };
    jira = await startJiraLike(state);
  });
  afterEach(() => new Promise<void>((resolve) => { jira.server.close(() => resolve()); }));

  it('passes every step and finds the story points field by name', async () => {
    const report = await probe.test(config());
    expect(report.ok).toBe(true);
    expect(report.failedStep).toBeNull();
    expect(report.steps.map((s) => s.step)).toEqual(['url', 'auth', 'project', 'fields']);
    expect(report.storyPointsField).toBe('customfield_10016');
    expect(describeReport(report)).toContain('Signed in as Dev Person');
    expect(jira.requests).toEqual(['GET /rest/api/3/myself', 'GET /rest/api/3/project/INFRA', 'GET /rest/api/3/field']);
  });

  it('accepts a configured field id and rejects an unknown one', async () => {
    expect((await probe.test(config({ storyPointsField: 'customfield_10016' }))).ok).toBe(true);
    const report = await probe.test(config({ storyPointsField: 'customfield_99999' }));
    expect(report.failedStep).toBe('fields');
    expect(describeReport(report)).toMatch(/^Fields failed: Field customfield_99999 does not exist/);
  });

  it('fails at fields when no field is named like story points', async () => {
    state.fields = [{ id: 'summary', name: 'Summary' }];
    const report = await probe.test(config());
    expect(report.failedStep).toBe('fields');
    expect(report.steps.filter((s) => s.ok).map((s) => s.step)).toEqual(['url', 'auth', 'project']);
  });

  it('fails at url for a malformed address, an unreachable port and a site that is not Jira', async () => {
    expect((await probe.test(config({ siteUrl: 'not a url' }))).failedStep).toBe('url');
    expect((await probe.test(config({ siteUrl: 'ftp://127.0.0.1' }))).failedStep).toBe('url');
    const closed = await startJiraLike(state);
    await new Promise<void>((resolve) => { closed.server.close(() => resolve()); });
    const unreachable = await probe.test(config({ siteUrl: closed.url }));
    expect(unreachable.failedStep).toBe('url');
    expect(describeReport(unreachable)).toContain('Could not reach');
    state.htmlOnly = true;
    const notJira = await probe.test(config());
    expect(notJira.failedStep).toBe('url');
    expect(describeReport(notJira)).toContain('not as Jira');
  });

  it('fails at auth for a wrong token, a missing token and a missing email', async () => {
    const wrong = await probe.test(config({ token: 'nope' }));
    expect(wrong.failedStep).toBe('auth');
    expect(describeReport(wrong)).toBe('Sign-in failed: Jira refused the email and API token.');
    expect((await probe.test(config({ token: '' }))).failedStep).toBe('auth');
    expect((await probe.test(config({ email: '' }))).failedStep).toBe('auth');
  });

  it('fails at project for an unknown key', async () => {
    const report = await probe.test(config({ projectKey: 'NOPE' }));
    expect(report.failedStep).toBe('project');
    expect(describeReport(report)).toContain('Project NOPE does not exist');
  });

  it('talks REST v2 with a bearer token to Data Center', async () => {
    state.version = '2';
    const report = await probe.test(config({ flavor: 'datacenter', email: '' }));
    expect(report.ok).toBe(true);
    expect(jira.requests[0]).toBe('GET /rest/api/2/myself');
    const wrong = await probe.test(config({ flavor: 'datacenter', token: 'bad' }));
    expect(describeReport(wrong)).toBe('Sign-in failed: Jira refused the personal access token.');
  });

  it('never puts the token in any message', async () => {
    const runs = [config(), config({ token: `${TOKEN}x` }), config({ projectKey: 'NOPE' }), config({ siteUrl: 'http://127.0.0.1:1' })];
    for (const run of runs) {
      const report = await probe.test(run);
      const text = JSON.stringify(report) + describeReport(report);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64'));
    }
  });
});

describe('the probe and the sync on the same fake Jira', () => {
  /** Node's fetch, recording every URL it is asked to send. */
  function recordingHttp(): { sent: string[]; send: (request: HttpRequest) => ReturnType<typeof http> } {
    const sent: string[] = [];
    return { sent, send: (request) => { sent.push(request.url); return http(request); } };
  }

  it.each([
    ['Story Points', 'customfield_10016'],
    ['Story point estimate', 'customfield_10016'],
    ['Story Points Estimate', null],
  ])('agree on the story points field when the site names it "%s"', async (name, expected) => {
    const fake = await startFake({ storyPointsFieldId: 'customfield_10016', storyPointsFieldName: name });
    try {
      const tracker = trackerFor(fake);
      const remote = await tracker.read('INFRA-100');
      const report = await probeJiraConnection({ config: { flavor: 'cloud', siteUrl: fake.url, email: 'dev@example.com', token: 'fake-token-123', projectKey: 'INFRA' }, http, clock: instantClock() });
      expect(remote.storyPointsField).toBe(expected);
      expect(report.storyPointsField).toBe(expected);
      expect(report.ok).toBe(expected !== null);
      if (expected === null) expect(report.failedStep).toBe('fields');
      expect(fake.violations).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('both refuse plain http to a remote host before sending anything, and both accept it for this machine', async () => {
    const remote: JiraConfig = { flavor: 'cloud', siteUrl: 'http://jira.example.com', email: 'dev@example.com', token: 'fake-token-123', projectKey: 'INFRA' };
    const transport = recordingHttp();
    const report = await probeJiraConnection({ config: remote, http: transport.send, clock: instantClock() });
    expect(report.failedStep).toBe('url');
    expect(describeReport(report)).toContain('must use https');
    const tracker = new JiraTracker({ config: remote, http: transport.send, clock: instantClock() });
    const syncError = await tracker.read('INFRA-100').then(() => null, (error: unknown) => error);
    expect(syncError).toBeInstanceOf(TrackerError);
    expect((syncError as TrackerError).message).toContain('must use https');
    expect(transport.sent).toEqual([]);
    const local = await probeJiraConnection({ config: { ...remote, siteUrl: 'http://localhost:1' }, http: transport.send, clock: instantClock() });
    expect(local.failedStep).toBe('url');
    expect(describeReport(local)).toContain('Could not reach');
    expect(transport.sent).toEqual(['http://localhost:1/rest/api/3/myself']);
  });
});
