/**
 * A tracker that accepts connections and never answers (issue 11, item 10): the request timeout is
 * stated in the error, and every retry is said as it starts, so a long wait is never silent. The
 * timeout is set short here (0.3 s), the retries' pauses pass on the injected clock.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JiraTracker } from '../../../src/sync/jira/tracker';
import { http, instantClock, MemoryNote, seedNote, sync } from '../helpers';

let server: Server;
let host = '';
let received = 0;

beforeAll(async () => {
  server = createServer(() => { received++; });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('a server that never answers: exit 4, the timeout named, each retry said, the note untouched', async () => {
  const notices: string[] = [];
  const tracker = new JiraTracker({
    config: { flavor: 'cloud', siteUrl: `http://${host}`, email: 'dev@example.com', token: 'fake-token-123', projectKey: 'INFRA' },
    http,
    clock: instantClock(),
    requestTimeoutMs: 300,
    notice: (message) => notices.push(message),
  });
  const note = new MemoryNote(seedNote());
  const before = note.text;
  const result = await sync(note, tracker);
  expect(result.exitCode).toBe(4);
  expect(result.errors.join('\n')).toContain(`read the field list failed: No answer from ${host} within 0.3 s (the request timeout)`);
  expect(notices).toEqual([
    `read the field list: No answer from ${host} within 0.3 s (the request timeout); trying again in 0.5 s (attempt 2 of 3).`,
    `read the field list: No answer from ${host} within 0.3 s (the request timeout); trying again in 1 s (attempt 3 of 3).`,
  ]);
  expect(received).toBe(3);
  expect(note.text).toBe(before);
}, 60_000);
