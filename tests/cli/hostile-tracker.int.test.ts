/**
 * Trackers that are not what they claim, or stop answering (issue 11, items 8 and 10), through the
 * command line against real servers on 127.0.0.1: a sign-in page answering `200 text/html`, `{}`,
 * JSON of another shape, a 404 on the field list, a 400 on the first read, credentials inside
 * `JIRA_URL`, a self-signed TLS certificate, a site that drops every connection mid-run, and a
 * `Retry-After` of an hour. Each checks the exit code, the message, and the note (untouched, or
 * holding only the keys of issues really created).
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { EpicReport } from '../../src/model/report';
import { createFakeJiraHandler, loadJiraContracts, type FakeJiraHandler, type JiraContracts } from '../../testing/fake-jira';
import { cli, REPO_ROOT, tempDir } from './harness';

const TOKEN = 'fake-token-123';
const LOGIN_PAGE = '<!doctype html><html><head><title>Sign in</title></head><body><form action="/login">SSO-SECRET-FORM-MARKER</form></body></html>';
const TLS_DIR = join(REPO_ROOT, 'tests/fixtures/tls');

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let contracts: JiraContracts;
let dir: string;
let cleanup: () => void;
let note: string;
const servers: Server[] = [];

beforeAll(() => { contracts = loadJiraContracts(); });
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  note = join(dir, 'postgres-to-crdb.md');
  copyFileSync(join(REPO_ROOT, 'examples/postgres-to-crdb.md'), note);
});
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  cleanup();
});

/** An HTTP server on 127.0.0.1 answering with `handler`; closed after the test. */
async function serve(handler: Handler, server: Server = createServer(handler)): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const envFor = (url: string): Record<string, string> => ({ JIRA_URL: url, JIRA_EMAIL: 'dev@example.com', JIRA_API_TOKEN: TOKEN });

/** `-x` with write-back and JSON output against `url`. */
async function executeAgainst(url: string, env: Record<string, string> = envFor(url)): Promise<{ code: number; report: EpicReport; stderr: string; all: string }> {
  const run = await cli(['-m', note, '-e', 'INFRA-100', '-x', '--output', 'json'], { env });
  return { code: run.code, report: JSON.parse(run.stdout) as EpicReport, stderr: run.stderr, all: run.stdout + run.stderr };
}

describe('a site that is not Jira (item 8): exit 4, says what was seen, writes nothing into the note', () => {
  const answers: Record<string, { status: number; type: string; body: string; seen: RegExp }> = {
    'an SSO sign-in page (200 text/html)': { status: 200, type: 'text/html; charset=utf-8', body: LOGIN_PAGE, seen: /HTTP 200 with text\/html, not JSON \(\d+ characters, not shown\)/ },
    '{} to every request': { status: 200, type: 'application/json', body: '{}', seen: /an empty JSON object where Jira sends a list/ },
    'JSON of another shape': { status: 200, type: 'application/json', body: '{"status":"ok","data":[1,2,3]}', seen: /a JSON object of 2 fields where Jira sends a list/ },
  };
  for (const [name, answer] of Object.entries(answers)) {
    test(name, async () => {
      const before = readFileSync(note, 'utf8');
      const requests: string[] = [];
      const host = await serve((req, res) => { requests.push(`${req.method} ${req.url}`); res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body); });
      const run = await executeAgainst(`http://${host}`);
      expect(run.code).toBe(4);
      const errors = run.report.errors.join('\n');
      expect(errors).toMatch(/this address does not answer like Jira: read the field list got/i);
      expect(errors).toMatch(answer.seen);
      expect(errors).toMatch(/not a sign-in page/);
      // Never the body, never a claim of success.
      expect(run.all).not.toContain('SSO-SECRET-FORM-MARKER');
      expect(run.all).not.toContain('"status":"ok"');
      expect(run.report.operations.every((operation) => operation.status === 'planned')).toBe(true);
      expect(readFileSync(note, 'utf8')).toBe(before);
      // The first read told: nothing else was asked, nothing created.
      expect(requests).toEqual(['GET /rest/api/3/field']);
    });
  }

  test('a field list that fits but an epic answer of another shape: stops at the epic read', async () => {
    const before = readFileSync(note, 'utf8');
    const host = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(req.url?.startsWith('/rest/api/3/field') === true ? '[]' : '{"message":"hello"}');
    });
    const run = await executeAgainst(`http://${host}`);
    expect(run.code).toBe(4);
    expect(run.report.errors.join('\n')).toMatch(/does not answer like Jira: read the epic INFRA-100 got HTTP 200 with a JSON object of 1 field without "key", "fields"/i);
    expect(readFileSync(note, 'utf8')).toBe(before);
  });

  test('a 404 on the field list says the address is not Jira, not that the epic is missing', async () => {
    const before = readFileSync(note, 'utf8');
    const host = await serve((_req, res) => { res.writeHead(404, { 'content-type': 'text/html' }).end('<html>Not Found</html>'); });
    const run = await executeAgainst(`http://${host}`);
    expect(run.code).toBe(4);
    const errors = run.report.errors.join('\n');
    expect(errors).toMatch(/does not answer like Jira: read the field list got HTTP 404: no Jira REST API at \/rest\/api\/3\/field/i);
    expect(errors).not.toMatch(/epic/i);
    expect(readFileSync(note, 'utf8')).toBe(before);
  });
});

describe('misleading exit codes and messages (item 10)', () => {
  test('a 400 on the first read is a configuration problem (exit 2) with a clear message', async () => {
    const before = readFileSync(note, 'utf8');
    const host = await serve((_req, res) => { res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errorMessages: ['Invalid request.'], errors: {} })); });
    const run = await executeAgainst(`http://${host}`);
    expect(run.code).toBe(2);
    const errors = run.report.errors.join('\n');
    expect(errors).toContain('read the field list was refused as malformed (HTTP 400): Invalid request.');
    expect(errors).toMatch(/Check the site URL .*the kind of Jira/);
    expect(readFileSync(note, 'utf8')).toBe(before);
  });

  test('credentials inside JIRA_URL are refused (exit 2), never echoed, nothing sent', async () => {
    const before = readFileSync(note, 'utf8');
    const requests: string[] = [];
    const host = await serve((req, res) => { requests.push(req.url ?? ''); res.writeHead(500).end(); });
    const run = await executeAgainst(`http://alice:Hunter2-url-password@${host}`);
    expect(run.code).toBe(2);
    const errors = run.report.errors.join('\n');
    expect(errors).toMatch(/holds a user name or password/);
    expect(errors).toMatch(/JIRA_EMAIL and JIRA_API_TOKEN/);
    expect(run.all).not.toContain('Hunter2-url-password');
    expect(run.all).not.toContain('alice');
    expect(requests).toEqual([]);
    expect(readFileSync(note, 'utf8')).toBe(before);
  });

  test('a TLS failure (self-signed certificate) says TLS (certificate), exit 4', async () => {
    const before = readFileSync(note, 'utf8');
    const server = createHttpsServer({
      key: readFileSync(join(TLS_DIR, 'self-signed-127.0.0.1.key.pem')),
      cert: readFileSync(join(TLS_DIR, 'self-signed-127.0.0.1.cert.pem')),
    }, (_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }).end('[]'); });
    const host = await serve(() => undefined, server);
    const run = await executeAgainst(`https://${host}`);
    expect(run.code).toBe(4);
    const errors = run.report.errors.join('\n');
    expect(errors).toContain(`read the field list failed: Could not reach ${host}: TLS (certificate) failure`);
    expect(errors).toMatch(/TLS certificate was refused/);
    expect(readFileSync(note, 'utf8')).toBe(before);
  });
});

describe('a site that stops answering mid-run (item 10)', () => {
  /** The fake Jira inside a server that drops every connection once `dropping` is set. */
  async function fakeThatDrops(): Promise<{ fake: FakeJiraHandler; url: string; drop: () => void; dropped: () => number }> {
    let url = '';
    let dropping = false;
    let dropped = 0;
    const fake = createFakeJiraHandler({ contracts, baseUrl: () => url });
    const host = await serve((req, res) => {
      if (dropping) {
        dropped++;
        req.socket.destroy();
        return;
      }
      if (!fake.handle(req, res)) res.writeHead(404).end();
    });
    url = `http://${host}`;
    return { fake, url, drop: () => { dropping = true; }, dropped: () => dropped };
  }

  test('the connection drops after the stories are created: stop at once, exit 4, the note holds only real keys', async () => {
    const site = await fakeThatDrops();
    // Drop everything once the stories' bulk create has been answered.
    const original = site.fake.handle.bind(site.fake);
    site.fake.handle = (req, res) => {
      const answered = original(req, res);
      if (req.method === 'POST' && req.url?.endsWith('/issue/bulk') === true) res.on('finish', site.drop);
      return answered;
    };
    const run = await executeAgainst(site.url);
    expect(run.code).toBe(4);
    const stories = [...site.fake.issues.values()].filter((issue) => issue.issueType === 'Story');
    expect(stories).toHaveLength(7);
    expect([...site.fake.issues.values()].filter((issue) => issue.issueType === 'Sub-task')).toHaveLength(0);
    // The subtasks' create (never retried), then one label search with its retries: no more.
    expect(site.dropped()).toBeLessThanOrEqual(4);
    const errors = run.report.errors.join('\n');
    expect(errors).toMatch(/^Stopped: .*Could not reach 127\.0\.0\.1:\d+: connection closed without an answer/m);
    expect(run.report.operations.filter((operation) => operation.status === 'done')).toHaveLength(7);
    expect(run.report.operations.filter((operation) => operation.status === 'skipped').every((operation) => operation.reason?.includes('stopped') === true)).toBe(true);
    // Said while it happened: the label search after the unanswered create.
    expect(run.stderr).toContain('spectryn: create 28 issue(s) got no clear answer: looking for them by their spectryn labels for up to 7.5 s');
    // The note: exactly the seven story keys Jira made, no subtask key.
    const text = readFileSync(note, 'utf8');
    const keys = [...text.matchAll(/\bINFRA-\d+\b/g)].map((match) => match[0]).filter((key) => key !== 'INFRA-100');
    expect(new Set(keys)).toEqual(new Set(stories.map((issue) => issue.key)));
    expect(site.fake.violations).toEqual([]);
  });

  test('a Retry-After of an hour mid-run: no wait, stop with the wait named, exit 4, nothing written for the refused creates', async () => {
    const site = await fakeThatDrops();
    site.fake.fail({ method: 'POST', pathIncludes: '/issue/bulk', kind: 'http-429', times: 50, retryAfter: '3600' });
    const before = readFileSync(note, 'utf8');
    const run = await executeAgainst(site.url);
    expect(run.code).toBe(4);
    expect(run.report.errors.join('\n')).toMatch(/^Stopped: create 7 issue\(s\) failed \(HTTP 429\): Rate limit exceeded; Jira asks to wait 1 h \(Retry-After\) before the next request The tracker is rate limiting: sync again once the wait/m);
    expect([...site.fake.issues.values()].filter((issue) => issue.key !== 'INFRA-100')).toHaveLength(0);
    // One create, then the label search found nothing; the subtasks were never tried.
    expect(site.fake.requests.filter((request) => request.path.endsWith('/issue/bulk'))).toHaveLength(1);
    // Nothing was created: no issue key (the epic key of the frontmatter aside) entered the note.
    expect(readFileSync(note, 'utf8').replace(/^---\nepic: INFRA-100\n---\n/, '')).toBe(before);
    expect(site.fake.violations).toEqual([]);
  });
});
