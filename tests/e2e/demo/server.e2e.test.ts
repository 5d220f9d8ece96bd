/**
 * The sandbox server as `npm run demo` starts it (`node dist/demo/server.js`, built by
 * `node demo/build.mjs`): the printed URL, the page and its files, the built-in Jira on the same
 * origin (auth, OpenAPI checks), its issue pages (`/browse/KEY`, escaped, 404 for unknown keys),
 * the tracker panel's endpoint, the `requestUrl` relay, and the errors a newcomer can meet (bad
 * PORT, port taken, OpenAPI description missing).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startSandbox } from '../../../demo/server';

const SERVER = join(process.cwd(), 'dist', 'demo', 'server.js');
const BASIC = `Basic ${Buffer.from('dev@example.com:fake-token-123').toString('base64')}`;

jest.setTimeout(30_000);

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
}

/** Starts the built server with `env`; resolves with the URL it prints. */
function startServer(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [SERVER], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /^Spectryn sandbox: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${String(code)} before printing its URL: ${out}`)));
  });
}

/** Runs the built server until it exits; resolves with its exit code and stderr. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [SERVER], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  return new Promise((resolve) => { child.on('exit', (code) => resolve({ code, stderr })); });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('node dist/demo/server.js', () => {
  let started: Started;

  beforeAll(async () => {
    started = await startServer({ PORT: '0' });
  });

  afterAll(async () => {
    await expect(stop(started.child)).resolves.toBe(0);
  });

  test('prints its URL and serves the page, the plugin styles and the example note', async () => {
    const page = await fetch(started.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<script src="page.js"></script>');
    expect(html).toContain('href="styles.css"');
    for (const path of ['page.js', 'sandbox.css', 'styles.css', 'examples/postgres-to-crdb.md']) {
      expect((await fetch(new URL(path, started.url))).status).toBe(200);
    }
    const note = await (await fetch(new URL('examples/postgres-to-crdb.md', started.url))).text();
    expect(note).toContain('US-001: Schema Compatibility Analysis');
    expect((await fetch(new URL('nothing-here', started.url))).status).toBe(404);
  });

  test('answers as Jira Cloud on the same origin, with its sign-in and its API contract', async () => {
    const myself = new URL('rest/api/3/myself', started.url);
    expect((await fetch(myself)).status).toBe(401);
    const ok = await fetch(myself, { headers: { Authorization: BASIC } });
    expect(ok.status).toBe(200);
    await expect(ok.json()).resolves.toMatchObject({ emailAddress: 'dev@example.com' });
    const epic = await fetch(new URL('rest/api/3/issue/INFRA-100', started.url), { headers: { Authorization: BASIC } });
    await expect(epic.json()).resolves.toMatchObject({ key: 'INFRA-100', fields: { issuetype: { name: 'Epic' } } });
    // A body that breaks the OpenAPI description is refused, and the panel's endpoint counts it.
    const bad = await fetch(new URL('rest/api/3/issue', started.url), { method: 'POST', headers: { Authorization: BASIC, 'Content-Type': 'application/json' }, body: JSON.stringify({ fields: 'nope' }) });
    expect(bad.status).toBe(400);
    const state = await (await fetch(new URL('sandbox/tracker', started.url))).json() as { issues: { key: string }[]; violations: string[] };
    expect(state.issues.map((issue) => issue.key)).toEqual(['INFRA-100']);
    expect(state.violations.length).toBeGreaterThan(0);
    const reset = await (await fetch(new URL('sandbox/reset', started.url), { method: 'POST' })).json() as { violations: string[] };
    expect(reset.violations).toEqual([]);
  });

  test('serves an issue page per key, escaping what the issue holds, and a 404 page for unknown keys', async () => {
    const api = (path: string, body: unknown): Promise<Response> => fetch(new URL(path, started.url), { method: 'POST', headers: { Authorization: BASIC, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const hostile = '<img src=x onerror="alert(1)"> & \'quoted\'';
    const doc = (text: string): unknown => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
    const story = await api('rest/api/3/issue', { fields: { project: { key: 'INFRA' }, issuetype: { name: 'Story' }, summary: `Story ${hostile}`, parent: { key: 'INFRA-100' }, labels: ['spectryn-us-009'], customfield_10042: 1, description: doc(`Described ${hostile}`) } });
    expect(story.status).toBe(201);
    const storyKey = (await story.json() as { key: string }).key;
    const subtask = await api('rest/api/3/issue', { fields: { project: { key: 'INFRA' }, issuetype: { name: 'Sub-task' }, summary: '<b>child</b>', parent: { key: storyKey } } });
    expect(subtask.status).toBe(201);
    const subtaskKey = (await subtask.json() as { key: string }).key;
    try {
      const page = await fetch(new URL(`browse/${storyKey}`, started.url));
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await page.text();
      expect(html).toContain('<h1 class="sandbox-browse-summary">Story &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;quoted&#39;</h1>');
      expect(html).toContain('Described &lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
      expect(html).not.toContain('<img');
      expect(html).not.toContain('<b>child');
      expect(html).toContain('<dd data-field="type">Story</dd>');
      expect(html).toContain('<dd data-field="points">1</dd>');
      expect(html).toContain('<a class="sandbox-browse-key" href="/browse/INFRA-100">INFRA-100</a> <span class="sandbox-browse-parent-summary">Database Migration: PostgreSQL to CockroachDB</span>');
      expect(html).toContain('<span class="sandbox-browse-label">spectryn-us-009</span>');
      expect(html).toMatch(new RegExp(`<li class="sandbox-browse-child" data-key="${subtaskKey}"[^>]*>.*&lt;b&gt;child&lt;/b&gt;`));
      // The epic's page lists its stories; keys are case-insensitive, as in Jira.
      const epic = await fetch(new URL('browse/infra-100', started.url));
      expect(epic.status).toBe(200);
      expect(await epic.text()).toContain(`data-key="${storyKey}"`);
      expect((await fetch(new URL(`browse/${storyKey}`, started.url), { method: 'HEAD' })).status).toBe(200);

      for (const missing of ['INFRA-999', '%3Cscript%3Ex', '%E0%A4%A']) {
        const notFound = await fetch(new URL(`browse/${missing}`, started.url));
        expect(notFound.status).toBe(404);
        expect(notFound.headers.get('content-type')).toMatch(/^text\/html/);
        const text = await notFound.text();
        expect(text).toContain('Issue not found');
        expect(text).not.toContain('<script>x');
        expect(text).toContain(`<a class="sandbox-browse-key" href="/browse/${subtaskKey}">${subtaskKey}</a>`);
      }
      expect(await (await fetch(new URL('browse/INFRA-999', started.url))).text()).toContain('holds no issue <code>INFRA-999</code>');
      expect(await (await fetch(new URL('browse/%3Cscript%3Ex', started.url))).text()).toContain('holds no issue <code>&lt;script&gt;x</code>');
      // The pages' theme script is served.
      expect((await fetch(new URL('browse.js', started.url))).status).toBe(200);
    } finally {
      await fetch(new URL('sandbox/reset', started.url), { method: 'POST' });
    }
  });

  test('relays requestUrl calls to other sites for the page only', async () => {
    const other: Server = createServer((req, res) => {
      res.writeHead(418, { 'content-type': 'text/plain', 'x-seen-auth': req.headers.authorization ?? '' }).end('from elsewhere');
    });
    await new Promise<void>((resolve) => { other.listen(0, '127.0.0.1', resolve); });
    const target = `http://127.0.0.1:${String((other.address() as AddressInfo).port)}/x`;
    try {
      const relay = new URL('sandbox/request-url', started.url);
      const body = JSON.stringify({ url: target, method: 'GET', headers: { Authorization: 'Bearer t' } });
      const answer = await fetch(relay, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      expect(answer.status).toBe(200);
      await expect(answer.json()).resolves.toMatchObject({ status: 418, text: 'from elsewhere', headers: { 'x-seen-auth': 'Bearer t' } });
      const foreign = await fetch(relay, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' }, body });
      expect(foreign.status).toBe(403);
      const notJson = await fetch(relay, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body });
      expect(notJson.status).toBe(415);
    } finally {
      other.close();
    }
  });
});

test('a PORT that is not a port number stops with a message', async () => {
  const { code, stderr } = await runToExit({ PORT: 'eighty' });
  expect(code).toBe(2);
  expect(stderr).toContain('PORT must be a port number (0 picks a free one), not "eighty".');
});

test('a port already in use stops with a message', async () => {
  const taken: Server = createServer();
  await new Promise<void>((resolve) => { taken.listen(0, '127.0.0.1', resolve); });
  try {
    const { code, stderr } = await runToExit({ PORT: String((taken.address() as AddressInfo).port) });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Spectryn sandbox could not start: .*EADDRINUSE/m);
  } finally {
    taken.close();
  }
});

test('a missing OpenAPI description is named in the error', async () => {
  await expect(startSandbox({ port: 0, root: process.cwd(), openApiPath: '/nowhere/jira.json' })).rejects.toThrow('The Jira OpenAPI description is missing: /nowhere/jira.json');
});
