/**
 * The sandbox server: `node:http` on 127.0.0.1:`PORT` (default 4317; 0 picks a free port) serving
 * the page (dist/demo), the plugin's styles.css, the example note, an in-memory Jira Cloud (the
 * sync tests' fake, requests checked against Atlassian's OpenAPI description) on the same origin,
 * `GET /browse/KEY` (an issue's page, where the plugin's issue chips link; see browse-page.ts),
 * `GET /sandbox/tracker` (what the tracker holds), `POST /sandbox/reset` (a fresh tracker),
 * `POST /sandbox/teammate` (a teammate changes an issue in Jira: `{key, status?, storyPoints?,
 * summary?}`, as the tracker panel sends it) and `POST /sandbox/request-url` (Obsidian's `requestUrl` for other origins: made from Node, no CORS).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { adfToPlainText } from '../src/sync/jira/adf-normalise';
import { createFakeJiraHandler, loadJiraContracts, STATUSES, type FakeIssue, type FakeJiraHandler, type JiraContracts, type TeammateChange } from '../testing/fake-jira';
import { BROWSE_PAGE_CSP, issuePageHtml, notFoundPageHtml, type BrowseIssue } from './browse-page';
import { compareKeys } from './tracker-tree';
import type { TrackerIssue } from './tracker-issue';

/** Default port of `npm run demo`. */
export const DEFAULT_PORT = 4317;

/** What the tracker panel shows. */
export interface TrackerState {
  readonly issues: readonly TrackerIssue[];
  readonly requests: number;
  readonly writes: number;
  readonly violations: readonly string[];
  /** The workflow's status names, for the panel's teammate form. */
  readonly statuses: readonly string[];
}


/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** 0 picks a free port. Default `DEFAULT_PORT`. */
  readonly port?: number;
  /** The repository root (with dist/demo, styles.css, examples/). */
  readonly root: string;
  /** The Jira OpenAPI description; default `testing/contracts/jira-cloud-platform.openapi.json` under the root. */
  readonly openApiPath?: string;
}

/** A running sandbox. */
export interface Sandbox {
  readonly url: string;
  /** The embedded tracker (replaced by `POST /sandbox/reset`). */
  tracker(): FakeJiraHandler;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.map': 'application/json',
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function trackerIssue(issue: FakeIssue): TrackerIssue {
  return {
    key: issue.key,
    type: issue.issueType,
    summary: issue.summary,
    status: issue.status,
    parent: issue.parent,
    storyPoints: issue.storyPoints,
    priority: issue.priority,
    labels: issue.labels,
  };
}

function trackerState(jira: FakeJiraHandler): TrackerState {
  const issues = [...jira.issues.values()].map(trackerIssue);
  issues.sort((a, b) => compareKeys(a.key, b.key));
  return { issues, requests: jira.requests.length, writes: jira.writes().length, violations: jira.violations, statuses: STATUSES.map((status) => status.name) };
}

function browseIssue(issue: FakeIssue): BrowseIssue {
  // Cloud keeps descriptions as ADF, Data Center as wiki text: the page shows plain text either way.
  const description = issue.description === null ? '' : typeof issue.description === 'string' ? issue.description : adfToPlainText(issue.description);
  return { ...trackerIssue(issue), description };
}

/** `GET /browse/KEY`: the issue's page, or a 404 page naming the keys the tracker holds. */
function sendIssuePage(res: ServerResponse, jira: FakeJiraHandler, encodedKey: string, method: string): void {
  let key = encodedKey;
  try {
    key = decodeURIComponent(encodedKey);
  } catch {
    // A malformed escape is no key the tracker holds: the 404 page shows it as sent.
  }
  // Jira's browse links ignore the case of the key.
  const issue = jira.issues.get(key) ?? jira.issues.get(key.toUpperCase());
  const all = [...jira.issues.values()];
  let html: string;
  if (issue) {
    const parent = issue.parent === null ? undefined : jira.issues.get(issue.parent);
    html = issuePageHtml(browseIssue(issue), {
      parent: parent ? browseIssue(parent) : null,
      children: all.filter((other) => other.parent === issue.key).map(browseIssue),
    });
  } else {
    html = notFoundPageHtml(key, all.map((other) => other.key));
  }
  res.writeHead(issue ? 200 : 404, { 'content-type': TYPES['.html'] ?? 'text/html', 'cache-control': 'no-store', 'content-security-policy': BROWSE_PAGE_CSP, 'x-content-type-options': 'nosniff' });
  res.end(method === 'HEAD' ? undefined : html);
}

/**
 * `POST /sandbox/teammate`: a teammate changes an issue in Jira's own screens (status, points,
 * summary), so a person can try a two-way sync. Same origin and JSON only, like the relay.
 */
async function teammateChange(req: IncomingMessage, res: ServerResponse, jira: FakeJiraHandler, origin: string): Promise<void> {
  const from = req.headers.origin;
  if ((from !== undefined && from !== origin) || !/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
    sendJson(res, 403, { error: 'Only the sandbox page changes issues, with JSON.' });
    return;
  }
  let body: Record<string, unknown>;
  try {
    const parsed = JSON.parse(await readBody(req)) as unknown;
    body = typeof parsed === 'object' && parsed !== null ? parsed as Record<string, unknown> : {};
  } catch {
    sendJson(res, 400, { error: 'Send a JSON object.' });
    return;
  }
  const change: TeammateChange = {};
  if (typeof body.status === 'string') change.status = body.status;
  if (typeof body.summary === 'string') change.summary = body.summary;
  if (typeof body.storyPoints === 'number' || body.storyPoints === null) change.storyPoints = body.storyPoints;
  if (typeof body.key !== 'string' || Object.keys(change).length === 0) {
    sendJson(res, 400, { error: 'Name an issue and a status, story points or a summary.' });
    return;
  }
  const outcome = jira.teammateChange(body.key, change);
  if (!outcome.ok) sendJson(res, 400, { error: outcome.message });
  else sendJson(res, 200, trackerIssue(outcome.issue));
}

/**
 * Relays one request for the page's `requestUrl` to another origin (a real Jira). Accepted only
 * from the page itself (same origin, JSON body) and only for http(s) URLs.
 */
async function relay(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
  const from = req.headers.origin;
  if (from !== undefined && from !== origin) {
    sendJson(res, 403, { error: 'The relay serves the sandbox page only.' });
    return;
  }
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
    sendJson(res, 415, { error: 'Send JSON.' });
    return;
  }
  const request = JSON.parse(await readBody(req)) as { url?: unknown; method?: unknown; headers?: unknown; body?: unknown };
  if (typeof request.url !== 'string' || !/^https?:\/\//.test(request.url)) {
    sendJson(res, 400, { error: 'Only http and https URLs.' });
    return;
  }
  try {
    const response = await fetch(request.url, {
      method: typeof request.method === 'string' ? request.method : 'GET',
      headers: (request.headers ?? {}) as Record<string, string>,
      body: typeof request.body === 'string' ? request.body : undefined,
      redirect: 'follow',
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => { headers[name] = value; });
    sendJson(res, 200, { status: response.status, headers, text: await response.text() });
  } catch {
    // No response at all: the page's requestUrl rejects, as Obsidian's does.
    sendJson(res, 502, { error: `Could not reach ${new URL(request.url).host}` });
  }
}

/** Starts the sandbox; resolves once it listens. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const root = resolve(options.root);
  const pageDir = join(root, 'dist', 'demo');
  const openApiPath = options.openApiPath ?? resolve(root, 'testing', 'contracts', 'jira-cloud-platform.openapi.json');
  if (!existsSync(openApiPath)) {
    throw new Error(`The Jira OpenAPI description is missing: ${openApiPath}\nThe sandbox's tracker checks every request against it; it is committed in testing/contracts; restore it from git.`);
  }
  if (!existsSync(join(pageDir, 'page.js'))) throw new Error(`${join(pageDir, 'page.js')} is missing: run \`node demo/build.mjs\` first.`);
  const files: Readonly<Record<string, string>> = {
    '/': join(pageDir, 'index.html'),
    '/index.html': join(pageDir, 'index.html'),
    '/page.js': join(pageDir, 'page.js'),
    '/page.js.map': join(pageDir, 'page.js.map'),
    '/browse.js': join(pageDir, 'browse.js'),
    '/sandbox.css': join(pageDir, 'sandbox.css'),
    '/styles.css': join(root, 'styles.css'),
    '/examples/postgres-to-crdb.md': join(root, 'examples', 'postgres-to-crdb.md'),
  };
  const contracts: JiraContracts = loadJiraContracts(openApiPath);
  let origin = '';
  const newTracker = (): FakeJiraHandler => createFakeJiraHandler({ baseUrl: () => origin, validate: true, openApiPath, contracts });
  let jira = newTracker();

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (jira.handle(req, res)) return;
    const path = new URL(req.url ?? '/', origin).pathname;
    const method = req.method ?? 'GET';
    if (path === '/sandbox/tracker' && method === 'GET') {
      sendJson(res, 200, trackerState(jira));
      return;
    }
    if (path === '/sandbox/teammate' && method === 'POST') {
      await teammateChange(req, res, jira, origin);
      return;
    }
    if (path === '/sandbox/reset' && method === 'POST') {
      jira = newTracker();
      sendJson(res, 200, trackerState(jira));
      return;
    }
    const browse = /^\/browse\/([^/]+)$/.exec(path);
    if (browse?.[1] !== undefined && (method === 'GET' || method === 'HEAD')) {
      sendIssuePage(res, jira, browse[1], method);
      return;
    }
    if (path === '/sandbox/request-url' && method === 'POST') {
      await relay(req, res, origin);
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = files[path];
    if ((method !== 'GET' && method !== 'HEAD') || file === undefined || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? TYPES['.html'] ?? 'text/html', 'cache-control': 'no-store' });
    res.end(method === 'HEAD' ? undefined : readFileSync(file));
  };

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: error instanceof Error ? error.message : 'internal error' });
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, '127.0.0.1', () => resolveListen());
  });
  origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return {
    url: `${origin}/`,
    tracker: () => jira,
    close: () => new Promise<void>((resolveClose) => {
      server.closeAllConnections();
      server.close(() => resolveClose());
    }),
  };
}

/** `node dist/demo/server.js`: the repository root is two folders up. */
async function main(): Promise<void> {
  const portText = process.env.PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`PORT must be a port number (0 picks a free one), not "${portText}".\n`);
    process.exit(2);
  }
  try {
    const sandbox = await startSandbox({ port, root: resolve(__dirname, '..', '..') });
    process.stdout.write(`Spectryn sandbox: ${sandbox.url}\n`);
    const stop = (): void => { void sandbox.close().then(() => process.exit(0)); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Spectryn sandbox could not start: ${message}\n`);
    process.exit(1);
  }
}

if (require.main === module) void main();
