/** The two transports against a real loopback server. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestUrlParam, RequestUrlResponse } from 'obsidian';
import { errorFromTransport } from '../../../src/sync/errors';
import { TransportError } from '../../../src/sync/http';
import { nodeFetchHttp } from '../../../src/sync/transport/node-fetch';
import { obsidianHttp } from '../../../src/sync/transport/obsidian';

let server: Server;
let base: string;
const seen: { method?: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    request.on('end', () => {
      seen.push({ method: request.method, headers: request.headers, body });
      if (request.url === '/slow') return; // never answers
      if (request.url === '/drop') { request.socket.destroy(); return; }
      response.writeHead(request.url === '/missing' ? 404 : 200, { 'Content-Type': 'application/json', 'X-Custom-Header': 'Yes' });
      response.end(JSON.stringify({ echo: body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const http = nodeFetchHttp({ fetch: (url, init) => fetch(url, init) });

test('node fetch: any status comes back as a response with lower-case headers', async () => {
  const ok = await http({ url: `${base}/x`, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });
  expect(ok.status).toBe(200);
  expect(ok.headers['x-custom-header']).toBe('Yes');
  expect(JSON.parse(ok.text)).toEqual({ echo: '{"a":1}' });
  expect((await http({ url: `${base}/missing`, method: 'GET', headers: {} })).status).toBe(404);
});

test('node fetch: no response is a TransportError naming only the host', async () => {
  const dropped = http({ url: `${base}/drop`, method: 'GET', headers: { Authorization: 'Bearer secret-value-123' } });
  await expect(dropped).rejects.toBeInstanceOf(TransportError);
  await expect(dropped).rejects.toMatchObject({ failure: 'network' });
  await expect(dropped).rejects.not.toThrow(/secret-value-123/);
  const slow = http({ url: `${base}/slow`, method: 'GET', headers: {}, timeoutMs: 100 });
  await expect(slow).rejects.toMatchObject({ failure: 'timeout' });
});

test('node fetch: a refused connection and a closed socket say which (never "no answer" alone)', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const refused = http({ url: `http://127.0.0.1:${port}/x`, method: 'GET', headers: {} });
  await expect(refused).rejects.toMatchObject({ failure: 'network', reason: 'refused', message: `Could not reach 127.0.0.1:${port}: connection refused` });
  await expect(http({ url: `${base}/drop`, method: 'GET', headers: {} })).rejects.toMatchObject({ reason: 'reset', message: expect.stringContaining('connection closed without an answer') });
  await expect(http({ url: `${base}/slow`, method: 'GET', headers: {}, timeoutMs: 100 })).rejects.toMatchObject({ message: expect.stringContaining('within 0.1 s (the request timeout)') });
});

test('obsidian requestUrl: always throw: false, headers lower-cased, rejections become TransportErrors', async () => {
  const calls: RequestUrlParam[] = [];
  // A requestUrl-shaped function over a real request to the loopback server.
  const requestUrl = async (param: RequestUrlParam): Promise<RequestUrlResponse> => {
    calls.push(param);
    const response = await fetch(param.url, { method: param.method, headers: param.headers, body: typeof param.body === 'string' ? param.body : undefined });
    const text = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => { headers[name.toUpperCase()] = value; });
    return { status: response.status, headers, text, json: JSON.parse(text) as unknown, arrayBuffer: new ArrayBuffer(0) };
  };
  const transport = obsidianHttp(requestUrl);
  const response = await transport({ url: `${base}/missing`, method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  expect(response.status).toBe(404);
  expect(response.headers['x-custom-header']).toBe('Yes');
  expect(calls[0]?.throw).toBe(false);
  expect(calls[0]?.contentType).toBe('application/json');
  const failing = obsidianHttp(async () => { throw new Error('net::ERR_CONNECTION_REFUSED Authorization: Basic abc'); });
  const rejected = failing({ url: `${base}/x`, method: 'GET', headers: {} });
  await expect(rejected).rejects.toBeInstanceOf(TransportError);
  await expect(rejected).rejects.not.toThrow(/Basic/);
});

test('obsidian requestUrl: a request the server never answers is raced against the timer and fails with the timeout kind', async () => {
  // Timers run by hand: the test fires the timeout once the server has the request, nothing waits.
  const timers: { callback: () => void; ms: number; cleared: boolean }[] = [];
  const manual = {
    setTimer: (callback: () => void, ms: number): number => timers.push({ callback, ms, cleared: false }) - 1,
    clearTimer: (handle: unknown): void => { const timer = timers[handle as number]; if (timer) timer.cleared = true; },
  };
  const requestUrl = async (param: RequestUrlParam): Promise<RequestUrlResponse> => {
    const response = await fetch(param.url, { method: param.method, headers: param.headers });
    const text = await response.text();
    return { status: response.status, headers: {}, text, json: null, arrayBuffer: new ArrayBuffer(0) };
  };
  const transport = obsidianHttp(requestUrl, manual);
  const before = seen.length;
  const pending = transport({ url: `${base}/slow`, method: 'GET', headers: {}, timeoutMs: 30_000 });
  for (let turn = 0; seen.length === before && turn < 1000; turn++) await new Promise((resolve) => { setImmediate(resolve); });
  expect(seen.length).toBe(before + 1);
  expect(timers).toHaveLength(1);
  expect(timers[0]?.ms).toBe(30_000);
  timers[0]?.callback();
  await expect(pending).rejects.toBeInstanceOf(TransportError);
  await expect(pending).rejects.toMatchObject({ failure: 'timeout' });
  const error = await pending.catch((reason: unknown) => reason);
  expect(errorFromTransport(error, 'read the epic', []).kind).toBe('timeout');
  // An answered request clears its timer; a request without timeoutMs sets none.
  expect((await transport({ url: `${base}/x`, method: 'GET', headers: {}, timeoutMs: 30_000 })).status).toBe(200);
  expect(timers[1]?.cleared).toBe(true);
  await transport({ url: `${base}/x`, method: 'GET', headers: {} });
  expect(timers).toHaveLength(2);
});
